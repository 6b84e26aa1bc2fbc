"""Text and saved HTML files: decoded as `stdkg.loaders.text.decode` reads them; a page whose
markup is cut off (an HTML comment never closed) is refused rather than read as prose."""
from __future__ import annotations

from pathlib import Path

from stdkg.loaders.errors import DocumentError
from stdkg.loaders.formats.read import ReadText
from stdkg.loaders.text import looks_like_html
from stdkg.loaders.text.decode import decode_text
from stdkg.records import Issue


def unclosed_comment(markup: str) -> int | None:
    """Where an HTML comment opens that is never closed, else None."""
    at = 0
    while True:
        start = markup.find("<!--", at)
        if start < 0:
            return None
        end = markup.find("-->", start + 4)
        if end < 0:
            return start
        at = end + 3


def read_text(data: bytes, path: Path | str, doc: str) -> ReadText:
    decoded = decode_text(data, path)
    kind = "html" if looks_like_html(decoded.text) else "text"
    if kind == "html":
        start = unclosed_comment(decoded.text)
        if start is not None:
            line = decoded.text.count("\n", 0, start) + 1
            raise DocumentError(path, f"broken HTML: a comment `<!--` opened on line {line} is never closed "
                                      "(the page is cut off or malformed)")
    return ReadText(decoded.text, kind, issues=[Issue(doc, "warning", note) for note in decoded.notes])
