"""The build jobs: records → per-source triples → the embedded store; and the views read back from it.

`build` writes a whole store; `add_documents` and `remove_documents` change one
document at a time. Each document's facts live in their own named graph, the
reference data in another; the labels chosen over all sources in a third; the
store's default graph is their union (what questions, views and exports read).
Every source is built alone (a fresh builder), so a fact shared by several
documents is stated by each of them and stays until the last one goes; adding
documents one by one gives the triples a build of them all gives.

By default the shipped records of the corpus (`graph/data/records/*.json`) are
built; `docs=DIR` extracts a folder of documents instead (subfolders included;
the doc id is the path relative to DIR without its suffix, kept unique).
Reference registries come from `reference`, else `$STDKG_REFERENCE`, else
`../shared/reference` next to the repository, else the slice shipped in
`graph/data/reference`. A build that reads no document, or cannot read the
reference data it was pointed at, fails (exit 1) and leaves the store as it
was; one where some files fail writes the rest and exits 3 (EXIT_PARTIAL).
"""
from __future__ import annotations

import hashlib
import json
import multiprocessing
import os
import sys
import time
from collections import Counter
from contextlib import contextmanager
from dataclasses import asdict, dataclass, field
from pathlib import Path
from typing import Any, Callable, Iterable, Iterator, Optional, Union

import networkx as nx
import pyoxigraph as ox
from rdflib import Graph

from stdkg.build import document_source, reference_source, resolver_for
from stdkg.entities import Labels
from stdkg.graph_writer import GraphWriter
from stdkg.iris import slug
from stdkg.errors import EXIT_FAILED, EXIT_OK, EXIT_PARTIAL, StdkgError
from stdkg.loaders.reference import ReferenceDataError, load_reference
from stdkg.loaders.registry import Registries, load_registries
from stdkg.property_graph import to_networkx
from stdkg.records import PolicyRecords, records_from_dict
from stdkg.stores import oxigraph_store
from stdkg.terms import to_ox
from stdkg.stores.oxigraph_store import StoreError  # noqa: F401  (re-exported for callers of the pipeline)
from stdkg.vocabulary import RECORDS_DIR, REFERENCE_DIR as SHIPPED_REFERENCE

REPO_ROOT = Path(__file__).resolve().parent.parent
DEFAULT_REFERENCE = REPO_ROOT.parent / "shared" / "reference"
SUMMARY_FILE = "build.json"
NETWORKX_CACHE = "networkx.json"
REFERENCE_KEY = oxigraph_store.BASE_SOURCE


class OutputError(StdkgError):
    """An output folder that cannot be written (a file in its place, no permission)."""


