"""The `stdkg` command line: a thin shell over `KnowledgeGraph`.

Every failure a user can cause is a `StdkgError` (or an OS error such as a read-only
folder): it is printed in one or two lines and the command exits with its code;
`--debug` shows the traceback instead.
"""
from __future__ import annotations

import sys
from enum import Enum
from pathlib import Path
from contextlib import contextmanager
from typing import Any, Callable, Iterator, Optional

import typer
import typer.core
from rich.console import Console
from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn, TimeElapsedColumn
from rich.table import Table

from stdkg import __version__
from stdkg.errors import EXIT_FAILED, StdkgError
from stdkg.knowledge_graph import KnowledgeGraph

err = Console(stderr=True, soft_wrap=True, highlight=False)
out = Console(soft_wrap=True, highlight=False)


class _Group(typer.core.TyperGroup):
    """Prints a StdkgError or OSError as one or two lines and exits with its code, unless --debug."""

    def invoke(self, ctx: typer.Context) -> Any:
        try:
            return super().invoke(ctx)
        except (StdkgError, OSError) as e:
            if (ctx.obj or {}).get("debug"):
                raise
            _print_error(e)
            ctx.exit(getattr(e, "exit_code", EXIT_FAILED))


def _print_error(e: BaseException) -> None:
    err.print(f"[bold red]error:[/] {e}", markup=True)
    hint = getattr(e, "hint", "")
    if hint:
        err.print(f"[dim]{hint}[/]")


CONTEXT = {"help_option_names": ["-h", "--help"]}
app = typer.Typer(cls=_Group, context_settings=CONTEXT, no_args_is_help=True, add_completion=False,
                  pretty_exceptions_enable=False,
                  help="stdkg: a knowledge graph of standards organisations built from Chinese standardization policy.")
export_app = typer.Typer(cls=_Group, context_settings=CONTEXT, no_args_is_help=True,
                         help="Export the built graph as HTML views or standard graph files.")
app.add_typer(export_app, name="export")

StoreOption = typer.Option(None, "--store", help="Store folder (default: $STDKG_STORE, else stdkg-data/ of the checkout).")
ReferenceOption = typer.Option(None, "--reference",
                               help="Folder of reference CSVs (ISO Open Data layout); default $STDKG_REFERENCE or ../shared/reference.")
Neo4jUri = typer.Option(None, "--neo4j-uri", envvar="NEO4J_URI", help="Bolt URI of the Neo4j server ($NEO4J_URI).")
Neo4jUser = typer.Option(None, "--neo4j-user", envvar="NEO4J_USERNAME", help="Neo4j user ($NEO4J_USERNAME).")
Neo4jPassword = typer.Option(None, "--neo4j-password", envvar="NEO4J_PASSWORD", help="Neo4j password ($NEO4J_PASSWORD).")


class Engine(str, Enum):
    sparql = "sparql"
    neo4j = "neo4j"


class Format(str, Enum):
    table = "table"
    csv = "csv"
    json = "json"
    xlsx = "xlsx"


def _version(value: bool) -> None:
    if value:
        out.print(f"stdkg {__version__}")
        raise typer.Exit()


@app.callback()
def main(ctx: typer.Context,
         debug: bool = typer.Option(False, "--debug", help="Show the traceback of a failure."),
         version: bool = typer.Option(False, "--version", callback=_version, is_eager=True, help="Print the version.")) -> None:
    """stdkg: a knowledge graph of standards organisations built from Chinese standardization policy."""
    ctx.obj = {"debug": debug}


def _kg(store: Optional[Path], reference: Optional[Path] = None) -> KnowledgeGraph:
    return KnowledgeGraph(store, reference=reference)


@contextmanager
def _progress(what: str) -> Iterator[Callable[[str, int, Optional[int]], None]]:
    """A rich progress display on stderr: one bar per stage, fed by `(stage, done, total)` calls."""
    bars = Progress(TextColumn(f"{what}: {{task.description}}"), BarColumn(), MofNCompleteColumn(),
                    TimeElapsedColumn(), console=err, transient=False, disable=not err.is_terminal)
    tasks: dict[str, Any] = {}

    def update(stage: str, done: int, total: Optional[int]) -> None:
        if stage not in tasks:
            tasks[stage] = bars.add_task(stage, total=total)
        bars.update(tasks[stage], completed=done, total=total)

    with bars:
        yield update


def _report(result: Any) -> None:
    """Print a build/add/remove result and exit with its code."""
    out.print(result.summary())
    for e in getattr(result, "errors", []):
        err.print(f"[bold red]error:[/] {e}")
    code = getattr(result, "exit_code", 0)
    if code:
        raise typer.Exit(code=code)


