"""Real document files for the reading tests, made by real tools: DOCX by python-docx, PDF by headless
Chromium printing an HTML page (CJK fonts, running header, page numbers), DOC by LibreOffice, OFD
assembled from its XML parts, an image-only PDF by pypdfium2, an encrypted one by qpdf."""
from __future__ import annotations

import atexit
import functools
import html
import io
import os
import shutil
import subprocess
import tempfile
import zipfile
from pathlib import Path
from typing import Optional

from tests.conftest import _unavailable

HEADER = "某市人民政府办公厅文件"
SPLIT_NAME = "市市场监督管理局"


def chromium() -> str:
    from stdkg.views.chromium import find_chromium

    found = find_chromium()
    if not found:
        _unavailable("no chromium on PATH (scripts/chromium.sh installs Debian's chromium and fonts-noto-cjk)")
    return found


def libreoffice() -> str:
    from stdkg.loaders.formats.office import find_libreoffice

    found = find_libreoffice()
    if not found:
        _unavailable("no libreoffice on PATH (scripts/test.sh installs Debian's libreoffice-writer)")
    return found


def print_pdf(page_html: str, out: Path) -> Path:
    """`page_html` printed to PDF by headless Chromium (the browser's own header and footer off)."""
    source = out.with_suffix(".html")
    source.write_text(page_html, encoding="utf-8")
    profile = tempfile.mkdtemp(prefix="stdkg-print-")
    try:
        subprocess.run([chromium(), "--headless", "--no-sandbox", "--disable-gpu", "--no-pdf-header-footer",
                        f"--user-data-dir={profile}", f"--print-to-pdf={out}", source.as_uri()],
                       capture_output=True, timeout=120, check=False)
    finally:
        shutil.rmtree(profile, ignore_errors=True)
    assert out.is_file() and out.stat().st_size > 0, f"chromium made no PDF of {source}"
    return out


def page_html(body: str, header: Optional[str] = HEADER, font_pt: int = 16) -> str:
    """An A4 page style like a government PDF: Noto CJK, a running header, `— N —` page numbers."""
    top = f'@top-center {{ content: "{header}"; font-size: 12pt; }}' if header else ""
    return (
        "<!DOCTYPE html><html lang='zh-CN'><head><meta charset='utf-8'><style>"
        f"@page {{ size: A4; margin: 25mm 20mm; {top} "
        "@bottom-center { content: '— ' counter(page) ' —'; font-size: 12pt; } }"
        f"body {{ font-family: 'Noto Serif CJK SC', 'Noto Sans CJK SC', serif; font-size: {font_pt}pt; line-height: 1.6; }}"
        "p { margin: 0; text-indent: 2em; orphans: 1; widows: 1; } h1 { font-size: 20pt; text-align: center; }"
        "table { border-collapse: collapse; } td { border: 1px solid #000; padding: 2pt 6pt; }"
        f"</style></head><body>{body}</body></html>"
    )


def pdf_page_texts(path: Path) -> list[str]:
    """The raw text layer of each page, as PDFium gives it (to check how a test PDF came out)."""
    import pypdfium2 as pdfium

    pdf = pdfium.PdfDocument(str(path))
    try:
        return [pdf[i].get_textpage().get_text_range() for i in range(len(pdf))]
    finally:
        pdf.close()


FILLER = "推进标准化与产业发展深度融合提升质量水平"
CLAUSE = f"(责任单位:{SPLIT_NAME}牵头,市科技局参与)"


