"""Indicator tables laid out as text (PDF extracts, HTML tables flattened to tabs).

A header line names two or more years (`指标  2022年  2025年  属性`, or
`类别\t指标\t单位\t2023年\t2027年目标`); each row below it gives a metric, a unit
(its own column, or in brackets after the metric) and one cell per year. The
cell under the latest year is the goal; a cell under an earlier year (a base year, 2023年完成值) is
the level reached then, an achievement. Cells may be separated by `|` too. Rows with fewer cells than the header
(a category cell spanning rows) are aligned to it from the right; a metric
wrapped onto the next line is joined back.
"""
from __future__ import annotations

import re
from dataclasses import dataclass

from stdkg.loaders.text import lines_with_starts

HEADER_YEAR = re.compile(r"(20\d{2})\s*年")
CELL_SPLIT = re.compile(r"\s*[|│]\s*|\t+|\s{2,}|\u3000+")
VALUE = re.compile(
    r"^(?P<cmp>[≥≤><]|不低于|不高于|不少于|不超过)?\s*(?P<num>\d+(?:\.\d+)?)\s*(?P<pct>%)?\s*(?P<after>以上|以下|以内)?$")
PAGE_FOOTER = re.compile(r"^\s*[—\-]+\s*\d+\s*[—\-]+\s*$")
STOP = re.compile(r"^\s*(?:注\s*[:\uff1a]|[一二三四五六七八九十]+、|[(\uff08][一二三四五六七八九十]+[)\uff09]|第[一二三四五六七八九十]+[章节条])")
UNIT_IN_BRACKETS = re.compile(r"[(\uff08]([^()\uff08\uff09]{1,8})[)\uff09]\s*$")
UNIT_HEADER = re.compile(r"^(?:计量)?单位$")
METRIC_HEADER = re.compile(r"指标|名称|项目")


@dataclass(frozen=True)
class TableGoal:
    """One goal read from an indicator table row."""

    start: int
    end: int
    metric: str
    value: float
    unit: str | None
    comparator_sign: str | None
    year: int
    reached: bool = False


@dataclass
class _Row:
    start: int
    cells: list[tuple[int, int, str]]
    wrapped: str = ""


def table_goals(text: str, earliest: int | None) -> tuple[list[TableGoal], list[tuple[int, int]]]:
    """Goals of every indicator table in `text`, and the spans the tables cover."""
    goals: list[TableGoal] = []
    spans: list[tuple[int, int]] = []
    lines = lines_with_starts(text)
    i = 0
    while i < len(lines):
        start, line = lines[i]
        header = _cells(start, line)
        years = [(j, int(m.group(1))) for j, (_, _, c) in enumerate(header) for m in [HEADER_YEAR.fullmatch(c) or
                 re.fullmatch(r"(20\d{2})\s*年\S{0,4}", c)] if m]
        if len(years) < 2 or re.search(r"[,\uff0c。;\uff1b]", line):
            i += 1
            continue
        goal_column, goal_year = max(years, key=lambda x: x[1])
        if earliest is not None and goal_year < earliest:
            i += 1
            continue
        rows, end, i = _rows(lines, i + 1)
        spans.append((start, end))
        names = [c for _, _, c in header]
        unit_column = next((j for j, c in enumerate(names) if UNIT_HEADER.match(c)), None)
        metric_column = next((j for j, c in enumerate(names) if METRIC_HEADER.search(c)), None)
        for row in rows:
            goal = _goal(row, len(header), goal_column, goal_year, unit_column, metric_column)
            if goal is None:
                continue
            goals.append(goal)
            for column, year in years:
                if year < goal_year:
                    base = _goal(row, len(header), column, year, unit_column, metric_column)
                    if base is not None:
                        goals.append(TableGoal(base.start, base.end, base.metric, base.value, base.unit, None, year, True))
    return goals, spans



def _cells(start: int, line: str) -> list[tuple[int, int, str]]:
    """(start, end, text) of each cell of a line split at tabs or wide gaps."""
    cells, pos = [], 0
    for piece in CELL_SPLIT.split(line.strip().strip("|│")):
        at = line.index(piece, pos) if piece else pos
        if piece.strip():
            cells.append((start + at, start + at + len(piece), piece))
        pos = at + len(piece)
    return cells


def _rows(lines: list[tuple[int, str]], i: int) -> tuple[list[_Row], int, int]:
    """Rows from line `i` on; the end of the table; the index after it."""
    rows: list[_Row] = []
    end = lines[i - 1][0] + len(lines[i - 1][1])
    while i < len(lines):
        start, line = lines[i]
        if not line.strip() or PAGE_FOOTER.match(line):
            i += 1
            continue
        if STOP.match(line):
            break
        cells = _cells(start, line)
        if len(cells) >= 2 and any(VALUE.match(c) for _, _, c in cells):
            rows.append(_Row(start, cells))
        elif rows and len(cells) == 1 and len(line.strip()) <= 20 and line[:1] in " \t\u3000":
            rows[-1].wrapped += line.strip()
        else:
            break
        end = start + len(line)
        i += 1
    return rows, end, i


def _goal(row: _Row, width: int, goal_column: int, year: int, unit_column: int | None,
          metric_column: int | None) -> TableGoal | None:
    offset = width - len(row.cells)
    if offset < 0:
        return None

    def cell(j: int | None):
        return row.cells[j - offset] if j is not None and 0 <= j - offset < len(row.cells) else None

    goal = cell(goal_column)
    value = VALUE.match(goal[2]) if goal else None
    if value is None:
        return None
    metric_cell = cell(metric_column) if metric_column is not None else None
    if metric_cell is None or VALUE.match(metric_cell[2]):
        texts = [c for c in row.cells if not VALUE.match(c[2]) and re.search(r"[\u4e00-\u9fff]", c[2])]
        if not texts:
            return None
        metric_cell = max(texts, key=lambda c: len(c[2]))
    metric_text = metric_cell[2] + row.wrapped
    unit_cell = cell(unit_column)
    bracket = UNIT_IN_BRACKETS.search(metric_text)
    if unit_cell is not None and not VALUE.match(unit_cell[2]):
        unit = unit_cell[2].strip()
    elif bracket:
        unit = bracket.group(1).strip()
    else:
        unit = "%" if value.group("pct") else None
    metric = re.sub(r"\s+", "", UNIT_IN_BRACKETS.sub("", metric_text) if bracket and unit_cell is None else metric_text)
    sign = value.group("cmp") or value.group("after")
    return TableGoal(metric_cell[0], goal[1], metric, float(value.group("num")), unit, sign, year)
