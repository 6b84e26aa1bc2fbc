"""Organisation mentions: one test per type, and the things that are not organisations."""
from __future__ import annotations


import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from stdkg.loaders.organisations import extract_organisations
from stdkg.records import ORG_TYPES, Plan, Section


PLAN = Plan(doc="t", title="某市标准化发展规划", city="深圳", period_start=2016, period_end=2020)


def orgs(text: str, plan: Plan | None = PLAN, sections: list[Section] | None = None) -> dict[str, str]:
    rows = extract_organisations("t", text, sections or [], plan)
    for o in rows:
        p = o.provenance
        assert text[p.start:p.end] == p.evidence, o
        assert o.name == p.evidence.replace("\n", ""), "the name is the span, joined where a line break cut it"
    return {o.name: o.type for o in rows}


def test_cited_documents_are_standards():
    found = orgs("依据《国家标准化体系建设规划(2016-2020年)》和《厦门市贯彻落实〈国家标准化发展纲要〉实施意见》,"
                 "开展《企业标准体系》系列标准实施,贯彻《民法典》。该《条例》对此作了规定,《规划》提出要求。")
    assert found["国家标准化体系建设规划(2016-2020年)"] == "standard"
    assert found["厦门市贯彻落实〈国家标准化发展纲要〉实施意见"] == "standard"
    assert found["国家标准化发展纲要"] == "standard"
    assert found["企业标准体系"] == "standard"
    assert found["民法典"] == "standard"
    assert "条例" not in found and "规划" not in found, "a bare back-reference is not a title"


def test_title_broken_across_lines_is_joined():
    found = orgs("为落实《四川省贯彻落实〈国家标准化发展纲\n要〉实施方案》,制定本计划。")
    assert found == {"四川省贯彻落实〈国家标准化发展纲要〉实施方案": "standard", "国家标准化发展纲要": "standard"}


def test_uncited_named_documents():
    found = orgs("出台青岛市地方标准管理办法、青岛市标准化技术组织管理办法等规范性文件。"
                 "推进实施国际城市战略和“国际化+”行动计划。修改完善资金管理办法。")
    assert found == {"青岛市地方标准管理办法": "standard", "青岛市标准化技术组织管理办法": "standard",
                     "“国际化+”行动计划": "standard"}


def test_standard_and_committee_codes():
    found = orgs("对照ISO 37000系列标准和ISO 3712074项指标,采用GB/T 19001-2016、T/CAS 115—2018、JT/T 1234,"
                 "承担ISO/TC 268和SAC/TC 260工作,"
                 "参与ISO/IEC JTC 1/SC 35和ITU-T SG15工作。")
    assert found["ISO 37000"] == "standard"
    assert found["ISO 37120"] == "standard", "a code run together with the next number keeps five digits"
    assert found["GB/T 19001-2016"] == found["T/CAS 115—2018"] == found["JT/T 1234"] == "standard"
    assert found["ISO/TC 268"] == found["SAC/TC 260"] == found["ISO/IEC JTC 1/SC 35"] == found["ITU-T SG15"] == "tc"
    assert "ITU" not in found


def test_a_code_written_as_its_family_is_marked_a_series():
    def series(text: str) -> dict[str, bool]:
        return {o.name: o.series for o in extract_organisations("t", text, [], PLAN)}

    assert series("对照ISO 37000系列标准和ISO 37120开展评价。") == {"ISO 37000": True, "ISO 37120": False}
    assert series("推广ISO 9000 族标准。")["ISO 9000"] is True
    assert series("贯彻GB/T 19001-2016标准。")["GB/T 19001-2016"] is False
    assert series("对照ISO 37000系列标准,落实ISO 37000要求。")["ISO 37000"] is False, "one plain mention names the standard"


def test_named_committee_without_its_secretariat_and_generic_committees_dropped():
    found = orgs("目前“全国物业管理行业标准技术委员会”已落户深圳,全国新型显示器件标准化技术委员会秘书处落户合肥。"
                 "组建市级专业标准化技术委员会,争取国际专业标准化技术委员会秘书处落户。")
    assert found == {"全国物业管理行业标准技术委员会": "tc", "全国新型显示器件标准化技术委员会": "tc"}


