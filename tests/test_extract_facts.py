"""Achievements are facts, never targets; rules of a scheme are neither; a fact carries the year it belongs to.

Each test runs a snippet through `extract_targets` (with `parse_sections` where headings matter)
for one rule: the genre of the document (a plan sets goals; a work report, a news report or a
review tells what was done), tense and aspect markers (累计, 已, 同比, 比上年), a dated section
(2023年工作回顾), intentions (将, 力争, 到2027年, 今年…目标), and scheme rules (名额, 任期).
"""
from __future__ import annotations

import pytest

from stdkg.loaders.genres import document_genre
from stdkg.loaders.sections import parse_sections
from stdkg.loaders.targets import extract_targets
from stdkg.records import Plan

REPORT = Plan(doc="t", title="政府工作报告", city=None, date="2024-01-21")
NEWS = Plan(doc="t", title="工程机械标准“走出去”步伐加快", city=None, date="2025-03-12")
UNDATED_NEWS = Plan(doc="t", title="# source: https://example.org/a", city=None)
PLAN = Plan(doc="t", title="某市标准化行动方案(2024—2026年)", city=None, date="2024-03-08", period_start=2024,
            period_end=2026)


def read(text: str, plan: Plan):
    rows = extract_targets("t", text, parse_sections("t", text), plan)
    for t in rows:
        assert text[t.provenance.start:t.provenance.end] == t.provenance.evidence
    goals = {(t.value, t.year) for t in rows if not t.is_fact}
    facts = {(t.value, t.year) for t in rows if t.is_fact}
    return goals, facts


@pytest.mark.parametrize("plan, genre", [(REPORT, "report"), (NEWS, "report"), (UNDATED_NEWS, "report"), (PLAN, "plan"),
                                         (Plan(doc="t", title="关于开展试点评定工作的通知", city=None), "plan"),
                                         (Plan(doc="t", title="某省标准化发展规划实施情况中期评估报告", city=None,
                                               period_start=2021, period_end=2025), "report")])
def test_genre_from_title_and_period(plan, genre):
    assert document_genre("正文", plan) == genre


def test_news_cue_in_the_head_makes_a_report():
    assert document_genre("湖北日报讯(记者 刘畅)近日,…", PLAN) == "report"


def test_review_of_the_past_year_in_a_work_report_is_facts_of_that_year():
    text = ("一、2023年工作回顾\n(一)稳住经济。全省生产总值同比增长5.5%,一般公共预算收入比上年增长8.2%。"
            "全年新增经营主体98.6万户,减免税费122亿元,全年新发布地方标准326项,累计发布地方标准3100余项。\n"
            "二、2024年工作安排\n(一)实施标准化战略。全年新制修订地方标准300项以上,力争主导制定国际标准5项。\n")
    goals, facts = read(text, REPORT)
    assert goals == {(300, 2024), (5, 2024)}
    assert facts == {(5.5, 2023), (8.2, 2023), (98.6, 2023), (122, 2023), (326, 2023), (3100, 2023)}


def test_expected_goals_of_this_year_in_a_report():
    text = "今年主要预期目标是:生产总值增长5.5%左右;城镇新增就业85万人以上;单位生产总值能耗下降3.2%。"
    goals, facts = read(text, REPORT)
    assert goals == {(5.5, 2024), (85, 2024), (3.2, 2024)} and not facts


def test_news_achievements_are_facts_and_its_stated_intention_a_goal():
    text = ("截至目前,我省企业累计主导制修订国际标准18项,已有5名专家担任召集人。2024年,全省产业营业收入同比增长11.6%,"
            "出口交货值比上年增长23.4%。下一步,我省将力争到2027年主导制定国际标准30项,培育国际标准化人才100名以上。")
    goals, facts = read(text, NEWS)
    assert goals == {(30, 2027), (100, 2027)}
    assert facts == {(18, None), (5, None), (11.6, 2024), (23.4, 2024)}


def test_dated_achievement_in_an_undated_news_page():
    goals, facts = read("数据概览方面,2020年发布国家标准2252项,备案地方标准8387项。", UNDATED_NEWS)
    assert not goals and facts == {(2252, 2020), (8387, 2020)}


