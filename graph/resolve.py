"""Name resolution: the written names in records → the entities they mean.

A document of a city writes `市公安局`, `青岛港集团`, `ISO/TC 268` or
`质量发展纲要(2011—2020年)`; the `Resolver` turns each into an entity of
`stdkg.entities`: a registry department scoped to the document's place (a
registry city, else any province or prefecture of the admin-division list,
`stdkg.places`, read from the records' city, the issuer, title or 文号), a
registry organisation, a committee or standard by its normalised reference, a
cited plan, or — when no registry lists it — a written department of that city
with a rule-made English name. `resolve_document` does this for every name in a
document's records, so the RDF writer only writes what was resolved.
"""
from __future__ import annotations

import csv
import re
from dataclasses import dataclass
from pathlib import Path
from typing import Optional, Union

from stdkg.entities import (Body, CitedPlan, Committee, Indicator, ORG_CLASSES, Organisational, Place,
                            RegistryDepartment, RegistryOrganisation, Standard, Unit, WrittenDepartment,
                            WrittenOrganisation)
from stdkg.loaders.alliances import load_alliance_members
from stdkg.loaders.lineage import lineage_of, load_lineage
from stdkg.loaders.reference import normalise_committee_reference, normalise_standard_reference
from stdkg.loaders.registry import Registries, normalise_name
from stdkg.places import Gazetteer, shipped_divisions
from stdkg.records import (AdminDivision, City, CuratedMembership, Organisation, PolicyRecords, Provenance,
                           Reorganisation)
from stdkg.vocab import STDKG
from stdkg.vocabulary import REGISTRY_DIR

INDICATORS_PATH = REGISTRY_DIR / "indicators.csv"
UNIT_ORGANISATION_TYPES = ("enterprise", "platform", "alliance", "tc")

COMMITTEE_CODE = re.compile(r"^(ISO|IEC|ISO/IEC|SAC)\s*/\s*(TC|SC|JTC|PC)\s*\d+", re.I)
STANDARD_CODE = re.compile(r"^(ISO|IEC|ISO/IEC|IWA|ITU-T|GB|GB/T|GB/Z|DB\d*|T/)\s*[A-Z]*\s*\d", re.I)
_PLAN_TITLE = re.compile(r"(纲要|规划|计划|办法|意见|决定|条例|指引|通知|方案|制造2025)$")
_TRAILING_PERIOD = re.compile(r"[(（][^()（）]*[)）]$")
_ISSUER_SEPARATORS = re.compile(r"[、,，;；]")
_SECRETARIAT_SEPARATORS = re.compile(r"[；;]")
_LOCAL_WITHOUT_NAME = re.compile(r"^(中共)?[市省区县]")
_PLATFORM_NAME = re.compile(r"(院|所|中心|平台|基地|实验室)$")

Mention = Union[Organisational, CitedPlan, None]


def same_title(cited: str, title: str) -> bool:
    """The citing plan's own title, perhaps with its issuer in front or another dash (自引)."""
    fold = lambda t: re.sub(r"[—–－‐-]+", "-", normalise_name(t))
    a, b = fold(cited), fold(title)
    return bool(a and b) and (a == b or a.endswith(b) or b.endswith(a))


def is_plan_title(name: str) -> bool:
    """A cited document that is a policy (plan, outline, measures, opinion, regulation), not a standard."""
    return bool(_PLAN_TITLE.search(_TRAILING_PERIOD.sub("", name.strip()).strip()))


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
    """The first indicator whose pattern the metric matches (and whose exclusion it does not)."""
    return next((ind for ind in indicators if ind.matches(metric)), None)


@dataclass(frozen=True)
class Membership:
    """An alliance and one member, resolved, with the role and where it was read (span) or curated (source)."""

    alliance: Organisational
    member: Union[Organisational, RegistryDepartment, WrittenDepartment]
    role: str
    provenance: Optional[Provenance] = None
    source: Optional[str] = None


@dataclass(frozen=True)
class Succession:
    """A reorganisation with both departments resolved."""

    reorganisation: Reorganisation
    predecessor: RegistryDepartment
    successor: RegistryDepartment