def test_alliances_named_and_generic():
    found = orgs("重点建设3D显示标准联盟,积极参与城市标准创新联盟工作,支持工业互联网产业联盟开展团体标准研制。"
                 "推动建立一批产业标准联盟,建立3—5家产业联盟,推动企业、高等院校组成技术标准联盟,制定联盟标准。")
    assert found == {"3D显示标准联盟": "alliance", "城市标准创新联盟": "alliance", "工业互联网产业联盟": "alliance"}


def test_quoted_alliance_name():
    found = orgs("推动成立了由国际标准化组织和联合国环境规划署共同指导的“全球可持续发展标准化城市联盟”。")
    assert found == {"国际标准化组织": "intl_body", "联合国环境规划署": "intl_body",
                     "全球可持续发展标准化城市联盟": "alliance"}


def test_enterprises_by_suffix_and_by_list_context():
    found = orgs("推动光启、华为、中兴、华大基因等优势企业承担标准化工作。(市交通运输委、青岛港集团、青岛地铁集团按职责分工负责)"
                 "鼓励科大讯飞股份有限公司牵头提出国际标准提案,扶持一批骨干文化企业和企业集团。")
    assert found == {"光启": "enterprise", "华为": "enterprise", "中兴": "enterprise", "华大基因": "enterprise",
                     "青岛港集团": "enterprise", "青岛地铁集团": "enterprise", "科大讯飞股份有限公司": "enterprise"}


def test_names_holding_a_boundary_character_and_named_labs():
    found = orgs("推动美的集团、格力电器等龙头企业牵头制定国际标准,支持鹏城实验室、广州实验室参与标准研制,建设省实验室。")
    assert found == {"美的集团": "enterprise", "格力电器": "enterprise", "鹏城实验室": "platform", "广州实验室": "platform"}


def test_sectors_listed_before_enterprises_are_not_enterprises():
    assert orgs("支持电子信息、装备制造、航空航天等产业企业加强标准建设,引导新能源、新材料等领域企业参与。") == {}


def test_international_bodies():
    found = orgs("拥有国际标准化组织发展中国家事务委员会(ISO/DEVCO)国内技术对口单位,扩大与英国标准协会(BSI)的合作,"
                 "逐步实现与欧盟接轨,参与IEC工作,秉承联合国“可持续发展议程”,积极参与世界贸易组织贸易技术壁垒协议(WTO/TBT)的通报。")
    assert found["国际标准化组织发展中国家事务委员会(ISO/DEVCO)"] == "intl_body"
    assert found["英国标准协会(BSI)"] == "intl_body"
    assert found["欧盟"] == found["IEC"] == found["联合国"] == "intl_body"
    assert found["世界贸易组织贸易技术壁垒协议(WTO/TBT)"] == "standard", "an agreement is a document"
    assert found["可持续发展议程"] == "standard", "an agenda named after its body is a document"


def test_acronyms_of_generic_things_are_not_organisations():
    assert orgs("亿元地区生产总值(GDP)下降,推广半导体照明(LED),确保专业标准化技术委员会(TC)数量领先。") == {}


def test_named_platforms():
    found = orgs("我市搭建了深圳标准自我声明和公开信息平台,依托安徽省标准化研究院建设安徽省标准信息公共服务平台,"
                 "高水平建设国家欧洲标准研究中心(深圳),强化台湾地区标准化(厦门)研究中心作用,"
                 "发挥青岛海洋科学与技术国家实验室、青岛海检集团国家工程实验室等研发优势,建设全市统一的标准化信息平台。")
    assert set(found) == {"深圳标准自我声明和公开信息平台", "安徽省标准化研究院", "安徽省标准信息公共服务平台",
                          "国家欧洲标准研究中心(深圳)", "台湾地区标准化(厦门)研究中心", "青岛海洋科学与技术国家实验室",
                          "青岛海检集团国家工程实验室", "标准化信息平台"}
    assert set(found.values()) == {"platform"}


def test_generic_platforms_and_city_positionings_are_not_organisations():
    found = orgs("在优势领域建立有影响力的标准孵化平台和标准符合性验证平台,加强国家技术标准创新基地与国家重点实验室、"
                 "国家工程技术中心的联合,成为具有世界影响力的国际创新中心,助力厦门东南国际航运中心建设,"
                 "构建“互联网+”体育健身服务平台,新建国家技术标准创新基地5个以上。")
    assert found == {"国家技术标准创新基地": "platform"}