@dataclass
class BuildResult:
    """What a build, add, remove or extract read and wrote, with counts, timings, per-file errors and the exit code."""

    store: str
    documents: list[str] = field(default_factory=list)
    reference: Optional[str] = None
    triples: int = 0
    nodes: int = 0
    edges: int = 0
    nodes_by_label: dict[str, int] = field(default_factory=dict)
    edges_by_type: dict[str, int] = field(default_factory=dict)
    seconds: dict[str, float] = field(default_factory=dict)
    notes: list[str] = field(default_factory=list)
    errors: list[str] = field(default_factory=list)
    file_errors: dict[str, str] = field(default_factory=dict)
    added: list[str] = field(default_factory=list)
    replaced: list[str] = field(default_factory=list)
    unchanged: list[str] = field(default_factory=list)
    removed: list[str] = field(default_factory=list)
    written: bool = False
    exit_code: int = EXIT_OK

    def fail(self, message: str) -> "BuildResult":
        self.errors.append(message)
        self.exit_code = EXIT_FAILED
        return self

    def file_failed(self, file: str, message: str) -> None:
        self.file_errors[file] = message
        self.errors.append(message)

    def summary(self) -> str:
        if not self.written:
            lines = [f"{self.store}: not written" + ("; the store is unchanged" if self.exit_code else "")]
        else:
            lines = [f"wrote {self.store}: {self.triples} triples"
                     + (f"; {self.nodes} nodes, {self.edges} edges" if self.nodes else "")]
        if self.documents:
            lines.append(f"documents: {', '.join(self.documents)}")
        for name in ("added", "replaced", "unchanged", "removed"):
            if getattr(self, name):
                lines.append(f"{name}: {', '.join(getattr(self, name))}")
        if self.written and self.reference is not None:
            lines.append(f"reference: {self.reference}")
        if self.nodes_by_label:
            lines.append("nodes: " + ", ".join(f"{k} {v}" for k, v in sorted(self.nodes_by_label.items())))
            lines.append("edges: " + ", ".join(f"{k} {v}" for k, v in sorted(self.edges_by_type.items())))
        if self.seconds:
            lines.append("time: " + ", ".join(f"{k} {v:.1f} s" for k, v in self.seconds.items()))
        lines += [f"note: {n}" for n in self.notes]
        return "\n".join(lines)

    def finish(self) -> "BuildResult":
        """Set the exit code: failed stays failed; written with file errors is partial."""
        if self.exit_code == EXIT_OK and self.errors:
            self.exit_code = EXIT_PARTIAL if (self.written or self.documents) else EXIT_FAILED
        return self


class RecordsError(StdkgError):
    """A shipped records file that cannot be read."""


@dataclass
class Source:
    """One document to build: its records, and where they came from (for the manifest)."""

    records: PolicyRecords
    path: Path
    source: str
    sha256: str


def file_digest(path: Path) -> str:
    return hashlib.sha256(Path(path).read_bytes()).hexdigest()


def shipped_records(directory: Path = RECORDS_DIR) -> list[PolicyRecords]:
    """The extracted records of the corpus documents shipped with the package."""
    out = []
    for path in sorted(directory.glob("*.json")):
        try:
            out.append(records_from_dict(json.loads(path.read_text(encoding="utf-8"))))
        except (ValueError, KeyError, TypeError) as e:
            raise RecordsError(f"{path}: {e}") from e
    return out


def _shipped_sources(directory: Path = RECORDS_DIR) -> tuple[list[Source], dict[str, str]]:
    sources, errors = [], {}
    for path in sorted(directory.glob("*.json")):
        try:
            data = path.read_bytes()
            records = records_from_dict(json.loads(data.decode("utf-8")))
        except (OSError, ValueError, KeyError, TypeError) as e:
            errors[str(path)] = f"{path}: not a records file ({type(e).__name__}: {e})"
            continue
        sources.append(Source(records, path.absolute(), path.name, hashlib.sha256(data).hexdigest()))
    return sources, errors


def load_shipped(directory: Path = RECORDS_DIR) -> tuple[list[PolicyRecords], list[str]]:
    """(records, errors): each readable shipped file, and an error naming each one that is not."""
    sources, errors = _shipped_sources(directory)
    return [s.records for s in sources], list(errors.values())


def reference_dir(reference: Optional[Path] = None) -> Optional[Path]:
    """The reference folder to use: the argument, $STDKG_REFERENCE, ../shared/reference if present,
    else the slice shipped in `graph/data/reference` (the rows the shipped records reach)."""
    if reference is not None:
        return Path(reference)
    env = os.environ.get("STDKG_REFERENCE")
    if env:
        return Path(env)
    if DEFAULT_REFERENCE.is_dir():
        return DEFAULT_REFERENCE
    return SHIPPED_REFERENCE if SHIPPED_REFERENCE.is_dir() else None


