"""The Neo4j loader against a real Neo4j 5: projection in, same nodes and relationships out."""
from __future__ import annotations

import json
import os
import signal
import subprocess
import sys
from pathlib import Path

import networkx as nx
import pytest
from rdflib import RDF, XSD, Graph, Literal, Namespace
from rdflib.namespace import ORG, PROV, SKOS

from stdkg.property_graph import to_networkx
from stdkg.schema import load_schema
from stdkg.stores import neo4j_store
from stdkg.vocab import STDKG

pytestmark = pytest.mark.neo4j

ID = Namespace("https://w3id.org/stdkg/id/")
ROOT = Path(__file__).resolve().parents[1]


def small_policy_graph() -> Graph:
    """A city plan in miniature: one measure with a lead and a participant, a target owned
    by derivation, a committee a standards body is a P-member of, and evidence with quotes."""
    g = Graph()
    city, province = ID["city/440300"], ID["province/440000"]
    plan, sec, sub = ID["plan/sz-2021"], ID["section/sz-2021/1"], ID["section/sz-2021/1-1"]
    lead, helper = ID["department/sz-scjgj"], ID["department/sz-gxj"]
    measure, target, indicator = ID["measure/sz-2021/1-1/0"], ID["target/sz-2021/1/0"], ID["indicator/standards"]
    tc, body, standard = ID["committee/iso-tc-268"], ID["body/sac"], ID["standard/iso-37120"]
    for s, cls, zh in [(city, STDKG.City, "深圳市"), (province, STDKG.Province, "广东省"),
                       (plan, STDKG.Plan, "深圳市标准化发展规划"), (sec, STDKG.Section, "一、总体要求"),
                       (sub, STDKG.Section, "（一）主要目标"), (lead, STDKG.Department, "市市场监管局"),
                       (helper, STDKG.Department, "市工业和信息化局"), (measure, STDKG.Measure, "开展标准化试点"),
                       (target, STDKG.Target, "主导制定国际标准"), (indicator, STDKG.Indicator, "国际标准数"),
                       (tc, STDKG.TechnicalCommittee, "可持续城市与社区"), (body, STDKG.StandardsBody, "国家标准化管理委员会"),
                       (standard, STDKG.Standard, "城市可持续发展指标")]:
        g.add((s, RDF.type, cls))
        g.add((s, SKOS.prefLabel, Literal(zh, lang="zh")))
    g.add((city, STDKG.shortName, Literal("深圳")))
    g.add((city, STDKG.inProvince, province))
    g.add((plan, STDKG.appliesTo, city))
    g.add((plan, STDKG.periodStart, Literal(2021, datatype=XSD.integer)))
    g.add((plan, STDKG.periodEnd, Literal(2025, datatype=XSD.integer)))
    for s in (sec, sub, measure, target):
        g.add((s, STDKG.inPlan, plan))
    g.add((sub, STDKG.partOf, sec))
    g.add((measure, STDKG.inSection, sub))
    g.add((target, STDKG.inSection, sec))
    g.add((target, STDKG.value, Literal("50", datatype=XSD.decimal)))
    g.add((target, STDKG.year, Literal(2025, datatype=XSD.integer)))
    g.add((target, STDKG.hasIndicator, indicator))
    for d in (lead, helper):
        g.add((d, STDKG.locatedIn, city))
    g.add((tc, STDKG.develops, standard))
    g.add((standard, STDKG.reference, Literal("ISO 37120")))
    g.add((tc, STDKG.reference, Literal("ISO/TC 268")))
    for i, (dept, role) in enumerate([(lead, "lead"), (helper, "participant")]):
        r = ID[f"responsibility/sz-2021/{i}"]
        g.add((r, RDF.type, STDKG.Responsibility))
        g.add((r, STDKG.department, dept))
        g.add((r, STDKG.measure, measure))
        g.add((r, STDKG.role, Literal(role)))
    own = ID["ownership/sz-2021/0"]
    g.add((own, RDF.type, STDKG.Ownership))
    g.add((own, STDKG.department, lead))
    g.add((own, STDKG.target, target))
    g.add((own, STDKG.derived, Literal(True)))
    m = ID["membership/sac-tc268"]
    g.add((m, RDF.type, STDKG.CommitteeMembership))
    g.add((m, ORG.member, body))
    g.add((m, ORG.organization, tc))
    g.add((m, STDKG.membership, Literal("P")))
    for i, (section, start, quote) in enumerate([(sec, 10, "市市场监管局牵头"), (sub, 40, "市市场监管局、市工业和信息化局")]):
        ev = ID[f"evidence/sz-2021/{i}"]
        g.add((ev, RDF.type, STDKG.Evidence))
        g.add((ev, STDKG.doc, Literal("sz-2021")))
        g.add((ev, STDKG.start, Literal(start, datatype=XSD.integer)))
        g.add((ev, STDKG.end, Literal(start + len(quote), datatype=XSD.integer)))
        g.add((ev, STDKG.quote, Literal(quote)))
        g.add((ev, STDKG.rule, Literal("test")))
        g.add((ev, STDKG.evidenceSection, section))
        g.add((lead, PROV.wasDerivedFrom, ev))
        g.add((lead, STDKG.mentionedIn, section))
    return g