def test_government_bodies_are_not_organisations():
    found = orgs("成立由市长任主任的青岛市标准化委员会,深圳标准工作领导小组统筹协调,人民银行深圳市中心支行、"
                 "大鹏新区管理委员会、市市场和质量监管委牵头,建立广州市标准化管理委员会。")
    assert found == {}


def test_each_name_once_at_first_mention():
    text = "加强与国际标准化组织的合作。鼓励专家在国际标准化组织任职。"
    rows = extract_organisations("t", text, [], None)
    assert [(o.name, o.provenance.start) for o in rows] == [("国际标准化组织", text.index("国际标准化组织"))]


def test_page_chrome_at_the_end_is_ignored():
    body = "建设深圳标准认证服务信息平台。" * 20
    found = orgs(body + "\n关闭窗口】【打印\n深圳市创新源数据服务有限公司\nCopyright 2019 深圳市卓越绩效管理促进会\n")
    assert found == {"深圳标准认证服务信息平台": "platform"}


def test_section_path_of_a_mention():
    text = "一、任务\n加快青岛标准馆建设。\n"
    sections = [Section(doc="t", path=("一",), number="一", heading="任务", level=1, start=0, end=len(text))]
    row = extract_organisations("t", text, sections, None)[0]
    assert (row.name, row.type, row.provenance.section_path) == ("青岛标准馆", "platform", ("一",))
PIECES = ["《", "》", "〈", "〉", "“", "”", "(", ")", "、", ",", "。", "\n", "全国", "标准化", "技术委员会", "联盟", "平台",
          "中心", "基地", "实验室", "研究院", "集团", "有限公司", "国际标准化组织", "ISO", "ISO/TC 268", "GB/T 1.1", "深圳",
          "等龙头企业", "华为", "的", "建设", "和", "(ISO/DEVCO)", "委员会", "市场监管局", "35家", "关闭窗口", "规划", "办法"]


@settings(max_examples=150, deadline=None)
@given(st.lists(st.sampled_from(PIECES), max_size=30))
def test_any_text_gives_exact_spans_and_known_types(pieces):
    text = "".join(pieces)
    rows = extract_organisations("t", text, [], PLAN)
    assert len({o.name for o in rows}) == len(rows), "each name once"
    for o in rows:
        p = o.provenance
        assert text[p.start:p.end] == p.evidence and o.name
        assert o.type in ORG_TYPES


@pytest.mark.parametrize("text, name", [
    ("支持企业联合郑州大学开展标准攻关。", "郑州大学"),
    ("由中国标准化协会组织评审。", "中国标准化协会"),
    ("湖南省工程机械行业协会、长沙市工程机械商会联合开展。", "长沙市工程机械商会"),
    ("中国标准化创新联盟依托中国产学研合作促进会组建。", "中国产学研合作促进会"),
    ("责任单位:市市场监管局、市工商联、合肥市质量协会", "市工商联"),
    ("起草单位:中国新闻出版研究院、北京印刷学院。", "北京印刷学院"),
])
def test_universities_associations_chambers_and_federations_are_other(text, name):
    assert orgs(text).get(name) == "other", orgs(text)


@pytest.mark.parametrize("text", ["引进国内外知名大学的专家。", "建设一批特色学院。", "发挥行业协会作用。", "支持高等学校参与。"])
def test_kinds_of_universities_and_associations_are_not_organisations(text):
    assert not [n for n, t in orgs(text).items() if t == "other"], orgs(text)


def test_committee_keeps_its_own_code_and_drops_the_proposer_phrase():
    found = orgs("本文件由全国新闻出版标准化技术委员会(SAC/TC 527)归口。")
    assert found == {"全国新闻出版标准化技术委员会(SAC/TC 527)": "tc"}


def test_standardisation_working_group_is_a_committee():
    assert orgs("承担全国寒区冰雪标准化工作组秘书处工作。").get("全国寒区冰雪标准化工作组") == "tc"


def test_kinds_of_committee_listed_with_acronyms_are_not_named():
    found = orgs("由技术委员会(TC)、分技术委员会(SC)和标准化工作组(SWG)构成,有超1300个全国专业标准化技术委员会。")
    assert not [n for n, t in found.items() if t == "tc"], found


def test_association_committee_with_its_code():
    assert orgs("主导中国通信标准化协会TC6/WG2的工作。").get("中国通信标准化协会TC6/WG2") == "tc"