def scan_documents(docs: Path) -> tuple[list[Path], dict[str, str]]:
    """(files, problems): every document file under `docs`, subfolders included, in path order; hidden
    entries, broken links and entries that cannot be listed become problems naming them."""
    files: list[Path] = []
    problems: dict[str, str] = {}

    def walk(folder: Path) -> None:
        try:
            entries = sorted(folder.iterdir())
        except OSError as e:
            problems[str(folder)] = f"{folder}: cannot list folder ({e.strerror})"
            return
        for entry in entries:
            if entry.name.startswith("."):
                problems[str(entry)] = f"{entry}: hidden, skipped"
            elif entry.is_symlink() and not entry.exists():
                problems[str(entry)] = f"{entry}: broken link"
            elif entry.is_dir():
                walk(entry)
            elif entry.is_file():
                files.append(entry)
            else:
                problems[str(entry)] = f"{entry}: not a regular file"

    walk(Path(docs))
    return files, problems


def document_files(docs: Path) -> list[Path]:
    """The document files under `docs` (subfolders included, hidden entries and broken links left out)."""
    return scan_documents(docs)[0]


def assign_ids(relative: list[str], paths: list[Path], taken: Iterable[str] = ()) -> list[str]:
    """A doc id per file: its path relative to the folder given, without the suffix (`a/plan`). Files whose ids
    would collide (with each other or with `taken`, also in the IRIs minted from them) keep their suffix
    (`dup.txt`, `dup.html`); past that they get a digest of their full path."""
    used = {slug(t) for t in taken}
    stems = [Path(r).with_suffix("").as_posix() if Path(r).suffix else r for r in relative]
    stem_count = Counter(slug(s) for s in stems)
    rel_count = Counter(slug(r) for r in relative)
    ids = []
    for stem, rel, path in zip(stems, relative, paths):
        doc = stem if stem_count[slug(stem)] == 1 and slug(stem) not in used else rel
        if slug(doc) in used or (doc == rel and rel_count[slug(rel)] > 1):
            doc = f"{rel}~{hashlib.sha256(str(Path(path).absolute()).encode('utf-8')).hexdigest()[:8]}"
        used.add(slug(doc))
        ids.append(doc)
    return ids


def _extract(files: list[Path], ids: list[str], result: BuildResult) -> list[Source]:
    """Extract each file as the doc `ids[i]`; failures are recorded per file in `result`."""
    from stdkg.loaders.policy import load_policy_documents

    sources = []
    digests = {}
    readable, readable_ids = [], []
    for path, doc in zip(files, ids):
        try:
            digests[path] = file_digest(path)
        except OSError as e:
            result.file_failed(str(path), f"{path}: cannot read file ({e.strerror})")
            continue
        readable.append(path)
        readable_ids.append(doc)
    records, errors = load_policy_documents(readable, readable_ids)
    for e in errors:
        result.file_failed(str(getattr(e, "path", "")), str(e))
    by_doc = {r.doc: r for r in records}
    for path, doc in zip(readable, readable_ids):
        if doc in by_doc:
            sources.append(Source(by_doc[doc], path.absolute(), path.name, digests[path]))
    return sources


def load_documents(docs: Optional[Path]) -> tuple[list[PolicyRecords], list[str]]:
    """(records, errors): the shipped records, or a fresh extraction of the folder `docs`."""
    result = BuildResult(store="")
    sources = _document_sources(docs, result)
    return [s.records for s in sources], result.errors


def _document_sources(docs: Optional[Path], result: BuildResult) -> list[Source]:
    if docs is None:
        sources, errors = _shipped_sources()
        for file, message in errors.items():
            result.file_failed(file, message)
        return sources
    files, ids = _document_files(docs, result)
    return _extract(files, ids, result)


def _document_files(docs: Path, result: BuildResult) -> tuple[list[Path], list[str]]:
    """(files, doc ids) under the folder `docs`; a missing folder fails the result, hidden entries become
    notes and entries that cannot be read become per-file errors."""
    docs = Path(docs)
    if not docs.is_dir():
        result.fail(f"{docs}: not a folder of documents")
        return [], []
    files, problems = scan_documents(docs)
    for entry, message in problems.items():
        if message.endswith("hidden, skipped"):
            result.notes.append(message)
        else:
            result.file_failed(entry, message)
    return files, assign_ids([f.relative_to(docs).as_posix() for f in files], files)


