"""Every named question gives the same rows on the embedded SPARQL store and on Neo4j."""
from __future__ import annotations

import pandas as pd
import pytest

from stdkg.questions import list_questions, run_question
from tests.questions_support import built_store

pytestmark = pytest.mark.neo4j

MORE_PARAMS = [
    ("targets_by_owner", {"city": "深圳", "year": 2020}),
    ("targets_by_owner", {"role": "shared"}),
    ("departments_by_measures_led", {}),
    ("co_lead_pairs", {"city": "青岛", "role": "shared"}),
    ("measure_owners", {"city": "青岛", "role": "shared"}),
    ("measure_owners", {}),
    ("comparable_targets", {}),
    ("comparable_targets", {"indicator": "Local standards to issue", "year": 2020}),
    ("committees_for_city", {"city": "青岛"}),
    ("city_profile_counts", {"city": "青岛"}),
    ("city_profile_top_departments", {"city": "青岛"}),
    ("city_profile_targets_by_year", {"city": "广州"}),
    ("entity_evidence", {"entity": "ISO/TC 268"}),
    ("entity_evidence", {"entity": "深圳市公安局"}),
    ("plan_to_international_standard", {}),
    ("alliance_links", {"alliance": "3D显示标准联盟"}),
    ("measure_owners", {"section": '深圳" } ; DROP ALL ; #'}),
    ("targets_by_owner", {"city": "Shenzhen", "department": "市公安局", "role": "Lead"}),
    ("comparable_targets", {"indicator": "local standards", "city": "青島"}),
    ("entity_evidence", {"entity": "iso/tc 268"}),
    ("alliance_links", {"alliance": "全球可持续发展标准化城市联盟"}),
    ("targets_vs_achievements", {"city": "深圳"}),
    ("targets_vs_achievements", {"city": "深圳", "owner": "深圳市市场和质量监督管理委员会"}),
    ("targets_vs_achievements", {"city": "青岛"}),
    ("targets_by_office", {"office": "深圳市市场和质量监督管理委员会"}),
    ("targets_by_office", {"office": "青岛市市场监督管理局"}),
]


@pytest.fixture(scope="module")
def engines(neo4j_driver):
    from stdkg.pipeline import load_networkx
    from stdkg.stores.neo4j_store import clear, load_graph
    from stdkg.stores.oxigraph_store import open_store

    path = built_store()
    clear(neo4j_driver)
    load_graph(neo4j_driver, load_networkx(path))
    return open_store(path), neo4j_driver


def both(engines, name, params):
    store, driver = engines
    sparql = run_question(name, params, engine="sparql", store=store)
    cypher = run_question(name, params, engine="neo4j", driver=driver)
    return sparql, cypher


@pytest.mark.parametrize("name", sorted(q.name for q in list_questions()))
def test_example_parameters_give_the_same_rows(engines, name):
    q = next(q for q in list_questions() if q.name == name)
    sparql, cypher = both(engines, name, q.example)
    pd.testing.assert_frame_equal(sparql, cypher)


@pytest.mark.parametrize("name, params", MORE_PARAMS, ids=[f"{n}-{i}" for i, (n, _) in enumerate(MORE_PARAMS)])
def test_other_parameters_give_the_same_rows(engines, name, params):
    sparql, cypher = both(engines, name, params)
    pd.testing.assert_frame_equal(sparql, cypher)


def test_parity_is_not_vacuous(engines):
    sparql, _ = both(engines, "measure_owners", {})
    assert len(sparql) > 100
