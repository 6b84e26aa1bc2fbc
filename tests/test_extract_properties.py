"""Properties of the loader: every record's evidence is the exact span it points to, and
responsibility clauses built at random come back unit for unit with their roles."""
from __future__ import annotations

import html
import unicodedata
from pathlib import Path

import opencc

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from stdkg.loaders.plan import extract_plan
from stdkg.loaders.policy import load_policy_document
from stdkg.loaders.responsibilities import extract_responsibilities
from stdkg.loaders.sections import parse_sections
from stdkg.loaders.text import normalise
from tests.shared import CORPUS

DOCUMENT_FOLDER = Path(__file__).parent / "extraction" / "documents"
DOCUMENTS = sorted(CORPUS.glob("*.txt")) + sorted(p for p in DOCUMENT_FOLDER.glob("*") if p.suffix in (".txt", ".html"))

NAME_CHARS = "标准化建设推进完善提升质量服务体系产业创新数据平台城乡交通能源环境安全文化教育卫生农业海洋港口旅游信息科技经济规划"
SUFFIXES = ("局", "委", "厅", "中心", "集团", "管委会", "办公室")


def _provenances(records):
    if records.plan is not None and records.plan.provenance is not None:
        yield records.plan.provenance
    for s in records.sections:
        yield s.provenance
    for group in (records.measures, records.responsibilities, records.targets, records.organisations):
        for row in group:
            yield row.provenance


@pytest.mark.parametrize("path", DOCUMENTS, ids=lambda p: p.name)
def test_every_record_quotes_its_span(path):
    if not path.exists():
        pytest.skip(f"{path} is absent")
    records = load_policy_document(path)
    provs = [p for p in _provenances(records) if p is not None]
    assert provs
    for p in provs:
        assert records.text[p.start:p.end] == p.evidence, (p.rule, p.evidence)
        assert p.doc == records.doc
    for r in records.responsibilities:
        assert r.department in r.provenance.evidence


@pytest.mark.parametrize("path", DOCUMENTS, ids=lambda p: p.name)
def test_offset_map_points_into_the_original(path):
    if not path.exists():
        pytest.skip(f"{path} is absent")
    records = load_policy_document(path)
    offsets, original = records.offset_map, records.original_text
    assert len(offsets) == len(records.text) + 1
    assert all(0 <= o <= len(original) for o in offsets)
    t2s = opencc.OpenCC("t2s").convert
    for i, ch in enumerate(records.text):
        source = original[offsets[i]]
        if ch == source or ch in " \t\n":
            continue
        assert ch in (unicodedata.normalize("NFKC", source), t2s(source), html.unescape(source)) or source == "&", (
            i, ch, source)


unit_names = st.builds(
    lambda prefix, body, suffix: prefix + body + suffix,
    st.sampled_from(("市", "省", "")),
    st.text(alphabet=NAME_CHARS, min_size=2, max_size=5),
    st.sampled_from(SUFFIXES),
)
headings = st.text(alphabet=NAME_CHARS, min_size=4, max_size=12)
unit_lists = st.lists(unit_names, min_size=1, max_size=4, unique=True)


@st.composite
def clauses(draw):
    """(clause text, [(unit, role)]) in one of the forms policy documents use."""
    form = draw(st.integers(0, 5))
    first = draw(unit_lists)
    second = [u for u in draw(unit_lists) if u not in first]
    if form == 0 and second:
        return f"(责任单位:{'、'.join(first)}牵头,{'、'.join(second)}参与)", [(u, "lead") for u in first] + [
            (u, "participant") for u in second]
    if form == 1:
        return f"({'、'.join(first)}按职责分工负责)", [(u, "shared") for u in first]
    if form == 2:
        return f"({first[0]}负责)", [(first[0], "lead")]
    if form == 3 and second:
        return f"〔{'、'.join(first)}牵头,{'、'.join(second)}按职责分工负责〕", [(u, "lead") for u in first] + [
            (u, "shared") for u in second]
    if form == 4 and second:
        return f"(责任单位:{'、'.join(first)}牵头,{'、'.join(second)}配合)", [(u, "lead") for u in first] + [
            (u, "participant") for u in second]
    return f"(责任单位:{'、'.join(first)})", [(u, "shared") for u in first]


def _full_width(s: str) -> str:
    return s.translate(str.maketrans({"(": "(", ")": ")", ",": ",", ":": ":"}))


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(
    items=st.lists(st.tuples(headings, st.text(alphabet=NAME_CHARS + ",", max_size=30), clauses()),
                   min_size=1, max_size=5),
    wide=st.booleans(),
    crlf=st.booleans(),
)
def test_generated_clauses_round_trip(items, wide, crlf):
    lines = ["一、重点任务"]
    expected = set()
    for k, (heading, filler, (clause, units)) in enumerate(items, start=1):
        clause_text = _full_width(clause) if wide else clause
        lines.append(f"{k}.{heading}。{filler}。{clause_text}")
        expected |= {(heading, k, u, role) for u, role in units}
    raw = ("\r\n" if crlf else "\n").join(lines) + "\n"
    text = normalise(raw, "g").text
    sections = parse_sections("g", text)
    _, rows = extract_responsibilities("g", text, sections)
    got = {(r.task, int(r.measure_path[-1]), r.department, r.role) for r in rows}
    assert got == expected
    for r in rows:
        p = r.provenance
        assert text[p.start:p.end] == p.evidence


