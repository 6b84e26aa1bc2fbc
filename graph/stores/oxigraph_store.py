"""The embedded persistent SPARQL store (pyoxigraph on disk), written atomically under a lock.

A store folder holds `stdkg-store.json` (the marker: this is a stdkg store, and
which version folder is current), `.lock`, and version folders `v-…/` with
`oxigraph/` (the data), `manifest.json` (sources, triple counts, content stamp)
and other build outputs. A write makes a new version folder and switches the
marker to it with one atomic rename; leftovers of interrupted writes are removed
by the next write. Nothing in a store is executable (no pickle).

Inside Oxigraph each source (a document, the reference data) has its own named
graph of facts and a candidate graph of its label candidates; the labels chosen
over all candidates form the labels graph; the default graph is the union of
the fact graphs and the labels graph, so queries need no dataset options.
Queries bind their parameters through pyoxigraph `substitutions`, never by
formatting values into the query text.
"""
from __future__ import annotations

import fcntl
import json
import os
import re
import secrets
import shutil
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Callable, Iterable, Iterator, Mapping, Optional
from urllib.parse import quote

import pyoxigraph as ox
from rdflib import Graph

from stdkg.errors import StdkgError
from stdkg.terms import to_ox, to_rdflib

OXIGRAPH_DIR = "oxigraph"


MARKER_FILE = "stdkg-store.json"
LOCK_FILE = ".lock"
VERSION_MARK = ".stdkg-version"
MANIFEST_FILE = "manifest.json"
STORE_FORMAT = "stdkg-store"
FORMAT_VERSION = 1

GRAPH_BASE = "https://w3id.org/stdkg/graph/"
LABELS_GRAPH = ox.NamedNode(GRAPH_BASE + "labels")
CANDIDATE_GRAPH_BASE = GRAPH_BASE + "label-candidates/"
CANDIDATE_PREDICATE_BASE = "https://w3id.org/stdkg/internal/labelCandidate/"
BASE_SOURCE = "reference"
_PREF_LABEL = ox.NamedNode("http://www.w3.org/2004/02/skos/core#prefLabel")
_ALT_LABEL = ox.NamedNode("http://www.w3.org/2004/02/skos/core#altLabel")


class StoreError(StdkgError, RuntimeError):
    """The store folder is missing, unreadable or cannot be written."""


class NotAStoreError(StoreError):
    """A folder that is not a stdkg store (no marker file written by stdkg)."""


class DamagedStoreError(StoreError):
    """A stdkg store whose marker, manifest or Oxigraph data cannot be read or do not agree."""


class StoreLockedError(StoreError):
    """Another build, add or remove is writing the store."""


def source_graph(key: str) -> ox.NamedNode:
    """The named graph holding the facts of one source (`document/<doc id>` or `reference`)."""
    return ox.NamedNode(GRAPH_BASE + key)


def candidate_graph(key: str) -> ox.NamedNode:
    """The named graph holding one source's label candidates (never part of the default graph)."""
    return ox.NamedNode(CANDIDATE_GRAPH_BASE + key)


def document_key(doc: str) -> str:
    return "document/" + quote(doc, safe="")


def _marker(path: Path) -> Optional[dict]:
    """The store marker of `path`, None if there is none; DamagedStoreError if it cannot be read."""
    marker = Path(path) / MARKER_FILE
    try:
        text = marker.read_text(encoding="utf-8")
    except FileNotFoundError:
        return None
    except OSError as e:
        raise DamagedStoreError(f"{marker}: cannot read the store marker ({e.strerror})") from None
    try:
        data = json.loads(text)
    except ValueError as e:
        raise DamagedStoreError(f"{marker}: the store marker is not valid JSON ({e})",
                                "Rebuild the store with `stdkg build`.") from None
    if not isinstance(data, dict) or data.get("format") != STORE_FORMAT or not isinstance(data.get("current"), str):
        raise DamagedStoreError(f"{marker}: not a stdkg store marker", "Rebuild the store with `stdkg build`.")
    if data.get("version") != FORMAT_VERSION:
        raise DamagedStoreError(f"{marker}: store format version {data.get('version')!r}, this stdkg reads {FORMAT_VERSION}",
                                "Rebuild the store with `stdkg build`.")
    return data