def two_page_pdf(out: Path) -> Path:
    """A two-page PDF whose page break falls inside `SPLIT_NAME`, in a responsibility clause: the
    filler sentence before it is lengthened or shortened until Chromium breaks the page there."""
    marker = "(一)加强标准研制。"
    filler = 900
    for _ in range(8):
        text = (FILLER * 100)[:filler]
        body = (f"<h1>某市标准化发展行动方案</h1><p>一、重点任务</p>"
                f"<p>{marker}{html.escape(text)}。{CLAUSE}</p>"
                "<p>(二)推进标准实施。开展标准化试点示范,到2027年建设标准化试点示范项目30个以上。"
                "(责任单位:市商务局)</p><p>二、保障措施</p><p>加强组织领导,落实工作责任。</p>")
        print_pdf(page_html(body), out)
        pages = [p.replace("\r\n", "") for p in pdf_page_texts(out)]
        on_first = len(pages[0].split(marker, 1)[1]) if marker in pages[0] else 0
        wanted = len(text) + 1 + len("(责任单位:") + 3
        if len(pages) == 2 and on_first == wanted and SPLIT_NAME not in pages[0] + pages[1]:
            return out
        if len(pages) < 2 or marker in pages[1]:
            filler += 400 if len(pages) < 2 else -400
            continue
        filler += on_first - wanted
    raise AssertionError(f"could not make Chromium break a page inside {SPLIT_NAME}")


W_NS = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"
_NUMBERING = f"""<w:abstractNum xmlns:w="{W_NS}" w:abstractNumId="90">
  <w:multiLevelType w:val="multilevel"/>
  <w:lvl w:ilvl="0"><w:start w:val="1"/><w:numFmt w:val="chineseCounting"/><w:lvlText w:val="%1、"/><w:suff w:val="nothing"/></w:lvl>
  <w:lvl w:ilvl="1"><w:start w:val="1"/><w:numFmt w:val="chineseCounting"/><w:lvlText w:val="(%2)"/><w:suff w:val="nothing"/></w:lvl>
  <w:lvl w:ilvl="2"><w:start w:val="1"/><w:numFmt w:val="decimal"/><w:lvlText w:val="%3."/><w:suff w:val="nothing"/></w:lvl>
</w:abstractNum>"""
_NUM = f'<w:num xmlns:w="{W_NS}" w:numId="90"><w:abstractNumId w:val="90"/></w:num>'

DOCX_MEASURES = [
    (0, "重点任务", None),
    (1, "加强标准研制", "开展关键技术标准研究,推动科技成果转化为标准。(责任单位:市市场监管局牵头,市科技局参与)"),
    (1, "推进标准实施", "开展标准化试点示范,到2027年建设标准化试点示范项目30个以上。(责任单位:市商务局)"),
    (0, "保障措施", None),
    (1, "加强组织领导", "各部门落实工作责任。"),
]
ANNEX_ROWS = [("1", "修订农业地方标准", "市农业农村局", "市林业局、市水务局"),
              ("2", "建设标准化服务平台", "市工业和信息化局", "市财政局")]


def _number(paragraph, level: int, num_id: int = 90) -> None:
    numpr = paragraph._p.get_or_add_pPr().get_or_add_numPr()
    numpr.get_or_add_ilvl().val = level
    numpr.get_or_add_numId().val = num_id


def numbered_docx(out: Path) -> Path:
    """A plan written with python-docx: headings numbered by Word's automatic numbering (no number in
    the runs), a responsibility clause with a manual line break inside it, and an annex task table whose
    unit heading spans 牵头单位 | 配合单位 and whose 序号 and 工作任务 headings span two rows."""
    import docx
    from docx.oxml import parse_xml

    document = docx.Document()
    document.add_paragraph("某市标准化发展行动方案")
    numbering = document.part.numbering_part.element
    numbering.insert(0, parse_xml(_NUMBERING))
    numbering.append(parse_xml(_NUM))
    for level, heading, body in DOCX_MEASURES:
        _number(document.add_paragraph(heading, style=f"Heading {level + 1}"), level)
        if body:
            paragraph = document.add_paragraph()
            if "市科技局" in body:
                before, after = body.split("市科技局", 1)
                paragraph.add_run(before + "市科")
                paragraph.add_run().add_break()
                paragraph.add_run("技局" + after)
            else:
                paragraph.add_run(body)
    document.add_paragraph("附件")
    document.add_paragraph("重点任务分工表")
    table = document.add_table(rows=2 + len(ANNEX_ROWS), cols=4)
    table.style = "Table Grid"
    table.cell(0, 0).merge(table.cell(1, 0)).text = "序号"
    table.cell(0, 1).merge(table.cell(1, 1)).text = "工作任务"
    table.cell(0, 2).merge(table.cell(0, 3)).text = "责任单位"
    table.cell(1, 2).text, table.cell(1, 3).text = "牵头单位", "配合单位"
    for r, row in enumerate(ANNEX_ROWS, start=2):
        for c, value in enumerate(row):
            table.cell(r, c).text = value
    document.save(str(out))
    return out


