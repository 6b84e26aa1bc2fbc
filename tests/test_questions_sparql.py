"""The named questions on the embedded store, checked against gold and reference facts."""
from __future__ import annotations

from pathlib import Path

import pandas as pd
import pytest

from stdkg.questions import NameNotFound, QuestionError, answer_all, get_question, list_questions, load_question, run_question
from tests.shared import CORPUS
from tests.questions_support import built_store, gold, gold_by_city, reference_rows, registries, unit_name

REQUIRED_QUESTIONS = {
    "targets_by_owner", "departments_by_measures_led", "co_lead_pairs", "targets_without_owner",
    "measures_without_lead", "comparable_targets", "alliance_links", "committees_for_city",
    "plan_to_international_standard", "shortest_path", "entity_evidence", "city_profile_counts",
    "city_profile_top_departments", "city_profile_targets_by_year",
}
STRATEGIC_SECTION = "强化战略性新兴产业标准创新能力"


@pytest.fixture(scope="module")
def store():
    from stdkg.stores.oxigraph_store import open_store

    return open_store(built_store())


def ask(store, name, **params) -> pd.DataFrame:
    return run_question(name, params, engine="sparql", store=store)


def test_every_issue_question_has_a_pair_with_agreeing_headers():
    names = {q.name for q in list_questions()}
    assert REQUIRED_QUESTIONS <= names
    for q in list_questions():
        assert q.description and q.columns, q.name
        assert q.sparql.startswith("# name: "), q.name
        assert q.cypher.startswith("// name: "), q.name


@pytest.mark.parametrize("name", sorted(q.name for q in list_questions()))
def test_example_answers_have_the_header_columns(store, name):
    q = get_question(name)
    frame = run_question(name, q.example, engine="sparql", store=store)
    assert list(frame.columns) == q.column_names
    if q.limit is not None:
        assert len(frame) <= q.limit


def test_leads_of_the_strategic_emerging_industries_measure_match_gold(store):
    rows = [o for o in gold("001")["ownership"]
            if STRATEGIC_SECTION in o.get("note", "") and o["role"] == "lead"]
    assert rows, "gold has lead rows for the measure"
    task = rows[0]["task"]
    expected = {unit_name(o["department"], "深圳") for o in rows}
    got = ask(store, "measure_owners", city="深圳", section=STRATEGIC_SECTION, task=task, role="lead")
    assert set(got["department"]) == expected
    assert (got["city"] == "深圳").all()


def test_qingdao_shared_responsibilities_match_gold(store):
    expected = {(o["task"], unit_name(o["department"], "青岛"))
                for o in gold("004")["ownership"] if o["role"] == "shared"}
    got = ask(store, "measure_owners", city="青岛", role="shared")
    assert set(zip(got["task"], got["department"])) == expected
    assert set(got["role"]) == {"shared"}


def test_public_security_bureaus_of_two_cities_are_counted_apart(store):
    got = ask(store, "measure_owners")
    for doc, city in (("001", "深圳"), ("004", "青岛")):
        name = unit_name("市公安局", city)
        tasks = {o["task"] for o in gold(doc)["ownership"] if o["department"] == "市公安局"}
        assert tasks, f"gold {doc} names 市公安局"
        mine = got[got["department"] == name]
        assert set(mine["city"]) == {city}
        assert set(mine["task"]) == tasks
    assert unit_name("市公安局", "深圳") != unit_name("市公安局", "青岛")
    ranked = ask(store, "city_profile_top_departments", city="青岛")
    assert unit_name("市公安局", "深圳") not in set(ranked["department"])


def test_departments_ranked_by_measures_led_agree_with_measure_owners(store):
    ranked = ask(store, "departments_by_measures_led", city="深圳")
    leads = ask(store, "measure_owners", city="深圳", role="lead")
    # measure_owners rows are per (measure, unit); distinct measures led per unit
    led = leads.drop_duplicates(["plan", "section", "number", "task", "department"]).groupby("department").size()
    assert dict(zip(ranked["department"], ranked["measures_led"])) == led.to_dict()
    assert list(ranked["measures_led"]) == sorted(ranked["measures_led"], reverse=True)


def test_co_lead_pairs_count_measures_both_lead(store):
    pairs = ask(store, "co_lead_pairs", city="深圳")
    leads = ask(store, "measure_owners", city="深圳", role="lead")
    by_measure = leads.groupby(["plan", "number", "task"])["department"].apply(set)
    top = pairs.iloc[0]
    both = sum(1 for units in by_measure if {top["department_a"], top["department_b"]} <= units)
    assert top["measures"] == both
    assert (pairs["department_a"] < pairs["department_b"]).all()