def _own_entry(entry: Path) -> bool:
    """An entry stdkg itself puts in a store folder (lock, marker, its temporary files, version folders)."""
    name = entry.name
    if name in (LOCK_FILE, MARKER_FILE) or name.startswith(MARKER_FILE + ".tmp-"):
        return True
    return name.startswith("v-") and entry.is_dir() and (entry / VERSION_MARK).is_file()


def current_folder(path: Path) -> Path:
    """The version folder the store's marker points at (NotAStoreError / DamagedStoreError otherwise)."""
    path = Path(path)
    if not path.is_dir():
        raise StoreError(f"no graph store at {path}", "Run `stdkg build` first (or pass --store PATH).")
    marker = _marker(path)
    if marker is None:
        raise NotAStoreError(f"{path} is not a stdkg store (no {MARKER_FILE})",
                             "Run `stdkg build` first (or pass --store PATH).")
    folder = path / marker["current"]
    if Path(marker["current"]).name != marker["current"] or not (folder / OXIGRAPH_DIR).is_dir():
        raise DamagedStoreError(f"{path}: damaged store: its data folder {marker['current']!r} is missing",
                                "Rebuild the store with `stdkg build`.")
    return folder


def store_exists(path: Path) -> bool:
    """True if `path` is a readable stdkg store."""
    try:
        current_folder(path)
    except StoreError:
        return False
    return True


def read_manifest(path: Path) -> dict:
    """The manifest of the store's current version: its sources, triple count and content stamp."""
    file = current_folder(path) / MANIFEST_FILE
    try:
        data = json.loads(file.read_text(encoding="utf-8"))
    except (OSError, ValueError) as e:
        raise DamagedStoreError(f"{file}: damaged store: the manifest cannot be read ({e})",
                                "Rebuild the store with `stdkg build`.") from None
    if not isinstance(data, dict) or not isinstance(data.get("sources"), dict) or "stamp" not in data:
        raise DamagedStoreError(f"{file}: damaged store: the manifest lacks its sources or stamp",
                                "Rebuild the store with `stdkg build`.")
    return data


def open_store(path: Path, read_only: bool = True) -> ox.Store:
    """The Oxigraph store of a built folder, read-only by default so several readers can share it.

    Its default graph is the whole graph (the union of the per-source named graphs and
    the chosen labels), so queries need no dataset options.
    """
    folder = current_folder(path) / OXIGRAPH_DIR
    try:
        return ox.Store.read_only(str(folder)) if read_only else ox.Store(str(folder))
    except (OSError, RuntimeError) as e:
        raise DamagedStoreError(f"{path}: damaged store: Oxigraph cannot open {folder} ({e})",
                                "Run `stdkg check`, then rebuild with `stdkg build`.") from None


def _mkdir(path: Path) -> None:
    """Create a folder with the default permissions (the umask decides, as for any file)."""
    try:
        path.mkdir(parents=True, exist_ok=True)
    except OSError as e:
        raise StoreError(f"{path}: cannot create the store folder ({e.strerror})") from None


def _check_writable_target(path: Path) -> None:
    if path.exists() and not path.is_dir():
        raise NotAStoreError(f"{path} exists and is not a stdkg store (it is a file); refusing to replace it",
                             "Choose another --store.")
    if path.is_dir() and _marker(path) is None:
        foreign = [p.name for p in path.iterdir() if not _own_entry(p)]
        if foreign:
            raise NotAStoreError(
                f"{path} exists and is not a stdkg store (no {MARKER_FILE}; it holds {', '.join(sorted(foreign)[:3])}"
                f"{'…' if len(foreign) > 3 else ''}); refusing to write into it",
                "A store made by an older stdkg (oxigraph/, graph.gpickle, build.json and no marker) must be removed "
                "by hand and built again." if (path / OXIGRAPH_DIR).is_dir() and (path / "build.json").is_file()
                else "Choose another --store (an empty or new folder).")


