"""Time the registry and reference loaders and name resolution; write a section of bench/RESULTS.md.

Run from the repository root: PYTHONPATH=. .venv/bin/python bench/bench_registry.py [--reference DIR]
"""
from __future__ import annotations

import argparse
import os
import re
import statistics
import time
from pathlib import Path

from stdkg.loaders.reference import load_reference, normalise_standard_reference
from stdkg.loaders.registry import load_registries
from results import write_section  # noqa: E402

RESULTS = Path(__file__).resolve().parent / "RESULTS.md"
SECTION = "## Registries and reference data"
DEFAULT_REFERENCE = Path(os.environ.get("STDKG_REFERENCE", Path(__file__).resolve().parents[2] / "shared" / "reference"))


def _best_of(runs: int, action) -> tuple[float, object]:
    times, result = [], None
    for _ in range(runs):
        start = time.perf_counter()
        result = action()
        times.append(time.perf_counter() - start)
    return min(times), result


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--reference", type=Path, default=DEFAULT_REFERENCE)
    args = parser.parse_args()

    registries_s, reg = _best_of(5, load_registries)
    reference_s, ref = _best_of(3, lambda: load_reference(args.reference))

    names = [(name, d.city) for d in reg.departments for name in (d.name_zh, *d.aliases)]
    rounds = max(1, 20000 // len(names))
    start = time.perf_counter()
    for _ in range(rounds):
        for name, city in names:
            reg.resolve_department(name, city)
    resolve_us = (time.perf_counter() - start) / (rounds * len(names)) * 1e6

    refs = [s.reference for s in ref.standards]
    start = time.perf_counter()
    for text in refs:
        normalise_standard_reference(text)
    normalise_us = (time.perf_counter() - start) / max(1, len(refs)) * 1e6
    lookup_us = statistics.mean(
        _best_of(1, lambda r=r: ref.standard(r))[0] for r in refs[:2000]) * 1e6 if refs else 0.0

    section = "\n".join([
        SECTION,
        "",
        f"Measured {time.strftime('%Y-%m-%d %H:%M UTC', time.gmtime())} by `bench/bench_registry.py` "
        f"(best of several runs, {os.cpu_count()} cores).",
        "",
        "| what | size | time |",
        "|---|---|---|",
        f"| `load_registries()` | {len(reg.cities)} cities, {len(reg.departments)} departments, "
        f"{len(reg.organisations)} organisations | {registries_s * 1000:.1f} ms |",
        f"| `load_reference()` | {len(ref.standards)} standards, {len(ref.committees)} committees, "
        f"{len(ref.memberships)} memberships, {len(ref.ics_codes)} ICS codes | {reference_s:.2f} s |",
        f"| `resolve_department` | {len(names)} written forms × {rounds} | {resolve_us:.1f} µs per name |",
        f"| `normalise_standard_reference` | {len(refs)} references | {normalise_us:.1f} µs per reference |",
        f"| `Reference.standard` lookup | 2000 references | {lookup_us:.1f} µs per lookup |",
        "",
    ])
    write_section(SECTION, section)
    print(section)


if __name__ == "__main__":
    main()
