"""Reading a document file into text: the kind is told from the content (`detect`), then the reader
for that kind runs — PDF (pypdfium2), DOCX (python-docx), DOC/WPS and RTF (LibreOffice → DOCX), OFD
(zip of XML), or text and HTML (`stdkg.loaders.text.decode`). Each gives a `ReadText`: the text,
where its pages start (paged formats), and what was noticed; normalising and extraction follow."""
from __future__ import annotations

from pathlib import Path

from stdkg.loaders.formats.detect import DOCX, OFD, PDF, RTF, WORD_BINARY, detect
from stdkg.loaders.formats.pages import paginate
from stdkg.loaders.formats.read import ReadText
from stdkg.loaders.formats.text import read_text


def read_document(data: bytes, path: Path | str, doc: str) -> ReadText:
    """The text of a document file of any supported kind; raises `DocumentError` naming `path`."""
    kind = detect(data, path)
    if kind == PDF:
        from stdkg.loaders.formats.pdf import read_pdf

        return read_pdf(data, path, doc)
    if kind == DOCX:
        from stdkg.loaders.formats.docx import read_docx

        return read_docx(data, path, doc)
    if kind == WORD_BINARY:
        from stdkg.loaders.formats.office import read_word_binary

        return read_word_binary(data, path, doc)
    if kind == RTF:
        from stdkg.loaders.formats.office import read_rtf

        return read_rtf(data, path, doc)
    if kind == OFD:
        from stdkg.loaders.formats.ofd import read_ofd

        return read_ofd(data, path, doc)
    return read_text(data, path, doc)


__all__ = ["ReadText", "detect", "paginate", "read_document"]
