"""Time the policy loader on the corpus (one core) and write `## Extraction throughput` in bench/RESULTS.md.

Run from the repository root: PYTHONPATH=. .venv/bin/python bench/bench_extraction.py [--corpus DIR]

Stages are timed one after another on the same normalised text, so their sum is
close to the whole load. A long document made by repeating the corpus checks
that time grows with length and not faster.
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

from stdkg.loaders.organisations import extract_organisations
from stdkg.loaders.plan import extract_plan
from stdkg.loaders.policy import extract_ownership, load_policy_document
from stdkg.loaders.sections import parse_sections
from stdkg.loaders.targets import extract_targets
from stdkg.loaders.text import decode, normalise
from results import write_section  # noqa: E402

RESULTS = Path(__file__).resolve().parent / "RESULTS.md"
SECTION = "## Extraction throughput"
ROOT = Path(__file__).resolve().parents[1]
DEFAULT_CORPUS = Path(os.environ.get("STDKG_CORPUS", ROOT.parent / "shared" / "corpus"))
DOCUMENT_FOLDER = ROOT / "tests" / "extraction" / "documents"


def _best(runs: int, action) -> tuple[float, object]:
    best, result = float("inf"), None
    for _ in range(runs):
        start = time.perf_counter()
        result = action()
        best = min(best, time.perf_counter() - start)
    return best, result


def _stages(paths: list[Path], runs: int) -> dict[str, float]:
    totals = dict.fromkeys(("decode + normalise", "sections", "plan", "ownership (clauses + tables)", "targets",
                            "organisations", "whole load"), 0.0)
    for path in paths:
        data = path.read_bytes()
        t, raw = _best(runs, lambda: decode(data, path))
        t2, norm = _best(runs, lambda: normalise(raw, path.stem))
        totals["decode + normalise"] += t + t2
        text = norm.text
        t, plan = _best(runs, lambda: extract_plan(path.stem, text))
        totals["plan"] += t
        t, sections = _best(runs, lambda: parse_sections(path.stem, text))
        totals["sections"] += t
        totals["ownership (clauses + tables)"] += _best(runs, lambda: extract_ownership(path.stem, text, sections))[0]
        totals["targets"] += _best(runs, lambda: extract_targets(path.stem, text, sections, plan))[0]
        totals["organisations"] += _best(runs, lambda: extract_organisations(path.stem, text, sections, plan))[0]
        totals["whole load"] += _best(runs, lambda: load_policy_document(path))[0]
    return totals


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--corpus", type=Path, default=DEFAULT_CORPUS)
    parser.add_argument("--runs", type=int, default=5)
    parser.add_argument("--repeat", type=int, default=20, help="copies of the corpus in the long document")
    args = parser.parse_args()
    if hasattr(os, "sched_setaffinity"):
        os.sched_setaffinity(0, {min(os.sched_getaffinity(0))})

    paths = sorted(args.corpus.glob("*.txt")) + sorted(p for p in DOCUMENT_FOLDER.glob("*") if p.suffix in (".txt", ".html"))
    if not paths:
        sys.exit(f"no documents under {args.corpus} or {DOCUMENT_FOLDER}")
    size = sum(p.stat().st_size for p in paths)
    load_policy_document(paths[0])
    stages = _stages(paths, args.runs)

    with tempfile.TemporaryDirectory() as tmp:
        long_doc = Path(tmp) / "long.txt"
        corpus_text = "\n\n".join(p.read_text(encoding="utf-8") for p in sorted(args.corpus.glob("*.txt")))
        long_doc.write_text(corpus_text * args.repeat, encoding="utf-8")
        long_size = long_doc.stat().st_size
        long_s, long_records = _best(1, lambda: load_policy_document(long_doc))

    whole = stages["whole load"]
    rows = [f"| {name} | {seconds * 1000:.1f} | {size / 1e6 / seconds:.2f} |" for name, seconds in stages.items()]
    section = "\n".join([
        SECTION,
        "",
        f"Measured {time.strftime('%Y-%m-%d %H:%M UTC', time.gmtime())} by `bench/bench_extraction.py`, "
        f"one core (affinity pinned), Python {platform.python_version()}, best of {args.runs} runs per document.",
        f"Input: {len(paths)} documents ({size / 1e6:.3f} MB of UTF-8/GB18030/HTML bytes): the corpus and the "
        f"extraction test documents.",
        "",
        "| stage | ms for all documents | MB/s |",
        "|---|---|---|",
        *rows,
        "",
        f"Whole load: **{size / 1e6 / whole:.2f} MB of text per second** on one core "
        f"({whole / len(paths) * 1000:.1f} ms per document).",
        f"Long document ({args.repeat} copies of the corpus, {long_size / 1e6:.1f} MB, "
        f"{len(long_records.responsibilities)} ownership rows): {long_s:.2f} s, "
        f"{long_size / 1e6 / long_s:.2f} MB/s.",
        "",
    ])
    write_section(SECTION, section)
    print(section)


if __name__ == "__main__":
    main()
