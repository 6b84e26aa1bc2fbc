"""The project's data files, found in one place: `graph/data/`.

`graph/data/registries/` holds the curated registries (cities, departments,
organisations, indicators), `graph/data/vocabulary/` the word lists of the genre
(role words, organisation suffixes, the English glossary), `graph/data/reference/`
the reference slice shipped for builds without `../shared/reference`, and
`graph/data/records/` the corpus records. Every module that needs a data file asks
here, so paths resolve the same way from any working folder. Imports nothing of ours.
"""
from __future__ import annotations

import csv
from functools import lru_cache
from pathlib import Path
from typing import Callable, Iterator, Optional, Sequence

DATA_DIR = Path(__file__).resolve().parent / "data"
REGISTRY_DIR = DATA_DIR / "registries"
VOCABULARY_DIR = DATA_DIR / "vocabulary"
REFERENCE_DIR = DATA_DIR / "reference"
RECORDS_DIR = DATA_DIR / "records"
ADMIN_DIVISIONS = REFERENCE_DIR / "cn_admin_divisions_province_prefecture.csv"


class VocabularyError(ValueError):
    """A vocabulary file that is missing or lacks a column it must have."""


def csv_rows(path: Path, columns: Sequence[str], error: Callable[[Path, Optional[int], str], Exception],
             ) -> Iterator[tuple[int, dict[str, str]]]:
    """(line number, row) of each data row of a UTF-8 CSV file (a byte-order mark is fine); `error(path, line,
    problem)` makes the exception raised for a missing column, a ragged row or text that is not UTF-8."""
    with Path(path).open(encoding="utf-8-sig", newline="") as handle:
        reader = csv.DictReader(handle)
        try:
            header = reader.fieldnames or []
            missing = [c for c in columns if c not in header]
            if missing:
                raise error(path, 1, f"missing column(s) {', '.join(missing)}")
            for row in reader:
                if None in row or any(v is None for v in row.values()):
                    raise error(path, reader.line_num, f"expected {len(header)} fields, found a different number")
                yield reader.line_num, row
        except UnicodeDecodeError:
            raise error(path, reader.line_num + 1, "not UTF-8 (saved as GBK or another code page?): save it as "
                        "UTF-8 (in Excel: CSV UTF-8)") from None


@lru_cache(maxsize=None)
def table(name: str, *columns: str) -> tuple[dict[str, str], ...]:
    """The rows of `graph/data/vocabulary/NAME.csv` (UTF-8, header row; `#` lines are comments),
    checked to have `columns`."""
    path = VOCABULARY_DIR / f"{name}.csv"
    if not path.is_file():
        raise VocabularyError(f"{path}: no such vocabulary file")
    with path.open(encoding="utf-8-sig", newline="") as handle:
        rows = [line for line in handle if line.strip() and not line.lstrip().startswith("#")]
    reader = csv.DictReader(rows)
    missing = [c for c in columns if c not in (reader.fieldnames or [])]
    if missing:
        raise VocabularyError(f"{path}: missing column(s) {', '.join(missing)}")
    return tuple({k: (v or "").strip() for k, v in row.items()} for row in reader)


@lru_cache(maxsize=None)
def words(name: str, column: str = "word", **where: str) -> tuple[str, ...]:
    """One column of a vocabulary table, in file order, optionally only rows where column=value."""
    return tuple(r[column] for r in table(name, column, *where)
                 if r[column] and all(r.get(k) == v for k, v in where.items()))


@lru_cache(maxsize=None)
def pairs(name: str, key: str, value: str) -> tuple[tuple[str, str], ...]:
    """(key, value) pairs of a vocabulary table, in file order."""
    return tuple((r[key], r[value]) for r in table(name, key, value) if r[key])
