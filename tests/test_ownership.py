"""The derived-ownership rule on hand-written targets and responsibility clauses."""
from __future__ import annotations

from stdkg.ownership import ASSERTED_RULE, DERIVED_RULE, target_owners
from stdkg.records import Provenance, Responsibility, Target

GOALS = ("一",)


def target(path=GOALS, is_fact=False) -> Target:
    prov = Provenance("d", path, 0, 10, "到2025年，制修订标准100项", "target sentence") if path is not None else None
    return Target("d", "到2025年，制修订标准100项", "制修订标准", 100.0, "项", ">=", 2025, "目标", prov, is_fact=is_fact)


def clause(path, unit: str, role: str = "lead") -> Responsibility:
    prov = Provenance("d", path, 20, 40, f"（责任单位：{unit}）", "responsibility clause")
    return Responsibility("d", "推进标准化", path, unit, role, prov)


def owners(t, rows):
    return {o.unit: (o.role, o.derived, o.via) for o in target_owners(t, rows)}


def test_units_of_measures_below_the_targets_section_own_it_derived():
    rows = [(clause(("一", "（一）"), "市公安局"), "police"), (clause(("一", "（二）"), "市民政局", "participant"), "civil")]
    assert owners(target(), rows) == {"police": ("lead", True, (0,)), "civil": ("participant", True, (1,))}
    assert {o.rule for o in target_owners(target(), rows)} == {DERIVED_RULE}


def test_measures_of_other_sections_own_nothing():
    rows = [(clause(("二", "（一）"), "市公安局"), "police"), (clause(("一二",), "市民政局"), "civil")]
    assert owners(target(), rows) == {}


def test_a_clause_closing_the_targets_own_item_asserts_and_hides_derived_clauses_of_that_unit():
    rows = [(clause(("一", "（一）"), "市公安局", "lead"), "police"),
            (clause(GOALS, "市公安局", "participant"), "police"),
            (clause(("一", "（二）"), "市民政局", "shared"), "civil")]
    result = target_owners(target(), rows)
    assert owners(target(), rows) == {"police": ("participant", False, (1,)), "civil": ("shared", True, (2,))}
    assert [o.rule for o in result] == [ASSERTED_RULE, DERIVED_RULE]


def test_the_strongest_role_of_the_kept_clauses_wins_and_every_clause_is_kept():
    rows = [(clause(("一", "（一）"), "市公安局", "participant"), "police"),
            (clause(("一", "（二）"), "公安局", "shared"), "police"),
            (clause(("一", "（三）"), "市公安局", "participant"), "police")]
    assert owners(target(), rows) == {"police": ("shared", True, (0, 1, 2))}
    rows.append((clause(("一", "（四）"), "市公安局", "lead"), "police"))
    assert owners(target(), rows)["police"][0] == "lead"


def test_facts_and_targets_without_a_section_have_no_owners():
    rows = [(clause(("一", "（一）"), "市公安局"), "police")]
    assert target_owners(target(is_fact=True), rows) == []
    assert target_owners(target(path=()), rows) == []
    assert target_owners(target(path=None), rows) == []


def test_owners_come_in_order_of_first_clause():
    rows = [(clause(("一", "（二）"), "b"), "b"), (clause(("一", "（一）"), "a"), "a"), (clause(("一",), "b"), "b")]
    assert [o.unit for o in target_owners(target(), rows)] == ["b", "a"]
