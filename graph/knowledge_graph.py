"""`KnowledgeGraph`: the one object a user works with; the CLI and the notebooks are thin shells over it.

    from stdkg import KnowledgeGraph
    kg = KnowledgeGraph()                 # the default store, wherever Python runs from
    kg.build()                            # the shipped corpus records + reference data
    kg.ask("targets_by_owner", city="深圳")
    kg.sparql("SELECT (COUNT(*) AS ?n) WHERE { ?s ?p ?o }")
    kg.networkx(); kg.nodes(); kg.edges()
    kg.write_views("views/"); kg.export("gexf", "graph.gexf")
    kg.run()                              # the main job: build, answer every question, draw the views

Every method delegates to the stage that does the work (pipeline, questions,
stores, views); this class only holds the store's location and the engine
settings, so it stays small as the stages grow.
"""
from __future__ import annotations

import json
import os
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Iterable, Mapping, Optional, Union

import pandas as pd

from stdkg.errors import StdkgError

PathLike = Union[str, os.PathLike]
PACKAGE_DIR = Path(__file__).resolve().parent
CHECKOUT_ROOT = PACKAGE_DIR.parent


def default_store() -> Path:
    """Where the store lives when no path is given: `$STDKG_STORE`, else `stdkg-data/` at the root of the
    source checkout the package runs from, else `~/.stdkg/store`. The same from any working folder."""
    env = os.environ.get("STDKG_STORE")
    if env:
        return Path(env).expanduser().resolve()
    if (CHECKOUT_ROOT / "pyproject.toml").is_file():
        return CHECKOUT_ROOT / "stdkg-data"
    return Path.home() / ".stdkg" / "store"


@dataclass
class RunResult:
    """What the main job wrote: the build, each answer file with its row count and parameters, the views."""

    build: Any
    answers: dict[str, dict[str, Any]] = field(default_factory=dict)
    views: list[Path] = field(default_factory=list)
    out_dir: Optional[Path] = None

    @property
    def exit_code(self) -> int:
        return getattr(self.build, "exit_code", 0)


