"""Members of alliances: read from a document's text, and curated in `alliance_members.csv`.

The text names an alliance's founders or members in a few set phrases:

- `由A、B等单位共同发起成立的X联盟` / `X联盟由A和B发起成立` (founders);
- `来自A、B等25家联盟发起单位` (founders of the alliance the paragraph is about);
- `X联盟成员单位包括A、B…`, `联盟成员有A、B…` (members).

The alliance is the one the phrase itself names (cut to the longest alliance the
document's organisation mentions that it ends with), else the nearest alliance the
document's organisation mentions name before it (in the same sentence for
`成员单位包括`, which also follows a leading group; in the same paragraph for the
others). A list is split at 、，, and at 和/及/与 after a word that ends a name, and
loses its `等…` tail. Each member becomes an `AllianceMembership` with the span
it was read from.
"""
from __future__ import annotations

import re
from pathlib import Path
from typing import Iterable, Optional

from stdkg.loaders.registry import RegistryError, Registries, _rows, _require
from stdkg.loaders.sections import SectionIndex
from stdkg.records import AllianceMembership, CuratedMembership, OrganisationMention, Provenance, Section
from stdkg.vocabulary import REGISTRY_DIR

ALLIANCE_MEMBERS_PATH = REGISTRY_DIR / "alliance_members.csv"
ALLIANCE_MEMBER_COLUMNS = ("alliance", "member", "role", "source")
MEMBER_ROLES = ("founder", "member")

_LIST = r"[^,，;；:：。!！?？\n由]{2,300}?"
_ALLIANCE = r"[“\"「]?(?P<alliance>[\u4e00-\u9fffA-Za-z0-9]{2,40}?联盟)[”\"」]?"
_ETC = r"(?:等(?:\d+家|多家|[一二三四五六七八九十]+家)?(?:单位|企业|机构|高校|院所|成员)*)?"
_RULES = (
    ("founder", "alliance founders: 由A、B等发起成立的X联盟",
     re.compile(rf"由(?P<members>{_LIST}){_ETC}(?:共同|联合)?发起(?:成立)?的{_ALLIANCE}"), "sentence"),
    ("founder", "alliance founders: X联盟由A、B等发起成立",
     re.compile(rf"{_ALLIANCE}(?:[^,，;；:：。]{{0,12}}?)由(?P<members>{_LIST}){_ETC}(?:共同|联合)?发起(?:成立|组建)"),
     "sentence"),
    ("founder", "alliance founders: A、B等N家联盟发起单位",
     re.compile(rf"(?:来自|包括|有|^|(?<=[,，;；:：。\n]))(?P<members>{_LIST})等\s*(?:\d+|[一二三四五六七八九十]+)\s*家(?:联盟)?发起单位"),
     "paragraph"),
    ("member", "alliance members: X联盟成员单位包括A、B",
     re.compile(rf"(?:{_ALLIANCE})?成员单位(?:包括|有|为)[:：]?(?P<members>[^。;；!！?？\n]{{2,300}}?)(?=等|[。;；!！?？\n]|$)"), "sentence"),
    ("member", "alliance members: 联盟成员有A、B",
     re.compile(r"联盟成员(?:单位)?(?:包括|有|为)[:：]?(?P<members>[^。;；!！?？\n]{2,300}?)(?=等|[。;；!！?？\n]|$)"),
     "paragraph"),
)
_SEPARATORS = re.compile(r"[、，,]")
# 和/及/与 join two names only after a word that ends a name (香港标准及检定中心 stays one name).
_CONJUNCTION = re.compile(r"(?<=[院所局委会司厅部办站心团学盟台地室行])(?:以及|和|及|与)")
_LEADING = re.compile(r"^(?:来自|包括|以及|及|和|与|有|为|[“\"「])+")
_TRAILING = re.compile(r"(?:[”\"」]|等.*)$")
_GENERIC = re.compile(r"^(?:各|相关|有关|其他|其它|多家|一批|若干|\d+家)")
_SENTENCE_END = re.compile(r"[。!！?？;；\n]")
_LEADING_GROUP = re.compile(r"领导小组|联席会议|委员会成员单位")


