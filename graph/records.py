"""The record model: typed facts read out of documents and registries.

This is the ground floor of stdkg. It imports nothing of the project's own.
Loaders produce these records; the graph build consumes them. Every record
read from a policy document carries a `Provenance` that points back to the
document, the section and the character span of the normalised text.
"""
from __future__ import annotations

from dataclasses import asdict, dataclass, field, fields
from typing import Any, Literal, Optional

Role = Literal["lead", "participant", "shared"]
Comparator = Literal[">=", "<=", "="]
# other: universities, associations, societies, chambers of commerce and federations (the gold `other` type).
OrgType = Literal["tc", "alliance", "enterprise", "standard", "intl_body", "platform", "other"]

ROLES: tuple[str, ...] = ("lead", "participant", "shared")
COMPARATORS: tuple[str, ...] = (">=", "<=", "=")
ORG_TYPES: tuple[str, ...] = ("tc", "alliance", "enterprise", "standard", "intl_body", "platform", "other")


@dataclass(frozen=True)
class Provenance:
    """Where a fact was read: document, section path and span of the normalised text, and for a
    paged document (PDF, OFD) the page the span starts on (from 1)."""

    doc: str
    section_path: tuple[str, ...]
    start: int
    end: int
    evidence: str
    rule: str
    page: Optional[int] = None

    def to_dict(self) -> dict[str, Any]:
        d = asdict(self)
        d["section_path"] = list(self.section_path)
        if self.page is None:
            del d["page"]
        return d

    @classmethod
    def from_dict(cls, d: dict[str, Any]) -> "Provenance":
        return cls(
            doc=d["doc"],
            section_path=tuple(d.get("section_path") or ()),
            start=int(d["start"]),
            end=int(d["end"]),
            evidence=d["evidence"],
            rule=d["rule"],
            page=int(d["page"]) if d.get("page") is not None else None,
        )


@dataclass(frozen=True)
class Plan:
    """A policy document: the plan, outline, opinion or notice itself."""

    doc: str
    title: str
    city: Optional[str]
    issuer: Optional[str] = None
    date: Optional[str] = None
    doc_number: Optional[str] = None
    period_start: Optional[int] = None
    period_end: Optional[int] = None
    provenance: Optional[Provenance] = None


@dataclass(frozen=True)
class Section:
    """A node of the numbering tree (一、 / (一) / 1. / (1) / 第X条 / 标准化+X)."""

    doc: str
    path: tuple[str, ...]
    number: str
    heading: str
    level: int
    start: int
    end: int
    provenance: Optional[Provenance] = None


@dataclass(frozen=True)
class Measure:
    """A numbered measure or item; `task` is its title (text before the first 。)."""

    doc: str
    section_path: tuple[str, ...]
    number: str
    task: str
    provenance: Provenance


@dataclass(frozen=True)
class Responsibility:
    """One unit named by a responsibility clause, with its role, for one measure."""

    doc: str
    task: str
    measure_path: tuple[str, ...]
    department: str
    role: Role
    provenance: Provenance


@dataclass(frozen=True)
class Target:
    """A quantitative goal (or, with `is_fact`, an achievement already reached)."""

    doc: str
    text: str
    metric: str
    value: float
    unit: str
    comparator: Comparator
    year: Optional[int]
    section: str
    provenance: Provenance
    is_fact: bool = False
    note: Optional[str] = None


@dataclass(frozen=True)
class OrganisationMention:
    """A named organisation other than a government department, as written."""

    doc: str
    name: str
    type: OrgType
    provenance: Provenance
    series: bool = False
    """True when every mention of this standard's code names its family (ISO 37000系列, ISO 9000族), not the
    standard of that number; the graph then links no standard to it."""


@dataclass(frozen=True)
class AllianceMembership:
    """An organisation the text names as a founder or member of an alliance, both as written."""

    doc: str
    alliance: str
    member: str
    role: Literal["founder", "member"]
    provenance: Provenance


@dataclass(frozen=True)
class Issue:
    """A problem met while reading a document: repaired, uncertain, or fatal."""

    doc: str
    severity: Literal["info", "warning", "error"]
    message: str
    start: Optional[int] = None
    end: Optional[int] = None


