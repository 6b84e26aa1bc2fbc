"""English beside Chinese in every answer: an `_en` column next to each named column, filled on the corpus."""
from __future__ import annotations

import pytest

from stdkg.loaders.english_titles import english_organisation_name_for, english_title_for, gloss
from stdkg.questions import get_question, list_questions, run_question
from tests.questions_support import built_store

NAMED = {"city", "plan", "metric", "department", "department_a", "department_b", "owner", "office", "alliance",
         "other", "committee", "secretariat", "indicator", "reported_metric"}
ALWAYS_ENGLISH = {"city", "plan"}


@pytest.fixture(scope="module")
def store():
    from stdkg.stores.oxigraph_store import open_store

    return open_store(built_store())


@pytest.mark.parametrize("name", sorted(q.name for q in list_questions()))
def test_every_named_column_has_its_english_next_to_it(name):
    columns = get_question(name).column_names
    for i, column in enumerate(columns):
        if column in NAMED:
            assert columns[i + 1:i + 2] == [f"{column}_en"], f"{name}: {column} has no {column}_en after it"
    assert "plan_title" not in columns


@pytest.mark.parametrize("name", sorted(q.name for q in list_questions()))
def test_examples_give_english_for_every_city_and_plan(store, name):
    q = get_question(name)
    frame = run_question(name, q.example, engine="sparql", store=store)
    for column in ALWAYS_ENGLISH & set(frame.columns):
        named = frame[frame[column].notna()]
        assert named[f"{column}_en"].notna().all(), f"{name}: {column} rows without {column}_en"
    for column in {"metric", "reported_metric"} & set(frame.columns):
        english = frame.loc[frame[column].notna(), f"{column}_en"]
        assert english.notna().all() and english.str.endswith(" [generated]").all()


def test_plans_are_named_by_title_in_both_languages(store):
    frame = run_question("measure_owners", {"city": "深圳"}, engine="sparql", store=store)
    plans = set(zip(frame["plan"], frame["plan_en"]))
    assert plans and all(not p[:3].isdigit() for p, _ in plans)
    assert all(en.endswith(" [generated]") for _, en in plans)
    assert any("Action Plan (2015–2020)" in en for _, en in plans)


def test_curated_english_is_not_marked_generated(store):
    frame = run_question("committees_for_city", {"city": "深圳"}, engine="sparql", store=store)
    assert set(frame["city_en"]) == {"Shenzhen"}
    secretariats = frame[frame["secretariat"].notna()]
    assert len(secretariats) and not secretariats["secretariat_en"].str.endswith("[generated]").any()
    assert secretariats["secretariat"].map(str.isascii).all(), "secretariat column mixes codes and Chinese names"


def test_titles_keep_place_kind_and_period():
    assert english_title_for("青岛市“标准化+”发展规划(2016-2020年)") == \
        "Qingdao Standardization+ Development Plan (2016–2020)"
    assert english_title_for("唐山市標準化工作要點", "Tangshan") == "Tangshan Standardization Work Priorities"
    assert english_title_for("关于加强质量发展的指导意见").startswith("Guiding Opinions on ")
    assert "12th Five-Year Plan" in english_title_for("广东省实施技术标准战略“十二五”规划")
    assert english_title_for("行政许可标准化指引(2016版)").endswith("(2016 edition)")


def test_gloss_romanises_what_no_list_knows_and_keeps_codes():
    assert gloss("主导或参与制修订国际标准") == "Leading or Taking Part in Drafting or Revising International Standards"
    assert gloss("ISO/TC 268秘书处") == "ISO/TC 268 Secretariats"
    assert gloss("鳌头").isascii()


def test_organisation_names_end_in_their_kind():
    assert english_organisation_name_for("3D显示标准联盟") == "3D Display Standards Alliance"
    assert english_organisation_name_for("华为技术有限公司").endswith("Co., Ltd.")
    assert english_organisation_name_for("重庆材料研究院") == "Chongqing Materials Research Institute"
