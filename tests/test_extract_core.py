"""The policy loader core: normalisation, sections, plan metadata, responsibility clauses, JSON output.

The tests run on short synthetic snippets written for each form the loader must
read; the F1 floors on scored documents are in tests/extraction (floors.csv).
"""
from __future__ import annotations

import json
import unicodedata

import pytest

from stdkg.loaders.plan import extract_plan, short_name
from stdkg.loaders.policy import load_policy_document, write_extraction
from stdkg.loaders.responsibilities import extract_responsibilities, split_units
from stdkg.loaders.responsibility_tables import extract_table_responsibilities
from stdkg.loaders.policy import extract_ownership
from stdkg.loaders.sections import SectionIndex, parse_sections
from stdkg.loaders.text import decode, normalise
from tests.shared import SHARED

CORPUS = SHARED / "corpus"
GOLD = SHARED / "gold"


def test_corpus_city_matches_gold():
    if not GOLD.is_dir():
        pytest.skip(f"{GOLD} is absent")
    for path in sorted(CORPUS.glob("*.txt")):
        gold = json.loads((GOLD / f"{path.stem.split('_')[0]}.json").read_text(encoding="utf-8"))
        assert load_policy_document(path).city == gold["city"], path.name


def _rows(text: str) -> list[tuple[str, str, str]]:
    sections = parse_sections("t", text)
    _, rows = extract_ownership("t", text, sections)
    return [(r.task, r.department, r.role) for r in rows]


def test_clause_lead_and_participant():
    text = "一、总体任务\n1.做好甲项工作。具体内容如下。(责任单位:市甲局、市乙委牵头,市丙办参与)\n"
    assert _rows(text) == [
        ("做好甲项工作", "市甲局", "lead"),
        ("做好甲项工作", "市乙委", "lead"),
        ("做好甲项工作", "市丙办", "participant"),
    ]


def test_clause_division_of_duties_splits_collectives_at_he():
    text = "1.标准化+先进制造业。开展研究。(市甲局、市乙委,相关区、市政府和经济功能区管委按职责分工负责)\n"
    assert _rows(text) == [
        ("标准化+先进制造业", "市甲局", "shared"),
        ("标准化+先进制造业", "市乙委", "shared"),
        ("标准化+先进制造业", "相关区、市政府", "shared"),
        ("标准化+先进制造业", "经济功能区管委", "shared"),
    ]


def test_clause_sole_responsible_is_lead():
    assert _rows("2.标准化+体育。制定标准。(市体育局负责)\n") == [("标准化+体育", "市体育局", "lead")]


def test_clause_national_bracket_form():
    text = "(一)加强组织协调。建立会商机制。〔市场监管总局、商务部牵头,各有关部门按职责分工负责〕\n"
    assert _rows(text) == [
        ("加强组织协调", "市场监管总局", "lead"),
        ("加强组织协调", "商务部", "lead"),
        ("加强组织协调", "各有关部门", "shared"),
    ]


def test_clause_coordinating_units_are_participants():
    text = "3.推动互认。开展比对。(责任单位:省商务厅牵头,省外办、省市场监管局配合)\n"
    assert [r[2] for r in _rows(text)] == ["lead", "participant", "participant"]


def test_clause_plain_list_under_label_is_shared():
    text = "4.完善服务。制定规范。(责任单位:市民政局、市卫生健康委)\n"
    assert _rows(text) == [("完善服务", "市民政局", "shared"), ("完善服务", "市卫生健康委", "shared")]


def test_unbracketed_responsible_department_line():
    text = "(二)加强宣传。开展活动。\n责任部门:市委宣传部、市文明办\n"
    assert _rows(text) == [("加强宣传", "市委宣传部", "shared"), ("加强宣传", "市文明办", "shared")]


