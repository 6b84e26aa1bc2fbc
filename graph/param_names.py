"""The name index each engine's questions resolve their parameters with, built once per graph version.

- The embedded store: the index of its current version, saved as `names.json` in that
  version's folder the first time a question needs it (a version folder never changes
  once written, so the file stays true), and kept in the process afterwards.
- A pyoxigraph Store object: built from it and kept while its size stays the same.
- Neo4j: built from the nodes' `name`, `name_en`, `short_name`, `aliases`, `reference` and
  `identifier` with one Cypher read, kept while the node count stays the same.
- A SPARQL endpoint: built from its labels with one SELECT, kept per URL for the process.
"""
from __future__ import annotations

import os
import tempfile
from pathlib import Path
from typing import Any

from stdkg.name_index import HOW, NameIndex
from stdkg.stores.engines import Budget

# The name index reads every entity's names once per store version: no row cap (time and memory still hold).
INDEX_BUDGET = Budget.resolve(max_rows=10**9)

INDEX_FILE = "names.json"
_CACHE: dict[Any, tuple[Any, NameIndex]] = {}
_CODE_LABELS = {"Standard", "TechnicalCommittee"}

NEO4J_NAMES = """
MATCH (n) WHERE n.iri IS NOT NULL
RETURN n.iri AS iri, labels(n) AS types, n.name AS name, n.name_en AS name_en, n.short_name AS short_name,
       n.aliases AS aliases, n.reference AS reference, n.identifier AS identifier
"""
NEO4J_STAMP = "MATCH (n) RETURN count(n) AS nodes"
ENDPOINT_NAMES = """
PREFIX stdkg: <https://w3id.org/stdkg/ontology#>
PREFIX skos: <http://www.w3.org/2004/02/skos/core#>
PREFIX dcterms: <http://purl.org/dc/terms/>
SELECT ?entity ?type ?p ?label (LANG(?label) AS ?lang) WHERE {
  VALUES ?p { skos:prefLabel skos:altLabel stdkg:shortName dcterms:identifier stdkg:reference }
  ?entity ?p ?label ; a ?type .
}
"""
STDKG = "https://w3id.org/stdkg/ontology#"


def names_for(engine: Any) -> NameIndex:
    """The name index of the graph `engine` answers from (cached per graph version)."""
    from stdkg.stores.engines import OxigraphEngine

    if isinstance(engine, OxigraphEngine):
        return _embedded(engine)
    if getattr(engine, "language", None) == "cypher":
        return _neo4j(engine)
    return _endpoint(engine)


def _remember(key: Any, stamp: Any, build) -> NameIndex:
    held = _CACHE.get(key)
    if held is not None and held[0] == stamp:
        return held[1]
    index = build()
    _CACHE[key] = (stamp, index)
    return index


def _embedded(engine: Any) -> NameIndex:
    if engine.path is None:
        store = engine.store
        return _remember(("store", id(store)), (id(store), len(store)), lambda: NameIndex.from_store(store))
    from stdkg.stores.oxigraph_store import current_folder

    folder = current_folder(engine.path)
    return _remember(("path", str(Path(engine.path).resolve())), str(folder.resolve()),
                     lambda: _saved_or_built(folder, engine))


def _saved_or_built(folder: Path, engine: Any) -> NameIndex:
    file = folder / INDEX_FILE
    if file.is_file():
        try:
            return NameIndex.load(file)
        except (OSError, ValueError, KeyError, IndexError):
            pass
    index = NameIndex.from_store(engine.store)
    try:
        handle, tmp = tempfile.mkstemp(prefix=INDEX_FILE + ".tmp-", dir=folder)
        os.close(handle)
        index.save(Path(tmp))
        os.replace(tmp, file)
    except OSError:
        pass
    return index


def _neo4j(engine: Any) -> NameIndex:
    stamp = engine.run(NEO4J_STAMP).values[0][0]

    def build() -> NameIndex:
        rows = []
        for iri, types, name, name_en, short, aliases, reference, identifier in engine.run(NEO4J_NAMES, budget=INDEX_BUDGET).values:
            types = [t for t in types]
            forms = []
            if name:
                if not (set(types) & _CODE_LABELS and name in (reference, identifier)):
                    forms.append((name, "zh"))
            if name_en:
                forms.append((name_en, "en"))
            if short:
                forms.append((short, "short"))
            forms += [(a, "alias") for a in (aliases or "").split("|") if a]
            forms += [(c, how) for c, how in ((reference, "reference"), (identifier, "code")) if c]
            rows += [(iri, STDKG + t, label, how) for t in types for label, how in forms]
        return NameIndex(rows)

    return _remember(("neo4j", id(engine.driver), engine.database), stamp, build)


def _endpoint(engine: Any) -> NameIndex:
    def build() -> NameIndex:
        rows = []
        for entity, type_iri, p, label, lang in engine.run(ENDPOINT_NAMES, budget=INDEX_BUDGET).values:
            how = HOW.get(str(p)) or ("en" if lang == "en" else "zh")
            rows.append((str(entity), str(type_iri), str(label), how))
        return NameIndex(rows)

    return _remember(("endpoint", getattr(engine, "url", id(engine))), None, build)