def _load_reference(reference: Union[Path, bool, None], result: BuildResult):
    """The reference data to build with (None if none is found, or `reference` is False: build without); a
    folder that was asked for (argument, env or default) but cannot be read fails the result."""
    if reference is False:
        result.notes.append("built without reference registries, as asked")
        return None
    ref_dir = reference_dir(reference)
    if ref_dir is None:
        result.notes.append("no reference registries found (pass --reference or set STDKG_REFERENCE); built without")
        return None
    if not ref_dir.is_dir():
        result.fail(f"{ref_dir}: reference folder not found")
        return None
    try:
        ref = load_reference(ref_dir)
    except (ReferenceDataError, OSError, UnicodeDecodeError) as e:
        result.fail(f"{e}; reference data could not be read")
        return None
    result.reference = str(ref_dir)
    result.notes += ref.notes
    return ref


@dataclass
class Contribution:
    """What one source states: its facts (an rdflib Graph) and its label candidates {(node, lang): {(priority, text)}}."""

    key: str
    facts: Graph
    candidates: dict


def document_contribution(records: PolicyRecords, resolver) -> Contribution:
    writer = document_source(records, resolver)
    return Contribution(oxigraph_store.document_key(records.doc), writer.g, writer.labels.candidates)


def reference_contribution(reference, resolver) -> Contribution:
    writer = reference_source(reference, resolver)
    return Contribution(REFERENCE_KEY, writer.g, writer.labels.candidates)


def chosen_labels(candidates: dict) -> Graph:
    """The prefLabel/altLabel triples the build's label rule chooses from merged label proposals."""
    writer = GraphWriter()
    writer.labels = Labels.of(candidates)
    return writer.finish()


def _source_entry(src: Source, triples: int) -> dict[str, Any]:
    return {"kind": "document", "doc": src.records.doc, "source": src.source, "path": str(src.path),
            "sha256": src.sha256, "triples": triples}


def _write_view_cache(folder: Path, stamp: str, view: nx.MultiDiGraph) -> None:
    payload = json.dumps({"stamp": stamp, "nodes": [[n, a] for n, a in view.nodes(data=True)],
                          "edges": [[u, v, k, a] for u, v, k, a in view.edges(keys=True, data=True)]},
                         ensure_ascii=False)
    tmp = folder / f"{NETWORKX_CACHE}.tmp-{os.getpid()}"
    tmp.write_text(payload, encoding="utf-8")
    os.replace(tmp, folder / NETWORKX_CACHE)


def _summary(folder: Path, result: BuildResult) -> None:
    (folder / SUMMARY_FILE).write_text(json.dumps(asdict(result), ensure_ascii=False, indent=1), encoding="utf-8")


WORKERS_ENV = "STDKG_WORKERS"


def default_workers() -> int:
    """Processes that read and build documents: `$STDKG_WORKERS`, else up to 2 (one per core)."""
    env = os.environ.get(WORKERS_ENV)
    if env and env.isdigit() and int(env) > 0:
        return int(env)
    return max(1, min(2, os.cpu_count() or 1))


@dataclass
class BuiltDocument:
    """One document as a build worker hands it back: its facts as N-Triples, its label candidates, its
    manifest entry; or the error that kept it out (`failed`: file → message)."""

    key: str = ""
    doc: str = ""
    facts: bytes = b""
    triples: int = 0
    candidates: dict = field(default_factory=dict)
    entry: dict = field(default_factory=dict)
    failed: dict = field(default_factory=dict)


_WORKER_RESOLVER = None


