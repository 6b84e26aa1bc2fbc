"""National-scale benchmark: build N generated documents + the full reference; writes `## National scale` in RESULTS.md.

    .venv/bin/python bench/bench_national.py [--sizes 25 300 3000] [--reference DIR] [--no-write]
    .venv/bin/python bench/bench_national.py --rows LOG   # the section again from the JSON rows a run printed

For each size, a fresh process generates the corpus (bench/national_corpus.py, seed 7),
builds it with the reference data into a temporary store through `KnowledgeGraph`,
then measures: wall time and per-stage times of the build, peak memory of that
process, triples, store size on disk, adding one more document, SHACL validation, and
every named question's median latency over 5 runs with its example parameters.
"""
from __future__ import annotations

import argparse
import json
import os
import platform
import resource
import statistics
import subprocess
import sys
import tempfile
import time
from importlib.metadata import version
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "bench"))

from results import write_section  # noqa: E402

SECTION = "## National scale"
DEFAULT_REFERENCE = ROOT.parent / "shared" / "reference"
TARGETS = {"build s": 120, "peak memory GB": 4, "add one document s": 2, "SHACL s": 60, "slowest question median ms": 200}


def folder_size(path: Path) -> int:
    return sum(p.stat().st_size for p in path.rglob("*") if p.is_file())


def measure(size: int, reference: Path) -> dict:
    """Runs in its own process: generate, build, add, validate, ask."""
    from national_corpus import generate

    from stdkg import KnowledgeGraph

    with tempfile.TemporaryDirectory() as tmp:
        docs = Path(tmp) / "docs"
        generate(docs, size + 1)
        extra = sorted(docs.iterdir())[-1]
        spare = Path(tmp) / "spare"
        spare.mkdir()
        extra.rename(spare / extra.name)
        kg = KnowledgeGraph(Path(tmp) / "store", reference=reference)
        started = time.perf_counter()
        result = kg.build(docs)
        build_s = time.perf_counter() - started
        row = {"documents": size, "build s": build_s, "stages": dict(result.seconds), "triples": result.triples,
               "errors": len(result.errors), "store MB": folder_size(kg.path) / 1e6}
        try:
            t = time.perf_counter()
            kg.add([spare / extra.name])
            row["add one document s"] = time.perf_counter() - t
        except Exception as e:  # the benchmark reports what the build cannot do yet
            row["add one document s"] = f"not measured: {type(e).__name__}: {e}"
        t = time.perf_counter()
        report = kg.validate()
        row["SHACL s"] = time.perf_counter() - t
        row["violations"] = len(report.violations)
        latencies = {}
        for q in kg.questions():
            runs = []
            for _ in range(5):
                t = time.perf_counter()
                kg.ask(q.name, q.example)
                runs.append((time.perf_counter() - t) * 1000)
            latencies[q.name] = statistics.median(runs)
        row["question median ms"] = latencies
        row["slowest question median ms"] = max(latencies.values())
        row["peak memory GB"] = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1e6
        row["load average"] = os.getloadavg()[0]
        return row


def run_size(size: int, reference: Path) -> dict:
    code = (f"import json, sys; sys.path.insert(0, {str(ROOT / 'bench')!r}); import bench_national as b; "
            f"print('RESULT', json.dumps(b.measure({size}, __import__('pathlib').Path({str(reference)!r}))))")
    done = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True)
    line = next((l for l in done.stdout.splitlines() if l.startswith("RESULT ")), None)
    if line is None:
        raise SystemExit(f"size {size} failed:\n{done.stdout[-2000:]}\n{done.stderr[-4000:]}")
    return json.loads(line[len("RESULT "):])


def _fmt(value) -> str:
    if isinstance(value, float):
        return f"{value:,.2f}" if value < 100 else f"{value:,.0f}"
    if isinstance(value, int):
        return f"{value:,}"
    return str(value)


def verdicts(row: dict) -> list[str]:
    """Each target: met, or missed and by how much (measured / target)."""
    out = []
    for key, limit in TARGETS.items():
        value = row.get(key)
        if not isinstance(value, (int, float)):
            out.append(f"{key}: not measured")
        elif value < limit:
            out.append(f"{key} {_fmt(value)}: met")
        else:
            out.append(f"{key} {_fmt(value)}: missed ({value / limit:.2f}× the target)")
    return out


def report(rows: list[dict], reference: Path) -> str:
    mem_gb = os.sysconf("SC_PAGE_SIZE") * os.sysconf("SC_PHYS_PAGES") / 2**30
    libs = ", ".join(f"{p} {version(p)}" for p in ("pyoxigraph", "rdflib", "networkx", "pyshacl", "pandas"))
    lines = [
        f"Machine: {os.cpu_count()} cores, {mem_gb:.0f} GiB, {platform.platform()}, Python {platform.python_version()}; {libs}.",
        f"Corpus: bench/national_corpus.py (seed 7) with the reference folder {reference.name}/ (ISO Open Data, © ISO).",
        "",
        "| documents | build s | peak memory GB | triples | store MB | add one document s | SHACL s | slowest question median ms |",
        "|---|---|---|---|---|---|---|---|",
    ]
    for r in rows:
        lines.append("| " + " | ".join(_fmt(r[k]) for k in ("documents", "build s", "peak memory GB", "triples", "store MB",
                                                             "add one document s", "SHACL s",
                                                             "slowest question median ms")) + " |")
    lines += ["", "Targets (issue, for 3,000 documents): " + ", ".join(f"{k} < {v}" for k, v in TARGETS.items()) + ".", ""]
    for r in rows:
        lines.append(f"At {r['documents']:,} documents, against those targets: " + "; ".join(verdicts(r)) + "."
                     + (f" Load average at the end: {r['load average']:.1f} on {os.cpu_count()} cores."
                        if "load average" in r else ""))
    lines.append("")
    for r in rows:
        lines.append(f"Stages at {r['documents']:,} documents: " +
                     ", ".join(f"{k} {v:.1f} s" for k, v in r["stages"].items()) + ".")
    lines += ["", "| question | " + " | ".join(f"{r['documents']:,} docs ms" for r in rows) + " |",
              "|---|" + "---|" * len(rows)]
    for name in rows[0]["question median ms"]:
        lines.append(f"| `{name}` | " + " | ".join(_fmt(r["question median ms"][name]) for r in rows) + " |")
    return "\n".join(lines)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sizes", type=int, nargs="+", default=[25, 300, 3000])
    parser.add_argument("--reference", type=Path, default=DEFAULT_REFERENCE)
    parser.add_argument("--no-write", action="store_true")
    parser.add_argument("--rows", type=Path, help="write the section from the JSON rows a run printed (no measuring)")
    args = parser.parse_args()
    rows = []
    if args.rows is not None:
        rows = [json.loads(line) for line in args.rows.read_text(encoding="utf-8").splitlines()
                if line.startswith("{")]
    for size in ([] if args.rows is not None else args.sizes):
        row = run_size(size, args.reference)
        print(json.dumps(row, ensure_ascii=False))
        rows.append(row)
    body = report(rows, args.reference)
    print(body)
    if not args.no_write:
        write_section(SECTION, body)


if __name__ == "__main__":
    main()
