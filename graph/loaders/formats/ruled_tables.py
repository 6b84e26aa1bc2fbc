"""Ruled tables on a page (PDF or OFD), rebuilt from their border rules: a grid of cells, cells merged where a
rule is missing, and each cell's glyphs (over as many lines as the cell wraps) read as one text, so a
table comes out one tab-separated line per row, merged cells repeated as the HTML table reader does."""
from __future__ import annotations

import re
from dataclasses import dataclass, field
from typing import Protocol

_TOUCH = 2.0
_DIGIT = re.compile(r"\d")
_CJK_SPACE = re.compile(r"(?<=[\u3000-\u9fff\uff00-\uffef]) (?=[\u3000-\u9fff\uff00-\uffef])")


class Glyph(Protocol):
    char: str
    left: float
    right: float
    bottom: float
    top: float


@dataclass
class Rule:
    """A border segment: horizontal (at `y`, from `a` to `b` in x) or vertical (at `x`, `a` to `b` in y)."""

    horizontal: bool
    at: float
    a: float
    b: float


@dataclass
class Table:
    left: float
    bottom: float
    right: float
    top: float
    xs: list[float]
    ys: list[float]
    rules: list[Rule] = field(default_factory=list)

    def holds(self, x: float, y: float) -> bool:
        return self.left - _TOUCH <= x <= self.right + _TOUCH and self.bottom - _TOUCH <= y <= self.top + _TOUCH


def _merge_positions(values: list[float]) -> list[float]:
    out: list[float] = []
    for v in sorted(values):
        if out and v - out[-1] <= _TOUCH:
            continue
        out.append(v)
    return out


def _box(rule: Rule) -> tuple[float, float, float, float]:
    if rule.horizontal:
        return rule.a, rule.at, rule.b, rule.at
    return rule.at, rule.a, rule.at, rule.b


def find_tables(rules: list[Rule]) -> list[Table]:
    """Groups of touching rules that make a grid of at least two columns."""
    parent = list(range(len(rules)))

    def root(i: int) -> int:
        while parent[i] != i:
            parent[i] = parent[parent[i]]
            i = parent[i]
        return i

    boxes = [_box(r) for r in rules]
    order = sorted(range(len(rules)), key=lambda i: boxes[i][0])
    for n, i in enumerate(order):
        li, bi, ri, ti = boxes[i]
        for j in order[n + 1:]:
            lj, bj, rj, tj = boxes[j]
            if lj > ri + _TOUCH:
                break
            if bj <= ti + _TOUCH and bi <= tj + _TOUCH:
                parent[root(i)] = root(j)
    groups: dict[int, list[Rule]] = {}
    for i, rule in enumerate(rules):
        groups.setdefault(root(i), []).append(rule)
    tables = []
    for group in groups.values():
        xs = _merge_positions([r.at for r in group if not r.horizontal])
        ys = _merge_positions([r.at for r in group if r.horizontal])
        if len(xs) < 3 or len(ys) < 2:
            continue
        tables.append(Table(xs[0], ys[0], xs[-1], ys[-1], xs, sorted(ys, reverse=True), group))
    return tables


def _covered(table: Table, horizontal: bool, at: float, middle: float) -> bool:
    return any(r.horizontal == horizontal and abs(r.at - at) <= _TOUCH and r.a - _TOUCH <= middle <= r.b + _TOUCH
               for r in table.rules)


def _cell_lines(glyphs: list[tuple[int, Glyph]]) -> list[str]:
    """A cell's text lines, top to bottom: its glyphs grouped by the PDFium line they came in, left to right."""
    lines: dict[int, list[Glyph]] = {}
    for line_no, g in glyphs:
        lines.setdefault(line_no, []).append(g)
    ordered = sorted(lines.values(), key=lambda gs: -max(g.top for g in gs))
    texts = (re.sub(r"\s+", " ", "".join(g.char for g in sorted(gs, key=lambda g: g.left))).strip() for gs in ordered)
    return [_CJK_SPACE.sub("", t) for t in texts if t]


def _run_together(lines: list[str]) -> str:
    """Lines of a wrapped cell as one text (a space kept between two Latin words)."""
    out = ""
    for text in lines:
        if out and out[-1].isascii() and out[-1].isalnum() and text[0].isascii() and text[0].isalnum():
            out += " "
        out += text
    return out


def table_rows(table: Table, glyphs: list[tuple[int, Glyph]]) -> list[tuple[float, str]]:
    """(top, text) for each row of the grid that holds text: its cells tab-separated; a row of a single
    cell across the table (a framed paragraph) keeps its lines apart, as the HTML reader does."""
    rows, cols = len(table.ys) - 1, len(table.xs) - 1
    parent = {(r, c): (r, c) for r in range(rows) for c in range(cols)}

    def root(cell):
        while parent[cell] != cell:
            cell = parent[cell]
        return cell

    for r in range(rows):
        for c in range(cols):
            x_mid = (table.xs[c] + table.xs[c + 1]) / 2
            y_mid = (table.ys[r] + table.ys[r + 1]) / 2
            if r + 1 < rows and not _covered(table, True, table.ys[r + 1], x_mid):
                parent[root((r + 1, c))] = root((r, c))
            if c + 1 < cols and not _covered(table, False, table.xs[c + 1], y_mid):
                parent[root((r, c + 1))] = root((r, c))
    held: dict[tuple[int, int], list[tuple[int, Glyph]]] = {}
    for line_no, g in glyphs:
        x, y = (g.left + g.right) / 2, (g.top + g.bottom) / 2
        c = next((i for i in range(cols) if table.xs[i] <= x < table.xs[i + 1]), None)
        r = next((i for i in range(rows) if table.ys[i + 1] <= y < table.ys[i]), None)
        if c is not None and r is not None:
            held.setdefault(root((r, c)), []).append((line_no, g))
    lines = {cell: _cell_lines(gs) for cell, gs in held.items()}
    texts = {cell: _run_together(ls) for cell, ls in lines.items()}
    out = []
    for r in range(rows):
        groups = {root((r, c)) for c in range(cols)}
        if len(groups) == 1:
            (group,) = groups
            if group[0] == r:
                out.extend((table.ys[r], line) for line in lines.get(group, []))
            continue
        fields: list[str] = []
        for c in range(cols):
            group = root((r, c))
            text = texts.get(group, "")
            if c > 0 and root((r, c - 1)) == group and (not text or _DIGIT.search(text)):
                continue
            fields.append(text)
        if any(fields):
            out.append((table.ys[r], "\t".join(fields)))
    return out
