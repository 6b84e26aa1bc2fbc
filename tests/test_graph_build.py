"""The build: records → RDF graph → store and networkx view, on small plans written here and on the real registries."""
from __future__ import annotations

import json
from pathlib import Path

import pytest
from rdflib import RDF, Graph, Literal, URIRef
from rdflib.compare import to_isomorphic
from rdflib.namespace import SKOS

from stdkg.build import build_graph
from stdkg.resolve import indicator_for, load_indicators
from stdkg.loaders.registry import load_registries
from stdkg.property_graph import to_networkx
from stdkg.records import (Measure, OrganisationMention, Plan, PolicyRecords, Provenance, Responsibility, Section,
                           Target, records_to_dict)
from stdkg.schema import load_schema
from stdkg.questions import run_sparql
from stdkg.stores.oxigraph_store import count_triples, open_store, write_store
from stdkg.vocab import STDKG

REGISTRIES = load_registries()


def plan_records(doc: str, city: str, unit: str, *, extra_unit: str | None = None, mention: str | None = None,
                 year: int = 2020, period: tuple[int, int] = (2016, 2020)) -> PolicyRecords:
    """A plan with a goals section holding a target and a measure subsection whose clause names `unit`."""
    text = ""

    def span(s: str) -> tuple[int, int]:
        nonlocal text
        start = len(text)
        text += s + "\n"
        return start, start + len(s)

    title = f"{city}市标准化发展规划"
    span(title)
    goal = f"到{year}年，制修订地方标准500项"
    gs, ge = span(goal)
    task = "推进公共安全地方标准制修订"
    clause = f"（一）{task}。（责任单位：{unit}牵头" + (f"，{extra_unit}参与）" if extra_unit else "）")
    cs, ce = span(clause)
    sec, sub = ("一",), ("一", "（一）")
    r = PolicyRecords(doc=doc, source=f"{doc}.txt", city=city, text=text)
    r.plan = Plan(doc=doc, title=title, city=city, issuer=f"{city}市人民政府", period_start=period[0],
                  period_end=period[1], provenance=Provenance(doc, (), 0, len(title), title, "title line"))
    r.sections = [Section(doc, sec, "一", "发展目标", 1, gs, ce), Section(doc, sub, "（一）", task, 2, cs, ce)]
    prov = Provenance(doc, sub, cs, ce, clause, "responsibility clause")
    r.measures = [Measure(doc, sub, "（一）", task, prov)]
    r.responsibilities = [Responsibility(doc, task, sub, unit, "lead", prov)]
    if extra_unit:
        r.responsibilities.append(Responsibility(doc, task, sub, extra_unit, "participant", prov))
    r.targets = [Target(doc, goal, "制修订地方标准", 500.0, "项", ">=", year, "发展目标",
                        Provenance(doc, sec, gs, ge, goal, "target sentence"))]
    if mention:
        at = text.index(clause)
        r.organisations = [OrganisationMention(doc, mention, "standard",
                                               Provenance(doc, sub, at, at + len(clause), clause, "standard code"))]
    return r


def shenzhen() -> PolicyRecords:
    return plan_records("sz", "深圳", "市公安局", extra_unit="市民政局", mention="ISO 37120")


def qingdao() -> PolicyRecords:
    return plan_records("qd", "青岛", "市公安局")


def nt(g: Graph) -> list[str]:
    return sorted(line for line in g.serialize(format="nt").splitlines() if line.strip())


def test_same_name_in_two_cities_is_two_departments():
    g = build_graph([shenzhen(), qingdao()], REGISTRIES)
    units = {str(g.value(r, STDKG.department)) for r in g.subjects(RDF.type, STDKG.Responsibility)
             if str(g.value(r, STDKG.asWritten)) == "市公安局"}
    assert len(units) == 2
    cities = {str(g.value(g.value(URIRef(u), STDKG.locatedIn), STDKG.shortName)) for u in units}
    assert cities == {"深圳", "青岛"}


def test_every_department_has_one_english_label_even_when_not_in_the_registry():
    g = build_graph([plan_records("x", "厦门", "市标准化奇思妙想办公室")], REGISTRIES)
    departments = set(g.subjects(RDF.type, STDKG.Department))
    assert departments
    for d in departments:
        en = [l for l in g.objects(d, SKOS.prefLabel) if l.language == "en"]
        assert len(en) == 1 and str(en[0]).strip(), d
    unknown = [d for d in departments if g.value(d, STDKG.inRegistry) == Literal(False)]
    assert [str(g.value(d, STDKG.asWritten)) for d in unknown] == ["市标准化奇思妙想办公室"]
    assert [g.value(d, STDKG.englishGenerated) for d in unknown] == [Literal(True)]
    assert all(g.value(d, STDKG.englishGenerated) is None for d in departments - set(unknown))


