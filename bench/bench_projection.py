"""Projection benchmark: RDF → property graph (`to_networkx`) as documents multiply; writes `## Projection` in bench/RESULTS.md.

    .venv/bin/python bench/bench_projection.py [--sizes 25,50,100] [--no-write] [--note TEXT]

The shipped corpus records are copied under new document ids until there are
N documents (no reference registries), so the bodies every plan names (ISO,
SAC, the national administration) gather mentions and evidence from every
copy, as they do in a large corpus. Times the graph build and the projection.
"""
from __future__ import annotations

import argparse
import json
import os
import platform
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from stdkg.build import build_graph  # noqa: E402
from stdkg.loaders.registry import load_registries  # noqa: E402
from stdkg.pipeline import shipped_records  # noqa: E402
from stdkg.property_graph import to_networkx  # noqa: E402
from stdkg.records import records_from_dict, records_to_dict  # noqa: E402
from results import write_section  # noqa: E402

SECTION = "## Projection"


def copies(n: int):
    """n documents: the shipped records, then copies of them under new document ids."""
    base = shipped_records()
    out = []
    for i in range(n):
        r = base[i % len(base)]
        if i < len(base):
            out.append(r)
            continue
        text = json.dumps(records_to_dict(r), ensure_ascii=False).replace(r.doc, f"{r.doc}-copy{i}")
        out.append(records_from_dict(json.loads(text)))
    return out


def run(n: int, registries) -> dict[str, object]:
    docs = copies(n)
    t = time.perf_counter()
    g = build_graph(docs, registries)
    build_s = time.perf_counter() - t
    t = time.perf_counter()
    view = to_networkx(g)
    project_s = time.perf_counter() - t
    return {"documents": n, "triples": len(g), "nodes": view.number_of_nodes(), "edges": view.number_of_edges(),
            "build graph (s)": build_s, "to_networkx (s)": project_s}


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sizes", default="25,50,100")
    parser.add_argument("--no-write", action="store_true", help="print only; leave RESULTS.md alone")
    parser.add_argument("--note", default="", help="a sentence appended to the section")
    args = parser.parse_args()
    registries = load_registries()
    rows = [run(int(n), registries) for n in args.sizes.split(",")]
    keys = list(rows[0])
    lines = ["| " + " | ".join(keys) + " |", "|" + "---|" * len(keys)]
    for r in rows:
        lines.append("| " + " | ".join(f"{r[k]:.2f}" if isinstance(r[k], float) else str(r[k]) for k in keys) + " |")
    body = "\n".join([
        f"`bench/bench_projection.py` on {platform.python_implementation()} {platform.python_version()}, "
        f"{os.cpu_count()} cores (machine shared with other jobs; load average at start {os.getloadavg()[0]:.1f}). "
        "Shipped corpus records copied under new document ids up to N documents, no reference registries; "
        "one run each.", "", *lines, "", args.note]).rstrip()
    print(body)
    if not args.no_write:
        write_section(SECTION, body)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