def test_review_restates_goals_and_reports_progress():
    text = ("规划提出,到2025年全省制修订国家标准300项。截至2023年底,已完成186项,完成目标任务的62%。"
            "规划目标为发布地方标准500项,目前已发布412项。")
    plan = Plan(doc="t", title="某省规划实施情况中期评估报告", city=None, date="2024-06-28", period_start=2021,
                period_end=2025)
    goals, facts = read(text, plan)
    assert goals == {(300, 2025), (500, 2025)}
    assert facts == {(186, 2023), (62, 2023), (412, None)}


def test_growth_against_last_year_is_a_fact_even_in_a_plan():
    goals, facts = read("一、发展基础\n2023年,全市标准化服务业营业收入比上年增长12%。\n二、工作目标\n到2026年,制定地方标准80项。\n",
                        PLAN)
    assert goals == {(80, 2026)} and facts == {(12, 2023)}


def test_fact_year_from_last_year_word():
    goals, facts = read("去年全年共发布国家标准3811项。", Plan(doc="t", title="全国标准化工作会议召开", city=None,
                                                       date="2018-01-15"))
    assert facts == {(3811, 2017)} and not goals


@pytest.mark.parametrize("rule", [
    "(一)每次评定名额一般不超过100个,每个市县推荐数量不超过5个。",
    "试点期限一般为2年,专家委员会每届任期3年。",
    "委员不少于25人。",
    "给予一次性补助,补助最高不超过30万元。",
])
def test_rules_of_a_scheme_are_neither_goals_nor_facts(rule):
    assert read("一、工作目标\n" + rule + "\n", PLAN) == (set(), set())


def test_only_the_level_reached_of_a_change_is_a_fact():
    goals, facts = read("五年来,森林植被覆盖率从50%跃升至85%。", NEWS)
    assert not goals and facts == {(85, None)}


def test_counts_stated_as_present_in_a_report():
    goals, facts = read("全国有12个技术委员会秘书处设在高校,有超30位学者任职各技术委员会。", UNDATED_NEWS)
    assert not goals and facts == {(12, None), (30, None)}


def test_numbers_inside_a_long_cited_title_are_part_of_the_title():
    text = "近日发布《国家标准化管理委员会关于批准承担国际标准化组织审计管理体系指南项目委员会等9个ISO技术机构国内技术对口单位的通知》。"
    assert read(text, UNDATED_NEWS) == (set(), set())


def test_a_standard_states_requirements_not_goals_or_facts():
    text = "ICS 01.140.40\nCCS A 19\n\n3.1 数字版权标识 由不超过32位字符组成的代码。\n"
    assert document_genre(text, Plan(doc="t", title="ICS 01.140.40", city=None)) == "standard"
    assert read(text, Plan(doc="t", title="ICS 01.140.40", city=None)) == (set(), set())


def test_numbers_under_a_background_heading_of_a_plan_are_facts():
    text = ("一、发展基础\n全市拥有国家级标准化试点示范项目23个,主导制定国际标准15项。\n"
            "二、工作目标\n到2026年,建成省级以上标准化试点示范项目30个。\n")
    goals, facts = read(text, PLAN)
    assert goals == {(30, 2026)} and facts == {(23, None), (15, None)}


def test_a_rule_covers_the_rest_of_its_segment():
    assert read("二、申报条件\n每个省份推荐数量原则上不超过5个,计划单列市不超过1个。\n", PLAN) == (set(), set())


def test_a_cited_title_with_a_rule_word_states_no_rule():
    goals, _ = read("二、工作目标\n修订《建筑陶瓷单位产品能耗限额》,到2026年,陶瓷行业单位产品综合能耗下降8%。\n", PLAN)
    assert goals == {(8, 2026)}


def test_this_year_dates_a_fact_of_a_dated_report():
    goals, facts = read("截至今年9月底,全区已建成国家级乳业标准化示范区7个。", Plan(doc="t", title="乳业标准化跑出加速度",
                                                               city=None, date="2024-11-06"))
    assert not goals and facts == {(7, 2024)}


def test_attendance_is_neither_a_goal_nor_a_fact():
    assert read("以及中新社等20多家媒体代表200多人参会。共有300多人参加会议。", NEWS) == (set(), set())
