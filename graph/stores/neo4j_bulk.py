"""Load a fresh Neo4j database with neo4j-admin's offline importer.

The rows are the batched loader's (`neo4j_store.node_rows` / `relationship_rows`), written as
neo4j-admin CSV files (one of nodes, one of relationships), so an imported database
holds the same nodes, properties and relationship keys as `neo4j_store.load_graph` writes.
The import replaces the database in a Neo4j home that no server has open; the schema's
constraints and indexes are left in `stdkg-schema.cypher` beside it, and the project's server
(`scripts/neo4j`) applies them when it next starts. Importing the same graph again gives the
same database: the importer overwrites, it never adds.
"""
from __future__ import annotations

import datetime as _dt
import os
import re
import shutil
import subprocess
import tempfile
import time
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Iterable, Optional

import networkx as nx

from stdkg.stores.neo4j_store import Neo4jLoadError, projection_rows, schema_statements

ADMIN_TOOL = "org.neo4j.cli.AdminTool"
PENDING_SCHEMA = "stdkg-schema.cypher"
ARRAY_DELIMITER = "\x1f"
_IMPORTED = re.compile(r"Imported:\s+(\d+) nodes\s+(\d+) relationships", re.S)


@dataclass
class BulkReport:
    """What one bulk import wrote, and how long each step took."""

    nodes: int = 0
    relationships: int = 0
    files: int = 0
    skipped: list[str] = field(default_factory=list)
    write_seconds: float = 0.0
    import_seconds: float = 0.0
    home: str = ""

    @property
    def seconds(self) -> float:
        return self.write_seconds + self.import_seconds


def _kind(value: Any) -> str:
    if isinstance(value, bool):
        return "boolean"
    if isinstance(value, int):
        return "long"
    if isinstance(value, float):
        return "double"
    if isinstance(value, _dt.datetime):
        return "localdatetime"
    if isinstance(value, _dt.date):
        return "date"
    if isinstance(value, list):
        return (_kind(value[0]) if value else "string") + "[]"
    return "string"


def _field(value: Any) -> str:
    if value is None:
        return ""
    if isinstance(value, list):
        return _field(ARRAY_DELIMITER.join(_text(v) for v in value))
    if isinstance(value, (bool, int, float)):
        return _text(value)
    return '"' + _text(value).replace('"', '""') + '"'


def _text(value: Any) -> str:
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, float):
        return repr(value)
    if isinstance(value, (_dt.date, _dt.datetime)):
        return value.isoformat()
    return str(value)


def _columns(rows: Iterable[dict], fixed: Iterable[str]) -> list[tuple[str, str]]:
    kinds: dict[str, set[str]] = {}
    for row in rows:
        for key, value in row["props"].items():
            kinds.setdefault(key, set()).add(_kind(value))
    skip = set(fixed)
    columns = []
    for key in sorted(kinds.keys() - skip):
        found = kinds[key]
        if len(found) > 1:
            raise Neo4jLoadError(f"property {key!r} has values of several kinds ({', '.join(sorted(found))}); "
                                 "neo4j-admin needs one kind per column")
        columns.append((key, found.pop()))
    return columns


def _write_table(path: Path, header: list[str], lines: Iterable[list[str]]) -> None:
    with path.open("w", encoding="utf-8", newline="\n") as f:
        f.write(",".join(header) + "\n")
        for line in lines:
            f.write(",".join(line) + "\n")


def write_import_files(pg: nx.MultiDiGraph, out_dir: Path) -> tuple[list[str], BulkReport]:
    """`nodes.csv` and `relationships.csv` of `pg` in `out_dir`, as importer arguments, and the rows' counts."""
    report = BulkReport()
    _labels, _types, nodes, rels = projection_rows(pg, report.skipped)
    node_list = [(label, row) for label in sorted(nodes) for row in nodes[label]]
    columns = _columns((row for _, row in node_list), ("iri",))
    nodes_path = out_dir / "nodes.csv"
    _write_table(nodes_path, ["iri:ID", ":LABEL"] + [f"{k}:{kind}" for k, kind in columns],
                 ([_field(row["iri"]), label] + [_field(row["props"].get(k)) for k, _ in columns]
                  for label, row in node_list))
    rel_list = [(group[1], row) for group in sorted(rels) for row in rels[group]]
    columns = _columns((row for _, row in rel_list), ())
    rels_path = out_dir / "relationships.csv"
    _write_table(rels_path, [":START_ID", ":END_ID", ":TYPE"] + [f"{k}:{kind}" for k, kind in columns],
                 ([_field(row["src"]), _field(row["dst"]), rel_type] + [_field(row["props"].get(k)) for k, _ in columns]
                  for rel_type, row in rel_list))
    report.nodes, report.relationships, report.files = len(node_list), len(rel_list), 2
    return [f"--nodes={nodes_path}", f"--relationships={rels_path}"], report


