"""Responsibility clauses: which units lead, take part in, or share each measure.

Forms read: `(责任单位:A、B牵头,C参与)`, `(A、B,相关区、市政府和经济功能区管委按职责分工负责)`,
`(A负责)`, `〔A牵头,各有关部门按职责分工负责〕`, `责任部门:A、B`, `牵头单位:A;配合单位:B`.
A clause closes the smallest numbered section that holds it; that section's
heading is the measure's task.
"""
from __future__ import annotations

import bisect
import re
from dataclasses import dataclass
from typing import Optional

from stdkg import vocabulary
from stdkg.loaders.sections import SectionIndex, heading_of
from stdkg.loaders.spans import SpanSet
from stdkg.records import Measure, Provenance, Responsibility, Role, Section

_BRACKETED = re.compile(
    r"\((?:[^()\n]|\([^()\n]*\))*\)|〔[^〔〕\n]*〕|【[^【】\n]*】|\[[^\[\]\n]*\]"
)
def _alternation(items) -> str:
    """A regex alternation of literal words, longest first (so 按职责分工负责 wins over 负责)."""
    return "|".join(re.escape(w) for w in sorted(set(items), key=len, reverse=True))


_ROLES: dict[str, Role] = dict(vocabulary.pairs("responsibility_roles", "word", "role"))
_LABEL_ROLES: dict[str, Role] = {r["word"]: r["role"] for r in vocabulary.table("responsibility_labels", "word", "kind", "role")
                                 if r["kind"] == "role"}
_ROLE_PART = _alternation(_LABEL_ROLES)
_NOUN_PART = _alternation(vocabulary.words("responsibility_labels", "word", kind="noun"))
_OTHER_LABEL = _alternation(vocabulary.words("responsibility_labels", "word", kind="other"))
_LABEL = re.compile(r"^\s*([\u4e00-\u9fff]{2,12}(?:\([\u4e00-\u9fff]{1,4}\))?)\s*:\s*")
_COLLECTIVE_PREFIX = re.compile(rf"^(以上|上述|前述)[\u4e00-\u9fff\d]{{0,4}}?(?=(主要|具体)?({_ROLE_PART}))")
_UNIT_LABEL = re.compile(
    rf"^(?:(?:以上|上述|前述)[\u4e00-\u9fff\d]{{0,4}}?)?(主要|具体)?(?:({_ROLE_PART})"
    rf"({_NOUN_PART})(\([\u4e00-\u9fff]{{1,4}}\))?|(牵头|配合|参与|协办|协助|协同))$"
)
_UNBRACKETED = re.compile(
    rf"(?<![\u4e00-\u9fff])(?:主要|具体)?(?:{_ROLE_PART})(?:{_NOUN_PART})(?:\([\u4e00-\u9fff]{{1,4}}\))?\s*:[^\n。]+"
)
# A label written straight after the last unit of the list before it, the line break between them
# lost (`…市经济和信息化局配合单位:市科技局`, `…研究院完成时限:2025年11月`).
_GLUED_LABEL = re.compile(
    rf"(?<=[\u4e00-\u9fff)])(?:(?:主要|具体)?(?:{_ROLE_PART})(?:{_NOUN_PART})|(?P<other>{_OTHER_LABEL}))\s*:")
_NEXT_LABEL = re.compile(r"[\s,;,;]+([\u4e00-\u9fff]{2,8})\s*:")
_SEGMENT = re.compile(r"[;;]|[\s,,]+(?=[\u4e00-\u9fff]{2,12}(?:\([\u4e00-\u9fff]{1,4}\))?\s*:)")
_ROLE_WORD = re.compile(rf"({_alternation(_ROLES)})$")
_UNIT_END = re.compile(rf"({_alternation(vocabulary.words('unit_endings'))})(\([^()]*\))?$")
_INLINE_ROLE = re.compile(rf"\(({_alternation(w for w in _ROLES if len(w) == 2)})\)$")
_ADMIN_FRAGMENT = re.compile(r"^(各|相关|有关|所在|各个)?(区|县|市|州|盟|旗|镇|乡|街道|省|自治区)$")
_CONJUNCTION = re.compile(r"和|及|以及|与")


@dataclass(frozen=True)
class Clause:
    """A responsibility clause found in the text: its span, form and the units with their roles."""

    start: int
    end: int
    form: str
    units: tuple[tuple[str, Role, str], ...]


