"""Where the project's shared inputs are: `../shared` beside the repository, or $STDKG_SHARED."""
from __future__ import annotations

import os
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
SHARED = Path(os.environ.get("STDKG_SHARED") or ROOT.parent / "shared")
CORPUS = SHARED / "corpus"
GOLD = SHARED / "gold"
REFERENCE = SHARED / "reference"
SCORE_PY = SHARED / "tools" / "score.py"
