"""Word's automatic numbering (numbering.xml): the numbers Word shows before list paragraphs and
numbered headings, which are not in the text runs."""
from __future__ import annotations

from typing import Optional

from docx.oxml.ns import qn

_CHINESE_DIGITS = "〇一二三四五六七八九"
_HEAVENLY_STEMS = "甲乙丙丁戊己庚辛壬癸"
_ENCLOSED = {"decimalEnclosedCircle": 0x2460, "decimalEnclosedCircleChinese": 0x2460,
             "decimalEnclosedParen": 0x2474, "decimalEnclosedFullstop": 0x2488}
_ROMAN = ((1000, "M"), (900, "CM"), (500, "D"), (400, "CD"), (100, "C"), (90, "XC"), (50, "L"), (40, "XL"),
          (10, "X"), (9, "IX"), (5, "V"), (4, "IV"), (1, "I"))


def chinese_count(n: int) -> str:
    """1 → 一, 10 → 十, 12 → 十二, 20 → 二十, 105 → 一百零五 (Word's chineseCounting)."""
    if n < 10:
        return _CHINESE_DIGITS[n]
    if n < 100:
        tens, ones = divmod(n, 10)
        return ("" if tens == 1 else _CHINESE_DIGITS[tens]) + "十" + (_CHINESE_DIGITS[ones] if ones else "")
    hundreds, rest = divmod(n, 100)
    if not rest:
        return _CHINESE_DIGITS[hundreds] + "百"
    tail = chinese_count(rest)
    return _CHINESE_DIGITS[hundreds] + "百" + ("零" + tail if rest < 10 else ("一" + tail if rest < 20 else tail))


def _roman(n: int) -> str:
    out = []
    for value, letters in _ROMAN:
        while n >= value:
            out.append(letters)
            n -= value
    return "".join(out)


def _letters(n: int) -> str:
    return chr(ord("A") + (n - 1) % 26) * ((n - 1) // 26 + 1)


def format_number(n: int, fmt: str) -> str:
    """`n` written in Word's number format `fmt` (decimal, chineseCounting, upperRoman, ...)."""
    if fmt in ("chineseCounting", "chineseCountingThousand", "taiwaneseCounting", "taiwaneseCountingThousand",
               "japaneseCounting", "ideographDigital"):
        return chinese_count(n)
    if fmt == "ideographTraditional" and 1 <= n <= 10:
        return _HEAVENLY_STEMS[n - 1]
    if fmt in _ENCLOSED and 1 <= n <= 20:
        return chr(_ENCLOSED[fmt] + n - 1)
    if fmt == "upperRoman":
        return _roman(n)
    if fmt == "lowerRoman":
        return _roman(n).lower()
    if fmt == "upperLetter":
        return _letters(n)
    if fmt == "lowerLetter":
        return _letters(n).lower()
    if fmt == "decimalZero":
        return f"{n:02d}"
    if fmt in ("none", "bullet"):
        return ""
    return str(n)


def _val(element, tag: str) -> Optional[str]:
    child = element.find(qn(tag)) if element is not None else None
    return child.get(qn("w:val")) if child is not None else None


class Numbering:
    """The list counters of one document, advanced paragraph by paragraph in document order."""

    def __init__(self, numbering_element, styles_element=None):
        self._abstract: dict[str, dict[int, dict[str, str]]] = {}
        self._nums: dict[str, tuple[str, dict[int, int]]] = {}
        self._counters: dict[str, list[Optional[int]]] = {}
        self._style_num: dict[str, tuple[Optional[str], Optional[int], Optional[str]]] = {}
        if numbering_element is not None:
            self._read_definitions(numbering_element)
        if styles_element is not None:
            self._read_styles(styles_element)

    def _read_definitions(self, root) -> None:
        for abstract in root.iter(qn("w:abstractNum")):
            levels = {}
            for lvl in abstract.iter(qn("w:lvl")):
                levels[int(lvl.get(qn("w:ilvl"), "0"))] = {
                    "start": _val(lvl, "w:start") or "1",
                    "fmt": _val(lvl, "w:numFmt") or "decimal",
                    "text": _val(lvl, "w:lvlText") or "",
                    "suff": _val(lvl, "w:suff") or "tab",
                }
            self._abstract[abstract.get(qn("w:abstractNumId"))] = levels
        for num in root.iter(qn("w:num")):
            overrides = {}
            for override in num.iter(qn("w:lvlOverride")):
                start = _val(override, "w:startOverride")
                if start is not None:
                    overrides[int(override.get(qn("w:ilvl"), "0"))] = int(start)
            self._nums[num.get(qn("w:numId"))] = (_val(num, "w:abstractNumId") or "", overrides)

    def _read_styles(self, root) -> None:
        for style in root.iter(qn("w:style")):
            ppr = style.find(qn("w:pPr"))
            numpr = ppr.find(qn("w:numPr")) if ppr is not None else None
            ilvl = _val(numpr, "w:ilvl")
            based = _val(style, "w:basedOn")
            self._style_num[style.get(qn("w:styleId"))] = (_val(numpr, "w:numId"), int(ilvl) if ilvl else None, based)

    def _style_props(self, style_id: Optional[str]) -> tuple[Optional[str], int]:
        seen = set()
        while style_id and style_id not in seen:
            seen.add(style_id)
            num_id, ilvl, based = self._style_num.get(style_id, (None, None, None))
            if num_id is not None:
                return num_id, ilvl or 0
            style_id = based
        return None, 0

    def label(self, p_element) -> str:
        """The number Word shows before the paragraph `p_element` (a `w:p`), '' if none; advances the count."""
        ppr = p_element.find(qn("w:pPr"))
        numpr = ppr.find(qn("w:numPr")) if ppr is not None else None
        num_id, ilvl_text = _val(numpr, "w:numId"), _val(numpr, "w:ilvl")
        style_id = _val(ppr, "w:pStyle")
        if num_id is None:
            num_id, style_ilvl = self._style_props(style_id)
            ilvl = int(ilvl_text) if ilvl_text else style_ilvl
        else:
            ilvl = int(ilvl_text) if ilvl_text else self._style_props(style_id)[1]
        if num_id is None or num_id == "0" or num_id not in self._nums:
            return ""
        abstract_id, overrides = self._nums[num_id]
        levels = self._abstract.get(abstract_id, {})
        if ilvl not in levels:
            return ""
        counters = self._counters.setdefault(num_id, [None] * 10)
        for level in range(ilvl):
            if counters[level] is None:
                counters[level] = overrides.get(level, int(levels.get(level, {}).get("start", "1")))
        start = overrides.get(ilvl, int(levels[ilvl]["start"]))
        counters[ilvl] = start if counters[ilvl] is None else counters[ilvl] + 1
        for level in range(ilvl + 1, len(counters)):
            counters[level] = None
        text = levels[ilvl]["text"]
        for level in range(9, -1, -1):
            if f"%{level + 1}" in text:
                fmt = levels.get(level, {}).get("fmt", "decimal")
                text = text.replace(f"%{level + 1}", format_number(counters[level] or 1, fmt))
        if levels[ilvl]["fmt"] == "bullet":
            return ""
        if text and levels[ilvl]["suff"] != "nothing" and text[-1].isalnum():
            text += " "
        return text