@dataclass
class PolicyRecords:
    """Everything read out of one policy document, with the normalised text it points into."""

    doc: str
    source: str
    city: Optional[str]
    text: str
    plan: Optional[Plan] = None
    sections: list[Section] = field(default_factory=list)
    measures: list[Measure] = field(default_factory=list)
    responsibilities: list[Responsibility] = field(default_factory=list)
    targets: list[Target] = field(default_factory=list)
    organisations: list[OrganisationMention] = field(default_factory=list)
    alliance_members: list[AllianceMembership] = field(default_factory=list)
    issues: list[Issue] = field(default_factory=list)
    original_text: Optional[str] = None
    offset_map: Optional[list[int]] = None

    def to_dict(self, *, include_text: bool = False) -> dict[str, Any]:
        """The JSON shape of `stdkg extract`: the gold fields plus provenance on every row."""
        return records_to_dict(self, include_text=include_text)


def _prov(p: Optional[Provenance]) -> Optional[dict[str, Any]]:
    return p.to_dict() if p is not None else None


def records_to_dict(r: PolicyRecords, *, include_text: bool = False) -> dict[str, Any]:
    out: dict[str, Any] = {
        "doc": r.doc,
        "source": r.source,
        "city": r.city,
        "plan": None,
        "ownership": [
            {
                "task": x.task,
                "department": x.department,
                "role": x.role,
                "measure_path": list(x.measure_path),
                "provenance": _prov(x.provenance),
            }
            for x in r.responsibilities
        ],
        "targets": [_target_dict(t) for t in r.targets if not t.is_fact],
        "facts": [_target_dict(t) for t in r.targets if t.is_fact],
        "organisations": [
            {"name": o.name, "type": o.type, "provenance": _prov(o.provenance), **({"series": True} if o.series else {})}
            for o in r.organisations
        ],
        "sections": [
            {
                "path": list(s.path),
                "number": s.number,
                "heading": s.heading,
                "level": s.level,
                "start": s.start,
                "end": s.end,
            }
            for s in r.sections
        ],
        "measures": [
            {
                "section_path": list(m.section_path),
                "number": m.number,
                "task": m.task,
                "provenance": _prov(m.provenance),
            }
            for m in r.measures
        ],
        "issues": [asdict(i) for i in r.issues],
    }
    if r.alliance_members:
        out["alliance_members"] = [
            {"alliance": m.alliance, "member": m.member, "role": m.role, "provenance": _prov(m.provenance)}
            for m in r.alliance_members
        ]
    if r.plan is not None:
        p = {f.name: getattr(r.plan, f.name) for f in fields(r.plan) if f.name != "provenance"}
        p["provenance"] = _prov(r.plan.provenance)
        out["plan"] = p
    if include_text:
        out["text"] = r.text
    return out


def _target_dict(t: Target) -> dict[str, Any]:
    d: dict[str, Any] = {
        "text": t.text,
        "metric": t.metric,
        "value": t.value,
        "unit": t.unit,
        "comparator": t.comparator,
        "year": t.year,
        "section": t.section,
        "provenance": _prov(t.provenance),
    }
    if t.note:
        d["note"] = t.note
    return d


