"""Who owns a target: the ownership rule, one function over records.

Plans state a target in one item (`一、发展目标 … 到2020年，制修订地方标准500项`) and
name the responsible units in the clauses that close their measures
(`（一）推进公共安全标准化。（责任单位：市公安局牵头）`). `target_owners` reads
ownership off that structure, each owner with its *basis*:

- A target that is a fact (a past figure) or has no section owns nothing.
- `stated`: a unit's clause closes the very item that states the target (same
  section path). When any unit is stated, only stated units own the target.
- `measure`: otherwise, the measures below the target's section are matched
  against the target: the key terms (character pairs of its metric and text,
  without the generic ones in vocabulary `ownership_generic_terms`) shared with
  each measure's title. The measures sharing the most, at least `MIN_SHARED`,
  give their leading units (lead or shared; every unit only where no one leads).
- `section`: else the units leading a clause that closes an item enclosing the
  target's (a section above it), the section as a whole.
- Never every unit that takes part somewhere in the section: a target matching no
  measure and no enclosing clause has no owner.
- An owner's role is the strongest of the clauses it rests on: lead, then shared,
  then participant.

Units are whatever the caller resolved the written names to (any hashable key),
so two names of one unit give one ownership.
"""
from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache
from typing import Hashable, Sequence

from stdkg.records import Responsibility, Target

ROLE_STRENGTH = {"lead": 0, "shared": 1, "participant": 2}
BASES = ("stated", "measure", "section")
RULES = {
    "stated": "stated: a clause closes the item stating the target",
    "measure": "inferred: leads the measure of the target's section whose title shares most key terms with it",
    "section": "inferred: leads the section enclosing the target",
}
ASSERTED_RULE, DERIVED_RULE = RULES["stated"], RULES["measure"]
MIN_SHARED = 2
_HAN = re.compile(r"[\u4e00-\u9fff]+|[A-Za-z0-9]+")


@dataclass(frozen=True)
class TargetOwner:
    """One unit's ownership of a target: its role, its basis (stated, measure, section) and the clauses
    it rests on (`via`: indexes into the responsibilities given to `target_owners`, in their order)."""

    unit: Hashable
    role: str
    basis: str
    via: tuple[int, ...]

    @property
    def derived(self) -> bool:
        return self.basis != "stated"

    @property
    def rule(self) -> str:
        return RULES[self.basis]


@lru_cache(maxsize=1)
def _generic() -> frozenset[str]:
    from stdkg.vocabulary import words

    return frozenset(words("ownership_generic_terms"))


def key_terms(text: str) -> frozenset[str]:
    """The character pairs (and Latin words) of `text` that can tie a target to a measure."""
    terms = set()
    for run in _HAN.findall(text or ""):
        if run.isascii():
            terms.add(run.casefold())
        else:
            terms.update(run[i:i + 2] for i in range(len(run) - 1))
    return frozenset(terms - _generic())


def target_owners(target: Target, responsibilities: Sequence[tuple[Responsibility, Hashable]]) -> list[TargetOwner]:
    """The owners of `target` among `responsibilities` ((responsibility, its unit) pairs of the same
    plan), one per unit in order of first appearance."""
    path = tuple(target.provenance.section_path) if target.provenance else ()
    if target.is_fact or not path:
        return []
    rows = list(enumerate(responsibilities))
    stated = [(i, r, u) for i, (r, u) in rows if tuple(r.measure_path) == path]
    if stated:
        return _owners(stated, "stated", leading_only=False)
    below = [(i, r, u) for i, (r, u) in rows
             if len(r.measure_path) > len(path) and tuple(r.measure_path[:len(path)]) == path]
    wanted = key_terms(target.metric) | key_terms(target.text)
    shared = {tuple(r.measure_path): len(wanted & key_terms(r.task)) for _, r, _ in below}
    best = max(shared.values(), default=0)
    if best >= MIN_SHARED:
        return _owners([x for x in below if shared[tuple(x[1].measure_path)] == best], "measure")
    above = [(i, r, u) for i, (r, u) in rows if 0 < len(r.measure_path) < len(path)
             and tuple(path[:len(r.measure_path)]) == tuple(r.measure_path)]
    if above:
        deepest = max(len(r.measure_path) for _, r, _ in above)
        return _owners([x for x in above if len(x[1].measure_path) == deepest], "section")
    return []


def _owners(clauses: list, basis: str, leading_only: bool = True) -> list[TargetOwner]:
    """One owner per unit; with `leading_only`, per measure only its lead/shared units where it has any."""
    if leading_only:
        by_measure: dict[tuple, list] = {}
        for c in clauses:
            by_measure.setdefault(tuple(c[1].measure_path), []).append(c)
        kept = []
        for group in by_measure.values():
            leading = [c for c in group if c[1].role in ("lead", "shared")]
            kept += leading or group
        clauses = sorted(kept, key=lambda c: c[0])
    units: dict[Hashable, list] = {}
    for i, r, u in clauses:
        units.setdefault(u, []).append((i, r))
    return [TargetOwner(u, min((r.role for _, r in rs), key=ROLE_STRENGTH.__getitem__), basis,
                        tuple(i for i, _ in rs)) for u, rs in units.items()]
