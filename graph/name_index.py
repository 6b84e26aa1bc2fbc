"""Resolve the names analysts type to the entities of the graph.

Every named entity's labels (Chinese and English preferred names, aliases, short
names, codes) and, for places and departments, the pinyin of its Chinese names are
folded to one key each: width folded (NFKC), Traditional → Simplified, case folded,
spaces and punctuation dropped. `深圳`, `深圳市`, `Shenzhen`, `shenzhen`, `深圳`, `440300`
and `shen zhen` then reach the same city. A name that matches nothing exactly is
matched approximately (rapidfuzz) when one candidate stands clearly ahead of the
rest; otherwise `NameNotFound` lists the nearest candidates with their English names.
"""
from __future__ import annotations

import json
import re
import unicodedata
from collections import defaultdict
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path
from typing import Iterable, Optional, Sequence

from stdkg.errors import EXIT_USAGE, StdkgError

STDKG = "https://w3id.org/stdkg/ontology#"
KINDS = {
    "city": ("City", "Province"),
    "department": ("Department", "Organization", "Alliance", "Enterprise", "StandardsBody", "Platform"),
    "indicator": ("Indicator",),
    "committee": ("TechnicalCommittee",),
    "standard": ("Standard",),
    "entity": (),
}
PINYIN_TYPES = {"City", "Province", "Department"}
ACCEPT_SCORE = 88.0
CLEAR_LEAD = 6.0

LABELS_QUERY = """
PREFIX stdkg: <https://w3id.org/stdkg/ontology#>
PREFIX skos: <http://www.w3.org/2004/02/skos/core#>
PREFIX dcterms: <http://purl.org/dc/terms/>
SELECT ?entity ?p ?label WHERE {
  VALUES ?p { skos:prefLabel skos:altLabel stdkg:shortName dcterms:identifier stdkg:reference }
  ?entity ?p ?label .
}
"""
TYPES_QUERY = "SELECT ?entity ?type WHERE { ?entity a ?type }"
HOW = {"http://www.w3.org/2004/02/skos/core#altLabel": "alias", STDKG + "shortName": "short",
       "http://purl.org/dc/terms/identifier": "code", STDKG + "reference": "reference"}
IDENTIFIED_BY_CODE = {"Standard", "TechnicalCommittee"}


class NameNotFound(StdkgError, LookupError):
    """A name that reaches no entity of the kind asked for, or more than one."""

    exit_code = EXIT_USAGE


@dataclass(frozen=True)
class Entity:
    """One entity as the questions match it: its IRI, types and names."""

    iri: str
    types: frozenset[str]
    name_zh: Optional[str]
    name_en: Optional[str]
    short_name: Optional[str]
    code: Optional[str] = None

    @property
    def name(self) -> str:
        """The name the questions compare against: a standard's or committee's code, else the Chinese name."""
        if self.types & IDENTIFIED_BY_CODE and self.code:
            return self.code
        return self.name_zh or self.name_en or self.code or self.iri.rsplit("/", 1)[-1]

    @property
    def display(self) -> str:
        zh = self.name_zh or self.short_name or self.name_en or self.iri.rsplit("/", 1)[-1]
        return f"{zh} ({self.name_en})" if self.name_en and self.name_en != zh else zh


_DROP = re.compile(r"[\s\-_.,，、·・'’\"“”()（）\[\]【】《》<>/\\:：;；]+")


@lru_cache(maxsize=1)
def _t2s():
    import opencc

    return opencc.OpenCC("t2s").convert


def _visible(text: str) -> str:
    text = unicodedata.normalize("NFKC", text)
    return "".join(ch for ch in text if unicodedata.category(ch) not in ("Cf", "Cc", "Mn"))


def fold(text: str) -> str:
    """The matching key of a name: NFKC, invisible characters dropped, Simplified, case folded, no spaces or punctuation."""
    return _DROP.sub("", _t2s()(_visible(text))).casefold()


def fold_many(texts: Sequence[str]) -> list[str]:
    """`fold` of many names at once (one Traditional → Simplified pass over them all)."""
    visible = [_visible(t).replace("\n", " ") for t in texts]
    simplified = _t2s()("\n".join(visible)).split("\n") if visible else []
    return [_DROP.sub("", s).casefold() for s in simplified]


def phrase(text: str) -> str:
    """A Latin-script name as lower-case words, for word-order-free approximate matching."""
    return " ".join(_DROP.sub(" ", _visible(text)).casefold().split())


def _pinyin(text: str) -> str:
    from pypinyin import lazy_pinyin

    return "".join(lazy_pinyin(text))


