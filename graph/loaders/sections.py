"""The numbering tree of a policy document: 第X章 / 一、 / (一) / 1. / (1) / 第X条, or news sub-headings,
or the questions of a Q&A page."""
from __future__ import annotations

import bisect
import re

from stdkg.loaders.text import lines_with_starts
from stdkg.records import Provenance, Section

_CN = "一二三四五六七八九十百零〇两"
_MARKERS: tuple[tuple[str, re.Pattern[str]], ...] = (
    ("chapter", re.compile(rf"第([{_CN}\d]+)(章|编|篇|部分)\s*")),
    ("part", re.compile(rf"第([{_CN}\d]+)节\s*")),
    ("cn", re.compile(rf"([{_CN}]+)[、.](?![{_CN}]|\d(?!\d{{3}}\s*年))\s*")),  # 一、2023年工作回顾 is a heading
    ("paren_cn", re.compile(rf"\(([{_CN}]+)\)\s*")),
    ("arabic", re.compile(r"(\d{1,3})[.、](?!\d)\s*")),
    ("paren_arabic", re.compile(r"\((\d{1,3})\)\s*")),
    ("article", re.compile(rf"第([{_CN}\d]+)条\s*")),
    ("decimal", re.compile(r"(\d{1,2}(?:\.\d{1,2}){0,4})[ \t]+(?=[\u4e00-\u9fff“《])")),
)
_FORMAT = {
    "chapter": "第{}{}",
    "part": "第{}节",
    "cn": "{}",
    "paren_cn": "({})",
    "arabic": "{}",
    "paren_arabic": "({})",
    "article": "第{}条",
}
_LEAD = re.compile(r"[ \t•·●○■□◆◇▪]*")
_HEADING_TRAIL = " \t:;,.。;:,、"
_SENTENCE_PUNCT = re.compile(r"[。,;:!?、,;]")


def heading_of(rest: str) -> str:
    """The heading text after a number: up to the first 。 (or the whole line), without trailing punctuation;
    a title set in 【】 at the start is the heading by itself."""
    boxed = re.match(r"\s*【([^【】]{2,40})】", rest)
    if boxed:
        return boxed.group(1).strip()
    cut = rest.find("。")
    head = rest if cut < 0 else rest[:cut]
    return head.strip().rstrip(_HEADING_TRAIL).strip()


def _numbered(text: str) -> list[tuple[int, int, str, str, str]]:
    """(start, line_end, kind, number, heading) for every numbered heading line."""
    found = []
    for pos, line in lines_with_starts(text):
        lead = _LEAD.match(line).end()
        body = line[lead:]
        if not body:
            continue
        for kind, pattern in _MARKERS:
            m = pattern.match(body)
            if not m:
                continue
            rest = body[m.end():]
            if not rest.strip() or rest.lstrip().startswith(("年", "%", "月")):
                break
            if kind == "decimal":
                if re.search(r"\t| {3,}", rest) or ("." not in m.group(1) and len(body) > 30 and "。" not in body):
                    break
                kind = f"decimal{m.group(1).count('.')}"
                number = m.group(1)
            elif kind == "chapter":
                number = _FORMAT[kind].format(m.group(1), m.group(2))
            else:
                number = _FORMAT[kind].format(m.group(1))
            found.append((pos + lead, pos + len(line), kind, number, heading_of(rest)))
            break
    return found


def _subheadings(text: str) -> list[tuple[int, int, str, str, str]]:
    """Unnumbered sub-headings of a news article: short lines without sentence punctuation between paragraphs."""
    lines = [(pos, line) for pos, line in lines_with_starts(text) if line.strip()]
    found = []
    for i in range(1, len(lines) - 1):
        pos, line = lines[i]
        s = line.strip()
        if not 4 <= len(s) <= 40 or _SENTENCE_PUNCT.search(s) or s.startswith(("(", "“", "《")):
            continue
        if re.search(r"\d{4}[-年/]", s) or not re.match(r"[\u4e00-\u9fff]", s):
            continue
        prev, nxt = lines[i - 1][1].strip(), lines[i + 1][1].strip()
        if len(nxt) < 2 * len(s) or len(prev) < 2 * len(s) or "。" not in nxt:
            continue
        start = pos + (len(line) - len(line.lstrip()))
        found.append((start, pos + len(line.rstrip()), "subheading", s, s))
    return found


_QUESTION = re.compile(rf"^\s*(?:问|问题|Q)\s*([\d{_CN}]{{0,3}})\s*[:：]\s*(\S.*)$")


