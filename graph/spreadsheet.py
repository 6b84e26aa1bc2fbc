"""Tables meant for a spreadsheet: a DataFrame as CSV (optionally with a byte-order mark) or xlsx.

Text cells that a spreadsheet would run as a formula (beginning with `=`, `+`,
`-`, `@`, tab or carriage return) get a leading `'`, as the OWASP guidance on
CSV injection advises; numbers stay numbers (a negative number is not text).
Import formats (neo4j-admin CSV, GraphML, JSON-LD) are not written here: they
keep values verbatim. Imports nothing of the package.
"""
from __future__ import annotations

import io
import math
import numbers
from pathlib import Path
from typing import IO, Any, Union

import pandas as pd

FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")
FORMATS = ("csv", "xlsx")
SHEET_TITLE = "stdkg"
Target = Union[str, Path, IO]


def neutralise(value: Any) -> Any:
    """`value` with a leading `'` if it is text a spreadsheet would read as a formula; anything else as is."""
    if isinstance(value, str) and value.startswith(FORMULA_STARTS):
        return "'" + value
    return value


def excel_safe_frame(frame: pd.DataFrame) -> pd.DataFrame:
    """A copy of `frame` with every text cell and column name neutralised; numeric columns untouched."""
    out = frame.copy()
    for column in out.columns:
        if out[column].dtype == object or pd.api.types.is_string_dtype(out[column].dtype):
            out[column] = out[column].map(neutralise)
    out.columns = [neutralise(str(c)) for c in out.columns]
    return out


def _is_number(value: Any) -> bool:
    return isinstance(value, numbers.Number) and not isinstance(value, bool)


def _cell(value: Any) -> Any:
    """A value openpyxl writes as the right cell type: None for missing, numbers as numbers, the rest as text."""
    if value is None or (isinstance(value, float) and math.isnan(value)) or value is pd.NA or value is pd.NaT:
        return None
    if isinstance(value, bool) or _is_number(value):
        return value.item() if hasattr(value, "item") else value
    return str(value)


def _write_xlsx(frame: pd.DataFrame, target: Target) -> None:
    from openpyxl import Workbook
    from openpyxl.cell import WriteOnlyCell

    book = Workbook(write_only=True)
    sheet = book.create_sheet(SHEET_TITLE)

    def row(values: list[Any]) -> list[Any]:
        cells = []
        for v in values:
            cell = WriteOnlyCell(sheet, value=_cell(v))
            if isinstance(cell.value, str):
                cell.data_type = "s"  # text, never a formula, whatever it begins with
            cells.append(cell)
        return cells

    sheet.append(row([str(c) for c in frame.columns]))
    for values in frame.itertuples(index=False, name=None):
        sheet.append(row(list(values)))
    book.save(target)


def write_table(frame: pd.DataFrame, path: Target, fmt: str = "csv", *, excel_safe: bool = True,
                bom: bool = False) -> Target:
    """Write `frame` (no index) to `path` (a path or an open file: text for CSV, binary for xlsx).

    fmt: "csv" (UTF-8; with `bom`, a byte-order mark so Excel reads Chinese right) or
    "xlsx". With `excel_safe`, text cells beginning with = + - @ tab or CR are
    neutralised with a leading `'`; numbers stay numeric.
    """
    if fmt not in FORMATS:
        raise ValueError(f"unknown table format {fmt!r}: expected one of {', '.join(FORMATS)}")
    if excel_safe:
        frame = excel_safe_frame(frame)
    if isinstance(path, (str, Path)):
        Path(path).parent.mkdir(parents=True, exist_ok=True)
    if fmt == "xlsx":
        _write_xlsx(frame, str(path) if isinstance(path, Path) else path)
    elif isinstance(path, (str, Path)):
        frame.to_csv(path, index=False, encoding="utf-8-sig" if bom else "utf-8", lineterminator="\r\n" if bom else "\n")
    else:
        if bom:
            path.write("\ufeff")
        frame.to_csv(path, index=False, lineterminator="\n")
    return path


def table_text(frame: pd.DataFrame, *, excel_safe: bool = True) -> str:
    """The CSV text of `frame` (no index, no byte-order mark), neutralised unless `excel_safe` is False."""
    buffer = io.StringIO()
    write_table(frame, buffer, "csv", excel_safe=excel_safe)
    return buffer.getvalue()
