"""Rules added after the second blind round: HTML tables with spanning cells, unit columns with
alternatives in their heading, annual plans, dated achievement lists, PDF page breaks, Q&A pages.

Each test runs a short synthetic snippet written for one rule; expected rows come from the snippet.
"""
from __future__ import annotations

from stdkg.loaders.organisations import extract_organisations
from stdkg.loaders.plan import extract_plan
from stdkg.loaders.policy import extract_ownership
from stdkg.loaders.sections import parse_sections
from stdkg.loaders.targets import extract_targets
from stdkg.loaders.text import normalise

SPANNED_TABLE = (
    "<html><body><p>工作任务分工</p><table>"
    "<tr><td>序号</td><td>工作任务</td><td>责任单位</td><td>完成时限</td></tr>"
    "<tr><td>1</td><td>修订农业地方标准</td><td rowspan='2'>市农业局、市林业局</td><td>6月</td></tr>"
    "<tr><td>2</td><td>推广林下种植规范</td><td>9月</td></tr>"
    "<tr><td>3</td><td>评估标准实施效果</td><td>市场监管局</td><td rowspan='2'>12月</td></tr>"
    "<tr><td>4</td><td>编制标准体系规划</td><td>市发展改革委</td></tr>"
    "</table></body></html>"
)


def _ownership(text: str) -> set[tuple[str, str, str]]:
    _, rows = extract_ownership("t", text, parse_sections("t", text))
    return {(r.task, r.department, r.role) for r in rows}


def test_a_rowspan_cell_is_repeated_in_every_row_it_spans():
    text = normalise(SPANNED_TABLE, "t").text
    rows = [line.split("\t") for line in text.splitlines() if line[:1].isdigit()]
    assert [len(r) for r in rows] == [4, 4, 4, 4]
    assert rows[0][2] == rows[1][2] == "市农业局、市林业局"
    assert rows[2][3] == rows[3][3] == "12月"


def test_spanned_unit_cell_owns_every_task_it_spans():
    read = _ownership(normalise(SPANNED_TABLE, "t").text)
    for task in ("修订农业地方标准", "推广林下种植规范"):
        assert {(task, "市农业局", "shared"), (task, "市林业局", "shared")} <= read
    assert ("编制标准体系规划", "市发展改革委", "shared") in read


def test_a_copied_cell_traces_back_to_the_cell_it_spans_from():
    n = normalise(SPANNED_TABLE, "t")
    copy = n.text.index("市农业局", n.text.index("推广林下"))
    assert SPANNED_TABLE[n.offsets[copy]:].startswith("市农业局、市林业局</td><td>6月")


def test_unit_column_heading_with_alternatives_and_a_role_in_brackets():
    for heading in ("责任处室(单位)", "责任单位/部门"):
        text = f"序号\t工作任务\t{heading}\n1\t建设计量数据平台\t计量处(牵头)、信息中心、科技处\n"
        assert _ownership(text) == {("建设计量数据平台", "计量处", "lead"), ("建设计量数据平台", "信息中心", "shared"),
                                    ("建设计量数据平台", "科技处", "shared")}


def test_annual_plan_title_gives_a_one_year_period():
    for title in ("2025年全市标准化工作要点", "某市2025年度质量强市工作计划"):
        plan = extract_plan("t", f"{title}\n一、总体要求\n做好工作。\n")
        assert (plan.period_start, plan.period_end) == (2025, 2025)
    plan = extract_plan("t", "2025年标准化发展报告\n一、总体情况\n")
    assert (plan.period_start, plan.period_end) == (None, None)


def test_a_past_year_opening_a_sentence_dates_its_whole_list():
    plan = extract_plan("t", "2025年全市标准化工作要点\n")
    text = ("2025年全市标准化工作要点\n一、工作基础\n2024年,全市发布地方标准40项;市标准馆访问量超过30万人次;"
            "企业主导制定国家标准6项。\n二、工作目标\n全年发布地方标准50项以上;计划新增示范项目8个。\n")
    targets = extract_targets("t", text, parse_sections("t", text), plan)
    goals = {t.value for t in targets if not t.is_fact}
    facts = {t.value for t in targets if t.is_fact}
    assert facts == {40, 30, 6}
    assert goals == {50, 8}


PARAGRAPHS = [
    "一、发展目标",
    "  到2025年,全市发布地方标准60项以上,主导或参与制修订国家标准、行业标准100项以上,培育标准化专业人才达到300名以上,"
    "企业标准自我声明公开数量达到900项,重点农产品标准化生产覆盖率达到75%以上。",
    "二、重点任务",
    "  (一)推进示范。建设农业标准化示范区,推动标准化技术组织与产业园区对接,支持企业参与ISO/IEC JTC 1/SC 41"
    "物联网国际标准工作,推动省级技术组织在本市开展工作,加强与东盟标准与质量咨询委员会(ACCSQ)的交流。"
    "(市市场监管局牵头,各县(市、区)人民政府参与)",
]
HEADER = "某市人民政府办公厅文件"


