"""Records to one RDF graph shaped by schema.ttl.

`build_graph(documents, registries, reference)` resolves the written names of
the policy records to entities (`stdkg.resolve`), writes the reference
registries when given (`stdkg.reference_graph`), then each document's plan,
sections, measures, responsibilities, targets with their owners
(`stdkg.ownership`), achievements (the records' facts), organisation mentions
and alliance members, every fact with its evidence, and the reorganisations
(lineage) of the registry departments it names.
IRIs come from `stdkg.iris`, so building again from the same inputs gives the
identical triples and adding a document adds only its own facts.
"""
from __future__ import annotations

import re
from decimal import Decimal
from typing import Optional

from rdflib import RDF, XSD, Graph, Literal, URIRef
from rdflib.namespace import DCTERMS, ORG, PROV, SKOS

from stdkg.entities import CitedPlan, Priority, RegistryOrganisation, Standard
from stdkg.graph_writer import GraphWriter, language
from stdkg.iris import mint, path_text
from stdkg.loaders.english_titles import english_title_for, gloss
from stdkg.loaders.orgnames import names_a_series
from stdkg.loaders.registry import Registries
from stdkg.ownership import target_owners
from stdkg.places import shipped_divisions
from stdkg.records import Provenance
from stdkg.reference_graph import add_reference
from stdkg.resolve import Membership, ResolvedDocument, Resolver, Succession, resolve_documents
from stdkg.vocab import STDKG

_DATE = re.compile(r"^\d{4}-\d{2}-\d{2}$")
_YEAR = re.compile(r"^(\d{4})")
Sections = dict[tuple[str, ...], URIRef]


