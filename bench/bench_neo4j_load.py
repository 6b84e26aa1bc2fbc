"""Neo4j load benchmark: batched UNWIND MERGE against row-by-row MERGE; writes `## Neo4j load` in bench/RESULTS.md.

    .venv/bin/python bench/bench_neo4j_load.py [--batch-sizes 1000,5000] [--sample 3000] [--no-write]

Builds the corpus + ISO reference graph with `stdkg.pipeline.build`, projects it,
and loads the projection into Neo4j (NEO4J_URI if set, else a private server
started with scripts/neo4j/neo4j.sh on a free port and stopped at the end). The
database is cleared before every run, constraints included, so each run starts
empty. Row-by-row MERGE (one statement and transaction per row) is timed on a
sample of relationships with their end nodes, and batched loading on the same
sample, because row-by-row on the whole graph takes many minutes.
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

import networkx as nx  # noqa: E402

from stdkg.pipeline import build, load_networkx, reference_dir  # noqa: E402
from stdkg.stores import neo4j_store  # noqa: E402
from results import write_section  # noqa: E402

RESULTS = ROOT / "bench" / "RESULTS.md"
SECTION = "## Neo4j load"
SCRIPT = ROOT / "scripts" / "neo4j" / "neo4j.sh"


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


class Server:
    """NEO4J_URI if set, else a private server for this run."""

    def __init__(self) -> None:
        self.env: dict[str, str] = {}
        self.state: Path | None = None
        self.start_seconds: float | None = None

    def __enter__(self):
        if os.environ.get("NEO4J_URI"):
            return neo4j_store.connect()
        port = free_port()
        self.state = ROOT / ".neo4j" / f"bench-{os.getpid()}"
        self.env = {**os.environ, "NEO4J_PORT": str(port), "NEO4J_STATE_DIR": str(self.state)}
        t = time.perf_counter()
        subprocess.run(["bash", str(SCRIPT), "start"], env=self.env, check=True)
        self.start_seconds = time.perf_counter() - t
        return neo4j_store.connect(f"bolt://127.0.0.1:{port}", user="", password="")

    def __exit__(self, *exc) -> None:
        if self.state is not None:
            subprocess.run(["bash", str(SCRIPT), "stop"], env=self.env, check=False)
            shutil.rmtree(self.state, ignore_errors=True)


def sample(pg: nx.MultiDiGraph, n_edges: int) -> nx.MultiDiGraph:
    """The first `n_edges` edges in a stable order, spread over every relationship type, with their end nodes."""
    by_type: dict[str, list] = {}
    for u, v, k, d in sorted(pg.edges(keys=True, data=True), key=lambda e: (str(e[0]), str(e[1]), str(e[2]))):
        by_type.setdefault(d["type"], []).append((u, v, k, d))
    picked: list = []
    while len(picked) < n_edges and any(by_type.values()):
        for edges in by_type.values():
            if edges and len(picked) < n_edges:
                picked.append(edges.pop(0))
    sub = nx.MultiDiGraph()
    for u, v, k, d in picked:
        for node in (u, v):
            sub.add_node(node, **pg.nodes[node])
        sub.add_edge(u, v, key=k, **d)
    return sub


MERGE_NODE = "MERGE (n:{label} {{iri: $iri}}) SET n += $props"
MERGE_RELATIONSHIP = (
    "MATCH (a:{source_label} {{iri: $src}}) "
    "MATCH (b:{target_label} {{iri: $dst}}) "
    "MERGE (a)-[r:{rel_type} {{key: $key}}]->(b) SET r += $props"
)


def load_graph_row_by_row(driver, pg: nx.MultiDiGraph, *, database=None, on_batch=None) -> neo4j_store.LoadReport:
    """The same writes as `neo4j_store.load_graph`, one MERGE statement and transaction per node or edge
    (the slow baseline). Labels and types are the loader's, checked against schema.ttl the same way."""
    t0 = time.perf_counter()
    labels, types, report, nodes, rels = neo4j_store.prepare_load(driver, pg, database)
    label_ok, type_ok = neo4j_store._IDENTIFIER, neo4j_store._REL_TYPE

    def write(session, query: str, params: dict) -> None:
        counters = session.execute_write(lambda tx: tx.run(query, params).consume().counters)
        report.nodes_created += counters.nodes_created
        report.relationships_created += counters.relationships_created
        report.properties_set += counters.properties_set
        report.batches += 1

    with driver.session(database=database) as session:
        for label in sorted(nodes):
            query = MERGE_NODE.format(label=neo4j_store._checked(label, label_ok, labels, "label"))
            for row in nodes[label]:
                write(session, query, row)
                report.nodes += 1
                if on_batch:
                    on_batch("nodes", label, report.nodes)
        for src_label, rel_type, dst_label in sorted(rels):
            query = MERGE_RELATIONSHIP.format(
                source_label=neo4j_store._checked(src_label, label_ok, labels, "label"),
                rel_type=neo4j_store._checked(rel_type, type_ok, types, "relationship type"),
                target_label=neo4j_store._checked(dst_label, label_ok, labels, "label"))
            for row in rels[(src_label, rel_type, dst_label)]:
                write(session, query, row)
                report.relationships += 1
                if on_batch:
                    on_batch("relationships", rel_type, report.relationships)
    report.seconds = time.perf_counter() - t0
    return report