@app.command()
def extract(
    files: list[Path] = typer.Argument(..., help="Policy documents (text, HTML, PDF, DOCX, DOC/WPS, OFD) or folders of them."),
    json_dir: Path = typer.Option(..., "--json-dir", help="Write one records file per document into DIR."),
) -> None:
    """Extract ownership, targets and organisations (with provenance); exit 3 if some files fail, 1 if all do."""
    result = KnowledgeGraph.extract(files, json_dir)
    for line in result.notes:
        out.print(line)
    for e in result.errors:
        err.print(f"[bold red]error:[/] {e}")
    if result.exit_code:
        raise typer.Exit(code=result.exit_code)


@app.command()
def build(store: Optional[Path] = StoreOption,
          docs: Optional[Path] = typer.Option(None, "--docs", help="Build from this folder of documents instead of the shipped records."),
          reference: Optional[Path] = ReferenceOption) -> None:
    """Build the graph into the embedded store (replacing it only when the build succeeds)."""
    with _progress("build") as progress:
        result = _kg(store, reference).build(docs, progress=progress)
    _report(result)


@app.command()
def add(files: list[Path] = typer.Argument(..., help="Documents to add (changed ones are re-read)."),
        store: Optional[Path] = StoreOption,
        base: Optional[Path] = typer.Option(None, "--base", help="Doc ids are paths relative to this folder (default: each file's folder).")) -> None:
    """Add documents to the store, or replace those whose content changed; exit 3 if some files fail."""
    with _progress("add") as progress:
        result = _kg(store).add(files, base=base, progress=progress)
    _report(result)


@app.command()
def remove(docs: list[str] = typer.Argument(..., help="Document ids (see `stdkg stats`)."),
           store: Optional[Path] = StoreOption) -> None:
    """Remove documents and exactly the facts no other document states."""
    _report(_kg(store).remove(docs))


@app.command()
def check(store: Optional[Path] = StoreOption) -> None:
    """Check the store: marker, manifest and data readable, every graph as large as recorded; exit 1 if damaged."""
    report = _kg(store).check()
    if report.ok:
        out.print(report.summary())
        out.print("documents: " + (", ".join(report.documents) or "none"))
    else:
        for problem in report.problems:
            err.print(f"[bold red]error:[/] {problem}")
        raise typer.Exit(code=report.exit_code)


@app.command()
def validate(store: Optional[Path] = StoreOption) -> None:
    """Run the SHACL shapes over the built graph; exit 1 on any violation."""
    report = _kg(store).validate()
    out.print(report.text)
    if not report.conforms:
        raise typer.Exit(code=EXIT_FAILED)


@app.command()
def stats(store: Optional[Path] = StoreOption) -> None:
    """Counts of nodes by type and edges by relation in the built graph."""
    for frame in _kg(store).stats():
        _print_frame(frame)


@app.command()
def questions(name: Optional[str] = typer.Argument(None, help="Show one question in full.")) -> None:
    """List the named questions, or show one: description, parameters, columns and an example."""
    if name is None:
        table = Table(show_lines=False)
        table.add_column("question", no_wrap=True)
        table.add_column("parameters")
        table.add_column("answers")
        for q in KnowledgeGraph.questions():
            table.add_row(q.name, ", ".join(f"{p.name}{'' if p.required else '?'}" for p in q.params) or "-", q.description)
        out.print(table)
        return
    q = KnowledgeGraph.question(name)
    out.print(f"[bold]{q.name}[/]\n{q.description}\n")
    params = Table("parameter", "type", "required", "takes")
    for p in q.params:
        params.add_row(p.name, p.type, "yes" if p.required else "no", p.description)
    out.print(params if q.params else "parameters: none")
    out.print("columns: " + ", ".join(f"{c.name} ({c.type})" for c in q.columns))
    example = " ".join(f"--param {k}={v}" for k, v in q.example.items())
    out.print(f"example: stdkg query {q.name} {example}".rstrip())


def _parse_params(pairs: list[str]) -> dict[str, str]:
    params: dict[str, str] = {}
    for pair in pairs:
        if "=" not in pair:
            raise StdkgError(f"--param {pair!r} is not name=value", "Example: --param city=深圳")
        k, v = pair.split("=", 1)
        k = k.strip()
        if k in params:
            raise StdkgError(f"--param {k} is given twice ({params[k]!r} and {v!r})", "Give each parameter once.")
        params[k] = v
    return params