class DocumentWriter:
    """Writes one resolved document's records into the graph."""

    def __init__(self, writer: GraphWriter, resolved: ResolvedDocument):
        self.w, self.d, self.r = writer, resolved, resolved.records
        self.plan = mint("plan", doc=self.r.doc)
        self.sections: Sections = {tuple(s.path): mint("section", doc=self.r.doc, path=path_text(s.path))
                                   for s in self.r.sections}

    def evidence(self, prov: Optional[Provenance]) -> Optional[URIRef]:
        if prov is None:
            return None
        node = mint("evidence", doc=prov.doc, start=prov.start, end=prov.end,
                    key=(prov.rule, prov.evidence, path_text(prov.section_path)))
        if self.w.once(node):
            add = self.w.add
            add(node, RDF.type, STDKG.Evidence)
            add(node, PROV.hadPrimarySource, self.plan)
            add(node, STDKG.doc, prov.doc)
            add(node, STDKG.sectionPath, path_text(prov.section_path))
            add(node, STDKG.start, Literal(prov.start, datatype=XSD.integer))
            add(node, STDKG.end, Literal(prov.end, datatype=XSD.integer))
            add(node, STDKG.quote, prov.evidence)
            add(node, STDKG.rule, prov.rule)
            add(node, STDKG.evidenceSection, self.sections.get(tuple(prov.section_path)))
        return node

    def supported(self, fact: URIRef, prov: Optional[Provenance]) -> None:
        self.w.add(fact, PROV.wasDerivedFrom, self.evidence(prov))

    def write(self) -> None:
        self.write_plan()
        self.write_sections()
        measures = {(tuple(m.section_path), m.task): self.measure(m.section_path, m.number, m.task, m.provenance)
                    for m in self.r.measures}
        claims = []
        for x, unit in zip(self.r.responsibilities, self.d.units):
            key = (tuple(x.measure_path), x.task)
            if key not in measures:
                measures[key] = self.measure(x.measure_path, None, x.task, x.provenance)
            claims.append((x, self.w.node(unit), measures[key]))
        written = [(measure, self.responsibility(x, unit, measure)) for x, unit, measure in claims]
        units = [(x, unit) for x, unit, _ in claims]
        for t, indicator in zip(self.r.targets, self.d.indicators):
            if t.is_fact:
                self.achievement(t, indicator)
            else:
                self.target(t, indicator, units, written)
        for o, entity in zip(self.r.organisations, self.d.mentions):
            self.mention(o, entity)
        for m in self.d.memberships:
            self.membership(m)
        for s in self.d.successions:
            self.succession(s)

    def write_plan(self) -> None:
        add, plan, r = self.w.add, self.plan, self.r
        add(plan, RDF.type, STDKG.Plan)
        add(plan, STDKG.docId, r.doc)
        add(plan, DCTERMS.source, r.source)
        add(plan, DCTERMS.title, Literal(self.d.title, lang="zh"))
        self.w.label(plan, self.d.title, "zh", Priority.DOCUMENT)
        place_en = self.d.place.city.name_en if self.d.place is not None else None
        self.w.label(plan, english_title_for(self.d.title, place_en), "en", Priority.GENERATED)
        if self.d.place is not None:
            add(plan, STDKG.appliesTo, self.w.node(self.d.place))
        p = r.plan
        if p is None:
            return
        if p.date:
            add(plan, DCTERMS.issued, Literal(p.date, datatype=XSD.date) if _DATE.match(p.date) else p.date)
        add(plan, STDKG.docNumber, p.doc_number)
        if p.period_start is not None:
            add(plan, STDKG.periodStart, Literal(int(p.period_start), datatype=XSD.integer))
        if p.period_end is not None:
            add(plan, STDKG.periodEnd, Literal(int(p.period_end), datatype=XSD.integer))
        for issuer in self.d.issuers:
            add(plan, STDKG.issuedBy, self.w.node(issuer))
        self.supported(plan, p.provenance)

    def write_sections(self) -> None:
        add = self.w.add
        for s in self.r.sections:
            node = self.sections[tuple(s.path)]
            add(node, RDF.type, STDKG.Section)
            add(node, STDKG.inPlan, self.plan)
            add(node, STDKG.sectionPath, path_text(s.path))
            add(node, STDKG.number, s.number)
            add(node, STDKG.depth, Literal(int(s.level), datatype=XSD.integer))
            add(node, DCTERMS.title, Literal(s.heading, lang="zh"))
            self.w.label(node, s.heading or s.number, "zh", Priority.DOCUMENT)
            if len(s.path) > 1:
                add(node, STDKG.partOf, self.sections.get(tuple(s.path[:-1])))
            self.supported(node, s.provenance)

    def measure(self, path, number, task: str, prov) -> URIRef:
        node = mint("measure", doc=self.r.doc, key=(path_text(path), task))
        if self.w.once(node):
            add = self.w.add
            add(node, RDF.type, STDKG.Measure)
            add(node, STDKG.inPlan, self.plan)
            add(node, STDKG.task, task)
            add(node, STDKG.sectionPath, path_text(path))
            add(node, STDKG.number, number)
            self.w.label(node, task, "zh", Priority.DOCUMENT)
            add(node, STDKG.inSection, self.sections.get(tuple(path)) or self.sections.get(tuple(path[:-1])))
        self.supported(node, prov)
        return node

    def responsibility(self, x, unit: URIRef, measure: URIRef) -> URIRef:
        add = self.w.add
        node = mint("responsibility", doc=self.r.doc, key=(str(measure), str(unit), x.role))
        add(node, RDF.type, STDKG.Responsibility)
        add(node, STDKG.department, unit)
        add(node, STDKG.measure, measure)
        add(node, STDKG.role, x.role)
        add(node, STDKG.asWritten, x.department)
        self.supported(node, x.provenance)
        return node

    def target(self, t, indicator, claims, written) -> None:
        """A target, its indicator and its owners; `claims` are (responsibility, unit IRI) pairs,
        `written` the (measure, responsibility node) of each."""
        add = self.w.add
        path = tuple(t.provenance.section_path) if t.provenance else ()
        where = t.provenance.start if t.provenance else t.text
        node = mint("target", doc=self.r.doc, key=(path_text(path), where, t.metric, t.year, t.value))
        add(node, RDF.type, STDKG.Target)
        add(node, STDKG.inPlan, self.plan)
        add(node, STDKG.text, t.text)
        add(node, STDKG.metric, t.metric)
        add(node, STDKG.metricEn, gloss(t.metric))
        add(node, STDKG.value, Literal(Decimal(str(t.value)), datatype=XSD.decimal))
        add(node, STDKG.unit, t.unit or None)
        add(node, STDKG.comparator, t.comparator)
        if t.year is not None:
            add(node, STDKG.year, Literal(int(t.year), datatype=XSD.integer))
        add(node, STDKG.note, t.note)
        add(node, STDKG.sectionPath, path_text(path))
        self.w.label(node, t.text, "zh", Priority.DOCUMENT)
        add(node, STDKG.inSection, self.sections.get(path))
        self.supported(node, t.provenance)
        if indicator is not None:
            add(node, STDKG.hasIndicator, self.w.node(indicator))
        for owner in target_owners(t, claims):
            own = mint("ownership", key=(str(node), str(owner.unit)))
            add(own, RDF.type, STDKG.Ownership)
            add(own, STDKG.department, owner.unit)
            add(own, STDKG.target, node)
            add(own, STDKG.role, owner.role)
            add(own, STDKG.derived, owner.derived)
            add(own, STDKG.basis, owner.basis)
            for i in owner.via:
                measure, responsibility = written[i]
                add(own, STDKG.viaMeasure, measure)
                for ev in self.w.g.objects(responsibility, PROV.wasDerivedFrom):
                    add(own, PROV.wasDerivedFrom, ev)
            add(own, STDKG.rule, owner.rule)

    def series(self, o) -> bool:
        """A mention followed by 系列 / 族 (`ISO 37000系列`, `ISO 9000族`): a family of standards, not the one numbered so."""
        return o.series or (o.provenance is not None and names_a_series(self.r.text, o.provenance.end))

    def achievement(self, t, indicator) -> None:
        """A figure reported as reached: its year is the one the text gives, else the document's year."""
        add = self.w.add
        path = tuple(t.provenance.section_path) if t.provenance else ()
        where = t.provenance.start if t.provenance else t.text
        node = mint("achievement", doc=self.r.doc, key=(path_text(path), where, t.metric, t.year, t.value))
        add(node, RDF.type, STDKG.Achievement)
        add(node, STDKG.inPlan, self.plan)
        add(node, STDKG.text, t.text)
        add(node, STDKG.metric, t.metric)
        add(node, STDKG.metricEn, gloss(t.metric))
        add(node, STDKG.value, Literal(Decimal(str(t.value)), datatype=XSD.decimal))
        add(node, STDKG.unit, t.unit or None)
        add(node, STDKG.comparator, t.comparator)
        year, source = (t.year, "text") if t.year is not None else (self.document_year(), "document date")
        if year is not None:
            add(node, STDKG.year, Literal(int(year), datatype=XSD.integer))
            add(node, STDKG.yearFrom, source)
        add(node, STDKG.note, t.note)
        add(node, STDKG.sectionPath, path_text(path))
        self.w.label(node, t.text, "zh", Priority.DOCUMENT)
        add(node, STDKG.inSection, self.sections.get(path))
        self.supported(node, t.provenance)
        if indicator is not None:
            add(node, STDKG.hasIndicator, self.w.node(indicator))

    def document_year(self) -> Optional[int]:
        """The year of the document's date, when it has one."""
        m = _YEAR.match(self.r.plan.date or "") if self.r.plan is not None else None
        return int(m.group(1)) if m else None

    def membership(self, m: Membership) -> None:
        """An alliance member: `hasMember` and the membership node with its role and evidence or source."""
        add = self.w.add
        alliance, member = self.w.node(m.alliance), self.w.node(m.member)
        add(alliance, STDKG.hasMember, member)
        read_in = m.provenance.doc if m.provenance is not None else "registry"
        node = mint("alliance-membership", key=(read_in, str(alliance), str(member), m.role))
        add(node, RDF.type, STDKG.AllianceMembership)
        add(node, ORG.organization, alliance)
        add(node, ORG.member, member)
        add(node, STDKG.role, m.role)
        add(node, DCTERMS.source, m.source)
        if m.provenance is not None:
            self.supported(node, m.provenance)

    def succession(self, s: Succession) -> None:
        """A reorganisation from the lineage registry: predecessor, successor, year, kind, reform document."""
        add, r = self.w.add, s.reorganisation
        node = mint("reorganisation", predecessor=r.predecessor, successor=r.successor)
        add(node, RDF.type, STDKG.Reorganisation)
        add(node, ORG.originalOrganization, self.w.node(s.predecessor))
        add(node, ORG.resultingOrganization, self.w.node(s.successor))
        add(node, STDKG.year, Literal(int(r.year), datatype=XSD.integer))
        add(node, STDKG.changeKind, r.kind)
        add(node, DCTERMS.source, r.source)

    def mention(self, o, entity) -> None:
        if entity is None or (isinstance(entity, Standard) and self.series(o)):
            return
        if isinstance(entity, CitedPlan):
            self.w.add(self.plan, STDKG.cites, self.w.node(entity))
            return
        node = self.w.node(entity)
        if not isinstance(entity, RegistryOrganisation):
            self.w.label(node, o.name, language(o.name), Priority.DOCUMENT)
        elif entity.written_otherwise(o.name):
            self.w.add(node, SKOS.altLabel, Literal(o.name, lang=language(o.name)))
        if self.w.is_standard(node):
            self.w.add(self.plan, STDKG.cites, node)
        self.w.add(node, STDKG.mentionedIn, self.sections.get(tuple(o.provenance.section_path)) if o.provenance else None)
        self.supported(node, o.provenance)


def resolver_for(registries: Registries, reference=None) -> Resolver:
    """The name resolver of a build: the registries and the division list (shipped, plus the reference copy)."""
    divisions = shipped_divisions() + (list(reference.admin_divisions) if reference is not None else [])
    return Resolver(registries, divisions=divisions)


def document_source(records, resolver: Resolver) -> GraphWriter:
    """One document's facts and label proposals on their own (a store keeps them in the document's named graph)."""
    writer = GraphWriter()
    DocumentWriter(writer, resolver.document(records)).write()
    return writer


def reference_source(reference, resolver: Resolver) -> GraphWriter:
    """The reference registries' facts and label proposals on their own."""
    writer = GraphWriter()
    add_reference(writer, reference, resolver)
    return writer


def build_graph(documents, registries: Registries, reference=None) -> Graph:
    """One RDF graph from the policy records, the registries and (optionally) the reference registries."""
    resolver = resolver_for(registries, reference)
    writer = GraphWriter()
    if reference is not None:
        add_reference(writer, reference, resolver)
    for resolved in resolve_documents(documents, resolver):
        DocumentWriter(writer, resolved).write()
    return writer.finish()
