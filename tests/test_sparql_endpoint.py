"""Loading the RDF graph into a real Virtuoso and reading it back with SELECT."""
from __future__ import annotations

import uuid

import pytest
from rdflib import XSD, BNode, Graph, Literal, Namespace, URIRef
from rdflib.namespace import SKOS

from stdkg.stores.sparql_binding import bind
from stdkg.stores.sparql_endpoint import EndpointError, load_endpoint, select_endpoint, update_endpoint
from stdkg.vocab import STDKG
from test_neo4j_store import small_policy_graph

pytestmark = pytest.mark.virtuoso

ID = Namespace("https://w3id.org/stdkg/id/")
COUNT = "SELECT (COUNT(*) AS ?n) WHERE { GRAPH ?g { ?s ?p ?o } }"


@pytest.fixture
def graph_iri(virtuoso_endpoint):
    iri = URIRef(f"https://w3id.org/stdkg/graph/test-{uuid.uuid4().hex}")
    yield iri
    update_endpoint(virtuoso_endpoint.update_url, f"DROP SILENT GRAPH {iri.n3()}",
                    user=virtuoso_endpoint.user, password=virtuoso_endpoint.password)


def load(endpoint, g: Graph, graph_iri, **kw):
    return load_endpoint(g, endpoint.update_url, graph_iri=str(graph_iri), user=endpoint.user,
                         password=endpoint.password, **kw)


def same_value(term):
    """A term compared by value for literals (the store may give a numeral another lexical form)."""
    if isinstance(term, Literal):
        return ("literal", term.datatype, term.language, term.toPython() if term.datatype else str(term))
    return term


def count(endpoint, graph_iri) -> int:
    return int(select_endpoint(endpoint.query_url, COUNT, {"g": graph_iri})["n"][0])


