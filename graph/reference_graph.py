"""The reference registries into the graph: ICS codes, committees with their secretariats and
memberships, standards with their committees and ICS classes, and the registry's places."""
from __future__ import annotations

from rdflib import RDF, Literal, URIRef
from rdflib.namespace import DCTERMS, ORG, SKOS

from stdkg.entities import Body, Priority
from stdkg.graph_writer import GraphWriter
from stdkg.iris import mint
from stdkg.loaders.reference import Reference
from stdkg.resolve import Resolver
from stdkg.vocab import STDKG


def add_reference(writer: GraphWriter, reference: Reference, resolver: Resolver) -> None:
    """Write every reference record, resolving committee references and secretariat names."""
    add = writer.add
    for ics in reference.ics_codes:
        node = mint("ics", code=ics.code)
        add(node, RDF.type, STDKG.IcsCode)
        add(node, DCTERMS.identifier, ics.code)
        add(node, SKOS.notation, ics.code)
        writer.label(node, ics.title_en, "en", Priority.REFERENCE)
        if ics.level:
            add(node, STDKG.level, ics.level)
        if ics.parent:
            add(node, STDKG.broaderIcs, mint("ics", code=ics.parent))
    committees = {c.reference for c in reference.committees}
    for c in reference.committees:
        node = writer.node(resolver.committee(c.reference))
        if c.title_en:
            add(node, DCTERMS.title, Literal(c.title_en, lang="en"))
        if c.title_zh:
            writer.label(node, c.title_zh, "zh", Priority.REFERENCE)
        add(node, STDKG.committeeType, c.committee_type)
        add(node, STDKG.status, c.status)
        if c.created:
            add(node, DCTERMS.created, c.created)
        if c.source:
            add(node, DCTERMS.source, c.source)
        if c.parent and c.parent in committees:
            add(node, STDKG.subCommitteeOf, writer.node(resolver.committee(c.parent)))
        if c.secretariat:
            add(node, STDKG.secretariat, writer.node(resolver.secretariat(c.secretariat)))
        if c.external_id:
            add(node, STDKG.sameAs, URIRef(f"https://www.iso.org/committee/{c.external_id}.html"))
    counts: dict = {}
    for m in reference.memberships:
        node = mint("membership", committee=m.committee, member=m.member_body)
        tally = counts.setdefault(m.committee, {"P": 0, "O": 0})
        tally[m.membership] = tally.get(m.membership, 0) + 1
        add(node, RDF.type, STDKG.CommitteeMembership)
        add(node, ORG.member, writer.node(Body(m.member_body)))
        add(node, ORG.organization, writer.node(resolver.committee(m.committee)))
        add(node, STDKG.membership, m.membership)
    for committee, tally in sorted(counts.items()):
        node = writer.node(resolver.committee(committee))
        add(node, STDKG.participatingMembers, Literal(tally["P"]))
        add(node, STDKG.observingMembers, Literal(tally["O"]))
    for s in reference.standards:
        node = writer.node(resolver.standard(s.reference))
        if s.title_en:
            add(node, DCTERMS.title, Literal(s.title_en, lang="en"))
        add(node, STDKG.status, s.status)
        if s.published:
            add(node, DCTERMS.issued, s.published)
        if s.deliverable_type:
            add(node, STDKG.orgKind, s.deliverable_type)
        if s.committee:
            add(writer.node(resolver.committee(s.committee)), STDKG.develops, node)
        for code in s.ics_codes:
            add(node, STDKG.classifiedAs, mint("ics", code=code))
    for division in reference.admin_divisions:
        place = resolver.registry_place(division.code)
        if place is not None:
            writer.node(place)
