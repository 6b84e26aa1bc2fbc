"""Reference registries: ISO Open Data committees, memberships, standards and ICS codes,
China's administrative divisions and a partial list of SAC technical committees.

The files are read in the layout they come in (`/work/shared/reference/`, or the
same ISO Open Data a user downloads), so a folder of newer downloads can be
pointed at without conversion. Every file is optional: a missing one gives an
empty list and a note. A malformed file raises `ReferenceDataError` naming the
file, the line and the problem.
"""
from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass, field
from pathlib import Path
from typing import Callable, Iterator, Optional, TypeVar

from stdkg.errors import StdkgError
from stdkg.vocabulary import csv_rows
from stdkg.records import AdminDivision, Committee, CommitteeMembership, IcsCode, StandardRecord

T = TypeVar("T")

ISO_COMMITTEES = "iso_committees.csv"
ISO_MEMBERSHIPS = "iso_committee_memberships.csv"
ISO_STANDARDS = "iso_standards.csv"
ICS_CODES = "ics_codes.csv"
ADMIN_DIVISIONS = "cn_admin_divisions_province_prefecture.csv"
SAC_COMMITTEES = "cn_sac_tc_partial.csv"
ISO_MEMBER_BODIES = "iso_member_bodies_from_committees.csv"

INTERNATIONAL_PREFIXES = frozenset({
    "ISO", "IEC", "IWA", "ITU", "IEEE", "ASTM", "EN", "BS", "DIN", "ANSI", "JIS", "NF", "CEN", "ETSI", "SAE",
    "ASME", "API", "UL", "CIE", "HL7", "TTA", "DATA",
})
DRAFT_MARKERS = frozenset({"DIS", "FDIS", "CD", "AWI", "NP", "PWI", "WD", "PRF", "DTS", "DTR", "DPAS", "DGUIDE",
                           "NWIP", "DAM", "FDAM", "PDAM", "DCOR", "FDCOR", "CDV", "FDTR", "FDTS", "PDTS", "PDTR"})
DOCUMENT_KINDS = frozenset({"TS", "TR", "PAS", "GUIDE", "ISP", "R", "IS"})
DRAFT_KINDS = {"DTS": "TS", "DTR": "TR", "DPAS": "PAS", "DGUIDE": "GUIDE", "FDTR": "TR", "FDTS": "TS",
               "PDTS": "TS", "PDTR": "TR"}
COMMITTEE_TOKENS = ("JTC", "JSYC", "TC", "SC", "PC", "WG", "JWG", "AHG", "AG")

_REFERENCE = re.compile(
    r"(?P<prefix>[A-Za-z]+(?:\d+(?=\s*/))?(?:\s*/\s*[A-Za-z]+(?:\d+(?=\s+\d))?)*)"
    r"(?:\s+(?P<draft>[A-Za-z]+(?:\s+[A-Za-z]+)?))??"
    r"\s*(?P<number>\d+(?:[.\-][0-9A-Za-z]+)*)"
    r"(?P<rest>.*)$"
)
_COMMITTEE_NUMBER = re.compile(r"\b(" + "|".join(COMMITTEE_TOKENS) + r")\s*(\d+)\b")


class ReferenceDataError(StdkgError, ValueError):
    """A reference file that cannot be read: names the file, the line and the problem."""

    def __init__(self, path: Path, line: Optional[int], problem: str):
        self.path, self.line, self.problem = path, line, problem
        where = f"{path}:{line}" if line is not None else str(path)
        super().__init__(f"{where}: {problem}")


@dataclass(frozen=True)
class MemberBody:
    """An ISO member body seen as secretariat or member of at least one committee."""

    member_id: str
    acronym: str
    n_secretariats: int = 0
    n_p_memberships: int = 0
    n_o_memberships: int = 0


def _fold(text: str) -> str:
    return " ".join(unicodedata.normalize("NFKC", text).split())