def test_building_twice_gives_identical_triples():
    first = build_graph([shenzhen(), qingdao()], REGISTRIES)
    second = build_graph([qingdao(), shenzhen()], load_registries())
    assert nt(first) == nt(second)
    assert to_isomorphic(first) == to_isomorphic(second)


def test_adding_a_document_adds_only_its_facts():
    alone = set(build_graph([shenzhen()], REGISTRIES))
    both = set(build_graph([shenzhen(), qingdao()], REGISTRIES))
    qd_alone = set(build_graph([qingdao()], REGISTRIES))
    assert alone <= both and qd_alone <= both
    assert both - alone, "the second document added nothing"


def test_an_inferred_ownership_goes_to_the_lead_of_the_matching_measure_not_every_participant():
    g = build_graph([shenzhen()], REGISTRIES)
    (target,) = g.subjects(RDF.type, STDKG.Target)
    owners = {}
    for own in g.subjects(STDKG.target, target):
        owners[str(g.value(g.value(own, STDKG.department), STDKG.asWritten) or g.value(own, STDKG.department))] = (
            str(g.value(own, STDKG.role)), g.value(own, STDKG.derived).toPython(), str(g.value(own, STDKG.basis)))
    roles = {str(g.value(r, STDKG.role)) for r in g.subjects(RDF.type, STDKG.Responsibility)}
    assert roles == {"lead", "participant"}
    assert list(owners.values()) == [("lead", True, "measure")]


def test_a_clause_closing_the_targets_own_item_asserts_ownership():
    r = shenzhen()
    r.targets = [Target(t.doc, t.text, t.metric, t.value, t.unit, t.comparator, t.year, t.section,
                        Provenance(t.doc, ("一", "（一）"), t.provenance.start, t.provenance.end, t.text, "t"))
                 for t in r.targets]
    g = build_graph([r], REGISTRIES)
    flags = {(g.value(o, STDKG.derived).toPython(), str(g.value(o, STDKG.basis)))
             for o in g.subjects(RDF.type, STDKG.Ownership)}
    assert flags == {(False, "stated")}


def test_every_fact_has_evidence_pointing_into_the_plan_text():
    r = shenzhen()
    g = build_graph([r], REGISTRIES)
    facts = [s for cls in (STDKG.Target, STDKG.Responsibility, STDKG.Measure) for s in g.subjects(RDF.type, cls)]
    assert facts
    for fact in facts:
        ev = g.value(fact, URIRef("http://www.w3.org/ns/prov#wasDerivedFrom"))
        start, end = int(g.value(ev, STDKG.start)), int(g.value(ev, STDKG.end))
        assert r.text[start:end] == str(g.value(ev, STDKG.quote))


def test_target_metric_maps_to_an_indicator_from_the_table():
    indicators = load_indicators()
    g = build_graph([shenzhen()], REGISTRIES)
    (target,) = g.subjects(RDF.type, STDKG.Target)
    ind = g.value(target, STDKG.hasIndicator)
    expected = indicator_for(str(g.value(target, STDKG.metric)), indicators)
    assert expected is not None and str(ind).endswith("/" + expected.key)
    assert {l.language for l in g.objects(ind, SKOS.prefLabel)} == {"zh", "en"}


def test_indicator_rules_separate_levels_of_standards():
    indicators = load_indicators()
    key = lambda metric: (indicator_for(metric, indicators) or None) and indicator_for(metric, indicators).key
    assert key("发布市地方标准") == "local-standards"
    assert key("主导或参与制修订国际标准") == "international-standards"
    assert key("新承担国际、全国专业标准化技术组织秘书处职能") == "tc-secretariats"
    assert key("每千人口床位数") is None


def test_projection_follows_the_contract():
    g = build_graph([shenzhen(), qingdao()], REGISTRIES)
    G = to_networkx(g)
    schema = load_schema()
    node_labels = {c.pg_label for c in schema.node_classes()}
    assert {d["label"] for _, d in G.nodes(data=True)} <= node_labels
    assert not any(d["label"] in ("Evidence", "Responsibility", "Ownership") for _, d in G.nodes(data=True))
    responsible = [(u, v, d) for u, v, d in G.edges(data=True) if d["type"] == "RESPONSIBLE_FOR"]
    assert len(responsible) == len(list(g.subjects(RDF.type, STDKG.Responsibility)))
    for u, v, d in responsible:
        assert G.nodes[v]["label"] == "Measure" and d["role"] in ("lead", "participant", "shared")
        assert d["quote"] and d["doc"] in ("sz", "qd") and isinstance(d["start"], int)
    owns = [d for *_, d in G.edges(data=True) if d["type"] == "OWNS"]
    assert owns and all(isinstance(d["derived"], bool) for d in owns)
    targets = [d for _, d in G.nodes(data=True) if d["label"] == "Target"]
    assert all(d["value"] == 500.0 and d["year"] == 2020 and d["comparator"] == ">=" for d in targets)
    police = [d for _, d in G.nodes(data=True) if d["label"] == "Department" and d["name"].endswith("公安局")]
    assert sorted(d["city"] for d in police) == ["深圳", "青岛"]
    assert all(d["name_en"] for d in police)


