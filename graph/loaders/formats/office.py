"""Word 97–2003 (.doc), WPS and RTF files, converted to DOCX by LibreOffice headless and read as DOCX."""
from __future__ import annotations

import shutil
import subprocess
import tempfile
from pathlib import Path

from stdkg.loaders.errors import DocumentError
from stdkg.loaders.formats.docx import read_docx
from stdkg.loaders.formats.read import ReadText
from stdkg.records import Issue

DEBIAN_PACKAGE = "libreoffice-writer"
TIMEOUT_SECONDS = 120


def find_libreoffice() -> str | None:
    """The LibreOffice executable on PATH (`libreoffice` or `soffice`), else None."""
    return shutil.which("libreoffice") or shutil.which("soffice")


def convert_to_docx(data: bytes, path: Path | str, suffix: str = ".doc", timeout: float = TIMEOUT_SECONDS) -> bytes:
    """The DOCX LibreOffice makes of a Word binary, WPS or RTF file, converted in a private temporary folder."""
    office = find_libreoffice()
    if office is None:
        kind = "an RTF file" if suffix == ".rtf" else "a Word 97–2003 or WPS file"
        raise DocumentError(path, f"{kind}: reading it needs LibreOffice "
                                  f"(install the Debian package {DEBIAN_PACKAGE})")
    with tempfile.TemporaryDirectory(prefix="stdkg-office-") as tmp:
        folder = Path(tmp)
        source = folder / f"document{suffix}"
        source.write_bytes(data)
        command = [office, f"-env:UserInstallation={(folder / 'profile').as_uri()}", "--headless",
                   "--convert-to", "docx", "--outdir", str(folder / "out"), str(source)]
        try:
            done = subprocess.run(command, capture_output=True, text=True, timeout=timeout)
        except subprocess.TimeoutExpired:
            raise DocumentError(path, f"LibreOffice did not convert it to DOCX within {timeout:.0f} s") from None
        target = folder / "out" / "document.docx"
        if done.returncode != 0 or not target.is_file():
            detail = (done.stderr or done.stdout).strip().splitlines()
            raise DocumentError(path, "LibreOffice could not convert it to DOCX"
                                      + (f": {detail[-1]}" if detail else ""))
        return target.read_bytes()


def read_word_binary(data: bytes, path: Path | str, doc: str) -> ReadText:
    """The text of a .doc or .wps file, through LibreOffice's DOCX."""
    read = read_docx(convert_to_docx(data, path), path, doc)
    read.kind = "doc"
    read.issues.append(Issue(doc, "info", "Word 97–2003 or WPS file converted to DOCX by LibreOffice"))
    return read


def read_rtf(data: bytes, path: Path | str, doc: str) -> ReadText:
    """The text of an RTF file, through LibreOffice's DOCX."""
    read = read_docx(convert_to_docx(data, path, ".rtf"), path, doc)
    read.kind = "rtf"
    read.issues.append(Issue(doc, "info", "RTF file converted to DOCX by LibreOffice"))
    return read
