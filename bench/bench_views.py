"""Benchmark of the HTML views: file size, time to write, time to render in headless Chromium.

Synthetic graphs in the projection's shape (bench/synthetic.py) of 500, 2,000
and 10,000 nodes, and with `--store PATH` every view and export of a built graph; each whole-graph view is written (summarised above the size
limit, and at 10,000 also drawn in full to show what the limit saves) and opened
in Debian's chromium. Render time is the page's own clock (performance.now,
from navigation start) at vis-network's first `afterDrawing`, and at
`stabilizationIterationsDone` when physics runs. Results replace the `## Views`
section of bench/RESULTS.md.

    .venv/bin/python bench/bench_views.py [--sizes 500 2000 10000] [--store stdkg-data] [--no-write]
"""
from __future__ import annotations

import argparse
import os
import platform
import re
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from stdkg.views import html  # noqa: E402
from stdkg.views.chromium import Chromium  # noqa: E402
from synthetic import synthetic_graph  # noqa: E402
from results import write_section  # noqa: E402

RESULTS = ROOT / "bench" / "RESULTS.md"


def measure(browser: Chromium, g, out: Path, max_nodes: int, label: str) -> dict:
    t0 = time.perf_counter()
    page = html.whole_graph_view(g, max_nodes=max_nodes)
    path = page.write(out)
    write_s = time.perf_counter() - t0
    tab = browser.open(path, timeout=300)
    tab.wait_for("window.stdkgView && window.stdkgView.ready", timeout=300)
    if not tab.evaluate("stdkgView.physics"):
        stabilised = tab.evaluate("stdkgView.renderedAt")
    else:
        stabilised = tab.wait_for("stdkgView.stabilizedAt", timeout=300)
    rendered = tab.evaluate("stdkgView.renderedAt")
    wall = time.perf_counter() - tab.navigated_at
    drawn = tab.evaluate("stdkgView.nodes.length")
    problems = tab.report.problems
    tab.close()
    return {"label": label, "nodes": g.number_of_nodes(), "edges": g.number_of_edges(), "drawn": drawn,
            "summarised": page.summarised, "physics": drawn <= html.PHYSICS_LIMIT, "mb": path.stat().st_size / 1e6,
            "write_s": write_s, "render_ms": rendered, "stable_ms": stabilised, "wall_s": wall, "problems": len(problems)}


def measure_store(browser: Chromium, store: Path, out: Path) -> tuple[str, list[dict], list[dict]]:
    """Every view of a built graph (write, size, render) and every export (time, size)."""
    from stdkg.pipeline import load_networkx, load_rdf
    from stdkg.stores import oxigraph_store
    from stdkg.views import exports

    pg = load_networkx(store)
    t0 = time.perf_counter()
    paths = html.write_views(pg, out / "views")
    write_all = time.perf_counter() - t0
    views = []
    for path in paths:
        if path.stem == "index":
            continue
        tab = browser.open(path, timeout=300)
        tab.wait_for("window.stdkgView && window.stdkgView.ready", timeout=300)
        settled = tab.wait_for("stdkgView.stabilizedAt", timeout=300)
        views.append({"view": path.stem, "drawn": tab.evaluate("stdkgView.nodes.length"),
                      "mb": path.stat().st_size / 1e6, "render_ms": tab.evaluate("stdkgView.renderedAt"),
                      "stable_ms": settled, "problems": len(tab.report.problems)})
        tab.close()
    runs = []

    def timed(name: str, fn, target: Path) -> None:
        t = time.perf_counter()
        written = fn(target)
        files = written if isinstance(written, list) else [written]
        runs.append({"export": name, "s": time.perf_counter() - t, "mb": sum(f.stat().st_size for f in files) / 1e6})

    timed("GraphML", lambda p: exports.export_graphml(pg, p), out / "g.graphml")
    timed("GEXF", lambda p: exports.export_gexf(pg, p), out / "g.gexf")
    timed("CSV (neo4j-admin)", lambda p: exports.export_csv(pg, p), out / "csv")
    timed("Turtle from the store", lambda p: exports.export_turtle(oxigraph_store.open_store(store), p), out / "g.ttl")
    t = time.perf_counter()
    rdf = load_rdf(store)
    load_s = time.perf_counter() - t
    timed("JSON-LD (rdflib)", lambda p: exports.export_jsonld(rdf, p), out / "g.jsonld")
    import json

    built = json.loads((store / "build.json").read_text(encoding="utf-8")) if (store / "build.json").is_file() else {}
    what = (f"{len(built.get('documents', []))} documents"
            + (" + the reference registries" if built.get("reference") else ", no reference registries"))
    head = (f"Built graph ({what}): {pg.number_of_nodes():,} nodes, {pg.number_of_edges():,} edges; "
            f"`write_views` wrote {len(paths)} files in {write_all:.1f} s; the JSON-LD run starts from an rdflib "
            f"copy of the store ({len(rdf):,} triples, {load_s:.1f} s to make, not counted).")
    return head, views, runs


