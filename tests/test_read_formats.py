"""Reading PDF, DOCX, DOC and OFD files made by real tools: the text, the section tree, ownership,
page numbers in provenance, and the same records as the text form of a corpus document."""
from __future__ import annotations

import json
import shutil
from pathlib import Path

import pytest
from typer.testing import CliRunner

from stdkg.cli import app
from stdkg.errors import EXIT_PARTIAL
from stdkg.loaders.formats import detect, read_document
from stdkg.loaders.policy import load_policy_document
from stdkg.records import records_from_dict, records_to_dict
from tests import documents_support as docs
from tests.shared import CORPUS

EQUIVALENT_DOC = "004_13a605f07620a930"


def _ownership(records) -> set[tuple[str, str, str]]:
    return {(r.task, r.department, r.role) for r in records.responsibilities}


def test_docx_automatic_numbering_gives_the_section_tree():
    path = docs.made("numbered.docx")
    records = load_policy_document(path)
    headings = {s.heading: s.path for s in records.sections}
    assert headings["重点任务"] == ("一",)
    assert headings["加强标准研制"] == ("一", "(一)")
    assert headings["推进标准实施"] == ("一", "(二)")
    assert headings["保障措施"] == ("二",)
    assert headings["加强组织领导"] == ("二", "(一)")
    assert "\n二、保障措施\n" in records.text


def test_docx_clause_with_a_manual_line_break_gives_whole_names_on_their_measures():
    records = load_policy_document(docs.made("numbered.docx"))
    rows = {(r.department, r.role, r.measure_path) for r in records.responsibilities}
    assert ("市市场监管局", "lead", ("一", "(一)")) in rows
    assert ("市科技局", "participant", ("一", "(一)")) in rows
    assert ("市商务局", "shared", ("一", "(二)")) in rows


def test_docx_annex_table_with_merged_cells_reads_lead_and_participant_columns():
    records = load_policy_document(docs.made("numbered.docx"))
    lines = records.text.splitlines()
    assert "序号\t工作任务\t牵头单位\t配合单位" in lines
    owned = _ownership(records)
    for _, task, lead, others in docs.ANNEX_ROWS:
        assert (task, lead, "lead") in owned
        for unit in others.split("、"):
            assert (task, unit, "participant") in owned


def test_docx_tracked_insertions_and_content_controls_are_read_and_deleted_text_is_not(tmp_path):
    import docx
    from docx.oxml import parse_xml

    w = f'xmlns:w="{docs.W_NS}"'
    document = docx.Document()
    document.add_paragraph("某市标准化工作要点")
    document.add_paragraph("一、重点任务")
    clause = document.add_paragraph("1.加强标准研制。(责任单位:")
    clause._p.append(parse_xml(f'<w:del {w} w:id="1" w:author="a"><w:r><w:delText>市旧局</w:delText></w:r></w:del>'))
    clause._p.append(parse_xml(f'<w:ins {w} w:id="2" w:author="a"><w:r><w:t>市市场监管局</w:t></w:r></w:ins>'))
    clause.add_run("牵头)")
    document.element.body.insert(len(document.element.body) - 1, parse_xml(
        f"<w:sdt {w}><w:sdtContent><w:p><w:r><w:t>2.推进标准实施。(责任单位:市商务局)</w:t></w:r></w:p>"
        "</w:sdtContent></w:sdt>"))
    path = tmp_path / "tracked.docx"
    document.save(str(path))
    records = load_policy_document(path)
    assert "市旧局" not in records.text
    assert {(r.department, r.role) for r in records.responsibilities} == {("市市场监管局", "lead"), ("市商务局", "shared")}