def default_classpath() -> str:
    """$STDKG_NEO4J_CLASSPATH, else the classpath the project's Maven build collects (scripts/neo4j)."""
    if os.environ.get("STDKG_NEO4J_CLASSPATH"):
        return os.environ["STDKG_NEO4J_CLASSPATH"]
    script = Path(__file__).resolve().parents[2] / "scripts" / "neo4j" / "neo4j.sh"
    if not script.is_file():
        raise Neo4jLoadError("no Neo4j classpath for the bulk import",
                             "set STDKG_NEO4J_CLASSPATH to Neo4j 5's jars (neo4j-admin's AdminTool among them)")
    done = subprocess.run(["bash", str(script), "classpath"], capture_output=True, text=True)
    if done.returncode != 0:
        raise Neo4jLoadError(f"{script} classpath failed: {done.stderr.strip()[-500:]}")
    return done.stdout.strip().splitlines()[-1]


def bulk_import(pg: nx.MultiDiGraph, home: Path | str, *, database: str = "neo4j",
                classpath: Optional[str] = None, java: str = "java", heap: str = "1g") -> BulkReport:
    """Replace `database` in the Neo4j home `home` by `pg`, with neo4j-admin's importer.

    No server may have the database open. The schema's statements are left in
    `home/stdkg-schema.cypher` for the project's server to apply when it starts.
    """
    home = Path(home).resolve()
    if not re.fullmatch(r"[a-z][a-z0-9.-]*", database):
        raise Neo4jLoadError(f"{database!r} is not a Neo4j database name")
    if shutil.which(java) is None and not Path(java).is_file():
        raise Neo4jLoadError(f"{java!r} not found", "install a JDK 17 (Debian: openjdk-17-jre-headless)")
    classpath = classpath or default_classpath()
    home.mkdir(parents=True, exist_ok=True)
    with tempfile.TemporaryDirectory(prefix="stdkg-import-", dir=home) as tmp:
        t0 = time.perf_counter()
        args, report = write_import_files(pg, Path(tmp))
        report.write_seconds = time.perf_counter() - t0
        t1 = time.perf_counter()
        done = subprocess.run(
            [java, f"-Xmx{heap}", "-cp", classpath, ADMIN_TOOL, "database", "import", "full",
             *args, "--multiline-fields=true", "--array-delimiter=U+001F", "--overwrite-destination=true",
             f"--report-file={Path(tmp) / 'import.report'}", database],
            capture_output=True, text=True, env={**os.environ, "NEO4J_HOME": str(home),
                                                  "NEO4J_CONF": str(home / "conf")})
        report.import_seconds = time.perf_counter() - t1
        output = done.stdout + done.stderr
        imported = _IMPORTED.search(output)
        if done.returncode != 0 or not imported:
            last = "\n".join(line for line in output.splitlines() if line.strip() and "%" not in line)[-800:]
            raise Neo4jLoadError(f"neo4j-admin import into {home} failed (exit {done.returncode})",
                                 last or "no output")
    if (int(imported.group(1)), int(imported.group(2))) != (report.nodes, report.relationships):
        raise Neo4jLoadError(f"neo4j-admin imported {imported.group(1)} nodes and {imported.group(2)} "
                             f"relationships into {home}, not the {report.nodes} and {report.relationships} written")
    (home / PENDING_SCHEMA).write_text("\n".join(schema_statements()) + "\n", encoding="utf-8")
    report.home = str(home)
    return report
