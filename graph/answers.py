"""Answer files: a question's answer written as a table whose file name records the parameters it answers.

The tables themselves are written by `stdkg.spreadsheet.write_table` (formula cells neutralised)."""
from __future__ import annotations

import re
from pathlib import Path
from typing import Any, Mapping


_UNSAFE = re.compile(r"[\\/:*?\"<>|\s\x00-\x1f]+")


def answer_file_name(question: str, params: Mapping[str, Any], fmt: str = "csv") -> str:
    """`NAME.csv`, or `NAME__k=v__k2=v2.csv` with the parameters sorted by name and made safe for any file system."""
    parts = [question] + [f"{k}={_UNSAFE.sub('_', str(v)).strip('_.')}" for k, v in sorted(params.items())
                          if v is not None and v != ""]
    return "__".join(parts) + f".{fmt}"