def test_docx_task_table_numbered_by_word_keeps_its_numbers(tmp_path):
    """The 序号 column of a task table is often a Word list: the numbers are not in the runs."""
    import docx
    from docx.oxml import parse_xml

    w = f'xmlns:w="{docs.W_NS}"'
    document = docx.Document()
    document.add_paragraph("某市标准化工作要点")
    document.add_paragraph("重点任务分工表")
    numbering = document.part.numbering_part.element
    numbering.insert(0, parse_xml(f'<w:abstractNum {w} w:abstractNumId="70"><w:lvl w:ilvl="0"><w:start w:val="1"/>'
                                  '<w:numFmt w:val="decimal"/><w:lvlText w:val="%1"/></w:lvl></w:abstractNum>'))
    numbering.append(parse_xml(f'<w:num {w} w:numId="70"><w:abstractNumId w:val="70"/></w:num>'))
    table = document.add_table(rows=1 + len(docs.ANNEX_ROWS), cols=4)
    for c, heading in enumerate(("序号", "工作任务", "牵头单位", "配合单位")):
        table.cell(0, c).text = heading
    for r, (_, task, lead, others) in enumerate(docs.ANNEX_ROWS, start=1):
        docs._number(table.cell(r, 0).paragraphs[0], 0, num_id=70)
        for c, value in enumerate((task, lead, others), start=1):
            table.cell(r, c).text = value
    path = tmp_path / "numbered_table.docx"
    document.save(str(path))
    lines = load_policy_document(path).text.splitlines()
    for number, task, lead, others in docs.ANNEX_ROWS:
        assert f"{number}\t{task}\t{lead}\t{others}" in lines


def test_docx_provenance_has_no_page():
    records = load_policy_document(docs.made("numbered.docx"))
    assert all(r.provenance.page is None for r in records.responsibilities)


def test_two_page_pdf_rejoins_a_name_broken_by_the_page_break_and_drops_page_furniture():
    path = docs.made("two_page.pdf")
    raw_pages = [p.replace("\r\n", "") for p in docs.pdf_page_texts(path)]
    assert len(raw_pages) == 2 and all(docs.HEADER in p for p in raw_pages)
    assert docs.SPLIT_NAME not in raw_pages[0] and docs.SPLIT_NAME not in raw_pages[1]
    records = load_policy_document(path)
    assert docs.HEADER not in records.text
    assert "— 1 —" not in records.text and "— 2 —" not in records.text
    assert docs.CLAUSE in records.text
    rows = {(r.department, r.role): r for r in records.responsibilities}
    assert set(rows) == {(docs.SPLIT_NAME, "lead"), ("市科技局", "participant"), ("市商务局", "shared")}


def test_pdf_provenance_gives_the_page_each_fact_was_read_on():
    """The clause naming SPLIT_NAME starts on page 1 and ends on page 2; the next measure is on page 2."""
    path = docs.made("two_page.pdf")
    first_page = docs.pdf_page_texts(path)[0].replace("\r\n", "")
    assert "责任单位:" + docs.SPLIT_NAME[:3] in first_page
    records = load_policy_document(path)
    page = {r.department: r.provenance.page for r in records.responsibilities}
    assert page == {docs.SPLIT_NAME: 1, "市科技局": 1, "市商务局": 2}
    (target,) = [t for t in records.targets if not t.is_fact]
    assert target.provenance.page == 2


def test_pdf_page_survives_the_json_round_trip():
    records = load_policy_document(docs.made("two_page.pdf"))
    again = records_from_dict(json.loads(json.dumps(records_to_dict(records))))
    assert [r.provenance for r in again.responsibilities] == [r.provenance for r in records.responsibilities]


