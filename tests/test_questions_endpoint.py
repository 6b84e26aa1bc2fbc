"""Every named question gives the same rows on a real Virtuoso endpoint as on the embedded store."""
from __future__ import annotations

from urllib.parse import urlencode

import pandas as pd
import pytest

from stdkg.questions import list_questions, run_question
from tests.questions_support import built_store

pytestmark = pytest.mark.virtuoso

GRAPH_IRI = "https://w3id.org/stdkg/graph/test-questions"

VIRTUOSO_DIFFERS: dict[str, str] = {}


# Seen in one of three full runs: Virtuoso left the offset (`start`) of one evidence row unbound
# although the same OPTIONAL bound it in the other runs; not strict, since it usually matches.
VIRTUOSO_UNSTABLE = {
    "entity_evidence": "Virtuoso 7 sometimes leaves an OPTIONAL evidence offset unbound (1 run in 3)",
}


def _marks(name: str):
    if name in VIRTUOSO_UNSTABLE:
        return [pytest.mark.xfail(strict=False, reason=VIRTUOSO_UNSTABLE[name])]
    reason = VIRTUOSO_DIFFERS.get(name)
    return [pytest.mark.xfail(strict=True, reason=reason)] if reason else []


@pytest.fixture(scope="module")
def engines(virtuoso_endpoint):
    from stdkg.pipeline import load_rdf
    from stdkg.stores.oxigraph_store import open_store
    from stdkg.stores.sparql_endpoint import load_endpoint, update_endpoint

    path = built_store()
    report = load_endpoint(load_rdf(path), virtuoso_endpoint.update_url, graph_iri=GRAPH_IRI,
                           user=virtuoso_endpoint.user, password=virtuoso_endpoint.password, replace=True)
    assert report.triples > 0
    scoped = virtuoso_endpoint.query_url + "?" + urlencode({"default-graph-uri": GRAPH_IRI})
    yield open_store(path), scoped
    update_endpoint(virtuoso_endpoint.update_url, f"DROP SILENT GRAPH <{GRAPH_IRI}>",
                    user=virtuoso_endpoint.user, password=virtuoso_endpoint.password)


@pytest.mark.parametrize("name", [pytest.param(q.name, marks=_marks(q.name))
                                  for q in sorted(list_questions(), key=lambda q: q.name)])
def test_example_parameters_give_the_same_rows_on_the_endpoint(engines, name):
    store, url = engines
    q = next(q for q in list_questions() if q.name == name)
    embedded = run_question(name, q.example, engine="sparql", store=store)
    remote = run_question(name, q.example, engine="endpoint", endpoint=url)
    pd.testing.assert_frame_equal(embedded, remote)
