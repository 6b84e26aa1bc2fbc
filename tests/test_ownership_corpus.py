"""Target ownership on the corpus against hand-judged cases (tests/fixtures/judged/ownership.csv)."""
from __future__ import annotations

import csv
from collections import defaultdict
from pathlib import Path

import pytest

from stdkg.questions import run_question
from tests.questions_support import built_store

JUDGED = Path(__file__).parent / "fixtures" / "judged" / "ownership.csv"


def judged() -> list[dict[str, str]]:
    with JUDGED.open(encoding="utf-8", newline="") as handle:
        return list(csv.DictReader(line for line in handle if not line.startswith("#")))


@pytest.fixture(scope="module")
def owners() -> dict[tuple, dict[str, str]]:
    """(metric, year) → unit → basis, every basis included (the judged metrics are unique per year)."""
    frame = run_question("targets_by_owner", {"inferred": True}, store=built_store(), max_rows=100_000)
    out: dict[tuple, dict[str, str]] = defaultdict(dict)
    for row in frame.itertuples():
        out[(row.metric, int(row.year) if row.year is not None else None)][row.department] = row.basis
    return out


def test_there_are_at_least_fifteen_judged_cases():
    assert len(judged()) >= 15


@pytest.mark.parametrize("case", judged(), ids=lambda c: f"{c['metric']}-{c['year']}")
def test_owners_of_a_judged_target_are_the_judged_ones(owners, case):
    got = owners.get((case["metric"], int(case["year"])), {})
    expected = set(filter(None, case["owners"].split("|")))
    assert set(got) == expected, case["why"]
    if expected:
        assert set(got.values()) == {case["basis"]}


def test_stated_owners_only_by_default():
    stated = run_question("targets_by_owner", {}, store=built_store())
    every = run_question("targets_by_owner", {"inferred": "true"}, store=built_store(), max_rows=100_000)
    assert set(stated["basis"]) == {"stated"} and len(stated) < len(every)
    assert {"stated", "measure"} <= set(every["basis"])