def _questions(text: str) -> list[tuple[int, int, str, str, str]]:
    """The questions of a Q&A page (政策解读 `问:…` / `答:…`), two or more: each heads the answer after it."""
    found = []
    for pos, line in lines_with_starts(text):
        m = _QUESTION.match(line)
        if m:
            number = f"问{m.group(1) or len(found) + 1}"
            found.append((pos + len(line) - len(line.lstrip()), pos + len(line.rstrip()), "question", number,
                          m.group(2).strip()))
    return found if len(found) >= 2 else []


def parse_sections(doc: str, text: str) -> list[Section]:
    """Every heading of `text` as a `Section`, in document order, with its path of numbers and span."""
    heads = _numbered(text)
    if len(heads) < 3:
        heads = sorted(heads + (_questions(text) or _subheadings(text)))
    stack: list[tuple[str, str]] = []
    built: list[tuple[int, int, str, int, tuple[str, ...], str, str]] = []
    for start, line_end, kind, number, heading in heads:
        kinds = [k for k, _ in stack]
        if kind in kinds:
            del stack[kinds.index(kind):]
        stack.append((kind, number))
        path = tuple(n for _, n in stack)
        built.append((start, line_end, kind, len(stack), path, number, heading))
    ends = [len(text)] * len(built)
    open_heads: list[int] = []
    for i, entry in enumerate(built):
        while open_heads and built[open_heads[-1]][3] >= entry[3]:
            ends[open_heads.pop()] = entry[0]
        open_heads.append(i)
    sections = []
    for i, (start, line_end, kind, level, path, number, heading) in enumerate(built):
        end = _trim_end(text, start, ends[i])
        cut = text.find("。", start, line_end)
        head_end = cut + 1 if cut >= 0 else line_end
        prov = Provenance(doc, path, start, head_end, text[start:head_end], f"section:{kind}")
        sections.append(Section(doc, path, number if kind != "subheading" else "", heading, level, start, end, prov))
    return sections


def _trim_end(text: str, start: int, end: int) -> int:
    while end > start and text[end - 1] in " \n\t":
        end -= 1
    return end


class SectionIndex:
    """Where a character position of the normalised text sits: the sections holding it, and its paragraph.

    Sections nest, so the smallest one holding a position is found from the last one starting
    before it by walking up its parents; works with no sections at all.
    """

    def __init__(self, text: str, sections: list[Section] | None):
        self.text = text
        self.sections = sorted(sections or [], key=lambda s: (s.start, -(s.end - s.start)))
        self._starts = [s.start for s in self.sections]
        self._parent: list[int] = []
        open_: list[int] = []
        for i, s in enumerate(self.sections):
            while open_ and self.sections[open_[-1]].end <= s.start:
                open_.pop()
            self._parent.append(open_[-1] if open_ else -1)
            open_.append(i)

    def holding(self, pos: int) -> list[Section]:
        """Every section that holds `pos`, outermost first."""
        found = []
        i = bisect.bisect_right(self._starts, pos) - 1
        while i >= 0:
            s = self.sections[i]
            if pos < s.end:
                found.append(s)
            i = self._parent[i]
        return found[::-1]

    def smallest(self, pos: int) -> Section | None:
        """The smallest section whose span holds `pos`."""
        i = bisect.bisect_right(self._starts, pos) - 1
        while i >= 0 and pos >= self.sections[i].end:
            i = self._parent[i]
        return self.sections[i] if i >= 0 else None

    def heading(self, pos: int) -> str:
        s = self.smallest(pos)
        return s.heading if s is not None else ""

    def path(self, pos: int) -> tuple[str, ...]:
        s = self.smallest(pos)
        return tuple(s.path) if s is not None else ()

    def scope(self, pos: int) -> tuple[int, int]:
        """The span a year phrase may govern: the smallest section, else the paragraph and any it continues (…:)."""
        s = self.smallest(pos)
        if s is not None:
            return s.start, s.end
        start, end = self.paragraph(pos)
        while start > 0:
            last = start - 1
            while last >= 0 and self.text[last].isspace():
                last -= 1
            if last < 0 or self.text[last] not in ":：":
                break
            start = self.paragraph(last)[0]
        return start, end

    def paragraph(self, pos: int) -> tuple[int, int]:
        """The line holding `pos`."""
        start = self.text.rfind("\n", 0, pos) + 1
        end = self.text.find("\n", pos)
        return start, (len(self.text) if end < 0 else end)
