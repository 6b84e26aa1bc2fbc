"""Question parameters that name things: any written form reaches the entity, a miss is an error listing the nearest."""
from __future__ import annotations

import re

import pandas as pd
import pytest

from stdkg.errors import EXIT_OK, EXIT_USAGE
from stdkg.name_index import NameNotFound
from stdkg.questions import QuestionError, get_question, list_questions, run_question
from tests.questions_support import built_store


@pytest.fixture(scope="module")
def store():
    from stdkg.stores.oxigraph_store import open_store

    return open_store(built_store())


def ask(store, name, **params) -> pd.DataFrame:
    return run_question(name, params, engine="sparql", store=store)


@pytest.mark.parametrize("written", ["深圳", "Shenzhen", "shenzhen", "深圳市", "440300", " SHENZHEN "])
def test_every_written_form_of_a_city_gives_the_same_profile(store, written):
    expected = ask(store, "city_profile_counts", city="深圳")
    assert not expected.empty
    pd.testing.assert_frame_equal(ask(store, "city_profile_counts", city=written), expected)


def test_a_traditional_city_name_reaches_the_city(store):
    pd.testing.assert_frame_equal(ask(store, "city_profile_counts", city="青島"),
                                  ask(store, "city_profile_counts", city="青岛"))


def test_a_department_by_its_english_name_and_its_short_form_in_its_city(store):
    by_english = ask(store, "measure_owners", city="深圳", role="lead").pipe(
        lambda f: f[f["department"] == "深圳市水务局"])
    assert not by_english.empty
    sparql_short = ask(store, "departments_by_measures_led", city="Shenzhen")
    assert "深圳市水务局" in set(sparql_short["department"])
    for written in ("市水务局", "深圳市水务局", "Shenzhen Municipal Water Affairs Bureau"):
        got = ask(store, "measure_owners", city="深圳", section=None, task=None, role="lead").pipe(
            lambda f: f[f["department"] == "深圳市水务局"])
        pd.testing.assert_frame_equal(got, by_english)
        owned = ask(store, "targets_by_owner", city="深圳", department=written)
        assert set(owned["department"]) <= {"深圳市水务局"}


def test_a_short_department_name_of_another_city_is_an_error_naming_the_city(store):
    with pytest.raises(NameNotFound, match="no department named '市水务局' in 青岛市"):
        ask(store, "targets_by_owner", city="青岛", department="市水务局")


def test_an_english_indicator_phrase_reaches_the_indicator(store):
    got = ask(store, "comparable_targets", indicator="local standards")
    assert not got.empty
    pd.testing.assert_frame_equal(got, ask(store, "comparable_targets", indicator="地方标准"))


def test_codes_are_matched_regardless_of_case_and_spacing(store):
    pd.testing.assert_frame_equal(ask(store, "entity_evidence", entity="iso37120"),
                                  ask(store, "entity_evidence", entity="ISO 37120"))


@pytest.mark.parametrize("name, params, pattern", [
    ("city_profile_counts", {"city": "Atlantis"}, r"no city named 'Atlantis'; nearest: .*\(Shenzhen\)|\(Qingdao\)"),
    ("targets_by_owner", {"department": "市公安局"}, r"names \d+ departments: .*Public Security Bureau"),
    ("comparable_targets", {"indicator": "zebra crossings"}, r"no indicator named"),
])
def test_a_name_that_reaches_nothing_or_several_is_an_error_with_candidates(store, name, params, pattern):
    with pytest.raises(NameNotFound, match=pattern):
        run_question(name, params, engine="sparql", store=store)


@pytest.mark.parametrize("role", ["leader", "owner", "l e a d e r"])
def test_a_role_outside_the_enumeration_is_refused_listing_the_choices(store, role):
    with pytest.raises(QuestionError, match="must be one of lead, participant, shared"):
        ask(store, "targets_by_owner", role=role)


def test_an_enumerated_value_is_case_and_space_folded(store):
    pd.testing.assert_frame_equal(ask(store, "measure_owners", city="青岛", role=" Lead "),
                                  ask(store, "measure_owners", city="青岛", role="lead"))


def test_every_parameter_example_in_the_headers_gives_rows(store):
    for q in list_questions():
        assert ask(store, q.name, **q.example).shape[0] > 0, (q.name, q.example)
        for p in q.params:
            m = re.search(r"e\.g\. (.+)$", p.description)
            if m and all(o.name == p.name or not o.required for o in q.params):
                assert ask(store, q.name, **{p.name: m.group(1).strip()}).shape[0] > 0, (q.name, p.name)


def test_the_cli_exits_non_zero_on_a_name_that_reaches_nothing():
    from typer.testing import CliRunner

    from stdkg.cli import app

    def query(city):
        return CliRunner().invoke(app, ["query", "city_profile_counts", "--store", str(built_store()), "--param",
                                        f"city={city}"])

    good, bad = query("Shenzhen"), query("Atlantis")
    assert good.exit_code == EXIT_OK and "Section" in good.output
    assert bad.exit_code == EXIT_USAGE


def test_the_knowledge_graph_raises_on_a_name_that_reaches_nothing():
    from stdkg.knowledge_graph import KnowledgeGraph

    kg = KnowledgeGraph(built_store())
    assert not kg.ask("city_profile_counts", {"city": "Shenzhen"}).empty
    with pytest.raises(NameNotFound, match="nearest"):
        kg.ask("city_profile_counts", {"city": "Atlantis"})


def test_the_header_grammar_gives_kinds_and_choices():
    q = get_question("targets_by_owner")
    assert q.param("city").kind == "city" and q.param("department").kind == "department"
    assert q.param("role").choices == ("lead", "participant", "shared")
