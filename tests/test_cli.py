"""The `stdkg` command line as an analyst uses it: extract, build, stats, questions, query, run."""
from __future__ import annotations

import json
from pathlib import Path

import pytest
from typer.testing import CliRunner

from stdkg.cli import app
from stdkg.errors import EXIT_PARTIAL, EXIT_USAGE
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
    assert result.exit_code == EXIT_PARTIAL
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
    assert result.exit_code == EXIT_USAGE
    assert "town" in result.output and "stdkg questions" in result.output


def test_query_on_neo4j_without_a_uri_says_so_in_one_line(monkeypatch):
    monkeypatch.delenv("NEO4J_URI", raising=False)
    result = runner.invoke(app, ["query", "committees_for_city", "--param", "city=深圳", "--engine", "neo4j"])
    assert result.exit_code == 1
    assert "NEO4J_URI is not set" in result.output and "Traceback" not in result.output


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
    manifest = json.loads((store / "answers" / "manifest.json").read_text(encoding="utf-8"))
    assert set(manifest) == {q.name for q in list_questions()}
    for q in list_questions():
        entry = manifest[q.name]
        assert entry["params"] == q.example
        assert (store / "answers" / entry["file"]).is_file()
        assert all(f"{k}=" in entry["file"] for k in q.example), entry["file"]
    assert (store / "views" / "index.html").is_file()
    summary = json.loads((store / "summary.json").read_text(encoding="utf-8"))
    assert summary["answers"]["plan_to_international_standard"] >= 1


def test_build_from_a_missing_folder_exits_1_and_keeps_the_store(store, tmp_path: Path):
    from stdkg.stores.oxigraph_store import read_manifest

    stamp = read_manifest(store)["stamp"]
    result = runner.invoke(app, ["build", "--store", str(store), "--docs", str(tmp_path / "typo"),
                                 "--reference", str(SHIPPED_REFERENCE)])
    assert result.exit_code == 1
    assert "typo" in result.output and "unchanged" in result.output
    assert read_manifest(store)["stamp"] == stamp


def test_build_into_a_folder_that_is_not_a_store_exits_1_without_a_traceback(tmp_path: Path):
    (tmp_path / "mine").mkdir()
    (tmp_path / "mine" / "thesis.txt").write_text("keep", encoding="utf-8")
    result = runner.invoke(app, ["build", "--store", str(tmp_path / "mine"), "--reference", str(SHIPPED_REFERENCE)])
    assert result.exit_code == 1 and "not a stdkg store" in result.output
    assert isinstance(result.exception, SystemExit)
    assert [p.name for p in (tmp_path / "mine").iterdir()] == ["thesis.txt"]


def test_extract_into_a_file_exits_1_naming_it(tmp_path: Path):
    target = tmp_path / "out.json"
    target.write_text("{}", encoding="utf-8")
    result = runner.invoke(app, ["extract", str(tmp_path / "x.txt"), "--json-dir", str(target)])
    assert result.exit_code == 1 and "out.json" in result.output and isinstance(result.exception, SystemExit)


def test_add_remove_and_check_commands(store, tmp_path: Path):
    import shutil

    docs = sorted(CORPUS.glob("*.txt"))[:1] if CORPUS.is_dir() else []
    if not docs:
        pytest.skip(f"corpus not found at {CORPUS}")
    copy = tmp_path / "store"
    shutil.copytree(store, copy)
    added = runner.invoke(app, ["add", str(docs[0]), str(tmp_path / "missing.txt"), "--store", str(copy)])
    assert added.exit_code == 3 and "missing.txt" in added.output
    checked = runner.invoke(app, ["check", "--store", str(copy)])
    assert checked.exit_code == 0 and f"{docs[0].stem}.txt" in checked.output
    removed = runner.invoke(app, ["remove", f"{docs[0].stem}.txt", "--store", str(copy)])
    assert removed.exit_code == 0 and "removed" in removed.output
    unknown = runner.invoke(app, ["remove", "nothing-here", "--store", str(copy)])
    assert unknown.exit_code == 1 and "nothing-here" in unknown.output