def test_lead_and_cooperating_labels():
    text = "5.建设平台。搭建平台。\n牵头单位:市科技局;配合单位:市财政局、市大数据局\n"
    assert _rows(text) == [
        ("建设平台", "市科技局", "lead"),
        ("建设平台", "市财政局", "participant"),
        ("建设平台", "市大数据局", "participant"),
    ]


def test_collectives_with_inner_separators_stay_whole():
    assert split_units("各区、市政府") == ["各区、市政府"]
    assert split_units("各区(县、市)人民政府、市教育局") == ["各区(县、市)人民政府", "市教育局"]
    assert split_units("市市场和质量监管委、市人力资源和社会保障局") == ["市市场和质量监管委", "市人力资源和社会保障局"]
    assert split_units("有关区、市政府和经济功能区管委") == ["有关区、市政府", "经济功能区管委"]


def test_parentheticals_that_are_not_clauses_give_nothing():
    text = "1.建设基地。各区政府(含新区)要建立机制,依托(ISO/TC 207)开展研究,规划期(2016-2020年)。\n"
    assert _rows(text) == []


def test_clause_closing_a_section_takes_the_section_heading():
    text = "三、保障措施\n(一)加强组织领导\n成立领导小组,统筹推进工作。(市市场监管局负责)\n(二)加大投入\n安排资金。\n"
    assert _rows(text) == [("加强组织领导", "市市场监管局", "lead")]


def test_responsibility_evidence_is_the_clause():
    text = "1.做好甲项工作。(责任单位:市甲局牵头)\n"
    _, rows = extract_responsibilities("t", text, parse_sections("t", text))
    p = rows[0].provenance
    assert text[p.start:p.end] == p.evidence == "(责任单位:市甲局牵头)"
    assert rows[0].measure_path == ("1",)


def test_sections_tree_numbers_and_headings():
    text = "第一章 总则\n一、主要任务\n(一)创新引领深圳标准建设。\n1.发挥作用。正文。\n(1)细项内容\n二、保障措施\n正文。\n"
    sections = parse_sections("t", text)
    by_heading = {s.heading: s for s in sections}
    assert by_heading["创新引领深圳标准建设"].path == ("第一章", "一", "(一)")
    assert by_heading["细项内容"].level == 5
    assert by_heading["保障措施"].path == ("第一章", "二")
    inner = text.index("细项")
    assert SectionIndex(text, sections).smallest(inner).heading == "细项内容"
    assert SectionIndex(text, sections).smallest(text.index("正文。\n", text.index("保障"))).heading == "保障措施"
    for s in sections:
        assert s.provenance.evidence == text[s.provenance.start:s.provenance.end]


def test_news_subheadings_without_numbers():
    body = "标准是世界通用语言,近年来各项工作稳步推进,成效显著。" * 3
    text = f"新闻标题\n\n{body}\n\n在全国率先构建标准体系\n\n{body}\n\n率先出台创新制度\n\n{body}\n"
    headings = [s.heading for s in parse_sections("t", text)]
    assert headings == ["在全国率先构建标准体系", "率先出台创新制度"]


def test_plan_metadata_from_notice():
    text = (
        "青岛市人民政府办公厅关于印发青岛市“标准化+”发展规划(2016-2020年)的通知\n"
        "青政办发〔2017〕14号\n各区、市人民政府:\n现将规划印发给你们。\n"
        "青岛市人民政府办公厅\n2017年2月24日\n"
    )
    plan = extract_plan("t", text)
    assert plan.title == "青岛市“标准化+”发展规划(2016-2020年)"
    assert plan.issuer == "青岛市人民政府办公厅"
    assert (plan.city, plan.date, plan.doc_number) == ("青岛", "2017-02-24", "青政办发〔2017〕14号")
    assert (plan.period_start, plan.period_end) == (2016, 2020)
    assert text[plan.provenance.start:plan.provenance.end] == plan.title


