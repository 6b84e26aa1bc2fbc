"""Question parameters are folded the way document text is, and an empty value is an error, not "everything"."""
from __future__ import annotations

import pandas as pd
import pytest

from stdkg.questions import QuestionError, check_params, get_question, normalise_param_text, run_question
from tests.questions_support import built_store


@pytest.mark.parametrize("given, folded", [
    ("ＩＳＯ　３７１２０", "ISO 37120"),
    (" 青岛", "青岛"),
    ("青岛\t ", "青岛"),
    ("深\u200b圳\ufeff", "深圳"),
    ("ISO/TC\u00a0 268", "ISO/TC 268"),
    ("（一）主要目标", "(一)主要目标"),
    ("3D显示标准联盟", "3D显示标准联盟"),
])
def test_text_is_width_folded_trimmed_and_cleaned(given, folded):
    assert normalise_param_text(given) == folded


def test_numbers_in_full_width_are_numbers():
    assert check_params(get_question("targets_by_owner"), {"year": "２０２０"})["year"] == 2020


@pytest.mark.parametrize("value", ["", "   ", "\u3000", "\u200b"])
def test_an_empty_optional_parameter_is_refused(value):
    with pytest.raises(QuestionError, match="'city' is empty; give a value or leave it out"):
        check_params(get_question("targets_by_owner"), {"city": value})
    assert check_params(get_question("targets_by_owner"), {})["city"] is None


def test_an_empty_required_parameter_asks_for_a_value():
    with pytest.raises(QuestionError, match="'city' is empty; give a value$"):
        check_params(get_question("committees_for_city"), {"city": " "})


@pytest.fixture(scope="module")
def store():
    from stdkg.stores.oxigraph_store import open_store

    return open_store(built_store())


@pytest.mark.parametrize("name, written, plain", [
    ("entity_evidence", {"entity": "ＩＳＯ　３７１２０"}, {"entity": "ISO 37120"}),
    ("measures_without_lead", {"city": " 青岛"}, {"city": "青岛"}),
    ("committees_for_city", {"city": "深\u200b圳 "}, {"city": "深圳"}),
])
def test_a_value_as_a_user_types_it_gives_the_plain_answer(store, name, written, plain):
    expected = run_question(name, plain, store=store)
    assert not expected.empty
    pd.testing.assert_frame_equal(run_question(name, written, store=store), expected)
