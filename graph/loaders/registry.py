"""The curated registries (cities, departments, organisations) and name resolution.

The CSV files in `graph/data/registries/` list one row per real body with its full
Chinese name, the forms documents write it in, and an English name. A city body
is scoped to its city: `市公安局` written in a Shenzhen document is Shenzhen's
public security bureau, in a Qingdao document Qingdao's. Names are compared
after full/half-width folding (NFKC), Traditional→Simplified conversion and
removal of whitespace.
"""
from __future__ import annotations

import re
from dataclasses import dataclass, field
from pathlib import Path
from typing import Iterator, Optional, Union

import opencc

from stdkg.errors import StdkgError
from stdkg.loaders.english_names import english_name_for
from stdkg.loaders.text import clean_name
from stdkg.records import City, Department, Organisation

from stdkg.vocabulary import REGISTRY_DIR, csv_rows

CITY_COLUMNS = ("code", "name_zh", "short_name", "name_en", "level", "province_code", "aliases")
DEPARTMENT_COLUMNS = ("key", "city", "name_zh", "name_en", "aliases", "kind")
ORGANISATION_COLUMNS = ("key", "type", "name_zh", "name_en", "aliases", "local_aliases", "city", "external_id", "note")
CITY_LEVELS = ("prefecture", "province", "state")
DEPARTMENT_KINDS = ("department", "collective", "state")
ORGANISATION_TYPES = ("tc", "alliance", "enterprise", "standard", "intl_body", "platform", "standards_body")
STATE_SCOPE = ""
MENTION_TYPES = {"standards_body": "intl_body"}

_t2s = opencc.OpenCC("t2s")
_GLOSSED = re.compile(r"^(.+?)\((.+)\)$")


class RegistryError(StdkgError, ValueError):
    """A registry file that cannot be read: names the file, the line and the problem."""

    def __init__(self, path: Path, line: Optional[int], problem: str):
        self.path, self.line, self.problem = path, line, problem
        where = f"{path}:{line}" if line is not None else str(path)
        super().__init__(f"{where}: {problem}")


def normalise_name(text: str) -> str:
    """The comparison form of a name: NFKC, Simplified characters, no whitespace, ASCII case-folded."""
    return "".join(clean_name(text).split()).casefold()


def city_short_name(city: City) -> str:
    """The short name of a city record (`深圳`): by the loader's convention its first alias."""
    return city.aliases[0] if city.aliases else city.name_zh


def mention_type(org: Organisation) -> str:
    """The document-mention type (`OrganisationMention.type`) of a registry organisation."""
    return MENTION_TYPES.get(org.type, org.type)


def _split_aliases(value: str) -> tuple[str, ...]:
    return tuple(a.strip() for a in value.split("|") if a.strip())


def _rows(path: Path, columns: tuple[str, ...]) -> Iterator[tuple[int, dict[str, str]]]:
    """(line number, row) for each data row; a missing column or a short row is an error."""
    if not path.is_file():
        raise RegistryError(path, None, "file not found")
    for line, row in csv_rows(path, columns, RegistryError):
        if any((v or "").strip() for v in row.values() if isinstance(v, str)):
            yield line, {k: (v or "").strip() for k, v in row.items()}


def _require(path: Path, line: int, row: dict[str, str], *names: str) -> None:
    for name in names:
        if not row[name]:
            raise RegistryError(path, line, f"empty {name}")