def test_plan_city_for_province_and_state():
    province = extract_plan("t", "广西壮族自治区人民政府关于印发广西标准化发展规划的通知\n桂政发〔2022〕3号\n")
    assert province.city == "广西"
    state = extract_plan("t", "国务院关于印发深化标准化工作改革方案的通知\n国发〔2015〕13号\n")
    assert state.city is None and state.doc_number == "国发〔2015〕13号"
    assert short_name("延边朝鲜族自治州") == "延边" and short_name("深圳市") == "深圳"


def test_decode_legacy_encodings():
    text = "深圳市人民政府关于印发标准化发展规划的通知。各区人民政府,市政府直属各单位。" * 3
    assert decode(text.encode("gb18030"), "a.txt") == text
    assert decode(text.encode("utf-8-sig"), "a.txt") == text
    traditional = "臺北市政府關於印發標準化發展規劃的通知。各區公所,市政府所屬各機關。" * 3
    assert decode(traditional.encode("big5"), "b.txt") == traditional


def test_normalise_traditional_width_pinyin_and_broken_names():
    raw = (
        "首頁 > 政務公開 > 政策文件\n"
        "到２０２６年，培養百名以上國(guó)際標(biāo)準化人才。\n"
        "  1.推動工作。支持寧波舟山港集團\n有限公司主導制定標準。（責任單位：市市場監督\n管理局牽頭）\n"
    )
    n = normalise(raw, "t")
    assert "首页" not in n.text
    assert "到2026年,培养百名以上国际标准化人才。" in n.text
    assert "宁波舟山港集团有限公司" in n.text
    assert "(责任单位:市市场监督管理局牵头)" in n.text
    assert len(n.offsets) == len(n.text) + 1
    i = n.text.index("国际")
    assert raw[n.offsets[i]] == "國" and raw[n.offsets[i + 1]] == "際"


def test_html_page_keeps_the_article_and_drops_chrome():
    page = (
        "<!DOCTYPE html><html><head><title>t</title><script>var s='关于印发';</script></head><body>"
        "<div class='nav'><a>首页</a><a>机构</a></div><div class='breadcrumb'>当前位置:首页 &gt; 政策</div>"
        "<div id='zoom'><p>一、总体要求</p><p>&nbsp;&nbsp;加强标准化工作。〔科技部负责〕</p></div>"
        "<div class='footer'>版权所有 技术支持:某某科技有限公司</div></body></html>"
    )
    n = normalise(page, "t")
    assert "一、总体要求" in n.text and "〔科技部负责〕" in n.text
    for chrome in ("首页", "机构", "var s", "版权所有", "某某科技"):
        assert chrome not in n.text
    i = n.text.index("〔科技部")
    assert page[n.offsets[i]] == "〔"


def test_garbled_characters_are_flagged_not_guessed():
    n = normalise("标准化战略实施。推动一网通?规范运行。确保基本药物�合格。\n", "t")
    flagged = [n.text[i.start:i.end] for i in n.issues if i.start is not None]
    assert "?" in flagged and "�" in flagged
    assert "一网通?规范" in n.text


def test_write_extraction_is_byte_identical(tmp_path):
    path = tmp_path / "plan_x.txt"
    path.write_text("1.做好甲项工作。(责任单位:市甲局牵头,市乙委参与)\n" * 2, encoding="utf-8")
    first = write_extraction(load_policy_document(path), tmp_path / "a").read_bytes()
    second = write_extraction(load_policy_document(path), tmp_path / "b").read_bytes()
    assert first == second
    data = json.loads(first)
    assert data["doc"] == "plan_x"
    assert {(o["department"], o["role"]) for o in data["ownership"]} == {("市甲局", "lead"), ("市乙委", "participant")}


def test_ownership_strings_are_nfkc_stable():
    """Departments and tasks come out already half-width, as the gold writes them."""
    text = "1.做好甲项工作。(责任单位:市甲局牵头)\n"
    for task, dept, _ in _rows(text):
        assert unicodedata.normalize("NFKC", task) == task and unicodedata.normalize("NFKC", dept) == dept


