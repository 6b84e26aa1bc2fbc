"""Pages read from a paged document (PDF, OFD): their lines joined into one text, page numbers and
running headers and footers left out, and the page each character was read on."""
from __future__ import annotations

import re
from dataclasses import replace
from typing import Callable, Optional

from stdkg.loaders.formats.read import ReadText
from stdkg.records import Issue, PolicyRecords

_PAGE_NUMBER = re.compile(
    r"^[-—–~_\s]*(?:第\s*)?\d{1,4}(?:\s*页)?(?:\s*[,/]\s*(?:共\s*)?\d{1,4}\s*页?)?[-—–~_\s]*$"
    r"|^[-—–~\s]*(?:page\s*)?\d{1,4}(?:\s*(?:/|of)\s*\d{1,4})?[-—–~\s]*$",
    re.I,
)
_DIGITS = re.compile(r"\d+")
_EDGE = 2


def _furniture_key(line: str) -> str:
    """A line as compared across pages: spaces out and, outside table rows, digits alike (`第 3 页`)."""
    squeezed = re.sub(r"[ \u3000]+", "", line.strip())
    return squeezed if "\t" in squeezed else _DIGITS.sub("#", squeezed)


def join_pages(pages: list[list[str]], kind: str, doc: str) -> ReadText:
    """Join the lines of each page, top to bottom, into one text. A page number alone on a line at the
    top or bottom of a page is left out, and so is a line that opens or closes most pages the same way
    (digits aside): a running header or footer. A table row repeated at the top of pages (a table's
    heading row printed again on each page) is kept the first time only."""
    counts: dict[str, int] = {}
    for lines in pages:
        edges = {_furniture_key(ln) for ln in lines[:_EDGE] + lines[-_EDGE:] if ln.strip()}
        for key in edges:
            counts[key] = counts.get(key, 0) + 1
    repeated = {k for k, n in counts.items() if len(pages) >= 2 and n >= max(2, (len(pages) + 1) // 2) and len(k) <= 60}
    parts: list[str] = []
    starts: list[int] = []
    at = 0
    dropped = 0
    seen_rows: set[str] = set()
    for lines in pages:
        edge = set(range(min(_EDGE, len(lines)))) | set(range(max(0, len(lines) - _EDGE), len(lines)))
        kept = []
        for i, line in enumerate(lines):
            key = _furniture_key(line)
            if i in edge and line.strip() and (_PAGE_NUMBER.match(line) or key in repeated):
                if "\t" in key and key not in seen_rows:
                    seen_rows.add(key)
                    kept.append(line)
                    continue
                dropped += 1
                continue
            if "\t" in key:
                seen_rows.add(key)
            kept.append(line)
        body = "\n".join(kept)
        if parts:
            parts.append("\n")
            at += 1
        starts.append(at)
        parts.append(body)
        at += len(body)
    issues = []
    if dropped:
        issues.append(Issue(doc, "info", f"{dropped} page numbers and running header or footer lines left out"))
    return ReadText("".join(parts), kind, starts, issues)


def paginate(records: PolicyRecords, page_of: Callable[[int], Optional[int]]) -> PolicyRecords:
    """Each provenance of `records` with the page its span starts on (`page_of(start)`)."""

    def with_page(item):
        prov = getattr(item, "provenance", None)
        if prov is None:
            return item
        return replace(item, provenance=replace(prov, page=page_of(prov.start)))

    records.plan = with_page(records.plan) if records.plan is not None else None
    records.sections = [with_page(s) for s in records.sections]
    records.measures = [with_page(m) for m in records.measures]
    records.responsibilities = [with_page(r) for r in records.responsibilities]
    records.targets = [with_page(t) for t in records.targets]
    records.organisations = [with_page(o) for o in records.organisations]
    return records
