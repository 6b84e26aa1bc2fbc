"""The embedded persistent SPARQL store (pyoxigraph on disk).

A built graph lives in a folder: `STORE/oxigraph/` is the Oxigraph store, and
other build outputs (the networkx view, the build summary) sit next to it.
`write_store` builds the whole folder in a temporary sibling and swaps it in,
so a failed build never leaves a half-written store. Terms convert through
`stdkg.stores.terms`; queries run through `stdkg.stores.engines.OxigraphEngine`.
"""
from __future__ import annotations

import os
import shutil
import tempfile
from pathlib import Path
from typing import Any, Callable, Iterable, Optional

import pyoxigraph as ox
from rdflib import Graph

from stdkg.stores.terms import to_ox, to_rdflib

OXIGRAPH_DIR = "oxigraph"


class StoreError(RuntimeError):
    """The store folder is missing or unreadable."""


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