def test_lead_and_cooperating_labels_separated_by_a_comma():
    text = "6.建设基地。(牵头单位:市科技局,配合单位:市财政局)\n"
    assert _rows(text) == [("建设基地", "市科技局", "lead"), ("建设基地", "市财政局", "participant")]


def test_label_variants_and_a_following_field_on_the_same_line():
    text = "7.完善制度。制定办法。\n主要责任单位(部门):市司法局、市政务服务局  完成时限:2025年底\n"
    assert _rows(text) == [("完善制度", "市司法局", "shared"), ("完善制度", "市政务服务局", "shared")]


def test_lead_together_with_another_unit():
    text = "8.推进改革。(市市场监管局会同市司法局负责)\n"
    assert _rows(text) == [("推进改革", "市市场监管局", "lead"), ("推进改革", "市司法局", "participant")]


def test_inline_lead_marker_in_a_plain_list():
    text = "(一)标准化+智能制造。推进工作。\n责任单位:市经信局(牵头)、市市场监管局、市科技局\n"
    assert _rows(text) == [
        ("标准化+智能制造", "市经信局", "lead"),
        ("标准化+智能制造", "市市场监管局", "shared"),
        ("标准化+智能制造", "市科技局", "shared"),
    ]


def test_task_distribution_table():
    text = (
        "二、重点任务\n  (一)推进汽车产业标准升级。支持研制标准。\n  (二)强化人才培养。开设课程。\n"
        "附件\n重点任务分工表\n序号\t重点任务\t牵头单位\t配合单位\t完成时限\n"
        "1\t推进汽车产业标准升级\t市经信局、经开区管委会\t市交通运输局\t2025年底\n"
        "2\t强化人才培养\t市人社局\t市教育局、市市场监管局\t持续推进\n"
    )
    sections = parse_sections("t", text)
    _, rows = extract_table_responsibilities("t", text, sections)
    assert [(r.task, r.department, r.role) for r in rows] == [
        ("推进汽车产业标准升级", "市经信局", "lead"),
        ("推进汽车产业标准升级", "经开区管委会", "lead"),
        ("推进汽车产业标准升级", "市交通运输局", "participant"),
        ("强化人才培养", "市人社局", "lead"),
        ("强化人才培养", "市教育局", "participant"),
        ("强化人才培养", "市市场监管局", "participant"),
    ]
    assert rows[0].measure_path == ("二", "(一)")
    for r in rows:
        assert text[r.provenance.start:r.provenance.end] == r.provenance.evidence
        assert r.provenance.evidence.startswith(("1\t", "2\t"))


def test_plan_period_written_after_a_mention_of_the_title():
    text = (
        "杭州市人民政府办公厅关于印发杭州市推进标准化强市建设若干措施的通知\n杭政办函〔2023〕37号\n"
        "现将《杭州市推进标准化强市建设若干措施(2023—2025年)》印发给你们。\n"
    )
    plan = extract_plan("t", text)
    assert (plan.period_start, plan.period_end, plan.city) == (2023, 2025, "杭州")


def test_decimal_outline_and_a_clause_covering_the_items_above():
    text = (
        "3 重点任务\n3.2 推进现代服务业标准化\n3.2.1 完善旅游服务标准。制定规范。\n3.2.2 发展金融服务标准。推动试点。\n"
        "(以上两项责任单位:市文化和旅游局、市地方金融监管局按职责分工负责)\n"
        "3.3 推动农业标准化\n  完善生产标准。(责任单位:市农业农村局牵头,各区县政府配合)\n"
    )
    assert _rows(text) == [
        ("推进现代服务业标准化", "市文化和旅游局", "shared"),
        ("推进现代服务业标准化", "市地方金融监管局", "shared"),
        ("推动农业标准化", "市农业农村局", "lead"),
        ("推动农业标准化", "各区县政府", "participant"),
    ]
    paths = [s.path for s in parse_sections("t", text)]
    assert ("3", "3.2", "3.2.1") in paths and ("3", "3.3") in paths