def _build_one(job: tuple[str, Path, Optional[str]]) -> BuiltDocument:
    """Read one document (extract a file, or load a shipped records file) and build its graph alone;
    the records and their text are dropped once the triples are made."""
    kind, path, doc = job
    out = BuiltDocument()
    if kind == "records":
        try:
            data = path.read_bytes()
            records = records_from_dict(json.loads(data.decode("utf-8")))
        except (OSError, ValueError, KeyError, TypeError) as e:
            out.failed[str(path)] = f"{path}: not a records file ({type(e).__name__}: {e})"
            return out
        src = Source(records, path.absolute(), path.name, hashlib.sha256(data).hexdigest())
    else:
        scratch = BuildResult(store="")
        found = _extract([path], [doc], scratch)
        if not found:
            out.failed.update(scratch.file_errors)
            return out
        src = found[0]
    src.records.original_text = src.records.offset_map = None
    c = document_contribution(src.records, _WORKER_RESOLVER)
    out.key, out.doc, out.triples, out.candidates = c.key, src.records.doc, len(c.facts), c.candidates
    out.facts = ox.serialize((ox.Triple(to_ox(s), to_ox(p), to_ox(o)) for s, p, o in c.facts),
                             format=ox.RdfFormat.N_TRIPLES)
    out.entry = _source_entry(src, out.triples)
    return out


def _build_jobs(docs: Optional[Path], result: BuildResult) -> list[tuple[str, Path, Optional[str]]]:
    """What to read, in doc-id order: shipped records files, or the document files under `docs`."""
    if docs is None:
        return [("records", path, None) for path in sorted(RECORDS_DIR.glob("*.json"))]
    files, ids = _document_files(docs, result)
    return sorted((("file", path, doc) for path, doc in zip(files, ids)), key=lambda j: j[2])


@contextmanager
def _built_documents(jobs: list, resolver, workers: int) -> Iterator[Iterator[BuiltDocument]]:
    """The jobs' documents, built in order by `workers` processes (forked, sharing the resolver) or in this one."""
    global _WORKER_RESOLVER
    _WORKER_RESOLVER = resolver
    try:
        if workers <= 1 or len(jobs) <= 1:
            yield map(_build_one, jobs)
            return
        with multiprocessing.get_context("fork").Pool(workers) as pool:
            yield pool.imap(_build_one, jobs, chunksize=1)
    finally:
        _WORKER_RESOLVER = None


class _NoDocument(Exception):
    pass


Progress = Callable[[str, int, Optional[int]], None]


def _reporter(progress: Union[bool, Progress, None]) -> Progress:
    """The caller's progress callback `(stage, done, total)`, or one that does nothing (for True the build
    prints its stage timings on stderr instead)."""
    return progress if callable(progress) else (lambda stage, done, total: None)


