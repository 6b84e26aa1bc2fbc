"""Task-division tables (重点任务分工表): one ownership row per (task, unit) of a text table.

A table starts at a header row with a task column (重点任务, 主要任务, 工作措施 …) and
one or more unit columns: 牵头单位/牵头部门 give leads, 参与单位/配合单位/协同单位
give participants, 责任单位/责任处室(单位) with no role word give shared owners, except
for a unit marked `(牵头)` or a cell that states roles itself (`A牵头,B配合`). Cells are
separated by `|`, tabs or runs of spaces (HTML tables arrive as tab-separated rows, with
spanning cells repeated by the normaliser); dashed rules are skipped; a cell of `—`
names nobody; units in a cell are separated by `、`. The table ends at the first
line that is not a row of it (a `抄送:` or `印发` line, a heading, prose).
"""
from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Optional

from stdkg import vocabulary
from stdkg.loaders.responsibilities import inline_role, looks_like_unit, parse_clause_body, split_units
from stdkg.loaders.text import lines_with_starts
from stdkg.records import Measure, Provenance, Responsibility, Role, Section

_CELL_SPLIT = re.compile(r"\t+| {2,}|\u3000+|\s*[|│┃]\s*")
_RULE = re.compile(r"^[\s\-—–=_+|│┃┼├┤─━:]*$")
_TASK_HEADER = re.compile(r"^(重点|主要|具体|工作)?(任务|措施|工作|事项|内容|项目)(名称|内容|事项)?$")
_NUMBER_HEADER = re.compile(r"^(序号|编号|序)$")
_LABELS = vocabulary.table("responsibility_labels", "word", "kind", "role")


def _words_of(kind: str, role: str | None = None) -> str:
    words = [r["word"] for r in _LABELS if r["kind"] == kind and (role is None or r["role"] == role)]
    return "|".join(re.escape(w) for w in sorted(words, key=len, reverse=True))


_UNIT_KIND = rf"(?:{_words_of('noun')})"
# 牵头单位, 配合部门, 责任处室(单位), 责任单位/部门: a role word and a kind of unit, alternatives after it.
_UNIT_HEADER = re.compile(
    rf"^(?:({_words_of('role', 'lead')})|({_words_of('role', 'participant')})|({_words_of('role', 'shared')}))"
    rf"({_UNIT_KIND})(?:\({_UNIT_KIND}\)|/{_UNIT_KIND})*$"
)
_NOBODY = re.compile(r"^[—\-–/无]*$")
_NOT_A_ROW = re.compile(r"^(抄送|印发|主送|附件|注)\s*[:：]|印发$")
_ROW_NUMBER = re.compile(r"^\d{1,3}[.、]?$")


@dataclass(frozen=True)
class _Header:
    width: int
    number_col: Optional[int]
    task_col: int
    unit_cols: tuple[tuple[int, Role, str], ...]



def _cells(line: str) -> list[str]:
    return [c.strip() for c in _CELL_SPLIT.split(line.strip().strip("|│┃"))]


def _header(line: str) -> Optional[_Header]:
    cells = _cells(line)
    if len(cells) < 2:
        return None
    units: list[tuple[int, Role, str]] = []
    task_col = number_col = None
    for k, cell in enumerate(cells):
        m = _UNIT_HEADER.match(cell)
        if m:
            role: Role = "lead" if m.group(1) else "participant" if m.group(2) else "shared"
            units.append((k, role, cell))
        elif task_col is None and _TASK_HEADER.match(cell):
            task_col = k
        elif number_col is None and _NUMBER_HEADER.match(cell):
            number_col = k
    if task_col is None or not units:
        return None
    return _Header(len(cells), number_col, task_col, tuple(units))


def _row_cells(line: str, header: _Header) -> Optional[list[str]]:
    """The cells of a table row, or None when the line is not a row of this table."""
    if _NOT_A_ROW.search(line.strip()):
        return None
    cells = _cells(line)
    if len(cells) == header.width - 1 and header.number_col == 0 and not _ROW_NUMBER.match(cells[0]):
        cells.insert(0, "")
    if len(cells) != header.width:
        return None
    if header.number_col is not None and cells[header.number_col] and not _ROW_NUMBER.match(cells[header.number_col]):
        return None
    return cells


def _units(cell: str, role: Role, label: str) -> list[tuple[str, Role, str]]:
    """(unit, role, label) for a unit cell. A cell may state the roles itself, whatever its column
    (`A牵头,B配合`; `A牵头,各区政府按职责分工负责` in a 牵头单位 column: A leads, the collective shares),
    and a unit may carry its role in brackets (`A(牵头)、B`: A leads, B keeps the column's role)."""
    if _NOBODY.match(cell):
        return []
    clause = parse_clause_body(cell)
    if clause is not None and any(how != "plain list" for _, _, how in clause[1]):
        if role == "shared" and all(r == "shared" for _, r, _ in clause[1]):
            return [(u, "shared", label) for u, _, _ in clause[1]]
        return clause[1]
    out: list[tuple[str, Role, str]] = []
    for unit in split_units(cell):
        inline = inline_role(unit)
        if inline:
            out.append(inline)
        elif looks_like_unit(unit) or len(unit) >= 4:
            out.append((unit, role, label))
    return out


def _bigrams(s: str) -> set[str]:
    return {s[i:i + 2] for i in range(len(s) - 1)}


def _measure_section(sections: list[Section], task: str) -> Optional[Section]:
    """The numbered section the task names: same heading, else the heading most alike (bigram Dice ≥ 0.6)."""
    exact = next((s for s in sections if s.heading == task), None)
    if exact is not None:
        return exact
    grams = _bigrams(task)
    best, score = None, 0.6
    for s in sections:
        other = _bigrams(s.heading.rstrip("。."))
        if grams and other:
            dice = 2 * len(grams & other) / (len(grams) + len(other))
            if dice >= score:
                best, score = s, dice
    return best


def extract_table_responsibilities(
    doc: str, text: str, sections: list[Section]
) -> tuple[list[Measure], list[Responsibility]]:
    """Ownership rows of every task-division table of `text`, each pointing at the table row it was read from."""
    measures: dict[tuple[str, ...], Measure] = {}
    rows: list[Responsibility] = []
    lines = lines_with_starts(text)
    i = 0
    while i < len(lines):
        header = _header(lines[i][1])
        i += 1
        if header is None:
            continue
        while i < len(lines):
            start, line = lines[i]
            if not line.strip() or _RULE.match(line):
                i += 1
                continue
            cells = _row_cells(line, header)
            if cells is None:
                break
            i += 1
            task = cells[header.task_col]
            if not task:
                continue
            lead = len(line) - len(line.lstrip())
            span = (start + lead, start + len(line.rstrip()))
            section = _measure_section(sections, task)
            path = section.path if section is not None else ()
            if section is not None and path not in measures:
                p = section.provenance or Provenance(doc, path, section.start, section.start, "", "section")
                measures[path] = Measure(doc, path, section.number, section.heading,
                                         Provenance(doc, path, p.start, p.end, p.evidence, "measure:table-task"))
            evidence = text[span[0]:span[1]]
            for col, column_role, label in header.unit_cols:
                for unit, role, how in _units(cells[col], column_role, label):
                    prov = Provenance(doc, path, span[0], span[1], evidence, f"responsibility:task-table:{how}")
                    rows.append(Responsibility(doc, task, path, unit, role, prov))
    return list(measures.values()), rows

