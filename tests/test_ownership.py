"""The ownership rule on hand-written targets and responsibility clauses: stated, else the best-matching
measure's leads, else the enclosing section's leads, never every participant."""
from __future__ import annotations

from stdkg.ownership import RULES, key_terms, target_owners
from stdkg.records import Provenance, Responsibility, Target

GOALS = ("三", "（一）")


def target(path=GOALS, is_fact=False, metric="制修订地方标准", text="到2025年，制修订地方标准100项") -> Target:
    prov = Provenance("d", path, 0, 10, text, "target sentence") if path is not None else None
    return Target("d", text, metric, 100.0, "项", ">=", 2025, "目标", prov, is_fact=is_fact)


def clause(path, unit: str, role: str = "lead", task: str = "推进公共安全标准化") -> Responsibility:
    prov = Provenance("d", path, 20, 40, f"（责任单位：{unit}）", "responsibility clause")
    return Responsibility("d", task, path, unit, role, prov)


def owners(t, rows):
    return {o.unit: (o.role, o.basis, o.via) for o in target_owners(t, rows)}


def test_a_clause_closing_the_targets_own_item_states_it_and_nothing_is_inferred_beside_it():
    rows = [(clause(GOALS + ("1",), "市公安局", task="制修订地方标准"), "police"),
            (clause(GOALS, "市民政局", "participant"), "civil")]
    assert owners(target(), rows) == {"civil": ("participant", "stated", (1,))}
    assert [o.rule for o in target_owners(target(), rows)] == [RULES["stated"]]


def test_the_leads_of_the_measure_sharing_most_key_terms_own_it():
    rows = [(clause(GOALS + ("1",), "市公安局", task="推进公共安全标准化"), "police"),
            (clause(GOALS + ("2",), "市质监局", task="加快地方标准制修订"), "quality"),
            (clause(GOALS + ("2",), "市民政局", "participant", task="加快地方标准制修订"), "civil")]
    assert owners(target(), rows) == {"quality": ("lead", "measure", (1,))}


def test_a_measure_without_a_lead_gives_all_its_units():
    rows = [(clause(GOALS + ("2",), "市质监局", "participant", task="地方标准制修订"), "quality"),
            (clause(GOALS + ("2",), "市民政局", "participant", task="地方标准制修订"), "civil")]
    assert set(owners(target(), rows)) == {"quality", "civil"}


def test_no_matching_measure_falls_back_to_the_leads_of_the_enclosing_section():
    rows = [(clause(GOALS + ("1",), "市公安局", task="推进公共安全标准化"), "police"),
            (clause(("三",), "市发改委"), "ndrc"), (clause(("三",), "市财政局", "participant"), "finance")]
    assert owners(target(), rows) == {"ndrc": ("lead", "section", (1,))}


def test_a_target_matching_nothing_has_no_owner_rather_than_every_participant():
    rows = [(clause(GOALS + ("1",), "市人社局", task="推进人力资源服务标准化"), "hr"),
            (clause(GOALS + ("2",), "人民银行", task="推进金融标准化"), "pboc")]
    assert target_owners(target(metric="全市高中毛入学率", text="全市高中毛入学率达到99%"), rows) == []


def test_measures_of_other_sections_own_nothing():
    rows = [(clause(("二", "（一）"), "市公安局", task="制修订地方标准"), "police"),
            (clause(("三", "（一二）"), "市民政局", task="制修订地方标准"), "civil")]
    assert owners(target(), rows) == {}


def test_generic_terms_do_not_tie_a_target_to_a_measure():
    assert not key_terms("推进标准化") & key_terms("推进标准化建设")
    assert {"地方", "方标"} <= key_terms("制修订地方标准")


def test_the_strongest_role_of_the_kept_clauses_wins():
    rows = [(clause(GOALS, "市公安局", "participant"), "police"), (clause(GOALS, "公安局", "shared"), "police")]
    assert owners(target(), rows) == {"police": ("shared", "stated", (0, 1))}


def test_facts_and_targets_without_a_section_have_no_owners():
    rows = [(clause(GOALS, "市公安局"), "police")]
    assert target_owners(target(is_fact=True), rows) == []
    assert target_owners(target(path=()), rows) == []
    assert target_owners(target(path=None), rows) == []