def test_pdf_ruled_table_with_wrapped_and_merged_cells_reads_one_line_per_row(tmp_path):
    """Cells wrapped over several lines are read whole; 责任单位 spans 牵头单位 | 配合单位, and 序号 and
    工作任务 span the two heading rows, as in the DOCX annex."""
    long_units = "、".join(["市林业局", "市水务局", "市发展和改革委员会", "市财政局", "市生态环境局"])
    annex = [*docs.ANNEX_ROWS, ("3", "完善标准化统计制度", "市统计局", long_units)]
    rows = "".join("<tr>" + "".join(f"<td>{c}</td>" for c in row) + "</tr>" for row in annex)
    body = ("<h1>某市标准化工作要点</h1><p>附件</p><p>重点任务分工表</p><table>"
            "<tr><td rowspan='2'>序号</td><td rowspan='2'>工作任务</td><td colspan='2'>责任单位</td></tr>"
            f"<tr><td>牵头单位</td><td>配合单位</td></tr>{rows}</table>")
    path = docs.print_pdf(docs.page_html(body, header=None), tmp_path / "table.pdf")
    raw = docs.pdf_page_texts(path)[0]
    assert not any(long_units in line for line in raw.split("\r\n")), "the long cell should wrap in the PDF"
    records = load_policy_document(path)
    lines = records.text.splitlines()
    assert "序号\t工作任务\t责任单位\t责任单位" in lines
    assert "序号\t工作任务\t牵头单位\t配合单位" in lines
    assert f"3\t完善标准化统计制度\t市统计局\t{long_units}" in lines
    owned = _ownership(records)
    for _, task, lead, others in annex:
        assert (task, lead, "lead") in owned
        assert {(task, unit, "participant") for unit in others.split("、")} <= owned


def test_pdf_table_over_several_pages_keeps_every_row_and_its_heading_once(tmp_path):
    """Rows alike but for their numbers, at the top and foot of pages, are not running headers; the
    heading row Chromium prints again on each page (thead) is read once."""
    rows = "".join(f"<tr><td>{i}</td><td>修订第{i}项农业地方标准</td><td>市农业农村局</td><td>市林业局、市水务局</td></tr>"
                   for i in range(1, 41))
    body = ("<h1>某市标准化工作要点</h1><p>附件</p><p>重点任务分工表</p><table><thead><tr><td>序号</td><td>工作任务</td>"
            f"<td>牵头单位</td><td>配合单位</td></tr></thead>{rows}</table>")
    path = docs.print_pdf(docs.page_html(body, header=None), tmp_path / "long_table.pdf")
    pages = docs.pdf_page_texts(path)
    assert len(pages) >= 3 and all("工作任务" in p for p in pages)
    records = load_policy_document(path)
    assert records.text.count("序号\t工作任务\t牵头单位\t配合单位") == 1
    owned = _ownership(records)
    for i in range(1, 41):
        task = f"修订第{i}项农业地方标准"
        assert {(task, "市农业农村局", "lead"), (task, "市林业局", "participant"), (task, "市水务局", "participant")} <= owned
    assert {r.provenance.page for r in records.responsibilities} == set(range(1, len(pages) + 1))


FIXTURES = Path(__file__).parent / "extraction" / "documents"
PRINTED_PAGES = ["html_tables.html", "national_plan.html", "gbk_table_page.html"]


@pytest.mark.parametrize("page", PRINTED_PAGES)
def test_saved_web_page_printed_to_pdf_gives_the_records_of_the_page(tmp_path, page):
    """The page as Chromium prints it (tables ruled, text wrapped to the paper) reads as the HTML does."""
    import re

    from stdkg.loaders.text import decode

    source = FIXTURES / page
    markup = re.sub(r"(?i)<meta[^>]*charset[^>]*>", "", decode(source.read_bytes(), source))
    style = ("<meta charset='utf-8'><style>body { font-family: 'Noto Serif CJK SC'; font-size: 12pt; } "
             "table { border-collapse: collapse; } td, th { border: 1px solid #000; }</style>")
    markup = re.sub(r"(?i)<head[^>]*>", lambda m: m.group(0) + style, markup, count=1)
    printed = docs.print_pdf(markup, tmp_path / "page.pdf")
    assert _facts(load_policy_document(printed)) == _facts(load_policy_document(source))