@dataclass
class Registries:
    """The three registries with their name indexes."""

    cities: list[City] = field(default_factory=list)
    departments: list[Department] = field(default_factory=list)
    organisations: list[Organisation] = field(default_factory=list)
    _city_index: dict[str, City] = field(default_factory=dict, repr=False)
    _department_index: dict[tuple[str, str], Department] = field(default_factory=dict, repr=False)
    _organisation_index: dict[str, list[Organisation]] = field(default_factory=dict, repr=False)
    _local_organisation_index: dict[tuple[str, str], Organisation] = field(default_factory=dict, repr=False)

    def city(self, name: Optional[str]) -> Optional[City]:
        """The city or province for any of its names: `深圳`, `深圳市`, `廣州`, `Shenzhen`, `440300`."""
        if not name:
            return None
        return self._city_index.get(normalise_name(name))

    def department(self, key: str) -> Optional[Department]:
        """The department with this registry key."""
        return next((d for d in self.departments if d.key == key), None)

    def organisation(self, key: str) -> Optional[Organisation]:
        """The organisation with this registry key."""
        return next((o for o in self.organisations if o.key == key), None)

    def _scope(self, city: Optional[str]) -> Optional[str]:
        found = self.city(city)
        return city_short_name(found) if found is not None else None

    def _name_variants(self, name: str, scope: Optional[str]) -> list[str]:
        """The name as written, and with the city's own name in front turned into `市` (`深圳市公安局` → `市公安局`)."""
        variants = [normalise_name(name)]
        found = self.city(scope) if scope else None
        if found is not None:
            for prefix in (normalise_name(found.name_zh), normalise_name(city_short_name(found))):
                if variants[0].startswith(prefix) and len(variants[0]) > len(prefix):
                    rest = variants[0][len(prefix):]
                    short_prefix_before_shi = not prefix.endswith("市") and rest.startswith("市")
                    variants.append(rest if short_prefix_before_shi else "市" + rest)
        return variants

    def resolve_department(self, name_as_written: str, city: Optional[str]) -> Optional[Department]:
        """The department a document of `city` (any of its names) means by this name, or None.

        City bodies resolve only within their city; state bodies from any city.
        """
        scope = self._scope(city)
        for variant in self._name_variants(name_as_written, scope):
            if scope is not None and (scope, variant) in self._department_index:
                return self._department_index[(scope, variant)]
            if (STATE_SCOPE, variant) in self._department_index:
                return self._department_index[(STATE_SCOPE, variant)]
        return None

    def resolve_organisation(self, name_as_written: str, city: Optional[str] = None) -> Optional[Organisation]:
        """The organisation for this name; where several cities have one of that name, the one in `city`.

        A name with a bracketed gloss (`英国标准协会(BSI)`, `国际电工委员会(IEC)`) that is not
        listed as written resolves by the name before the bracket, unless the gloss names another body.
        """
        found = self._lookup_organisation(normalise_name(name_as_written), city)
        if found is not None:
            return found
        gloss = _GLOSSED.match(normalise_name(name_as_written))
        if gloss is None:
            return None
        outer = self._lookup_organisation(gloss.group(1), city)
        inner = self._lookup_organisation(gloss.group(2), city)
        return outer if inner is None or inner == outer else None

    def _lookup_organisation(self, normalised: str, city: Optional[str]) -> Optional[Organisation]:
        scope = self._scope(city)
        if scope is not None and (scope, normalised) in self._local_organisation_index:
            return self._local_organisation_index[(scope, normalised)]
        candidates = self._organisation_index.get(normalised, [])
        if len(candidates) == 1:
            return candidates[0]
        local = [o for o in candidates if o.city == scope]
        return local[0] if len(local) == 1 else None

    def resolve_unit(self, name_as_written: str, city: Optional[str]) -> Union[Department, Organisation, None]:
        """A responsible unit: a department of the city or the state, else a named organisation (`青岛港集团`)."""
        return self.resolve_department(name_as_written, city) or self.resolve_organisation(name_as_written, city)

    def english_name(self, name_zh: str, city: Optional[str]) -> tuple[str, bool]:
        """(English name, generated?) for a responsible unit's name: the registry's, else a rule-based rendering."""
        found = self.resolve_unit(name_zh, city)
        if found is not None:
            return found.name_en, False
        city_record = self.city(city)
        city_en = city_record.name_en if city_record is not None else None
        return english_name_for(name_zh, city_record.name_zh if city_record else city, city_en), True


def _load_cities(path: Path, reg: Registries) -> None:
    codes: set[str] = set()
    for line, row in _rows(path, CITY_COLUMNS):
        _require(path, line, row, "code", "name_zh", "short_name", "name_en", "level")
        if row["level"] not in CITY_LEVELS:
            raise RegistryError(path, line, f"level {row['level']!r} is not one of {', '.join(CITY_LEVELS)}")
        if row["code"] in codes:
            raise RegistryError(path, line, f"duplicate code {row['code']}")
        codes.add(row["code"])
        aliases = (row["short_name"],) + tuple(a for a in _split_aliases(row["aliases"]) if a != row["short_name"])
        city = City(code=row["code"], name_zh=row["name_zh"], name_en=row["name_en"], level=row["level"],
                    province_code=row["province_code"] or None, aliases=aliases)
        for name in {row["code"], row["name_zh"], row["name_en"], *aliases}:
            key = normalise_name(name)
            other = reg._city_index.get(key)
            if other is not None and other.code != city.code:
                raise RegistryError(path, line, f"name {name!r} already belongs to {other.name_zh} ({other.code})")
            reg._city_index[key] = city
        reg.cities.append(city)
    for city in reg.cities:
        if city.province_code and city.province_code not in codes:
            raise RegistryError(path, None, f"{city.name_zh}: province_code {city.province_code} is not in the file")


