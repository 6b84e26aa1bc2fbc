"""The property-graph projection of the RDF graph: a networkx MultiDiGraph.

One node per typed resource other than Evidence and the qualified-relation
nodes, keyed by IRI, with `iri`, `label` (the class's pgLabel), `name` (its `stdkg:displayName`, or the same
rule applied to its labels and code in a graph written without one),
`name_en`, its literal properties by their schema keys and `city` (the short
name of the city it is located in, or of its plan). Each plain object
property with a pgType becomes an edge of that type; each qualified-relation
node (Responsibility, Ownership, CommitteeMembership) becomes one edge from its
pgSource to its pgTarget carrying its own properties. Evidence is flattened
onto the node or edge it supports as `doc`, `section`, `quote`, `start`, `end`,
`rule`; a MENTIONED_IN edge gets one edge per evidence span in that section
(found through an index by node and section, not by scanning the node's evidence).
Labels and types come from schema.ttl through `stdkg.schema`.
"""
from __future__ import annotations

from collections import defaultdict
from typing import Any, Optional

import networkx as nx
from rdflib import RDF, Graph, Literal, URIRef
from rdflib.namespace import PROV, SKOS

from stdkg.terms import to_python
from stdkg.schema import Schema, load_schema, local_name
from stdkg.vocab import STDKG

IDENTIFIED_BY_CODE = {"Standard", "TechnicalCommittee"}
EVIDENCE_KEYS = {STDKG.doc: "doc", STDKG.sectionPath: "section", STDKG.quote: "quote", STDKG.start: "start",
                 STDKG.end: "end", STDKG.rule: "rule"}
SKIPPED = {SKOS.prefLabel, SKOS.altLabel, RDF.type}


def scalar(lit: Literal) -> Any:
    """A Python scalar for a literal (int, float, bool or str), by the one term converter."""
    return to_python(lit)


class _Projection:
    def __init__(self, g: Graph, schema: Schema):
        self.g = g
        self.schema = schema
        self.node_label: dict[URIRef, str] = {}
        node_classes = {c.iri: c.pg_label for c in schema.node_classes()}
        self.qualified = {c.iri: c for c in schema.qualified_classes()}
        self.qualified_nodes: dict[URIRef, URIRef] = {}
        self.evidence: set[URIRef] = set(g.subjects(RDF.type, STDKG.Evidence))
        for s, cls in g.subject_objects(RDF.type):
            if cls in node_classes and isinstance(s, URIRef):
                label = node_classes[cls]
                if s not in self.node_label or label < self.node_label[s]:
                    self.node_label[s] = label
            elif cls in self.qualified:
                self.qualified_nodes[s] = cls
        self.evidence_of: dict[URIRef, list[URIRef]] = defaultdict(list)
        for s, ev in g.subject_objects(PROV.wasDerivedFrom):
            if ev in self.evidence:
                self.evidence_of[s].append(ev)
        for evs in self.evidence_of.values():
            evs.sort(key=lambda e: (str(self.g.value(e, STDKG.doc)), int(self.g.value(e, STDKG.start) or 0), str(e)))
        self.evidence_in: dict[tuple[URIRef, URIRef], list[URIRef]] = defaultdict(list)
        for s, evs in self.evidence_of.items():
            for ev in evs:
                section = self.g.value(ev, STDKG.evidenceSection)
                if section is not None:
                    self.evidence_in[(s, section)].append(ev)

    def evidence_props(self, ev: URIRef) -> dict[str, Any]:
        out = {}
        for p, key in EVIDENCE_KEYS.items():
            v = self.g.value(ev, p)
            if v is not None:
                out[key] = scalar(v)
        return out

    def literal_props(self, s: URIRef) -> dict[str, Any]:
        props: dict[str, Any] = {}
        for p, o in sorted(self.g.predicate_objects(s), key=lambda po: (str(po[0]), str(po[1]))):
            if p in SKIPPED or p == STDKG.sameAs:
                if p == STDKG.sameAs and isinstance(o, URIRef):
                    props.setdefault("same_as", str(o))
                continue
            if isinstance(o, Literal):
                key = self.schema.literal_keys.get(p) or local_name(p)
                props.setdefault(key, scalar(o))
        return props

    def labels(self, s: URIRef) -> tuple[Optional[str], Optional[str]]:
        zh = en = None
        for o in sorted(self.g.objects(s, SKOS.prefLabel), key=str):
            if o.language == "zh" and zh is None:
                zh = str(o)
            elif o.language == "en" and en is None:
                en = str(o)
        return zh, en

    def build(self) -> nx.MultiDiGraph:
        G = nx.MultiDiGraph()
        for s in sorted(self.node_label, key=str):
            label = self.node_label[s]
            zh, en = self.labels(s)
            attrs = self.literal_props(s)
            code = attrs.get("reference") or attrs.get("identifier")
            name = attrs.get("name") or (code if label in IDENTIFIED_BY_CODE and code else None) or zh or en or code \
                or local_name(s)
            attrs.update(iri=str(s), label=label, name=name, name_en=en or "")
            aliases = sorted(str(o) for o in self.g.objects(s, SKOS.altLabel))
            if aliases:
                attrs["aliases"] = "|".join(aliases)
            if self.evidence_of.get(s):
                attrs.update(self.evidence_props(self.evidence_of[s][0]))
            G.add_node(str(s), **attrs)
        for s in list(G.nodes):
            node = URIRef(s)
            place = self.g.value(node, STDKG.locatedIn) or self.g.value(node, STDKG.appliesTo)
            plan = self.g.value(node, STDKG.inPlan)
            if place is None and plan is not None:
                place = self.g.value(plan, STDKG.appliesTo)
            if place is not None:
                short = self.g.value(place, STDKG.shortName)
                if short is not None:
                    G.nodes[s]["city"] = str(short)
        for rel in self.schema.edge_relations():
            for s, o in sorted(self.g.subject_objects(rel.iri), key=lambda so: (str(so[0]), str(so[1]))):
                if s not in self.node_label or o not in self.node_label:
                    continue
                attrs: dict[str, Any] = {"type": rel.pg_type}
                if rel.iri == STDKG.mentionedIn:
                    for ev in self.evidence_in.get((s, o), ()):
                        G.add_edge(str(s), str(o), key=f"{rel.pg_type}|{ev}", **attrs, **self.evidence_props(ev))
                    if G.has_edge(str(s), str(o)) and any(
                            d.get("type") == rel.pg_type for d in G.get_edge_data(str(s), str(o)).values()):
                        continue
                G.add_edge(str(s), str(o), key=rel.pg_type, **attrs)
        for q, cls in sorted(self.qualified_nodes.items(), key=lambda kv: str(kv[0])):
            spec = self.qualified[cls].qualified
            src, dst = self.g.value(q, spec.source), self.g.value(q, spec.target)
            if src not in self.node_label or dst not in self.node_label:
                continue
            attrs = self.literal_props(q)
            attrs.update(type=spec.pg_type, iri=str(q))
            if self.evidence_of.get(q):
                for key, value in self.evidence_props(self.evidence_of[q][0]).items():
                    attrs.setdefault(key, value)
            key = spec.pg_type
            if G.has_edge(str(src), str(dst), key=key):
                key = f"{spec.pg_type}|{q}"
            G.add_edge(str(src), str(dst), key=key, **attrs)
        return G


def to_networkx(rdf_graph: Graph, schema: Optional[Schema] = None) -> nx.MultiDiGraph:
    """The property-graph view of `rdf_graph` (see the module docstring for its shape)."""
    return _Projection(rdf_graph, schema or load_schema()).build()
