"""Records to one RDF graph shaped by schema.ttl.

`build_graph(documents, registries, reference)` turns the records of policy
documents, the curated registries and (optionally) the reference registries
into an rdflib Graph. IRIs are minted from stable keys only (registry keys,
normalised references, document id + section path + span), and no blank nodes
are used, so building again from the same inputs gives the identical triples
and adding a document adds only its own facts.
"""
from __future__ import annotations

import csv
import hashlib
import re
from dataclasses import dataclass
from decimal import Decimal
from pathlib import Path
from typing import Iterable, Optional

from rdflib import RDF, XSD, Graph, Literal, Namespace, URIRef
from rdflib.namespace import DCTERMS, ORG, PROV, SKOS

from stdkg.loaders.reference import normalise_committee_reference, normalise_standard_reference
from stdkg.loaders.registry import Registries, city_short_name, normalise_name
from stdkg.records import City, Department, Organisation, PolicyRecords, Provenance
from stdkg.schema import ID_BASE
from stdkg.vocabulary import REGISTRY_DIR
from stdkg.vocab import STDKG

ID = Namespace(ID_BASE)
INDICATORS_PATH = REGISTRY_DIR / "indicators.csv"

ORG_CLASSES = {
    "tc": STDKG.TechnicalCommittee,
    "alliance": STDKG.Alliance,
    "enterprise": STDKG.Enterprise,
    "intl_body": STDKG.StandardsBody,
    "standards_body": STDKG.StandardsBody,
    "platform": STDKG.Platform,
    "standard": STDKG.Standard,
}
ROLE_STRENGTH = {"lead": 0, "shared": 1, "participant": 2}
LABEL_REGISTRY, LABEL_REFERENCE, LABEL_DOCUMENT = 0, 1, 2

_COMMITTEE_CODE = re.compile(r"^(ISO|IEC|ISO/IEC|SAC)\s*/\s*(TC|SC|JTC|PC)\s*\d+", re.I)
_STANDARD_CODE = re.compile(r"^(ISO|IEC|ISO/IEC|IWA|ITU-T|GB|GB/T|GB/Z|DB\d*|T/)\s*[A-Z]*\s*\d", re.I)
_DATE = re.compile(r"^\d{4}-\d{2}-\d{2}$")
_PLAN_TITLE = re.compile(r"(纲要|规划|计划|办法|意见|决定|条例|指引|通知|方案|制造2025)$")
_TRAILING_PERIOD = re.compile(r"[(（][^()（）]*[)）]$")


def same_title(cited: str, title: str) -> bool:
    """The citing plan's own title, perhaps with its issuer in front or another dash (自引)."""
    fold = lambda t: re.sub(r"[—–－‐-]+", "-", normalise_name(t))
    a, b = fold(cited), fold(title)
    return bool(a and b) and (a == b or a.endswith(b) or b.endswith(a))


def is_plan_title(name: str) -> bool:
    """A cited document that is a policy (plan, outline, measures, opinion, regulation), not a standard."""
    return bool(_PLAN_TITLE.search(_TRAILING_PERIOD.sub("", name.strip()).strip()))


def slug(text: str) -> str:
    """An IRI segment: lower-case ASCII letters, digits and hyphens; other text by its digest."""
    ascii_part = re.sub(r"[^a-z0-9]+", "-", text.lower()).strip("-")
    if ascii_part and text.isascii():
        return ascii_part
    return digest(text)


def digest(*parts: object) -> str:
    return hashlib.sha1("\x1f".join(str(p) for p in parts).encode("utf-8")).hexdigest()[:16]


def path_text(path: Iterable[str]) -> str:
    return "/".join(path)


@dataclass(frozen=True)
class Indicator:
    key: str
    name_zh: str
    name_en: str
    pattern: re.Pattern
    exclude: Optional[re.Pattern]