@pytest.fixture(scope="module")
def projection() -> nx.MultiDiGraph:
    return to_networkx(small_policy_graph())


@pytest.fixture
def db(neo4j_driver):
    neo4j_store.clear(neo4j_driver)
    yield neo4j_driver
    neo4j_store.clear(neo4j_driver)


def duplicates(driver) -> tuple[int, int]:
    """(nodes sharing an iri, relationships sharing a key)."""
    nodes = driver.execute_query(
        "MATCH (n) WITH n.iri AS iri, count(*) AS c WHERE c > 1 RETURN count(*) AS d").records[0]["d"]
    rels = driver.execute_query(
        "MATCH ()-[r]->() WITH r.key AS key, count(*) AS c WHERE c > 1 RETURN count(*) AS d").records[0]["d"]
    return nodes, rels


def test_load_writes_every_node_and_edge_of_the_projection(db, projection):
    report = neo4j_store.load_graph(db, projection)
    assert report.skipped == []
    assert neo4j_store.counts(db) == (projection.number_of_nodes(), projection.number_of_edges())
    assert report.nodes_created == projection.number_of_nodes()
    assert report.relationships_created == projection.number_of_edges()
    for node, data in projection.nodes(data=True):
        rec = db.execute_query("MATCH (n {iri: $iri}) RETURN labels(n) AS labels, n.name AS name",
                                  iri=node).records
        assert [(r["labels"], r["name"]) for r in rec] == [([data["label"]], data["name"])]
    rows = db.execute_query(
        "MATCH (a)-[r]->(b) RETURN a.iri AS a, type(r) AS t, b.iri AS b, properties(r) AS p").records
    got = sorted((r["a"], r["t"], r["b"], json.dumps({k: v for k, v in r["p"].items() if k != "key"},
                                                      sort_keys=True, ensure_ascii=False)) for r in rows)
    want = sorted((a, d["type"], b, json.dumps({k: v for k, v in d.items() if k != "type"},
                                                sort_keys=True, ensure_ascii=False))
                  for a, b, d in projection.edges(data=True))
    assert got == want


def test_qualified_relations_keep_role_and_derivation(db, projection):
    neo4j_store.load_graph(db, projection)
    roles = db.execute_query(
        "MATCH (d:Department)-[r:RESPONSIBLE_FOR]->(m:Measure) RETURN d.name AS d, r.role AS role ORDER BY role").records
    assert [(r["d"], r["role"]) for r in roles] == [("市市场监管局", "lead"), ("市工业和信息化局", "participant")]
    own = db.execute_query("MATCH (:Department)-[r:OWNS]->(t:Target) RETURN r.derived AS derived, t.value AS v,"
                              " t.year AS year").records
    assert [(r["derived"], r["v"], r["year"]) for r in own] == [(True, 50.0, 2025)]
    member = db.execute_query("MATCH (:StandardsBody)-[r:MEMBER_OF]->(tc:TechnicalCommittee) "
                                 "RETURN r.membership AS m, tc.name AS tc").records
    assert [(r["m"], r["tc"]) for r in member] == [("P", "ISO/TC 268")]


def test_each_mention_is_its_own_relationship_with_its_quote(db, projection):
    neo4j_store.load_graph(db, projection)
    quotes = db.execute_query("MATCH (:Department)-[r:MENTIONED_IN]->(s:Section) RETURN r.quote AS q, r.start AS s"
                                 " ORDER BY s").records
    assert [r["q"] for r in quotes] == ["市市场监管局牵头", "市市场监管局、市工业和信息化局"]


def test_loading_twice_changes_nothing(db, projection):
    neo4j_store.load_graph(db, projection)
    first = neo4j_store.counts(db)
    again = neo4j_store.load_graph(db, projection, batch_size=3)
    assert neo4j_store.counts(db) == first
    assert (again.nodes_created, again.relationships_created) == (0, 0)
    assert again.nodes == projection.number_of_nodes()


def test_rebuilt_projection_merges_onto_the_same_relationships(db):
    neo4j_store.load_graph(db, to_networkx(small_policy_graph()))
    rebuilt = to_networkx(small_policy_graph())
    report = neo4j_store.load_graph(db, rebuilt)
    assert report.relationships_created == 0
    assert neo4j_store.counts(db) == (rebuilt.number_of_nodes(), rebuilt.number_of_edges())


class Interrupted(Exception):
    pass


def test_load_interrupted_after_some_batches_then_rerun_has_no_duplicates(db, projection):
    def stop_after_relationships(kind, name, done):
        if kind == "relationships" and done >= 4:
            raise Interrupted

    with pytest.raises(Interrupted):
        neo4j_store.load_graph(db, projection, batch_size=2, on_batch=stop_after_relationships)
    nodes, rels = neo4j_store.counts(db)
    assert nodes == projection.number_of_nodes() and 0 < rels < projection.number_of_edges()
    report = neo4j_store.load_graph(db, projection, batch_size=2)
    assert report.nodes_created == 0
    assert report.relationships_created == projection.number_of_edges() - rels
    assert neo4j_store.counts(db) == (projection.number_of_nodes(), projection.number_of_edges())
    assert duplicates(db) == (0, 0)


