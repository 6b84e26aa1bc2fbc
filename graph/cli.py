"""The `stdkg` command line: extract, build, validate, query, export, load, stats."""
from __future__ import annotations

import json
import os
import sys
from enum import Enum
from pathlib import Path
from typing import Optional

import typer
from rich.console import Console

app = typer.Typer(
    help="stdkg: a knowledge graph of standards organisations built from Chinese city standardization policy.",
    no_args_is_help=True,
    add_completion=False,
)
export_app = typer.Typer(help="Export the built graph as HTML views or standard graph files.", no_args_is_help=True)
app.add_typer(export_app, name="export")

err = Console(stderr=True, soft_wrap=True)
out = Console(soft_wrap=True)

DEFAULT_STORE = Path("stdkg-data")
StoreOption = typer.Option(DEFAULT_STORE, "--store", help="Folder of the embedded store (default ./stdkg-data).")


class Engine(str, Enum):
    sparql = "sparql"
    neo4j = "neo4j"


class Format(str, Enum):
    table = "table"
    csv = "csv"
    json = "json"


def _fail(message: str, hint: str = "") -> None:
    err.print(f"[bold red]error:[/] {message}")
    if hint:
        err.print(f"[dim]{hint}[/]")
    raise typer.Exit(code=1)


def _require_store(store: Path) -> None:
    from stdkg.stores.oxigraph_store import StoreError, current_folder

    try:
        current_folder(store)
    except StoreError as e:
        _stdkg_error(e)


def _stdkg_error(e: Exception) -> None:
    """Print a StdkgError (a store that is missing, locked, damaged or not a store; a bad output folder) and exit."""
    err.print(f"[bold red]error:[/] {e}")
    if getattr(e, "hint", ""):
        err.print(f"[dim]{e.hint}[/]")
    raise typer.Exit(code=getattr(e, "exit_code", 1))


def _report(result) -> None:
    """Print a build/add/remove/extract result and exit with its code (0 ok, 1 failed, 3 some files failed)."""
    out.print(result.summary())
    for e in result.errors:
        err.print(f"[bold red]error:[/] {e}")
    if result.exit_code:
        raise typer.Exit(code=result.exit_code)


@app.command()
def extract(
    files: list[Path] = typer.Argument(..., help="Policy documents: UTF-8, GB18030/GBK or Big5 text, or saved HTML."),
    json_dir: Path = typer.Option(..., "--json-dir", help="Write DIR/<doc id>.json for each document."),
) -> None:
    """Extract ownership, targets and organisations (with provenance); exit 3 if some files fail, 1 if all do."""
    from stdkg.errors import StdkgError
    from stdkg.pipeline import extract_documents

    try:
        result = extract_documents(files, json_dir)
    except StdkgError as e:
        _stdkg_error(e)
    for line in result.notes:
        out.print(line)
    for e in result.errors:
        err.print(f"[bold red]error:[/] {e}")
    if result.exit_code:
        raise typer.Exit(code=result.exit_code)


@app.command()
def build(
    store: Path = StoreOption,
    docs: Optional[Path] = typer.Option(None, "--docs", help="Extract this folder of documents (subfolders included) instead of the shipped records."),
    reference: Optional[Path] = typer.Option(
        None, "--reference", help="Folder of reference CSVs (ISO Open Data layout); default $STDKG_REFERENCE or ../shared/reference."
    ),
) -> None:
    """Build the graph into the embedded store (exit 1 and the old store kept if nothing could be read; 3 if some files failed)."""
    from stdkg.errors import StdkgError
    from stdkg.pipeline import build as run_build

    try:
        result = run_build(store=store, docs=docs, reference=reference, progress=True)
    except StdkgError as e:
        _stdkg_error(e)
    _report(result)


@app.command()
def add(
    files: list[Path] = typer.Argument(..., help="Documents to add, or to re-read if their content changed."),
    store: Path = StoreOption,
    base: Optional[Path] = typer.Option(None, "--base", help="Doc ids are paths relative to this folder (default: each file's folder)."),
) -> None:
    """Add documents to the built store (or replace changed ones); exit 3 if some files fail."""
    from stdkg.errors import StdkgError
    from stdkg.pipeline import add_documents

    try:
        result = add_documents(store, files, base=base)
    except StdkgError as e:
        _stdkg_error(e)
    _report(result)


