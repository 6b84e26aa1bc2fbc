"""Every question runs under a time, row and memory budget; one that overruns stops cleanly and says how to narrow it."""
from __future__ import annotations

import subprocess
import sys
import time

import pandas as pd
import pytest

from stdkg.questions import QuestionBudgetError, get_question, run_question
from stdkg.stores import engines
from tests.questions_support import built_store

BROAD = ("measure_owners", {})  # every measure of every city with its units: the broadest question


@pytest.fixture(scope="module")
def store():
    from stdkg.stores.oxigraph_store import open_store

    return open_store(built_store())


def test_a_question_over_its_time_budget_stops_at_the_deadline(store):
    started = time.monotonic()
    with pytest.raises(QuestionBudgetError, match=r"measure_owners: too broad: took longer than 0.05 s") as caught:
        run_question(*BROAD, store=store, timeout=0.05)
    assert time.monotonic() - started < 8
    assert caught.value.what == "time" and "STDKG_QUESTION_TIMEOUT" in caught.value.hint
    assert not run_question(*BROAD, store=store).empty, "the store still answers afterwards"


MEMORY_PROBE = """
import sys
from pathlib import Path
from stdkg.questions import QuestionBudgetError, run_question
try:
    run_question("measure_owners", {}, store=Path(sys.argv[1]), memory_mb=10)
except QuestionBudgetError as e:
    print("stopped:", e.what, e)
else:
    print("answered")
"""


def test_a_question_over_its_memory_budget_stops_without_taking_the_memory():
    # In a fresh process: the budget limits how far the query's worker may grow beyond its parent, and a
    # parent holding much freed heap (as the test session does) would let the query reuse that instead.
    done = subprocess.run([sys.executable, "-c", MEMORY_PROBE, str(built_store())], capture_output=True, text=True,
                          timeout=300)
    assert done.returncode == 0, done.stderr[-2000:]
    assert done.stdout.startswith("stopped: memory"), done.stdout
    assert "STDKG_QUESTION_MEMORY_MB" in done.stdout


def test_too_many_rows_names_the_parameters_that_narrow_the_question(store):
    q = get_question("measure_owners")
    with pytest.raises(QuestionBudgetError, match="more than 10 rows") as caught:
        run_question("measure_owners", {}, store=store, max_rows=10)
    message = str(caught.value)
    assert "narrow it with" in message
    assert all(p.name in message for p in q.params if not p.required)
    with pytest.raises(QuestionBudgetError) as caught:
        run_question("measure_owners", {"city": "深圳"}, store=store, max_rows=10)
    assert str(caught.value).split("narrow it with ")[1].startswith("section (")


def test_the_environment_sets_the_budget_and_a_bad_value_is_refused(store, monkeypatch):
    monkeypatch.setenv("STDKG_QUESTION_MAX_ROWS", "5")
    with pytest.raises(QuestionBudgetError, match="more than 5 rows"):
        run_question("measure_owners", {"city": "深圳"}, store=store)
    assert len(run_question("measure_owners", {"city": "深圳"}, store=store, max_rows=100_000)) > 5
    monkeypatch.setenv("STDKG_QUESTION_TIMEOUT", "soon")
    with pytest.raises(engines.EngineError, match="STDKG_QUESTION_TIMEOUT.*positive number"):
        run_question("measure_owners", {"city": "深圳"}, store=store)


@pytest.mark.parametrize("name, params", [("measure_owners", {}), ("co_lead_pairs", {"city": "深圳"}),
                                          ("entity_evidence", {"entity": "ISO 37120"})])
def test_answers_in_the_worker_process_equal_answers_in_process(store, monkeypatch, name, params):
    bounded = run_question(name, params, store=store)
    monkeypatch.setattr(engines, "_can_fork", lambda: False)
    in_process = run_question(name, params, store=store)
    assert not bounded.empty
    pd.testing.assert_frame_equal(bounded, in_process)


def test_without_fork_the_row_and_time_budgets_still_hold(store, monkeypatch):
    monkeypatch.setattr(engines, "_can_fork", lambda: False)
    with pytest.raises(QuestionBudgetError, match="more than 10 rows"):
        run_question("measure_owners", {}, store=store, max_rows=10)
