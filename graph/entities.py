"""The entities of the graph: what a written name in a record resolves to, and its labels.

An entity is a value: the registry record or written name it stands for and the
IRI minted from its key (`stdkg.iris`). `stdkg.resolve` makes them from records;
`stdkg.graph_writer` writes each one's describing triples once. Labels are
arbitrated here: every source proposes labels with a priority (registry before
reference before document), and per node and language the best proposal becomes
the `skos:prefLabel`, the other proposals `skos:altLabel`s.
"""
from __future__ import annotations

import re
from dataclasses import dataclass
from enum import IntEnum
from typing import Optional, Union

from rdflib import URIRef

from stdkg.iris import mint
from stdkg.loaders.registry import city_short_name, normalise_name
from stdkg.records import City, Department, Organisation
from stdkg.vocab import STDKG


class Priority(IntEnum):
    """Where a label comes from; the lowest wins the prefLabel. GENERATED is a rule-made English guess
    (`stdkg.loaders.english_names`, `english_titles`): a node whose English prefLabel is one is marked
    `stdkg:englishGenerated`."""

    REGISTRY = 0
    REFERENCE = 1
    DOCUMENT = 2
    ALIAS = 3
    GENERATED = 4


ORG_CLASSES = {
    "tc": STDKG.TechnicalCommittee,
    "alliance": STDKG.Alliance,
    "enterprise": STDKG.Enterprise,
    "intl_body": STDKG.StandardsBody,
    "standards_body": STDKG.StandardsBody,
    "platform": STDKG.Platform,
    "other": STDKG.Institution,
    "standard": STDKG.Standard,
}
CLASS_SEGMENTS = {
    STDKG.TechnicalCommittee: "committee", STDKG.Alliance: "alliance", STDKG.Enterprise: "enterprise",
    STDKG.StandardsBody: "body", STDKG.Platform: "platform", STDKG.Institution: "institution", STDKG.Standard: "standard",
}
_COLLECTIVE = re.compile(r"^(各|相关|有关)|成员单位|等")


@dataclass(frozen=True)
class Place:
    """A city or province of the registry."""

    city: City
    province: Optional["Place"] = None

    @property
    def iri(self) -> URIRef:
        return mint("province" if self.is_province else "city", code=self.city.code)

    @property
    def is_province(self) -> bool:
        return self.city.level == "province"

    @property
    def short_name(self) -> str:
        return city_short_name(self.city)


@dataclass(frozen=True)
class RegistryDepartment:
    """A government department listed in departments.csv."""

    department: Department
    place: Optional[Place]

    @property
    def iri(self) -> URIRef:
        return mint("department", key=self.department.key)


@dataclass(frozen=True)
class WrittenDepartment:
    """A responsible unit no registry lists, keyed by its name within its city (or the country).

    `name_en` is a rule-made rendering when `generated` is true.
    """

    name: str
    place: Optional[Place]
    name_en: str
    generated: bool

    @property
    def iri(self) -> URIRef:
        return mint("written-department", scope=self.place.city.code if self.place else "cn", name=self.name)

    @property
    def collective(self) -> bool:
        """`各区政府`, `相关部门`, `领导小组成员单位`: a group of units, not one."""
        return bool(_COLLECTIVE.search(self.name))


@dataclass(frozen=True)
class Body:
    """A standards body by its acronym (AFNOR, SAC)."""

    acronym: str

    @property
    def iri(self) -> URIRef:
        return mint("body", acronym=self.acronym)


@dataclass(frozen=True)
class Committee:
    """A technical committee by its normalised reference (`ISO/TC 268`, `SAC/TC 567`)."""

    reference: str

    @property
    def iri(self) -> URIRef:
        return mint("committee", reference=self.reference)

    @property
    def international(self) -> bool:
        return bool(re.match(r"^(ISO|IEC)", self.reference))


@dataclass(frozen=True)
class Standard:
    """A standard by its normalised base reference (`ISO 37120`, `GB/T 19001`)."""

    reference: str

    @property
    def iri(self) -> URIRef:
        return mint("standard", reference=self.reference)

    @property
    def kind(self) -> str:
        return standard_kind(self.reference)


