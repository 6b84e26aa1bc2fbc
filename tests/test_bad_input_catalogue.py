"""The bad-input catalogue (tests/bad_input/README.md) names only tests that exist, and at least forty cases."""
from __future__ import annotations

import ast
import re
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
CATALOGUE = ROOT / "tests" / "bad_input" / "README.md"
ROW = re.compile(r"^\| (\d+) \|.*\| `(tests/[\w/]+\.py)::(\w+)` \|$")


def rows() -> list[tuple[int, str, str]]:
    return [(int(m[1]), m[2], m[3]) for line in CATALOGUE.read_text(encoding="utf-8").splitlines()
            if (m := ROW.match(line))]


def test_the_catalogue_holds_at_least_forty_numbered_cases():
    numbers = [n for n, _, _ in rows()]
    assert len(numbers) >= 40 and numbers == list(range(1, len(numbers) + 1))


def test_every_test_the_catalogue_names_exists():
    missing = []
    for _, path, name in rows():
        tree = ast.parse((ROOT / path).read_text(encoding="utf-8"))
        names = {n.name for n in ast.walk(tree) if isinstance(n, ast.FunctionDef)}
        if name not in names:
            missing.append(f"{path}::{name}")
    assert missing == []