def test_clause_with_a_completion_date_field():
    text = "(一)工程机械标准领跑行动。支持制定标准。(责任单位:市工业和信息化局、市市场监管局;完成时限:2027年底)\n"
    assert _rows(text) == [("工程机械标准领跑行动", "市工业和信息化局", "shared"),
                           ("工程机械标准领跑行动", "市市场监管局", "shared")]


def test_clause_after_the_last_of_several_items_closes_their_parent():
    text = (
        "(一)加强标准体系建设\n1.完善制度。内容。\n2.推进试点。内容。\n(责任单位:市甲局牵头,市乙委配合)\n"
        "(二)强化人才培养\n1.开设课程。内容。\n(责任单位:市丙局牵头)\n2.开展培训。内容。\n(责任单位:市丁局牵头)\n"
    )
    assert _rows(text) == [
        ("加强标准体系建设", "市甲局", "lead"),
        ("加强标准体系建设", "市乙委", "participant"),
        ("开设课程", "市丙局", "lead"),
        ("开展培训", "市丁局", "lead"),
    ]


def test_bare_role_labels():
    text = "9.推广应用。开展试点。(牵头:市科技局;配合:市财政局、市教育局)\n"
    assert _rows(text) == [("推广应用", "市科技局", "lead"), ("推广应用", "市财政局", "participant"),
                           ("推广应用", "市教育局", "participant")]


def test_clause_broken_across_lines_is_joined():
    raw = "1.推进建设。(责任单位:市市场和质量\n监管委牵头)\n"
    text = normalise(raw, "t").text
    assert _rows(text) == [("推进建设", "市市场和质量监管委", "lead")]


def test_plan_number_cited_in_a_sentence_is_not_the_plan_number():
    text = "关于推进标准化工作的实施意见\n根据《国务院关于印发深化标准化工作改革方案的通知》(国发〔2015〕13号)精神,制定本意见。\n"
    assert extract_plan("t", text).doc_number is None


def test_plan_period_from_a_five_year_plan_title():
    plan = extract_plan("t", "浙江省人民政府关于印发浙江省标准化“十四五”规划的通知\n浙政发〔2021〕9号\n")
    assert (plan.period_start, plan.period_end, plan.city) == (2021, 2025, "浙江")


def test_decode_utf16_without_bom():
    text = "深圳市人民政府关于印发标准化发展规划的通知。各区人民政府,市政府直属各单位。\n" * 3
    assert decode(text.encode("utf-16-le"), "w.txt") == text


def test_space_separated_labels_and_implementing_units():
    text = (
        "(一)推进标准研制。开展工作。(牵头单位:市工信局 配合单位:市科技局、市财政局 完成时限:2025年)\n"
        "(二)加强监督。开展抽查。(省市场监管局负责,各市县政府落实)\n"
    )
    assert _rows(text) == [
        ("推进标准研制", "市工信局", "lead"),
        ("推进标准研制", "市科技局", "participant"),
        ("推进标准研制", "市财政局", "participant"),
        ("加强监督", "省市场监管局", "lead"),
        ("加强监督", "各市县政府", "shared"),
    ]


def test_html_task_table():
    page = ("<html><body><p>一、重点任务</p><p>(一)加强组织。建立机制。</p><table>"
            "<tr><td>序号</td><td>工作任务</td><td>牵头单位</td><td>责任单位</td></tr>"
            "<tr><td>1</td><td>加强组织</td><td>省市场监管局</td><td>省发展改革委、省工业和信息化厅</td></tr>"
            "</table></body></html>")
    assert _rows(normalise(page, "t").text) == [
        ("加强组织", "省市场监管局", "lead"),
        ("加强组织", "省发展改革委", "shared"),
        ("加强组织", "省工业和信息化厅", "shared"),
    ]