def test_cities_without_responsibility_clauses_have_no_owned_targets(store):
    for city, docs in gold_by_city().items():
        if all(not d.get("ownership") for d in docs):
            assert ask(store, "targets_by_owner", city=city).empty, city
            assert len(ask(store, "targets_without_owner", city=city)) > 0, city
            assert ask(store, "measures_without_lead", city=city)["responsible"].eq(0).all(), city


def test_owned_targets_are_not_listed_as_unowned(store):
    owned = ask(store, "targets_by_owner", city="青岛")
    unowned = ask(store, "targets_without_owner", city="青岛")
    assert not set(owned["text"]) & set(unowned["text"])
    profile = ask(store, "city_profile_targets_by_year", city="青岛")
    assert profile["targets"].sum() == len(set(owned["text"])) + len(unowned)
    assert profile["owned"].sum() == len(set(owned["text"]))


def test_year_filter_keeps_only_that_year(store):
    all_years = ask(store, "targets_by_owner", city="深圳")
    year = int(all_years["year"].dropna().mode()[0])
    only = ask(store, "targets_by_owner", city="深圳", year=year)
    assert len(only) == int((all_years["year"] == year).sum())
    assert (only["year"] == year).all()


def test_qingdao_secretariat_target_is_comparable(store):
    target = next(t for t in gold("004")["targets"] if "秘书处" in t["metric"])
    got = ask(store, "comparable_targets", indicator="标准化技术组织秘书处")
    assert set(got["indicator"]) == {"标准化技术组织秘书处"}
    row = got[got["city"] == "青岛"]
    assert (float(target["value"]), target["year"]) in set(zip(row["value"], row["year"]))


def test_shenzhen_plan_reaches_iso_37120_its_committee_and_secretariat(store):
    standard = next(r for r in reference_rows("iso_standards.csv") if r["base_reference"] == "ISO 37120")
    committee = next(r for r in reference_rows("iso_committees.csv")
                     if r["reference"] == standard["committee_reference"])
    assert "ISO 37120" in {o["name"] for o in gold("000")["organisations"]}
    chain = ask(store, "plan_to_international_standard", city="深圳", standard="ISO 37120")
    assert set(zip(chain["committee"], chain["secretariat_code"])) == {(committee["reference"], committee["secretariat"])}
    assert set(chain["city"]) == {"深圳"}
    committees = ask(store, "committees_for_city", city="深圳")
    tc = committees[(committees["committee"] == committee["reference"]) & (committees["via"] == "ISO 37120")]
    assert len(tc) == 1
    assert int(tc["p_members"].iloc[0]) == int(committee["p_member_count"])
    assert int(tc["o_members"].iloc[0]) == int(committee["o_member_count"])


def test_city_profile_counts_match_the_city_questions(store):
    counts = ask(store, "city_profile_counts", city="青岛")
    by_label = dict(zip(counts["label"], counts["nodes"]))
    assert by_label.get("Plan", 0) >= len(gold_by_city()["青岛"])
    owners = ask(store, "measure_owners", city="青岛")
    measures_with_owner = len(owners.drop_duplicates(["plan", "number", "task"]))
    assert by_label.get("Measure", 0) >= measures_with_owner


def test_unknown_question_names_the_known_ones():
    with pytest.raises(QuestionError, match="unknown question 'nope'.*targets_by_owner"):
        run_question("nope", {}, engine="sparql", store=built_store())


@pytest.mark.parametrize("name, params, message", [
    ("targets_by_owner", {"town": "深圳"}, "unknown parameter.*town.*city"),
    ("committees_for_city", {}, "missing required parameter 'city'"),
    ("targets_by_owner", {"year": "twenty"}, "'year' must be int"),
    ("targets_by_owner", {"year": 2020.5}, "'year' must be int"),
])
def test_bad_parameters_are_refused_with_a_helpful_message(store, name, params, message):
    with pytest.raises(QuestionError, match=message):
        run_question(name, params, engine="sparql", store=store)


def test_unknown_engine_and_missing_store_are_refused():
    with pytest.raises(QuestionError, match="unknown engine"):
        run_question("targets_by_owner", {}, engine="gremlin")
    with pytest.raises(QuestionError, match="needs store="):
        run_question("targets_by_owner", {}, engine="sparql")


@pytest.mark.parametrize("value", ['深圳" } ; DROP ALL ; #', "' OR 1=1 //", "深圳\n} UNION { ?s ?p ?o }"])
def test_malicious_values_are_plain_values(store, value):
    """A value either names no entity (NameNotFound) or reaches one by its name; it never runs as query text."""
    before = len(store)
    for name in ("targets_by_owner", "committees_for_city", "city_profile_counts", "entity_evidence", "measure_owners"):
        q = get_question(name)
        param = "section" if name == "measure_owners" else "city" if q.param("city") else q.params[0].name
        try:
            frame = run_question(name, {param: value}, engine="sparql", store=store)
        except NameNotFound:
            continue
        if param in ("city", "section"):
            assert len(frame) <= len(run_question(name, {param: "深圳"} if param == "city" else {}, engine="sparql",
                                                  store=store)), name
    assert len(store) == before