@pytest.mark.parametrize("text, name", [
    ("近日,由中联重科牵头制定的国际标准正式发布。", "中联重科"),
    ("其中晶澳科技牵头的光伏组件标准正式发布。", "晶澳科技"),
    ("行业协会联合华为等企业建设验证平台。", "华为"),
    ("支持蔚来汽车、长鑫存储、科大讯飞股份有限公司等企业牵头制定国际标准。", "长鑫存储"),
])
def test_enterprises_without_a_legal_suffix(text, name):
    assert orgs(text).get(name) == "enterprise", orgs(text)


@pytest.mark.parametrize("text", ["力争主导制定国际标准5项。", "累计主导制定国际标准18项。", "由市市场监管局牵头制定。",
                                  "全市新增牵头制定的标准。"])
def test_goal_and_report_words_before_lead_are_not_firms(text):
    assert not [n for n, t in orgs(text).items() if t == "enterprise"], orgs(text)


def test_itu_sector_acronym():
    assert orgs("参与ITU-T标准制定。").get("ITU-T") == "intl_body"


def test_two_names_written_one_after_the_other():
    found = orgs("亨通通信产业集团江苏亨通光电股份有限公司荣获理事单位。")
    assert found.get("江苏亨通光电股份有限公司") == "enterprise", found


def test_institute_named_by_the_ministry_it_belongs_to():
    assert orgs("交通运输部公路科学研究院承担技术支撑工作。").get("交通运输部公路科学研究院") == "platform"


def test_defined_short_name_not_contained_in_the_full_name():
    found = orgs("鼓励中国交通建设股份有限公司(以下简称中国交建)参与。江苏亨通光电股份有限公司(以下简称:亨通光电)获奖。")
    assert found.get("中国交建") == "enterprise" and "亨通光电" not in found, found


def test_short_company_names_in_a_list_of_units():
    found = orgs("哈尔滨工业大学、中国一重、哈电集团等单位积极参与国际标准化活动。")
    assert (found.get("中国一重"), found.get("哈尔滨工业大学"), found.get("哈电集团")) == ("enterprise", "other", "enterprise")


def test_government_units_in_a_list_of_units_are_not_firms():
    assert orgs("市发展改革委、市工信局等单位按职责推进。") == {}


def test_subcommittee_in_quotes_keeps_its_code_and_its_code_is_not_listed_again():
    text = ("正式批复由我院承担“国际标准化组织实验室设备技术委员会实验室家具分委会”(ISO/TC 48/SC9)国内技术对口单位。\n"
            "ISO/TC\n48/SC9于2024年6月正式成立。获批ISO/TC 48/SC 9国内技术对口单位后继续工作。")
    tcs = [n for n, t in orgs(text).items() if t == "tc"]
    assert tcs == ["国际标准化组织实验室设备技术委员会实验室家具分委会”(ISO/TC 48/SC9)"], tcs


def test_committee_named_inside_a_cited_title_is_listed_too():
    found = orgs("发布《关于批准承担国际标准化组织审计管理体系指南项目委员会等9个ISO技术机构国内技术对口单位的公告》。")
    assert found.get("国际标准化组织审计管理体系指南项目委员会") == "tc", found


def test_iec_written_inside_iso_iec_is_listed():
    assert orgs("新承担5个ISO/IEC技术机构秘书处。").get("IEC") == "intl_body"


def test_association_named_in_its_committee_is_listed_too():
    found = orgs("由中国通信标准化协会TC6/WG2组织起草。")
    assert (found.get("中国通信标准化协会TC6/WG2"), found.get("中国通信标准化协会")) == ("tc", "other"), found


@pytest.mark.parametrize("text, name", [
    ("推动无锡物联网产业研究院参与国际标准制定。", "无锡物联网产业研究院"),
    ("依托国家物联网创新中心开展标准验证。", "国家物联网创新中心"),
    ("内蒙古自治区标准化院参与研制。", "内蒙古自治区标准化院"),
])
def test_named_institutes_and_national_centres(text, name):
    assert orgs(text).get(name) == "platform", orgs(text)


def test_a_round_of_a_programme_is_not_a_platform():
    found = orgs("现就2025年国家现代农业全产业链标准化示范基地(以下简称示范基地)创建工作通知如下。")
    assert not [n for n, t in found.items() if t == "platform"], found


def test_national_body_led_by_zhongguo_is_named():
    assert orgs("依托中国质量认证中心开展认证。").get("中国质量认证中心") == "platform"
