"""How documents are read: scripts and glosses, names broken across lines, spanned table cells,
deadlines, and documents without any responsibility clause."""
from __future__ import annotations

import re

import pytest

from tests.extraction.gold_documents import DOCUMENTS, T2S, extraction, gold_of, source_text

TONE_MARKS = re.compile(r"[āáǎàēéěèīíǐìōóǒòūúǔùǖǘǚǜ]")
BROKEN_NAMES = {
    "市市場監督\n管理局": "市市场监督管理局",
    "寧波市新材料產業標準\n聯盟": "宁波市新材料产业标准联盟",
    "寧(níng)波舟山港集團\n有限公司": "宁波舟山港集团有限公司",
}
NO_CLAUSES = [stem for stem in DOCUMENTS if not gold_of(stem)["ownership"]]


@pytest.mark.parametrize("stem", ["traditional_page", "big5_reprint"])
def test_traditional_document_comes_out_simplified_without_pinyin(stem):
    source = source_text(stem)
    assert T2S.convert(source) != source, f"fixture {stem} lost its Traditional characters"
    records = extraction(stem)
    strings = [records.text]
    strings += [r.task for r in records.responsibilities] + [r.department for r in records.responsibilities]
    strings += [t.text for t in records.targets] + [t.metric for t in records.targets]
    strings += [o.name for o in records.organisations]
    for s in strings:
        assert T2S.convert(s) == s, f"Traditional characters left in {s[:80]!r}"
        assert not TONE_MARKS.search(s), f"pinyin gloss left in {s[:80]!r}"


@pytest.mark.parametrize("as_written", BROKEN_NAMES, ids=["department", "alliance", "enterprise"])
def test_names_broken_across_lines_are_joined(as_written):
    assert as_written in source_text("traditional_page"), "fixture lost its broken name"
    assert BROKEN_NAMES[as_written] in extraction("traditional_page").text


@pytest.mark.parametrize("stem,units", [("work_points", {"省标准化研究院", "各设区市市场监管局"}),
                                        ("fuzhou-annex-table", {"市工信局", "市数据管理局"})])
def test_rowspan_cells_give_every_spanned_task_its_units(stem, units):
    """A unit cell spanning rows applies to every task in those rows, as the gold lists them."""
    gold = {(row["task"], row["department"]) for row in gold_of(stem)["ownership"]}
    spanned = {pair for pair in gold if pair[1] in units}
    read = {(r.task, r.department) for r in extraction(stem).responsibilities}
    missing = sorted(pair for pair in spanned if not any(pair[1] == d and pair[0] in t for t, d in read))
    assert not missing, f"spanned (task, unit) pairs not read: {missing}"


@pytest.mark.parametrize("stem", ["work_points", "hefei-task-list", "nanning-annex-table", "fuzhou-annex-table"])
def test_completion_deadlines_are_not_targets(stem):
    """完成时限 cells and lines give months and dates (2024年6月, 2025年底前), deadlines rather than goals."""
    read = [t for t in extraction(stem).targets if not t.is_fact]
    deadlines = [t.text for t in read if re.search(r"20\d\d年\d{1,2}月", t.text) and t.unit in (None, "月")
                 or t.unit == "月"]
    assert not deadlines, f"deadlines read as targets: {deadlines}"


@pytest.mark.parametrize("stem", NO_CLAUSES)
def test_document_without_clauses_gives_no_ownership(stem):
    """Prose about who coordinates, leads in running text (企业牵头制定) and issuers are not owners."""
    read = [(r.task, r.department, r.role) for r in extraction(stem).responsibilities]
    assert not read, f"ownership read from a document without responsibility clauses: {read}"
