"""The property-graph projection: MENTIONED_IN edges carry the evidence of their own section only."""
from __future__ import annotations

from stdkg.build import build_graph
from stdkg.loaders.registry import load_registries
from stdkg.property_graph import to_networkx
from stdkg.records import OrganisationMention, Provenance

from tests.test_graph_build import plan_records


def mentioning(doc: str, city: str):
    """A plan that names ISO/TC 268 twice in its measure subsection and once in its goals section."""
    r = plan_records(doc, city, "市公安局")
    sub, goals = r.sections[1], r.sections[0]
    spans = [(sub.path, sub.start, sub.start + 4), (sub.path, sub.start + 5, sub.end), (goals.path, goals.start, goals.start + 3)]
    r.organisations = [OrganisationMention(doc, "ISO/TC 268", "tc", Provenance(doc, path, s, e, r.text[s:e], "committee code"))
                       for path, s, e in spans]
    return r


def test_each_mention_edge_carries_one_span_of_its_own_section():
    docs = [mentioning("a", "深圳"), mentioning("b", "青岛")]
    G = to_networkx(build_graph(docs, load_registries()))
    edges = [(u, v, d) for u, v, d in G.edges(data=True) if d["type"] == "MENTIONED_IN"]
    committee = {u for u, _, _ in edges}
    assert len(committee) == 1
    assert len(edges) == 6
    for _, section, d in edges:
        node = G.nodes[section]
        assert d["section"] == node["section_path"] and d["doc"] == section.split("/section/")[1].split("-")[0]
    by_section = {}
    for _, section, d in edges:
        by_section.setdefault(section, []).append(d["start"])
    assert sorted(len(v) for v in by_section.values()) == [1, 1, 2, 2]
    assert all(len(set(v)) == len(v) for v in by_section.values())