def _checked_entry(path: Path, line: int, row: dict[str, str], reg: Registries, keys: set[str],
                   choice: str, allowed: tuple[str, ...]) -> Optional[str]:
    """Check a department or organisation row (required columns, unique key, `choice` in `allowed`,
    known city) and return its city's short name, or None."""
    _require(path, line, row, "key", choice, "name_zh", "name_en")
    if row["key"] in keys:
        raise RegistryError(path, line, f"duplicate key {row['key']}")
    keys.add(row["key"])
    if row[choice] not in allowed:
        raise RegistryError(path, line, f"{choice} {row[choice]!r} is not one of {', '.join(allowed)}")
    if not row["city"]:
        return None
    found = reg.city(row["city"])
    if found is None:
        raise RegistryError(path, line, f"city {row['city']!r} is not in cities.csv")
    return city_short_name(found)


def _load_departments(path: Path, reg: Registries) -> None:
    keys: set[str] = set()
    for line, row in _rows(path, DEPARTMENT_COLUMNS):
        city = _checked_entry(path, line, row, reg, keys, "kind", DEPARTMENT_KINDS)
        if (row["kind"] == "state") != (city is None):
            raise RegistryError(path, line, "state bodies, and only they, have no city")
        dept = Department(key=row["key"], city=city, name_zh=row["name_zh"], name_en=row["name_en"],
                          aliases=_split_aliases(row["aliases"]), kind=row["kind"])
        scope = city or STATE_SCOPE
        for name in dict.fromkeys((dept.name_zh, *dept.aliases)):
            index_key = (scope, normalise_name(name))
            other = reg._department_index.get(index_key)
            if other is not None and other.key != dept.key:
                where = city or "the state"
                raise RegistryError(path, line, f"alias {name!r} of {dept.key} already names {other.key} in {where}")
            reg._department_index[index_key] = dept
        reg.departments.append(dept)


def _load_organisations(path: Path, reg: Registries) -> None:
    keys: set[str] = set()
    for line, row in _rows(path, ORGANISATION_COLUMNS):
        city = _checked_entry(path, line, row, reg, keys, "type", ORGANISATION_TYPES)
        local_aliases = _split_aliases(row["local_aliases"])
        if local_aliases and city is None:
            raise RegistryError(path, line, "local_aliases need a city")
        org = Organisation(key=row["key"], type=row["type"], name_zh=row["name_zh"], name_en=row["name_en"],
                           aliases=_split_aliases(row["aliases"]) + local_aliases, city=city,
                           external_id=row["external_id"] or None)
        for name in local_aliases:
            other = reg._local_organisation_index.get((city, normalise_name(name)))
            if other is not None and other.key != org.key:
                raise RegistryError(path, line, f"local alias {name!r} of {org.key} already names {other.key} in {city}")
            reg._local_organisation_index[(city, normalise_name(name))] = org
        for name in dict.fromkeys((org.name_zh, *_split_aliases(row["aliases"]))):
            bucket = reg._organisation_index.setdefault(normalise_name(name), [])
            clash = next((o for o in bucket if o.key != org.key and o.city == org.city), None)
            if clash is not None:
                raise RegistryError(path, line, f"alias {name!r} of {org.key} already names {clash.key}")
            if org not in bucket:
                bucket.append(org)
        reg.organisations.append(org)


def load_registries(directory: Optional[Path] = None) -> Registries:
    """Read cities.csv, departments.csv and organisations.csv (default: the package's own registries)."""
    directory = Path(directory) if directory is not None else REGISTRY_DIR
    reg = Registries()
    _load_cities(directory / "cities.csv", reg)
    _load_departments(directory / "departments.csv", reg)
    _load_organisations(directory / "organisations.csv", reg)
    return reg