def _pdf_pages(width: int, breaks: tuple[int, ...], header: str = HEADER) -> str:
    """The paragraphs hard-wrapped every `width` characters, with a page footer and a running header
    after the wrapped lines numbered in `breaks`."""
    lines = [p[i:i + width] for p in PARAGRAPHS for i in range(0, len(p), width)]
    out = [HEADER, "", "某市标准化行动方案"]
    for n, line in enumerate(lines):
        out.append(line)
        if n in breaks:
            out += ["", f"{' ' * 20}— {breaks.index(n) + 1} —", f"\f{header}", ""]
    return "\n".join(out) + "\n"


def test_running_header_after_each_page_break_is_dropped_and_paragraphs_rejoined():
    goals, tasks = PARAGRAPHS[1], PARAGRAPHS[3]
    cuts = [n for n, line in enumerate([p[i:i + 30] for p in PARAGRAPHS for i in range(0, len(p), 30)])
            if line and not line.endswith(("。", ")"))]
    raw = _pdf_pages(30, (cuts[2], cuts[-2]))
    text = normalise(raw, "t").text
    body = text.split("某市标准化行动方案", 1)[1]
    assert HEADER not in body and "—" not in body
    for paragraph in (goals, tasks):
        assert paragraph.strip() in text


def test_a_line_repeated_once_is_not_a_running_header():
    cuts = [n for n, line in enumerate([p[i:i + 30] for p in PARAGRAPHS for i in range(0, len(p), 30)])
            if line and not line.endswith(("。", ")"))]
    raw = _pdf_pages(30, (cuts[2],), header="某市人民政府办公厅")
    text = normalise(raw, "t").text
    assert "某市人民政府办公厅" in text.split("某市标准化行动方案", 1)[1]


def test_a_line_opening_with_closing_punctuation_or_inside_brackets_continues_the_line_before():
    raw = ("一、重点任务\n  (一)推进示范。推动技术组织在本市开展工作\n,加强交流。(市市场监管局牵头,各县(市、区)\n"
           "人民政府参与)\n  (二)加强合作。加强与东盟标准与质量咨询委员会(\nACCSQ)的交流。(市商务局负责)\n")
    text = normalise(raw, "t").text
    assert "开展工作,加强交流" in text
    assert "(市市场监管局牵头,各县(市、区)人民政府参与)" in text
    assert "咨询委员会(ACCSQ)的交流" in text


INTERPRETATION = (
    "《某市质量强市建设实施方案(2025—2027年)》政策解读\n"
    "  近日,某市人民政府办公厅印发《某市质量强市建设实施方案(2025—2027年)》(某政办发〔2025〕7号,"
    "以下简称《实施方案》)。现解读如下。\n"
    "问:《实施方案》有哪些举措?\n"
    "答:某省新材料标准化技术委员会秘书处由某某材料科技股份有限公司承担。"
    "推动乐平镇等乡镇建设服务站,围绕“1+3”行动计划开展工作,依托省质量科学研究院和省标准化研究院开展培训,"
    "建设标准验证点。\n"
)


def _organisations(text: str) -> dict[str, str]:
    plan = extract_plan("t", text)
    return {o.name: o.type for o in extract_organisations("t", text, parse_sections("t", text), plan)}


def test_interpretation_gives_the_number_bracketed_after_the_cited_plan_and_the_issuer_after_the_lead_word():
    plan = extract_plan("t", INTERPRETATION)
    cited = INTERPRETATION.split("》(", 1)[1]
    assert plan.doc_number == cited.split(",", 1)[0]
    assert plan.issuer == "某市人民政府办公厅"


def test_a_short_title_alias_is_not_another_citation():
    alias = INTERPRETATION.split("以下简称《", 1)[1].split("》", 1)[0]
    assert alias not in _organisations(INTERPRETATION)


def test_a_secretariat_held_by_a_company_gives_the_committee_and_the_company():
    found = _organisations(INTERPRETATION)
    assert found.get("某省新材料标准化技术委员会") == "tc"
    assert found.get("某某材料科技股份有限公司") == "enterprise"


def test_generic_kinds_numbered_programmes_and_verbs_are_not_names():
    names = _organisations(INTERPRETATION)
    assert not [n for n in names if "行动计划" in n or n.endswith("验证点") or n.startswith("推动")]


def test_a_provincial_institute_named_by_its_field_is_an_organisation_but_a_bare_kind_is_not():
    names = _organisations(INTERPRETATION)
    assert names.get("省质量科学研究院") == "platform"
    assert "省标准化研究院" not in names