def convert_with_libreoffice(source: Path, target_format: str, out_dir: Path) -> Path:
    """`source` converted by LibreOffice headless (`--convert-to`), in its own profile folder."""
    office = libreoffice()
    profile = Path(tempfile.mkdtemp(prefix="stdkg-lo-"))
    try:
        subprocess.run([office, f"-env:UserInstallation={profile.as_uri()}", "--headless", "--convert-to",
                        target_format, "--outdir", str(out_dir), str(source)],
                       capture_output=True, timeout=180, check=False)
    finally:
        shutil.rmtree(profile, ignore_errors=True)
    target = out_dir / f"{source.stem}.{target_format.split(':')[0]}"
    assert target.is_file(), f"LibreOffice made no {target_format} of {source}"
    return target


def text_docx(lines: list[str], out: Path) -> Path:
    """A DOCX of one paragraph per line of text (python-docx)."""
    import docx

    document = docx.Document()
    for line in lines:
        document.add_paragraph(line)
    document.save(str(out))
    return out


OFD_NS = "http://www.ofdspec.org/2016"


def _text_object(obj_id: int, x: float, y: float, size: float, text: str) -> str:
    width = size * len(text)
    return (f'<ofd:TextObject ID="{obj_id}" Boundary="{x:.2f} {y:.2f} {width:.2f} {size * 1.4:.2f}" '
            f'Font="2" Size="{size}"><ofd:TextCode X="0" Y="{size:.2f}" DeltaX="g {max(len(text) - 1, 1)} {size}">'
            f"{html.escape(text)}</ofd:TextCode></ofd:TextObject>")


OFD_TOP, OFD_BOTTOM = 30.0, 270.0


def ofd_lines_per_page(size: float = 4.2) -> int:
    return int((OFD_BOTTOM - OFD_TOP) / (size * 1.6))