@contextmanager
def _locked(path: Path) -> Iterator[None]:
    lock = path / LOCK_FILE
    try:
        fd = os.open(lock, os.O_RDWR | os.O_CREAT, 0o666)
    except OSError as e:
        raise StoreError(f"{path}: cannot write the store ({e.strerror})") from None
    try:
        try:
            fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
        except BlockingIOError:
            raise StoreLockedError(f"{path}: another stdkg build, add or remove is writing this store",
                                   "Wait for it to finish and try again.") from None
        yield
    finally:
        os.close(fd)


def _clean_stale(path: Path, keep: Optional[str]) -> list[str]:
    """Remove leftovers of interrupted writes: version folders the marker does not point at, marker temp files."""
    removed = []
    for entry in path.iterdir():
        if entry.name == keep or not _own_entry(entry) or entry.name in (LOCK_FILE, MARKER_FILE):
            continue
        if entry.is_dir():
            shutil.rmtree(entry, ignore_errors=True)
        else:
            entry.unlink(missing_ok=True)
        removed.append(entry.name)
    return removed


def _write_marker(path: Path, current: str) -> None:
    tmp = path / f"{MARKER_FILE}.tmp-{secrets.token_hex(4)}"
    payload = json.dumps({"format": STORE_FORMAT, "version": FORMAT_VERSION, "current": current}, indent=1)
    with open(tmp, "w", encoding="utf-8") as handle:
        handle.write(payload + "\n")
        handle.flush()
        os.fsync(handle.fileno())
    os.replace(tmp, path / MARKER_FILE)
    try:
        dir_fd = os.open(path, os.O_RDONLY)
        try:
            os.fsync(dir_fd)
        finally:
            os.close(dir_fd)
    except OSError:
        pass


@dataclass
class StoreWrite:
    """One write of a store in progress: a new version folder, its Oxigraph store open for writing."""

    path: Path
    folder: Path
    store: Optional[ox.Store]
    previous: Optional[dict]
    cleaned: list[str] = field(default_factory=list)


@contextmanager
def writing(path: Path, from_current: bool = False) -> Iterator[StoreWrite]:
    """Write a new version of the store `path` under its lock; it replaces the old one only if the block completes.

    The new version is a fresh folder (a copy of the current data if `from_current`);
    the switch is one atomic rename of the marker file, so a kill at any moment
    leaves either the old store or the new one. Leftovers of interrupted writes
    are removed at the start. A folder that is neither new, empty nor a stdkg
    store is refused (NotAStoreError) and nothing in it is touched.
    """
    path = Path(path).absolute()
    _check_writable_target(path)
    _mkdir(path)
    with _locked(path):
        _check_writable_target(path)
        marker = _marker(path)
        current = marker["current"] if marker else None
        cleaned = _clean_stale(path, current)
        previous = None
        if from_current:
            if current is None:
                raise StoreError(f"no graph store at {path}", "Run `stdkg build` first (or pass --store PATH).")
            previous = read_manifest(path)
        folder = path / f"v-{secrets.token_hex(6)}"
        try:
            folder.mkdir()
            (folder / VERSION_MARK).write_text("stdkg store data; removed when no longer current\n", encoding="utf-8")
            if from_current:
                open_store(path).backup(str(folder / OXIGRAPH_DIR))
            write = StoreWrite(path, folder, ox.Store(str(folder / OXIGRAPH_DIR)), previous, cleaned)
            yield write
            write.store.flush()
            write.store = None
            if not (folder / MANIFEST_FILE).is_file():
                raise StoreError(f"{folder}: internal error: the write left no manifest")
            _write_marker(path, folder.name)
        except OSError as e:
            write_store_failed = StoreError(f"{path}: cannot write the store ({e.strerror or e})")
            shutil.rmtree(folder, ignore_errors=True)
            raise write_store_failed from e
        except BaseException:
            shutil.rmtree(folder, ignore_errors=True)
            raise
        if current is not None and current != folder.name:
            shutil.rmtree(path / current, ignore_errors=True)


