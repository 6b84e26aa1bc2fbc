"""bench/RESULTS.md: each benchmark owns one `## ` section and rewrites only that one."""
from __future__ import annotations

from pathlib import Path

RESULTS = Path(__file__).resolve().parent / "RESULTS.md"


def write_section(heading: str, body: str, path: Path = RESULTS) -> None:
    """Replace the section `heading` (e.g. `## Build`) with `body`, other sections untouched, or append it."""
    lines = path.read_text(encoding="utf-8").splitlines() if path.exists() else ["# Benchmark results", ""]
    body_lines = body.strip("\n").splitlines()
    if body_lines and body_lines[0].strip() == heading:
        body_lines = body_lines[1:]
    while body_lines and not body_lines[0].strip():
        body_lines = body_lines[1:]
    new = [heading, "", *body_lines, ""]
    start = next((i for i, line in enumerate(lines) if line.strip() == heading), None)
    if start is None:
        lines += ([""] if lines and lines[-1].strip() else []) + new
    else:
        end = next((i for i in range(start + 1, len(lines)) if lines[i].startswith("## ")), len(lines))
        lines[start:end] = new
    path.write_text("\n".join(lines).rstrip("\n") + "\n", encoding="utf-8")