def ofd_file(lines: list[str], out: Path, header: Optional[str] = HEADER, size: float = 4.2) -> Path:
    """An OFD (GB/T 33190) assembled from its XML parts: one TextObject per line, laid out top to
    bottom on as many A4 pages as the lines fill, with a running header and a `- N -` page number
    on each page."""
    per_page = ofd_lines_per_page(size)
    pages = [lines[i:i + per_page] for i in range(0, len(lines), per_page)]
    parts = {
        "OFD.xml": (f'<?xml version="1.0" encoding="UTF-8"?><ofd:OFD xmlns:ofd="{OFD_NS}" DocType="OFD" Version="1.0">'
                    "<ofd:DocBody><ofd:DocInfo><ofd:DocID>stdkg-test</ofd:DocID></ofd:DocInfo>"
                    "<ofd:DocRoot>Doc_0/Document.xml</ofd:DocRoot></ofd:DocBody></ofd:OFD>"),
    }
    page_refs = "".join(f'<ofd:Page ID="{100 + i}" BaseLoc="Pages/Page_{i}/Content.xml"/>' for i in range(len(pages)))
    parts["Doc_0/Document.xml"] = (
        f'<?xml version="1.0" encoding="UTF-8"?><ofd:Document xmlns:ofd="{OFD_NS}"><ofd:CommonData>'
        "<ofd:MaxUnitID>9999</ofd:MaxUnitID><ofd:PageArea><ofd:PhysicalBox>0 0 210 297</ofd:PhysicalBox></ofd:PageArea>"
        f"<ofd:PublicRes>PublicRes.xml</ofd:PublicRes></ofd:CommonData><ofd:Pages>{page_refs}</ofd:Pages></ofd:Document>")
    parts["Doc_0/PublicRes.xml"] = (
        f'<?xml version="1.0" encoding="UTF-8"?><ofd:Res xmlns:ofd="{OFD_NS}" BaseLoc="Res"><ofd:Fonts>'
        '<ofd:Font ID="2" FontName="宋体" FamilyName="宋体"/></ofd:Fonts></ofd:Res>')
    for number, page_lines in enumerate(pages):
        objects, obj_id = [], 1000 * (number + 1)
        if header:
            objects.append(_text_object(obj_id, 105 - len(header) * 1.5, 15, 3.0, header))
        y = OFD_TOP
        for line in page_lines:
            obj_id += 1
            indent = len(line) - len(line.lstrip(" "))
            objects.append(_text_object(obj_id, 25 + (2 * size if indent else 0), y, size, line.strip()))
            y += size * 1.6
        objects.append(_text_object(obj_id + 1, 100, 280, 3.0, f"- {number + 1} -"))
        parts[f"Doc_0/Pages/Page_{number}/Content.xml"] = (
            f'<?xml version="1.0" encoding="UTF-8"?><ofd:Page xmlns:ofd="{OFD_NS}"><ofd:Content>'
            f'<ofd:Layer ID="{obj_id + 2}">{"".join(objects)}</ofd:Layer></ofd:Content></ofd:Page>')
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as z:
        for name, xml in parts.items():
            z.writestr(name, xml)
    return out


def _path_object(obj_id: int, x: float, y: float, width: float, height: float) -> str:
    return (f'<ofd:PathObject ID="{obj_id}" Boundary="{x:.2f} {y:.2f} {width:.2f} {height:.2f}" LineWidth="0.25">'
            f"<ofd:AbbreviatedData>M 0 0 L {width:.2f} {height:.2f}</ofd:AbbreviatedData></ofd:PathObject>")


def ofd_table_file(title: str, cells: list[tuple[int, int, int, int, list[str]]], out: Path,
                   columns: tuple[float, ...] = (20, 35, 85, 125, 190), row_height: float = 12.0,
                   size: float = 3.5) -> Path:
    """A one-page OFD holding `title` and a table ruled with PathObjects: each cell (first row, first
    column, last row, last column, its text lines) framed by its own four borders, so a merged cell has
    no rule inside it; a cell of several lines is several TextObjects."""
    top = 40.0
    objects, obj_id = [_text_object(1, 60, 25, 5.0, title)], 10
    for r0, c0, r1, c1, lines in cells:
        x0, x1 = columns[c0], columns[c1 + 1]
        y0, y1 = top + r0 * row_height, top + (r1 + 1) * row_height
        for x, y, w, h in ((x0, y0, x1 - x0, 0), (x0, y1, x1 - x0, 0), (x0, y0, 0, y1 - y0), (x1, y0, 0, y1 - y0)):
            obj_id += 1
            objects.append(_path_object(obj_id, x, y, w, h))
        first = (y0 + y1) / 2 - len(lines) * size * 1.3 / 2
        for i, line in enumerate(lines):
            obj_id += 1
            objects.append(_text_object(obj_id, x0 + 1.5, first + i * size * 1.3, size, line))
    parts = {
        "OFD.xml": (f'<?xml version="1.0" encoding="UTF-8"?><ofd:OFD xmlns:ofd="{OFD_NS}" DocType="OFD" Version="1.0">'
                    "<ofd:DocBody><ofd:DocRoot>Doc_0/Document.xml</ofd:DocRoot></ofd:DocBody></ofd:OFD>"),
        "Doc_0/Document.xml": (f'<?xml version="1.0" encoding="UTF-8"?><ofd:Document xmlns:ofd="{OFD_NS}">'
                               "<ofd:CommonData><ofd:PageArea><ofd:PhysicalBox>0 0 210 297</ofd:PhysicalBox>"
                               '</ofd:PageArea></ofd:CommonData><ofd:Pages><ofd:Page ID="2" BaseLoc="Pages/Page_0/'
                               'Content.xml"/></ofd:Pages></ofd:Document>'),
        "Doc_0/Pages/Page_0/Content.xml": (f'<?xml version="1.0" encoding="UTF-8"?><ofd:Page xmlns:ofd="{OFD_NS}">'
                                           f'<ofd:Content><ofd:Layer ID="5">{"".join(objects)}</ofd:Layer>'
                                           "</ofd:Content></ofd:Page>"),
    }
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as z:
        for name, xml in parts.items():
            z.writestr(name, xml)
    return out


