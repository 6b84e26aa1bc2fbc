"""Scoring extractions against gold with the shared scorer (`../shared/tools/score.py`)."""
from __future__ import annotations

import importlib.util
import json
import tempfile
from functools import lru_cache
from pathlib import Path
from types import ModuleType

import pytest

from tests.shared import SCORE_PY


@lru_cache(maxsize=1)
def _load_scorer() -> ModuleType:
    spec = importlib.util.spec_from_file_location("stdkg_shared_score", SCORE_PY)
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def score_module() -> ModuleType:
    """The shared scorer; the test is skipped, with the reason, where it is absent."""
    if not SCORE_PY.exists():
        pytest.skip(f"{SCORE_PY} is absent: the shared scorer is needed to score the extraction")
    return _load_scorer()


@lru_cache(maxsize=None)
def extraction(path: Path):
    """The loader's records of one document (cached: several tests read the same extraction)."""
    from stdkg.loaders.policy import load_policy_document

    return load_policy_document(path)


def score_document(path: Path, gold_file: Path, json_dir: Path) -> dict:
    """Per-document scores and the missed/spurious examples of the written extraction of `path`."""
    from stdkg.loaders.policy import write_extraction

    score = score_module()
    write_extraction(extraction(path), json_dir)
    predicted = score.load(json_dir)
    gold = score.load(gold_file)
    (key,) = gold
    assert key in predicted, f"no extraction for {path.name} (doc key {key!r}) among {sorted(predicted)}"
    result = score.evaluate(gold, predicted)
    return {"scores": result["per_doc"][key], "examples": result["examples"][key]}


@lru_cache(maxsize=None)
def document_scores(path: Path, gold_file: Path) -> dict:
    """`score_document` once per (document, gold) in a session."""
    with tempfile.TemporaryDirectory(prefix="stdkg-score-") as folder:
        return score_document(path, gold_file, Path(folder))


def gold_strings_missing(gold: dict, text: str) -> list[str]:
    """Strings a gold file quotes (tasks, units, target texts, names, doc number) that `text` lacks."""
    quoted = [s for row in gold["ownership"] for s in (row["task"], row["department"])]
    quoted += [row["text"] for row in gold["targets"] + gold.get("facts", [])]
    quoted += [row["name"] for row in gold["organisations"]]
    quoted.append(gold["plan"].get("doc_number"))
    return sorted({s for s in quoted if s and s not in text})


def assert_floor(result: dict, field: str, floor: float, label: str) -> None:
    """F1 of `field` reaches `floor`; the message shows the scores and the missed and spurious rows."""
    f1 = result["scores"][field]["f1"]
    examples = json.dumps(result["examples"][field], ensure_ascii=False)[:2000]
    assert f1 >= floor, f"{label} {field} F1 {f1} < {floor}: {result['scores'][field]}; {examples}"