def build(store: Path = Path("stdkg-data"), docs: Optional[Path] = None, reference: Union[Path, bool, None] = None,
          progress: Union[bool, Progress] = False, workers: Optional[int] = None) -> BuildResult:
    """Build the store folder from the documents and reference data, replacing the old store atomically.

    A streaming build: documents are read and built in `workers` processes (default
    `default_workers()`), one at a time each, and their triples go straight into the new
    store; no stage holds every document's records or triples. The property-graph view is
    projected from the store when it is first asked for.

    Returns a result whose `exit_code` is EXIT_OK, EXIT_PARTIAL (some files failed, the rest
    written) or EXIT_FAILED (no document read, or reference data asked for but unreadable:
    nothing written). Raises a `StoreError` for a store folder that cannot be written
    (not a stdkg store, locked by another writer, no permission).
    """
    timings: dict[str, float] = {}
    report = _reporter(progress)

    def step(name: str, started: float) -> None:
        timings[name] = time.perf_counter() - started
        if progress is True:
            print(f"  {name}: {timings[name]:.1f} s", file=sys.stderr)
        report(name, 1, 1)

    result = BuildResult(store=str(store))
    result.seconds = timings
    jobs = _build_jobs(docs, result)
    if result.exit_code:
        return result
    unchanged = f"; the store {store} is unchanged"
    if not jobs:
        return result.fail(f"no document could be read{f' in {docs}' if docs is not None else ''}{unchanged}")

    t = time.perf_counter()
    ref = _load_reference(reference, result)
    step("load reference", t)
    if result.exit_code:
        result.errors[-1] += unchanged
        return result

    t = time.perf_counter()
    resolver = resolver_for(load_registries(), ref)
    base = reference_contribution(ref, resolver) if ref is not None else None
    step("build reference graph", t)
    manifest: dict[str, Any] = {"sources": {}}
    try:
        with _built_documents(jobs, resolver, workers or default_workers()) as built, \
                oxigraph_store.writing(Path(store)) as w:
            t = time.perf_counter()
            documents = _document_quads(built, result, manifest, lambda done: report("documents", done, len(jobs)))
            shared = oxigraph_store.write_stream(w.store, documents, _label_rule,
                                                 base=(base.key, base.facts, base.candidates) if base else None)
            result.documents.sort()
            if not result.documents:
                raise _NoDocument
            step("documents to store", t)
            t = time.perf_counter()
            result.triples = oxigraph_store.count_triples(w.store)[""]
            manifest.update(stamp=w.folder.name, triples=result.triples)
            if base is not None:
                manifest["sources"] = {REFERENCE_KEY: {
                    "kind": "reference", "path": str(Path(result.reference).absolute()),
                    "triples": len(base.facts), "shared": shared}, **manifest["sources"]}
            oxigraph_store.write_manifest(w.folder, manifest)
            result.written = True
            result.finish()
            step("count and manifest", t)
            _summary(w.folder, result)
    except _NoDocument:
        result.written = False
        return result.fail(f"no document could be read{f' in {docs}' if docs is not None else ''}{unchanged}")
    return result


def _document_quads(built: Iterable[BuiltDocument], result: BuildResult, manifest: dict,
                    done: Callable[[int], None] = lambda n: None):
    """(key, facts N-Triples, candidates) of each built document, recording its manifest entry or its errors;
    `done(n)` after the n-th document."""
    for n, b in enumerate(built, 1):
        done(n)
        for file, message in b.failed.items():
            result.file_failed(file, message)
        if not b.key:
            continue
        result.documents.append(b.doc)
        manifest["sources"][b.key] = b.entry
        yield b.key, b.facts, b.candidates


def _recount(manifest: dict, store, result: BuildResult) -> None:
    counts = oxigraph_store.count_triples(store)
    manifest["triples"] = result.triples = counts[""]
    if REFERENCE_KEY in manifest["sources"]:
        manifest["sources"][REFERENCE_KEY]["shared"] = counts.get(oxigraph_store.source_graph(REFERENCE_KEY).value, 0)


def _documents_in(manifest: dict) -> dict[str, dict]:
    return {s["doc"]: s for s in manifest["sources"].values() if s.get("kind") == "document"}


class _NothingToWrite(Exception):
    pass


def _label_rule(candidates: dict):
    return chosen_labels(candidates)


