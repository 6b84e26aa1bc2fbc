"""The facts the build materialises for the questions: one display name per named node, member counts per committee."""
from __future__ import annotations

from pathlib import Path

from rdflib import Literal, URIRef

from stdkg.entities import CODE, Labels, Priority
from stdkg.graph_writer import GraphWriter
from stdkg.stores.oxigraph_store import open_store
from stdkg.vocab import STDKG

NAMES = """
PREFIX stdkg: <https://w3id.org/stdkg/ontology#>
PREFIX skos: <http://www.w3.org/2004/02/skos/core#>
SELECT ?n ?type ?name ?ref ?zh ?en WHERE {
  ?n a ?type . FILTER(?type IN (stdkg:City, stdkg:Plan, stdkg:Department, stdkg:Standard, stdkg:TechnicalCommittee,
                                stdkg:Alliance, stdkg:Enterprise, stdkg:Indicator, stdkg:Section, stdkg:StandardsBody))
  OPTIONAL { ?n stdkg:displayName ?name }
  OPTIONAL { ?n stdkg:reference ?ref }
  OPTIONAL { ?n skos:prefLabel ?zh . FILTER(LANG(?zh) = "zh") }
  OPTIONAL { ?n skos:prefLabel ?en . FILTER(LANG(?en) = "en") }
}
"""


def test_a_code_names_its_node_before_any_label():
    node = URIRef("https://example.org/standard")
    labels = Labels()
    labels.propose(node, "城市可持续发展指标", "zh", Priority.REGISTRY)
    labels.propose(node, "Sustainable cities", "en", Priority.REFERENCE)
    labels.propose(node, "ISO 37120", CODE, Priority.REFERENCE)
    assert dict(labels.display_names()) == {node: "ISO 37120"}
    assert {lang for _, lang, _, _ in labels.choose()} == {"zh", "en"}, "a naming code is not a label"


def test_without_a_code_the_chinese_label_names_the_node_then_the_english():
    zh_node, en_node = URIRef("https://example.org/a"), URIRef("https://example.org/b")
    writer = GraphWriter()
    writer.label(zh_node, "深圳市市场监督管理局", "zh", Priority.DOCUMENT)
    writer.label(zh_node, "Shenzhen Administration for Market Regulation", "en", Priority.REGISTRY)
    writer.label(en_node, "BSI", "en", Priority.REFERENCE)
    g = writer.finish()
    assert set(g.objects(zh_node, STDKG.displayName)) == {Literal("深圳市市场监督管理局")}
    assert set(g.objects(en_node, STDKG.displayName)) == {Literal("BSI")}


def test_every_named_node_of_the_corpus_build_has_one_display_name_by_the_rule(built_store: Path):
    store = open_store(built_store)
    names: dict[str, set[str]] = {}
    wrong = []
    for row in store.query(NAMES):
        node, kind = row["n"].value, row["type"].value.rsplit("#", 1)[-1]
        name = row["name"].value if row["name"] is not None else None
        names.setdefault(node, set()).add(name)
        ref, zh, en = (row[k].value if row[k] is not None else None for k in ("ref", "zh", "en"))
        expected = ref if kind in ("Standard", "TechnicalCommittee") and ref else (zh or en)
        if name != expected:
            wrong.append((kind, node, name, expected))
    assert not wrong, wrong[:5]
    assert all(len(found) == 1 for found in names.values())


def test_each_committee_carries_the_counts_of_its_p_and_o_memberships(built_store: Path):
    store = open_store(built_store)
    prefixes = "PREFIX stdkg: <https://w3id.org/stdkg/ontology#> PREFIX org: <http://www.w3.org/ns/org#> "
    counted = {(r["tc"].value, r["ms"].value): int(r["n"].value) for r in store.query(
        prefixes + "SELECT ?tc ?ms (COUNT(?m) AS ?n) WHERE { ?m org:organization ?tc ; stdkg:membership ?ms } GROUP BY ?tc ?ms")}
    stated: dict = {}
    for r in store.query(prefixes + "SELECT ?tc ?p ?o WHERE { ?tc stdkg:participatingMembers ?p ; stdkg:observingMembers ?o }"):
        for kind in ("p", "o"):
            if int(r[kind].value):
                stated[(r["tc"].value, kind.upper())] = int(r[kind].value)
    assert counted, "the corpus build holds the reference memberships"
    assert stated == counted
