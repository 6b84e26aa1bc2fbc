"""Responsibility written outside brackets: closing sentences, key–value lists and table cells that state roles.

Each test runs a short snippet written for one form through `extract_ownership` (clauses and
task-division tables together). Expected rows follow GUIDELINES.md: 牵头 and a sole 负责 lead,
配合/参与/协同 take part, 按职责分工负责 and a plain 责任单位 list share.
"""
from __future__ import annotations

import pytest

from stdkg.loaders.policy import extract_ownership
from stdkg.loaders.sections import parse_sections


def rows(text: str) -> list[tuple[str, str, str]]:
    _, found = extract_ownership("t", text, parse_sections("t", text))
    return [(r.task, r.department, r.role) for r in found]


def test_closing_sentence_lead_and_participants():
    text = "一、重点任务\n2.推动新材料标准研制。支持企业开展攻关。市科技局牵头,市工信局、市市场监管局配合。\n"
    assert rows(text) == [("推动新材料标准研制", "市科技局", "lead"),
                          ("推动新材料标准研制", "市工信局", "participant"),
                          ("推动新材料标准研制", "市市场监管局", "participant")]


def test_closing_comma_group_you_a_fuze_is_a_sole_lead():
    text = "一、重点任务\n3.开展应用试点。每年遴选智能工厂开展试点,推广解决方案,由市工业和信息化局负责。\n"
    assert rows(text) == [("开展应用试点", "市工业和信息化局", "lead")]


def test_closing_sentence_responsible_with_cooperating_collective():
    text = "(二)提升服务能力\n4.建设服务平台。建设公共服务平台。市市场监管局负责,各区县(市)人民政府配合。\n"
    assert rows(text) == [("建设服务平台", "市市场监管局", "lead"),
                          ("建设服务平台", "各区县(市)人民政府", "participant")]


def test_closing_sentence_division_of_duties_is_shared():
    text = "四、保障措施\n(二)加大资金支持。对企业给予资助。市财政局、市市场监管局按职责分工负责。\n"
    assert rows(text) == [("加大资金支持", "市财政局", "shared"), ("加大资金支持", "市市场监管局", "shared")]


@pytest.mark.parametrize("sentence", [
    "支持龙头企业牵头制定国际标准。",
    "联席会议办公室设在市市场监管局,负责日常工作。",
    "中联重科牵头制定的国际标准正式发布。",
    "联席会议办公室要发挥牵头作用。",
    "各有关单位要密切配合。",
])
def test_running_text_about_a_role_is_not_a_clause(sentence):
    assert rows(f"一、重点任务\n1.加强组织领导。{sentence}\n") == []


def test_key_value_lines_with_cooperating_units():
    text = ("一、任务\n5.建设服务综合体。\n牵头单位:市市场监管局\n协同单位:各县(市)区人民政府、合肥市标准化研究院\n"
            "完成时限:2025年11月底前\n")
    assert rows(text) == [("建设服务综合体", "市市场监管局", "lead"),
                          ("建设服务综合体", "各县(市)区人民政府", "participant"),
                          ("建设服务综合体", "合肥市标准化研究院", "participant")]


def test_labels_glued_to_the_unit_before_them_are_split():
    """Lines joined by the normaliser: a label straight after the last unit starts a new list or ends the clause."""
    text = "一、任务\n3.培育新兴产业标准。\n牵头单位:市发展改革委、市经济和信息化局配合单位:市科技局完成时限:2025年12月底前\n"
    assert rows(text) == [("培育新兴产业标准", "市发展改革委", "lead"),
                          ("培育新兴产业标准", "市经济和信息化局", "lead"),
                          ("培育新兴产业标准", "市科技局", "participant")]


@pytest.mark.parametrize("sep", ["\t", " | "])
def test_lead_column_cell_with_a_shared_collective(sep):
    header = sep.join(["序号", "重点任务", "牵头单位", "配合单位", "完成时限"])
    row = sep.join(["1", "培育标准化服务业", "市市场监管局牵头,各县(市、区)人民政府按职责分工负责", "市财政局", "2025年6月"])
    text = f"附件\n重点任务分工表\n{header}\n{row}\n"
    assert rows(text) == [("培育标准化服务业", "市市场监管局", "lead"),
                          ("培育标准化服务业", "各县(市、区)人民政府", "shared"),
                          ("培育标准化服务业", "市财政局", "participant")]


def test_shared_column_keeps_its_role_for_a_division_of_duties_cell():
    header = "\t".join(["序号", "重点任务", "责任单位", "完成时限"])
    row = "\t".join(["1", "实施地方标准", "市数据局、市市场监管局按职责分工负责", "2025年底前"])
    assert rows(f"附件\n{header}\n{row}\n") == [("实施地方标准", "市数据局", "shared"), ("实施地方标准", "市市场监管局", "shared")]


def test_lead_with_collectives_that_carry_it_out():
    text = "一、重点任务\n1.推进标准研制。开展工作。由市科技局牵头,各区政府具体实施。\n"
    assert rows(text) == [("推进标准研制", "市科技局", "lead"), ("推进标准研制", "各区政府", "shared")]
