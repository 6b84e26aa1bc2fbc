"""SHACL validation of the built graph, faults the shapes must catch, and the corpus + reference graph on a real store."""
from __future__ import annotations

import os
from pathlib import Path

import pytest
from rdflib import RDF, XSD, Graph, Literal
from rdflib.namespace import SKOS
from typer.testing import CliRunner

from stdkg.build import build_graph
from stdkg.loaders.reference import load_reference
from stdkg.loaders.registry import load_registries
from stdkg.pipeline import RECORDS_DIR, build, load_rdf, shipped_records
from stdkg.questions import run_sparql
from stdkg.stores.oxigraph_store import open_store
from stdkg.validate import validate
from stdkg.vocab import STDKG

REFERENCE = Path(os.environ.get("STDKG_REFERENCE", Path(__file__).resolve().parents[2] / "shared" / "reference"))
PREFIXES = """PREFIX stdkg: <https://w3id.org/stdkg/ontology#>
PREFIX skos: <http://www.w3.org/2004/02/skos/core#>
PREFIX dcterms: <http://purl.org/dc/terms/>
"""


@pytest.fixture(scope="module")
def qingdao_plan() -> Graph:
    """The shipped records of the corpus plan with a stated period, built without the reference data."""
    records = [r for r in shipped_records() if r.plan and r.plan.period_start and r.responsibilities and r.targets]
    assert records, f"no shipped plan in {RECORDS_DIR} with a period, responsibilities and targets"
    return build_graph(records[:1], load_registries())


def copy(g: Graph) -> Graph:
    out = Graph()
    for t in g:
        out.add(t)
    return out


def focus_results(report, node, path=None):
    return [r for r in report.violations if r.focus == str(node) and (path is None or r.path == path)]


def test_plan_graph_conforms(qingdao_plan):
    report = validate(qingdao_plan)
    assert report.conforms, report.text


def test_target_with_no_value_is_a_violation(qingdao_plan):
    g = copy(qingdao_plan)
    target = sorted(g.subjects(RDF.type, STDKG.Target))[0]
    g.remove((target, STDKG.value, None))
    report = validate(g)
    assert not report.conforms
    assert focus_results(report, target, "stdkg:value"), report.text


def test_target_value_that_is_not_a_number_is_a_violation(qingdao_plan):
    g = copy(qingdao_plan)
    target = sorted(g.subjects(RDF.type, STDKG.Target))[0]
    g.set((target, STDKG.value, Literal("五百")))
    assert focus_results(validate(g), target, "stdkg:value")


def test_lead_role_with_no_department_is_a_violation(qingdao_plan):
    g = copy(qingdao_plan)
    lead = sorted(r for r in g.subjects(RDF.type, STDKG.Responsibility) if str(g.value(r, STDKG.role)) == "lead")[0]
    g.remove((lead, STDKG.department, None))
    report = validate(g)
    assert not report.conforms
    assert focus_results(report, lead, "stdkg:department"), report.text


def test_target_year_outside_its_plans_period_is_a_violation(qingdao_plan):
    g = copy(qingdao_plan)
    target = sorted(g.subjects(RDF.type, STDKG.Target))[0]
    plan = g.value(target, STDKG.inPlan)
    end = int(g.value(plan, STDKG.periodEnd))
    g.set((target, STDKG.year, Literal(end + 5, datatype=XSD.integer)))
    report = validate(g)
    assert not report.conforms
    hits = focus_results(report, target)
    assert hits and "outside its plan's period" in hits[0].message, report.text
    assert str(end + 5) in report.text


def test_unknown_role_and_comparator_are_violations(qingdao_plan):
    g = copy(qingdao_plan)
    resp = sorted(g.subjects(RDF.type, STDKG.Responsibility))[0]
    target = sorted(g.subjects(RDF.type, STDKG.Target))[0]
    g.set((resp, STDKG.role, Literal("owner")))
    g.set((target, STDKG.comparator, Literal("≈")))
    report = validate(g)
    assert focus_results(report, resp, "stdkg:role") and focus_results(report, target, "stdkg:comparator")


def test_department_without_english_label_is_a_violation(qingdao_plan):
    g = copy(qingdao_plan)
    dept = sorted(g.subjects(RDF.type, STDKG.Department))[0]
    for label in [l for l in g.objects(dept, SKOS.prefLabel) if l.language == "en"]:
        g.remove((dept, SKOS.prefLabel, label))
    assert focus_results(validate(g), dept, "skos:prefLabel")


