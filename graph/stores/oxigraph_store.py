"""The embedded persistent SPARQL store (pyoxigraph on disk).

A built graph lives in a folder: `STORE/oxigraph/` is the Oxigraph store, and
other build outputs (the networkx view, the build summary) sit next to it.
`write_store` builds the whole folder in a temporary sibling and swaps it in,
so a failed build never leaves a half-written store. Queries bind their
parameters through pyoxigraph `substitutions`, never by formatting values into
the query text.
"""
from __future__ import annotations

import os
import re
import shutil
import tempfile
from datetime import date, datetime
from decimal import Decimal
from pathlib import Path
from typing import Any, Callable, Iterable, Mapping, Optional

import pandas as pd
import pyoxigraph as ox
from rdflib import BNode, Graph, Literal, URIRef

OXIGRAPH_DIR = "oxigraph"


class StoreError(RuntimeError):
    """The store folder is missing or unreadable."""


def to_ox(term: Any) -> Any:
    """An rdflib term (or a Python value) as a pyoxigraph term."""
    if isinstance(term, (ox.NamedNode, ox.Literal, ox.BlankNode)):
        return term
    if isinstance(term, URIRef):
        return ox.NamedNode(str(term))
    if isinstance(term, BNode):
        return ox.BlankNode(str(term))
    if isinstance(term, Literal):
        if term.language:
            return ox.Literal(str(term), language=term.language)
        if term.datatype:
            return ox.Literal(str(term), datatype=ox.NamedNode(str(term.datatype)))
        return ox.Literal(str(term))
    if isinstance(term, bool):
        return ox.Literal("true" if term else "false", datatype=ox.NamedNode("http://www.w3.org/2001/XMLSchema#boolean"))
    if isinstance(term, int):
        return ox.Literal(str(term), datatype=ox.NamedNode("http://www.w3.org/2001/XMLSchema#integer"))
    if isinstance(term, float):
        return ox.Literal(repr(term), datatype=ox.NamedNode("http://www.w3.org/2001/XMLSchema#double"))
    if isinstance(term, str):
        return ox.Literal(term)
    raise TypeError(f"cannot bind {term!r} ({type(term).__name__}) as an RDF term")


_XSD_STRING = "http://www.w3.org/2001/XMLSchema#string"


def to_rdflib(term: Any) -> Any:
    """A pyoxigraph term as an rdflib term."""
    if isinstance(term, ox.NamedNode):
        return URIRef(term.value)
    if isinstance(term, ox.BlankNode):
        return BNode(term.value)
    if isinstance(term, ox.Literal):
        if term.language:
            return Literal(term.value, lang=term.language)
        dt = term.datatype.value
        return Literal(term.value) if dt == _XSD_STRING else Literal(term.value, datatype=URIRef(dt))
    raise TypeError(f"unexpected term {term!r}")


def _python(term: Any) -> Any:
    """A result cell: IRIs as strings; numbers as int or float; booleans; dates as ISO text; other literals as text."""
    if term is None:
        return None
    if isinstance(term, ox.Literal):
        if term.datatype.value == _XSD_STRING or term.language:
            return term.value
        value = to_rdflib(term).toPython()
        if isinstance(value, bool) or isinstance(value, int):
            return value
        if isinstance(value, (Decimal, float)):
            return float(value)
        if isinstance(value, (date, datetime)):
            return value.isoformat()
        return term.value if isinstance(value, Literal) else value
    return term.value


def _triples(rdf_graph: Graph) -> Iterable[ox.Quad]:
    for s, p, o in rdf_graph:
        yield ox.Quad(to_ox(s), to_ox(p), to_ox(o), ox.DefaultGraph())