def normalise_standard_reference(text: str) -> str:
    """The base reference of a standard: type prefix and number, no year, draft stage or supplement.

    `ISO37120`, `ISO 37120:2014` → `ISO 37120`; `ISO/IEC 27001:2022/Amd 1:2024` →
    `ISO/IEC 27001`; `ISO/DIS 3151-2` → `ISO 3151-2`; `ISO/CD TS 1` → `ISO/TS 1`;
    `GB/T 19001-2016`, `GB/T 7714—2015` → `GB/T 19001`, `GB/T 7714`. Text that
    holds no reference comes back with whitespace folded.
    """
    folded = _fold(text)
    match = _REFERENCE.search(folded)
    if match is None:
        return folded
    segments = [s.strip().upper() for s in match.group("prefix").split("/")]
    words = [w.upper() for w in (match.group("draft") or "").split()]
    if any(w not in DRAFT_MARKERS and w not in DOCUMENT_KINDS for w in words):
        return folded
    bodies = [segments[0]] + [s for s in segments[1:] if s not in DRAFT_MARKERS and s not in DOCUMENT_KINDS]
    kinds = [DRAFT_KINDS.get(s, s) for s in segments[1:] + words if s in DOCUMENT_KINDS or s in DRAFT_KINDS]
    guide = [k for k in kinds if k == "GUIDE"]
    kinds = [k for k in kinds if k != "GUIDE"]
    if len(bodies) == 1:
        prefix = "/".join(bodies + kinds)
    else:
        prefix = " ".join(["/".join(bodies), *kinds])
    if guide:
        prefix += " Guide"
    number = match.group("number")
    if segments[0] not in INTERNATIONAL_PREFIXES:
        number = re.sub(r"-(?:19|20)\d{2}$", "", number)
    return f"{prefix} {number}"


def normalise_committee_reference(text: str) -> str:
    """The canonical committee reference: `ISO/TC268`, `ISO／TC 268` → `ISO/TC 268`; `iso/iec jtc1/sc27` → `ISO/IEC JTC 1/SC 27`."""
    folded = _fold(text)
    folded = re.sub(r"\s*/\s*", "/", folded).upper()
    folded = _COMMITTEE_NUMBER.sub(lambda m: f"{m.group(1)} {m.group(2)}", folded)
    return folded.replace("JSYC", "JSyC")


@dataclass
class Reference:
    """The reference registries as lists, with lookups by reference."""

    committees: list[Committee] = field(default_factory=list)
    memberships: list[CommitteeMembership] = field(default_factory=list)
    standards: list[StandardRecord] = field(default_factory=list)
    ics_codes: list[IcsCode] = field(default_factory=list)
    admin_divisions: list[AdminDivision] = field(default_factory=list)
    member_bodies: list[MemberBody] = field(default_factory=list)
    notes: list[str] = field(default_factory=list)
    _standards_by_ref: dict[str, StandardRecord] = field(default_factory=dict, repr=False)
    _committees_by_ref: dict[str, Committee] = field(default_factory=dict, repr=False)
    _committees_by_name: dict[str, Committee] = field(default_factory=dict, repr=False)
    _memberships_by_committee: dict[str, list[CommitteeMembership]] = field(default_factory=dict, repr=False)

    def standard(self, reference: str) -> Optional[StandardRecord]:
        """The standard for any written form of its reference (`ISO37120:2014` → ISO 37120)."""
        return self._standards_by_ref.get(normalise_standard_reference(reference))

    def committee(self, reference: str) -> Optional[Committee]:
        """The committee for any written form of its reference (`ISO/TC268` → ISO/TC 268),
        or for the Chinese name of a national committee (`全国城市可持续发展标准化技术委员会` → SAC/TC 567)."""
        found = self._committees_by_ref.get(normalise_committee_reference(reference))
        return found if found is not None else self._committees_by_name.get(_fold(reference).replace(" ", ""))

    def memberships_of(self, committee: str) -> list[CommitteeMembership]:
        """The P and O memberships of a committee."""
        return list(self._memberships_by_committee.get(normalise_committee_reference(committee), ()))

    def member_body(self, acronym: str) -> Optional[MemberBody]:
        """The ISO member body with this acronym (`SAC`, `AFNOR`)."""
        wanted = _fold(acronym).upper()
        return next((b for b in self.member_bodies if b.acronym.upper() == wanted), None)

    def ics(self, code: str) -> Optional[IcsCode]:
        """The ICS entry for a code (`03.120.10`)."""
        return next((c for c in self.ics_codes if c.code == code.strip()), None)

    def admin_division(self, code_or_name: str) -> Optional[AdminDivision]:
        """The division with this 6-digit code or full Chinese name (`440300`, `深圳市`)."""
        key = code_or_name.strip()
        return next((d for d in self.admin_divisions if key in (d.code, d.name_zh)), None)