def write_manifest(folder: Path, manifest: dict) -> None:
    (Path(folder) / MANIFEST_FILE).write_text(json.dumps(manifest, ensure_ascii=False, indent=1) + "\n",
                                              encoding="utf-8")


def candidate_quads(candidates: Mapping[tuple[Any, str], Iterable[tuple[int, str]]], graph: ox.NamedNode,
                    terms: Callable[[Any], Any] = to_ox) -> Iterator[ox.Quad]:
    """Label candidates `{(node, lang): {(priority, text)}}` as quads of a candidate graph."""
    for (node, lang), values in candidates.items():
        subject = terms(node)
        for priority, text in values:
            yield ox.Quad(subject, ox.NamedNode(f"{CANDIDATE_PREDICATE_BASE}{int(priority)}"),
                          ox.Literal(text, language=lang), graph)


def write_sources(store: ox.Store, sources: Iterable[tuple[str, Iterable, Mapping]], labels: Graph,
                  base: Optional[tuple[str, Graph, Mapping]] = None) -> int:
    """Bulk-write a whole store: each (key, rdflib triples, label candidates) as its named graphs, the chosen
    `labels` as the labels graph, and the union of them all as the default graph.

    The `base` source (the reference data: large, changed only by a full build) goes into the
    default graph alone; its named graph holds just those of its triples another graph also
    states, which is all that removing a document needs. Returns that number.
    """
    terms = to_ox
    default = ox.DefaultGraph()
    base_graph = base[1] if base is not None else None
    shared: set = set()

    def visible(graph: ox.NamedNode, triples: Iterable) -> Iterator[ox.Quad]:
        for t in triples:
            s, p, o = terms(t[0]), terms(t[1]), terms(t[2])
            yield ox.Quad(s, p, o, graph)
            yield ox.Quad(s, p, o, default)
            if base_graph is not None and t in base_graph:
                shared.add((s, p, o))

    def quads() -> Iterator[ox.Quad]:
        if base is not None:
            for s, p, o in base[1]:
                yield ox.Quad(terms(s), terms(p), terms(o), default)
            yield from candidate_quads(base[2], candidate_graph(base[0]), terms)
        for key, triples, candidates in sources:
            yield from visible(source_graph(key), triples)
            yield from candidate_quads(candidates, candidate_graph(key), terms)
        yield from visible(LABELS_GRAPH, labels)
        if base is not None:
            graph = source_graph(base[0])
            for s, p, o in shared:
                yield ox.Quad(s, p, o, graph)

    store.bulk_extend(quads())
    return len(shared)


def write_stream(store: ox.Store, sources: Iterable[tuple[str, bytes, Mapping]], rule: "LabelRule",
                 base: Optional[tuple[str, Graph, Mapping]] = None) -> int:
    """Bulk-write a whole store from a stream of sources, each (key, its facts as N-Triples, its label
    candidates), taken one at a time: the same graphs `write_sources` writes, with the labels graph
    chosen by `rule` over every source's candidates once the stream ends. Only the base source's
    triples and the candidates are held meanwhile. Returns the number of base triples shared."""
    default = ox.DefaultGraph()
    base_triples: set = set()
    shared: set = set()
    candidates: dict = {}

    def merge(values: Mapping) -> None:
        for key, found in values.items():
            candidates.setdefault(key, set()).update(found)

    def quads() -> Iterator[ox.Quad]:
        if base is not None:
            for s, p, o in base[1]:
                triple = (to_ox(s), to_ox(p), to_ox(o))
                base_triples.add(triple)
                yield ox.Quad(*triple, default)
            yield from candidate_quads(base[2], candidate_graph(base[0]))
            merge(base[2])
        for key, facts, values in sources:
            graph = source_graph(key)
            for t in ox.parse(facts, format=ox.RdfFormat.N_TRIPLES):
                triple = (t.subject, t.predicate, t.object)
                yield ox.Quad(*triple, graph)
                yield ox.Quad(*triple, default)
                if triple in base_triples:
                    shared.add(triple)
            yield from candidate_quads(values, candidate_graph(key))
            merge(values)
        for s, p, o in rule(candidates):
            triple = (to_ox(s), to_ox(p), to_ox(o))
            yield ox.Quad(*triple, LABELS_GRAPH)
            yield ox.Quad(*triple, default)
            if triple in base_triples:
                shared.add(triple)
        if base is not None:
            graph = source_graph(base[0])
            for triple in shared:
                yield ox.Quad(*triple, graph)

    store.bulk_extend(quads())
    return len(shared)