def test_store_round_trip_and_bound_query(tmp_path: Path):
    g = build_graph([shenzhen(), qingdao()], REGISTRIES)
    path = write_store(g, tmp_path / "store")
    store = open_store(path)
    assert count_triples(store)[""] == len(g)
    q = """PREFIX stdkg: <https://w3id.org/stdkg/ontology#>
           PREFIX skos: <http://www.w3.org/2004/02/skos/core#>
           SELECT ?name WHERE { ?r stdkg:asWritten ?written ; stdkg:department ?d .
                                ?d stdkg:locatedIn/stdkg:shortName ?city ; skos:prefLabel ?name .
                                FILTER(lang(?name) = "zh") }"""
    df = run_sparql(q, {"written": "市公安局", "city": "青岛"}, store=store)
    assert df["name"].tolist() == ["青岛市公安局"]
    hostile = run_sparql(q, {"written": '市公安局" } ?x ?y ?z . { "', "city": "青岛"}, store=store)
    assert hostile.empty


def test_failed_write_keeps_the_old_store(tmp_path: Path):
    g = build_graph([qingdao()], REGISTRIES)
    path = write_store(g, tmp_path / "store")

    def fail(folder: Path) -> None:
        raise RuntimeError("disk full")

    with pytest.raises(RuntimeError):
        write_store(build_graph([shenzhen()], REGISTRIES), path, extras=fail)
    assert count_triples(open_store(path))[""] == len(g)
    assert [p.name for p in tmp_path.iterdir()] == ["store"]
    assert len([p for p in path.iterdir() if p.name.startswith("v-")]) == 1


def test_shipped_records_round_trip_through_json():
    r = shenzhen()
    again = json.loads(json.dumps(records_to_dict(r)))
    from stdkg.records import records_from_dict
    assert nt(build_graph([records_from_dict(again)], REGISTRIES)) == nt(build_graph([r], REGISTRIES))


CORPUS = Path(__file__).resolve().parents[2] / "shared" / "corpus"


@pytest.mark.skipif(not CORPUS.is_dir(), reason=f"corpus not found at {CORPUS}")
def test_shipped_records_equal_a_fresh_extraction_of_the_corpus():
    from stdkg.loaders.policy import load_policy_documents
    from stdkg.pipeline import RECORDS_DIR, document_files

    records, errors = load_policy_documents(document_files(CORPUS))
    assert not errors
    shipped = {p.stem: json.loads(p.read_text(encoding="utf-8")) for p in RECORDS_DIR.glob("*.json")}
    fresh = {r.doc: json.loads(json.dumps(records_to_dict(r), ensure_ascii=False)) for r in records}
    assert sorted(shipped) == sorted(fresh), "run scripts/ship_records.py"
    for doc in fresh:
        assert shipped[doc] == fresh[doc], f"{doc}: shipped records are stale; run scripts/ship_records.py"
        assert "text" not in shipped[doc]


def test_cited_policies_become_plans_and_a_plan_does_not_cite_itself():
    r = shenzhen()
    prov = r.organisations[0].provenance
    r.organisations += [OrganisationMention(r.doc, "质量发展纲要(2011—2020年)", "standard", prov),
                        OrganisationMention(r.doc, f"深圳市人民政府{r.plan.title}", "standard", prov),
                        OrganisationMention(r.doc, "公共图书馆统一服务规范", "standard", prov)]
    g = build_graph([r], REGISTRIES)
    plan = next(p for p in g.subjects(RDF.type, STDKG.Plan) if g.value(p, STDKG.docId))
    def name(c):
        return str(g.value(c, STDKG.reference) or g.value(c, STDKG.asWritten)
                   or next(label for label in g.objects(c, SKOS.prefLabel) if label.language == "zh"))

    cited = {name(c): {str(t).rsplit("#", 1)[-1] for t in g.objects(c, RDF.type)} for c in g.objects(plan, STDKG.cites)}
    assert cited["质量发展纲要(2011—2020年)"] == {"Plan"}
    assert cited["公共图书馆统一服务规范"] == {"Standard"}
    assert "ISO 37120" in cited
    assert not any(r.plan.title in name for name in cited)