def test_every_triple_arrives_and_comes_back(virtuoso_endpoint, graph_iri):
    g = small_policy_graph()
    report = load(virtuoso_endpoint, g, graph_iri, batch_size=25)
    assert report.triples == len(g)
    assert report.batches == -(-len(g) // 25)
    rows = select_endpoint(virtuoso_endpoint.query_url, "SELECT ?s ?p ?o WHERE { GRAPH ?g { ?s ?p ?o } }",
                           {"g": graph_iri})
    back = {(s, p, same_value(o)) for s, p, o in rows.itertuples(index=False)}
    assert back == {(s, p, same_value(o)) for s, p, o in g}


def test_loading_twice_adds_nothing_and_replace_starts_over(virtuoso_endpoint, graph_iri):
    g = small_policy_graph()
    load(virtuoso_endpoint, g, graph_iri)
    load(virtuoso_endpoint, g, graph_iri)
    assert count(virtuoso_endpoint, graph_iri) == len(g)
    smaller = Graph()
    for t in list(g)[: len(g) // 2]:
        smaller.add(t)
    load(virtuoso_endpoint, smaller, graph_iri, replace=True)
    assert count(virtuoso_endpoint, graph_iri) == len(smaller)


def test_bindings_select_and_are_joined_before_grouping(virtuoso_endpoint, graph_iri):
    load(virtuoso_endpoint, small_policy_graph(), graph_iri)
    query = """
    PREFIX stdkg: <https://w3id.org/stdkg/ontology#>
    SELECT ?role (COUNT(?r) AS ?n) WHERE {
      GRAPH ?g { ?r stdkg:role ?role ; stdkg:department ?d }
    } GROUP BY ?role ORDER BY ?role"""
    everyone = select_endpoint(virtuoso_endpoint.query_url, query, {"g": graph_iri})
    assert [(str(r), int(n)) for r, n in everyone.itertuples(index=False)] == [("lead", 1), ("participant", 1)]
    lead_only = select_endpoint(virtuoso_endpoint.query_url, query, {"g": graph_iri, "role": "lead"})
    assert [(str(r), int(n)) for r, n in lead_only.itertuples(index=False)] == [("lead", 1)]
    both = select_endpoint(virtuoso_endpoint.query_url, query,
                           [{"g": graph_iri, "d": ID["department/sz-scjgj"]},
                            {"g": graph_iri, "d": ID["department/sz-gxj"]}])
    assert [str(r) for r in both["role"]] == ["lead", "participant"]


def test_hostile_values_stay_values(virtuoso_endpoint, graph_iri):
    hostile = '深圳" } } ; DROP SILENT GRAPH <x> ; SELECT * WHERE { { ?s ?p ?o # \n\\ \'\'\' """'
    g = Graph()
    g.add((ID["city/hostile"], SKOS.prefLabel, Literal(hostile, lang="zh")))
    g.add((ID["city/hostile"], STDKG.shortName, Literal(hostile)))
    g.add((ID["city/hostile"], STDKG.depth, Literal(3, datatype=XSD.integer)))
    load(virtuoso_endpoint, g, graph_iri)
    found = select_endpoint(virtuoso_endpoint.query_url,
                            "SELECT ?s ?d WHERE { GRAPH ?g { ?s <https://w3id.org/stdkg/ontology#shortName> ?name ;"
                            " <https://w3id.org/stdkg/ontology#depth> ?d } }",
                            {"g": graph_iri, "name": Literal(hostile)})
    assert list(found["s"]) == [ID["city/hostile"]]
    assert list(found["d"]) == [Literal(3, datatype=XSD.integer)]
    assert count(virtuoso_endpoint, graph_iri) == len(g)


def test_unbound_optional_values_are_none(virtuoso_endpoint, graph_iri):
    load(virtuoso_endpoint, small_policy_graph(), graph_iri)
    rows = select_endpoint(virtuoso_endpoint.query_url, """
        PREFIX skos: <http://www.w3.org/2004/02/skos/core#>
        PREFIX stdkg: <https://w3id.org/stdkg/ontology#>
        SELECT ?c ?short WHERE { GRAPH ?g { ?c skos:prefLabel ?zh . OPTIONAL { ?c stdkg:shortName ?short } }
                                 FILTER(?c IN (?city, ?province)) }""",
                           {"g": graph_iri, "city": ID["city/440300"], "province": ID["province/440000"]})
    got = {str(c): s for c, s in rows.itertuples(index=False)}
    assert got == {str(ID["city/440300"]): Literal("深圳"), str(ID["province/440000"]): None}


def test_blank_nodes_are_skolemized_once(virtuoso_endpoint, graph_iri):
    g = Graph()
    b = BNode()
    g.add((ID["plan/x"], STDKG.note, Literal("a")))
    g.add((ID["plan/x"], STDKG.sameAs, b))
    g.add((b, STDKG.note, Literal("b")))
    load(virtuoso_endpoint, g, graph_iri, batch_size=1)
    rows = select_endpoint(virtuoso_endpoint.query_url,
                           "SELECT ?n WHERE { GRAPH ?g { ?x <https://w3id.org/stdkg/ontology#sameAs> ?b ."
                           " ?b <https://w3id.org/stdkg/ontology#note> ?n } }", {"g": graph_iri})
    assert [str(n) for n in rows["n"]] == ["b"]


def test_bad_iri_binding_is_refused_before_sending():
    with pytest.raises(Exception, match="valid URI"):
        bind("SELECT * WHERE { ?s ?p ?o }", {"s": URIRef("http://x/a> } ; DROP ALL #")})
    with pytest.raises(ValueError, match="variable"):
        bind("SELECT * WHERE { ?s ?p ?o }", {"s o": Literal(1)})


def test_update_without_credentials_is_refused(virtuoso_endpoint, graph_iri):
    with pytest.raises(EndpointError, match="401"):
        load_endpoint(small_policy_graph(), virtuoso_endpoint.update_url, graph_iri=str(graph_iri))