def test_copied_portal_page_header():
    raw = (
        "首页 | 政务公开 | 政务服务 | 互动交流\n字号:[大][中][小] 打印本页 关闭窗口\n【我要纠错】\n"
        "索引号: 000014349/2021-00123\n发文机关: 国务院办公厅\n成文日期: 2021年10月10日\n"
        "标题: 国务院办公厅关于印发标准化工作要点的通知\n发文字号: 国办发〔2021〕40号\n\n各省、自治区、直辖市人民政府:\n"
    )
    text = normalise(raw, "t").text
    assert "首页" not in text and "纠错" not in text and "[大][中][小]" not in text
    plan = extract_plan("t", text)
    assert (plan.issuer, plan.city, plan.date, plan.doc_number) == ("国务院办公厅", None, "2021-10-10", "国办发〔2021〕40号")
    assert plan.title == "标准化工作要点"


def test_plan_city_from_the_body_when_the_issuer_does_not_name_it():
    body = "推动苏州标准化工作。苏州工业园区开展试点。苏州制造走向世界。\n"
    plan = extract_plan("t", "市人民政府关于印发标准化发展规划的通知\n" + body)
    assert plan.city == "苏州"
    national = extract_plan("t", "工业和信息化部关于印发标准化发展规划的通知\n" + body)
    assert national.city is None


def test_table_rows_are_not_headings():
    text = "一、重点任务\n(一)推动应用。内容。\n序号\t重点任务\t牵头单位\n4\t推动标准实施应用\t市市场监管局\n3 发布地方标准(项)   95   ≥150\n"
    assert [s.path for s in parse_sections("t", text)] == [("一",), ("一", "(一)")]


def test_question_marks_that_end_questions_are_not_garble():
    n = normalise("如何判断产品是否高质量?深圳市民可以查看标识。推动一网通?规范运行。\n", "t")
    flagged = [(i.start, n.text[i.start:i.end]) for i in n.issues if i.start is not None]
    assert flagged == [(n.text.index("通?") + 1, "?")]


def test_pipe_drawn_task_table():
    text = ("(一)推动应用。内容。\n| 序号 | 重点任务 | 牵头单位 | 配合单位 |\n|---|---|---|---|\n"
            "| 1 | 推动应用 | 市市场监管局 | 市经信局、市科技局 |\n")
    assert _rows(text) == [("推动应用", "市市场监管局", "lead"), ("推动应用", "市经信局", "participant"),
                           ("推动应用", "市科技局", "participant")]


def test_title_and_number_lines_are_not_joined():
    raw = "某市人民政府办公厅关于印发某市标准化、质量提升行动方案的通知\n某政办发〔2021〕1号\n各区人民政府:\n"
    text = normalise(raw, "t").text
    assert text.split("\n")[:2] == ["某市人民政府办公厅关于印发某市标准化、质量提升行动方案的通知", "某政办发〔2021〕1号"]
    assert extract_plan("t", text).doc_number == "某政办发〔2021〕1号"


def test_html_entities_left_in_plain_text():
    raw = "&nbsp;&nbsp;推进&ldquo;标准化+&rdquo;行动。&amp;\n"
    n = normalise(raw, "t")
    assert n.text.strip() == "推进“标准化+”行动。&"
    i = n.text.index("“")
    assert raw[n.offsets[i]:].startswith("&ldquo;")


def test_signature_date_in_chinese_numerals():
    text = "某市人民政府关于加快标准化的意见\n正文。\n某市人民政府\n二○二一年十二月三十日\n"
    assert extract_plan("t", text).date == "2021-12-30"


def test_item_title_in_lenticular_brackets():
    text = "1.【加强组织领导】成立领导小组,统筹推进。(市市场监管局负责)\n"
    assert _rows(text) == [("加强组织领导", "市市场监管局", "lead")]