def wrap(paragraphs: list[str], width: int) -> list[str]:
    """Paragraphs hard-wrapped every `width` characters; an indented paragraph keeps its indent."""
    out = []
    for p in paragraphs:
        body = p.strip()
        indent = "  " if p.startswith(" ") else ""
        if not body:
            continue
        chunks = [body[i:i + width] for i in range(0, len(body), width)]
        out.append(indent + chunks[0])
        out.extend(chunks[1:])
    return out


def image_only_pdf(source_pdf: Path, out: Path) -> Path:
    """A 'scanned' PDF: each page of `source_pdf` rendered to a bitmap and placed as an image on a new
    page (pypdfium2), so it has no text layer."""
    import pypdfium2 as pdfium

    src = pdfium.PdfDocument(str(source_pdf))
    scan = pdfium.PdfDocument.new()
    try:
        for i in range(len(src)):
            width, height = src[i].get_size()
            bitmap = src[i].render(scale=1).to_pil()
            page = scan.new_page(width, height)
            image = pdfium.PdfImage.new(scan)
            image.set_bitmap(pdfium.PdfBitmap.from_pil(bitmap))
            image.set_matrix(pdfium.PdfMatrix().scale(width, height))
            page.insert_obj(image)
            page.gen_content()
        buffer = io.BytesIO()
        scan.save(buffer)
    finally:
        scan.close()
        src.close()
    out.write_bytes(buffer.getvalue())
    return out


def encrypted_pdf(source_pdf: Path, out: Path) -> Path:
    """`source_pdf` encrypted with a user password by qpdf (AES-256)."""
    qpdf = shutil.which("qpdf")
    if not qpdf:
        _unavailable("no qpdf on PATH (scripts/test.sh installs Debian's qpdf)")
    subprocess.run([qpdf, "--encrypt", "user-secret", "owner-secret", "256", "--", str(source_pdf), str(out)],
                   check=True, capture_output=True, timeout=60, env={**os.environ})
    return out


@functools.cache
def _session_dir() -> Path:
    folder = Path(tempfile.mkdtemp(prefix="stdkg-documents-"))
    atexit.register(shutil.rmtree, folder, True)
    return folder


@functools.cache
def made(kind: str) -> Path:
    """A test document made once per test session: `two_page.pdf`, `numbered.docx`, `numbered.doc`,
    `scanned.pdf`, `encrypted.pdf`."""
    folder = _session_dir()
    if kind == "two_page.pdf":
        return two_page_pdf(folder / kind)
    if kind == "numbered.docx":
        return numbered_docx(folder / kind)
    if kind == "numbered.doc":
        # Through ODT: LibreOffice 7.4 writing this DOCX straight to .doc flattens its merged-cell table.
        odt = convert_with_libreoffice(made("numbered.docx"), "odt", folder)
        return convert_with_libreoffice(odt, "doc", folder)
    if kind == "scanned.pdf":
        return image_only_pdf(made("two_page.pdf"), folder / kind)
    if kind == "encrypted.pdf":
        return encrypted_pdf(made("two_page.pdf"), folder / kind)
    raise KeyError(kind)
