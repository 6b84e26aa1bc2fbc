"""Hard-wrapped lines rejoined: a sentence or name cut by a line break, and text wrapped at a fixed width."""
from __future__ import annotations

import re
from typing import Optional

from stdkg.loaders.text.lines import (
    ITEM_START,
    LINE_END_CLOSED,
    NO_LINE_START,
    SENTENCE_MARK,
    continues,
    display_width,
    is_table_line,
)
from stdkg.loaders.text.traced import Traced
from stdkg.records import Issue


def hard_wrap_width(lines: list[str]) -> Optional[int]:
    """For text wrapped at a fixed width (a PDF extract), the width past which a line was cut, else None."""
    widths = []
    cut = 0
    for i, line in enumerate(lines[:-1]):
        if len(line) < 20:
            continue
        w = display_width(line.rstrip())
        if w < 40:
            continue
        widths.append(w)
        if not LINE_END_CLOSED.search(line) and continues(lines[i + 1]):
            cut += 1
    if len(widths) < 5 or cut / len(widths) < 0.3:
        return None
    widths.sort()
    return int(widths[int(len(widths) * 0.8)] * 0.7)


# A code or number cut at the wrap width goes on on the next line (`ISO/IEC JTC 1/` | `SC 38`, `SC` | ` 38`).
_CODE_GOES_ON = re.compile(r" ?[A-Za-z0-9]")
_TITLE_END = re.compile(r"(通知|规划|方案|意见|纲要|办法|决定|计划|条例|规定|细则|公告|通告|函)$")
_CONTINUATION_MARK = re.compile(r"[。,;、:)」』”》】〕]")
_TABLE_ROW = re.compile(r"\S(?: {3,}|\t)\S")


def should_join(line: str, nxt: str, wrap: Optional[int]) -> bool:
    body = line.strip()
    if not body or not nxt or _TABLE_ROW.search(body) or is_table_line(body):
        return False
    if nxt[0] in NO_LINE_START:
        return True
    if body.count("(") > body.count(")") and ")" in nxt and nxt.find(")") < 40 and not nxt[0].isspace() \
            and not ITEM_START.match(nxt):
        return True
    cut_at_width = wrap is not None and display_width(line.rstrip()) >= wrap
    if cut_at_width and _CODE_GOES_ON.match(nxt) and body[-1].isascii() and not body[-1].isspace() \
            and not LINE_END_CLOSED.search(body):
        return True
    if not continues(nxt) or LINE_END_CLOSED.search(body):
        return False
    if cut_at_width:
        return True
    if body.endswith((",", "、")):
        return True
    return (
        "\u4e00" <= body[-1] <= "\u9fff"
        and len(body) >= 12
        and bool(SENTENCE_MARK.search(body))
        and not _TITLE_END.search(body)
        and bool(_CONTINUATION_MARK.search(nxt))
    )


def join_broken_lines(text: str, offsets: list[int], issues: list[Issue], doc: str,
                       wrap: Optional[int]) -> tuple[str, list[int]]:
    """Rejoin a sentence or name cut by a line break (`市市场和质量\\n监管委`), and lines hard-wrapped at `wrap`."""
    lines = text.split("\n")
    out = Traced()
    pos = 0
    joined = 0
    for i, line in enumerate(lines):
        out.add(line, list(range(pos, pos + len(line))))
        end = pos + len(line)
        pos = end + 1
        if i + 1 < len(lines) and should_join(line, lines[i + 1], wrap):
            joined += 1
            continue
        if i + 1 < len(lines):
            out.add("\n", end)
    if joined:
        issues.append(Issue(doc, "info", f"{joined} line breaks inside sentences joined"))
    return out.result(offsets)