def _role_of(word: str) -> Role:
    return _ROLES.get(word, "lead")


def inline_role(unit: str) -> Optional[tuple[str, Role, str]]:
    """(unit, role, `(牵头)`) for a unit that carries its role in brackets (`市科技局(牵头)`), else None."""
    m = _INLINE_ROLE.search(unit)
    if m is None:
        return None
    return unit[: m.start()].strip(), _role_of(m.group(1)), m.group(0)


def _split_outside_parens(s: str, seps: str) -> list[str]:
    parts, depth, cur = [], 0, []
    for ch in s:
        if ch in "(〔【[":
            depth += 1
        elif ch in ")〕】]":
            depth = max(0, depth - 1)
        if ch in seps and depth == 0:
            parts.append("".join(cur))
            cur = []
        else:
            cur.append(ch)
    parts.append("".join(cur))
    return parts


def split_units(group: str) -> list[str]:
    """Unit names of a list joined by 、 and 和; `相关区、市政府` and `各区(县、市)人民政府` stay whole."""
    pieces = [p.strip() for p in _split_outside_parens(group, "、") if p.strip()]
    merged: list[str] = []
    carry = ""
    for p in pieces:
        if _ADMIN_FRAGMENT.match(p):
            carry += p + "、"
            continue
        merged.append(carry + p)
        carry = ""
    if carry:
        merged.append(carry.rstrip("、"))
    units: list[str] = []
    for unit in merged:
        spaced = [u for u in re.split(r"\s+", unit.strip()) if u]
        for part in spaced if len(spaced) > 1 and all(looks_like_unit(u) for u in spaced) else [unit]:
            units.extend(_split_conjunction(part))
    return [u for u in (_clean_unit(u) for u in units) if u]


def _split_conjunction(unit: str) -> list[str]:
    """Split `A和B` only where A already ends like a whole unit name (`市政府和经济功能区管委`)."""
    for m in _CONJUNCTION.finditer(unit):
        left, right = unit[: m.start()], unit[m.end():]
        if len(left) >= 3 and len(right) >= 3 and _UNIT_END.search(left) and not _ADMIN_FRAGMENT.match(left[-1:]):
            return [left] + _split_conjunction(right)
    return [unit]


def _clean_unit(u: str) -> str:
    u = u.strip(" \t:,;。")
    u = re.sub(r"^(由|请|会同|联合)", "", u)
    u = re.sub(r"等(有关|相关)?(部门|单位)?$", "", u) if len(u) > 3 else u
    return u.strip()


def looks_like_unit(u: str) -> bool:
    """A plausible name of a government unit or collective."""
    if not u or len(u) > 40 or not re.search(r"[\u4e00-\u9fff]", u) or re.search(r"[。;!?]", u):
        return False
    if re.match(r"^(各|相关|有关|其他|其它)", u):
        return True
    return bool(_UNIT_END.search(u))


def _split_segments(body: str) -> list[str]:
    """Split at ; and before a new unit label (`牵头单位:A,配合单位:B`), never inside parentheses."""
    parts, depth, last = [], 0, 0
    for i, ch in enumerate(body):
        if ch in "(〔【[":
            depth += 1
        elif ch in ")〕】]":
            depth = max(0, depth - 1)
        elif depth == 0 and ch in ";;,, \t":
            m = _SEGMENT.match(body, i)
            if m:
                parts.append(body[last:i])
                last = m.end()
    parts.append(body[last:])
    return parts


