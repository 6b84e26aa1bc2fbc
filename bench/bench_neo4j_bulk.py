"""Neo4j bulk import benchmark: neo4j-admin's importer end to end; writes `## Neo4j bulk import` in RESULTS.md.

    .venv/bin/python bench/bench_neo4j_bulk.py [--store DIR ...] [--no-write]

For each store (default: the corpus + ISO reference, built here): the property-graph projection
from the store, the neo4j-admin CSV files, the offline import into a fresh Neo4j home, and the
start of the project's server on it, which applies the schema's constraints and indexes and waits
for them to come online; then the node and relationship counts are checked against the projection.
End to end is all four steps; relationships per second are over that time.
"""
from __future__ import annotations

import argparse
import os
import platform
import shutil
import socket
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from stdkg.pipeline import build, load_networkx, reference_dir  # noqa: E402
from stdkg.stores import neo4j_store  # noqa: E402
from stdkg.stores.neo4j_bulk import bulk_import  # noqa: E402
from results import write_section  # noqa: E402

SECTION = "## Neo4j bulk import"
SCRIPT = ROOT / "scripts" / "neo4j" / "neo4j.sh"


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def measure(store: Path, label: str) -> dict:
    t0 = time.perf_counter()
    pg = load_networkx(store)
    projection = time.perf_counter() - t0
    state = ROOT / ".neo4j" / f"bench-bulk-{os.getpid()}"
    shutil.rmtree(state, ignore_errors=True)
    env = {**os.environ, "NEO4J_PORT": str(free_port()), "NEO4J_STATE_DIR": str(state)}
    try:
        report = bulk_import(pg, state / "data")
        t1 = time.perf_counter()
        subprocess.run(["bash", str(SCRIPT), "start"], env=env, check=True, capture_output=True)
        start = time.perf_counter() - t1
        driver = neo4j_store.connect(f"bolt://127.0.0.1:{env['NEO4J_PORT']}", user="", password="")
        found = neo4j_store.counts(driver)
        driver.close()
    finally:
        subprocess.run(["bash", str(SCRIPT), "stop"], env=env, check=False, capture_output=True)
        shutil.rmtree(state, ignore_errors=True)
    if found != (report.nodes, report.relationships):
        raise SystemExit(f"{label}: the database holds {found}, the projection {report.nodes, report.relationships}")
    total = projection + report.write_seconds + report.import_seconds + start
    return {"graph": label, "nodes": report.nodes, "relationships": report.relationships,
            "projection": projection, "csv": report.write_seconds, "import": report.import_seconds,
            "start": start, "total": total, "rate": report.relationships / total,
            "import_rate": report.relationships / report.import_seconds}


def corpus_store(folder: Path) -> Path:
    store = folder / "store"
    result = build(store=store, reference=reference_dir())
    if result.errors:
        raise SystemExit("build failed: " + "; ".join(result.errors))
    return store


def versions() -> str:
    import neo4j
    import networkx

    jars = sorted(p.name for p in (ROOT / "scripts" / "neo4j" / "target" / "lib").glob("neo4j-kernel-*.jar"))
    return (f"Python {platform.python_version()}, neo4j driver {neo4j.__version__}, networkx {networkx.__version__}, "
            f"server {jars[0].removeprefix('neo4j-kernel-').removesuffix('.jar') if jars else '?'}")


def section(rows: list[dict]) -> str:
    load = os.getloadavg()
    lines = [SECTION, "",
             f"Measured {time.strftime('%Y-%m-%d %H:%M UTC', time.gmtime())} by `bench/bench_neo4j_bulk.py` on "
             f"{platform.machine()}, {os.cpu_count()} cores, {versions()}; load average at the end "
             f"{load[0]:.1f} / {load[1]:.1f} / {load[2]:.1f} (other work shared the machine). "
             "A fresh Neo4j home each run; 'start' is the project's server starting on the imported database, "
             "applying the schema's constraints and indexes and waiting for them to come online; counts checked "
             "against the projection. End to end = projection + CSV + import + start.", "",
             "| graph | nodes / relationships | projection s | CSV s | import s | start + schema s | end to end s "
             "| relationships/s end to end | relationships/s import only |",
             "|---|---|---|---|---|---|---|---|---|"]
    for r in rows:
        lines.append(f"| {r['graph']} | {r['nodes']:,} / {r['relationships']:,} | {r['projection']:.1f} | "
                     f"{r['csv']:.1f} | {r['import']:.1f} | {r['start']:.1f} | {r['total']:.1f} | "
                     f"**{r['rate']:,.0f}** | {r['import_rate']:,.0f} |")
    return "\n".join(lines) + "\n"


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--store", action="append", default=[], metavar="LABEL=DIR",
                        help="a built store to import (repeatable); default: build the corpus + reference")
    parser.add_argument("--no-write", action="store_true")
    args = parser.parse_args()
    rows = []
    with tempfile.TemporaryDirectory() as tmp:
        stores = [tuple(s.split("=", 1)) for s in args.store] or [("corpus + ISO reference", corpus_store(Path(tmp)))]
        for label, store in stores:
            rows.append(measure(Path(store), label))
            print(rows[-1], flush=True)
    text = section(rows)
    print(text)
    if not args.no_write:
        write_section(SECTION, text)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
