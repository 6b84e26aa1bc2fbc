"""shortest_path's bidirectional search finds exactly the shortest paths that networkx finds on the same graph."""
from __future__ import annotations

import random

import networkx as nx
import pyoxigraph as ox
import pytest

from stdkg.question_files import QuestionError, load_question
from stdkg.questions import run_question
from stdkg.stores import engines

S = "https://w3id.org/stdkg/ontology#"
ORG = "http://www.w3.org/ns/org#"
SKOS_LABEL = "http://www.w3.org/2004/02/skos/core#prefLabel"
RDF_TYPE = "http://www.w3.org/1999/02/22-rdf-syntax-ns#type"
PLAIN = ["cites", "inPlan", "appliesTo", "develops", "mentionedIn", "secretariat"]
# A step through a node in between, as a Responsibility or a committee membership is read.
THROUGH = [(S + "department", S + "measure"), (ORG + "member", ORG + "organization")]


def random_graph(seed: int, nodes: int = 28, edges: int = 40, through: int = 8):
    """A store and the undirected networkx graph of the same relationships; some nodes unnamed in English."""
    rng = random.Random(seed)
    store, g = ox.Store(), nx.Graph()
    node = [ox.NamedNode(f"https://example.org/n{i}") for i in range(nodes)]
    names = {}
    for i, n in enumerate(node):
        names[i] = (f"节点{i}", f"node {i}" if i % 3 else None)
        store.add(ox.Quad(n, ox.NamedNode(S + "displayName"), ox.Literal(names[i][0])))
        store.add(ox.Quad(n, ox.NamedNode(SKOS_LABEL), ox.Literal(names[i][0], language="zh")))
        store.add(ox.Quad(n, ox.NamedNode(RDF_TYPE), ox.NamedNode(S + "Enterprise")))
        if names[i][1]:
            store.add(ox.Quad(n, ox.NamedNode(S + "displayEn"), ox.Literal(names[i][1])))
        g.add_node(i)
    for _ in range(edges):
        a, b = rng.sample(range(nodes), 2)
        store.add(ox.Quad(node[a], ox.NamedNode(S + rng.choice(PLAIN)), node[b]))
        g.add_edge(a, b)
    for k in range(through):
        a, b = rng.sample(range(nodes), 2)
        left, right = rng.choice(THROUGH)
        middle = ox.NamedNode(f"https://example.org/link{k}")
        store.add(ox.Quad(middle, ox.NamedNode(left), node[a]))
        store.add(ox.Quad(middle, ox.NamedNode(right), node[b]))
        g.add_edge(a, b)
    return store, g, names


def expected(g: nx.Graph, names: dict, a: int, b: int) -> set:
    if a == b or not nx.has_path(g, a, b) or nx.shortest_path_length(g, a, b) > 4:
        return set()
    return {(len(p) - 1, " → ".join(names[i][0] for i in p), " → ".join(names[i][1] or names[i][0] for i in p))
            for p in nx.all_shortest_paths(g, a, b)}


@pytest.mark.parametrize("seed", range(6))
def test_every_shortest_path_and_only_those(seed):
    store, g, names = random_graph(seed)
    rng = random.Random(100 + seed)
    pairs = [tuple(rng.sample(sorted(g), 2)) for _ in range(12)]
    lengths = set()
    for a, b in pairs:
        got = run_question("shortest_path", {"source": names[a][0], "target": names[b][0]}, store=store)
        rows = {(int(r.length), r.path, r.path_en) for r in got.itertuples()}
        assert rows == expected(g, names, a, b), (a, b)
        lengths |= {r[0] for r in rows}
    assert len(lengths) >= 2, "the pairs should reach paths of several lengths"


def test_several_shortest_paths_are_all_given():
    store, g, names = random_graph(3)
    multi = [(a, b) for a in g for b in g if a < b and len(expected(g, names, a, b)) > 1]
    assert multi, "the graph should have a pair joined by more than one shortest path"
    a, b = multi[0]
    got = run_question("shortest_path", {"source": names[a][0], "target": names[b][0]}, store=store)
    assert {(int(r.length), r.path, r.path_en) for r in got.itertuples()} == expected(g, names, a, b)


def test_in_process_and_in_the_worker_give_the_same_paths(monkeypatch):
    store, g, names = random_graph(1)
    params = {"source": names[0][0], "target": names[5][0]}
    bounded = run_question("shortest_path", params, store=store)
    monkeypatch.setattr(engines, "_can_fork", lambda: False)
    assert run_question("shortest_path", params, store=store).equals(bounded)


def test_a_search_header_needs_the_two_ends(tmp_path):
    for ext, comment in (("rq", "#"), ("cypher", "//")):
        (tmp_path / f"paths.{ext}").write_text(
            f"{comment} name: paths\n{comment} answers: paths\n{comment} param source: entity, required\n"
            f"{comment} columns: length:int, path, path_en\n{comment} search: shortest paths, at most 3 steps\n"
            "SELECT 1\n", encoding="utf-8")
    with pytest.raises(QuestionError, match="source and target"):
        load_question("paths", tmp_path)
