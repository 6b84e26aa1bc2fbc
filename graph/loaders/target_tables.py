"""Indicator tables laid out as text (PDF extracts, plain-text plans).

A header line names two or more years (`指标  2022年  2025年  属性`); each row
below it gives a metric with its unit in brackets and one cell per year
(`发布地方标准(项)   95   ≥150   预期性`). The cell under the latest year is
the goal; a metric wrapped onto the next line is joined back.
"""
from __future__ import annotations

import re
from dataclasses import dataclass

HEADER_YEAR = re.compile(r"(20\d{2})\s*年")
CELL = re.compile(r"(?P<cmp>[≥≤><]|不低于|不高于)?\s*(?P<num>\d+(?:\.\d+)?)(?:\s*(?P<pct>%))?(?=\s|$)")
ROW = re.compile(r"^(?P<lead>\s*(?:\d{1,2}\s+)?)(?P<metric>[^\s\d≥≤<>][^≥≤<>]*?)(?P<gap>\s{2,})(?P<cells>[≥≤<>\d].*)$")
PAGE_FOOTER = re.compile(r"^\s*[—\-]+\s*\d+\s*[—\-]+\s*$")
STOP = re.compile(r"^\s*(?:注\s*[:：]|[一二三四五六七八九十]+、|[(（][一二三四五六七八九十]+[)）]|第[一二三四五六七八九十]+[章节条])")
UNIT_IN_BRACKETS = re.compile(r"[(（]([^()（）]{1,8})[)）]\s*$")


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


def table_goals(text: str, earliest: int | None) -> tuple[list[TableGoal], list[tuple[int, int]]]:
    """Goals of every indicator table in `text`, and the spans the tables cover."""
    goals: list[TableGoal] = []
    spans: list[tuple[int, int]] = []
    lines = _lines(text)
    i = 0
    while i < len(lines):
        start, line = lines[i]
        years = [int(y) for y in HEADER_YEAR.findall(line)]
        if len(years) < 2 or re.search(r"[,，。;；]", line):
            i += 1
            continue
        goal_year = max(years)
        if earliest is not None and goal_year < earliest:
            i += 1
            continue
        column = years.index(goal_year)
        rows, end, i = _rows(lines, i + 1)
        spans.append((start, end))
        for row_start, row_line, metric_text in rows:
            goal = _goal(row_start, row_line, metric_text, len(years), column, goal_year)
            if goal is not None:
                goals.append(goal)
    return goals, spans


def _lines(text: str) -> list[tuple[int, str]]:
    out, pos = [], 0
    for line in text.split("\n"):
        out.append((pos, line))
        pos += len(line) + 1
    return out


def _rows(lines: list[tuple[int, str]], i: int):
    """Rows from line `i` on: (line start, line, metric with wrapped lines joined); table end; next index."""
    rows: list[list] = []
    end = lines[i - 1][0] + len(lines[i - 1][1])
    while i < len(lines):
        start, line = lines[i]
        if not line.strip() or PAGE_FOOTER.match(line):
            i += 1
            continue
        if STOP.match(line):
            break
        m = ROW.match(line)
        if m and CELL.search(m.group("cells")):
            rows.append([start, line, m.group("metric").strip()])
        elif rows and len(line.strip()) <= 20 and not CELL.search(line) and line.startswith((" ", "\t", "\u3000")):
            rows[-1][2] += line.strip()
        else:
            break
        end = start + len(line)
        i += 1
    return [tuple(r) for r in rows], end, i


def _goal(row_start: int, line: str, metric_text: str, n_years: int, column: int, year: int) -> TableGoal | None:
    m = ROW.match(line)
    cells = list(CELL.finditer(m.group("cells")))
    if len(cells) < n_years:
        return None
    cell = cells[column]
    unit_m = UNIT_IN_BRACKETS.search(metric_text)
    unit = unit_m.group(1).strip() if unit_m else ("%" if cell.group("pct") else None)
    metric = UNIT_IN_BRACKETS.sub("", metric_text).strip()
    metric = re.sub(r"\s+", "", metric)
    start = row_start + m.start("metric")
    end = row_start + m.start("cells") + cell.end()
    sign = cell.group("cmp")
    return TableGoal(start, end, metric, float(cell.group("num")), unit, sign, year)
