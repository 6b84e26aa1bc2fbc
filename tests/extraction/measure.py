"""Print the current scores of every floor row, and optionally rewrite floors.csv a little below them.

    .venv/bin/python -m tests.extraction.measure [--write-floors] [--margin 0.03]

Floors are never raised by hand to a score not reached; rewriting them keeps each document's
measures and puts each floor `margin` below today's F1 (rounded down to 0.01).
"""
from __future__ import annotations

import argparse
import math

from tests.extraction.gold_documents import DOCUMENTS, FLOORS_FILE, floors
from tests.extraction.test_quality import SETS, set_scores

HEADER = ("# Extraction floors: document (a file stem of documents/, or documents, corpus, devset), measure, floor.\n"
          "# Floors sit a little below the reached F1; rewrite with python -m tests.extraction.measure --write-floors.\n")
DOCUMENT_MEASURES = ("ownership", "ownership+role", "targets", "organisations")
SET_MEASURES = ("ownership", "ownership+role", "targets", "targets+comparator", "organisations",
                "organisations+type", "facts")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--write-floors", action="store_true")
    parser.add_argument("--margin", type=float, default=0.02)
    args = parser.parse_args()
    rows = []
    names = list(DOCUMENTS) + list(SETS)
    print("| document | ownership | ownership+role | targets | organisations | facts |")
    print("|---|---|---|---|---|---|")
    for name in names:
        scores = set_scores(name)["scores"]
        print(f"| {name} | " + " | ".join(f"{scores[m]['f1']:.3f}" for m in
                                           ("ownership", "ownership+role", "targets", "organisations", "facts")) + " |")
        for measure in (SET_MEASURES if name in SETS else DOCUMENT_MEASURES):
            floor = max(0.0, math.floor((scores[measure]["f1"] - args.margin) * 100) / 100)
            rows.append((name, measure, floor))
    if args.write_floors:
        lines = ["document,measure,floor"] + [f"{d},{m},{f:.2f}" for d, m, f in rows]
        FLOORS_FILE.write_text(HEADER + "\n".join(lines) + "\n", encoding="utf-8")
        print(f"wrote {len(rows)} floors to {FLOORS_FILE} (was {len(floors())})")


if __name__ == "__main__":
    main()
