"""Store benchmark: full build, add one document, remove it, check, and reading the networkx view; writes
`## Store` in bench/RESULTS.md.

    .venv/bin/python bench/bench_store.py [--reference DIR] [--no-write]

Builds the corpus documents (../shared/corpus) with the reference registries into a
temporary store, all but the last document, then adds the last one, removes it again,
checks the store, and reads the networkx view: first projected from the store (the
add and remove made its JSON cache stale), then from the cache written by that read.
"""
from __future__ import annotations

import argparse
import os
import platform
import shutil
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from stdkg.pipeline import (add_documents, build, check_store, load_networkx, load_rdf,  # noqa: E402
                            reference_dir, remove_documents)
from results import write_section  # noqa: E402

SECTION = "## Store"
CORPUS = ROOT.parent / "shared" / "corpus"


def timed(label: str, rows: list[tuple[str, str]], fn):
    t = time.perf_counter()
    value = fn()
    rows.append((label, f"{time.perf_counter() - t:.1f}"))
    return value


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--reference", type=Path, default=None)
    parser.add_argument("--no-write", action="store_true")
    args = parser.parse_args()
    reference = args.reference or reference_dir()
    files = sorted(CORPUS.glob("*.txt"))
    load = os.getloadavg()[0]
    rows: list[tuple[str, str]] = []
    with tempfile.TemporaryDirectory() as tmp:
        docs = Path(tmp) / "docs"
        docs.mkdir()
        for f in files[:-1]:
            shutil.copy(f, docs / f.name)
        store = Path(tmp) / "store"
        result = timed("build (all but one document, s)", rows, lambda: build(store, docs=docs, reference=reference))
        assert result.exit_code == 0, result.errors
        extra = Path(tmp) / files[-1].name
        shutil.copy(files[-1], extra)
        added = timed("add one document (s)", rows, lambda: add_documents(store, [extra]))
        assert added.added, added.errors
        timed("add it again, unchanged (s)", rows, lambda: add_documents(store, [extra]))
        removed = timed("remove it (s)", rows, lambda: remove_documents(store, added.added))
        assert removed.removed
        report = timed("check (s)", rows, lambda: check_store(store))
        assert report.ok, report.problems
        timed("networkx view after the add and remove (cache stale: projected, cache written, s)", rows,
              lambda: load_networkx(store))
        timed("networkx view again (from the JSON cache, s)", rows, lambda: load_networkx(store))
        timed("RDF read from the store alone (s)", rows, lambda: load_rdf(store))
        triples = result.triples
    body = [
        f"`bench/bench_store.py` on CPython {platform.python_version()}, {os.cpu_count()} cores (machine shared "
        f"with other jobs; load average at start {load:.1f}). Corpus documents {CORPUS.name}/*.txt "
        f"({len(files) - 1} built, 1 added and removed), reference {reference}; {triples:,} triples. One run each.",
        "",
        "| measure | value |",
        "|---|---|",
        *[f"| {k} | {v} |" for k, v in rows],
    ]
    text = "\n".join(body)
    print(text)
    if not args.no_write:
        write_section(SECTION, text)


if __name__ == "__main__":
    main()