def write_store(rdf_graph: Graph, path: Path, extras: Optional[Callable[[Path], None]] = None) -> Path:
    """Write `rdf_graph` as the store folder `path`, replacing any old one only once the new one is complete.

    `extras(folder)` may write further files into the new folder before the swap.
    """
    path = Path(path).resolve()
    if path.exists() and not (path.is_dir() and (store_exists(path) or not any(path.iterdir()))):
        raise StoreError(f"{path} exists and is not a stdkg store; refusing to replace it (choose another --store)")
    path.parent.mkdir(parents=True, exist_ok=True)
    tmp = Path(tempfile.mkdtemp(prefix=f".{path.name}.building-", dir=path.parent))
    try:
        store = ox.Store(str(tmp / OXIGRAPH_DIR))
        store.bulk_extend(_triples(rdf_graph))
        store.flush()
        del store
        if extras is not None:
            extras(tmp)
        old = None
        if path.exists():
            old = path.parent / f".{path.name}.old-{os.getpid()}"
            path.rename(old)
        tmp.rename(path)
        if old is not None:
            shutil.rmtree(old, ignore_errors=True)
    except BaseException:
        shutil.rmtree(tmp, ignore_errors=True)
        raise
    return path


def store_exists(path: Path) -> bool:
    return (Path(path) / OXIGRAPH_DIR).is_dir()


def open_store(path: Path, read_only: bool = True) -> ox.Store:
    """The Oxigraph store of a built folder (read-only by default, so several readers can share it)."""
    folder = Path(path) / OXIGRAPH_DIR
    if not folder.is_dir():
        raise StoreError(f"no graph store at {path} (run `stdkg build` first or pass --store PATH)")
    return ox.Store.read_only(str(folder)) if read_only else ox.Store(str(folder))


_PROJECTION = re.compile(r"\bSELECT\b(?P<head>.*?)\bWHERE\b", re.I | re.S)
_WHERE = re.compile(r"\bWHERE\s*\{", re.I)


def _projected(head: str) -> set[str]:
    """Variables a SELECT clause projects as they are (not those inside expressions, nor `AS` targets)."""
    plain = head
    while re.search(r"\([^()]*\)", plain):
        plain = re.sub(r"\([^()]*\)", " ", plain)
    return set(re.findall(r"[?$](\w+)", plain))


def bind(query_text: str, bindings: Mapping[str, Any]) -> tuple[str, dict[ox.Variable, Any]]:
    """Bind parameters: projected variables through `substitutions`, the others by a VALUES row of RDF terms.

    The VALUES row holds terms serialised by pyoxigraph (escaped N-Triples syntax), opening the
    first WHERE group, so a value can never change the query's structure.
    """
    head = _PROJECTION.search(query_text)
    projected = _projected(head.group("head")) if head else set()
    star = bool(head and re.search(r"^\s*(DISTINCT|REDUCED)?\s*\*", head.group("head"), re.I))
    substitutions: dict[ox.Variable, Any] = {}
    values: list[tuple[str, Any]] = []
    for name, value in sorted(bindings.items()):
        if value is None:
            continue
        if not re.fullmatch(r"\w+", name):
            raise ValueError(f"parameter name {name!r} is not a SPARQL variable name")
        if name in projected and not star:
            substitutions[ox.Variable(name)] = to_ox(value)
        else:
            values.append((name, to_ox(value)))
    if values:
        where = _WHERE.search(query_text)
        if where is None:
            raise ValueError("cannot bind parameters: the query has no WHERE group")
        row = " ".join(f"?{n}" for n, _ in values)
        terms = " ".join(str(t) for _, t in values)
        query_text = f"{query_text[:where.end()]} VALUES ({row}) {{ ({terms}) }} {query_text[where.end():]}"
    return query_text, substitutions


def select(store: ox.Store, query_text: str, bindings: Optional[Mapping[str, Any]] = None) -> pd.DataFrame:
    """Run a SELECT with `bindings` substituted for its variables; one column per projected variable."""
    query_text, substitutions = bind(query_text, bindings or {})
    solutions = store.query(query_text, substitutions=substitutions or None)
    columns = [v.value for v in solutions.variables]
    rows = [[_python(sol[c]) for c in columns] for sol in solutions]
    return pd.DataFrame(rows, columns=columns)


def to_rdflib_graph(store: ox.Store) -> Graph:
    """The default graph of the store as an rdflib Graph (for pyshacl and serialisation)."""
    g = Graph()
    cache: dict[Any, Any] = {}

    def term(t: Any) -> Any:
        found = cache.get(t)
        if found is None:
            found = cache[t] = to_rdflib(t)
        return found

    g.addN((term(q.subject), term(q.predicate), term(q.object), g)
           for q in store.quads_for_pattern(None, None, None, ox.DefaultGraph()))
    return g
