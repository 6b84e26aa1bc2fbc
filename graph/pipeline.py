"""The `stdkg build` job: records → graph → embedded store and networkx view.

By default the shipped records of the corpus (`graph/data/records/*.json`) are
built, so the job runs from the repository alone; `docs=DIR` extracts a folder
of documents instead. Reference registries come from `reference`, else
`$STDKG_REFERENCE`, else `../shared/reference` next to the repository, else
the build goes on without them and says so.
"""
from __future__ import annotations

import json
import os
import pickle
import sys
import time
from dataclasses import asdict, dataclass, field
from pathlib import Path
from typing import Optional

import networkx as nx
from rdflib import Graph

from stdkg.build import build_graph
from stdkg.loaders.reference import ReferenceDataError, load_reference
from stdkg.loaders.registry import load_registries
from stdkg.property_graph import to_networkx
from stdkg.records import PolicyRecords, records_from_dict
from stdkg.stores import oxigraph_store
from stdkg.vocabulary import RECORDS_DIR, REFERENCE_DIR as SHIPPED_REFERENCE

REPO_ROOT = Path(__file__).resolve().parent.parent
DEFAULT_REFERENCE = REPO_ROOT.parent / "shared" / "reference"
NETWORKX_FILE = "graph.gpickle"
SUMMARY_FILE = "build.json"


@dataclass
class BuildResult:
    """What a build read and wrote, with counts and timings."""

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

    def summary(self) -> str:
        ref = self.reference or "none (reference registries not found)"
        lines = [
            f"built {self.store}: {self.triples} triples; {self.nodes} nodes, {self.edges} edges",
            f"documents: {', '.join(self.documents) or 'none'}",
            f"reference: {ref}",
            "nodes: " + ", ".join(f"{k} {v}" for k, v in sorted(self.nodes_by_label.items())),
            "edges: " + ", ".join(f"{k} {v}" for k, v in sorted(self.edges_by_type.items())),
            "time: " + ", ".join(f"{k} {v:.1f} s" for k, v in self.seconds.items()),
        ]
        lines += [f"note: {n}" for n in self.notes]
        return "\n".join(lines)


class RecordsError(ValueError):
    """A shipped records file that cannot be read."""


def shipped_records(directory: Path = RECORDS_DIR) -> list[PolicyRecords]:
    """The extracted records of the corpus documents shipped with the package."""
    out = []
    for path in sorted(directory.glob("*.json")):
        try:
            out.append(records_from_dict(json.loads(path.read_text(encoding="utf-8"))))
        except (ValueError, KeyError, TypeError) as e:
            raise RecordsError(f"{path}: {e}") from e
    return out


def load_shipped(directory: Path = RECORDS_DIR) -> tuple[list[PolicyRecords], list[str]]:
    """(records, errors): each readable shipped file, and an error naming each one that is not."""
    records, errors = [], []
    for path in sorted(directory.glob("*.json")):
        try:
            records.append(records_from_dict(json.loads(path.read_text(encoding="utf-8"))))
        except (ValueError, KeyError, TypeError) as e:
            errors.append(f"{path}: not a records file ({type(e).__name__}: {e})")
    return records, errors


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


def document_files(docs: Path) -> list[Path]:
    return sorted(p for p in Path(docs).iterdir() if p.is_file() and not p.name.startswith("."))


def load_documents(docs: Optional[Path]) -> tuple[list[PolicyRecords], list[str]]:
    """(records, errors): the shipped records, or a fresh extraction of the folder `docs`."""
    if docs is None:
        return load_shipped()
    from stdkg.loaders.policy import load_policy_documents

    if not Path(docs).is_dir():
        return [], [f"{docs}: not a folder of documents"]
    records, errors = load_policy_documents(document_files(docs))
    return list(records), [str(e) for e in errors]


def build(store: Path = Path("stdkg-data"), docs: Optional[Path] = None, reference: Optional[Path] = None,
          progress: bool = False) -> BuildResult:
    """Load, build, and write the store folder (Oxigraph store + networkx pickle + summary) atomically."""
    timings: dict[str, float] = {}

    def step(name: str, started: float) -> None:
        timings[name] = time.perf_counter() - started
        if progress:
            print(f"  {name}: {timings[name]:.1f} s", file=sys.stderr)

    result = BuildResult(store=str(store))
    t = time.perf_counter()
    documents, errors = load_documents(docs)
    result.errors += errors
    result.documents = sorted(r.doc for r in documents)
    registries = load_registries()
    step("load records", t)

    t = time.perf_counter()
    ref = None
    ref_dir = reference_dir(reference)
    if ref_dir is not None and ref_dir.is_dir():
        try:
            ref = load_reference(ref_dir)
            result.reference = str(ref_dir)
            result.notes += ref.notes
        except ReferenceDataError as e:
            result.errors.append(f"{e}; built without reference registries")
    elif ref_dir is not None:
        result.errors.append(f"{ref_dir}: reference folder not found; built without reference registries")
    else:
        result.notes.append("no reference registries found (pass --reference or set STDKG_REFERENCE); built without")
    step("load reference", t)

    t = time.perf_counter()
    g = build_graph(documents, registries, ref)
    step("build graph", t)
    t = time.perf_counter()
    view = to_networkx(g)
    step("networkx view", t)

    result.triples = len(g)
    result.nodes, result.edges = view.number_of_nodes(), view.number_of_edges()
    for _, data in view.nodes(data=True):
        result.nodes_by_label[data["label"]] = result.nodes_by_label.get(data["label"], 0) + 1
    for *_, data in view.edges(data=True):
        result.edges_by_type[data["type"]] = result.edges_by_type.get(data["type"], 0) + 1

    def extras(folder: Path) -> None:
        with (folder / NETWORKX_FILE).open("wb") as handle:
            pickle.dump(view, handle, protocol=pickle.HIGHEST_PROTOCOL)
        (folder / SUMMARY_FILE).write_text(json.dumps(asdict(result), ensure_ascii=False, indent=1), encoding="utf-8")

    t = time.perf_counter()
    oxigraph_store.write_store(g, Path(store), extras=extras)
    step("write store", t)
    result.seconds = timings
    return result


def store_exists(store: Path) -> bool:
    return oxigraph_store.store_exists(Path(store))


def load_rdf(store: Path) -> Graph:
    """The built graph as an rdflib Graph."""
    return oxigraph_store.to_rdflib_graph(oxigraph_store.open_store(Path(store)))


def load_networkx(store: Path) -> nx.MultiDiGraph:
    """The networkx view written by the build."""
    path = Path(store) / NETWORKX_FILE
    if not path.is_file():
        raise oxigraph_store.StoreError(f"no networkx view at {path} (run `stdkg build` first)")
    with path.open("rb") as handle:
        return pickle.load(handle)