@app.command()
def remove(
    docs: list[str] = typer.Argument(..., help="Doc ids to remove (see `stdkg check`)."),
    store: Path = StoreOption,
) -> None:
    """Remove documents from the built store: exactly the facts no other document states."""
    from stdkg.errors import StdkgError
    from stdkg.pipeline import remove_documents

    try:
        result = remove_documents(store, docs)
    except StdkgError as e:
        _stdkg_error(e)
    _report(result)


@app.command()
def check(store: Path = StoreOption) -> None:
    """Check the store: marker, manifest and data readable, every graph as large as recorded; exit 1 if damaged."""
    from stdkg.pipeline import check_store

    report = check_store(store)
    if report.ok:
        out.print(report.summary())
        out.print("documents: " + (", ".join(report.documents) or "none"))
    else:
        for problem in report.problems:
            err.print(f"[bold red]error:[/] {problem}")
        raise typer.Exit(code=report.exit_code)


@app.command()
def validate(store: Path = StoreOption) -> None:
    """Run the SHACL shapes over the built graph; exit 1 on any violation."""
    _require_store(store)
    from stdkg.pipeline import load_rdf
    from stdkg.validate import validate as run_validate

    report = run_validate(load_rdf(store))
    out.print(report.text)
    if not report.conforms:
        raise typer.Exit(code=1)


@app.command()
def stats(store: Path = StoreOption) -> None:
    """Counts of nodes by type and edges by relation in the built graph."""
    _require_store(store)
    from stdkg.errors import StdkgError
    from stdkg.stats import store_stats

    try:
        tables = store_stats(store)
    except StdkgError as e:
        _stdkg_error(e)
    for table in tables:
        sys.stdout.write(table.to_string(index=False) + "\n\n")


@app.command()
def questions() -> None:
    """List the named analyst questions and their parameters."""
    from stdkg.questions import list_questions

    for q in list_questions():
        params = ", ".join(f"{p.name}{'' if p.required else '?'}" for p in q.params) or "-"
        out.print(f"[bold]{q.name}[/]  ({params})\n  {q.description}")


def _parse_params(pairs: list[str]) -> dict[str, str]:
    params: dict[str, str] = {}
    for pair in pairs:
        if "=" not in pair:
            _fail(f"--param {pair!r} is not k=v", "Example: --param city=深圳")
        k, v = pair.split("=", 1)
        params[k.strip()] = v
    return params


@app.command()
def query(
    name: str = typer.Argument(..., help="A question name (see `stdkg questions`)."),
    param: list[str] = typer.Option([], "--param", "-p", help="Parameter k=v; repeatable."),
    engine: Engine = typer.Option(Engine.sparql, "--engine", help="sparql (embedded store) or neo4j (NEO4J_URI)."),
    fmt: Format = typer.Option(Format.table, "--format", help="table, csv or json."),
    store: Path = StoreOption,
    endpoint: Optional[str] = typer.Option(None, "--endpoint", help="Run the SPARQL on a remote endpoint instead."),
) -> None:
    """Answer a named question; prints a table, CSV or JSON."""
    from stdkg.questions import QuestionError, run_question

    params = _parse_params(param)
    try:
        if engine is Engine.neo4j:
            from stdkg.stores.neo4j_store import driver_from_env

            with driver_from_env() as driver:
                df = run_question(name, params, engine="neo4j", driver=driver)
        elif endpoint:
            df = run_question(name, params, engine="endpoint", endpoint=endpoint)
        else:
            _require_store(store)
            df = run_question(name, params, engine="sparql", store=store)
    except QuestionError as e:
        _fail(str(e), "See `stdkg questions` for names and parameters.")
    if fmt is Format.csv:
        sys.stdout.write(df.to_csv(index=False))
    elif fmt is Format.json:
        sys.stdout.write(df.to_json(orient="records", force_ascii=False, indent=1) + "\n")
    else:
        sys.stdout.write((df.to_string(index=False) if len(df) else "(no rows)") + "\n")


@export_app.command("html")
def export_html(out_dir: Path = typer.Option(Path("stdkg-data/views"), "--out", help="Folder for the HTML views."),
                store: Path = StoreOption) -> None:
    """Self-contained HTML network views (whole graph, cities, departments, ownership, alliances)."""
    _require_store(store)
    from stdkg.pipeline import load_networkx
    from stdkg.views.html import write_views

    paths = write_views(load_networkx(store), out_dir)
    for p in paths:
        out.print(str(p))