def test_clause_followed_by_a_remark_sentence():
    text = ("一、强化标准化工作统筹推进。完善配套政策。〔市场监管总局(标准委)、国家发展改革委、农业农村部等部门和"
            "地方人民政府按职责分工负责。以下均需地方人民政府负责,不再列出〕\n")
    assert _rows(text) == [
        ("强化标准化工作统筹推进", "市场监管总局(标准委)", "shared"),
        ("强化标准化工作统筹推进", "国家发展改革委", "shared"),
        ("强化标准化工作统筹推进", "农业农村部", "shared"),
        ("强化标准化工作统筹推进", "地方人民政府", "shared"),
    ]


def test_repeated_pinyin_glosses_and_spaced_labels():
    n = normalise("2022年7月(yuè)(yuè)6日,市(shì)场监管总局发布。\n", "t")
    assert "2022年7月6日,市场监管总局发布。" in n.text
    text = ("名       称 :铜陵市人民政府办公室关于印发铜陵市标准化体系建设发展规划(2016—2020年)的通知\n"
            "文       号 :办〔2016〕143号\n")
    plan = extract_plan("t", text)
    assert (plan.issuer, plan.city, plan.doc_number) == ("铜陵市人民政府办公室", "铜陵", "办〔2016〕143号")


def test_plan_title_from_the_forwarding_sentence():
    text = ("各镇政府、街道办事处:\n现将《关于深入实施标准化战略的意见(2021-2025年)》印发给你们,请认真组织实施。\n"
            "中山市人民政府\n2021年12月30日\n关于深入实施标准化战略的意见\n(2021-2025年)\n")
    plan = extract_plan("t", text)
    assert plan.title == "关于深入实施标准化战略的意见(2021-2025年)"
    assert (plan.issuer, plan.city, plan.date, plan.period_start, plan.period_end) == (
        "中山市人民政府", "中山", "2021-12-30", 2021, 2025)


def test_pipe_table_survives_normalisation():
    raw = ("(一)推动应用。内容。\n| 序号 | 重点任务 | 牵头单位 | 配合单位 |\n|---|---|---|---|\n"
           "| 1 | 推动应用 | 市市场监管局 | 市经信局 |\n")
    assert _rows(normalise(raw, "t").text) == [("推动应用", "市市场监管局", "lead"), ("推动应用", "市经信局", "participant")]


def test_work_report_period_is_the_year_it_is_delivered():
    plan = extract_plan("t", "政府工作报告\n——2024年1月21日在某省第十四届人民代表大会第二次会议上\n各位代表:\n")
    assert (plan.title, plan.period_start, plan.period_end) == ("政府工作报告", 2024, 2024)


def test_standard_number_on_its_cover_is_the_document_number():
    plan = extract_plan("t", "ICS 01.140.40\nCCS A 19\n\n中华人民共和国新闻出版行业标准\n\nCY/T 318—2025\n\n出版物数字版权标识规范\n")
    assert plan.doc_number == "CY/T 318—2025"


def test_province_of_a_news_page_from_its_paper_or_its_body():
    paper = extract_plan("t", "工程机械标准走出去\n来源:湖南日报  发布时间:2025-03-12\n近日,标准发布。\n")
    assert paper.city == "湖南"
    body = extract_plan("t", "政府工作报告\n各位代表:河北省经济回升。河北雄安新区建设提速。奋力谱写河北篇章。\n")
    assert body.city == "河北"


def test_plan_cited_in_the_notice_body_is_the_title():
    plan = extract_plan("t", "锡新政办发〔2025〕4号\n各街道办事处:\n  《某区标准化提升三年行动计划(2025—2027年)》已经区政府同意,现印发给你们。\n")
    assert (plan.title, plan.period_start, plan.period_end) == ("某区标准化提升三年行动计划(2025—2027年)", 2025, 2027)
