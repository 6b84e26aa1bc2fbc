"""Regenerate graph/data/records/*.json: the extracted records of the corpus documents.

    .venv/bin/python scripts/ship_records.py [CORPUS_DIR]

The records keep their provenance and evidence; the normalised text is not
shipped. `stdkg build` builds from these files when no --docs folder is given.
"""
from __future__ import annotations

import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from stdkg.loaders.policy import load_policy_documents, write_extraction  # noqa: E402
from stdkg.pipeline import RECORDS_DIR, document_files  # noqa: E402

DEFAULT_CORPUS = ROOT.parent / "shared" / "corpus"


def ship(corpus: Path = DEFAULT_CORPUS, out_dir: Path = RECORDS_DIR) -> list[Path]:
    """Extract every document of `corpus` into `out_dir`; stale files of documents no longer there are removed."""
    records, errors = load_policy_documents(document_files(corpus))
    if errors:
        raise SystemExit("\n".join(str(e) for e in errors))
    written = [write_extraction(r, out_dir) for r in records]
    for stale in set(out_dir.glob("*.json")) - set(written):
        stale.unlink()
    return written


if __name__ == "__main__":
    for path in ship(Path(sys.argv[1]) if len(sys.argv) > 1 else DEFAULT_CORPUS):
        print(path)
