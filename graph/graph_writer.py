"""The RDF graph being written: triples, entity descriptions written once, labels chosen at the end.

`GraphWriter.node(entity)` returns the entity's IRI and, the first time it is
seen, adds its describing triples (class, identifiers, place, labels). Labels
are proposals (`stdkg.entities.Labels`) until `finish`, which turns them into
one prefLabel per node and language.
"""
from __future__ import annotations

from functools import singledispatchmethod
from typing import Optional

from rdflib import RDF, Graph, Literal, Namespace, URIRef
from rdflib.namespace import DCTERMS, ORG, PROV, SKOS

from stdkg.entities import (CODE, Body, CitedPlan, Committee, Indicator, Labels, Place, Priority, RegistryDepartment,
                            RegistryOrganisation, Standard, WrittenDepartment, WrittenOrganisation)
from stdkg.iris import ID
from stdkg.loaders.english_titles import english_organisation_name_for, english_title_for
from stdkg.vocab import STDKG


def language(text: str) -> str:
    """`en` for ASCII text, else `zh`."""
    return "en" if text.isascii() else "zh"


class GraphWriter:
    """Accumulates triples; each entity is described the first time it is written."""

    def __init__(self) -> None:
        self.g = Graph()
        for prefix, ns in (("stdkg", STDKG._NS), ("id", ID), ("skos", SKOS), ("org", ORG), ("prov", PROV),
                           ("dcterms", DCTERMS)):
            self.g.bind(prefix, ns)
        self.labels = Labels()
        self._done: set[URIRef] = set()
        self._in_registry: set[URIRef] = set()

    def add(self, s, p, o) -> None:
        if o is None:
            return
        if not isinstance(o, (URIRef, Literal)):
            o = Literal(o)
        self.g.add((s, p, o))

    def label(self, node: URIRef, text: Optional[str], lang: str, priority: Priority) -> None:
        self.labels.propose(node, text, lang, priority)

    def once(self, node: URIRef) -> bool:
        """True the first time a node is seen (its describing triples are then added)."""
        if node in self._done:
            return False
        self._done.add(node)
        return True

    def finish(self) -> Graph:
        generated = set(self.labels.generated_english())
        for node, lang, preferred, alternatives in self.labels.choose():
            self.g.add((node, SKOS.prefLabel, Literal(preferred, lang=lang)))
            for text in alternatives:
                self.g.add((node, SKOS.altLabel, Literal(text, lang=lang)))
            if lang == "en":
                self.g.add((node, STDKG.displayEn, Literal(f"{preferred} [generated]" if node in generated else preferred)))
        for node in sorted(generated):
            self.g.add((node, STDKG.englishGenerated, Literal(True)))
        for node, name in self.labels.display_names():
            self.g.add((node, STDKG.displayName, Literal(name)))
        return self.g

    def organisation(self, node: URIRef, cls: URIRef) -> None:
        self.add(node, RDF.type, cls)
        if cls != STDKG.Standard:
            self.add(node, RDF.type, ORG.Organization)

    def is_standard(self, node: URIRef) -> bool:
        return (node, RDF.type, STDKG.Standard) in self.g

    @singledispatchmethod
    def node(self, entity) -> URIRef:
        """The entity's IRI, its describing triples added the first time."""
        raise TypeError(f"not an entity: {entity!r}")

    @node.register
    def _place(self, place: Place) -> URIRef:
        node, city = place.iri, place.city
        if self.once(node):
            self.add(node, RDF.type, STDKG.Province if place.is_province else STDKG.City)
            self.add(node, DCTERMS.identifier, city.code)
            self.add(node, STDKG.level, city.level)
            if not place.is_province:
                self.add(node, STDKG.shortName, place.short_name)
            if city.code.isdigit():
                self.add(node, STDKG.sameAs, URIRef(f"urn:cn:gb2260:{city.code}"))
            self.label(node, city.name_zh, "zh", Priority.REGISTRY)
            self.label(node, city.name_en, "en", Priority.REGISTRY)
            for alias in city.aliases:
                self.label(node, alias, language(alias), Priority.ALIAS)
            if place.province is not None:
                self.add(node, STDKG.inProvince, self.node(place.province))
        return node

    @node.register
    def _department(self, unit: RegistryDepartment) -> URIRef:
        node, dept = unit.iri, unit.department
        if self.once(node):
            self.organisation(node, STDKG.Department)
            self.add(node, STDKG.level, dept.kind)
            self.add(node, STDKG.inRegistry, True)
            self.label(node, dept.name_zh, "zh", Priority.REGISTRY)
            self.label(node, dept.name_en, "en", Priority.REGISTRY)
            for alias in dept.aliases:
                self.add(node, SKOS.altLabel, Literal(alias, lang="zh"))
            if unit.place is not None:
                self.add(node, STDKG.locatedIn, self.node(unit.place))
        return node

    @node.register
    def _written_department(self, unit: WrittenDepartment) -> URIRef:
        node = unit.iri
        if self.once(node):
            self.organisation(node, STDKG.Department)
            self.add(node, STDKG.inRegistry, False)
            self.add(node, STDKG.asWritten, unit.name)
            self.add(node, STDKG.level, "collective" if unit.collective else "department")
            self.label(node, unit.name, "zh", Priority.DOCUMENT)
            self.label(node, unit.name_en, "en", Priority.GENERATED if unit.generated else Priority.DOCUMENT)
            if unit.place is not None:
                self.add(node, STDKG.locatedIn, self.node(unit.place))
        return node

    @node.register
    def _body(self, body: Body) -> URIRef:
        node = body.iri
        if self.once(node):
            self.organisation(node, STDKG.StandardsBody)
            self.add(node, DCTERMS.identifier, body.acronym)
            self.label(node, body.acronym, "en", Priority.REFERENCE)
        return node

    @node.register
    def _committee(self, committee: Committee) -> URIRef:
        node, ref = committee.iri, committee.reference
        if self.once(node):
            self.organisation(node, STDKG.TechnicalCommittee)
            self.add(node, STDKG.reference, ref)
            self.add(node, DCTERMS.identifier, ref)
            self.label(node, ref, language(ref), Priority.REFERENCE)
            self.label(node, ref, CODE, Priority.REFERENCE)
            if language(ref) == "zh":
                self.label(node, english_organisation_name_for(ref), "en", Priority.GENERATED)
            if committee.international:
                self.add(node, STDKG.orgKind, "international")
        return node

    @node.register
    def _standard(self, standard: Standard) -> URIRef:
        node, ref = standard.iri, standard.reference
        if self.once(node):
            self.add(node, RDF.type, STDKG.Standard)
            self.add(node, STDKG.reference, ref)
            self.add(node, DCTERMS.identifier, ref)
            self.label(node, ref, language(ref), Priority.REFERENCE)
            self.label(node, ref, CODE, Priority.REFERENCE)
            if language(ref) == "zh":
                self.label(node, english_title_for(ref), "en", Priority.GENERATED)
            self.add(node, STDKG.standardKind, standard.kind)
        return node

    @node.register
    def _registry_organisation(self, entity: RegistryOrganisation) -> URIRef:
        if entity.same is not None:
            self.node(entity.same)
        node, org = entity.iri, entity.organisation
        if node in self._in_registry:
            return node
        self._in_registry.add(node)
        self._done.add(node)
        self.organisation(node, entity.cls)
        self.add(node, STDKG.inRegistry, True)
        self.add(node, STDKG.orgKind, org.type)
        self.label(node, org.name_zh, "zh", Priority.REGISTRY)
        self.label(node, org.name_en, "en", Priority.REGISTRY)
        for alias in org.aliases:
            self.add(node, SKOS.altLabel, Literal(alias, lang=language(alias)))
        if entity.place is not None:
            self.add(node, STDKG.locatedIn, self.node(entity.place))
        return node

    @node.register
    def _written_organisation(self, entity: WrittenOrganisation) -> URIRef:
        node = entity.iri
        if self.once(node):
            self.organisation(node, entity.cls)
            self.add(node, STDKG.inRegistry, False)
            self.add(node, STDKG.orgKind, entity.org_type)
            self.add(node, STDKG.asWritten, entity.name)
            self.label(node, entity.name, language(entity.name), Priority.DOCUMENT)
            if language(entity.name) == "zh":
                english = english_title_for if entity.cls == STDKG.Standard else english_organisation_name_for
                self.label(node, english(entity.name), "en", Priority.GENERATED)
        return node

    @node.register
    def _cited_plan(self, plan: CitedPlan) -> URIRef:
        node = plan.iri
        if self.once(node):
            self.add(node, RDF.type, STDKG.Plan)
            self.add(node, DCTERMS.title, Literal(plan.title, lang="zh"))
            self.label(node, plan.title, "zh", Priority.DOCUMENT)
            self.label(node, english_title_for(plan.title), "en", Priority.GENERATED)
        return node

    @node.register
    def _indicator(self, indicator: Indicator) -> URIRef:
        node = indicator.iri
        self.add(node, RDF.type, STDKG.Indicator)
        self.label(node, indicator.name_zh, "zh", Priority.REGISTRY)
        self.label(node, indicator.name_en, "en", Priority.REGISTRY)
        return node