FRAGMENTS = (
    "首頁 > 政務公開 > 政策文件",
    "字號：大 中 小 【打印】 【關閉】",
    "一、總體要求",
    "（一）加強組織領導。建立工作機制。（責任單位：市市場監管局牽頭，市財政局參與）",
    "1.推動標準研制。開展工作，支持寧(níng)波企業參與。",
    "(市經信局、市科技局，相關區、市政府按職責分工負責)",
    "到２０２６年，主導制定國際標準３０項以上。",
    "支持宁波舟山港集团",
    "有限公司主导制定标准。",
    "— 2 —",
    "責任單位：市民政局、市衛健委",
    "序号\t重点任务\t牵头单位\t配合单位",
    "1\t推动应用\t市市场监管局\t市经信局",
    "高质?发展 ?? �",
    "Copyright © 2024 版权所有",
)


@settings(max_examples=50, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(
    lines=st.lists(st.one_of(st.sampled_from(FRAGMENTS), st.text(max_size=30)), min_size=1, max_size=25),
    newline=st.sampled_from(("\n", "\r\n")),
)
def test_generated_documents_keep_spans_and_offsets(lines, newline):
    raw = newline.join(lines)
    norm = normalise(raw, "g")
    text = norm.text
    assert len(norm.offsets) == len(text) + 1
    assert all(0 <= o <= len(raw) for o in norm.offsets)
    sections = parse_sections("g", text)
    measures, rows = extract_responsibilities("g", text, sections)
    plan = extract_plan("g", text)
    provs = [s.provenance for s in sections] + [m.provenance for m in measures] + [r.provenance for r in rows]
    if plan.provenance is not None:
        provs.append(plan.provenance)
    for p in provs:
        assert text[p.start:p.end] == p.evidence
    for issue in norm.issues:
        if issue.start is not None:
            assert 0 <= issue.start < issue.end <= len(text)


@st.composite
def _spanned_grids(draw):
    """A grid of cell texts and, per cell, how many rows it spans down (0 where an upper cell covers it)."""
    rows, cols = draw(st.integers(2, 6)), draw(st.integers(2, 5))
    words = st.text(alphabet=NAME_CHARS, min_size=2, max_size=6)
    grid = [[draw(words) for _ in range(cols)] for _ in range(rows)]
    spans = [[1] * cols for _ in range(rows)]
    for c in range(cols):
        r = 0
        while r < rows:
            down = draw(st.integers(1, rows - r))
            spans[r][c] = down
            for k in range(1, down):
                spans[r + k][c] = 0
                grid[r + k][c] = grid[r][c]
            r += down
    return grid, spans


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(_spanned_grids())
def test_html_table_with_rowspans_comes_back_as_whole_rows(table):
    grid, spans = table
    html_rows = []
    for row, row_spans in zip(grid, spans):
        cells = [f"<td rowspan='{n}'>{text}</td>" if n > 1 else f"<td>{text}</td>"
                 for text, n in zip(row, row_spans) if n]
        html_rows.append("<tr>" + "".join(cells) + "</tr>")
    page = f"<html><body><p>表格</p><table>{''.join(html_rows)}</table><p>完</p></body></html>"
    lines = normalise(page, "t").text.splitlines()
    assert lines[1:-1] == ["\t".join(row) for row in grid]


@st.composite
def _paged_extracts(draw):
    """Paragraphs hard-wrapped at one width, with a page number and a running header after some lines."""
    width = draw(st.integers(22, 36))
    clause = st.text(alphabet=NAME_CHARS, min_size=6, max_size=20)
    paragraphs = ["  " + ",".join(draw(st.lists(clause, min_size=2, max_size=5))) + "。"
                  for _ in range(draw(st.integers(4, 8)))]
    lines = [p[i:i + width] for p in paragraphs for i in range(0, len(p), width)]
    breaks = sorted(draw(st.sets(st.integers(0, len(lines) - 2), min_size=2, max_size=3)))
    return paragraphs, lines, breaks


@settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(_paged_extracts())
def test_pdf_extract_paragraphs_come_back_whole_across_page_breaks(extract):
    paragraphs, lines, breaks = extract
    header = "某市人民政府文件"
    out = [header, "", "某市标准化方案"]
    for n, line in enumerate(lines):
        out.append(line)
        if n in breaks:
            out += ["", f"{' ' * 16}— {breaks.index(n) + 1} —", f"\f{header}", ""]
    text = normalise("\n".join(out) + "\n", "t").text
    assert header not in text.split("某市标准化方案", 1)[1]
    for paragraph in paragraphs:
        assert paragraph.strip() in text