class NameIndex:
    """Every entity's names, folded, for exact and approximate look-up by kind."""

    def __init__(self, rows: Iterable[tuple[str, str, str, str]]):
        types: dict[str, set[str]] = defaultdict(set)
        labels: dict[str, dict[str, list[str]]] = defaultdict(lambda: defaultdict(list))
        for iri, type_iri, label, how in rows:
            types[iri].add(type_iri.rsplit("#", 1)[-1])
            labels[iri][how].append(label)
        self.entities: dict[str, Entity] = {}
        self.keys: dict[str, set[str]] = defaultdict(set)
        owners, names = [], []
        for iri, by_how in labels.items():
            entity = Entity(iri, frozenset(types[iri]), _first(by_how.get("zh")), _first(by_how.get("en")),
                            _first(by_how.get("short")), _first(by_how.get("reference") or by_how.get("code")))
            self.entities[iri] = entity
            forms = [n for ns in by_how.values() for n in ns]
            if entity.types & PINYIN_TYPES:
                forms += [_pinyin(n) for n in (by_how.get("zh", []) + by_how.get("short", []))]
            owners += [iri] * len(forms)
            names += forms
        self.phrases: dict[str, set[str]] = defaultdict(set)
        for iri, name, key in zip(owners, names, fold_many(names)):
            if key:
                self.keys[key].add(iri)
            if name.isascii():
                self.phrases[phrase(name)].add(iri)

    @classmethod
    def from_store(cls, store) -> "NameIndex":
        """The index of a pyoxigraph Store (its default graph, which holds the whole graph)."""
        types: dict[str, list[str]] = defaultdict(list)
        for s in store.query(TYPES_QUERY):
            types[s["entity"].value].append(s["type"].value)
        rows = []
        for s in store.query(LABELS_QUERY):
            iri, label = s["entity"].value, s["label"]
            p = s["p"].value
            how = HOW.get(p) or ("en" if getattr(label, "language", None) == "en" else "zh")
            rows += [(iri, t, label.value, how) for t in types.get(iri, ())]
        return cls(rows)

    def save(self, path: Path) -> Path:
        """Write the index as JSON (plain data: nothing in it runs when read)."""
        data = {"entities": [[e.iri, sorted(e.types), e.name_zh, e.name_en, e.short_name, e.code]
                             for e in self.entities.values()],
                "keys": {k: sorted(v) for k, v in self.keys.items()},
                "phrases": {k: sorted(v) for k, v in self.phrases.items()}}
        Path(path).write_text(json.dumps(data, ensure_ascii=False, separators=(",", ":")), encoding="utf-8")
        return Path(path)

    @classmethod
    def load(cls, path: Path) -> "NameIndex":
        """An index written by `save`."""
        data = json.loads(Path(path).read_text(encoding="utf-8"))
        index = cls(())
        index.entities = _LazyEntities({row[0]: row for row in data["entities"]})
        index.keys = data["keys"]
        index.phrases = data.get("phrases", {})
        return index

    def _of_kind(self, iris: Iterable[str], kind: str) -> list[Entity]:
        wanted = set(KINDS[kind])
        return [self.entities[i] for i in iris if not wanted or self.entities[i].types & wanted]

    def resolve(self, text: str, kind: str = "entity", *, within: Optional[Sequence[str]] = None) -> Entity:
        """The one entity of `kind` that `text` names; `within` narrows ambiguous names to these IRIs' neighbourhood
        (for example the departments of one city) when given. Raises NameNotFound with the nearest candidates."""
        if kind not in KINDS:
            raise ValueError(f"unknown kind {kind!r}")
        key = fold(text)
        if not key:
            raise NameNotFound(f"an empty {kind} name", "Give a name, or leave the parameter out.")
        exact = self._of_kind(self.keys.get(key, ()), kind)
        if within is not None and len(exact) > 1:
            narrowed = [e for e in exact if e.iri in set(within)]
            exact = narrowed or exact
        if len(exact) == 1:
            return exact[0]
        if len(exact) > 1:
            listing = "; ".join(e.display for e in sorted(exact, key=lambda e: e.display)[:8])
            raise NameNotFound(f"{text!r} names {len(exact)} {kind}s: {listing}",
                               "Give the full name (with its city), or narrow the question with city=.")
        return self._approximate(text, key, kind)

    def _choices(self, kind: str, table: str) -> dict[str, list[str]]:
        """Key → IRIs of `keys` or `phrases`, for the keys that name an entity of `kind` (cached)."""
        cache = self.__dict__.setdefault("_choice_cache", {})
        if (kind, table) not in cache:
            wanted = set(KINDS[kind])
            cache[kind, table] = {k: list(iris) for k, iris in getattr(self, table).items()
                                  if not wanted or any(set(self._types(i)) & wanted for i in iris)}
        return cache[kind, table]

    def _types(self, iri: str) -> Iterable[str]:
        rows = getattr(self.entities, "rows", None)
        return rows[iri][1] if rows is not None else self.entities[iri].types

    def _approximate(self, text: str, key: str, kind: str) -> Entity:
        from rapidfuzz import fuzz, process

        scored: dict[str, float] = {}
        searches = [(key, self._choices(kind, "keys"), fuzz.WRatio)]
        if text.isascii():
            searches.append((phrase(text), self._choices(kind, "phrases"), fuzz.token_set_ratio))
        for query, choices, scorer in searches:
            for candidate_key, score, _ in process.extract(query, list(choices), scorer=scorer, limit=12):
                for entity in self._of_kind(choices[candidate_key], kind):
                    scored[entity.iri] = max(scored.get(entity.iri, 0.0), score)
        ranked = sorted(scored.items(), key=lambda kv: (-kv[1], self.entities[kv[0]].display))
        if ranked and ranked[0][1] >= ACCEPT_SCORE and (len(ranked) == 1 or ranked[0][1] - ranked[1][1] >= CLEAR_LEAD):
            return self.entities[ranked[0][0]]
        nearest = "; ".join(self.entities[i].display for i, _ in ranked[:5]) or "none"
        raise NameNotFound(f"no {kind} named {text!r}; nearest: {nearest}",
                           "Use one of the names above (Chinese, English, short name or code).")


class _LazyEntities(dict):
    """iri → Entity, made from the saved row on first look-up (loading stays fast on large graphs)."""

    def __init__(self, rows: dict[str, list]):
        super().__init__()
        self.rows = rows

    def __missing__(self, iri: str) -> Entity:
        _, types, zh, en, short, *code = self.rows[iri]
        entity = self[iri] = Entity(iri, frozenset(types), zh, en, short, code[0] if code else None)
        return entity

    def __contains__(self, iri: object) -> bool:
        return iri in self.rows

    def values(self):
        return [self[iri] for iri in self.rows]


def _first(values: Optional[list[str]]) -> Optional[str]:
    return sorted(values)[0] if values else None
