"""Achievements: reported figures as facts of their own, and the question whether a target was met.

Small plans and reports written here (statuses judged by hand before running), and the shipped
Shenzhen plan (001) and progress report (000), on the embedded store and on Neo4j.
"""
from __future__ import annotations

from pathlib import Path

import pandas as pd
import pytest

from stdkg.name_index import NameNotFound
from rdflib import RDF
from rdflib.namespace import PROV

from stdkg.build import build_graph
from stdkg.loaders.registry import load_registries
from stdkg.property_graph import to_networkx
from stdkg.questions import run_question
from stdkg.records import Plan, PolicyRecords, Provenance, Responsibility, Target
from stdkg.stores.oxigraph_store import open_store, write_store
from stdkg.validate import validate
from stdkg.vocab import STDKG
from tests.questions_support import built_store

REGISTRIES = load_registries()
PLAN, REPORT_2017, REPORT_2019, QINGDAO = "plan-sz", "report-sz-2017", "report-sz-2019", "report-qd"


def document(doc: str, city: str, title: str, date: str | None, rows: list[tuple], period=(None, None)) -> PolicyRecords:
    """A document whose text is its rows' sentences; a row is (text, metric, value, unit, comparator, year, is_fact)."""
    text = title + "\n"
    r = PolicyRecords(doc=doc, source=f"{doc}.txt", city=city, text="")
    r.plan = Plan(doc=doc, title=title, city=city, date=date, period_start=period[0], period_end=period[1],
                  provenance=Provenance(doc, (), 0, len(title), title, "title line"))
    for sentence, metric, value, unit, comparator, year, is_fact in rows:
        start = len(text)
        text += sentence + "。\n"
        prov = Provenance(doc, ("一",), start, start + len(sentence), sentence, "target sentence")
        r.targets.append(Target(doc, sentence, metric, value, unit, comparator, year, "目标", prov, is_fact=is_fact))
    r.text = text
    return r


def plan() -> PolicyRecords:
    r = document(PLAN, "深圳", "深圳市标准化行动计划(2016—2020年)", "2016-03-01", [
        ("到2020年,制修订地方标准500项", "制修订地方标准", 500.0, "项", ">=", 2020, False),
        ("到2018年,发布团体标准100项", "发布团体标准", 100.0, "项", ">=", 2018, False),
        ("二氧化硫排放总量控制在0.8万吨以内", "二氧化硫排放总量", 0.8, "万吨", "<=", 2020, False),
        ("研发经费支出占地区生产总值比重达4.0%", "研发经费支出占地区生产总值比重", 4.0, "%", ">=", 2020, False),
        ("发明专利拥有量60件", "发明专利拥有量", 60.0, "件", ">=", 2020, False),
    ], period=(2016, 2020))
    clause = Provenance(PLAN, ("一",), 0, 10, "(责任单位:市公安局)", "responsibility clause")
    r.responsibilities = [Responsibility(PLAN, "目标", ("一",), "市公安局", "lead", clause)]
    return r


def reports() -> list[PolicyRecords]:
    return [
        document(REPORT_2017, "深圳", "深圳标准化工作进展(2017)", "2017-11-10", [
            ("累计制定地方标准600项", "累计制定地方标准", 600.0, "项", "=", None, True),
        ]),
        document(REPORT_2019, "深圳", "深圳标准化工作进展(2019)", "2019-05-01", [
            ("累计制定地方标准300项", "累计制定地方标准", 300.0, "项", "=", None, True),
            ("2018年发布团体标准80项", "发布团体标准", 80.0, "项", "=", 2018, True),
            ("二氧化硫排放总量0.7万吨", "二氧化硫排放总量", 0.7, "万吨", "=", None, True),
            ("发明专利拥有量65项", "发明专利拥有量", 65.0, "项", "=", None, True),
        ]),
        document(QINGDAO, "青岛", "青岛标准化工作进展(2019)", "2019-06-01", [
            ("累计制定地方标准900项", "累计制定地方标准", 900.0, "项", "=", None, True),
        ]),
    ]


# Judged by hand from the sentences above: the latest Shenzhen report (2019) says 300 local
# standards, before the 2020 target of 500 (Qingdao's 900 and Shenzhen's older 600 do not count);
# 80 group standards in 2018 against 100 due in 2018; 0.7 against at most 0.8; no R&D figure;
# patents reported in 项, not 件.
EXPECTED = {
    "制修订地方标准": ("not yet due", 300.0, 2019),
    "发布团体标准": ("not met", 80.0, 2018),
    "二氧化硫排放总量": ("met", 0.7, 2019),
    "研发经费支出占地区生产总值比重": ("no report", None, None),
    "发明专利拥有量": ("no report", None, None),
}


@pytest.fixture(scope="module")
def graph():
    return build_graph([plan(), *reports()], REGISTRIES)


@pytest.fixture(scope="module")
def store(graph, tmp_path_factory):
    return open_store(write_store(graph, tmp_path_factory.mktemp("achievements") / "store"))


def statuses(frame: pd.DataFrame) -> dict[str, tuple]:
    return {row.metric: (row.status, None if pd.isna(row.reported_value) else row.reported_value,
                         None if pd.isna(row.reported_year) else int(row.reported_year))
            for row in frame.itertuples()}


def test_facts_become_achievements_not_targets(graph):
    achievements = set(graph.subjects(RDF.type, STDKG.Achievement))
    targets = set(graph.subjects(RDF.type, STDKG.Target))
    assert len(achievements) == 6 and len(targets) == 5 and not achievements & targets
    assert not list(graph.subjects(STDKG.isFact, None))


