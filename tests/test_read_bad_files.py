"""Document files that cannot be read as policy text: each gives a DocumentError naming the file and the
problem, and a batch with good and bad files loads the good ones."""
from __future__ import annotations

import io
import zipfile
from pathlib import Path

import pytest

from stdkg.loaders.errors import DocumentError
from stdkg.loaders.formats import office
from stdkg.loaders.policy import load_policy_document, load_policy_documents
from tests import documents_support as docs

GOOD_TEXT = "某市标准化工作要点\n一、重点任务\n1.加强标准研制。(责任单位:市市场监管局牵头,市科技局参与)\n"


def _batch_with(tmp_path: Path, bad: Path, problem: str) -> DocumentError:
    """Load a text file, the bad file, and a real PDF: the good two load, the bad one is one error naming it."""
    good_text = tmp_path / "good_text.txt"
    good_text.write_text(GOOD_TEXT, encoding="utf-8")
    good_pdf = docs.made("two_page.pdf")
    records, errors = load_policy_documents([good_text, bad, good_pdf])
    assert [r.doc for r in records] == ["good_text", good_pdf.stem]
    assert all(r.responsibilities for r in records)
    assert len(errors) == 1, [str(e) for e in errors]
    error = errors[0]
    assert error.path == bad and bad.name in str(error)
    assert problem in error.problem, error.problem
    return error


def test_scanned_pdf_without_a_text_layer(tmp_path):
    scan = tmp_path / "scanned.pdf"
    scan.write_bytes(docs.made("scanned.pdf").read_bytes())
    _batch_with(tmp_path, scan, "no text layer: scanned image; OCR it first")


def test_encrypted_pdf(tmp_path):
    locked = tmp_path / "locked.pdf"
    locked.write_bytes(docs.made("encrypted.pdf").read_bytes())
    _batch_with(tmp_path, locked, "encrypted PDF")


def test_truncated_pdf(tmp_path):
    cut = tmp_path / "cut.pdf"
    cut.write_bytes(docs.made("two_page.pdf").read_bytes()[:3000])
    _batch_with(tmp_path, cut, "PDF")


def test_corrupt_docx_zip(tmp_path):
    bad = tmp_path / "cut.docx"
    bad.write_bytes(docs.made("numbered.docx").read_bytes()[:2000])
    _batch_with(tmp_path, bad, "corrupt")


def test_docx_whose_document_part_is_not_xml(tmp_path):
    source = zipfile.ZipFile(io.BytesIO(docs.made("numbered.docx").read_bytes()))
    bad = tmp_path / "garbled.docx"
    with zipfile.ZipFile(bad, "w") as z:
        for item in source.infolist():
            data = source.read(item.filename)
            z.writestr(item, b"<w:document><w:body><w:p>" if item.filename == "word/document.xml" else data)
    _batch_with(tmp_path, bad, "corrupt DOCX")


def test_zip_that_is_neither_docx_nor_ofd(tmp_path):
    bad = tmp_path / "archive.docx"
    with zipfile.ZipFile(bad, "w") as z:
        z.writestr("readme.txt", "某市标准化工作要点")
    _batch_with(tmp_path, bad, "neither DOCX")


def test_ofd_with_a_missing_page_part(tmp_path):
    good = docs.ofd_file(["某市标准化工作要点", "一、重点任务"], tmp_path / "whole.ofd")
    source = zipfile.ZipFile(good)
    bad = tmp_path / "holed.ofd"
    with zipfile.ZipFile(bad, "w") as z:
        for name in source.namelist():
            if "Page_0" not in name:
                z.writestr(name, source.read(name))
    error = _batch_with(tmp_path, bad, "corrupt OFD")
    assert "Content.xml" in error.problem


def test_word_2003_xml(tmp_path):
    bad = tmp_path / "plan.xml"
    bad.write_text(
        '<?xml version="1.0" encoding="UTF-8"?>\n<?mso-application progid="Word.Document"?>\n'
        '<w:wordDocument xmlns:w="http://schemas.microsoft.com/office/word/2003/wordml"><w:body><w:p><w:r>'
        f"<w:t>{GOOD_TEXT}</w:t></w:r></w:p></w:body></w:wordDocument>\n",
        encoding="utf-8",
    )
    _batch_with(tmp_path, bad, "Word 2003 XML")


def test_excel_workbook_in_a_zip(tmp_path):
    bad = tmp_path / "tasks.docx"
    with zipfile.ZipFile(bad, "w") as z:
        z.writestr("[Content_Types].xml", "<Types/>")
        z.writestr("xl/workbook.xml", "<workbook/>")
    _batch_with(tmp_path, bad, "Excel")


def test_html_with_an_unclosed_comment(tmp_path):
    bad = tmp_path / "cut.html"
    bad.write_text("<!DOCTYPE html><html><body><p>一、重点任务</p><!-- 旧版:\n<p>1.加强标准研制。"
                   "(责任单位:市市场监管局牵头)</p>\n" * 3, encoding="utf-8")
    error = _batch_with(tmp_path, bad, "never closed")
    assert "line 1" in error.problem


def test_doc_without_libreoffice_names_the_package_to_install(tmp_path, monkeypatch):
    monkeypatch.setattr(office, "find_libreoffice", lambda: None)
    bad = tmp_path / "plan.doc"
    bad.write_bytes(b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\x00" * 512 + "WordDocument".encode("utf-16-le"))
    with pytest.raises(DocumentError, match="plan.doc: .*libreoffice-writer"):
        load_policy_document(bad)
