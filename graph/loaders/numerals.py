"""Numbers as Chinese policy text writes them: Arabic, Chinese numerals, and mixtures."""
from __future__ import annotations

import re

DIGITS = {"零": 0, "〇": 0, "一": 1, "二": 2, "两": 2, "三": 3, "四": 4, "五": 5, "六": 6, "七": 7, "八": 8, "九": 9}
SMALL_UNITS = {"十": 10, "百": 100, "千": 1000}
LARGE_UNITS = {"万": 10_000, "亿": 100_000_000}

CHINESE_NUMERAL_CHARS = "".join(DIGITS) + "".join(SMALL_UNITS) + "".join(LARGE_UNITS)
ARABIC = r"\d+(?:\.\d+)?"
CHINESE = f"[{CHINESE_NUMERAL_CHARS}]+"


def chinese_to_number(s: str) -> float:
    """Value of a Chinese numeral: 百 → 100, 十五 → 15, 三千二百 → 3200, 二〇二五 → 2025.

    Raises ValueError for a string that is not a numeral.
    """
    if not s or any(ch not in CHINESE_NUMERAL_CHARS for ch in s):
        raise ValueError(f"not a Chinese numeral: {s!r}")
    if all(ch in DIGITS for ch in s) and len(s) > 1:
        return float(int("".join(str(DIGITS[ch]) for ch in s)))
    total, section, digit = 0, 0, None
    for ch in s:
        if ch in DIGITS:
            digit = DIGITS[ch]
        elif ch in SMALL_UNITS:
            section += (1 if digit is None else digit) * SMALL_UNITS[ch]
            digit = None
        else:
            section += digit or 0
            if section == 0:
                section = 1
            total += section * LARGE_UNITS[ch]
            section, digit = 0, None
    return float(total + section + (digit or 0))


def parse_number(s: str) -> float:
    """Value of an Arabic (`8.16`, `10.6`), Chinese (`百`, `十五`) or mixed (`1.5万`) number."""
    s = s.strip().replace(",", "").replace(" ", "")
    m = re.fullmatch(rf"({ARABIC})([万亿]?)", s)
    if m:
        return float(m.group(1)) * (LARGE_UNITS[m.group(2)] if m.group(2) else 1)
    return chinese_to_number(s)


def as_number(value: float) -> float | int:
    """An int where the value is whole (60.0 → 60), else the float."""
    return int(value) if float(value).is_integer() else value