def _claim_for_base(store: ox.Store, triple: ox.Triple) -> None:
    """Before a named graph states `triple`: if only the base source's default-graph triples hold it, record it in
    the base source's named graph too, so removing the new statement later keeps it."""
    found = list(store.quads_for_pattern(triple.subject, triple.predicate, triple.object, None))
    if found and all(isinstance(q.graph_name, ox.DefaultGraph) for q in found):
        store.add(ox.Quad(triple.subject, triple.predicate, triple.object, source_graph(BASE_SOURCE)))


def _unstate(store: ox.Store, triple: ox.Triple) -> None:
    """After a named graph stopped stating `triple`: drop it from the default graph if no graph states it any
    more; keep it there (as a base-source triple only) if just the base source still does."""
    graphs = {q.graph_name for q in store.quads_for_pattern(triple.subject, triple.predicate, triple.object, None)
              if not isinstance(q.graph_name, ox.DefaultGraph)}
    base = source_graph(BASE_SOURCE)
    if graphs == {base}:
        store.remove(ox.Quad(triple.subject, triple.predicate, triple.object, base))
    elif not graphs:
        store.remove(ox.Quad(triple.subject, triple.predicate, triple.object, ox.DefaultGraph()))


LabelRule = Callable[[dict[tuple[Any, str], set[tuple[int, str]]]], Iterable[tuple[Any, Any, Any]]]


def _relabel(store: ox.Store, nodes: Iterable[Any], rule: LabelRule) -> None:
    """Recompute the chosen labels of `nodes` from every candidate graph, updating the labels and default graphs."""
    default = ox.DefaultGraph()
    for node in nodes:
        candidates: dict[tuple[Any, str], set[tuple[int, str]]] = {}
        for q in store.quads_for_pattern(node, None, None, None):
            if q.predicate.value.startswith(CANDIDATE_PREDICATE_BASE):
                priority = int(q.predicate.value[len(CANDIDATE_PREDICATE_BASE):])
                candidates.setdefault((to_rdflib(node), q.object.language), set()).add((priority, q.object.value))
        new = {ox.Triple(to_ox(s), to_ox(p), to_ox(o)) for s, p, o in rule(candidates)}
        old = {q.triple for q in store.quads_for_pattern(node, None, None, LABELS_GRAPH)}
        for t in old - new:
            store.remove(ox.Quad(t.subject, t.predicate, t.object, LABELS_GRAPH))
            _unstate(store, t)
        for t in new - old:
            _claim_for_base(store, t)
            store.add(ox.Quad(t.subject, t.predicate, t.object, LABELS_GRAPH))
            store.add(ox.Quad(t.subject, t.predicate, t.object, default))


def remove_source(store: ox.Store, key: str, rule: LabelRule) -> int:
    """Remove one source's named graphs, and from the default graph every triple no other graph states; its
    labelled nodes are labelled again from the remaining candidates. Returns the number of its facts."""
    if key == BASE_SOURCE:
        raise StoreError(f"the {BASE_SOURCE} source is replaced by a full build only")
    graph, cgraph = source_graph(key), candidate_graph(key)
    facts = [q.triple for q in store.quads_for_pattern(None, None, None, graph)]
    touched = {q.subject for q in store.quads_for_pattern(None, None, None, cgraph)}
    if store.contains_named_graph(graph):
        store.remove_graph(graph)
    if store.contains_named_graph(cgraph):
        store.remove_graph(cgraph)
    for t in facts:
        _unstate(store, t)
    _relabel(store, sorted(touched, key=str), rule)
    return len(facts)