def test_pdf_after_a_leading_newline_is_still_a_pdf(tmp_path):
    shifted = tmp_path / "shifted.pdf"
    shifted.write_bytes(b"\n" + docs.made("two_page.pdf").read_bytes())
    assert detect(shifted.read_bytes(), shifted) == "pdf"
    assert (docs.SPLIT_NAME, "lead") in {(r.department, r.role) for r in load_policy_document(shifted).responsibilities}


def test_ofd_text_objects_read_in_page_order_with_furniture_dropped(tmp_path):
    paragraphs = ["某市标准化发展行动方案", "一、重点任务",
                  "  (一)加强标准研制。" + docs.FILLER * 3 + "。" + docs.CLAUSE,
                  "  (二)推进标准实施。开展标准化试点示范。(责任单位:市商务局)"]
    lines = docs.wrap(paragraphs, 30)
    per_page = docs.ofd_lines_per_page()
    padding = ["  开展标准化工作。"] * (per_page - 3)
    lines = lines[:2] + padding + lines[2:]
    path = docs.ofd_file(lines, tmp_path / "plan.ofd")
    read = read_document(path.read_bytes(), path, "plan")
    assert read.kind == "ofd" and len(read.page_starts) == 2
    records = load_policy_document(path)
    assert docs.HEADER not in records.text and "- 1 -" not in records.text
    assert docs.CLAUSE in records.text
    page = {r.department: r.provenance.page for r in records.responsibilities}
    assert page == {docs.SPLIT_NAME: 2, "市科技局": 2, "市商务局": 2}
    lead = next(r for r in records.responsibilities if r.department == docs.SPLIT_NAME)
    assert lead.provenance.page == read.page_at(records.offset_map[lead.provenance.start])


def test_ofd_ruled_table_with_wrapped_and_merged_cells_reads_one_line_per_row(tmp_path):
    cells = [(0, 0, 1, 0, ["序号"]), (0, 1, 1, 1, ["工作任务"]), (0, 2, 0, 3, ["责任单位"]),
             (1, 2, 1, 2, ["牵头单位"]), (1, 3, 1, 3, ["配合单位"]),
             (2, 0, 2, 0, ["1"]), (2, 1, 2, 1, ["修订农业地方标准"]), (2, 2, 2, 2, ["市农业农村局"]),
             (2, 3, 2, 3, ["市林业局、市水务局、", "市财政局"]),
             (3, 0, 3, 0, ["2"]), (3, 1, 3, 1, ["建设标准化服务", "平台"]), (3, 2, 3, 2, ["市工业和信息化局"]),
             (3, 3, 3, 3, ["市财政局"])]
    path = docs.ofd_table_file("重点任务分工表", cells, tmp_path / "annex.ofd")
    records = load_policy_document(path)
    assert records.text.splitlines() == [
        "重点任务分工表", "序号\t工作任务\t责任单位\t责任单位", "序号\t工作任务\t牵头单位\t配合单位",
        "1\t修订农业地方标准\t市农业农村局\t市林业局、市水务局、市财政局",
        "2\t建设标准化服务平台\t市工业和信息化局\t市财政局"]
    assert ("修订农业地方标准", "市财政局", "participant") in _ownership(records)
    assert ("建设标准化服务平台", "市工业和信息化局", "lead") in _ownership(records)


def test_doc_converted_by_libreoffice_reads_as_its_docx():
    doc_file = docs.made("numbered.doc")
    assert doc_file.read_bytes()[:4] == b"\xd0\xcf\x11\xe0"
    from_doc = load_policy_document(doc_file)
    from_docx = load_policy_document(docs.made("numbered.docx"))
    assert {s.path for s in from_doc.sections} == {s.path for s in from_docx.sections}
    assert _ownership(from_doc) == _ownership(from_docx)


