"""Latency of each named question on the embedded SPARQL store and on Neo4j.

    .venv/bin/python bench/bench_questions.py [--store PATH] [--runs 5] [--neo4j-uri bolt://…] [--load]

Builds the corpus + reference graph into a temporary store unless --store names a
built one; with a Neo4j URI (argument or NEO4J_URI) it loads the same graph there
when --load is given (clearing that database first) and times the Cypher too.
Each question runs once to warm up, then --runs times; the median wall time is
written to bench/RESULTS.md under `## Question latency`.
"""
from __future__ import annotations

import argparse
import os
import platform
import re
import statistics
import sys
import tempfile
import time
from datetime import datetime, timezone
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from stdkg.questions import list_questions, run_question  # noqa: E402
from stdkg.pipeline import DEFAULT_REFERENCE as REFERENCE  # noqa: E402
from results import write_section  # noqa: E402

RESULTS = ROOT / "bench" / "RESULTS.md"
SECTION = "## Question latency"


def median_ms(fn, runs: int) -> tuple[float, int]:
    rows = len(fn())
    times = []
    for _ in range(runs):
        t = time.perf_counter()
        fn()
        times.append((time.perf_counter() - t) * 1000)
    return statistics.median(times), rows




def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--store", type=Path)
    ap.add_argument("--runs", type=int, default=5)
    ap.add_argument("--neo4j-uri", default=os.environ.get("NEO4J_URI"))
    ap.add_argument("--load", action="store_true", help="clear the Neo4j database and load the graph first")
    ap.add_argument("--reference", type=Path, default=REFERENCE)
    args = ap.parse_args()

    from stdkg.pipeline import build, load_networkx
    from stdkg.stores.oxigraph_store import open_store

    store_path = args.store
    if store_path is None:
        store_path = Path(tempfile.mkdtemp(prefix="stdkg-bench-q-")) / "store"
        print(build(store=store_path, reference=args.reference).summary(), file=sys.stderr)
    store = open_store(store_path)
    pg = load_networkx(store_path)
    driver = None
    if args.neo4j_uri:
        from stdkg.stores.neo4j_store import clear, connect, load_graph

        driver = connect(args.neo4j_uri)
        if args.load:
            clear(driver)
            load_graph(driver, pg)

    lines = []
    for q in list_questions():
        sparql_ms, rows = median_ms(lambda: run_question(q.name, q.example, engine="sparql", store=store), args.runs)
        cypher = "–"
        if driver is not None:
            cypher_ms, cypher_rows = median_ms(
                lambda: run_question(q.name, q.example, engine="neo4j", driver=driver), args.runs)
            cypher = f"{cypher_ms:.1f}" + ("" if cypher_rows == rows else f" ({cypher_rows} rows!)")
        params = "; ".join(f"{k}={v}" for k, v in q.example.items()) or "–"
        lines.append(f"| `{q.name}` | {params} | {rows} | {sparql_ms:.1f} | {cypher} |")
        print(lines[-1], file=sys.stderr)

    stamp = datetime.now(timezone.utc).strftime("%Y-%m-%d %H:%M UTC")
    text = "\n".join([
        SECTION, "",
        f"Measured {stamp} by `bench/bench_questions.py` on {platform.machine()} (Python {platform.python_version()}, "
        f"2 cores): corpus + reference graph, {pg.number_of_nodes():,} nodes / {pg.number_of_edges():,} edges. "
        f"Median of {args.runs} runs after one warm-up, wall time of `run_question` (query, conversion, "
        "typing and sorting of the DataFrame). SPARQL on the embedded pyoxigraph store (on disk, read-only); "
        "Cypher on embedded Neo4j 5.26 Community over Bolt on loopback.", "",
        "| question | example params | rows | SPARQL ms | Cypher ms |",
        "|---|---|---|---|---|",
        *lines, "", ""])
    write_section(SECTION, text)
    if driver is not None:
        driver.close()


if __name__ == "__main__":
    main()
