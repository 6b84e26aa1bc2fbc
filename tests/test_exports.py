"""Standard graph exports round-trip: GraphML and GEXF through networkx, Turtle and JSON-LD through rdflib."""
from __future__ import annotations

import csv
import json
from collections import Counter

import networkx as nx
import pytest
from rdflib import Graph
from rdflib.compare import isomorphic

from stdkg.views import exports
from views_support import hostile_graph, two_city_graph


@pytest.fixture(scope="module")
def built():
    return two_city_graph()


def test_graphml_reads_back_with_the_same_nodes_edges_and_attributes(built, tmp_path):
    path = exports.export_graphml(built.pg, tmp_path / "g.graphml")
    back = nx.read_graphml(path, force_multigraph=True)
    assert back.number_of_nodes() == built.pg.number_of_nodes()
    assert back.number_of_edges() == built.pg.number_of_edges()
    assert set(back.nodes) == set(built.pg.nodes)
    assert Counter(d["type"] for *_, d in back.edges(data=True)) == Counter(d["type"] for *_, d in built.pg.edges(data=True))
    for n, d in built.pg.nodes(data=True):
        assert back.nodes[n]["name"] == d["name"] and back.nodes[n]["label"] == d["label"]
        if "year" in d:
            assert back.nodes[n]["year"] == d["year"]


def test_gexf_opens_in_networkx(built, tmp_path):
    path = exports.export_gexf(built.pg, tmp_path / "g.gexf")
    back = nx.read_gexf(path)
    assert back.number_of_nodes() == built.pg.number_of_nodes()
    assert back.number_of_edges() == built.pg.number_of_edges()
    assert {d["label"] for _, d in back.nodes(data=True)} == {d["name"] for _, d in built.pg.nodes(data=True)}
    assert {d["kind"] for _, d in back.nodes(data=True)} == {d["label"] for _, d in built.pg.nodes(data=True)}


def test_turtle_parses_back_to_the_same_triples(built, tmp_path):
    path = exports.export_turtle(built.rdf, tmp_path / "g.ttl")
    back = Graph().parse(path, format="turtle")
    assert len(back) == len(built.rdf)
    assert isomorphic(back, built.rdf)


def test_jsonld_parses_back_to_the_same_triples(built, tmp_path):
    path = exports.export_jsonld(built.rdf, tmp_path / "g.jsonld")
    assert "@context" in json.loads(path.read_text(encoding="utf-8"))
    back = Graph().parse(path, format="json-ld")
    assert isomorphic(back, built.rdf)


def test_turtle_from_a_pyoxigraph_store(built, tmp_path):
    pyoxigraph = pytest.importorskip("pyoxigraph")
    store = pyoxigraph.Store()
    store.load(built.rdf.serialize(format="nt").encode("utf-8"), format=pyoxigraph.RdfFormat.N_TRIPLES)
    held = Graph().parse(data=store.dump(format=pyoxigraph.RdfFormat.N_TRIPLES,
                                         from_graph=pyoxigraph.DefaultGraph()).decode("utf-8"), format="nt")
    back = Graph().parse(exports.export_turtle(store, tmp_path / "s.ttl"), format="turtle")
    assert len(back) == len(built.rdf)
    assert isomorphic(back, held)  # the store's canonical literals (30.0 → 30 for xsd:decimal)


def test_large_graphs_take_the_oxigraph_writer(built, tmp_path, monkeypatch):
    monkeypatch.setattr(exports, "RDFLIB_TURTLE_LIMIT", 10)
    back = Graph().parse(exports.export_turtle(built.rdf, tmp_path / "big.ttl"), format="turtle")
    assert len(back) == len(built.rdf)
    assert {(s, p) for s, p, _ in back} == {(s, p) for s, p, _ in built.rdf}


def test_csv_tables_carry_neo4j_admin_headers(built, tmp_path):
    nodes_path, edges_path = exports.export_csv(built.pg, tmp_path / "csv")
    with nodes_path.open(encoding="utf-8", newline="") as f:
        nodes = list(csv.reader(f))
    with edges_path.open(encoding="utf-8", newline="") as f:
        edges = list(csv.reader(f))
    head = nodes[0]
    assert head[:2] == ["iri:ID", ":LABEL"]
    assert "year:int" in head and "value:double" in head and "name:string" in head
    assert edges[0][:3] == [":START_ID", ":END_ID", ":TYPE"]
    assert "role:string" in edges[0] and "derived:boolean" in edges[0]
    assert len(nodes) - 1 == built.pg.number_of_nodes() and len(edges) - 1 == built.pg.number_of_edges()
    ids = {row[0] for row in nodes[1:]}
    assert all(row[0] in ids and row[1] in ids for row in edges[1:])
    assert Counter(row[2] for row in edges[1:]) == Counter(d["type"] for *_, d in built.pg.edges(data=True))
    year_col = head.index("year:int")
    assert all(v == "" or v.isdigit() for v in (row[year_col] for row in nodes[1:]))


def test_exports_keep_hostile_names_verbatim(tmp_path):
    built = hostile_graph()
    back = nx.read_graphml(exports.export_graphml(built.pg, tmp_path / "h.graphml"), force_multigraph=True)
    assert {d["name"] for _, d in back.nodes(data=True)} == {d["name"] for _, d in built.pg.nodes(data=True)}
