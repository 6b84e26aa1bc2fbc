"""Typed terms of the stdkg ontology. Generated from schema.ttl by `python -m stdkg.schema`; do not edit."""
from rdflib.namespace import DefinedNamespace, Namespace
from rdflib.term import URIRef


class STDKG(DefinedNamespace):
    """The stdkg ontology: classes, properties and property-graph annotations."""

    _fail = True
    _NS = Namespace("https://w3id.org/stdkg/ontology#")

    Achievement: URIRef
    Alliance: URIRef
    AllianceMembership: URIRef
    City: URIRef
    CommitteeMembership: URIRef
    Department: URIRef
    Enterprise: URIRef
    Evidence: URIRef
    IcsCode: URIRef
    Indicator: URIRef
    Institution: URIRef
    Measure: URIRef
    Ownership: URIRef
    Plan: URIRef
    Platform: URIRef
    Province: URIRef
    Reorganisation: URIRef
    Responsibility: URIRef
    Section: URIRef
    Standard: URIRef
    StandardsBody: URIRef
    Target: URIRef
    TechnicalCommittee: URIRef
    appliesTo: URIRef
    asWritten: URIRef
    basis: URIRef
    broaderIcs: URIRef
    changeKind: URIRef
    cites: URIRef
    classifiedAs: URIRef
    committeeType: URIRef
    comparator: URIRef
    department: URIRef
    depth: URIRef
    derived: URIRef
    develops: URIRef
    displayEn: URIRef
    displayName: URIRef
    doc: URIRef
    docId: URIRef
    docNumber: URIRef
    end: URIRef
    englishGenerated: URIRef
    evidenceSection: URIRef
    hasIndicator: URIRef
    hasMember: URIRef
    inPlan: URIRef
    inProvince: URIRef
    inRegistry: URIRef
    inSection: URIRef
    isFact: URIRef
    issuedBy: URIRef
    level: URIRef
    locatedIn: URIRef
    measure: URIRef
    membership: URIRef
    mentionedIn: URIRef
    metric: URIRef
    metricEn: URIRef
    note: URIRef
    number: URIRef
    observingMembers: URIRef
    orgKind: URIRef
    partOf: URIRef
    participatingMembers: URIRef
    periodEnd: URIRef
    periodStart: URIRef
    pgKey: URIRef
    pgLabel: URIRef
    pgSource: URIRef
    pgTarget: URIRef
    pgType: URIRef
    quote: URIRef
    reference: URIRef
    role: URIRef
    rule: URIRef
    sameAs: URIRef
    secretariat: URIRef
    sectionPath: URIRef
    shortName: URIRef
    standardKind: URIRef
    start: URIRef
    status: URIRef
    subCommitteeOf: URIRef
    target: URIRef
    task: URIRef
    text: URIRef
    unit: URIRef
    value: URIRef
    viaMeasure: URIRef
    year: URIRef
    yearFrom: URIRef


ID_BASE = "https://w3id.org/stdkg/id/"