@dataclass(frozen=True)
class RegistryOrganisation:
    """An organisation listed in organisations.csv; `same` is the committee, standard or body
    node it is (joined by its external id), when it is one."""

    organisation: Organisation
    place: Optional[Place]
    same: Union[Committee, Standard, Body, None] = None

    @property
    def cls(self) -> URIRef:
        return ORG_CLASSES[self.organisation.type]

    @property
    def iri(self) -> URIRef:
        if self.same is not None:
            return self.same.iri
        return mint("registry-organisation", segment=CLASS_SEGMENTS[self.cls], key=self.organisation.key)

    def written_otherwise(self, name: str) -> bool:
        """A document names it other than by its registry name (a form worth keeping as an altLabel)."""
        return normalise_name(name) != normalise_name(self.organisation.name_zh)


@dataclass(frozen=True)
class WrittenOrganisation:
    """An organisation named in a document or the reference that no registry lists."""

    name: str
    org_type: str

    @property
    def cls(self) -> URIRef:
        return ORG_CLASSES.get(self.org_type, STDKG.Enterprise)

    @property
    def iri(self) -> URIRef:
        return mint("written-organisation", segment=CLASS_SEGMENTS[self.cls], name=self.name)


@dataclass(frozen=True)
class CitedPlan:
    """A policy document a plan cites by its title."""

    title: str

    @property
    def iri(self) -> URIRef:
        return mint("cited-plan", title=self.title)


@dataclass(frozen=True)
class Indicator:
    """A comparable indicator of indicators.csv that target metrics map to."""

    key: str
    name_zh: str
    name_en: str
    pattern: re.Pattern
    exclude: Optional[re.Pattern]

    @property
    def iri(self) -> URIRef:
        return mint("indicator", key=self.key)

    def matches(self, metric: str) -> bool:
        return bool(self.pattern.search(metric)) and not (self.exclude and self.exclude.search(metric))


Unit = Union[RegistryDepartment, RegistryOrganisation, WrittenDepartment]
Organisational = Union[RegistryOrganisation, WrittenOrganisation, Committee, Standard, Body]
Entity = Union[Place, RegistryDepartment, WrittenDepartment, Body, Committee, Standard, RegistryOrganisation,
               WrittenOrganisation, CitedPlan, Indicator]


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


CODE = "x-code"
"""The proposal key of a code that names its node in answers (a standard's or committee's reference)."""


class Labels:
    """Label proposals per node and language; `choose` gives the prefLabel and the altLabels, `display_names`
    the one name answers show for each node. A proposal under `CODE` is a naming code, not a label."""

    def __init__(self) -> None:
        self._candidates: dict[tuple[URIRef, str], set[tuple[int, str]]] = {}

    def propose(self, node: URIRef, text: Optional[str], lang: str, priority: Priority) -> None:
        if text:
            self._candidates.setdefault((node, lang), set()).add((int(priority), text.strip()))

    @property
    def candidates(self) -> dict[tuple[URIRef, str], set[tuple[int, str]]]:
        """Every proposal: (node, lang) → {(priority, text)}."""
        return self._candidates

    @classmethod
    def of(cls, candidates: dict[tuple[URIRef, str], set[tuple[int, str]]]) -> "Labels":
        """Labels holding these proposals (merged from several sources)."""
        labels = cls()
        labels._candidates = candidates
        return labels

    def choose(self):
        """(node, lang, prefLabel, altLabels) per node and language, in node order: the best-priority
        proposal (the first in code-point order among equals) is preferred, the other texts are alternatives."""
        for (node, lang), candidates in sorted(self._candidates.items()):
            if lang == CODE:
                continue
            ordered = sorted(candidates)
            preferred = ordered[0][1]
            yield node, lang, preferred, [text for _, text in ordered[1:] if text != preferred]

    def display_names(self):
        """(node, name) per node, in node order: its naming code if it has one, else its Chinese prefLabel,
        else its English one."""
        best: dict[URIRef, dict[str, str]] = {}
        for (node, lang), candidates in sorted(self._candidates.items()):
            best.setdefault(node, {})[lang] = min(candidates)[1]
        for node, by_lang in best.items():
            name = by_lang.get(CODE) or by_lang.get("zh") or by_lang.get("en")
            if name:
                yield node, name

    def generated_english(self):
        """The nodes whose English prefLabel is a GENERATED proposal (no better one exists), in node order."""
        for (node, lang), candidates in sorted(self._candidates.items()):
            if lang == "en" and min(candidates)[0] == Priority.GENERATED:
                yield node