def _read(path: Path, columns: tuple[str, ...]) -> Iterator[tuple[int, dict[str, str]]]:
    """(line number, row) for each data row; missing columns or a ragged row are errors."""
    return csv_rows(path, columns, ReferenceDataError)


def _need(path: Path, line: int, row: dict[str, str], *names: str) -> None:
    for name in names:
        if not row[name].strip():
            raise ReferenceDataError(path, line, f"empty {name}")


def _int(path: Path, line: int, value: str, name: str) -> int:
    try:
        return int(value) if value.strip() else 0
    except ValueError:
        raise ReferenceDataError(path, line, f"{name} {value!r} is not a whole number") from None


def _iso_committees(path: Path) -> list[Committee]:
    columns = ("iso_committee_id", "reference", "committee_type", "parent_reference", "status", "title_en",
               "secretariat", "creation_date")
    out = []
    for line, row in _read(path, columns):
        _need(path, line, row, "reference")
        out.append(Committee(
            reference=normalise_committee_reference(row["reference"]),
            title_en=row["title_en"] or None,
            committee_type=row["committee_type"] or None,
            parent=normalise_committee_reference(row["parent_reference"]) if row["parent_reference"] else None,
            status=row["status"] or None,
            secretariat=row["secretariat"] or None,
            created=row["creation_date"] or None,
            external_id=row["iso_committee_id"] or None,
            source=path.name,
        ))
    return out


_OTHER_NAME = re.compile(r"(?:later name|also cited as)\s+(全国\S+?委员会)")


def _sac_committees(path: Path, names: dict[str, Committee]) -> list[Committee]:
    """SAC committees; their Chinese names, and the other names `other_fact` gives, go into `names`."""
    columns = ("tc_code", "name_zh", "secretariat_org_zh", "secretariat_city_zh", "other_fact", "evidence")
    out = []
    for line, row in _read(path, columns):
        _need(path, line, row, "name_zh")
        code = normalise_committee_reference(row["tc_code"]) if row["tc_code"].strip() else None
        parent = code.rsplit("/", 1)[0] if code and "/SC " in code else None
        out.append(Committee(
            reference=code or row["name_zh"].strip(),
            title_zh=row["name_zh"].strip(),
            committee_type="SC" if parent or "分技术委员会" in row["name_zh"] else "TC",
            parent=parent,
            secretariat=row["secretariat_org_zh"].strip() or None,
            secretariat_city=row["secretariat_city_zh"].strip() or None,
            source=row["evidence"].strip() or path.name,
        ))
        for name in (row["name_zh"], *_OTHER_NAME.findall(row["other_fact"])):
            names.setdefault(_fold(name).replace(" ", ""), out[-1])
    return out


def _memberships(path: Path) -> list[CommitteeMembership]:
    out = []
    for line, row in _read(path, ("committee_reference", "member_body", "iso_member_id", "membership")):
        _need(path, line, row, "committee_reference", "member_body")
        if row["membership"] not in ("P", "O"):
            raise ReferenceDataError(path, line, f"membership {row['membership']!r} is neither P nor O")
        out.append(CommitteeMembership(committee=normalise_committee_reference(row["committee_reference"]),
                                       member_body=row["member_body"], membership=row["membership"],
                                       member_id=row["iso_member_id"] or None))
    return out


