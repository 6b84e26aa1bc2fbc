"""Standard graph exports round-trip: GraphML and GEXF through networkx and lxml, Turtle and JSON-LD through rdflib."""
from __future__ import annotations

import csv
import json
import re
from collections import Counter

import networkx as nx
import pytest
from lxml import etree
from rdflib import Graph
from rdflib.compare import isomorphic

from stdkg.views import exports
from stdkg.views.style import node_style
from views_support import hostile_graph, two_city_graph


@pytest.fixture(scope="module")
def built():
    return two_city_graph()


GEXF = "{http://www.gexf.net/1.2draft}"
VIZ = "{http://www.gexf.net/1.2draft/viz}"
GRAPHML = "{http://graphml.graphdrawing.org/xmlns}"
CONTROL = "\x0b\x01\x1b\x00\ufffe"


def test_graphml_reads_back_with_the_same_nodes_edges_and_attributes(built, tmp_path):
    path = exports.export_graphml(built.pg, tmp_path / "g.graphml")
    back = nx.read_graphml(path, force_multigraph=True)
    assert back.number_of_nodes() == built.pg.number_of_nodes()
    assert back.number_of_edges() == built.pg.number_of_edges()
    assert set(back.nodes) == set(built.pg.nodes)
    assert Counter(d["type"] for *_, d in back.edges(data=True)) == Counter(d["type"] for *_, d in built.pg.edges(data=True))
    for n, d in built.pg.nodes(data=True):
        assert back.nodes[n]["label"] == back.nodes[n]["name"] == d["name"]
        assert back.nodes[n]["type"] == d["label"]
        rgb = tuple(back.nodes[n][c] for c in "rgb")
        assert "#%02x%02x%02x" % rgb == node_style(d["label"]).colour and back.nodes[n]["size"] > 0
        if "start" in d:
            assert (back.nodes[n]["char_start"], back.nodes[n]["char_end"]) == (d["start"], d["end"])
        if "year" in d:
            assert back.nodes[n]["year"] == d["year"]


def test_graphml_keys_are_declared_once_per_domain_and_label_is_the_name(built, tmp_path):
    """Read with lxml, not the writer's library: every data element points at a declared key, and the
    key Gephi shows as the node label (attr.name="label") holds names, not types."""
    path = exports.export_graphml(built.pg, tmp_path / "g.graphml")
    root = etree.parse(str(path)).getroot()
    keys = {k.get("id"): (k.get("for"), k.get("attr.name")) for k in root.iter(f"{GRAPHML}key")}
    assert len(set(keys.values())) == len(keys)
    label_key = next(i for i, (dom, name) in keys.items() if dom == "node" and name == "label")
    type_key = next(i for i, (dom, name) in keys.items() if dom == "node" and name == "type")
    labels, types = set(), set()
    for node in root.iter(f"{GRAPHML}node"):
        for data in node.iter(f"{GRAPHML}data"):
            assert data.get("key") in keys and keys[data.get("key")][0] == "node"
            if data.get("key") == label_key:
                labels.add(data.text)
            elif data.get("key") == type_key:
                types.add(data.text)
    assert labels == {d["name"] for _, d in built.pg.nodes(data=True)}
    assert types == {d["label"] for _, d in built.pg.nodes(data=True)}
    assert not labels & types
    names = {name for _, name in keys.values()}
    assert {"x", "y", "size", "r", "g", "b", "char_start", "char_end"} <= names
    assert not {"start", "end"} & names  # Gephi would read them as times