def load_indicators(path: Path = INDICATORS_PATH) -> list[Indicator]:
    """The comparable indicators, in matching order (first match wins)."""
    with path.open(encoding="utf-8", newline="") as handle:
        rows = list(csv.DictReader(handle))
    out = []
    for line, row in enumerate(rows, start=2):
        try:
            out.append(Indicator(row["key"], row["name_zh"], row["name_en"], re.compile(row["pattern"]),
                                 re.compile(row["exclude"]) if row["exclude"] else None))
        except (KeyError, re.error) as e:
            raise ValueError(f"{path}:{line}: {e}") from None
    return out


def indicator_for(metric: str, indicators: list[Indicator]) -> Optional[Indicator]:
    for ind in indicators:
        if ind.pattern.search(metric) and not (ind.exclude and ind.exclude.search(metric)):
            return ind
    return None


class GraphBuilder:
    """Accumulates triples; labels are chosen at the end (one prefLabel per language, by source priority)."""

    def __init__(self, registries: Registries):
        self.g = Graph()
        for prefix, ns in (("stdkg", STDKG._NS), ("id", ID), ("skos", SKOS), ("org", ORG), ("prov", PROV),
                           ("dcterms", DCTERMS)):
            self.g.bind(prefix, ns)
        self.registries = registries
        self.indicators = load_indicators()
        self._labels: dict[tuple[URIRef, str], set[tuple[int, str]]] = {}
        self._done: set[URIRef] = set()

    def add(self, s, p, o) -> None:
        if o is None:
            return
        if not isinstance(o, (URIRef, Literal)):
            o = Literal(o)
        self.g.add((s, p, o))

    def label(self, node: URIRef, text: Optional[str], lang: str, priority: int) -> None:
        if text:
            self._labels.setdefault((node, lang), set()).add((priority, text.strip()))

    def finish(self) -> Graph:
        for (node, lang), candidates in sorted(self._labels.items()):
            ordered = sorted(candidates)
            self.g.add((node, SKOS.prefLabel, Literal(ordered[0][1], lang=lang)))
            for _, text in ordered[1:]:
                if text != ordered[0][1]:
                    self.g.add((node, SKOS.altLabel, Literal(text, lang=lang)))
        return self.g

    def once(self, node: URIRef) -> bool:
        """True the first time a node is seen (its describing triples are then added)."""
        if node in self._done:
            return False
        self._done.add(node)
        return True

    # places and bodies

    def city(self, city: Optional[City]) -> Optional[URIRef]:
        if city is None:
            return None
        cls = STDKG.Province if city.level == "province" else STDKG.City
        node = ID[f"{'province' if city.level == 'province' else 'city'}/{slug(city.code)}"]
        if self.once(node):
            self.add(node, RDF.type, cls)
            self.add(node, DCTERMS.identifier, city.code)
            self.add(node, STDKG.level, city.level)
            if cls == STDKG.City:
                self.add(node, STDKG.shortName, city_short_name(city))
            if city.code.isdigit():
                self.add(node, STDKG.sameAs, URIRef(f"urn:cn:gb2260:{city.code}"))
            self.label(node, city.name_zh, "zh", LABEL_REGISTRY)
            self.label(node, city.name_en, "en", LABEL_REGISTRY)
            for alias in city.aliases:
                self.label(node, alias, "zh" if not alias.isascii() else "en", LABEL_DOCUMENT + 1)
            if city.province_code:
                province = next((c for c in self.registries.cities if c.code == city.province_code), None)
                if province is not None and province.level == "province":
                    self.add(node, STDKG.inProvince, self.city(province))
        return node

    def organisation_node(self, node: URIRef, cls: URIRef) -> None:
        self.add(node, RDF.type, cls)
        self.add(node, RDF.type, ORG.Organization)

    def department(self, dept: Department) -> URIRef:
        node = ID[f"department/{dept.key}"]
        if self.once(node):
            self.organisation_node(node, STDKG.Department)
            self.add(node, STDKG.level, dept.kind)
            self.add(node, STDKG.inRegistry, True)
            self.label(node, dept.name_zh, "zh", LABEL_REGISTRY)
            self.label(node, dept.name_en, "en", LABEL_REGISTRY)
            for alias in dept.aliases:
                self.add(node, SKOS.altLabel, Literal(alias, lang="zh"))
            if dept.city:
                self.add(node, STDKG.locatedIn, self.city(self.registries.city(dept.city)))
        return node

    def unknown_department(self, name: str, city: Optional[City]) -> URIRef:
        scope = city.code if city is not None else "cn"
        node = ID[f"department/{scope.lower()}-{digest(normalise_name(name))}"]
        if self.once(node):
            self.organisation_node(node, STDKG.Department)
            self.add(node, STDKG.inRegistry, False)
            self.add(node, STDKG.asWritten, name)
            collective = re.search(r"^(各|相关|有关)|成员单位|等", name)
            self.add(node, STDKG.level, "collective" if collective else "department")
            self.label(node, name, "zh", LABEL_DOCUMENT)
            name_en, _generated = self.registries.english_name(name, city_short_name(city) if city else None)
            self.label(node, name_en, "en", LABEL_DOCUMENT)
            if city is not None:
                self.add(node, STDKG.locatedIn, self.city(city))
        return node

    def body(self, acronym: str) -> URIRef:
        """A standards body by its acronym (AFNOR, SAC), joined to the registry where it is listed."""
        node = ID[f"body/{slug(acronym)}"]
        if self.once(node):
            self.organisation_node(node, STDKG.StandardsBody)
            self.add(node, DCTERMS.identifier, acronym)
            self.label(node, acronym, "en", LABEL_REFERENCE)
        return node

    def committee(self, reference: str) -> URIRef:
        ref = normalise_committee_reference(reference)
        node = ID[f"committee/{slug(ref)}"]
        if self.once(node):
            self.organisation_node(node, STDKG.TechnicalCommittee)
            self.add(node, STDKG.reference, ref)
            self.add(node, DCTERMS.identifier, ref)
            self.label(node, ref, "en" if ref.isascii() else "zh", LABEL_REFERENCE)
            if re.match(r"^(ISO|IEC)", ref):
                self.add(node, STDKG.orgKind, "international")
        return node

    def standard(self, reference: str) -> URIRef:
        ref = normalise_standard_reference(reference)
        node = ID[f"standard/{slug(ref)}"]
        if self.once(node):
            self.add(node, RDF.type, STDKG.Standard)
            self.add(node, STDKG.reference, ref)
            self.add(node, DCTERMS.identifier, ref)
            self.label(node, ref, "en" if ref.isascii() else "zh", LABEL_REFERENCE)
            self.add(node, STDKG.standardKind, standard_kind(ref))
        return node

    def registry_organisation(self, org: Organisation) -> URIRef:
        cls = ORG_CLASSES[org.type]
        if cls == STDKG.TechnicalCommittee and org.external_id:
            node = self.committee(org.external_id)
        elif cls == STDKG.Standard and org.external_id:
            node = self.standard(org.external_id)
        elif cls == STDKG.StandardsBody:
            node = self.body(org.external_id or org.key)
        else:
            node = ID[f"{local_kind(cls)}/{org.key}"]
        if node in self._done and (node, STDKG.inRegistry, Literal(True)) in self.g:
            return node
        self._done.add(node)
        if cls == STDKG.Standard:
            self.add(node, RDF.type, cls)
        else:
            self.organisation_node(node, cls)
        self.add(node, STDKG.inRegistry, True)
        self.add(node, STDKG.orgKind, org.type)
        self.label(node, org.name_zh, "zh", LABEL_REGISTRY)
        self.label(node, org.name_en, "en", LABEL_REGISTRY)
        for alias in org.aliases:
            self.add(node, SKOS.altLabel, Literal(alias, lang="en" if alias.isascii() else "zh"))
        if org.city:
            self.add(node, STDKG.locatedIn, self.city(self.registries.city(org.city)))
        return node

    def unknown_organisation(self, name: str, org_type: str) -> URIRef:
        cls = ORG_CLASSES.get(org_type, STDKG.Enterprise)
        if cls == STDKG.TechnicalCommittee and _COMMITTEE_CODE.match(name):
            return self.committee(name)
        if cls == STDKG.Standard and _STANDARD_CODE.match(name):
            return self.standard(name)
        node = ID[f"{local_kind(cls)}/{digest(normalise_name(name))}"]
        if self.once(node):
            if cls == STDKG.Standard:
                self.add(node, RDF.type, cls)
            else:
                self.organisation_node(node, cls)
            self.add(node, STDKG.inRegistry, False)
            self.add(node, STDKG.orgKind, org_type)
            self.add(node, STDKG.asWritten, name)
            self.label(node, name, "en" if name.isascii() else "zh", LABEL_DOCUMENT)
        return node

    # reference registries

    def add_reference(self, reference) -> None:
        committees = {c.reference for c in reference.committees}
        for ics in reference.ics_codes:
            node = ID[f"ics/{ics.code}"]
            self.add(node, RDF.type, STDKG.IcsCode)
            self.add(node, DCTERMS.identifier, ics.code)
            self.add(node, SKOS.notation, ics.code)
            self.label(node, ics.title_en, "en", LABEL_REFERENCE)
            if ics.level:
                self.add(node, STDKG.level, ics.level)
            if ics.parent:
                self.add(node, STDKG.broaderIcs, ID[f"ics/{ics.parent}"])
        for c in reference.committees:
            node = self.committee(c.reference)
            if c.title_en:
                self.add(node, DCTERMS.title, Literal(c.title_en, lang="en"))
            if c.title_zh:
                self.label(node, c.title_zh, "zh", LABEL_REFERENCE)
            self.add(node, STDKG.committeeType, c.committee_type)
            self.add(node, STDKG.status, c.status)
            if c.created:
                self.add(node, DCTERMS.created, c.created)
            if c.source:
                self.add(node, DCTERMS.source, c.source)
            if c.parent and c.parent in committees:
                self.add(node, STDKG.subCommitteeOf, self.committee(c.parent))
            if c.secretariat and c.secretariat.isascii():
                self.add(node, STDKG.secretariat, self.body(c.secretariat))
            elif c.secretariat:
                self.add(node, STDKG.secretariat, self.secretariat_unit(c.secretariat))
            if c.external_id:
                self.add(node, STDKG.sameAs, URIRef(f"https://www.iso.org/committee/{c.external_id}.html"))
        for m in reference.memberships:
            node = ID[f"membership/{slug(m.committee)}--{slug(m.member_body)}"]
            self.add(node, RDF.type, STDKG.CommitteeMembership)
            self.add(node, ORG.member, self.body(m.member_body))
            self.add(node, ORG.organization, self.committee(m.committee))
            self.add(node, STDKG.membership, m.membership)
        for s in reference.standards:
            node = self.standard(s.reference)
            if s.title_en:
                self.add(node, DCTERMS.title, Literal(s.title_en, lang="en"))
            self.add(node, STDKG.status, s.status)
            if s.published:
                self.add(node, DCTERMS.issued, s.published)
            if s.deliverable_type:
                self.add(node, STDKG.orgKind, s.deliverable_type)
            if s.committee:
                self.add(self.committee(s.committee), STDKG.develops, node)
            for code in s.ics_codes:
                self.add(node, STDKG.classifiedAs, ID[f"ics/{code}"])
        known_codes = {c.code for c in self.registries.cities}
        for division in reference.admin_divisions:
            if division.code in known_codes:
                city = next(c for c in self.registries.cities if c.code == division.code)
                self.city(city)

    def secretariat_unit(self, name: str) -> URIRef:
        """The holder of a national committee's secretariat, as the reference names it (registry first)."""
        first = re.split(r"[；;]", name)[0].strip()
        org = self.registries.resolve_organisation(first)
        if org is not None:
            return self.registry_organisation(org)
        return self.unknown_organisation(first, "platform")

    # documents

    def evidence(self, prov: Optional[Provenance], plan: URIRef,
                 sections: dict[tuple[str, ...], URIRef]) -> Optional[URIRef]:
        if prov is None:
            return None
        key = digest(prov.rule, prov.evidence, path_text(prov.section_path))
        node = ID[f"evidence/{slug(prov.doc)}-{prov.start}-{prov.end}-{key}"]
        if self.once(node):
            self.add(node, RDF.type, STDKG.Evidence)
            self.add(node, PROV.hadPrimarySource, plan)
            self.add(node, STDKG.doc, prov.doc)
            self.add(node, STDKG.sectionPath, path_text(prov.section_path))
            self.add(node, STDKG.start, Literal(prov.start, datatype=XSD.integer))
            self.add(node, STDKG.end, Literal(prov.end, datatype=XSD.integer))
            self.add(node, STDKG.quote, prov.evidence)
            self.add(node, STDKG.rule, prov.rule)
            section = sections.get(tuple(prov.section_path))
            if section is not None:
                self.add(node, STDKG.evidenceSection, section)
        return node

    def supported(self, fact: URIRef, prov: Optional[Provenance], plan: URIRef, sections) -> None:
        ev = self.evidence(prov, plan, sections)
        if ev is not None:
            self.add(fact, PROV.wasDerivedFrom, ev)

    def unit(self, name: str, city: Optional[City]) -> URIRef:
        """A responsible unit named in a document of `city`: registry department or organisation, else a new department."""
        short = city_short_name(city) if city is not None else None
        dept = self.registries.resolve_department(name, short)
        if dept is not None:
            return self.department(dept)
        org = self.registries.resolve_organisation(name, short)
        if org is not None and org.type in ("enterprise", "platform", "alliance", "tc"):
            return self.registry_organisation(org)
        return self.unknown_department(name, city)

    def add_document(self, r: PolicyRecords) -> None:
        doc = slug(r.doc)
        city = self.registries.city(r.city or (r.plan.city if r.plan else None))
        plan = ID[f"plan/{doc}"]
        self.add(plan, RDF.type, STDKG.Plan)
        self.add(plan, STDKG.docId, r.doc)
        self.add(plan, DCTERMS.source, r.source)
        title = (r.plan.title if r.plan else None) or r.source
        self.add(plan, DCTERMS.title, Literal(title, lang="zh"))
        self.label(plan, title, "zh", LABEL_DOCUMENT)
        if city is not None:
            self.add(plan, STDKG.appliesTo, self.city(city))
        sections: dict[tuple[str, ...], URIRef] = {}
        for s in r.sections:
            sections[tuple(s.path)] = ID[f"section/{doc}-{digest(path_text(s.path))}"]
        if r.plan is not None:
            p = r.plan
            if p.date:
                self.add(plan, DCTERMS.issued, Literal(p.date, datatype=XSD.date) if _DATE.match(p.date) else p.date)
            self.add(plan, STDKG.docNumber, p.doc_number)
            if p.period_start is not None:
                self.add(plan, STDKG.periodStart, Literal(int(p.period_start), datatype=XSD.integer))
            if p.period_end is not None:
                self.add(plan, STDKG.periodEnd, Literal(int(p.period_end), datatype=XSD.integer))
            if p.issuer:
                for issuer in re.split(r"[、,，;；]", p.issuer):
                    if issuer.strip():
                        self.add(plan, STDKG.issuedBy, self.unit(issuer.strip(), city))
            self.supported(plan, p.provenance, plan, sections)
        for s in r.sections:
            node = sections[tuple(s.path)]
            self.add(node, RDF.type, STDKG.Section)
            self.add(node, STDKG.inPlan, plan)
            self.add(node, STDKG.sectionPath, path_text(s.path))
            self.add(node, STDKG.number, s.number)
            self.add(node, STDKG.depth, Literal(int(s.level), datatype=XSD.integer))
            self.add(node, DCTERMS.title, Literal(s.heading, lang="zh"))
            self.label(node, s.heading or s.number, "zh", LABEL_DOCUMENT)
            parent = sections.get(tuple(s.path[:-1])) if len(s.path) > 1 else None
            if parent is not None:
                self.add(node, STDKG.partOf, parent)
            self.supported(node, s.provenance, plan, sections)
        measures: dict[tuple[tuple[str, ...], str], URIRef] = {}
        for m in r.measures:
            measures[(tuple(m.section_path), m.task)] = self.measure(doc, plan, sections, m.section_path, m.number,
                                                                    m.task, m.provenance)
        responsibilities: list[tuple[tuple[str, ...], URIRef, str, URIRef, URIRef]] = []
        for x in r.responsibilities:
            measure = measures.get((tuple(x.measure_path), x.task))
            if measure is None:
                measure = self.measure(doc, plan, sections, x.measure_path, None, x.task, x.provenance)
                measures[(tuple(x.measure_path), x.task)] = measure
            unit = self.unit(x.department, city)
            node = ID[f"responsibility/{doc}-{digest(str(measure), str(unit), x.role)}"]
            self.add(node, RDF.type, STDKG.Responsibility)
            self.add(node, STDKG.department, unit)
            self.add(node, STDKG.measure, measure)
            self.add(node, STDKG.role, x.role)
            self.add(node, STDKG.asWritten, x.department)
            self.supported(node, x.provenance, plan, sections)
            responsibilities.append((tuple(x.measure_path), unit, x.role, measure, node))
        for t in r.targets:
            self.target(doc, plan, sections, t, responsibilities)
        for o in r.organisations:
            short = city_short_name(city) if city is not None else None
            found = self.registries.resolve_organisation(o.name, short)
            if found is None and o.type == "standard" and not _STANDARD_CODE.match(o.name) and is_plan_title(o.name):
                if not same_title(o.name, title):
                    self.add(plan, STDKG.cites, self.cited_plan(o.name))
                continue
            node = self.registry_organisation(found) if found is not None else self.unknown_organisation(o.name, o.type)
            if found is None:
                self.label(node, o.name, "en" if o.name.isascii() else "zh", LABEL_DOCUMENT)
            elif normalise_name(o.name) != normalise_name(found.name_zh):
                self.add(node, SKOS.altLabel, Literal(o.name, lang="en" if o.name.isascii() else "zh"))
            if (node, RDF.type, STDKG.Standard) in self.g:
                self.add(plan, STDKG.cites, node)
            section = sections.get(tuple(o.provenance.section_path)) if o.provenance else None
            self.add(node, STDKG.mentionedIn, section)
            self.supported(node, o.provenance, plan, sections)

    def cited_plan(self, title: str) -> URIRef:
        """A policy document a plan cites, keyed by its normalised title."""
        node = ID[f"plan/cited-{digest(normalise_name(title))}"]
        if self.once(node):
            self.add(node, RDF.type, STDKG.Plan)
            self.add(node, DCTERMS.title, Literal(title, lang="zh"))
            self.label(node, title, "zh", LABEL_DOCUMENT)
        return node

    def measure(self, doc: str, plan: URIRef, sections, path, number, task: str, prov) -> URIRef:
        node = ID[f"measure/{doc}-{digest(path_text(path), task)}"]
        if self.once(node):
            self.add(node, RDF.type, STDKG.Measure)
            self.add(node, STDKG.inPlan, plan)
            self.add(node, STDKG.task, task)
            self.add(node, STDKG.sectionPath, path_text(path))
            self.add(node, STDKG.number, number)
            self.label(node, task, "zh", LABEL_DOCUMENT)
            section = sections.get(tuple(path)) or sections.get(tuple(path[:-1]))
            self.add(node, STDKG.inSection, section)
        self.supported(node, prov, plan, sections)
        return node

    def target(self, doc: str, plan: URIRef, sections, t, responsibilities) -> None:
        path = tuple(t.provenance.section_path) if t.provenance else ()
        where = t.provenance.start if t.provenance else t.text
        node = ID[f"target/{doc}-{digest(path_text(path), where, t.metric, t.year, t.value)}"]
        self.add(node, RDF.type, STDKG.Target)
        self.add(node, STDKG.inPlan, plan)
        self.add(node, STDKG.text, t.text)
        self.add(node, STDKG.metric, t.metric)
        self.add(node, STDKG.value, Literal(Decimal(str(t.value)), datatype=XSD.decimal))
        self.add(node, STDKG.unit, t.unit or None)
        self.add(node, STDKG.comparator, t.comparator)
        if t.year is not None:
            self.add(node, STDKG.year, Literal(int(t.year), datatype=XSD.integer))
        self.add(node, STDKG.isFact, bool(t.is_fact))
        self.add(node, STDKG.note, t.note)
        self.add(node, STDKG.sectionPath, path_text(path))
        self.label(node, t.text, "zh", LABEL_DOCUMENT)
        self.add(node, STDKG.inSection, sections.get(path))
        self.supported(node, t.provenance, plan, sections)
        indicator = indicator_for(t.metric, self.indicators)
        if indicator is not None and not t.is_fact:
            ind = ID[f"indicator/{indicator.key}"]
            self.add(ind, RDF.type, STDKG.Indicator)
            self.label(ind, indicator.name_zh, "zh", LABEL_REGISTRY)
            self.label(ind, indicator.name_en, "en", LABEL_REGISTRY)
            self.add(node, STDKG.hasIndicator, ind)
        if t.is_fact or not path:
            return
        owners: dict[URIRef, list[tuple[int, str, URIRef, bool, URIRef]]] = {}
        for measure_path, unit, role, measure, responsibility in responsibilities:
            if measure_path[:len(path)] == path:
                asserted = measure_path == path
                owners.setdefault(unit, []).append((0 if asserted else 1, role, measure, asserted, responsibility))
        for unit, rows in owners.items():
            asserted = any(r[3] for r in rows)
            chosen = sorted(r for r in rows if r[3] == asserted)
            role = min((r[1] for r in chosen), key=lambda x: ROLE_STRENGTH[x])
            own = ID[f"ownership/{digest(str(node), str(unit))}"]
            self.add(own, RDF.type, STDKG.Ownership)
            self.add(own, STDKG.department, unit)
            self.add(own, STDKG.target, node)
            self.add(own, STDKG.role, role)
            self.add(own, STDKG.derived, not asserted)
            for _, _, measure, _, responsibility in chosen:
                self.add(own, STDKG.viaMeasure, measure)
                for ev in self.g.objects(responsibility, PROV.wasDerivedFrom):
                    self.add(own, PROV.wasDerivedFrom, ev)
            rule = ("clause closes the item stating the target" if asserted
                    else "derived: responsibility for a measure of the target's section")
            self.add(own, STDKG.rule, rule)


def local_kind(cls: URIRef) -> str:
    return {
        STDKG.TechnicalCommittee: "committee", STDKG.Alliance: "alliance", STDKG.Enterprise: "enterprise",
        STDKG.StandardsBody: "body", STDKG.Platform: "platform", STDKG.Standard: "standard",
    }[cls]


def standard_kind(reference: str) -> str:
    """international, national, industry, local, group or enterprise, read from the reference's prefix."""
    head = reference.split()[0].upper() if reference.split() else ""
    if head.startswith(("GB",)):
        return "national"
    if head.startswith("DB"):
        return "local"
    if head.startswith("T/"):
        return "group"
    if head.startswith("Q/"):
        return "enterprise"
    if re.match(r"^[A-Z]{2}/T$|^[A-Z]{2}$", head) and not re.match(r"^(EN|BS|NF|UL)$", head):
        return "industry"
    return "international"


def build_graph(documents: list[PolicyRecords], registries: Registries, reference=None) -> Graph:
    """One RDF graph from the policy records, the registries and (optionally) the reference registries."""
    builder = GraphBuilder(registries)
    if reference is not None:
        builder.add_reference(reference)
    for r in sorted(documents, key=lambda d: d.doc):
        builder.add_document(r)
    return builder.finish()
