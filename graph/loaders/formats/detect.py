"""What kind of document a file is, read from its first bytes (the extension is not trusted)."""
from __future__ import annotations

import io
import re
import zipfile
from pathlib import Path

from stdkg.loaders.errors import DocumentError

PDF, DOCX, OFD, WORD_BINARY, RTF, TEXT = "pdf", "docx", "ofd", "doc", "rtf", "text"

_OLE2 = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"
_WORD_STREAM = "WordDocument".encode("utf-16-le")
_WORD_2003_XML = re.compile(rb"<\?mso-application\s+progid=[\"']Word\.Document[\"']|<w:wordDocument\b")
_EXCEL_OR_POWERPOINT = ("Workbook".encode("utf-16-le"), "Book".encode("utf-16-le"),
                        "PowerPoint Document".encode("utf-16-le"))


def detect(data: bytes, path: Path | str) -> str:
    """`pdf`, `docx`, `ofd`, `doc` (Word 97–2003 or WPS, an OLE2 compound file), `rtf` or `text` (text or HTML).

    Raises `DocumentError` for a zip that is neither DOCX nor OFD, an OLE2 file that holds no
    Word document, and Word 2003 XML."""
    head = data[:1024].lstrip(b"\xef\xbb\xbf \t\r\n\f\x00")
    if head.startswith(b"%PDF-"):
        return PDF
    if data.startswith(b"PK\x03\x04") or data.startswith(b"PK\x05\x06"):
        return _zip_kind(data, path)
    if data.startswith(_OLE2):
        if _WORD_STREAM in data[:1 << 20] or _WORD_STREAM in data[-(1 << 20):]:
            return WORD_BINARY
        if any(name in data for name in _EXCEL_OR_POWERPOINT):
            raise DocumentError(path, "an Excel or PowerPoint file (OLE2), not a policy document")
        raise DocumentError(path, "an OLE2 compound file holding no Word document")
    if head.startswith(b"{\\rtf"):
        return RTF
    if _WORD_2003_XML.search(data[:4096]):
        raise DocumentError(path, "a Word 2003 XML document (WordprocessingML): open it in Word or LibreOffice "
                                  "and save it as .docx")
    return TEXT


def _zip_kind(data: bytes, path: Path | str) -> str:
    try:
        names = set(zipfile.ZipFile(io.BytesIO(data)).namelist())
    except (zipfile.BadZipFile, OSError, ValueError) as e:
        raise DocumentError(path, f"corrupt zip container (DOCX or OFD expected): {e}") from None
    if "word/document.xml" in names:
        return DOCX
    if "OFD.xml" in names:
        return OFD
    if "xl/workbook.xml" in names or "ppt/presentation.xml" in names:
        raise DocumentError(path, "an Excel or PowerPoint file (zip), not a policy document")
    raise DocumentError(path, "a zip that is neither DOCX (word/document.xml) nor OFD (OFD.xml)")