def test_gexf_opens_in_networkx(built, tmp_path):
    path = exports.export_gexf(built.pg, tmp_path / "g.gexf")
    back = nx.read_gexf(path)
    assert back.number_of_nodes() == built.pg.number_of_nodes()
    assert back.number_of_edges() == built.pg.number_of_edges()
    assert {d["label"] for _, d in back.nodes(data=True)} == {d["name"] for _, d in built.pg.nodes(data=True)}
    assert {d["type"] for _, d in back.nodes(data=True)} == {d["label"] for _, d in built.pg.nodes(data=True)}
    assert Counter(d["relation"] for *_, d in back.edges(data=True)) == \
        Counter(d["type"] for *_, d in built.pg.edges(data=True))
    with_offsets = [(n, d) for n, d in built.pg.nodes(data=True) if "start" in d]
    assert with_offsets
    for n, d in with_offsets:
        assert (back.nodes[n]["char_start"], back.nodes[n]["char_end"]) == (d["start"], d["end"])
        assert "start" not in back.nodes[n]
    for n, d in back.nodes(data=True):
        viz = d["viz"]
        assert {"color", "size", "position"} <= set(viz)


def test_gexf_is_static_and_carries_the_views_layout(built, tmp_path):
    """Read with lxml: mode="static" (no timeline), no start/end times anywhere, and per node a colour of
    its type, a size and the position the views' layout gives it."""
    from stdkg.views import layout, select
    from stdkg.views.style import node_style

    path = exports.export_gexf(built.pg, tmp_path / "g.gexf")
    root = etree.parse(str(path)).getroot()
    graph = root.find(f"{GEXF}graph")
    assert graph.get("mode") == "static" and graph.get("timeformat") is None
    assert not [e for e in root.iter() if e.get("start") is not None or e.get("end") is not None]
    pos = layout.overview_positions(built.pg, select.node_cities(built.pg))
    nodes = list(root.iter(f"{GEXF}node"))
    assert len(nodes) == built.pg.number_of_nodes()
    for node in nodes:
        d = built.pg.nodes[node.get("id")]
        assert node.get("label") == d["name"]
        colour = node.find(f"{VIZ}color")
        assert "#%02x%02x%02x" % tuple(int(colour.get(c)) for c in "rgb") == node_style(d["label"]).colour
        assert float(node.find(f"{VIZ}size").get("value")) > 0
        p = node.find(f"{VIZ}position")
        x, y = pos[node.get("id")]
        assert abs(float(p.get("x")) - x) < 0.01 and abs(float(p.get("y")) + y) < 0.01
    assert len({(n.find(f"{VIZ}position").get("x"), n.find(f"{VIZ}position").get("y")) for n in nodes}) == len(nodes)


def _with_control_characters(pg: nx.MultiDiGraph) -> tuple[nx.MultiDiGraph, str]:
    g = pg.copy()
    dept = next(n for n, d in g.nodes(data=True) if d.get("label") == "Department")
    g.nodes[dept]["name"] = "控制" + CONTROL + "字符局"
    g.nodes[dept]["quote"] = "条款\x0b第二行\x1b[31m"
    u, v, k = next(iter(g.edges(keys=True)))
    g.edges[u, v, k]["quote"] = "边\x01证据"
    return g, dept


def test_graphml_and_gexf_stay_well_formed_with_control_characters(built, tmp_path):
    g, dept = _with_control_characters(built.pg)
    graphml = exports.export_graphml(g, tmp_path / "c.graphml")
    gexf = exports.export_gexf(g, tmp_path / "c.gexf")
    for path in (graphml, gexf):
        etree.parse(str(path))  # lxml's strict parser refuses ill-formed XML
        assert not re.search("[\x00-\x08\x0b\x0c\x0e-\x1f]", path.read_text(encoding="utf-8"))
    assert nx.read_graphml(graphml, force_multigraph=True).nodes[dept]["name"] == "控制字符局"
    back = nx.read_gexf(gexf)
    assert back.nodes[dept]["label"] == "控制字符局" and back.nodes[dept]["quote"] == "条款第二行[31m"
    assert back.number_of_edges() == g.number_of_edges()


def test_xml_safe_keeps_tab_newline_and_all_of_chinese():
    assert exports.xml_safe("甲\t乙\n丙\r丁" + CONTROL + "𠀀") == "甲\t乙\n丙\r丁𠀀"


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
