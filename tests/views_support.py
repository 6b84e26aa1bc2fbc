"""Graphs for the view and export tests: the real build (records → RDF → projection) of small documents.

`policy_records` writes a small plan for a city the registries know, with the
department and organisation names given (hostile ones for the escaping tests),
its provenance pointing into its own text, as a loader would produce it.
"""
from __future__ import annotations

from dataclasses import dataclass

import networkx as nx
from rdflib import Graph

from stdkg.build import build_graph
from stdkg.loaders.registry import load_registries
from stdkg.property_graph import to_networkx
from stdkg.records import Measure, OrganisationMention, Plan, PolicyRecords, Provenance, Responsibility, Section, Target

XSS_DEPARTMENT = "<script>window.__xss=1;alert(1)</script>标准化办公室"
XSS_ORGANISATION = '<img src=x onerror="window.__xss=1;alert(2)">产业标准联盟'


@dataclass
class BuiltGraph:
    records: list[PolicyRecords]
    rdf: Graph
    pg: nx.MultiDiGraph


def policy_records(doc: str, city: str, departments: tuple[str, ...], organisations: tuple[tuple[str, str], ...],
                   year: int = 2025) -> PolicyRecords:
    """A plan of `city` with one section and one measure per department, each with a target it owns."""
    lines = [f"{city}市标准化发展行动计划", "一、主要任务"]
    section_path = ("一、主要任务",)
    r = PolicyRecords(doc=doc, source=f"{doc}.txt", city=city, text="")
    text = "\n".join(lines) + "\n"
    measures, responsibilities, targets, mentions = [], [], [], []
    for i, dept in enumerate(departments, start=1):
        task = f"推进第{i}项标准化工作"
        clause = f"（{i}）{task}。到{year}年，主导制定标准{10 * i}项以上。（责任单位：{dept}）"
        start = len(text)
        text += clause + "\n"
        path = section_path + (f"（{i}）",)
        prov = Provenance(doc=doc, section_path=path, start=start, end=start + len(clause), evidence=clause,
                          rule="test clause")
        measures.append(Measure(doc=doc, section_path=path, number=f"（{i}）", task=task, provenance=prov))
        responsibilities.append(Responsibility(doc=doc, task=task, measure_path=path, department=dept,
                                               role="lead" if i % 2 else "participant", provenance=prov))
        targets.append(Target(doc=doc, text=f"主导制定标准{10 * i}项以上", metric="主导制定标准", value=float(10 * i),
                              unit="项", comparator=">=", year=year, section=task, provenance=prov))
    for name, kind in organisations:
        sentence = f"支持{name}开展标准化工作。"
        start = len(text)
        text += sentence + "\n"
        prov = Provenance(doc=doc, section_path=section_path, start=start, end=start + len(sentence),
                          evidence=sentence, rule="test mention")
        mentions.append(OrganisationMention(doc=doc, name=name, type=kind, provenance=prov))
    r.text = text
    r.plan = Plan(doc=doc, title=lines[0], city=city, period_start=2021, period_end=year)
    r.sections = [Section(doc=doc, path=section_path, number="一、", heading="主要任务", level=1, start=0, end=len(text))]
    r.sections += [Section(doc=doc, path=m.section_path, number=m.number, heading=m.task, level=2,
                           start=m.provenance.start, end=m.provenance.end) for m in measures]
    r.measures, r.responsibilities, r.targets, r.organisations = measures, responsibilities, targets, mentions
    return r


def build(records: list[PolicyRecords]) -> BuiltGraph:
    rdf = build_graph(records, load_registries())
    return BuiltGraph(records=records, rdf=rdf, pg=to_networkx(rdf))


def two_city_graph() -> BuiltGraph:
    """Plans of 深圳 and 青岛 with registry and unknown departments, an alliance and a committee each."""
    return build([
        policy_records("t01_shenzhen", "深圳", ("深圳市市场监督管理局", "深圳市科技创新委员会", "深圳市前海标准化促进中心"),
                       (("深圳市标准化协会联盟", "alliance"), ("全国信息技术标准化技术委员会", "tc"))),
        policy_records("t02_qingdao", "青岛", ("青岛市市场监督管理局", "青岛市工业和信息化局"),
                       (("青岛海洋产业标准联盟", "alliance"), ("ISO/TC 8", "tc"))),
    ])


def corpus_graph() -> BuiltGraph:
    """The five corpus documents as shipped (graph/data/records) with the shipped reference slice: the
    graph the README's pictures show (823 nodes, 424 ISO memberships)."""
    import json

    from stdkg.loaders.reference import load_reference
    from stdkg.records import records_from_dict
    from stdkg.vocabulary import RECORDS_DIR, REFERENCE_DIR

    records = [records_from_dict(json.loads(p.read_text(encoding="utf-8"))) for p in sorted(RECORDS_DIR.glob("*.json"))]
    rdf = build_graph(records, load_registries(), load_reference(REFERENCE_DIR))
    return BuiltGraph(records=records, rdf=rdf, pg=to_networkx(rdf))


def hostile_graph() -> BuiltGraph:
    """A plan whose department and organisation names carry script and onerror payloads."""
    return build([policy_records("t03_hostile", "深圳", (XSS_DEPARTMENT, "深圳市市场监督管理局"),
                                 ((XSS_ORGANISATION, "alliance"), ('"><svg onload=window.__xss=1>委员会', "tc")))])
