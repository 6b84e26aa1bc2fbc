"""Characters: widths folded, odd spaces and line ends made plain, Traditional to Simplified,
pinyin glosses dropped."""
from __future__ import annotations

import re
import unicodedata
from typing import Callable, Optional

from stdkg.loaders.text.traced import Traced
from stdkg.records import Issue

_WIDTH_TABLE = {o: o - 0xFEE0 for o in range(0xFF01, 0xFF5F)}
_WIDTH_TABLE.update({ord(c): " " for c in "\u3000\u00a0\u2002\u2003\u2004\u2005\u2006\u2007\u2008\u2009\u200a\u2028"})
_LENGTH_CHANGING = re.compile(r"\r\n?|[\u200b\u200c\u200d\ufeff\u00ad]|[\u2460-\u24ff]")


def _replace(match: re.Match[str]) -> str:
    ch = match.group(0)
    if ch.startswith("\r"):
        return "\n"
    if "\u2460" <= ch <= "\u24ff":
        return unicodedata.normalize("NFKC", ch)
    return ""



def fold_width(text: str, offsets: list[int]) -> tuple[str, list[int]]:
    """Line ends to \\n, full-width ASCII to half-width, odd spaces to plain ones (tabs kept: they separate
    table cells), enclosed numerals spelt out."""
    text = text.translate(_WIDTH_TABLE)
    if not _LENGTH_CHANGING.search(text):
        return text, offsets
    out = Traced()
    last = 0
    for m in _LENGTH_CHANGING.finditer(text):
        out.add(text[last:m.start()], list(range(last, m.start())))
        out.add(_replace(m), m.start())
        last = m.end()
    out.add(text[last:], list(range(last, len(text))))
    return out.result(offsets)


_CJK = re.compile(r"[\u4e00-\u9fff]")
_converter: Optional[Callable[[str], str]] = None


def _t2s() -> Callable[[str], str]:
    global _converter
    if _converter is None:
        import opencc

        _converter = opencc.OpenCC("t2s").convert
    return _converter


def simplify(text: str, offsets: list[int], issues: list[Issue], doc: str) -> tuple[str, list[int]]:
    """Traditional to Simplified with OpenCC t2s (characters only), when the text is Traditional."""
    convert = _t2s()
    converted = convert(text)
    cjk = len(_CJK.findall(text))
    if len(converted) == len(text):
        changed = sum(map(str.__ne__, text, converted))
    else:
        changed = cjk
    if not cjk or changed / cjk < 0.01:
        return text, offsets
    if len(converted) != len(text):
        converted = "".join(convert(c) if len(convert(c)) == 1 else c for c in text)
    issues.append(Issue(doc, "info", f"Traditional characters converted to Simplified (OpenCC t2s): {changed} characters"))
    return converted, offsets


_TONE = "āáǎàēéěèīíǐìōóǒòūúǔùǖǘǚǜü"
_PINYIN_GLOSS = re.compile(rf"(?<=[\u4e00-\u9fff])\(([a-z{_TONE}]{{1,6}})\)")


def drop_pinyin(text: str, offsets: list[int], issues: list[Issue], doc: str) -> tuple[str, list[int]]:
    """`國(guó)家` → `国家`: a parenthesised pinyin syllable with a tone mark right after a character."""
    while True:
        before = len(text)
        text, offsets = _drop_pinyin_once(text, offsets, issues, doc)
        if len(text) == before:
            return text, offsets


def _drop_pinyin_once(text: str, offsets: list[int], issues: list[Issue], doc: str) -> tuple[str, list[int]]:
    out = Traced()
    last = 0
    for m in _PINYIN_GLOSS.finditer(text):
        if not any(c in _TONE for c in m.group(1)):
            continue
        out.add(text[last:m.start()], list(range(last, m.start())))
        last = m.end()
        issues.append(Issue(doc, "info", f"pinyin gloss {m.group(0)} removed"))
    out.add(text[last:], list(range(last, len(text))))
    return out.result(offsets)