def test_stdkg_validate_exits_non_zero_on_a_violation(tmp_path: Path, qingdao_plan):
    from stdkg.cli import app
    from stdkg.stores.oxigraph_store import write_store

    good = write_store(qingdao_plan, tmp_path / "good")
    g = copy(qingdao_plan)
    g.remove((sorted(g.subjects(RDF.type, STDKG.Target))[0], STDKG.value, None))
    bad = write_store(g, tmp_path / "bad")
    runner = CliRunner()
    ok = runner.invoke(app, ["validate", "--store", str(good)])
    assert ok.exit_code == 0, ok.output
    failed = runner.invoke(app, ["validate", "--store", str(bad)])
    assert failed.exit_code == 1
    assert "violation" in failed.output and "stdkg:value" in failed.output


@pytest.fixture(scope="module")
def full_build(tmp_path_factory):
    """The main build: shipped corpus records plus the full reference registries, written to a real store."""
    if not REFERENCE.is_dir():
        pytest.skip(f"reference registries not found at {REFERENCE}")
    store = tmp_path_factory.mktemp("full") / "stdkg-data"
    result = build(store=store, reference=REFERENCE)
    assert not result.errors, result.errors
    return store


@pytest.mark.slow
def test_corpus_and_reference_graph_has_zero_violations(full_build):
    report = validate(load_rdf(full_build))
    assert report.conforms, report.text[:5000]
    assert report.triples > 0


@pytest.mark.slow
def test_iso_37120_cited_by_shenzhen_links_to_its_committee_and_secretariat(full_build):
    ref = load_reference(REFERENCE)
    committee = ref.committee(ref.standard("ISO 37120").committee)
    query = PREFIXES + """
        SELECT ?tc ?secretariat WHERE {
            ?plan stdkg:appliesTo/stdkg:shortName ?city ; stdkg:cites ?standard .
            ?standard stdkg:reference ?reference .
            ?committee stdkg:develops ?standard ; stdkg:reference ?tc ; stdkg:secretariat ?body .
            ?body dcterms:identifier ?secretariat .
        }"""
    df = run_sparql(query, {"city": "深圳", "reference": "ISO 37120"}, store=open_store(full_build))
    assert df.drop_duplicates().values.tolist() == [[committee.reference, committee.secretariat]]
    assert committee.reference == "ISO/TC 268" and committee.secretariat == "AFNOR"


@pytest.mark.slow
def test_shenzhen_and_qingdao_public_security_bureaus_are_distinct(full_build):
    query = PREFIXES + """
        SELECT DISTINCT ?department ?city WHERE {
            ?r a stdkg:Responsibility ; stdkg:asWritten ?written ; stdkg:department ?department .
            ?department stdkg:locatedIn/stdkg:shortName ?city .
        } ORDER BY ?city"""
    df = run_sparql(query, {"written": "市公安局"}, store=open_store(full_build))
    assert sorted(df["city"]) == ["深圳", "青岛"]
    assert df["department"].nunique() == 2


@pytest.mark.slow
def test_every_department_has_an_english_label(full_build):
    store = open_store(full_build)
    departments = run_sparql(PREFIXES + "SELECT (COUNT(DISTINCT ?d) AS ?n) WHERE { ?d a stdkg:Department }",
                             store=store)
    missing = run_sparql(PREFIXES + """
        SELECT ?d WHERE { ?d a stdkg:Department .
            FILTER NOT EXISTS { ?d skos:prefLabel ?en . FILTER(lang(?en) = "en" && strlen(?en) > 0) } }""", store=store)
    assert departments["n"][0] > 0
    assert missing.empty, missing


@pytest.mark.slow
def test_networkx_view_matches_the_store(full_build):
    from stdkg.pipeline import load_networkx

    G = load_networkx(full_build)
    store = open_store(full_build)
    for label in ("Department", "Target", "Standard"):
        n = run_sparql("SELECT (COUNT(DISTINCT ?x) AS ?n) WHERE { ?x a ?cls }", {"cls": STDKG[label]},
                       store=store)["n"][0]
        assert sum(1 for _, d in G.nodes(data=True) if d["label"] == label) == n
    owns = run_sparql(PREFIXES + "SELECT (COUNT(?o) AS ?n) WHERE { ?o a stdkg:Ownership }", store=store)["n"][0]
    assert sum(1 for *_, d in G.edges(data=True) if d["type"] == "OWNS") == owns


def test_evidence_span_that_ends_before_it_starts_is_a_violation(qingdao_plan):
    g = copy(qingdao_plan)
    ev = sorted(g.subjects(RDF.type, STDKG.Evidence))[0]
    start, end = int(g.value(ev, STDKG.start)), int(g.value(ev, STDKG.end))
    g.set((ev, STDKG.start, Literal(end + 1, datatype=XSD.integer)))
    assert start <= end and focus_results(validate(g), ev, "stdkg:start")