KILLED_LOADER = """
import os, sys, time
from stdkg.property_graph import to_networkx
from stdkg.stores import neo4j_store
sys.path.insert(0, {tests!r})
from test_neo4j_store import small_policy_graph

def slow(kind, name, done):
    print(kind, done, flush=True)
    time.sleep(0.2)

driver = neo4j_store.connect({uri!r}, user={user!r}, password={password!r})
neo4j_store.load_graph(driver, to_networkx(small_policy_graph()), batch_size=1, on_batch=slow)
"""


def test_loader_process_killed_midway_then_rerun_has_no_duplicates(db, projection):
    uri = os.environ.get("NEO4J_URI") or _driver_uri(db)
    script = KILLED_LOADER.format(tests=str(ROOT / "tests"), uri=uri, user=os.environ.get("NEO4J_USERNAME", ""),
                                  password=os.environ.get("NEO4J_PASSWORD", ""))
    proc = subprocess.Popen([sys.executable, "-c", script], cwd=ROOT, stdout=subprocess.PIPE, text=True)
    try:
        for line in proc.stdout:
            if line.startswith("relationships"):
                proc.send_signal(signal.SIGKILL)
                break
    finally:
        proc.wait(timeout=60)
    assert proc.returncode == -signal.SIGKILL
    nodes, rels = neo4j_store.counts(db)
    assert nodes == projection.number_of_nodes() and 0 < rels < projection.number_of_edges()
    neo4j_store.load_graph(db, projection)
    assert neo4j_store.counts(db) == (projection.number_of_nodes(), projection.number_of_edges())
    assert duplicates(db) == (0, 0)


def _driver_uri(driver) -> str:
    address = driver.get_server_info().address
    return f"bolt://{address.host}:{address.port}"


def test_constraints_from_the_schema_are_present(db, projection):
    neo4j_store.load_graph(db, projection)
    rows = db.execute_query("SHOW CONSTRAINTS YIELD type, labelsOrTypes, properties "
                               "RETURN type, labelsOrTypes AS labels, properties").records
    unique_iri = {r["labels"][0] for r in rows if r["type"] == "UNIQUENESS" and r["properties"] == ["iri"]}
    assert unique_iri >= {c.pg_label for c in load_schema().node_classes()}
    with pytest.raises(Exception, match="already exists"):
        db.execute_query("CREATE (:Department {iri: $iri})", iri=str(ID["department/sz-scjgj"]))


def test_labels_and_types_outside_the_schema_are_reported_not_run(db, projection):
    pg = projection.copy()
    bad_label = "City) DETACH DELETE n //"
    pg.add_node("urn:x:bad", iri="urn:x:bad", label=bad_label, name="x")
    city = str(ID["city/440300"])
    pg.add_edge(city, str(ID["province/440000"]), key="X", type="IN_PROVINCE]->() DETACH DELETE a //")
    report = neo4j_store.load_graph(db, pg)
    assert any("urn:x:bad" in s and "label" in s for s in report.skipped)
    assert any("IN_PROVINCE]->()" in s for s in report.skipped)
    assert neo4j_store.counts(db) == (projection.number_of_nodes(), projection.number_of_edges())


def test_values_travel_as_parameters(db):
    pg = nx.MultiDiGraph()
    tricky = "x'}) DETACH DELETE n //\"$rows"
    iri = str(ID["city/tricky"])
    pg.add_node(iri, iri=iri, label="City", name=tricky, aliases=("a", "b"))
    neo4j_store.load_graph(db, pg)
    rec = db.execute_query("MATCH (c:City {iri: $iri}) RETURN c.name AS name, c.aliases AS aliases",
                              iri=iri).records
    assert [(r["name"], r["aliases"]) for r in rec] == [(tricky, ["a", "b"])]


def test_corpus_graph_loads_whole_with_the_projection_counts_per_label_and_type(db):
    from collections import Counter

    from stdkg.build import build_graph
    from stdkg.loaders.registry import load_registries
    from stdkg.pipeline import shipped_records

    pg = to_networkx(build_graph(shipped_records(), load_registries(), None))
    report = neo4j_store.load_graph(db, pg)
    assert report.skipped == []
    labels = db.execute_query("MATCH (n) RETURN labels(n) AS labels, count(*) AS n").records
    assert {tuple(r["labels"]): r["n"] for r in labels} == {
        (label,): n for label, n in Counter(d["label"] for _, d in pg.nodes(data=True)).items()}
    types = db.execute_query("MATCH ()-[r]->() RETURN type(r) AS t, count(*) AS n").records
    assert {r["t"]: r["n"] for r in types} == Counter(d["type"] for *_, d in pg.edges(data=True))
    assert duplicates(db) == (0, 0)