@dataclass(frozen=True)
class ResolvedDocument:
    """A document's records with the entity each written name in them means.

    `units` has one entry per responsibility, `mentions` one per organisation mention
    (None: the plan citing itself), `indicators` one per target, `memberships` the alliance
    members read from the text or curated for an alliance it names, `successions` the
    reorganisations linking a registry department it names to its predecessors and successors.
    """

    records: PolicyRecords
    place: Optional[Place]
    title: str
    issuers: tuple[Unit, ...]
    units: tuple[Unit, ...]
    mentions: tuple[Mention, ...]
    indicators: tuple[Optional[Indicator], ...]
    memberships: tuple[Membership, ...] = ()
    successions: tuple[Succession, ...] = ()


class Resolver:
    """Written names → entities, by the curated registries, the admin-division list (shipped,
    else `divisions`) and the indicator table."""

    def __init__(self, registries: Registries, indicators: Optional[list[Indicator]] = None,
                 divisions: Optional[list[AdminDivision]] = None,
                 lineage: Optional[list[Reorganisation]] = None,
                 curated_members: Optional[list[CuratedMembership]] = None):
        self.registries = registries
        self.indicators = indicators if indicators is not None else load_indicators()
        self.lineage = lineage if lineage is not None else load_lineage(registries)
        self.curated_members = curated_members if curated_members is not None else load_alliance_members(registries)
        self.places = Gazetteer(registries, divisions if divisions is not None else shipped_divisions())
        self._registry_codes = {c.code for c in registries.cities}

    def place(self, city: Optional[City]) -> Optional[Place]:
        """The place entity of a city or province, with its province."""
        if city is None:
            return None
        province = self.places.city(city.province_code)
        if province is not None and province.level != "province":
            province = None
        return Place(city, self.place(province) if province is not None else None)

    def place_named(self, name: Optional[str]) -> Optional[Place]:
        """The place for any name of a registry city (`深圳`, `Shenzhen`, `440300`) or of a division (`唐山`)."""
        return self.place(self.places.named(name))

    def registry_place(self, code: str) -> Optional[Place]:
        """The registry place with this division code, or None."""
        return self.place(self.places.city(code)) if code in self._registry_codes else None

    def plan_place(self, r: PolicyRecords) -> Optional[Place]:
        """Where a plan applies: the city its records name, else the division its issuer or title
        names, else (for a local issuer that does not name its place) the one its document number
        abbreviates."""
        city = self.places.named(r.city or (r.plan.city if r.plan else None))
        p = r.plan
        if city is None and p is not None:
            city = self.places.in_text(p.issuer) or self.places.in_text(p.title)
            if city is None and (p.issuer is None or _LOCAL_WITHOUT_NAME.match(p.issuer)):
                city = self.places.by_doc_number(p.doc_number)
        return self.place(city)

    def committee(self, reference: str) -> Committee:
        return Committee(normalise_committee_reference(reference))

    def standard(self, reference: str) -> Standard:
        return Standard(normalise_standard_reference(reference))

    def registry_organisation(self, org: Organisation) -> RegistryOrganisation:
        cls = ORG_CLASSES[org.type]
        same: Union[Committee, Standard, Body, None] = None
        if cls == STDKG.TechnicalCommittee and org.external_id:
            same = self.committee(org.external_id)
        elif cls == STDKG.Standard and org.external_id:
            same = self.standard(org.external_id)
        elif cls == STDKG.StandardsBody:
            same = Body(org.external_id or org.key)
        return RegistryOrganisation(org, self.place_named(org.city), same)

    def written_organisation(self, name: str, org_type: str) -> Organisational:
        """An organisation no registry lists: a committee or standard when its name is a code."""
        cls = ORG_CLASSES.get(org_type, STDKG.Enterprise)
        if cls == STDKG.TechnicalCommittee and COMMITTEE_CODE.match(name):
            return self.committee(name)
        if cls == STDKG.Standard and STANDARD_CODE.match(name):
            return self.standard(name)
        return WrittenOrganisation(name, org_type)

    def unit(self, name: str, place: Optional[Place]) -> Unit:
        """A responsible unit named in a document of `place`: registry department or organisation,
        else a written department of that place."""
        short = place.short_name if place is not None else None
        dept = self.registries.resolve_department(name, short)
        if dept is not None:
            return RegistryDepartment(dept, self.place_named(dept.city))
        org = self.registries.resolve_organisation(name, short)
        if org is not None and org.type in UNIT_ORGANISATION_TYPES:
            return self.registry_organisation(org)
        name_en, generated = self.registries.english_name(name, short)
        return WrittenDepartment(name, place, name_en, generated)

    def secretariat(self, name: str) -> Organisational:
        """The holder of a committee's secretariat as the reference names it: a body by its acronym,
        else a registry organisation, else a written platform."""
        if name.isascii():
            return Body(name)
        first = _SECRETARIAT_SEPARATORS.split(name)[0].strip()
        org = self.registries.resolve_organisation(first)
        if org is not None:
            return self.registry_organisation(org)
        return self.written_organisation(first, "platform")

    def mention(self, name: str, org_type: str, place: Optional[Place], title: str) -> Mention:
        """An organisation mention: registry organisation, committee, standard, cited plan or written
        organisation; None for the plan citing its own title."""
        short = place.short_name if place is not None else None
        found = self.registries.resolve_organisation(name, short)
        if found is not None:
            return self.registry_organisation(found)
        if org_type == "standard" and not STANDARD_CODE.match(name) and is_plan_title(name):
            return None if same_title(name, title) else CitedPlan(name)
        return self.written_organisation(name, org_type)

    def member(self, name: str, place: Optional[Place], mentions: dict[str, str]) -> Union[Organisational, Unit]:
        """An alliance member as written: a registry organisation or department (of the document's
        place, else of the place its name starts with), else an organisation of the type the
        document's mentions give it (a platform for an institute or centre, else an enterprise)."""
        home = self.place(self.places.in_text(name)) or place
        for where in dict.fromkeys((home, place)):
            short = where.short_name if where is not None else None
            org = self.registries.resolve_organisation(name, short)
            if org is not None:
                return self.registry_organisation(org)
            dept = self.registries.resolve_department(name, short)
            if dept is not None:
                return RegistryDepartment(dept, self.place_named(dept.city))
        org_type = mentions.get(normalise_name(name)) or ("platform" if _PLATFORM_NAME.search(name) else "enterprise")
        return self.written_organisation(name, org_type)

    def memberships(self, r: PolicyRecords, place: Optional[Place], title: str,
                    mentions: tuple[Mention, ...]) -> tuple[Membership, ...]:
        """The alliance members the text names, and the curated members of each registry alliance it mentions."""
        types = {normalise_name(o.name): o.type for o in r.organisations}
        out = []
        for m in r.alliance_members:
            alliance = self.mention(m.alliance, "alliance", place, title)
            if alliance is not None and not isinstance(alliance, CitedPlan):
                out.append(Membership(alliance, self.member(m.member, place, types), m.role, m.provenance))
        named = {e.organisation.key: e for e in mentions if isinstance(e, RegistryOrganisation)}
        for c in self.curated_members:
            if c.alliance in named:
                out.append(Membership(named[c.alliance], self.member(c.member, None, types), c.role, source=c.source))
        return tuple(out)

    def successions(self, units: tuple) -> tuple[Succession, ...]:
        """The reorganisations linking the registry departments among `units`, transitively."""
        keys = [u.department.key for u in units if isinstance(u, RegistryDepartment)]
        dept = self.registries.department
        return tuple(Succession(r, RegistryDepartment(dept(r.predecessor), self.place_named(dept(r.predecessor).city)),
                                RegistryDepartment(dept(r.successor), self.place_named(dept(r.successor).city)))
                     for r in lineage_of(keys, self.lineage))

    def document(self, r: PolicyRecords) -> ResolvedDocument:
        """Every written name of one document's records, resolved."""
        place = self.plan_place(r)
        title = (r.plan.title if r.plan else None) or r.source
        issuers: list[Unit] = []
        if r.plan is not None and r.plan.issuer:
            issuers = [self.unit(i.strip(), place) for i in _ISSUER_SEPARATORS.split(r.plan.issuer) if i.strip()]
        units = tuple(self.unit(x.department, place) for x in r.responsibilities)
        mentions = tuple(self.mention(o.name, o.type, place, title) for o in r.organisations)
        memberships = self.memberships(r, place, title, mentions)
        return ResolvedDocument(
            records=r, place=place, title=title, issuers=tuple(issuers), units=units, mentions=mentions,
            indicators=tuple(indicator_for(t.metric, self.indicators) for t in r.targets),
            memberships=memberships,
            successions=self.successions(tuple(issuers) + units + tuple(m.member for m in memberships)),
        )


def resolve_documents(documents: list[PolicyRecords], resolver: Resolver) -> list[ResolvedDocument]:
    """The documents in build order (by document id), each with its names resolved."""
    return [resolver.document(r) for r in sorted(documents, key=lambda d: d.doc)]

