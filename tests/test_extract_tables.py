"""Rules added after the blind check: task-division tables, goal wording, page chrome and organisation names.

Each test runs a short synthetic snippet written for one rule, through the
function that owns the rule or through the whole policy loader when the rule
depends on normalisation. Expected rows are derived from the snippet itself.
"""
from __future__ import annotations

import pytest

from stdkg.loaders.organisations import extract_organisations
from stdkg.loaders.policy import load_policy_document
from stdkg.loaders.responsibility_tables import extract_table_responsibilities
from stdkg.loaders.sections import parse_sections
from stdkg.loaders.targets import extract_targets
from stdkg.loaders.text import normalise
from stdkg.records import Plan

PIPE_TABLE = """一、重点任务
1.完善氢能检测标准。制定加氢站安全检测标准。
2.建设中试验证能力。开展燃料电池中试验证。

附件:重点任务分工表

序号 | 重点任务 | 牵头单位 | 配合单位
---- | -------- | -------- | --------
1 | 完善氢能检测标准体系 | 省市场监管局、省能源局 | 省应急管理厅
2 | 建设燃料电池中试验证能力 | 省科技厅 | —

抄送:省委办公厅,省人大常委会办公厅。
"""


def _rows(text: str):
    sections = parse_sections("t", text)
    return extract_table_responsibilities("t", text, sections)


def _table_lines(text: str) -> list[list[str]]:
    """The data rows of the table as cells, read here with a plain split, to derive the expected pairs."""
    rows = []
    for line in text.splitlines():
        cells = [c.strip() for c in line.split("|")]
        if len(cells) == 4 and cells[0].isdigit():
            rows.append(cells)
    return rows


def test_pipe_table_gives_one_row_per_task_and_unit_with_the_column_role():
    measures, rows = _rows(PIPE_TABLE)
    expected = set()
    for _, task, leads, others in _table_lines(PIPE_TABLE):
        expected |= {(task, u, "lead") for u in leads.split("、")}
        expected |= {(task, u, "participant") for u in others.split("、") if u != "—"}
    assert {(r.task, r.department, r.role) for r in rows} == expected
    assert all(PIPE_TABLE[r.provenance.start:r.provenance.end] == r.provenance.evidence for r in rows)
    assert all(r.provenance.evidence.startswith(r.provenance.evidence.split("|")[0]) and r.task in r.provenance.evidence
               for r in rows)


def test_table_task_is_linked_to_the_measure_it_names():
    measures, rows = _rows(PIPE_TABLE)
    first = next(r for r in rows if r.task == "完善氢能检测标准体系")
    assert first.measure_path == ("一", "1")
    assert {m.section_path for m in measures} >= {("一", "1"), ("一", "2")}


def test_copy_to_line_after_the_table_names_no_owner():
    _, rows = _rows(PIPE_TABLE)
    copied = PIPE_TABLE.split("抄送:")[1].split("\n")[0].rstrip("。").split(",")
    assert not {r.department for r in rows} & set(copied)


@pytest.mark.parametrize("sep", ["\t", "    "])
def test_tab_and_space_tables_with_a_shared_responsibility_column(sep):
    header = sep.join(["序号", "工作任务", "责任单位", "协同单位"])
    row = sep.join(["1", "推进团体标准培优", "市工信局、市市场监管局", "市商务局"])
    text = f"重点任务分工\n{header}\n{row}\n"
    _, rows = _rows(text)
    assert {(r.department, r.role) for r in rows} == {
        ("市工信局", "shared"), ("市市场监管局", "shared"), ("市商务局", "participant")}
    assert {r.task for r in rows} == {"推进团体标准培优"}


def test_table_survives_normalisation_and_the_loader_reads_it(tmp_path):
    path = tmp_path / "annex_notice.txt"
    path.write_text("关于印发氢能产业标准化行动方案的通知\n\n" + PIPE_TABLE, encoding="utf-8")
    records = load_policy_document(path)
    assert "序号 | 重点任务 | 牵头单位 | 配合单位" in records.text
    pairs = [(r.task, r.department, r.role) for r in records.responsibilities]
    assert len(pairs) == len(set(pairs)) == 4
    assert all(records.text[r.provenance.start:r.provenance.end] == r.provenance.evidence
               for r in records.responsibilities)


def test_loader_reads_each_table_line_once_and_only_as_a_table_row(tmp_path):
    path = tmp_path / "annex_notice.txt"
    path.write_text("关于印发氢能产业标准化行动方案的通知\n\n" + PIPE_TABLE, encoding="utf-8")
    records = load_policy_document(path)
    for _, task, leads, others in _table_lines(PIPE_TABLE):
        named = [u for u in leads.split("、") + others.split("、") if u != "—"]
        from_line = [r for r in records.responsibilities if r.task == task]
        assert sorted(r.department for r in from_line) == sorted(named)
        assert all(r.provenance.rule.startswith("responsibility:task-table:") for r in from_line)


def _targets(text: str, plan: Plan | None):
    return extract_targets("t", text, parse_sections("t", text), plan)


PLAN_2025 = Plan(doc="t", title="某市标准化行动计划(2025—2028年)", city=None, date="2025-02-10",
                 period_start=2025, period_end=2028)


def test_not_lower_than_is_a_floor():
    (t,) = _targets("到2028年,先进制造业标准占比不低于35%。", PLAN_2025)
    assert (t.value, t.comparator) == (35, ">=")