def add_documents(store: Path, files: Iterable[Path], base: Optional[Path] = None,
                  progress: Union[bool, Progress] = False) -> BuildResult:
    """Add documents to a built store, or replace them if the same file was added before and its content
    changed (unchanged files are not read again). The doc id is the path relative to `base` (default: the
    file's folder) without its suffix, kept unique. Atomic and locked like `build`."""
    result = BuildResult(store=str(store))
    files = [Path(f) for f in files]
    if not files:
        return result.fail("no document files given")
    oxigraph_store.read_manifest(store)
    t = time.perf_counter()
    try:
        with oxigraph_store.writing(Path(store), from_current=True) as w:
            manifest = w.previous
            known = _documents_in(manifest)
            by_path = {s.get("path"): doc for doc, s in known.items()}
            todo, todo_ids, fresh, fresh_rel = [], [], [], []
            for f in files:
                if not f.is_file():
                    result.file_failed(str(f), f"{f}: {'broken link' if f.is_symlink() else 'no such file'}")
                    continue
                doc = by_path.get(str(f.absolute()))
                if doc is not None:
                    try:
                        same = file_digest(f) == known[doc].get("sha256")
                    except OSError as e:
                        result.file_failed(str(f), f"{f}: cannot read file ({e.strerror})")
                        continue
                    if same:
                        result.unchanged.append(doc)
                        continue
                    todo.append(f)
                    todo_ids.append(doc)
                else:
                    fresh.append(f)
                    folder = Path(base) if base is not None else f.parent
                    try:
                        fresh_rel.append(f.absolute().relative_to(folder.absolute()).as_posix())
                    except ValueError:
                        fresh_rel.append(f.name)
            todo += fresh
            todo_ids += assign_ids(fresh_rel, fresh, taken=known)
            sources = _extract(todo, todo_ids, result) if todo else []
            if not sources:
                raise _NothingToWrite
            resolver = resolver_for(load_registries())
            report = _reporter(progress)
            for n, s in enumerate(sources, 1):
                report("documents", n, len(sources))
                c = document_contribution(s.records, resolver)
                oxigraph_store.add_source(w.store, c.key, c.facts, c.candidates, _label_rule)
                (result.replaced if s.records.doc in known else result.added).append(s.records.doc)
                manifest["sources"][c.key] = _source_entry(s, len(c.facts))
            manifest["stamp"] = w.folder.name
            _recount(manifest, w.store, result)
            oxigraph_store.write_manifest(w.folder, manifest)
            result.written = True
            result.seconds["add"] = time.perf_counter() - t
            result.finish()
            _summary(w.folder, result)
    except _NothingToWrite:
        if not result.errors:
            result.notes.append("nothing changed")
    result.documents = sorted(result.added + result.replaced)
    return result.finish()


def remove_documents(store: Path, doc_ids: Iterable[str]) -> BuildResult:
    """Remove documents from a built store: exactly the facts no remaining source states. Atomic and locked."""
    result = BuildResult(store=str(store))
    doc_ids = list(doc_ids)
    if not doc_ids:
        return result.fail("no document ids given")
    oxigraph_store.read_manifest(store)
    try:
        with oxigraph_store.writing(Path(store), from_current=True) as w:
            manifest = w.previous
            known = _documents_in(manifest)
            for doc in doc_ids:
                if doc not in known:
                    result.file_failed(doc, f"{doc}: no such document in {store}")
                    continue
                key = oxigraph_store.document_key(doc)
                oxigraph_store.remove_source(w.store, key, _label_rule)
                del manifest["sources"][key]
                result.removed.append(doc)
            if not result.removed:
                raise _NothingToWrite
            manifest["stamp"] = w.folder.name
            _recount(manifest, w.store, result)
            oxigraph_store.write_manifest(w.folder, manifest)
            result.written = True
            result.finish()
            _summary(w.folder, result)
    except _NothingToWrite:
        pass
    return result.finish()


