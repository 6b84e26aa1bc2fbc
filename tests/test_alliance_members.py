"""Alliance members: read from the text (founders and members), curated in the registry, and
written as HAS_MEMBER with their evidence; `alliance_links` lists them."""
from __future__ import annotations

from pathlib import Path

import pytest

from stdkg.build import build_graph
from stdkg.loaders.alliances import extract_alliance_members, load_alliance_members, split_members
from stdkg.loaders.policy import load_policy_document
from stdkg.loaders.registry import RegistryError, load_registries
from stdkg.property_graph import to_networkx
from stdkg.questions import run_question
from stdkg.records import records_from_dict, records_to_dict
from stdkg.stores.oxigraph_store import open_store, write_store
from tests.questions_support import built_store

REGISTRIES = load_registries()
DEVSET = Path(__file__).resolve().parents[2] / "shared" / "devset" / "docs"

# Each paragraph with the (alliance, member, role) rows a reader takes from it, judged before running.
PARAGRAPHS = [
    ("2019年,由深圳市标准技术研究院、华为技术有限公司和比亚迪股份有限公司等12家单位共同发起成立的深圳市新能源汽车标准联盟正式揭牌。",
     {("深圳市新能源汽车标准联盟", "深圳市标准技术研究院", "founder"),
      ("深圳市新能源汽车标准联盟", "华为技术有限公司", "founder"),
      ("深圳市新能源汽车标准联盟", "比亚迪股份有限公司", "founder")}),
    ("深圳市物联网标准联盟由深圳大学和中国电子技术标准化研究院发起成立。",
     {("深圳市物联网标准联盟", "深圳大学", "founder"), ("深圳市物联网标准联盟", "中国电子技术标准化研究院", "founder")}),
    ("粤港澳大湾区标准创新联盟成员单位包括香港标准及检定中心、澳门生产力暨科技转移中心等。",
     {("粤港澳大湾区标准创新联盟", "香港标准及检定中心", "member"),
      ("粤港澳大湾区标准创新联盟", "澳门生产力暨科技转移中心", "member")}),
    ("深圳市人工智能产业标准联盟于2018年成立。联盟成员有腾讯科技(深圳)有限公司、中兴通讯股份有限公司。",
     {("深圳市人工智能产业标准联盟", "腾讯科技(深圳)有限公司", "member"),
      ("深圳市人工智能产业标准联盟", "中兴通讯股份有限公司", "member")}),
    ("市服务业发展领导小组成员单位包括市发展改革委、市商务局。", set()),
]


def test_splitting_a_list_keeps_names_that_hold_a_conjunction():
    assert split_members("深圳大学和中国电子技术标准化研究院等单位") == ["深圳大学", "中国电子技术标准化研究院"]
    assert split_members("香港标准及检定中心、相关单位") == ["香港标准及检定中心"]


@pytest.fixture(scope="module")
def written(tmp_path_factory):
    path = tmp_path_factory.mktemp("alliances") / "alliances.txt"
    path.write_text("深圳市标准联盟工作情况\n" + "\n".join(p for p, _ in PARAGRAPHS) + "\n", encoding="utf-8")
    return load_policy_document(path, doc="alliances")


def test_founders_and_members_are_read_from_the_set_phrases(written):
    expected = set().union(*(rows for _, rows in PARAGRAPHS))
    assert {(m.alliance, m.member, m.role) for m in written.alliance_members} == expected


def test_each_member_carries_the_span_it_was_read_from(written):
    for m in written.alliance_members:
        p = m.provenance
        assert written.text[p.start:p.end] == p.evidence and m.member in p.evidence and m.alliance in p.evidence


def test_members_round_trip_through_the_records_json(written):
    again = records_from_dict(records_to_dict(written))
    assert again.alliance_members == written.alliance_members


@pytest.mark.skipif(not (DEVSET / "05.txt").is_file(), reason="devset not found")
def test_devset_founders_of_the_standardization_innovation_alliance():
    r = load_policy_document(DEVSET / "05.txt")
    founders = {m.member for m in r.alliance_members if m.alliance == "中国标准化创新战略联盟" and m.role == "founder"}
    assert founders == {"中国标准化研究院", "中国物品编码中心", "全国组织机构代码管理中心", "中国标准化协会", "中国标准科技集团"}


def test_members_become_has_member_edges_with_evidence(written, tmp_path):
    graph = build_graph([written], REGISTRIES)
    pg = to_networkx(graph)
    edges = {(pg.nodes[u]["name"], pg.nodes[v]["name"], d["role"]): d for u, v, d in pg.edges(data=True)
             if d["type"] == "HAS_MEMBER"}
    assert ("深圳市物联网标准联盟", "深圳大学", "founder") in edges
    assert edges[("深圳市物联网标准联盟", "深圳大学", "founder")]["quote"] == PARAGRAPHS[1][0].rstrip("。")
    registry_unit = edges[("深圳市新能源汽车标准联盟", "深圳市标准技术研究院", "founder")]
    assert registry_unit["doc"] == "alliances"
    store = open_store(write_store(graph, tmp_path / "store"))
    links = run_question("alliance_links", {"alliance": "深圳市物联网标准联盟"}, store=store)
    members = links[links.link == "member"]
    assert sorted(members.other) == ["中国电子技术标准化研究院", "深圳大学"]
    assert set(members.role) == {"founder"} and set(members.doc) == {"alliances"}
    assert all("发起成立" in e for e in members.evidence)


def test_curated_members_join_the_alliance_a_document_names():
    store = open_store(built_store())
    links = run_question("alliance_links", {"alliance": "全球可持续发展标准化城市联盟"}, store=store)
    members = links[links.link == "member"]
    assert list(members.other) == ["深圳市人民政府"] and list(members.role) == ["founder"]
    assert "发起城市" in members.evidence.iloc[0]


def test_a_curated_member_of_an_unknown_alliance_names_the_file_and_line(tmp_path):
    path = tmp_path / "alliance_members.csv"
    path.write_text("alliance,member,role,source\nno-such-alliance,华为,founder,somewhere\n", encoding="utf-8")
    with pytest.raises(RegistryError, match=r"alliance_members\.csv:2: 'no-such-alliance' is not an alliance"):
        load_alliance_members(REGISTRIES, path)
    path.write_text("alliance,member,role,source\n3d-display-standards-alliance,华为,chair,somewhere\n", encoding="utf-8")
    with pytest.raises(RegistryError, match=r":2: role 'chair'"):
        load_alliance_members(REGISTRIES, path)