class GraphFormat(str, Enum):
    graphml = "graphml"
    gexf = "gexf"
    jsonld = "jsonld"
    turtle = "turtle"
    csv = "csv"


@export_app.command("graph")
def export_graph(
    fmt: GraphFormat = typer.Argument(..., help="graphml, gexf, jsonld, turtle or csv (node and edge tables)."),
    out_path: Path = typer.Option(..., "--out", help="File (or folder, for csv) to write."),
    store: Path = StoreOption,
) -> None:
    """Standard graph formats: GraphML and GEXF (Gephi), JSON-LD, Turtle, CSV with neo4j-admin headers."""
    _require_store(store)
    from stdkg.pipeline import load_networkx
    from stdkg.stores.oxigraph_store import open_store
    from stdkg.views import exports

    if fmt in (GraphFormat.jsonld, GraphFormat.turtle):
        writer = exports.export_jsonld if fmt is GraphFormat.jsonld else exports.export_turtle
        writer(open_store(store), out_path)
    else:
        writer = {GraphFormat.graphml: exports.export_graphml, GraphFormat.gexf: exports.export_gexf,
                  GraphFormat.csv: exports.export_csv}[fmt]
        writer(load_networkx(store), out_path)
    out.print(str(out_path))


@app.command("load-neo4j")
def load_neo4j(store: Path = StoreOption,
               batch_size: int = typer.Option(1000, help="Rows per UNWIND batch.")) -> None:
    """Write the built graph into Neo4j (NEO4J_URI, NEO4J_USERNAME, NEO4J_PASSWORD); idempotent."""
    _require_store(store)
    from stdkg.pipeline import load_networkx
    from stdkg.stores.neo4j_store import driver_from_env, load_graph

    if not os.environ.get("NEO4J_URI"):
        _fail("NEO4J_URI is not set", "export NEO4J_URI=bolt://localhost:7687 NEO4J_USERNAME=neo4j NEO4J_PASSWORD=…")
    with driver_from_env() as driver:
        report = load_graph(driver, load_networkx(store), batch_size=batch_size)
    out.print(report)


@app.command("load-sparql")
def load_sparql(
    endpoint: str = typer.Argument(..., help="SPARQL endpoint URL (Update or Graph Store Protocol)."),
    graph_iri: str = typer.Option("https://w3id.org/stdkg/graph", "--graph", help="Named graph to write."),
    user: Optional[str] = typer.Option(None, envvar="SPARQL_USER"),
    password: Optional[str] = typer.Option(None, envvar="SPARQL_PASSWORD"),
    store: Path = StoreOption,
) -> None:
    """Write the built graph to a remote SPARQL endpoint."""
    _require_store(store)
    from stdkg.pipeline import load_rdf
    from stdkg.stores.sparql_endpoint import load_endpoint

    report = load_endpoint(load_rdf(store), endpoint, graph_iri=graph_iri, user=user, password=password)
    out.print(f"wrote {report.triples} triples to {endpoint} <{graph_iri}>")


@app.command()
def run(store: Path = StoreOption,
        out_dir: Optional[Path] = typer.Option(None, "--out", help="Answers and views folder (default STORE/)."),
        reference: Optional[Path] = typer.Option(None, "--reference")) -> None:
    """The main job: build the graph, answer every named question, write the HTML views."""
    from stdkg.pipeline import build as run_build, load_networkx
    from stdkg.questions import answer_all
    from stdkg.views.html import write_views

    result = run_build(store=store, reference=reference, progress=True)
    out.print(result.summary())
    if result.exit_code == 1:
        _report(result)
    target = out_dir or store
    answers = answer_all(store, target / "answers")
    for name, (path, rows) in answers.items():
        out.print(f"{name}: {rows} rows -> {path}")
    for p in write_views(load_networkx(store), target / "views"):
        out.print(f"view -> {p}")
    (target / "summary.json").write_text(json.dumps(
        {"answers": {k: rows for k, (_, rows) in answers.items()}}, ensure_ascii=False, indent=1), encoding="utf-8")


if __name__ == "__main__":
    app()
