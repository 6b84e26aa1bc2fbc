"""Each benchmark rewrites only its own section of bench/RESULTS.md."""
from __future__ import annotations

import importlib.util
from pathlib import Path

spec = importlib.util.spec_from_file_location("bench_results", Path(__file__).resolve().parent.parent / "bench" / "results.py")
results = importlib.util.module_from_spec(spec)
spec.loader.exec_module(results)


def test_write_section_replaces_its_own_section_and_appends_a_new_one(tmp_path: Path):
    path = tmp_path / "RESULTS.md"
    path.write_text("# Benchmark results\n\n## A\n\nold a\n\n## B\n\nkeep b\n", encoding="utf-8")
    results.write_section("## A", "new a\n| x |", path)
    results.write_section("## C", "## C\n\nnew c", path)
    assert path.read_text(encoding="utf-8") == (
        "# Benchmark results\n\n## A\n\nnew a\n| x |\n\n## B\n\nkeep b\n\n## C\n\nnew c\n")