def test_corpus_records_build_deterministically_and_each_document_adds_only_its_facts():
    from stdkg.pipeline import shipped_records

    records = shipped_records()
    assert len(records) >= 2
    whole = build_graph(records, REGISTRIES)
    assert nt(whole) == nt(build_graph(list(reversed(records)), load_registries()))
    everything = set(whole)
    for r in records:
        own = set(build_graph([r], REGISTRIES))
        assert own <= everything, f"{r.doc}: building it alone gives triples the full build lacks"


def test_query_cells_are_plain_python_values(tmp_path: Path):
    store = open_store(write_store(build_graph([shenzhen()], REGISTRIES), tmp_path / "s"))
    df = run_sparql("""PREFIX stdkg: <https://w3id.org/stdkg/ontology#>
        SELECT ?value ?year ?t WHERE { ?t a stdkg:Target ; stdkg:value ?value ; stdkg:year ?year }""", store=store)
    row = df.iloc[0]
    assert (row["value"], row["year"]) == (500.0, 2020)
    assert isinstance(row["t"], str) and row["t"].startswith("https://w3id.org/stdkg/id/target/")


@pytest.mark.skipif(not CORPUS.is_dir(), reason=f"corpus not found at {CORPUS}")
def test_build_from_a_folder_of_documents_reports_bad_files_and_builds_the_rest(tmp_path: Path):
    from stdkg.pipeline import build, load_networkx

    docs = tmp_path / "docs"
    docs.mkdir()
    sources = sorted(CORPUS.glob("*.txt"))[-2:]
    for src in sources:
        (docs / src.name).write_bytes(src.read_bytes())
    (docs / "broken.txt").write_bytes(b"")
    no_reference = tmp_path / "reference"
    no_reference.mkdir()
    result = build(store=tmp_path / "store", docs=docs, reference=no_reference)
    assert result.documents == sorted(src.stem for src in sources)
    assert len(result.errors) == 1 and "broken.txt" in result.errors[0]
    plans = [d for _, d in load_networkx(tmp_path / "store").nodes(data=True) if d["label"] == "Plan" and d.get("doc_id")]
    assert sorted(d["doc_id"] for d in plans) == result.documents


def test_bindings_work_for_projected_and_unprojected_variables(tmp_path: Path):
    store = open_store(write_store(build_graph([shenzhen(), qingdao()], REGISTRIES), tmp_path / "s"))
    q = """PREFIX stdkg: <https://w3id.org/stdkg/ontology#>
           SELECT ?city (COUNT(?r) AS ?n) WHERE { ?r a stdkg:Responsibility ;
                                                    stdkg:department/stdkg:locatedIn/stdkg:shortName ?city ;
                                                    stdkg:role ?role } GROUP BY ?city"""
    projected = run_sparql(q, {"city": "深圳"}, store=store)
    unprojected = run_sparql(q, {"role": "lead"}, store=store)
    assert projected.values.tolist() == [["深圳", 2]]
    assert sorted(unprojected.values.tolist()) == [["深圳", 1], ["青岛", 1]]


def test_write_store_refuses_to_replace_a_folder_that_is_not_a_store(tmp_path: Path):
    from stdkg.stores.oxigraph_store import StoreError

    precious = tmp_path / "notes"
    precious.mkdir()
    (precious / "thesis.txt").write_text("keep me", encoding="utf-8")
    with pytest.raises(StoreError, match="not a stdkg store"):
        write_store(build_graph([qingdao()], REGISTRIES), precious)
    assert (precious / "thesis.txt").read_text(encoding="utf-8") == "keep me"


def test_a_series_reference_links_no_standard_of_that_number():
    def cited(follows: str) -> set[str]:
        r = plan_records("sz", "深圳", "市公安局")
        start = len(r.text)
        r.text += "对照ISO 37000" + follows + "标准，研究制定评价指标体系\n"
        at = start + len("对照")
        r.organisations = [OrganisationMention("sz", "ISO 37000", "standard",
                                               Provenance("sz", ("一",), at, at + len("ISO 37000"), "ISO 37000", "t"))]
        g = build_graph([r], REGISTRIES)
        return {str(g.value(s, STDKG.reference)) for s in g.objects(None, STDKG.cites)}

    assert cited("") == {"ISO 37000"}
    assert cited("系列") == set() and cited(" 族") == set()


def test_a_record_marked_series_links_no_standard_without_its_text():
    r = plan_records("sz", "深圳", "市公安局")
    r.text = ""
    mention = OrganisationMention("sz", "ISO 37000", "standard", Provenance("sz", ("一",), 0, 9, "ISO 37000", "t"),
                                  series=True)
    r.organisations = [mention]
    g = build_graph([r], REGISTRIES)
    assert not list(g.objects(None, STDKG.cites))
    r.organisations = [OrganisationMention("sz", "ISO 37000", "standard", mention.provenance)]
    assert {str(g2) for g2 in build_graph([r], REGISTRIES).objects(None, STDKG.cites)}, "unmarked, it is cited"
