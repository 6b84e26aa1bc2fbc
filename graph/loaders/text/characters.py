"""Characters: control and invisible format characters out, widths folded, odd spaces and line ends
made plain, Traditional to Simplified, pinyin glosses dropped; `clean_name` does the same to a name."""
from __future__ import annotations

import re
import unicodedata
from typing import Callable, Optional

from stdkg.loaders.text.traced import Traced
from stdkg.records import Issue

_WIDTH_TABLE = {o: o - 0xFEE0 for o in range(0xFF01, 0xFF5F)}
_WIDTH_TABLE.update({ord(c): " " for c in "\u3000\u00a0\u2002\u2003\u2004\u2005\u2006\u2007\u2008\u2009\u200a\u2028"})
# Invisible format characters: zero-width space and joiners, direction marks and bidi embeddings,
# overrides and isolates, word joiner and invisible operators, Mongolian vowel separator, combining
# grapheme joiner, variation selectors, BOM, soft hyphen, tag characters.
_INVISIBLE = (r"\u200b-\u200f\u202a-\u202e\u2060-\u2064\u2066-\u206f\u180e\u034f\ufe00-\ufe0f\ufeff\u00ad"
              r"\u061c\U000e0000-\U000e007f\U000e0100-\U000e01ef")
# Control characters other than tab, line feed and form feed (which marks a page break): a terminal
# escape sequence as a whole, else one character; a carriage return, vertical tab (Word's manual line
# break), next line or paragraph separator ends a line.
_CONTROL = r"\x1b\[[0-9;?]*[ -/]*[@-~]|[\x00-\x08\x0e-\x1f\x7f-\x84\x86-\x9f]"
_LINE_BREAK = r"\r\n?|[\x0b\x85\u2029]"
_LENGTH_CHANGING = re.compile(rf"{_LINE_BREAK}|{_CONTROL}|[{_INVISIBLE}]|[\u2460-\u24ff]")
_CONTROL_ONLY = re.compile(_CONTROL)


def _replace(match: re.Match[str]) -> str:
    ch = match.group(0)
    if ch[0] in "\r\x0b\x85\u2029":
        return "\n"
    if "\u2460" <= ch <= "\u24ff":
        return unicodedata.normalize("NFKC", ch)
    return ""


def fold_width(text: str, offsets: list[int], issues: Optional[list[Issue]] = None,
               doc: str = "") -> tuple[str, list[int]]:
    """Line ends to \\n, full-width ASCII to half-width, odd spaces to plain ones (tabs kept: they separate
    table cells), enclosed numerals spelt out, control and invisible format characters dropped."""
    text = text.translate(_WIDTH_TABLE)
    if not _LENGTH_CHANGING.search(text):
        return text, offsets
    controls = _CONTROL_ONLY.findall(text)
    if controls and issues is not None:
        issues.append(Issue(doc, "warning", f"{len(controls)} control characters removed "
                                            f"({', '.join(sorted({repr(c[0]) for c in controls}))})"))
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



_SPACE_RUN = re.compile(r"\s+")
_BETWEEN_CJK_SPACE = re.compile(r"(?<=[\u3000-\u30ff\u4e00-\u9fff\uff00-\uffef]) (?=[\u3000-\u30ff\u4e00-\u9fff\uff00-\uffef])")


def clean_name(name: str) -> str:
    """A name (of a department, organisation, city) normalised as document text is: control and
    invisible characters out, full-width ASCII folded, Traditional to Simplified, whitespace trimmed
    and collapsed, no space left between two Chinese characters."""
    text, _ = fold_width(name, list(range(len(name) + 1)))
    text = _t2s()(text)
    text = _SPACE_RUN.sub(" ", text).strip()
    return _BETWEEN_CJK_SPACE.sub("", text)