def test_rtf_is_read_through_libreoffice(tmp_path):
    rtf = docs.convert_with_libreoffice(docs.made("numbered.docx"), "rtf", tmp_path)
    assert rtf.read_bytes().startswith(b"{\\rtf")
    from_rtf = load_policy_document(rtf)
    assert _ownership(from_rtf) == _ownership(load_policy_document(docs.made("numbered.docx")))


def _facts(records) -> dict:
    return {
        "ownership": sorted((r.task, r.department, r.role, r.measure_path) for r in records.responsibilities),
        "targets": sorted((t.text, t.metric, t.value, t.unit, t.comparator, t.year, t.is_fact) for t in records.targets),
        "organisations": sorted((o.name, o.type) for o in records.organisations),
    }


@pytest.fixture(scope="module")
def corpus_document(tmp_path_factory) -> tuple[Path, list[str], Path]:
    source = CORPUS / f"{EQUIVALENT_DOC}.txt"
    if not source.is_file():
        pytest.skip(f"corpus document {source} not found")
    return source, source.read_text(encoding="utf-8").splitlines(), tmp_path_factory.mktemp("equivalent")


def test_corpus_document_as_docx_gives_the_records_of_its_text(corpus_document):
    source, lines, folder = corpus_document
    converted = docs.text_docx(lines, folder / f"{EQUIVALENT_DOC}.docx")
    assert _facts(load_policy_document(converted)) == _facts(load_policy_document(source))


def test_corpus_document_printed_to_pdf_gives_the_records_of_its_text(corpus_document):
    import html

    source, lines, folder = corpus_document
    body = "".join(f"<p>{html.escape(line.strip())}</p>" for line in lines if line.strip())
    converted = docs.print_pdf(docs.page_html(body), folder / f"{EQUIVALENT_DOC}.pdf")
    page_count = len(docs.pdf_page_texts(converted))
    assert page_count > 5
    records = load_policy_document(converted)
    assert _facts(records) == _facts(load_policy_document(source))
    pages = [r.provenance.page for r in sorted(records.responsibilities, key=lambda r: r.provenance.start)]
    assert pages == sorted(pages) and len(set(pages)) > 2 and set(pages) <= set(range(1, page_count + 1))


def test_corpus_document_laid_out_as_ofd_gives_the_records_of_its_text(corpus_document):
    source, lines, folder = corpus_document
    converted = docs.ofd_file(docs.wrap(lines, 30), folder / f"{EQUIVALENT_DOC}.ofd")
    assert _facts(load_policy_document(converted)) == _facts(load_policy_document(source))


def test_extract_takes_a_folder_mixing_formats(tmp_path):
    folder = tmp_path / "docs"
    folder.mkdir()
    shutil.copy(docs.made("two_page.pdf"), folder / "plan_pdf.bin")
    shutil.copy(docs.made("numbered.docx"), folder / "plan_docx.pdf")
    (folder / "plan_text.txt").write_text("某市标准化工作要点\n一、重点任务\n1.加强标准研制。(责任单位:市市场监管局)\n",
                                          encoding="utf-8")
    (folder / "broken.docx").write_bytes(b"PK\x03\x04" + b"\x00" * 200)
    out = tmp_path / "json"
    result = CliRunner().invoke(app, ["extract", str(folder), "--json-dir", str(out)])
    assert result.exit_code == EXIT_PARTIAL, result.output
    assert "broken.docx" in result.output
    assert sorted(p.stem for p in out.glob("*.json")) == ["plan_docx", "plan_pdf", "plan_text"]
    from_pdf = json.loads((out / "plan_pdf.json").read_text(encoding="utf-8"))
    assert {o["department"] for o in from_pdf["ownership"]} == {docs.SPLIT_NAME, "市科技局", "市商务局"}
    assert {o["provenance"]["page"] for o in from_pdf["ownership"]} == {1, 2}
    from_docx = json.loads((out / "plan_docx.json").read_text(encoding="utf-8"))
    assert all("page" not in o["provenance"] for o in from_docx["ownership"])