def test_not_higher_than_is_a_ceiling():
    (t,) = _targets("到2028年,产品抽检不合格率不高于2%。", PLAN_2025)
    assert (t.value, t.comparator) == (2, "<=")


def test_cumulative_level_in_a_goals_section_is_a_goal_of_the_plan_end():
    text = "二、工作目标\n到2028年,标准体系基本完善。具体目标为:\n(1)发布地方标准累计达到80项;\n"
    (t,) = _targets(text, PLAN_2025)
    assert not t.is_fact and (t.value, t.year) == (80, PLAN_2025.period_end)


def test_cumulative_total_in_a_background_section_stays_a_fact():
    text = "一、发展基础\n截至2024年底,全市累计发布地方标准60项。\n"
    (t,) = _targets(text, PLAN_2025)
    assert t.is_fact


@pytest.mark.parametrize("phrase,years", [("两年内", 2), ("未来三年", 3), ("今后5年内", 5)])
def test_relative_horizon_counts_from_the_issue_year_in_a_plan(phrase, years):
    (t,) = _targets(f"(一)建设服务站。{phrase}新建标准化服务站不少于8个。", PLAN_2025)
    assert t.year == int(PLAN_2025.date[:4]) + years
    assert not t.metric.startswith(phrase)


def test_relative_horizon_in_a_news_report_names_no_year():
    report = Plan(doc="t", title="我市标准化工作取得新进展", city=None, date="2019-05-06")
    (t,) = _targets("记者了解到,未来两年内计划将标准化试点推进到20个以上的行业。", report)
    assert t.year is None and t.value == 20


def test_recent_years_are_not_a_horizon():
    (t,) = _targets("近三年内,全市已发布地方标准45项。", PLAN_2025)
    assert t.is_fact


def test_garbled_leading_one_of_a_full_share_is_read_as_100_with_a_note():
    text = "(二)保障药品质量。健全供应标准体系,确?;舅?00%合格。"
    (t,) = _targets(text, PLAN_2025)
    assert (t.value, t.unit, t.year) == (100, "%", PLAN_2025.period_end)
    assert "garbled" in (t.note or "")
    assert "?00%" in t.provenance.evidence == text[t.provenance.start:t.provenance.end]


def test_wechat_article_chrome_after_the_end_mark_is_dropped():
    body = "(来源:某区人民政府办公室)"
    chrome = ["— END —", "往期推荐", "▶ 某区新增8家标准化试点企业", "长按识别二维码关注我们", "阅读原文"]
    plan_text = "某区标准化实施方案\n\n一、工作目标\n到2026年,主导制定国家标准不少于20项。\n\n" + body
    text = normalise(plan_text + "\n\n" + "\n".join(chrome)).text
    assert text.endswith(body)
    assert not any(line in text for line in chrome)


def _orgs(text: str):
    return {o.name: o.type for o in extract_organisations("t", text, parse_sections("t", text), None)}


@pytest.mark.parametrize("code", ["T/CAS 1011", "DB44/T 2001", "JB/T 10001-2015", "YY 0505-2012", "HJ 168", "QC/T 29106"])
def test_group_local_and_industry_standard_codes(code):
    assert _orgs(f"推动企业按照{code}等标准组织生产。").get(code) == "standard"


def test_committee_code_in_brackets_is_the_committee_not_another_body():
    """One row whose name keeps the code (the devset convention: `name(code)` is one committee)."""
    name = "全国纺织品标准化技术委员会针织品分技术委员会(SAC/TC 209/SC 6)"
    found = _orgs(f"依托{name}开展标准研制。")
    assert found == {name: "tc"}


def test_town_named_service_station_is_an_organisation_and_a_generic_one_is_not():
    named = "乐从镇家具标准化服务站"
    found = _orgs(f"以{named}为样板,在各镇街设立标准化服务站,新建镇街标准化工作站不少于5个。")
    assert found == {named: "platform"}


def test_generic_test_and_verification_platform_is_not_an_organisation():
    assert _orgs("支持检测机构建设标准试验验证平台,开展比对验证。") == {}


def test_a_place_and_a_verb_before_a_workstation_name_nothing():
    assert _orgs("支持全国增材制造标准化技术委员会在西安设立工作站。") == {"全国增材制造标准化技术委员会": "tc"}


def test_markdown_table_with_outer_pipes_and_none_written_as_wu():
    text = ("| 序号 | 主要任务 | 牵头部门 | 配合部门 |\n|---|---|---|---|\n"
            "| 1 | 推进地方标准制定 | 市市场监管局 | 市司法局、各区政府 |\n| 2 | 培育标准化服务机构 | 市科技局 | 无 |\n")
    _, rows = _rows(text)
    assert [(r.department, r.role) for r in rows] == [
        ("市市场监管局", "lead"), ("市司法局", "participant"), ("各区政府", "participant"), ("市科技局", "lead")]


def test_shared_column_cell_that_names_its_lead_keeps_the_roles_it_states():
    header = "\t".join(["序号", "重点任务", "责任单位"])
    row = "\t".join(["1", "推进团体标准培优", "市工信局牵头,市商务局配合"])
    _, rows = _rows(f"重点任务分工\n{header}\n{row}\n")
    assert {(r.department, r.role) for r in rows} == {("市工信局", "lead"), ("市商务局", "participant")}
