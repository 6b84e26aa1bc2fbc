"""Question latency on a remote Virtuoso endpoint; prints rows for `## Remote endpoint (Virtuoso)` in bench/RESULTS.md.

    .venv/bin/python bench/bench_questions_endpoint.py STORE ENDPOINT_URL GRAPH_IRI [--load]

STORE is a built store folder; with --load its graph is first written to GRAPH_IRI with
`load_endpoint` (update URL: ENDPOINT_URL + "-auth", dba/dba) and the load time printed.
Each question runs with its example parameters on the endpoint, scoped to GRAPH_IRI by
`default-graph-uri`: median wall time of 3 runs after one warm-up, and whether the
DataFrame equals the embedded store's.
"""
from __future__ import annotations

import re
import statistics
import sys
import time
from pathlib import Path
from urllib.parse import urlencode

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from stdkg.questions import list_questions, run_question  # noqa: E402


def main(store: str, url: str, graph_iri: str, load: bool) -> None:
    from stdkg.stores.oxigraph_store import open_store

    if load:
        from stdkg.pipeline import load_rdf
        from stdkg.stores.sparql_endpoint import load_endpoint

        report = load_endpoint(load_rdf(Path(store)), url + "-auth", graph_iri=graph_iri, user="dba",
                               password="dba", replace=True)
        print(f"load: {report.triples} triples, {report.batches} requests, {report.seconds:.1f} s")
    st = open_store(Path(store), read_only=True)
    scoped = url + "?" + urlencode({"default-graph-uri": graph_iri})
    print("| question | rows (embedded) | same rows | endpoint ms |\n|---|---|---|---|")
    for q in list_questions():
        embedded = run_question(q.name, q.example, engine="sparql", store=st)
        times, same, error = [], "", ""
        for i in range(4):
            t0 = time.perf_counter()
            try:
                remote = run_question(q.name, q.example, engine="endpoint", endpoint=scoped)
            except Exception as e:  # the endpoint's refusal is the result to report
                code = re.search(r"Virtuoso \w+ Error (\w+)", str(e))
                error = code.group(1) if code else type(e).__name__
                break
            if i:
                times.append((time.perf_counter() - t0) * 1000)
            same = "yes" if embedded.equals(remote) else f"no ({len(remote)} rows)"
        ms = f"{statistics.median(times):.1f}" if times else f"refused: {error}"
        print(f"| `{q.name}` | {len(embedded)} | {same or '–'} | {ms} |")


if __name__ == "__main__":
    args = [a for a in sys.argv[1:] if a != "--load"]
    main(*args, load="--load" in sys.argv)
