"""DOCX read with python-docx: paragraphs and tables in document order, Word's automatic numbers put
back before their paragraphs, merged table cells repeated as the HTML table reader repeats them."""
from __future__ import annotations

import io
import re
import zipfile
from pathlib import Path
from xml.etree.ElementTree import ParseError

from docx.oxml.ns import qn

from stdkg.loaders.errors import DocumentError
from stdkg.loaders.formats.numbering import Numbering
from stdkg.loaders.formats.read import ReadText

_DIGIT = re.compile(r"\d")
_OUTSIDE = "not(ancestor::w:del) and not(ancestor::w:moveFrom) and not(ancestor::w:txbxContent) and not(ancestor::w:pPr)"
_TEXT_PARTS = f".//w:t[{_OUTSIDE}] | .//w:tab[{_OUTSIDE}] | .//w:br[{_OUTSIDE}] | .//w:cr[{_OUTSIDE}]"


def paragraph_text(p_element) -> str:
    """The text of a `w:p` as Word shows it: runs inside hyperlinks, fields and tracked insertions
    included, deleted text and text boxes left out; tabs as `\\t`, line breaks as `\\n`."""
    out = []
    for part in p_element.xpath(_TEXT_PARTS):
        tag = part.tag.rsplit("}", 1)[-1]
        out.append(part.text or "" if tag == "t" else "\t" if tag == "tab" else "\n")
    return "".join(out)


def _cell_lines(cell, numbering: Numbering, texts: dict) -> list[str]:
    """A cell's paragraphs with their automatic numbers (a 序号 column numbered by Word), read once:
    a merged cell met again in a later row gives the same text."""
    if cell._tc not in texts:
        lines = [numbering.label(p._p) + paragraph_text(p._p) for p in cell.paragraphs]
        texts[cell._tc] = [line for line in lines if line.strip()]
    return texts[cell._tc]


def _table_lines(table, numbering: Numbering) -> list[str]:
    """One tab-separated line per row, a cell's paragraphs joined by spaces. A cell merged down (vMerge)
    repeats in each row it covers; a cell merged across (gridSpan) repeats in each column it covers
    unless it holds a number; a row of one cell keeps its paragraphs apart."""
    lines = []
    texts: dict = {}
    for row in table.rows:
        distinct = []
        for cell in row.cells:
            if distinct and distinct[-1][0] is cell._tc:
                distinct[-1][1] += 1
            else:
                distinct.append([cell._tc, 1, cell])
        if len(distinct) == 1:
            lines.extend(_cell_lines(distinct[0][2], numbering, texts))
            continue
        fields = []
        for _, span, cell in distinct:
            text = " ".join(line.replace("\n", " ").strip() for line in _cell_lines(cell, numbering, texts))
            fields.extend([text] * (span if text and not _DIGIT.search(text) else 1))
        lines.append("\t".join(fields))
    return lines


def _document(data: bytes, path: Path | str):
    import docx
    from docx.opc.exceptions import PackageNotFoundError

    try:
        return docx.Document(io.BytesIO(data))
    except (PackageNotFoundError, KeyError, zipfile.BadZipFile, ParseError, ValueError, OSError) as e:
        raise DocumentError(path, f"corrupt DOCX: {type(e).__name__}: {e}") from None
    except Exception as e:  # lxml's XMLSyntaxError and python-docx's own errors share no base
        raise DocumentError(path, f"corrupt DOCX: {type(e).__name__}: {e}") from None


def _blocks(container, parent):
    """The paragraphs and tables of a body or cell in document order, those inside content controls too."""
    from docx.table import Table
    from docx.text.paragraph import Paragraph

    for child in container.iterchildren():
        tag = child.tag.rsplit("}", 1)[-1]
        if tag == "p":
            yield Paragraph(child, parent)
        elif tag == "tbl":
            yield Table(child, parent)
        elif tag == "sdt" and child.find(qn("w:sdtContent")) is not None:
            yield from _blocks(child.find(qn("w:sdtContent")), parent)
        elif tag == "customXml":
            yield from _blocks(child, parent)


def read_docx(data: bytes, path: Path | str, doc: str) -> ReadText:
    """The text of a DOCX. Raises `DocumentError` for a file python-docx cannot open."""
    from docx.table import Table

    document = _document(data, path)
    part = document.part
    try:
        numbering_root = part.numbering_part.element
    except (KeyError, NotImplementedError):
        numbering_root = None
    numbering = Numbering(numbering_root, part.styles.element if part.styles is not None else None)
    lines: list[str] = []
    try:
        for block in _blocks(document.element.body, document._body):
            if isinstance(block, Table):
                lines.extend(_table_lines(block, numbering))
                continue
            label = numbering.label(block._p)
            text = paragraph_text(block._p)
            if text.strip() or label:
                lines.append(label + text)
    except Exception as e:  # a malformed body met while walking it
        raise DocumentError(path, f"corrupt DOCX: {type(e).__name__}: {e}") from None
    return ReadText("\n".join(lines), "docx")
