"""Page furniture (WeChat and web-page chrome, footers, copy-to lines, PDF page breaks) is never read into rows."""
from __future__ import annotations

import re

import pytest

from tests.extraction.gold_documents import DOCUMENTS, PDF_FOOTER, extraction, gold_of, reference_text, source_text

WECHAT_CHROME = ("点击上方蓝字", "往期推荐", "长按识别二维码", "阅读原文", "在看", "审核")
PAGE_CHROME = {
    "work_points": ("打印本页", "关闭窗口", "政务公开", "通知公告", "ICP", "访问次数"),
    "qa_interpretation": ("字体", "打印本页", "关闭窗口", "浏览次数", "解读人", "ICP"),
    "fuzhou-annex-table": ("首页", "浏览次数", "ICP", "主办"),
    "hunan-news": ("字体", "分享到", "责任编辑", "打印", "关闭", "上一篇", "下一篇"),
}
PDF_RUNNING_HEADER = "昆明市人民政府办公厅文件"


def _row_strings(records) -> list[str]:
    strings = [r.task for r in records.responsibilities] + [r.department for r in records.responsibilities]
    return strings + [o.name for o in records.organisations] + [t.text for t in records.targets]


def recommended_headlines(text: str) -> list[str]:
    """The headlines of other articles listed under 往期推荐, each on a ▶ line."""
    after = text.split("往期推荐", 1)[1].splitlines()
    return [line.lstrip("▶ ").strip() for line in after if line.startswith("▶")]


def test_wechat_chrome_is_not_read_as_tasks_targets_or_organisations():
    """The article's follow/share lines and its 往期推荐 headlines frame the plan; none of them belongs in a row."""
    text = reference_text("district_plan")
    chrome = [line for line in WECHAT_CHROME if line in text] + recommended_headlines(text)
    assert len(chrome) > len(WECHAT_CHROME), "fixture lost its WeChat chrome or its 往期推荐 headlines"
    leaked = sorted({s for s in _row_strings(extraction("district_plan")) for line in chrome if line in s})
    assert not leaked, f"WeChat chrome read into rows: {leaked}"


@pytest.mark.parametrize("stem", sorted(PAGE_CHROME))
def test_web_page_chrome_is_not_read_into_rows(stem):
    """Menus, print/close links, visit counters, editors, next/previous links and footers frame the page."""
    text = reference_text(stem)
    chrome = [word for word in PAGE_CHROME[stem] if word in text]
    assert chrome, f"fixture {stem} lost its page chrome"
    leaked = sorted({s for s in _row_strings(extraction(stem)) for word in chrome if word in s})
    assert not leaked, f"{stem}: page chrome read into rows: {leaked}"


def footer_credits(stem: str) -> list[str]:
    return re.findall(r"技术支持[:\uff1a]\s*([\u4e00-\u9fff]+公司)", source_text(stem))


@pytest.mark.parametrize("stem", [stem for stem in DOCUMENTS if footer_credits(stem)])
def test_footer_credits_are_not_organisations(stem):
    """The company a page footer credits for 技术支持 is web-page chrome, not a party of the plan."""
    credited = footer_credits(stem)
    names = {o.name for o in extraction(stem).organisations}
    assert not {c for c in credited if any(c in n or n in c for n in names)}


def test_copy_to_line_gives_no_ownership():
    """The 抄送 line after an annex lists recipients of copies, not units responsible for a task."""
    text = reference_text("ministry_notice")
    copy_line = next(line for line in text.splitlines() if line.startswith("抄送:"))
    copied = [unit.strip("。 ") for unit in copy_line.removeprefix("抄送:").split(",")]
    gold_departments = {row["department"] for row in gold_of("ministry_notice")["ownership"]}
    assert copied and not set(copied) & gold_departments, "fixture's 抄送 units must not be owners in the gold"
    read = {r.department for r in extraction("ministry_notice").responsibilities}
    assert not set(copied) & read, f"抄送 units read as owners: {sorted(set(copied) & read)}"


def test_pdf_page_breaks_do_not_cut_a_clause_or_a_goal():
    """The unit split by a page footer and the goal split by another are read whole."""
    stem = "kunming_pdf_extract"
    records = extraction(stem)
    split_task = "推动生物医药标准研制"
    stated = {row["department"] for row in gold_of(stem)["ownership"] if row["task"] == split_task}
    read = {r.department for r in records.responsibilities if r.task == split_task}
    assert read == stated, f"units of the clause cut by the page-2 footer: read {sorted(read)}, stated {sorted(stated)}"
    departments = {r.department for r in records.responsibilities}
    leaked = sorted(d for d in departments if PDF_RUNNING_HEADER in d or PDF_FOOTER.search(d) or "\n" in d)
    assert not leaked, f"page furniture read into departments: {leaked}"
    talent = [t for t in records.targets if t.unit == "名" and not t.is_fact]
    assert [t.value for t in talent] == [500.0], [(t.text, t.value) for t in talent]