def table(rows: list[dict]) -> str:
    lines = ["| graph | nodes / edges | drawn nodes | physics | file MB | write s | first draw ms | settled ms | open→ready s |",
             "|---|---|---|---|---|---|---|---|---|"]
    for r in rows:
        lines.append(f"| {r['label']} | {r['nodes']:,} / {r['edges']:,} | {r['drawn']:,}{' (summary)' if r['summarised'] else ''} "
                     f"| {'on' if r['physics'] else 'off'} | {r['mb']:.2f} | {r['write_s']:.2f} | {r['render_ms']:.0f} "
                     f"| {r['stable_ms']:.0f} | {r['wall_s']:.2f} |")
    return "\n".join(lines)




def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--sizes", type=int, nargs="+", default=[500, 2000, 10000])
    ap.add_argument("--store", help="also measure every view and export of this built graph folder")
    ap.add_argument("--no-write", action="store_true", help="print only; leave RESULTS.md alone")
    args = ap.parse_args()
    rows = []
    load_before = os.getloadavg()[0]
    with tempfile.TemporaryDirectory() as tmp, Chromium() as browser:
        out = Path(tmp)
        measure(browser, synthetic_graph(50), out, html.SUMMARY_LIMIT, "warm-up")
        for n in args.sizes:
            g = synthetic_graph(n, seed=1)
            rows.append(measure(browser, g, out, html.SUMMARY_LIMIT, f"synthetic {n:,}"))
            print(rows[-1], flush=True)
            if g.number_of_nodes() > html.SUMMARY_LIMIT:
                rows.append(measure(browser, g, out, g.number_of_nodes(), f"synthetic {n:,}, no summary"))
                print(rows[-1], flush=True)
        if args.store:
            head, views, runs = measure_store(browser, Path(args.store), out)
    store_part = ""
    if args.store:
        store_part = ("\n\n" + head + "\n\n| view | drawn nodes | file MB | first draw ms | settled ms |\n|---|---|---|---|---|\n"
                      + "\n".join(f"| {v['view']} | {v['drawn']:,} | {v['mb']:.2f} | {v['render_ms']:.0f} | {v['stable_ms']:.0f} |"
                                   for v in views)
                      + "\n\n| export | seconds | MB |\n|---|---|---|\n"
                      + "\n".join(f"| {r['export']} | {r['s']:.1f} | {r['mb']:.1f} |" for r in runs)
                      + f"\n\nConsole errors in the built graph's views: {sum(v['problems'] for v in views)}.")
    body = (f"`bench/bench_views.py` on {platform.machine()} ({platform.python_version()}), Debian chromium headless, "
            f"1400×900 viewport. Whole-graph view of a synthetic projection-shaped graph; physics on at ≤ "
            f"{html.PHYSICS_LIMIT} drawn nodes, positions precomputed with networkx otherwise; above "
            f"{html.SUMMARY_LIMIT:,} nodes the view is summarised by type and city. 'first draw' and 'settled' are the "
            "page's own clock from navigation start (vis `afterDrawing`; `stabilizationIterationsDone` when physics "
            "runs); 'open→ready' is wall time from navigate to the first draw as seen by the test harness.\n\n"
            + table(rows) + "\n\n"
            + f"Console errors across all runs: {sum(r['problems'] for r in rows)}. "
            + f"Load average (1 min) at start and end: {load_before:.1f} / {os.getloadavg()[0]:.1f} on "
            + f"{os.cpu_count()} cores shared with other jobs; timings grow with it." + store_part)
    print(body)
    if not args.no_write:
        write_section("## Views", body)


if __name__ == "__main__":
    main()