def parse_clause_body(body: str) -> Optional[tuple[str, list[tuple[str, Role, str]]]]:
    """(form, [(unit, role, role word)]) for the inside of a responsibility clause, or None if it is not one.

    A remark after the clause's first sentence (`…按职责分工负责。以下均需…,不再列出`) is not part of it.
    """
    first, dot, remark = body.strip().partition("。")
    if dot and remark.strip():
        return parse_clause_body(first)
    segments = [seg for seg in _split_segments(body) if seg.strip()]
    labelled = False
    covers_several = bool(_COLLECTIVE_PREFIX.match(body.strip()))
    out: list[tuple[str, Role, str]] = []
    for seg in segments:
        label_role: Optional[str] = None
        m = _LABEL.match(seg)
        if m:
            unit_label = _UNIT_LABEL.match(m.group(1))
            if not unit_label:
                continue
            labelled = True
            covers_several = covers_several or bool(_COLLECTIVE_PREFIX.match(m.group(1)))
            label_role = _LABEL_ROLES.get(unit_label.group(2) or unit_label.group(5))
            if label_role == "shared":
                label_role = None
            seg = seg[m.end():]
        groups = [g.strip() for g in _split_outside_parens(seg, ",,") if g.strip()]
        parsed: list[tuple[list[str], Optional[str]]] = []
        for g in groups:
            g = re.sub(r"[。.]$", "", g)
            rw = _ROLE_WORD.search(g)
            word = rw.group(1) if rw else None
            names = g[: rw.start()] if rw else g
            names = re.sub(r"等$", "", names.strip())
            parsed.append((split_units(names), word))
        for i, (names, word) in enumerate(parsed):
            if word is None:
                word = next((w for _, w in parsed[i + 1:] if w), None)
            if word is not None:
                role = _role_of(word)
                how = word
            elif label_role is not None:
                role, how = label_role, m.group(1) if m else ""
            else:
                role, how = "shared", "plain list"
            if label_role is not None and word is None:
                role = label_role
            if len(names) == 1 and "会同" in names[0]:
                head, _, rest = names[0].partition("会同")
                out.extend((u, role, how) for u in split_units(head))
                out.extend((u, "participant", "会同") for u in split_units(rest))
                continue
            for n in names:
                out.append(inline_role(n) or (n, role, how))
    if not out:
        return None
    if not labelled:
        if not _ROLE_WORD.search(re.sub(r"[。.]$", "", body.strip())):
            return None
        if sum(looks_like_unit(u) for u, _, _ in out) < max(1, (len(out) + 1) // 2):
            return None
    seen: set[str] = set()
    unique = []
    for u, r, h in out:
        plausible = looks_like_unit(u) or (
            labelled and len(u) <= 40 and ":" not in u and bool(re.search(r"[\u4e00-\u9fff]{2}", u)))
        if u not in seen and plausible:
            seen.add(u)
            unique.append((u, r, h))
    if not unique:
        return None
    form = "labelled" if labelled else "bracketed"
    return (f"{form}-several" if covers_several else form), unique


def find_clauses(text: str) -> list[Clause]:
    """Every responsibility clause of `text`, bracketed or introduced by a label such as 责任单位:."""
    clauses: list[Clause] = []
    taken: list[tuple[int, int]] = []
    for m in _BRACKETED.finditer(text):
        body = m.group(0)[1:-1]
        if len(body) > 400:
            continue
        parsed = parse_clause_body(body)
        if parsed:
            form, units = parsed
            clauses.append(Clause(m.start(), m.end(), form, tuple(units)))
            taken.append((m.start(), m.end()))
    bracketed = SpanSet(taken)
    for m in _UNBRACKETED.finditer(text):
        if bracketed.holds(m.start()):
            continue
        end = m.end()
        for nxt in _NEXT_LABEL.finditer(text, m.start() + 2, m.end()):
            if not _UNIT_LABEL.match(nxt.group(1)):
                end = nxt.start()
                break
        for glued in _GLUED_LABEL.finditer(text, m.start() + 2, end):
            if glued.group("other"):
                end = glued.start()
                break
        end = len(text[m.start():end].rstrip(" ;;,,")) + m.start()
        body = _GLUED_LABEL.sub(lambda g: g.group(0) if g.group("other") else ";" + g.group(0), text[m.start():end])
        parsed = parse_clause_body(body)
        if parsed:
            clauses.append(Clause(m.start(), end, "unbracketed", tuple(parsed[1])))
    clauses += _sentence_clauses(text, SpanSet([(c.start, c.end) for c in clauses]))
    return sorted(clauses, key=lambda c: c.start)


def _names_are_units(body: str) -> bool:
    """Every comma-separated group of `body`, its role word taken off, names only units (`A、B牵头`, `由C负责`)."""
    for group in _split_outside_parens(body, ",,"):
        group = re.sub(r"[。.]$", "", group.strip())
        rw = _ROLE_WORD.search(group)
        names = split_units(re.sub(r"等$", "", (group[: rw.start()] if rw else group).strip()))
        if not names or not all(looks_like_unit(n) and _UNIT_END.search(n) for n in names):
            return False
    return True


def _sentence_clauses(text: str, taken: SpanSet) -> list[Clause]:
    """Clauses written as the closing sentence of a paragraph, outside any bracket: `…。A牵头,B、C配合。`,
    `…,由A负责。`, `A负责,B配合。`, `A、B按职责分工负责。`. The clause is the longest run of comma groups at
    the end of the paragraph's last sentence in which every group names units only and a role word closes it."""
    found: list[Clause] = []
    pos = 0
    for line in text.split("\n"):
        line_start, pos = pos, pos + len(line) + 1
        body = line.rstrip().rstrip("。.;;")
        if not body.strip() or not _ROLE_WORD.search(body):
            continue
        s_start = max(body.rfind(c) for c in "。!?;;") + 1
        sentence = body[s_start:]
        depth, cuts = 0, [0]
        for i, ch in enumerate(sentence):
            depth += ch in "(〔【[" 
            depth -= ch in ")〕】]" and depth > 0
            if ch in ",," and depth == 0:
                cuts.append(i + 1)
        for cut in cuts:
            candidate = sentence[cut:]
            start = line_start + s_start + cut + len(candidate) - len(candidate.lstrip())
            candidate = candidate.strip()
            if not candidate or taken.holds(start) or not _names_are_units(candidate):
                continue
            parsed = parse_clause_body(candidate)
            if parsed is not None and parsed[0] == "bracketed":
                found.append(Clause(start, start + len(candidate), "sentence", tuple(parsed[1])))
                break
    return found


def _task_without_clause(task: str) -> str:
    return _BRACKETED.sub(lambda m: "" if parse_clause_body(m.group(0)[1:-1]) else m.group(0), task).strip()


def _fallback_task(text: str, pos: int) -> str:
    """With no section: the sentence the clause closes, from the line start up to its first 。."""
    line_start = text.rfind("\n", 0, pos) + 1
    return heading_of(text[line_start:pos])


def _standalone(text: str, clause: Clause) -> bool:
    line_start = text.rfind("\n", 0, clause.start) + 1
    line_end = text.find("\n", clause.end)
    line_end = len(text) if line_end < 0 else line_end
    return not text[line_start:clause.start].strip() and text[clause.end:line_end].strip() in ("", "。", ".")


def _closes_parent(text: str, clause: Clause, siblings: list[Section], clause_starts: list[int]) -> bool:
    """A clause on a line of its own after the last of several items, none of which has a clause of its own,
    closes the items' parent (`(一)… 1.… 2.… (责任单位:…)`). `siblings` are the items, the clause's own last."""
    if not _standalone(text, clause) or len(siblings) < 2:
        return False
    return not any(bisect.bisect_left(clause_starts, s.start) < bisect.bisect_left(clause_starts, s.end)
                   for s in siblings[:-1])


def extract_responsibilities(
    doc: str, text: str, sections: list[Section]
) -> tuple[list[Measure], list[Responsibility]]:
    """The measures closed by responsibility clauses, and one `Responsibility` per unit named."""
    measures: dict[tuple[str, ...], Measure] = {}
    rows: list[Responsibility] = []
    index = SectionIndex(text, sections)
    by_path: dict[tuple[str, ...], Section] = {}
    children: dict[tuple[str, ...], list[Section]] = {}
    for s in index.sections:
        by_path.setdefault(s.path, s)
        children.setdefault(s.path[:-1], []).append(s)
    clauses = find_clauses(text)
    clause_starts = [c.start for c in clauses]
    for clause in clauses:
        section = index.smallest(clause.start)
        if section is not None and len(section.path) > 1 and (
            clause.form.endswith("-several") or (
                children[section.path[:-1]][-1] is section
                and _closes_parent(text, clause, children[section.path[:-1]], clause_starts))
        ):
            section = by_path.get(section.path[:-1], section)
        if section is not None:
            task = _task_without_clause(section.heading)
            path = section.path
            if path not in measures:
                prov = section.provenance or Provenance(doc, path, section.start, section.start, "", "section")
                measures[path] = Measure(doc, path, section.number, task,
                                         Provenance(doc, path, prov.start, prov.end, prov.evidence, "measure:numbered-item"))
        else:
            task = _fallback_task(text, clause.start)
            path = ()
        evidence = text[clause.start:clause.end]
        for unit, role, how in clause.units:
            prov = Provenance(doc, path, clause.start, clause.end, evidence, f"responsibility:{clause.form}:{how}")
            rows.append(Responsibility(doc, task, path, unit, role, prov))
    return list(measures.values()), rows