def timed_load(driver, pg: nx.MultiDiGraph, batch_size: int, fresh: bool = True,
               row_by_row: bool = False) -> dict[str, float]:
    """Load with phase timings: schema + nodes, then relationships."""
    if fresh:
        neo4j_store.clear(driver, drop_schema=True)
    marks: dict[str, float] = {}
    t0 = time.perf_counter()

    def mark(kind: str, name: str, done: int) -> None:
        marks[kind] = time.perf_counter()

    if row_by_row:
        report = load_graph_row_by_row(driver, pg, on_batch=mark)
    else:
        report = neo4j_store.load_graph(driver, pg, batch_size=batch_size, on_batch=mark)
    end = time.perf_counter()
    nodes_end = marks.get("nodes", t0)
    assert neo4j_store.counts(driver) == (pg.number_of_nodes(), pg.number_of_edges()), "load lost or doubled rows"
    return {"total": end - t0, "nodes": nodes_end - t0, "rels": end - nodes_end,
            "created": report.relationships_created, "skipped": len(report.skipped)}


def run(batch_sizes: list[int], sample_edges: int) -> str:
    ref = reference_dir()
    with tempfile.TemporaryDirectory() as tmp:
        t = time.perf_counter()
        result = build(store=Path(tmp) / "stdkg-data", reference=ref)
        build_seconds = time.perf_counter() - t
        pg = load_networkx(Path(tmp) / "stdkg-data")
    n, r = pg.number_of_nodes(), pg.number_of_edges()
    print(f"graph: {n} nodes, {r} relationships (built in {build_seconds:.0f} s)", flush=True)
    rows = []
    server = Server()
    with server as driver:
        driver.verify_connectivity()
        version = driver.get_server_info().agent
        small = sample(pg, sample_edges)
        sn, sr = small.number_of_nodes(), small.number_of_edges()
        timed_load(driver, small, batch_sizes[0])
        timed_load(driver, small, 1, row_by_row=True)
        for size in batch_sizes:
            m = timed_load(driver, pg, size)
            rows.append(f"| corpus + ISO reference | {n:,} / {r:,} | batched UNWIND, {size:,} rows per transaction "
                        f"| {m['nodes']:.1f} | {m['rels']:.1f} | {m['total']:.1f} | **{r / m['rels']:,.0f}** |")
            print(rows[-1], flush=True)
        m = timed_load(driver, pg, batch_sizes[0], fresh=False)
        assert m["created"] == 0
        rows.append(f"| corpus + ISO reference, loaded again | {n:,} / {r:,} | batched UNWIND, {batch_sizes[0]:,} "
                    f"rows per transaction (MERGE matches all) | {m['nodes']:.1f} | {m['rels']:.1f} | {m['total']:.1f} "
                    f"| {r / m['rels']:,.0f} |")
        print(rows[-1], flush=True)
        m = timed_load(driver, small, batch_sizes[0])
        rows.append(f"| sample | {sn:,} / {sr:,} | batched UNWIND, {batch_sizes[0]:,} rows per transaction "
                    f"| {m['nodes']:.1f} | {m['rels']:.1f} | {m['total']:.1f} | **{sr / m['rels']:,.0f}** |")
        print(rows[-1], flush=True)
        m = timed_load(driver, small, 1, row_by_row=True)
        rows.append(f"| sample | {sn:,} / {sr:,} | row-by-row MERGE, one transaction per row "
                    f"| {m['nodes']:.1f} | {m['rels']:.1f} | {m['total']:.1f} | **{sr / m['rels']:,.0f}** |")
        print(rows[-1], flush=True)
        neo4j_store.clear(driver, drop_schema=True)
        driver.close()
    start = f"; private server start {server.start_seconds:.1f} s" if server.start_seconds else ""
    lines = [
        f"Measured {time.strftime('%Y-%m-%d %H:%M UTC', time.gmtime())} by `bench/bench_neo4j_load.py` on "
        f"{platform.machine()} ({platform.python_version()}), {version} embedded (scripts/neo4j, Bolt on loopback, "
        f"heap ≤ 1 GB){start}; machine shared with other work, 2 cores. Each run starts from an empty database "
        "(constraints dropped) and ends with exactly the projection's node and relationship counts. "
        "A warm-up load of the sample (both methods) runs first and is not reported. 'nodes s' includes creating "
        "the schema's "
        f"{len(neo4j_store.schema_statements())} constraints and indexes. Last column: relationships per second "
        "of the relationship phase.",
        "",
        "| graph | nodes / relationships | method | nodes s | relationships s | total s | relationships/s |",
        "|---|---|---|---|---|---|---|",
        *rows,
        "",
        f"Graph built by `stdkg.pipeline.build` ({result.triples:,} triples, {build_seconds:.0f} s, not counted above).",
    ]
    return "\n".join(lines)




def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--batch-sizes", default="1000,5000", help="comma-separated rows per transaction")
    parser.add_argument("--sample", type=int, default=5000, help="relationships in the row-by-row sample")
    parser.add_argument("--no-write", action="store_true", help="print only; leave RESULTS.md alone")
    args = parser.parse_args()
    body = run([int(s) for s in args.batch_sizes.split(",")], args.sample)
    print(body)
    if not args.no_write:
        write_section(SECTION, body)
        print(f"wrote {SECTION!r} in {RESULTS}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