def split_members(text: str) -> list[str]:
    """The names of a written list (`A、B和C等`), each trimmed of list words and quotes; generic ones dropped."""
    out = []
    for part in (piece for chunk in _SEPARATORS.split(text) for piece in _CONJUNCTION.split(chunk)):
        name = _TRAILING.sub("", _LEADING.sub("", part.strip())).strip()
        if 2 <= len(name) <= 40 and not _GENERIC.match(name) and name not in out:
            out.append(name)
    return out


def _window_start(text: str, pos: int, scope: str) -> int:
    if scope == "sentence":
        found = [m.end() for m in _SENTENCE_END.finditer(text, 0, pos)]
    else:
        found = [m.end() for m in re.finditer(r"\n", text[:pos])]
    return found[-1] if found else 0


def _known(captured: Optional[str], names: list[str]) -> Optional[str]:
    """A captured alliance name, cut to the longest mentioned alliance it ends with (加入X联盟 → X联盟)."""
    if captured is None:
        return None
    return next((n for n in names if captured.endswith(n)), captured)


def _nearest_alliance(text: str, start: int, pos: int, names: Iterable[str]) -> Optional[str]:
    """The alliance name occurring last in text[start:pos] (the longest of those ending at one place)."""
    best: Optional[tuple[int, int, str]] = None
    window = text[start:pos]
    for name in names:
        at = window.rfind(name)
        if at >= 0:
            key = (at + len(name), len(name), name)
            if best is None or key > best:
                best = key
    return best[2] if best else None


def extract_alliance_members(doc: str, text: str, sections: Optional[list[Section]],
                             organisations: Iterable[OrganisationMention]) -> list[AllianceMembership]:
    """Every alliance founder and member the text names, with the span it was read from."""
    index = SectionIndex(text, sections)
    alliances = sorted({o.name for o in organisations if o.type == "alliance"}, key=len, reverse=True)
    out: list[AllianceMembership] = []
    seen: set[tuple[str, str, str]] = set()
    for role, rule, pattern, scope in _RULES:
        for m in pattern.finditer(text):
            alliance = _known(m.groupdict().get("alliance"), alliances)
            start = _window_start(text, m.start(), scope)
            if alliance is None:
                if scope == "sentence" and _LEADING_GROUP.search(text, start, m.start()):
                    continue
                alliance = _nearest_alliance(text, start, m.start("members"), alliances)
            if alliance is None:
                continue
            members = [n for n in split_members(m["members"]) if n != alliance and not n.endswith("联盟")]
            before = text.rfind(alliance, start, m.start("members"))
            span_start = min(m.start(), before) if before >= 0 else m.start()
            prov = Provenance(doc, index.path(m.start()), span_start, m.end(), text[span_start:m.end()], rule)
            for member in members:
                if (alliance, member, role) not in seen:
                    seen.add((alliance, member, role))
                    out.append(AllianceMembership(doc, alliance, member, role, prov))
    return out


def load_alliance_members(registries: Registries, path: Path = ALLIANCE_MEMBERS_PATH) -> list[CuratedMembership]:
    """The curated members of registry alliances; an unknown alliance key or role is an error naming the line."""
    out = []
    for line, row in _rows(path, ALLIANCE_MEMBER_COLUMNS):
        _require(path, line, row, *ALLIANCE_MEMBER_COLUMNS)
        org = registries.organisation(row["alliance"])
        if org is None or org.type != "alliance":
            raise RegistryError(path, line, f"{row['alliance']!r} is not an alliance of organisations.csv")
        if row["role"] not in MEMBER_ROLES:
            raise RegistryError(path, line, f"role {row['role']!r} is not one of {', '.join(MEMBER_ROLES)}")
        out.append(CuratedMembership(row["alliance"], row["member"], row["role"], row["source"]))
    return out