def extract_documents(files: Iterable[Path], json_dir: Path) -> BuildResult:
    """Extract each file (and every document in each folder given) to `json_dir/<doc id>.json`; one that
    cannot be read is reported and the batch goes on."""
    from stdkg.loaders.policy import write_extraction

    result = BuildResult(store=str(json_dir))
    files = [Path(f) for f in files]
    json_dir = Path(json_dir)
    if json_dir.exists() and not json_dir.is_dir():
        raise OutputError(f"{json_dir}: --json-dir is a file, not a folder", "Pass a folder (it is created if missing).")
    try:
        json_dir.mkdir(parents=True, exist_ok=True)
    except OSError as e:
        raise OutputError(f"{json_dir}: cannot create the output folder ({e.strerror})") from None
    present, relative = [], []
    for f in files:
        if f.is_dir():
            found, problems = scan_documents(f)
            for path, problem in problems.items():
                result.file_failed(path, problem)
            present += found
            relative += [p.relative_to(f).as_posix() for p in found]
        elif f.is_file():
            present.append(f)
            relative.append(f.name)
        else:
            result.file_failed(str(f), f"{f}: {'broken link' if f.is_symlink() else 'no such file'}")
    ids = assign_ids(relative, present)
    for s in _extract(present, ids, result):
        out = json_dir / f"{s.records.doc}.json"
        try:
            write_extraction(s.records, json_dir)
        except OSError as e:
            result.file_failed(str(s.path), f"{out}: cannot write ({e.strerror})")
            continue
        result.documents.append(s.records.doc)
        result.notes.append(f"{s.path}: {len(s.records.responsibilities)} ownership, "
                            f"{sum(not t.is_fact for t in s.records.targets)} targets, "
                            f"{len(s.records.organisations)} organisations -> {out}")
    result.written = bool(result.documents)
    if not result.documents:
        result.exit_code = EXIT_FAILED
    return result.finish()


@dataclass
class CheckReport:
    """What `stdkg check` found: the store's sources and triples, and each problem (none if sound)."""

    store: str
    problems: list[str]
    documents: list[str] = field(default_factory=list)
    triples: int = 0

    @property
    def ok(self) -> bool:
        return not self.problems

    @property
    def exit_code(self) -> int:
        return EXIT_OK if self.ok else EXIT_FAILED

    def summary(self) -> str:
        if self.ok:
            return f"{self.store}: sound; {self.triples} triples, {len(self.documents)} documents"
        return "\n".join(self.problems)


def check_store(store: Path) -> CheckReport:
    """Check a store: marker, manifest, Oxigraph data, per-graph triple counts, the networkx cache."""
    problems = oxigraph_store.check(Path(store))
    report = CheckReport(str(store), problems)
    if problems:
        return report
    manifest = oxigraph_store.read_manifest(store)
    report.documents = sorted(_documents_in(manifest))
    report.triples = manifest["triples"]
    cache = oxigraph_store.current_folder(store) / NETWORKX_CACHE
    if cache.is_file():
        try:
            data = json.loads(cache.read_text(encoding="utf-8"))
            if not (isinstance(data["nodes"], list) and isinstance(data["edges"], list)):
                raise ValueError("nodes and edges are not lists")
        except (OSError, ValueError, KeyError, TypeError):
            problems.append(f"{cache}: damaged networkx cache (delete it; it is made again when needed)")
    return report


def store_exists(store: Path) -> bool:
    return oxigraph_store.store_exists(Path(store))


def load_rdf(store: Path) -> Graph:
    """The built graph (the store's default graph) as an rdflib Graph."""
    return oxigraph_store.to_rdflib_graph(oxigraph_store.open_store(Path(store)))


def load_networkx(store: Path) -> nx.MultiDiGraph:
    """The property-graph view of the store: its JSON cache if it matches the store's stamp, else projected
    from the store (and the cache written again when the folder allows)."""
    store = Path(store)
    oxigraph_store.open_store(store)
    stamp = oxigraph_store.read_manifest(store)["stamp"]
    cache = oxigraph_store.current_folder(store) / NETWORKX_CACHE
    try:
        data = json.loads(cache.read_text(encoding="utf-8"))
        if data.get("stamp") == stamp:
            view = nx.MultiDiGraph()
            view.add_nodes_from(data["nodes"])
            view.add_edges_from(data["edges"])
            return view
    except (OSError, ValueError, KeyError, TypeError, AttributeError, nx.NetworkXError):
        pass
    view = to_networkx(load_rdf(store))
    try:
        _write_view_cache(cache.parent, stamp, view)
    except OSError:
        pass
    return view