def records_from_dict(d: dict[str, Any]) -> PolicyRecords:
    """Read back what `records_to_dict` wrote (the shipped records)."""
    doc = d["doc"]

    def prov(x: Optional[dict[str, Any]]) -> Optional[Provenance]:
        return Provenance.from_dict(x) if x else None

    plan = None
    if d.get("plan"):
        p = dict(d["plan"])
        p["provenance"] = prov(p.get("provenance"))
        plan = Plan(**p)
    r = PolicyRecords(doc=doc, source=d.get("source", doc), city=d.get("city"), text=d.get("text", ""), plan=plan)
    r.sections = [
        Section(doc=doc, path=tuple(s["path"]), number=s["number"], heading=s["heading"], level=s["level"],
                start=s["start"], end=s["end"])
        for s in d.get("sections", [])
    ]
    r.measures = [
        Measure(doc=doc, section_path=tuple(m["section_path"]), number=m["number"], task=m["task"],
                provenance=prov(m["provenance"]))
        for m in d.get("measures", [])
    ]
    r.responsibilities = [
        Responsibility(doc=doc, task=o["task"], measure_path=tuple(o.get("measure_path") or ()),
                       department=o["department"], role=o["role"], provenance=prov(o["provenance"]))
        for o in d.get("ownership", [])
    ]
    for key, is_fact in (("targets", False), ("facts", True)):
        for t in d.get(key, []):
            r.targets.append(Target(doc=doc, text=t["text"], metric=t["metric"], value=t["value"], unit=t["unit"],
                                    comparator=t["comparator"], year=t.get("year"), section=t.get("section", ""),
                                    provenance=prov(t["provenance"]), is_fact=is_fact, note=t.get("note")))
    r.organisations = [
        OrganisationMention(doc=doc, name=o["name"], type=o["type"], provenance=prov(o["provenance"]),
                            series=bool(o.get("series", False)))
        for o in d.get("organisations", [])
    ]
    r.alliance_members = [
        AllianceMembership(doc=doc, alliance=m["alliance"], member=m["member"], role=m["role"],
                           provenance=prov(m["provenance"]))
        for m in d.get("alliance_members", [])
    ]
    r.issues = [Issue(**i) for i in d.get("issues", [])]
    return r


@dataclass(frozen=True)
class City:
    """A city (or province) of the corpus, keyed by its administrative-division code."""

    code: str
    name_zh: str
    name_en: str
    level: Literal["province", "prefecture", "state"] = "prefecture"
    province_code: Optional[str] = None
    aliases: tuple[str, ...] = ()


@dataclass(frozen=True)
class Department:
    """A government body of a city (or of the state), with its aliases and English name."""

    key: str
    city: Optional[str]
    name_zh: str
    name_en: str
    aliases: tuple[str, ...] = ()
    kind: Literal["department", "collective", "state"] = "department"


@dataclass(frozen=True)
class Organisation:
    """A curated organisation: committee, alliance, enterprise, standards body, platform, standard."""

    key: str
    type: str
    name_zh: str
    name_en: str
    aliases: tuple[str, ...] = ()
    city: Optional[str] = None
    external_id: Optional[str] = None


@dataclass(frozen=True)
class Committee:
    """An ISO/IEC committee (TC, SC, WG, PC, JTC) or a national technical committee (SAC/TC n)."""

    reference: str
    title_en: Optional[str] = None
    title_zh: Optional[str] = None
    committee_type: Optional[str] = None
    parent: Optional[str] = None
    status: Optional[str] = None
    secretariat: Optional[str] = None
    secretariat_city: Optional[str] = None
    created: Optional[str] = None
    external_id: Optional[str] = None
    source: str = ""


@dataclass(frozen=True)
class Reorganisation:
    """A department renamed or merged into another (registry keys of both), the year and the reform document."""

    predecessor: str
    successor: str
    year: int
    kind: Literal["renamed", "merged"]
    source: str


@dataclass(frozen=True)
class CuratedMembership:
    """A registry-curated member of an alliance: alliance key, member as named, role and source."""

    alliance: str
    member: str
    role: Literal["founder", "member"]
    source: str


@dataclass(frozen=True)
class CommitteeMembership:
    """A member body's P (participating) or O (observing) membership of a committee."""

    committee: str
    member_body: str
    membership: Literal["P", "O"]
    member_id: Optional[str] = None


@dataclass(frozen=True)
class StandardRecord:
    """A standard from a reference registry, with its responsible committee and ICS codes."""

    reference: str
    title_en: Optional[str] = None
    status: Optional[str] = None
    committee: Optional[str] = None
    ics_codes: tuple[str, ...] = ()
    published: Optional[str] = None
    deliverable_type: Optional[str] = None
    source: str = ""


@dataclass(frozen=True)
class IcsCode:
    """An International Classification for Standards code."""

    code: str
    title_en: str
    parent: Optional[str] = None
    level: Optional[str] = None


@dataclass(frozen=True)
class AdminDivision:
    """A Chinese administrative division (province or prefecture) with its 6-digit code."""

    code: str
    name_zh: str
    level: str
    province_code: Optional[str] = None