def _standards(path: Path) -> list[StandardRecord]:
    columns = ("base_reference", "status", "published", "deliverable_type", "committee_reference", "ics_codes",
               "title_en")
    out = []
    for line, row in _read(path, columns):
        _need(path, line, row, "base_reference")
        committee = row["committee_reference"]
        out.append(StandardRecord(
            reference=row["base_reference"],
            title_en=row["title_en"] or None,
            status=row["status"] or None,
            committee=normalise_committee_reference(committee) if committee else None,
            ics_codes=tuple(c.strip() for c in row["ics_codes"].split(";") if c.strip()),
            published=row["published"] or None,
            deliverable_type=row["deliverable_type"] or None,
            source=path.name,
        ))
    return out


def _ics(path: Path) -> list[IcsCode]:
    out = []
    for line, row in _read(path, ("ics_code", "level", "parent_code", "title_en")):
        _need(path, line, row, "ics_code", "title_en")
        out.append(IcsCode(code=row["ics_code"], title_en=row["title_en"], parent=row["parent_code"] or None,
                           level=row["level"] or None))
    return out


def _admin_divisions(path: Path) -> list[AdminDivision]:
    """Provinces and prefectures; NBS statistical placeholders (市辖区, 县, 省直辖县级行政区划) are left out."""
    out = []
    columns = ("code6", "level", "name_zh", "province_code6", "is_statistical_placeholder")
    for line, row in _read(path, columns):
        _need(path, line, row, "code6", "name_zh", "level")
        if not re.fullmatch(r"\d{6}", row["code6"]):
            raise ReferenceDataError(path, line, f"code6 {row['code6']!r} is not six digits")
        if row["is_statistical_placeholder"].strip():
            continue
        out.append(AdminDivision(code=row["code6"], name_zh=row["name_zh"], level=row["level"],
                                 province_code=row["province_code6"] or None))
    return out


def load_admin_divisions(path: Path) -> list[AdminDivision]:
    """The provinces and prefectures of one admin-division file (placeholders left out)."""
    return _admin_divisions(Path(path))


def _member_bodies(path: Path) -> list[MemberBody]:
    out = []
    columns = ("iso_member_id", "acronym", "n_secretariats", "n_p_memberships", "n_o_memberships")
    for line, row in _read(path, columns):
        _need(path, line, row, "iso_member_id", "acronym")
        out.append(MemberBody(member_id=row["iso_member_id"], acronym=row["acronym"],
                              n_secretariats=_int(path, line, row["n_secretariats"], "n_secretariats"),
                              n_p_memberships=_int(path, line, row["n_p_memberships"], "n_p_memberships"),
                              n_o_memberships=_int(path, line, row["n_o_memberships"], "n_o_memberships")))
    return out


def load_reference(directory: Path) -> Reference:
    """Read every reference file present in `directory`; missing files are noted, not fatal."""
    directory = Path(directory)
    ref = Reference()

    def load(name: str, reader: Callable[[Path], list[T]]) -> list[T]:
        path = directory / name
        if not path.is_file():
            ref.notes.append(f"{path}: not found, left empty")
            return []
        return reader(path)

    ref.committees = load(ISO_COMMITTEES, _iso_committees) + load(
        SAC_COMMITTEES, lambda path: _sac_committees(path, ref._committees_by_name))
    ref.memberships = load(ISO_MEMBERSHIPS, _memberships)
    ref.standards = load(ISO_STANDARDS, _standards)
    ref.ics_codes = load(ICS_CODES, _ics)
    ref.admin_divisions = load(ADMIN_DIVISIONS, _admin_divisions)
    ref.member_bodies = load(ISO_MEMBER_BODIES, _member_bodies)
    ref._committees_by_ref = {c.reference: c for c in ref.committees}
    ref._standards_by_ref = {s.reference: s for s in ref.standards}
    for membership in ref.memberships:
        ref._memberships_by_committee.setdefault(membership.committee, []).append(membership)
    return ref
