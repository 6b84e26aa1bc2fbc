"""Time the document readers and write `## Reading documents` in bench/RESULTS.md.

Run from the repository root: PYTHONPATH=. .venv/bin/python bench/bench_reading.py [--pages 200]

Inputs are made here from the corpus text: PDFs printed by headless Chromium (a short one and a long
one of about `--pages` pages), a DOCX of the same paragraphs (python-docx), and the corpus text
files. Each measurement runs in a fresh Python process pinned to one core; its peak resident
memory (VmHWM, reset after the imports; PDFium's own allocations included) belongs to that reading alone.
"""
from __future__ import annotations

import argparse
import html
import json
import os
import platform
import subprocess
import sys
import tempfile
import time
from importlib import metadata
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(Path(__file__).resolve().parent))

from results import write_section  # noqa: E402
from tests import documents_support as docs  # noqa: E402

SECTION = "## Reading documents"
DEFAULT_CORPUS = Path(os.environ.get("STDKG_CORPUS", ROOT.parent / "shared" / "corpus"))

_CHILD = r"""
import json, os, resource, sys, time
from pathlib import Path
if hasattr(os, "sched_setaffinity"):
    os.sched_setaffinity(0, {min(os.sched_getaffinity(0))})
from stdkg.loaders.formats import read_document
from stdkg.loaders.policy import load_policy_document
from stdkg.loaders.text import normalise
paths = [Path(p) for p in sys.argv[2:]]
datas = [p.read_bytes() for p in paths]
def status(key):
    for line in open("/proc/self/status"):
        if line.startswith(key):
            return int(line.split()[1])
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
base = status("VmRSS:")
try:
    with open("/proc/self/clear_refs", "w") as f:
        f.write("5")
except OSError:
    pass
best_read = best_norm = best_load = float("inf")
for _ in range(int(sys.argv[1])):
    start = time.perf_counter()
    reads = [read_document(d, p, p.stem) for d, p in zip(datas, paths)]
    best_read = min(best_read, time.perf_counter() - start)
    start = time.perf_counter()
    for r, p in zip(reads, paths):
        normalise(r.text, p.stem)
    best_norm = min(best_norm, time.perf_counter() - start)
start = time.perf_counter()
records = [load_policy_document(p) for p in paths]
best_load = time.perf_counter() - start
peak = status("VmHWM:")
print(json.dumps({"read": best_read, "normalise": best_norm, "load": best_load, "peak_kb": peak, "base_kb": base,
                  "pages": sum(len(r.page_starts or []) for r in reads), "chars": sum(len(r.text) for r in reads),
                  "ownership": sum(len(r.responsibilities) for r in records)}))
"""


def _measure(paths: list[Path], runs: int) -> dict:
    env = {**os.environ, "PYTHONPATH": str(ROOT)}
    done = subprocess.run([sys.executable, "-c", _CHILD, str(runs), *map(str, paths)], capture_output=True,
                          text=True, env=env, timeout=900, check=True)
    return json.loads(done.stdout.strip().splitlines()[-1])


def _paragraphs(corpus: Path) -> list[str]:
    out = []
    for path in sorted(corpus.glob("*.txt")):
        out.extend(line.strip() for line in path.read_text(encoding="utf-8").splitlines() if line.strip())
    return out


def _repeated(paragraphs: list[str], chars: int) -> list[str]:
    """The paragraphs over and over until they hold `chars` characters."""
    body, total = [], 0
    while total < chars:
        for p in paragraphs:
            body.append(p)
            total += len(p)
            if total >= chars:
                break
    return body


def _pdf_of(paragraphs: list[str], out: Path) -> Path:
    return docs.print_pdf(docs.page_html("".join(f"<p>{html.escape(p)}</p>" for p in paragraphs)), out)


