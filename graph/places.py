"""The places the graph knows: the curated cities of the registry, then every province and
prefecture of the national admin-division list.

A plan of a city the registry does not list (唐山, 张家口) still has a place: a
`City` record made from its division row, with its short name (`唐山`) and a
romanised English name, in its province. `Gazetteer.named` finds a place by any
name or code, `Gazetteer.in_text` the division a title or issuer names (a
prefecture before a province, the first mention first).
"""
from __future__ import annotations

import re
from typing import Iterable, Optional

from stdkg.loaders.english_names import romanise
from stdkg.loaders.plan import short_name
from stdkg.loaders.reference import load_admin_divisions
from stdkg.loaders.registry import Registries, normalise_name
from stdkg.records import AdminDivision, City
from stdkg.vocabulary import ADMIN_DIVISIONS

LEVEL_ORDER = ("prefecture", "province")
_DOC_NUMBER_HEAD = re.compile(r"^([\u4e00-\u9fff]+?)(?:市|府|政|办|委|发|函|字)")


def shipped_divisions() -> list[AdminDivision]:
    """The admin-division list shipped with the package."""
    return load_admin_divisions(ADMIN_DIVISIONS)


def division_city(division: AdminDivision) -> City:
    """A `City` record for a division the registry does not list; its English name is romanised."""
    short = short_name(division.name_zh)
    name_en = romanise(short)
    if division.level == "province" and division.name_zh.endswith("省"):
        name_en += " Province"
    province = division.province_code if division.level != "province" else None
    return City(code=division.code, name_zh=division.name_zh, name_en=name_en, level=division.level,
                province_code=province, aliases=(short,))


class Gazetteer:
    """Registry cities first, then the admin divisions, by code and by name."""

    def __init__(self, registries: Registries, divisions: Iterable[AdminDivision] = ()):
        self.registries = registries
        self._registry = {c.code: c for c in registries.cities}
        self._divisions: dict[str, AdminDivision] = {}
        for d in divisions:
            self._divisions.setdefault(d.code, d)
        self._by_name: dict[str, str] = {code: code for code in self._divisions}
        for level in LEVEL_ORDER:
            for d in self._divisions.values():
                if d.level == level:
                    for name in (d.name_zh, short_name(d.name_zh)):
                        self._by_name.setdefault(normalise_name(name), d.code)
        self._abbreviations = {short_name(d.name_zh): d.code for d in self._divisions.values()}
        self._abbreviations.update({alias: c.code for c in registries.cities for alias in c.aliases
                                    if not alias.isascii()})

    def city(self, code: Optional[str]) -> Optional[City]:
        """The registry city with this code, else one made from the division with this code."""
        if not code:
            return None
        if code in self._registry:
            return self._registry[code]
        division = self._divisions.get(code)
        return division_city(division) if division is not None else None

    def named(self, name: Optional[str]) -> Optional[City]:
        """The place for a name or code: a registry city (any of its names), else a division
        by its full or short name (a prefecture before a province of the same short name)."""
        if not name:
            return None
        found = self.registries.city(name)
        if found is not None:
            return found
        return self.city(self._by_name.get(normalise_name(name)))

    def in_text(self, text: Optional[str]) -> Optional[City]:
        """The division a title or issuer names by its full name: a prefecture before a province,
        the first mention first."""
        if not text:
            return None
        best: dict[str, tuple[int, str]] = {}
        for d in self._divisions.values():
            i = text.find(d.name_zh)
            if i >= 0 and (d.level not in best or i < best[d.level][0]):
                best[d.level] = (i, d.code)
        return next((self.city(best[level][1]) for level in LEVEL_ORDER if level in best), None)

    def by_doc_number(self, doc_number: Optional[str]) -> Optional[City]:
        """The place a document number abbreviates (`佛府〔2024〕11号` → 佛山), when one place only
        has a short name or alias that begins so."""
        head = _DOC_NUMBER_HEAD.match(doc_number or "")
        if head is None:
            return None
        prefix = head.group(1)
        codes = {code for name, code in self._abbreviations.items() if name.startswith(prefix) or prefix.startswith(name)}
        return self.city(codes.pop()) if len(codes) == 1 else None