def test_an_achievement_has_the_year_of_its_text_else_of_its_document(graph):
    years = {(str(graph.value(a, STDKG.metric)), float(graph.value(a, STDKG.value))):
             (int(graph.value(a, STDKG.year)), str(graph.value(a, STDKG.yearFrom)))
             for a in graph.subjects(RDF.type, STDKG.Achievement)}
    assert years[("发布团体标准", 80.0)] == (2018, "text")
    assert years[("累计制定地方标准", 300.0)] == (2019, "document date")
    assert years[("累计制定地方标准", 600.0)] == (2017, "document date")


def test_an_achievement_counts_towards_the_indicator_its_metric_matches(graph):
    indicator = {str(graph.value(a, STDKG.metric)): graph.value(a, STDKG.hasIndicator)
                 for a in graph.subjects(RDF.type, STDKG.Achievement)}
    assert str(indicator["累计制定地方标准"]).endswith("/indicator/local-standards")
    assert str(indicator["发布团体标准"]).endswith("/indicator/group-standards")


def test_an_achievement_without_evidence_is_a_violation(graph):
    from copy import deepcopy

    g = deepcopy(graph)
    a = sorted(g.subjects(RDF.type, STDKG.Achievement))[0]
    assert str(a) not in validate(g).text
    g.remove((a, PROV.wasDerivedFrom, None))
    report = validate(g)
    assert not report.conforms and str(a) in report.text and "an achievement needs its evidence" in report.text


def test_each_target_against_the_latest_report_of_its_city(store):
    frame = run_question("targets_vs_achievements", {"city": "深圳"}, engine="sparql", store=store)
    assert statuses(frame) == EXPECTED
    assert set(frame.owner) == {"深圳市公安局"} and frame.stated.all()
    row = frame[frame.metric == "制修订地方标准"].iloc[0]
    assert (row.target_doc, row.reported_doc) == (PLAN, REPORT_2019)
    assert row.reported_quote == "累计制定地方标准300项" and row.target_quote.startswith("到2020年")


def test_indicator_and_owner_narrow_the_answer(store):
    one = run_question("targets_vs_achievements", {"city": "深圳", "indicator": "Group standards"}, store=store)
    assert list(one.metric) == ["发布团体标准"]
    owned = run_question("targets_vs_achievements", {"city": "深圳", "owner": "深圳市公安局"}, store=store)
    assert set(owned.owner) <= {"深圳市公安局"}
    with pytest.raises(NameNotFound):
        run_question("targets_vs_achievements", {"city": "深圳", "owner": "深圳市教育局"}, store=store)


@pytest.mark.neo4j
def test_neo4j_gives_the_same_statuses(neo4j_driver, graph, store):
    from stdkg.stores.neo4j_store import clear, load_graph

    clear(neo4j_driver)
    load_graph(neo4j_driver, to_networkx(graph))
    for params in ({"city": "深圳"}, {"city": "青岛"}, {"city": "深圳", "indicator": "团体标准"}):
        sparql = run_question("targets_vs_achievements", params, engine="sparql", store=store)
        cypher = run_question("targets_vs_achievements", params, engine="neo4j", driver=neo4j_driver)
        pd.testing.assert_frame_equal(sparql, cypher)
    assert statuses(run_question("targets_vs_achievements", {"city": "深圳"}, engine="neo4j",
                                 driver=neo4j_driver)) == EXPECTED


# The shipped corpus, judged by hand: Shenzhen's 2015–2020 plan (001) set 260, 100 and 30
# standards to develop by 2015; its 2017 report (000) says 500-odd standards developed (近年来累计制定
# 标准500余项). The plan's R&D share (4.0 % in 2015, 4.1 % in 2020) is not reported.
def test_shenzhen_plan_against_its_2017_report():
    store = open_store(built_store())
    frame = run_question("targets_vs_achievements", {"city": "深圳", "indicator": "制修订标准"}, store=store)
    by_value = {v: g for v, g in frame.groupby("value")}
    assert sorted(by_value) == [30.0, 100.0, 260.0]
    for group in by_value.values():
        assert set(group.status) == {"met"}
        assert set(group.reported_value) == {500.0} and set(group.reported_year) == {2017}
        assert set(group.target_doc) == {"001_fafe1815ed4c16aa"} and set(group.reported_doc) == {"000_53de0682cb7a35fd"}
        assert "500" in group.reported_quote.iloc[0]
    assert "深圳市市场和质量监督管理委员会" in set(frame.owner)
    rd = run_question("targets_vs_achievements", {"city": "深圳", "indicator": "研发经费支出占比"}, store=store)
    assert set(rd.status) == {"no report"} and sorted(set(rd.year)) == [2015, 2020]


def test_questions_that_leave_facts_out_give_no_achievements():
    store = open_store(built_store())
    unowned = run_question("targets_without_owner", {"city": "深圳"}, store=store)
    comparable = run_question("comparable_targets", {"city": "深圳"}, store=store)
    reported = {"近年来累计制定标准", "制定发布团体标准", "国际标准"}
    for frame in (unowned, comparable):
        assert not reported & set(frame.metric)


def test_report_figures_count_towards_the_indicator_they_are_about():
    from stdkg.pipeline import shipped_records
    from stdkg.resolve import indicator_for, load_indicators

    (report,) = [r for r in shipped_records() if r.doc.startswith("000_")]
    indicators = load_indicators()
    key = {t.metric: getattr(indicator_for(t.metric, indicators), "key", None) for t in report.targets if t.is_fact}
    talent = next(m for m in key if "标准化人才" in m)
    bodies = next(m for m in key if "工作机构" in m)
    assert key[talent] == "standardization-talent"
    assert key[bodies] is None