def test_string_that_looks_like_a_number_but_is_no_code_is_refused(store):
    with pytest.raises(NameNotFound, match="no city named '2020'"):
        ask(store, "targets_by_owner", city="2020")


def test_headers_that_disagree_are_reported_with_the_file(tmp_path):
    (tmp_path / "q.rq").write_text("# name: q\n# answers: a\n# columns: a\nSELECT ?a WHERE {}\n", encoding="utf-8")
    (tmp_path / "q.cypher").write_text("// name: q\n// answers: a\n// columns: a, b\nRETURN 1 AS a\n",
                                       encoding="utf-8")
    with pytest.raises(QuestionError, match="q.rq and q.cypher disagree.*columns"):
        load_question("q", tmp_path)
    (tmp_path / "q.cypher").write_text("// name: q\n// answers: a\n// param x: thing, optional\n// columns: a\n",
                                       encoding="utf-8")
    with pytest.raises(QuestionError, match="q.cypher: bad param line"):
        load_question("q", tmp_path)


def test_answer_all_writes_one_csv_per_question(store, tmp_path):
    answers = answer_all(store, tmp_path)
    assert set(answers) == {q.name for q in list_questions()}
    for name, (path, rows) in answers.items():
        frame = pd.read_csv(path)
        assert len(frame) == rows, name
        assert list(frame.columns) == get_question(name).column_names


def test_store_path_and_store_object_give_the_same_answer(store):
    by_path = run_question("co_lead_pairs", {"city": "深圳"}, engine="sparql", store=Path(built_store()))
    pd.testing.assert_frame_equal(by_path, ask(store, "co_lead_pairs", city="深圳"))


def test_graph_stats_add_up_to_the_projection():
    from stdkg.pipeline import load_networkx
    from stdkg.stats import graph_stats

    pg = load_networkx(built_store())
    nodes, edges, cities = graph_stats(pg)
    assert nodes["nodes"].sum() == pg.number_of_nodes()
    assert edges["edges"].sum() == pg.number_of_edges()
    plans = cities[cities["label"] == "Plan"]
    assert dict(zip(plans["city"], plans["nodes"])) == {c: len(d) for c, d in gold_by_city().items()}


def test_shortest_paths_from_shenzhen_reach_the_secretariat_through_iso_37120(store):
    standard = next(r for r in reference_rows("iso_standards.csv") if r["base_reference"] == "ISO 37120")
    committee = next(r for r in reference_rows("iso_committees.csv")
                     if r["reference"] == standard["committee_reference"])
    city = registries().city("深圳").name_zh
    paths = ask(store, "shortest_path", source=city, target=committee["secretariat"])
    assert len(set(paths["length"])) == 1
    chain = f"ISO 37120 → {committee['reference']} → {committee['secretariat']}"
    assert any(p.startswith(city) and p.endswith(chain) for p in paths["path"])
    to_committee = ask(store, "shortest_path", source=city, target=committee["reference"])
    assert set(to_committee["length"]) == {int(paths["length"].iloc[0]) - 1}


def test_entity_evidence_quotes_come_from_the_corpus(store):
    rows = ask(store, "entity_evidence", entity="ISO 37120")
    quoted = rows.dropna(subset=["quote"])
    assert len(quoted) > 0
    corpus = {p.name.split("_")[0]: p.read_text(encoding="utf-8")
              for p in CORPUS.glob("*.txt")}
    for doc, quote in zip(quoted["doc"], quoted["quote"]):
        assert quote in corpus[doc.split("_")[0]], (doc, quote)
    assert {"DEVELOPS", "CITES"} <= set(rows["relation"])


@pytest.mark.parametrize("name, params", [("targets_by_owner", {"city": "深圳"}), ("measure_owners", {"city": "青岛"}),
                                          ("departments_by_measures_led", {}), ("co_lead_pairs", {"city": "深圳"}),
                                          ("city_profile_top_departments", {"city": "青岛"})])
def test_every_department_column_has_its_english_name_beside_it(store, name, params):
    frame = ask(store, name, **params)
    columns = list(frame.columns)
    departments = [c for c in columns if c.startswith("department") and not c.endswith("_en")]
    assert departments and not frame.empty
    for c in departments:
        assert columns[columns.index(c) + 1] == c + "_en"
        english = frame[c + "_en"]
        assert english.notna().all() and english.str.isascii().all(), (name, c)