def add_source(store: ox.Store, key: str, triples: Iterable, candidates: Mapping, rule: LabelRule) -> None:
    """Add (or replace) one source: its facts in its named graph and the default graph, its label candidates,
    and the chosen labels of the nodes it names."""
    graph = source_graph(key)
    if store.contains_named_graph(graph) or store.contains_named_graph(candidate_graph(key)):
        remove_source(store, key, rule)
    terms = to_ox
    default = ox.DefaultGraph()
    quads = []
    for s, p, o in triples:
        s, p, o = terms(s), terms(p), terms(o)
        _claim_for_base(store, ox.Triple(s, p, o))
        quads += [ox.Quad(s, p, o, graph), ox.Quad(s, p, o, default)]
    store.add_graph(graph)
    store.extend(quads)
    cquads = list(candidate_quads(candidates, candidate_graph(key), terms))
    store.extend(cquads)
    _relabel(store, sorted({q.subject for q in cquads}, key=str), rule)


def count_triples(store: ox.Store) -> dict[str, int]:
    """Triples per graph: "" for the default graph, else the named graph's IRI."""
    counts = {"": 0}
    for row in store.query("SELECT (COUNT(*) AS ?n) WHERE { ?s ?p ?o }"):
        counts[""] = int(row["n"].value)
    for row in store.query("SELECT ?g (COUNT(*) AS ?n) WHERE { GRAPH ?g { ?s ?p ?o } } GROUP BY ?g"):
        counts[row["g"].value] = int(row["n"].value)
    return counts


def check(path: Path) -> list[str]:
    """Problems found in the store `path` (empty if it is sound): marker, manifest, Oxigraph data, and that
    each graph holds the triples the manifest records."""
    try:
        manifest = read_manifest(path)
        store = open_store(path)
        counts = count_triples(store)
    except StoreError as e:
        return [str(e)]
    except (OSError, RuntimeError) as e:
        return [f"{path}: damaged store: Oxigraph cannot read its data ({e})"]
    problems = []
    if counts[""] != manifest.get("triples"):
        problems.append(f"{path}: damaged store: the default graph holds {counts['']} triples, "
                        f"the manifest records {manifest.get('triples')}")
    for key, source in sorted(manifest["sources"].items()):
        found = counts.get(source_graph(key).value, 0)
        if found != source.get("shared" if key == BASE_SOURCE else "triples"):
            problems.append(f"{path}: damaged store: source {key} holds {found} triples, "
                            f"the manifest records {source.get('triples')}")
    known = {source_graph(k).value for k in manifest["sources"]} | {candidate_graph(k).value for k in manifest["sources"]}
    known |= {LABELS_GRAPH.value, ""}
    for graph in sorted(set(counts) - known):
        problems.append(f"{path}: damaged store: graph <{graph}> is not in the manifest")
    return problems


def write_store(rdf_graph: Graph, path: Path, extras: Optional[Callable[[Path], None]] = None) -> Path:
    """Write `rdf_graph` as the store folder `path` (one source, `graph`), replacing any old store only once
    the new one is complete. `extras(folder)` may write further files into the new version folder."""
    with writing(path) as w:
        write_sources(w.store, [("graph", rdf_graph, {})], Graph())
        n = len(rdf_graph)
        write_manifest(w.folder, {"stamp": w.folder.name, "triples": n,
                                  "sources": {"graph": {"kind": "graph", "triples": n}}})
        if extras is not None:
            extras(w.folder)
    return Path(path).absolute()


_PROJECTION = re.compile(r"\bSELECT\b(?P<head>.*?)\bWHERE\b", re.I | re.S)
_WHERE = re.compile(r"\bWHERE\s*\{", re.I)


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