def test_version_and_short_help():
    version = runner.invoke(app, ["--version"])
    assert version.exit_code == 0 and version.output.startswith("stdkg ")
    short = runner.invoke(app, ["-h"])
    assert short.exit_code == 0 and "Commands" in short.output
    assert runner.invoke(app, ["query", "-h"]).exit_code == 0


def test_questions_name_shows_parameters_columns_and_a_runnable_example(store):
    from stdkg.questions import get_question

    result = runner.invoke(app, ["questions", "targets_by_owner"])
    assert result.exit_code == 0
    q = get_question("targets_by_owner")
    for p in q.params:
        assert p.name in result.output
    for c in q.columns[:3]:
        assert c.name in result.output
    example = next(line for line in result.output.splitlines() if line.startswith("example: stdkg query"))
    args = example[len("example: stdkg "):].split()
    ran = runner.invoke(app, [*args, "--store", str(store)])
    assert ran.exit_code == 0 and "(no rows)" not in ran.output


def test_a_repeated_parameter_is_an_error_not_the_last_value(store):
    result = runner.invoke(app, ["query", "targets_by_owner", "-p", "city=深圳", "-p", "city=青岛", "--store", str(store)])
    assert result.exit_code != 0 and "twice" in result.output


def test_own_sparql_returns_a_table_and_refuses_updates(store):
    count = runner.invoke(app, ["sparql", "SELECT (COUNT(*) AS ?n) WHERE { ?s ?p ?o }", "--format", "json", "--store", str(store)])
    assert count.exit_code == 0, count.output
    assert json.loads(count.output)[0]["n"] > 1000
    update = runner.invoke(app, ["sparql", "DELETE WHERE { ?s ?p ?o }", "--store", str(store)])
    assert update.exit_code != 0 and "Traceback" not in update.output
    again = runner.invoke(app, ["sparql", "SELECT (COUNT(*) AS ?n) WHERE { ?s ?p ?o }", "--format", "json", "--store", str(store)])
    assert json.loads(again.output) == json.loads(count.output)


def test_own_sparql_from_a_file(store, tmp_path: Path):
    query = tmp_path / "cities.rq"
    query.write_text("PREFIX stdkg: <https://w3id.org/stdkg/ontology#>\n"
                     "SELECT ?name WHERE { ?c a stdkg:City ; stdkg:shortName ?name } ORDER BY ?name\n", encoding="utf-8")
    result = runner.invoke(app, ["sparql", str(query), "--format", "csv", "--store", str(store)])
    assert result.exit_code == 0 and "深圳" in result.output


def test_query_to_xlsx_neutralises_formulas_and_keeps_numbers(store, tmp_path: Path):
    from openpyxl import load_workbook

    out = tmp_path / "answer.xlsx"
    result = runner.invoke(app, ["query", "city_profile_targets_by_year", "-p", "city=深圳", "--out", str(out),
                                 "--store", str(store)])
    assert result.exit_code == 0, result.output
    rows = list(load_workbook(out).active.iter_rows(values_only=True))
    assert rows[0][0] == "city" and any(isinstance(v, int) for v in rows[1])


def test_one_view_by_kind_and_name(store, tmp_path: Path):
    out = tmp_path / "iso.html"
    result = runner.invoke(app, ["export", "html", "--view", "neighbourhood", "--name", "ISO 37120", "--out", str(out),
                                 "--store", str(store)])
    assert result.exit_code == 0, result.output
    assert out.is_file() and "ISO 37120" in out.read_text(encoding="utf-8")
    unknown = runner.invoke(app, ["export", "html", "--view", "neighbourhood", "--name", "Atlantis", "--out", str(out),
                                  "--store", str(store)])
    assert unknown.exit_code != 0 and "Traceback" not in unknown.output


def test_debug_shows_the_traceback_that_is_otherwise_hidden(tmp_path: Path):
    quiet = runner.invoke(app, ["stats", "--store", str(tmp_path / "none")])
    assert quiet.exit_code == 1 and "Traceback" not in quiet.output
    loud = runner.invoke(app, ["--debug", "stats", "--store", str(tmp_path / "none")])
    assert loud.exit_code != 0 and loud.exception is not None
