"""Remote SPARQL endpoint load benchmark (Virtuoso); writes `## SPARQL endpoint load` in bench/RESULTS.md.

    .venv/bin/python bench/bench_sparql_endpoint_load.py [--batch-sizes 250,500,1000,2000] [--no-write]

Builds the corpus + ISO reference graph with `stdkg.pipeline.build` and writes it
with `load_endpoint` (INSERT DATA per batch, HTTP Digest) into a named graph of
VIRTUOSO_ENDPOINT if set, else of a private Virtuoso started with
scripts/virtuoso.sh on free ports and stopped at the end. The named graph is
dropped before each run and after the last; a batch size the server refuses is
reported with its error.
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

from stdkg.pipeline import build, load_rdf, reference_dir  # noqa: E402
from stdkg.stores.sparql_endpoint import (EndpointError, endpoint_from_env, load_endpoint,  # noqa: E402
                                          select_endpoint, update_endpoint)

sys.path.insert(0, str(ROOT / "bench"))
from results import write_section  # noqa: E402

RESULTS = ROOT / "bench" / "RESULTS.md"
SECTION = "## SPARQL endpoint load"
SCRIPT = ROOT / "scripts" / "virtuoso.sh"
GRAPH = "https://w3id.org/stdkg/graph/bench"


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def run(batch_sizes: list[int]) -> str:
    with tempfile.TemporaryDirectory() as tmp:
        build(store=Path(tmp) / "stdkg-data", reference=reference_dir())
        g = load_rdf(Path(tmp) / "stdkg-data")
    print(f"graph: {len(g)} triples", flush=True)
    state, env = None, {}
    if os.environ.get("VIRTUOSO_ENDPOINT"):
        cfg = endpoint_from_env()
    else:
        http, sql = free_port(), free_port()
        state = ROOT / ".virtuoso" / f"bench-{os.getpid()}"
        env = {**os.environ, "VIRTUOSO_HTTP_PORT": str(http), "VIRTUOSO_SQL_PORT": str(sql),
               "VIRTUOSO_STATE_DIR": str(state)}
        subprocess.run(["bash", str(SCRIPT), "start"], env=env, check=True)
        base = f"http://127.0.0.1:{http}"
        cfg = {"query_url": f"{base}/sparql", "update_url": f"{base}/sparql-auth", "user": "dba", "password": "dba"}
    rows = []
    count = f"SELECT (COUNT(*) AS ?n) WHERE {{ GRAPH <{GRAPH}> {{ ?s ?p ?o }} }}"
    try:
        for size in batch_sizes:
            try:
                r = load_endpoint(g, cfg["update_url"], graph_iri=GRAPH, user=cfg["user"], password=cfg["password"],
                                  batch_size=size, replace=True)
            except EndpointError as e:
                reason = str(e).split("\n")[0].split(": ", 1)[-1]
                rows.append(f"| {size:,} | refused | – | {reason} |")
            else:
                stored = int(select_endpoint(cfg["query_url"], count)["n"][0])
                assert stored == len(g), f"{stored} triples stored of {len(g)}"
                rows.append(f"| {size:,} | {r.batches:,} | {r.seconds:.1f} | **{len(g) / r.seconds:,.0f}** triples/s |")
            print(rows[-1], flush=True)
        update_endpoint(cfg["update_url"], f"DROP SILENT GRAPH <{GRAPH}>", user=cfg["user"], password=cfg["password"])
    finally:
        if state is not None:
            subprocess.run(["bash", str(SCRIPT), "stop"], env=env, check=False)
            shutil.rmtree(state, ignore_errors=True)
    return "\n".join([
        f"Measured {time.strftime('%Y-%m-%d %H:%M UTC', time.gmtime())} by `bench/bench_sparql_endpoint_load.py` on "
        f"{platform.machine()} ({platform.python_version()}): the corpus + ISO reference graph ({len(g):,} triples) "
        "written by `load_endpoint` (SPARQL 1.1 Update `INSERT DATA`, one HTTP request per batch, Digest auth) into "
        "Debian's Virtuoso 7 on loopback; each run replaces the named graph and ends with every triple stored. "
        "Machine shared with other work, 2 cores.",
        "",
        "| triples per request | requests | seconds | rate |",
        "|---|---|---|---|",
        *rows,
    ])


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--batch-sizes", default="250,500,1000,2000")
    parser.add_argument("--no-write", action="store_true", help="print only; leave RESULTS.md alone")
    args = parser.parse_args()
    body = run([int(s) for s in args.batch_sizes.split(",")])
    print(body)
    if not args.no_write:
        write_section(SECTION, body)
        print(f"wrote {SECTION!r} in {RESULTS}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
