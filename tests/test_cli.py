"""The `stdkg` command line as an analyst uses it: extract, build, stats, questions, query, run."""
from __future__ import annotations

import json
from pathlib import Path

import pytest
from typer.testing import CliRunner

from stdkg.cli import app
from stdkg.pipeline import SHIPPED_REFERENCE
from tests.shared import CORPUS

runner = CliRunner()


@pytest.fixture(scope="module")
def store(tmp_path_factory) -> Path:
    folder = tmp_path_factory.mktemp("cli") / "stdkg-data"
    result = runner.invoke(app, ["build", "--store", str(folder), "--reference", str(SHIPPED_REFERENCE)])
    assert result.exit_code == 0, result.output
    return folder


def test_extract_writes_one_json_per_document_and_reports_a_bad_file(tmp_path: Path):
    docs = sorted(CORPUS.glob("*.txt"))[:2] if CORPUS.is_dir() else []
    if not docs:
        pytest.skip(f"corpus not found at {CORPUS}")
    empty = tmp_path / "empty.txt"
    empty.write_bytes(b"")
    out = tmp_path / "json"
    result = runner.invoke(app, ["extract", str(empty), *map(str, docs), "--json-dir", str(out)])
    assert result.exit_code == 3
    assert "empty.txt" in result.output
    written = sorted(p.stem for p in out.glob("*.json"))
    assert written == sorted(p.stem for p in docs)
    for path in out.glob("*.json"):
        data = json.loads(path.read_text(encoding="utf-8"))
        assert {"doc", "city", "ownership", "targets", "organisations"} <= set(data)


def test_questions_lists_every_question_with_its_parameters(store):
    from stdkg.questions import list_questions

    result = runner.invoke(app, ["questions"])
    assert result.exit_code == 0
    for q in list_questions():
        assert q.name in result.output


def test_query_formats_agree(store):
    args = ["query", "departments_by_measures_led", "--param", "city=青岛", "--store", str(store)]
    as_json = runner.invoke(app, args + ["--format", "json"])
    as_csv = runner.invoke(app, args + ["--format", "csv"])
    assert as_json.exit_code == 0 and as_csv.exit_code == 0, as_json.output + as_csv.output
    rows = json.loads(as_json.output)
    assert rows and all(r["city"] == "青岛" for r in rows)
    assert len(as_csv.output.strip().splitlines()) == len(rows) + 1


def test_query_with_a_bad_parameter_says_what_to_do(store):
    result = runner.invoke(app, ["query", "targets_by_owner", "--param", "town=深圳", "--store", str(store)])
    assert result.exit_code == 1
    assert "town" in result.output and "stdkg questions" in result.output


def test_commands_on_a_missing_store_tell_to_build_first(tmp_path: Path):
    result = runner.invoke(app, ["stats", "--store", str(tmp_path / "nothing")])
    assert result.exit_code == 1
    assert "stdkg build" in result.output


def test_stats_counts_match_the_networkx_view(store):
    from stdkg.pipeline import load_networkx

    pg = load_networkx(store)
    result = runner.invoke(app, ["stats", "--store", str(store)])
    assert result.exit_code == 0
    departments = sum(1 for _, d in pg.nodes(data=True) if d.get("label") == "Department")
    assert "Department" in result.output and str(departments) in result.output


def test_run_builds_answers_every_question_and_writes_views(tmp_path: Path):
    from stdkg.questions import list_questions

    store = tmp_path / "stdkg-data"
    result = runner.invoke(app, ["run", "--store", str(store), "--reference", str(SHIPPED_REFERENCE)])
    assert result.exit_code == 0, result.output
    answers = {p.stem for p in (store / "answers").glob("*.csv")}
    assert answers == {q.name for q in list_questions()}
    assert (store / "views" / "index.html").is_file()
    summary = json.loads((store / "summary.json").read_text(encoding="utf-8"))
    assert summary["answers"]["plan_to_international_standard"] >= 1
