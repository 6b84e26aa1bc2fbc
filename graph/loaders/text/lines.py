"""What a line of policy text is: where it starts, whether it opens a numbered item, ends a sentence,
is a `|` table row, or can carry on the line before."""
from __future__ import annotations

import re
import unicodedata

ITEM_START = re.compile(
    r"^\s*([一二三四五六七八九十百]+[、.]|\(?[一二三四五六七八九十]+\)|\(?\d+\)|\d+(?:\.(?!\d)|、|(?:\.\d+)+\s)|第[一二三四五六七八九十百\d]+[章节条部分篇]|[•·●○■□◆◇▪\-—])"
)
LINE_END_CLOSED = re.compile(r"[。!?;:)」』”》】〕\]]\s*$")
SENTENCE_MARK = re.compile(r"[。,;、]")
# Punctuation Chinese typesetting never puts at the start of a line (避头点): a line opening with it
# carries on the line before.
NO_LINE_START = ",。;:、!?)」』”》】〕"
_TABLE_CELLS = re.compile(r"\s*[|│┃]\s*")
_TABLE_RULE_CELL = re.compile(r"[-—–=:+\s]+")


def lines_with_starts(text: str) -> list[tuple[int, str]]:
    """Each line of `text` with the offset it starts at."""
    out, pos = [], 0
    for line in text.split("\n"):
        out.append((pos, line))
        pos += len(line) + 1
    return out


def compact(line: str) -> str:
    return re.sub(r"\s+", "", line)


def display_width(s: str) -> int:
    return sum(2 if unicodedata.east_asian_width(c) in "WF" else 1 for c in s)


def is_table_line(line: str) -> bool:
    """A `|`-separated table line: a header starting `序号 |`, a numbered row, or a rule of dashes."""
    cells = _TABLE_CELLS.split(line.strip().strip("|│┃ "))
    if len(cells) < 3:
        return False
    if all(_TABLE_RULE_CELL.fullmatch(c) for c in cells if c):
        return True
    return bool(re.fullmatch(r"序号|编号|序|\d{1,3}", cells[0]))


def continues(nxt: str) -> bool:
    """The next line can carry on a sentence: no indentation, no numbering, starts with text."""
    if not nxt or nxt[0].isspace() or ITEM_START.match(nxt):
        return False
    return "\u4e00" <= nxt[0] <= "\u9fff" or nxt[0] in "“《(〈0123456789—-+"