class KnowledgeGraph:
    """The graph in one store folder: build it, ask it, draw it, export it, load it elsewhere."""

    def __init__(self, path: Optional[PathLike] = None, *, reference: Optional[PathLike] = None):
        self.path = Path(path).expanduser().resolve() if path is not None else default_store()
        self.reference = Path(reference).expanduser().resolve() if reference is not None else None

    def __repr__(self) -> str:
        return f"KnowledgeGraph({str(self.path)!r})"

    @property
    def exists(self) -> bool:
        from stdkg.pipeline import store_exists

        return store_exists(self.path)

    def require(self) -> None:
        """Raise a StdkgError naming what is wrong when the path holds no readable store (missing, not a
        stdkg store, damaged), saying how to build one."""
        from stdkg.stores.oxigraph_store import current_folder

        current_folder(self.path)

    def build(self, docs: Optional[PathLike] = None, *, reference: Optional[PathLike] = None,
              with_reference: bool = True, progress: Any = False):
        """Build the store from a folder of documents, or from the shipped corpus records when `docs` is None."""
        from stdkg import pipeline

        ref = self._reference(reference) if with_reference else False
        return pipeline.build(store=self.path, docs=Path(docs) if docs is not None else None, reference=ref,
                              progress=progress)

    def add(self, files: Iterable[PathLike], *, base: Optional[PathLike] = None, progress: Any = False):
        """Add documents to the store, or replace those whose content changed (doc ids: paths relative to `base`,
        default each file's folder)."""
        from stdkg import pipeline

        self.require()
        return pipeline.add_documents(self.path, [Path(f) for f in files], base=Path(base) if base else None,
                                      progress=progress)

    def remove(self, doc_ids: Iterable[str]):
        """Remove documents (by id, as `documents()` lists them) and exactly the facts only they state."""
        from stdkg import pipeline

        self.require()
        return pipeline.remove_documents(self.path, list(doc_ids))

    @staticmethod
    def read(files: Iterable[PathLike]):
        """(records, errors): read policy documents (files, or every document in a folder) into records,
        building nothing; an error names each file that could not be read."""
        from stdkg.loaders.policy import document_paths, load_policy_documents

        records, errors = load_policy_documents(document_paths(files))
        return list(records), list(errors)

    @staticmethod
    def extract(files: Iterable[PathLike], json_dir: PathLike):
        """Extract documents (files or folders) into one records file each under `json_dir`; the result
        names each file that failed and carries the exit code."""
        from stdkg.pipeline import extract_documents

        return extract_documents([Path(f) for f in files], Path(json_dir))

    def check(self):
        """Whether the store is whole and readable, naming what is damaged."""
        from stdkg.pipeline import check_store

        return check_store(self.path)

    def _reference(self, reference: Optional[PathLike]) -> Optional[Path]:
        if reference is not None:
            return Path(reference).expanduser().resolve()
        return self.reference

    @staticmethod
    def questions() -> list:
        """The named questions (name, description, parameters, columns, example)."""
        from stdkg.questions import list_questions

        return list_questions()

    @staticmethod
    def question(name: str):
        """One named question's header."""
        from stdkg.questions import get_question

        return get_question(name)

    def ask(self, name: str, params: Optional[Mapping[str, Any]] = None, *, engine: str = "sparql",
            driver: Any = None, endpoint: Optional[str] = None, **kwargs: Any) -> pd.DataFrame:
        """Answer a named question as a DataFrame; parameters as a mapping or keywords. `engine` names one of the
        registered engines (sparql: this store; neo4j: `driver`, else NEO4J_URI; endpoint: the URL)."""
        from stdkg.questions import ask
        from stdkg.stores.engines import make_engine

        values = {**dict(params or {}), **kwargs}
        if engine == "sparql":
            self.require()
        options = {"sparql": {"store": self.path}, "neo4j": {"driver": driver},
                   "endpoint": {"endpoint": endpoint}}.get(engine, {})
        with make_engine(engine, **options) as chosen:
            return ask(name, values, chosen)

    def sparql(self, text: str) -> pd.DataFrame:
        """A read-only SPARQL SELECT/ASK on the embedded store, as a DataFrame."""
        from stdkg.questions import run_sparql

        self.require()
        return run_sparql(text, store=self.path)

    def cypher(self, text: str, params: Optional[Mapping[str, Any]] = None, *, driver: Any = None) -> pd.DataFrame:
        """A read-only Cypher query on Neo4j, as a DataFrame."""
        from stdkg.questions import run_cypher

        return run_cypher(text, dict(params or {}), driver=driver or self.neo4j_driver())

    @staticmethod
    def neo4j_driver(uri: Optional[str] = None, user: Optional[str] = None, password: Optional[str] = None):
        """A Neo4j driver from the arguments or NEO4J_URI / NEO4J_USERNAME / NEO4J_PASSWORD; an error when neither names a server."""
        from stdkg.stores.neo4j_store import connect

        return connect(uri, user, password)

    def rdf(self):
        """The whole graph as an rdflib Graph."""
        from stdkg.pipeline import load_rdf

        self.require()
        return load_rdf(self.path)

    def networkx(self):
        """The property-graph projection as a networkx MultiDiGraph."""
        from stdkg.pipeline import load_networkx

        self.require()
        return load_networkx(self.path)

    def nodes(self) -> pd.DataFrame:
        """One row per node: id, label (type), name and the other scalar properties."""
        view = self.networkx()
        rows = [{"id": n, **{k: v for k, v in d.items() if not isinstance(v, (list, dict))}} for n, d in view.nodes(data=True)]
        return pd.DataFrame(rows)

    def edges(self) -> pd.DataFrame:
        """One row per edge: source, target, type and the other scalar properties."""
        view = self.networkx()
        rows = [{"source": s, "target": t, **{k: v for k, v in d.items() if not isinstance(v, (list, dict))}}
                for s, t, d in view.edges(data=True)]
        return pd.DataFrame(rows)

    def stats(self) -> list[pd.DataFrame]:
        """Counts: nodes by type, edges by relation, nodes per city."""
        from stdkg.stats import graph_stats
        from stdkg.stores.oxigraph_store import DamagedStoreError

        self.require()
        report = self.check()
        if not report.ok:
            raise DamagedStoreError("; ".join(report.problems), "Rebuild the store with `stdkg build`.")
        return graph_stats(self.networkx())

    def validate(self):
        """The SHACL report of the whole graph (pyshacl)."""
        from stdkg.validate import validate

        return validate(self.rdf())

    def write_views(self, out_dir: PathLike) -> list[Path]:
        """The offline HTML views into a folder (index.html first)."""
        from stdkg.views.html import write_views

        return write_views(self.networkx(), Path(out_dir))

    def write_view(self, kind: str, out: PathLike, name: Optional[str] = None, *, steps: int = 1) -> Path:
        """One view: department, city, organisations, ownership, indicator, neighbourhood (of any name,
        `steps` 1 or 2) or whole-graph, into a .html file or a folder."""
        from stdkg.views.html import write_view

        return write_view(self.networkx(), kind, Path(out), name, steps=steps)

    def export(self, fmt: str, out: PathLike):
        """The graph as a file: graphml, gexf, jsonld, turtle, or csv (neo4j-admin node and edge tables, a folder)."""
        from stdkg.views import exports

        self.require()
        writers = {"graphml": exports.export_graphml, "gexf": exports.export_gexf, "csv": exports.export_csv}
        rdf_writers = {"jsonld": exports.export_jsonld, "turtle": exports.export_turtle}
        if fmt in rdf_writers:
            from stdkg.stores.oxigraph_store import open_store

            return rdf_writers[fmt](open_store(self.path), Path(out))
        if fmt in writers:
            return writers[fmt](self.networkx(), Path(out))
        raise StdkgError(f"unknown export format {fmt!r}", "One of: " + ", ".join([*writers, *rdf_writers]))

    def load_neo4j(self, driver: Any = None, *, batch_size: int = 1000, on_batch: Any = None):
        """Write the graph into Neo4j (idempotent); `on_batch(kind, name, rows_done)` after each batch."""
        from stdkg.stores.neo4j_store import load_graph

        driver = driver or self.neo4j_driver()
        return load_graph(driver, self.networkx(), batch_size=batch_size, on_batch=on_batch)

    def import_neo4j(self, home: PathLike, *, database: str = "neo4j"):
        """Replace `database` in the Neo4j home `home` (no server running on it) by the graph, with
        neo4j-admin's bulk importer; the project's server applies the schema when it next starts."""
        from stdkg.stores.neo4j_bulk import bulk_import

        return bulk_import(self.networkx(), Path(home), database=database)

    def load_endpoint(self, url: str, *, graph_iri: str = "https://w3id.org/stdkg/graph",
                      user: Optional[str] = None, password: Optional[str] = None):
        """Write the graph into a named graph of a remote SPARQL 1.1 endpoint."""
        from stdkg.stores.sparql_endpoint import load_endpoint

        return load_endpoint(self.rdf(), url, graph_iri=graph_iri, user=user, password=password)

    def answer_all(self, out_dir: PathLike, *, fmt: str = "csv", bom: bool = False,
                   progress: Any = None) -> dict[str, dict[str, Any]]:
        """Every named question with its example parameters, each into `out_dir/NAME[__k=v].csv` (or .xlsx;
        formula cells neutralised), and a `manifest.json` naming each file's question, parameters and rows."""
        from stdkg.answers import answer_file_name
        from stdkg.spreadsheet import write_table

        self.require()
        out = Path(out_dir)
        out.mkdir(parents=True, exist_ok=True)
        manifest: dict[str, dict[str, Any]] = {}
        questions = self.questions()
        for n, q in enumerate(questions, 1):
            frame = self.ask(q.name, q.example)
            if callable(progress):
                progress("answers", n, len(questions))
            path = Path(write_table(frame, out / answer_file_name(q.name, q.example, fmt), fmt, bom=bom))
            manifest[q.name] = {"file": path.name, "question": q.name, "params": dict(q.example), "rows": len(frame)}
        (out / "manifest.json").write_text(json.dumps(manifest, ensure_ascii=False, indent=1), encoding="utf-8")
        return manifest

    def run(self, out_dir: Optional[PathLike] = None, *, docs: Optional[PathLike] = None,
            reference: Optional[PathLike] = None, progress: Any = False) -> RunResult:
        """The main job: build (the shipped records, or `docs`), answer every question, draw the views."""
        from stdkg.errors import EXIT_FAILED

        built = self.build(docs, reference=reference, progress=progress)
        target = Path(out_dir).expanduser().resolve() if out_dir is not None else self.path
        result = RunResult(build=built, out_dir=target)
        if built.exit_code == EXIT_FAILED or not self.exists:
            return result
        result.answers = self.answer_all(target / "answers", progress=progress)
        result.views = self.write_views(target / "views")
        (target / "summary.json").write_text(json.dumps(
            {"answers": {k: v["rows"] for k, v in result.answers.items()}}, ensure_ascii=False, indent=1),
            encoding="utf-8")
        return result
