"""Characters lost in reading (`�` runs, `?` standing for a character) flagged, not guessed."""
from __future__ import annotations

import re

from stdkg.records import Issue

_GARBLED = re.compile(r"�+|\?{2,}|(?<=[\u4e00-\u9fff])\?(?=[\u4e00-\u9fff\d])")


_QUESTION_WORDS = re.compile(r"(吗|呢|如何|怎么|怎样|什么|是否|为什么|为何|哪|谁|多少|能否|可否)")


def _is_question(text: str, pos: int) -> bool:
    """A `?` that ends a question (a question word earlier in the same sentence) is punctuation, not garble."""
    start = max(text.rfind(c, 0, pos) for c in "。!?;\n")
    return bool(_QUESTION_WORDS.search(text, start + 1, pos))


def flag_garbled(text: str, issues: list[Issue], doc: str) -> None:
    """Warn about `�` runs and `?` that stand where a character was lost; they are left as read."""
    for m in _GARBLED.finditer(text):
        if m.group(0) == "?" and _is_question(text, m.start()):
            continue
        issues.append(Issue(doc, "warning", f"garbled characters {m.group(0)!r} left as read", m.start(), m.end()))
