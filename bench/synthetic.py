"""A synthetic property graph in the projection's shape, of any size, for view benchmarks and tests.

It follows the graph contract (node attributes `iri`, `label`, `name`, `name_en`,
`city`, …; edges keyed by relationship type with `role`, `derived`, evidence
`doc`/`section`/`quote`), so views can be measured at sizes no corpus reaches.
"""
from __future__ import annotations

import random

import networkx as nx

BASE = "https://w3id.org/stdkg/id/"
CITIES = (("深圳", "Shenzhen"), ("广州", "Guangzhou"), ("杭州", "Hangzhou"), ("青岛", "Qingdao"), ("成都", "Chengdu"))
ROLES = ("lead", "participant", "shared")
DEPARTMENTS = (("市场监管局", "Administration for Market Regulation"), ("工业和信息化局", "Bureau of Industry and IT"),
               ("科技局", "Science and Technology Bureau"), ("发展改革委", "Development and Reform Commission"),
               ("商务局", "Commerce Bureau"), ("住房建设局", "Housing and Construction Bureau"))


def _iri(kind: str, slug: str) -> str:
    return f"{BASE}{kind}/{slug}"


def synthetic_graph(n_nodes: int, seed: int = 0, department_names: tuple[str, ...] = (),
                    organisation_names: tuple[str, ...] = ()) -> nx.MultiDiGraph:
    """About `n_nodes` nodes spread over five cities; `department_names` and `organisation_names`
    replace the first generated names (e.g. hostile strings for escaping tests)."""
    rng = random.Random(seed)
    g = nx.MultiDiGraph()
    per_city = max(n_nodes // len(CITIES), 12)
    dept_names = list(department_names)
    org_names = list(organisation_names)

    def add(kind: str, slug: str, label: str, **attrs) -> str:
        iri = _iri(kind, slug)
        g.add_node(iri, iri=iri, label=label, **attrs)
        return iri

    def edge(u: str, v: str, rel: str, **attrs) -> None:
        g.add_edge(u, v, key=rel, type=rel, **attrs)

    for ci, (zh, en) in enumerate(CITIES):
        doc = f"{ci:03d}_synthetic"
        city = add("city", en.lower(), "City", name=f"{zh}市", name_en=en, city=zh)
        plan = add("plan", doc, "Plan", name=f"{zh}市标准化发展规划", name_en=f"{en} standardization plan",
                   city=zh, doc=doc, period_start=2021, period_end=2025)
        edge(plan, city, "FOR_CITY")
        budget = per_city - 2
        n_depts = max(2, budget // 12)
        n_sections = max(1, budget // 20)
        n_orgs = max(2, budget // 10)
        n_measures = max(2, (budget - n_depts - n_sections - n_orgs) // 2)
        n_targets = max(1, budget - n_depts - n_sections - n_orgs - n_measures)
        sections = []
        for s in range(n_sections):
            sec = add("section", f"{doc}-{s}", "Section", name=f"（{s + 1}）第{s + 1}节", doc=doc, city=zh)
            edge(plan, sec, "HAS_SECTION")
            sections.append(sec)
        depts = []
        for d in range(n_depts):
            zh_name, en_name = DEPARTMENTS[d % len(DEPARTMENTS)]
            name = dept_names.pop(0) if dept_names else f"{zh}市{zh_name}{'' if d < len(DEPARTMENTS) else d}"
            dept = add("department", f"{en.lower()}-{d}", "Department", name=name,
                       name_en=f"{en} {en_name}" + ("" if d < len(DEPARTMENTS) else f" {d}"), city=zh)
            edge(dept, city, "LOCATED_IN")
            depts.append(dept)
        measures = []
        for m in range(n_measures):
            sec = sections[m % len(sections)]
            quote = f"{zh}市推进第{m + 1}项标准化任务，由相关部门负责。"
            meas = add("measure", f"{doc}-{m}", "Measure", name=f"标准化任务{m + 1}", name_en=f"Measure {m + 1}",
                       city=zh, doc=doc, section=g.nodes[sec]["name"], quote=quote)
            edge(meas, sec, "IN_SECTION")
            for dept in rng.sample(depts, k=min(len(depts), rng.choice((1, 1, 2, 3)))):
                role = rng.choice(ROLES)
                edge(dept, meas, "RESPONSIBLE_FOR", role=role, doc=doc, section=g.nodes[sec]["name"], quote=quote)
            measures.append(meas)
        for t in range(n_targets):
            meas = measures[t % len(measures)]
            year = rng.choice((2023, 2025, 2030))
            value = float(rng.randint(1, 500))
            quote = f"到{year}年，主导制定标准{int(value)}项以上"
            tgt = add("target", f"{doc}-{t}", "Target", name=f"主导制定标准{int(value)}项", name_en=f"lead {int(value)} standards",
                      city=zh, value=value, unit="项", comparator=">=", year=year, doc=doc,
                      section=g.nodes[meas]["section"], quote=quote)
            edge(meas, tgt, "HAS_TARGET")
            for u, _, d in list(g.in_edges(meas, data=True)):
                if d.get("type") == "RESPONSIBLE_FOR":
                    edge(u, tgt, "OWNS", role=d["role"], derived=True, doc=doc, section=d["section"], quote=quote)
        committees = []
        for o in range(n_orgs):
            sec = sections[o % len(sections)]
            kind, label = (("alliance", "Alliance"), ("committee", "TechnicalCommittee"),
                           ("enterprise", "Enterprise"), ("platform", "Platform"))[o % 4]
            name = org_names.pop(0) if org_names else f"{zh}{label}{o + 1}"
            org = add(kind, f"{en.lower()}-{o}", label, name=name, name_en=f"{en} {label} {o + 1}", city=zh)
            edge(org, city, "LOCATED_IN")
            edge(org, sec, "MENTIONED_IN", doc=doc, section=g.nodes[sec]["name"], quote=f"支持{name}开展标准化工作")
            if label == "TechnicalCommittee":
                committees.append(org)
        body = add("body", f"sac-{en.lower()}", "StandardsBody", name=f"{zh}标准化研究院", name_en=f"{en} Institute of Standardization",
                   city=zh)
        for tc in committees:
            edge(body, tc, "MEMBER_OF", membership=rng.choice("PO"))
    return g