def _print_frame(frame: Any, fmt: Format = Format.table, out_path: Optional[Path] = None, bom: bool = False) -> None:
    """A table on the terminal, CSV or JSON on stdout, or a CSV/xlsx file; spreadsheet output has formula cells
    neutralised."""
    from stdkg.spreadsheet import table_text, write_table

    if out_path is not None:
        kind = "xlsx" if fmt is Format.xlsx or out_path.suffix.lower() == ".xlsx" else "csv"
        out.print(str(write_table(frame, out_path, kind, bom=bom)))
    elif fmt is Format.csv:
        sys.stdout.write(table_text(frame))
    elif fmt is Format.json:
        sys.stdout.write(frame.to_json(orient="records", force_ascii=False, indent=1) + "\n")
    elif fmt is Format.xlsx:
        raise StdkgError("xlsx needs a file", "Add --out FILE.xlsx.")
    elif len(frame) == 0:
        out.print("(no rows)")
    else:
        table = Table(*[str(c) for c in frame.columns])
        for row in frame.itertuples(index=False):
            table.add_row(*["" if v is None or (isinstance(v, float) and v != v) else str(v) for v in row])
        out.print(table)


@app.command()
def query(
    name: str = typer.Argument(..., help="A question name (see `stdkg questions`)."),
    param: list[str] = typer.Option([], "--param", "-p", help="Parameter name=value; repeatable."),
    engine: Engine = typer.Option(Engine.sparql, "--engine", help="sparql (embedded store) or neo4j."),
    fmt: Format = typer.Option(Format.table, "--format", "-f", help="table, csv, json or xlsx (with --out)."),
    out_path: Optional[Path] = typer.Option(None, "--out", "-o", help="Write the answer to this file (.csv or .xlsx)."),
    bom: bool = typer.Option(False, "--bom", help="CSV with a byte-order mark, so Excel reads Chinese right."),
    store: Optional[Path] = StoreOption,
    endpoint: Optional[str] = typer.Option(None, "--endpoint", help="Run the SPARQL on a remote endpoint instead."),
    neo4j_uri: Optional[str] = Neo4jUri, neo4j_user: Optional[str] = Neo4jUser,
    neo4j_password: Optional[str] = Neo4jPassword,
) -> None:
    """Answer a named question."""
    kg = _kg(store)
    params = _parse_params(param)
    if engine is Engine.neo4j:
        with kg.neo4j_driver(neo4j_uri, neo4j_user, neo4j_password) as driver:
            frame = kg.ask(name, params, engine="neo4j", driver=driver)
    elif endpoint:
        frame = kg.ask(name, params, engine="endpoint", endpoint=endpoint)
    else:
        frame = kg.ask(name, params)
    _print_frame(frame, fmt, out_path, bom)


def _query_text(text_or_file: str) -> str:
    path = Path(text_or_file)
    if len(text_or_file) < 1024 and "\n" not in text_or_file and path.suffix in (".rq", ".sparql", ".cypher", ".cql"):
        if not path.is_file():
            raise StdkgError(f"{path}: no such query file")
        return path.read_text(encoding="utf-8")
    return text_or_file


@app.command()
def sparql(text: str = typer.Argument(..., help="A SPARQL SELECT/ASK, or a .rq file."),
           fmt: Format = typer.Option(Format.table, "--format", "-f"),
           out_path: Optional[Path] = typer.Option(None, "--out", "-o"),
           store: Optional[Path] = StoreOption) -> None:
    """Run your own read-only SPARQL on the embedded store."""
    _print_frame(_kg(store).sparql(_query_text(text)), fmt, out_path)


@app.command()
def cypher(text: str = typer.Argument(..., help="A read-only Cypher query, or a .cypher file."),
           param: list[str] = typer.Option([], "--param", "-p"),
           fmt: Format = typer.Option(Format.table, "--format", "-f"),
           out_path: Optional[Path] = typer.Option(None, "--out", "-o"),
           neo4j_uri: Optional[str] = Neo4jUri, neo4j_user: Optional[str] = Neo4jUser,
           neo4j_password: Optional[str] = Neo4jPassword) -> None:
    """Run your own read-only Cypher on Neo4j."""
    with KnowledgeGraph.neo4j_driver(neo4j_uri, neo4j_user, neo4j_password) as driver:
        frame = KnowledgeGraph().cypher(_query_text(text), _parse_params(param), driver=driver)
    _print_frame(frame, fmt, out_path)


