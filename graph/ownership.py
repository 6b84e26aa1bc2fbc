"""Who owns a target: the derived-ownership rule, one function over records.

Plans state a target in one item (`一、发展目标 … 到2020年，制修订地方标准500项`) and
name the responsible units in the clauses that close their measures
(`（一）推进公共安全标准化。（责任单位：市公安局牵头）`). `target_owners` reads
ownership off that structure:

- A target that is a fact (a past figure) or has no section owns nothing.
- A unit owns the target when it is responsible for a measure in the target's
  section or below it (the measure's section path starts with the target's).
- The ownership is *asserted* when one of the unit's clauses closes the very
  item that states the target (same section path), *derived* otherwise. A unit
  with both keeps only its asserted clauses.
- Its role is the strongest of the kept clauses' roles: lead, then shared,
  then participant.

Units are whatever the caller resolved the written names to (any hashable
key), so two names of one unit give one ownership.
"""
from __future__ import annotations

from dataclasses import dataclass
from typing import Hashable, Sequence

from stdkg.records import Responsibility, Target

ROLE_STRENGTH = {"lead": 0, "shared": 1, "participant": 2}
ASSERTED_RULE = "clause closes the item stating the target"
DERIVED_RULE = "derived: responsibility for a measure of the target's section"


@dataclass(frozen=True)
class TargetOwner:
    """One unit's ownership of a target: its role, whether derived, and the clauses it rests on
    (`via`: indexes into the responsibilities given to `target_owners`, in their order)."""

    unit: Hashable
    role: str
    derived: bool
    via: tuple[int, ...]

    @property
    def rule(self) -> str:
        return DERIVED_RULE if self.derived else ASSERTED_RULE


def target_owners(target: Target, responsibilities: Sequence[tuple[Responsibility, Hashable]]) -> list[TargetOwner]:
    """The owners of `target` among `responsibilities` ((responsibility, its unit) pairs of the same
    plan), one per unit in order of first appearance."""
    path = tuple(target.provenance.section_path) if target.provenance else ()
    if target.is_fact or not path:
        return []
    clauses: dict[Hashable, list[tuple[int, Responsibility]]] = {}
    for i, (responsibility, unit) in enumerate(responsibilities):
        if tuple(responsibility.measure_path[:len(path)]) == path:
            clauses.setdefault(unit, []).append((i, responsibility))
    owners = []
    for unit, rows in clauses.items():
        asserted = any(tuple(r.measure_path) == path for _, r in rows)
        kept = [(i, r) for i, r in rows if (tuple(r.measure_path) == path) == asserted]
        role = min((r.role for _, r in kept), key=lambda role: ROLE_STRENGTH[role])
        owners.append(TargetOwner(unit, role, not asserted, tuple(i for i, _ in kept)))
    return owners