def _versions() -> str:
    import pypdfium2

    names = ("pypdfium2", "python-docx", "lxml", "opencc")
    found = [f"{n} {metadata.version(n)}" for n in names]
    pdfium = getattr(pypdfium2, "PDFIUM_INFO", None) or getattr(getattr(pypdfium2, "version", None), "PDFIUM_INFO", "")
    chromium = subprocess.run([docs.chromium(), "--version"], capture_output=True, text=True).stdout.strip()
    return ", ".join(found) + (f" (PDFium {pdfium})" if pdfium else "") + f"; PDFs printed by {chromium}"


def _memory_gb() -> str:
    try:
        for line in Path("/proc/meminfo").read_text().splitlines():
            if line.startswith("MemTotal:"):
                return f"{int(line.split()[1]) / 1024 / 1024:.1f} GB"
    except OSError:
        pass
    return "unknown"


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--corpus", type=Path, default=DEFAULT_CORPUS)
    parser.add_argument("--pages", type=int, default=200, help="pages of the long PDF")
    parser.add_argument("--runs", type=int, default=3)
    args = parser.parse_args()
    texts = sorted(args.corpus.glob("*.txt"))
    if not texts:
        sys.exit(f"no corpus under {args.corpus}")
    paragraphs = _paragraphs(args.corpus)
    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(tmp)
        start = time.perf_counter()
        short_pdf = _pdf_of(paragraphs, folder / "corpus.pdf")
        per_page = sum(map(len, paragraphs)) / len(docs.pdf_page_texts(short_pdf))
        long_paragraphs = _repeated(paragraphs, int(args.pages * per_page))
        long_pdf = _pdf_of(long_paragraphs, folder / "long.pdf")
        made_s = time.perf_counter() - start
        docx = docs.text_docx(long_paragraphs, folder / "long.docx")
        results = {
            "text (corpus .txt)": (_measure(texts, args.runs), sum(p.stat().st_size for p in texts)),
            "PDF (corpus printed)": (_measure([short_pdf], args.runs), short_pdf.stat().st_size),
            f"PDF (long, ~{args.pages} pages)": (_measure([long_pdf], 2), long_pdf.stat().st_size),
            "DOCX (long, same paragraphs)": (_measure([docx], args.runs), docx.stat().st_size),
        }
        long_pages = len(docs.pdf_page_texts(long_pdf))
    rows = []
    for name, (r, size) in results.items():
        pages = r["pages"] or (long_pages if name.startswith("DOCX") else 0)
        per_page = f"{pages / r['read']:.0f}" if pages else "–"
        rows.append(f"| {name} | {size / 1e6:.2f} | {pages or '–'} | {r['read'] * 1000:.0f} | {per_page} | "
                    f"{size / 1e6 / r['read']:.2f} | {r['normalise'] * 1000:.0f} | {r['load'] * 1000:.0f} | "
                    f"{r['peak_kb'] / 1024:.0f} ({(r['peak_kb'] - r['base_kb']) / 1024:+.0f}) |")
    section = "\n".join([
        SECTION,
        "",
        f"Measured {time.strftime('%Y-%m-%d %H:%M UTC', time.gmtime())} by `bench/bench_reading.py` on "
        f"{os.cpu_count()} cores / {_memory_gb()} ({platform.machine()}, Python {platform.python_version()}), "
        f"each row in a fresh process pinned to one core; read and normalise best of {args.runs} runs "
        "(the long PDF: two), whole load one run.",
        f"Libraries: {_versions()}. Making the PDFs with Chromium took {made_s:.0f} s (not counted). "
        f"Load average while measuring: {os.getloadavg()[0]:.1f} (the machine was shared; times scale with it).",
        "",
        "| input | MB | pages | read ms | pages/s | MB/s read | normalise ms | whole load ms | peak RSS MB (over the RSS after imports) |",
        "|---|---|---|---|---|---|---|---|---|",
        *rows,
        "",
        "`read` is bytes → text (`stdkg.loaders.formats.read_document`: type detection, PDFium text and glyph "
        "boxes, python-docx with numbering, decoding); `whole load` adds normalising and extraction "
        "(`load_policy_document`). The DOCX row's pages are the PDF page count of the same paragraphs.",
        "",
    ])
    write_section(SECTION, section)
    print(section)


if __name__ == "__main__":
    main()