@export_app.command("html")
def export_html(out_dir: Optional[Path] = typer.Option(None, "--out", help="Folder (or .html file, with --view) to write (default STORE/views)."),
                view: Optional[str] = typer.Option(None, "--view", help="One view: department, city, organisations, ownership, indicator, neighbourhood or whole-graph."),
                name: Optional[str] = typer.Option(None, "--name", help="What the view is of: a department, city, indicator or any entity's name."),
                steps: int = typer.Option(1, "--steps", min=1, max=2, help="Neighbourhood depth (1 or 2)."),
                store: Optional[Path] = StoreOption) -> None:
    """Self-contained HTML views: every view with an index page, or one view with --view."""
    kg = _kg(store)
    target = out_dir or kg.path / "views"
    paths = [kg.write_view(view, target, name, steps=steps)] if view else kg.write_views(target)
    for p in paths:
        out.print(str(p))


class GraphFormat(str, Enum):
    graphml = "graphml"
    gexf = "gexf"
    jsonld = "jsonld"
    turtle = "turtle"
    csv = "csv"


@export_app.command("graph")
def export_graph(fmt: GraphFormat = typer.Argument(..., help="graphml, gexf (Gephi), jsonld, turtle, or csv (neo4j-admin tables)."),
                 out_path: Path = typer.Option(..., "--out", help="File (a folder for csv) to write."),
                 store: Optional[Path] = StoreOption) -> None:
    """Standard graph formats."""
    with err.status(f"exporting {fmt.value} to {out_path}"):
        _kg(store).export(fmt.value, out_path)
    out.print(str(out_path))


@app.command("load-neo4j")
def load_neo4j(store: Optional[Path] = StoreOption,
               batch_size: int = typer.Option(1000, help="Rows per UNWIND batch."),
               neo4j_uri: Optional[str] = Neo4jUri, neo4j_user: Optional[str] = Neo4jUser,
               neo4j_password: Optional[str] = Neo4jPassword,
               bulk_home: Optional[Path] = typer.Option(
                   None, "--bulk-home", help="Instead: replace the database in this Neo4j home (no server "
                   "running on it) by neo4j-admin's bulk importer, e.g. $(bash scripts/neo4j/neo4j.sh home).")) -> None:
    """Write the graph into Neo4j; idempotent. With --bulk-home, a fresh database by bulk import."""
    kg = _kg(store)
    kg.require()
    if bulk_home is not None:
        report = kg.import_neo4j(bulk_home)
        out.print(f"imported {report.nodes} nodes and {report.relationships} relationships into {report.home} "
                  f"in {report.seconds:.1f} s; the schema is applied when the server next starts")
        return
    with kg.neo4j_driver(neo4j_uri, neo4j_user, neo4j_password) as driver, _progress("load-neo4j") as progress:
        report = kg.load_neo4j(driver, batch_size=batch_size,
                               on_batch=lambda kind, name, rows: progress(f"{kind} {name}", rows, None))
    out.print(report)


@app.command("load-sparql")
def load_sparql(
    endpoint: str = typer.Argument(..., help="SPARQL endpoint URL (Update or Graph Store Protocol)."),
    graph_iri: str = typer.Option("https://w3id.org/stdkg/graph", "--graph", help="Named graph to write."),
    user: Optional[str] = typer.Option(None, envvar="SPARQL_USER"),
    password: Optional[str] = typer.Option(None, envvar="SPARQL_PASSWORD"),
    store: Optional[Path] = StoreOption,
) -> None:
    """Write the graph to a remote SPARQL endpoint."""
    report = _kg(store).load_endpoint(endpoint, graph_iri=graph_iri, user=user, password=password)
    out.print(f"wrote {report.triples} triples to {endpoint} <{graph_iri}>")


@app.command()
def run(store: Optional[Path] = StoreOption,
        out_dir: Optional[Path] = typer.Option(None, "--out", help="Answers and views folder (default STORE/)."),
        docs: Optional[Path] = typer.Option(None, "--docs", help="Build from this folder of documents instead of the shipped records."),
        reference: Optional[Path] = ReferenceOption) -> None:
    """The main job: build the graph, answer every named question, write the HTML views."""
    with _progress("run") as progress:
        result = _kg(store, reference).run(out_dir, docs=docs, progress=progress)
    out.print(result.build.summary())
    for e in getattr(result.build, "errors", []):
        err.print(f"[bold red]error:[/] {e}")
    for name, entry in result.answers.items():
        out.print(f"{name}: {entry['rows']} rows -> {result.out_dir / 'answers' / entry['file']}")
    for p in result.views:
        out.print(f"view -> {p}")
    if result.exit_code:
        raise typer.Exit(code=result.exit_code)


if __name__ == "__main__":
    app()
