"""One corpus + reference build shared by the question tests of a session, and gold helpers."""
from __future__ import annotations

import atexit
import csv
import json
import shutil
import tempfile
from functools import lru_cache
from pathlib import Path
from tests.shared import GOLD, REFERENCE



@lru_cache(maxsize=1)
def built_store() -> Path:
    """Build the shipped corpus records with the reference registries into a temporary store (once)."""
    from stdkg.pipeline import build

    folder = Path(tempfile.mkdtemp(prefix="stdkg-questions-"))
    atexit.register(shutil.rmtree, folder, True)
    store = folder / "store"
    result = build(store=store, reference=REFERENCE)
    if result.errors:
        raise RuntimeError("build failed: " + "; ".join(result.errors))
    return store


def gold(doc: str) -> dict:
    return json.loads((GOLD / f"{doc}.json").read_text(encoding="utf-8"))


def gold_by_city() -> dict[str, list[dict]]:
    out: dict[str, list[dict]] = {}
    for path in sorted(GOLD.glob("[0-9]*.json")):
        d = json.loads(path.read_text(encoding="utf-8"))
        out.setdefault(d["city"], []).append(d)
    return out


@lru_cache(maxsize=1)
def registries():
    from stdkg.loaders.registry import load_registries

    return load_registries()


def unit_name(as_written: str, city: str) -> str:
    """The graph's name for a unit as a clause writes it, through the project's registry resolver."""
    unit = registries().resolve_unit(as_written, city)
    return unit.name_zh if unit is not None else as_written


def reference_rows(name: str) -> list[dict[str, str]]:
    with (REFERENCE / name).open(encoding="utf-8", newline="") as handle:
        return list(csv.DictReader(handle))
