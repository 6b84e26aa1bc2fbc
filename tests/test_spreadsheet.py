"""Tables for spreadsheets: formula-like text neutralised the OWASP way, numbers kept, Chinese kept."""
from __future__ import annotations

import csv
import io

import pandas as pd
import pytest
from openpyxl import load_workbook

from stdkg.spreadsheet import table_text, write_table

INJECTION = '=HYPERLINK("http://x","点击")'
HEADING = "(一)" + INJECTION


def answer_frame() -> pd.DataFrame:
    return pd.DataFrame({
        "section": [HEADING, INJECTION, "+1", "-2 项", "@SUM(A1)", "\tcmd", "\rcmd", "深圳市市场监督管理局"],
        "value": [200.0, -5.0, 3.5, 0.0, -1.25, 7.0, 8.0, 9.0],
        "year": [2020, 2021, 2022, 2023, 2024, 2025, -1, 2026],
        "mixed": [-3, "-3", 4.5, None, "=1+1", "ok", True, "x"],
    })


EXPECTED_SECTION = [HEADING, "'" + INJECTION, "'+1", "'-2 项", "'@SUM(A1)", "'\tcmd", "'\rcmd", "深圳市市场监督管理局"]


def test_csv_neutralises_formulas_and_keeps_chinese_with_a_bom(tmp_path):
    path = write_table(answer_frame(), tmp_path / "a.csv", "csv", bom=True)
    raw = path.read_bytes()
    assert raw.startswith(b"\xef\xbb\xbf")
    with open(path, encoding="utf-8-sig", newline="") as f:
        rows = list(csv.reader(f))
    assert rows[0] == ["section", "value", "year", "mixed"]
    assert [r[0] for r in rows[1:]] == EXPECTED_SECTION
    assert [float(r[1]) for r in rows[1:]] == list(answer_frame()["value"])  # negative numbers: no quote
    assert rows[7][2] == "-1"
    assert [r[3] for r in rows[1:]] == ["-3", "'-3", "4.5", "", "'=1+1", "ok", "True", "x"]


def test_csv_without_bom_or_neutralising_is_verbatim(tmp_path):
    path = write_table(answer_frame(), tmp_path / "b.csv", "csv", excel_safe=False)
    assert not path.read_bytes().startswith(b"\xef\xbb\xbf")
    rows = list(csv.reader(io.StringIO(path.read_text(encoding="utf-8"), newline="")))
    assert rows[2][0] == INJECTION
    assert table_text(answer_frame()).splitlines()[2].startswith("\"'=HYPERLINK")


def test_xlsx_holds_text_not_formulas_and_numbers_as_numbers(tmp_path):
    path = write_table(answer_frame(), tmp_path / "a.xlsx", "xlsx")
    sheet = load_workbook(path).active
    rows = list(sheet.iter_rows(values_only=True))
    assert rows[0] == ("section", "value", "year", "mixed")
    assert [r[0] for r in rows[1:]] == EXPECTED_SECTION
    assert all(c.data_type == "s" for c in next(sheet.iter_cols(min_row=2, max_col=1)))
    assert [r[1] for r in rows[1:]] == list(answer_frame()["value"])
    assert all(isinstance(r[2], int) for r in rows[1:]) and rows[7][2] == -1
    assert [r[3] for r in rows[1:]] == [-3, "'-3", 4.5, None, "'=1+1", "ok", True, "x"]
    assert not [c for row in sheet.iter_rows() for c in row if c.data_type == "f"]


def test_xlsx_never_writes_a_formula_even_unneutralised(tmp_path):
    path = write_table(answer_frame(), tmp_path / "raw.xlsx", "xlsx", excel_safe=False)
    sheet = load_workbook(path).active
    assert sheet["A3"].value == INJECTION and sheet["A3"].data_type == "s"


def test_unknown_format_is_refused(tmp_path):
    with pytest.raises(ValueError, match="xls"):
        write_table(answer_frame(), tmp_path / "a.xls", "xls")
