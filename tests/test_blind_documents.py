"""Blind check: the policy loader on two documents written after it, in genres it was not built for.

tests/fixtures/blind holds a joint ministry notice whose responsibilities sit
only in a `|`-separated annex table, and a district plan reposted as a WeChat
article with circled-number measures and responsibility lines of their own
(see its README). The gold files were committed before the extractor was first
run on them. Floors are per document: ownership F1 0.80, targets 0.70,
organisations 0.60.
"""
from __future__ import annotations

import json
import unicodedata
from pathlib import Path

import pytest
from tests.scoring import assert_floor, document_scores, extraction as extract, gold_strings_missing

FIXTURES = Path(__file__).parent / "fixtures" / "blind"
DOCUMENTS = {path.stem: path for path in sorted(FIXTURES.glob("*.txt"))}
FLOORS = {"ownership": 0.80, "targets": 0.70, "organisations": 0.60}
WECHAT_CHROME = ("点击上方蓝字", "往期推荐", "长按识别二维码", "阅读原文", "在看", "审核")


def gold_of(stem: str) -> dict:
    return json.loads((FIXTURES / f"{stem}.json").read_text(encoding="utf-8"))


def normalised_text(stem: str) -> str:
    return unicodedata.normalize("NFKC", DOCUMENTS[stem].read_text(encoding="utf-8"))


def extraction(stem: str):
    return extract(DOCUMENTS[stem])


@pytest.fixture(scope="module")
def scores():
    """Per-document scores of the written extraction against the gold file, with missed and spurious rows."""
    return lambda stem: document_scores(DOCUMENTS[stem], FIXTURES / f"{stem}.json")


def test_every_document_has_a_gold_file():
    assert DOCUMENTS, f"no blind documents in {FIXTURES}"
    assert {stem for stem in DOCUMENTS} == {path.stem for path in FIXTURES.glob("*.json")}


@pytest.mark.parametrize("stem", DOCUMENTS)
def test_gold_strings_are_read_from_the_document(stem):
    text = normalised_text(stem)
    gold = gold_of(stem)
    missing = gold_strings_missing(gold, text)
    assert not missing, f"{stem}.json quotes strings that {DOCUMENTS[stem].name} does not contain: {missing}"


@pytest.mark.parametrize("field", FLOORS)
@pytest.mark.parametrize("stem", DOCUMENTS)
def test_extraction_reaches_floor(stem, field, scores):
    assert_floor(scores(stem), field, FLOORS[field], stem)


@pytest.mark.parametrize("stem", DOCUMENTS)
def test_plan_metadata_as_the_document_states_it(stem):
    records = extraction(stem)
    gold = gold_of(stem)
    assert records.plan is not None, f"no plan read from {stem}"
    read = {name: getattr(records.plan, name) for name in gold["plan"]}
    assert read == gold["plan"]
    assert records.city == gold["city"]


def recommended_headlines(text: str) -> list[str]:
    """The headlines of other articles listed under 往期推荐, each on a ▶ line."""
    after = text.split("往期推荐", 1)[1].splitlines()
    return [line.lstrip("▶ ").strip() for line in after if line.startswith("▶")]


def test_wechat_chrome_is_not_read_as_tasks_targets_or_organisations():
    """The article's follow/share lines and its 往期推荐 headlines frame the plan; none of them belongs in a row."""
    text = normalised_text("district_plan")
    chrome = [line for line in WECHAT_CHROME if line in text] + recommended_headlines(text)
    assert len(chrome) > len(WECHAT_CHROME), "fixture lost its WeChat chrome or its 往期推荐 headlines"
    records = extraction("district_plan")
    strings = [r.task for r in records.responsibilities] + [o.name for o in records.organisations]
    strings += [t.text for t in records.targets]
    leaked = sorted({s for s in strings for line in chrome if line in s})
    assert not leaked, f"WeChat chrome read into rows: {leaked}"


def test_copy_to_line_of_the_ministry_notice_gives_no_ownership():
    """The 抄送 line after the annex lists recipients of copies, not units responsible for a task."""
    text = normalised_text("ministry_notice")
    copy_line = next(line for line in text.splitlines() if line.startswith("抄送:"))
    copied = [unit.strip("。 ") for unit in copy_line.removeprefix("抄送:").split(",")]
    gold_departments = {row["department"] for row in gold_of("ministry_notice")["ownership"]}
    assert copied and not set(copied) & gold_departments, "fixture's 抄送 units must not be owners in the gold"
    read = {r.department for r in extraction("ministry_notice").responsibilities}
    assert not set(copied) & read, f"抄送 units read as owners: {sorted(set(copied) & read)}"


@pytest.mark.parametrize("stem", DOCUMENTS)
def test_target_comparators_as_the_text_states_them(stem):
    """The shared scorer drops < and > when it normalises, so the direction of each goal is checked here."""
    read = [t for t in extraction(stem).targets if not t.is_fact]
    wrong = []
    for row in gold_of(stem)["targets"]:
        same = [t for t in read if row["text"] in t.text and t.value == row["value"]]
        wrong += [(row["text"], row["comparator"], t.comparator) for t in same if t.comparator != row["comparator"]]
    assert not wrong, f"{stem}: (goal, stated comparator, read comparator) {wrong}"