def test_a_town_is_not_led_by_a_verb():
    text = "二、重点任务\n推进乡村振兴标准化服务站建设,在乐从镇标准化服务站开展试点。\n"
    names = _organisations(text)
    assert not [n for n in names if n.startswith("推进")]


def test_questions_of_a_q_and_a_page_head_the_answers_after_them():
    questions = ["方案出台的背景是什么?", "方案的主要目标有哪些?"]
    text = (f"某市标准化行动方案政策解读\n问:{questions[0]}\n答:截至2024年底,全市发布地方标准30项。\n"
            f"问:{questions[1]}\n答:到2027年,全市发布地方标准60项以上。\n")
    sections = parse_sections("t", text)
    assert [s.heading for s in sections] == questions
    plan = extract_plan("t", "某市标准化行动方案(2025—2027年)\n")
    (goal,) = [t for t in extract_targets("t", text, sections, plan) if not t.is_fact]
    assert goal.section == questions[1]


def test_a_single_question_is_not_a_q_and_a_page():
    text = "某市标准化工作情况\n问:下一步怎么做?\n答:继续推进。\n"
    assert not [s for s in parse_sections("t", text) if s.heading == "下一步怎么做?"]


def test_a_heading_at_the_foot_of_a_page_is_not_joined_to_the_next_page():
    raw = (f"{HEADER}\n\n某市标准化行动方案\n一、发展目标\n全市标准化工作体系基本完善。\n二、重点任务\n\n"
           f"                    — 1 —\n\f{HEADER}\n\n推进标准化示范建设,培育示范项目。\n"
           f"                    — 2 —\n\f{HEADER}\n\n三、保障措施\n")
    text = normalise(raw, "t").text
    assert "\n二、重点任务\n推进标准化示范建设" in text


def test_paragraphs_inside_the_cells_of_a_word_exported_table_keep_each_row_on_one_line():
    cells = [["序号", "工作任务", "牵头单位", "配合单位"], ["1", "修订农业地方标准", "市农业局", "市林业局 市水务局"]]
    rows = "".join("<tr>" + "".join(f"<td><p>{'</p><p>'.join(c.split())}</p></td>" for c in row) + "</tr>"
                   for row in cells)
    text = normalise(f"<html><body><p>一、工作任务分工</p><table>{rows}</table><p>二、其他</p></body></html>", "t").text
    assert ["\t".join(row) for row in cells] == text.splitlines()[1:3]
    assert _ownership(text) == {("修订农业地方标准", "市农业局", "lead"), ("修订农业地方标准", "市林业局", "participant"),
                                ("修订农业地方标准", "市水务局", "participant")}


def test_a_layout_table_of_one_cell_per_row_keeps_its_paragraphs_apart():
    paragraphs = ["一、总体要求", "加强标准化工作。", "二、重点任务", "推进标准研制。"]
    body = "".join(f"<p>{p}</p>" for p in paragraphs)
    text = normalise(f"<html><body><table><tr><td>{body}</td></tr></table></body></html>", "t").text
    assert text.splitlines() == paragraphs


def test_numbered_questions_keep_their_numbers():
    text = "某市标准化行动方案解读\n问题一:为什么出台?\n答:为了发展。\n问题二:目标是什么?\n答:到2027年发布标准60项。\n"
    assert [(s.number, s.heading) for s in parse_sections("t", text)] == [("问一", "为什么出台?"), ("问二", "目标是什么?")]


def test_a_skipped_navigation_table_does_not_disturb_the_task_table_after_it():
    nav = "<table class='nav'><tr><td>首页</td><td>政务公开</td></tr></table>"
    text = normalise(SPANNED_TABLE.replace("<body>", f"<body>{nav}"), "t").text
    assert "首页" not in text
    assert ("推广林下种植规范", "市林业局", "shared") in _ownership(text)


def test_a_two_row_heading_with_a_spanning_unit_heading_gives_lead_and_participant_columns():
    page = ("<html><body><p>重点任务分工表</p><table>"
            "<tr><td rowspan='2'>序号</td><td rowspan='2'>重点任务</td><td colspan='2'>责任单位</td>"
            "<td rowspan='2'>完成时限</td></tr><tr><td>牵头单位</td><td>配合单位</td></tr>"
            "<tr><td>1</td><td>修订农业地方标准</td><td>市农业局</td><td>市林业局、市水务局</td><td>2025年底</td></tr>"
            "</table></body></html>")
    assert _ownership(normalise(page, "t").text) == {
        ("修订农业地方标准", "市农业局", "lead"), ("修订农业地方标准", "市林业局", "participant"),
        ("修订农业地方标准", "市水务局", "participant")}
