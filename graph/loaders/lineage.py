"""Department lineage: the reorganisations of `lineage.csv` (predecessor, successor, year, kind, source).

Institutional reforms rename bodies and merge them into others (the 2018 State
Council reform folded 国家质量监督检验检疫总局 into 国家市场监督管理总局; the 2019
municipal reforms made 深圳市市场和质量监督管理委员会 and the cities' 质量技术监督局
into 市场监督管理局). Each row names both bodies by their departments.csv key and
the reform document as its source.
"""
from __future__ import annotations

from pathlib import Path

from stdkg.loaders.registry import RegistryError, Registries, _require, _rows
from stdkg.records import Reorganisation
from stdkg.vocabulary import REGISTRY_DIR

LINEAGE_PATH = REGISTRY_DIR / "lineage.csv"
LINEAGE_COLUMNS = ("predecessor", "successor", "year", "kind", "source")
CHANGE_KINDS = ("renamed", "merged")


def load_lineage(registries: Registries, path: Path = LINEAGE_PATH) -> list[Reorganisation]:
    """Every reorganisation; an unknown department key, a bad year or kind, or a cycle is an error naming the line."""
    out: list[Reorganisation] = []
    successors: dict[str, set[str]] = {}
    for line, row in _rows(path, LINEAGE_COLUMNS):
        _require(path, line, row, *LINEAGE_COLUMNS)
        for column in ("predecessor", "successor"):
            if registries.department(row[column]) is None:
                raise RegistryError(path, line, f"{column} {row[column]!r} is not a key of departments.csv")
        if not (row["year"].isdigit() and len(row["year"]) == 4):
            raise RegistryError(path, line, f"year {row['year']!r} is not a four-digit year")
        if row["kind"] not in CHANGE_KINDS:
            raise RegistryError(path, line, f"kind {row['kind']!r} is not one of {', '.join(CHANGE_KINDS)}")
        if row["predecessor"] in _reachable(successors, row["successor"]) | {row["successor"]}:
            raise RegistryError(path, line, f"{row['predecessor']} → {row['successor']} closes a cycle")
        successors.setdefault(row["predecessor"], set()).add(row["successor"])
        out.append(Reorganisation(row["predecessor"], row["successor"], int(row["year"]), row["kind"], row["source"]))
    return out


def _reachable(successors: dict[str, set[str]], key: str) -> set[str]:
    seen: set[str] = set()
    todo = [key]
    while todo:
        for nxt in successors.get(todo.pop(), ()):
            if nxt not in seen:
                seen.add(nxt)
                todo.append(nxt)
    return seen


def lineage_of(keys, reorganisations: list[Reorganisation]) -> list[Reorganisation]:
    """The reorganisations linking any of `keys` to its predecessors and successors, transitively."""
    linked: dict[str, list[Reorganisation]] = {}
    for r in reorganisations:
        linked.setdefault(r.predecessor, []).append(r)
        linked.setdefault(r.successor, []).append(r)
    seen: set[str] = set()
    out: list[Reorganisation] = []
    todo = [k for k in keys if k in linked]
    while todo:
        key = todo.pop()
        if key in seen:
            continue
        seen.add(key)
        for r in linked[key]:
            if r not in out:
                out.append(r)
            todo += [r.predecessor, r.successor]
    return sorted(out, key=lambda r: (r.year, r.predecessor, r.successor))
