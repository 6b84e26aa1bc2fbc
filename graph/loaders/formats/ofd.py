"""OFD (GB/T 33190, a zip of XML parts): OFD.xml → the document's Document.xml → each page's
Content.xml → its TextObject/TextCode runs, laid out into lines by position, in page order; a table
ruled with PathObjects read one line per row (`ruled_tables`)."""
from __future__ import annotations

import io
import posixpath
import re
import zipfile
from dataclasses import dataclass
from pathlib import Path
from typing import Iterator, Optional
from xml.etree import ElementTree

from stdkg.loaders.errors import DocumentError
from stdkg.loaders.formats.pages import join_pages
from stdkg.loaders.formats.read import ReadText
from stdkg.loaders.formats.ruled_tables import Rule, find_tables, table_rows

_CELL_GAP = 0.5
_INDENT = 1.5


def _local(tag: str) -> str:
    return tag.rsplit("}", 1)[-1]


def _children(element, name: str) -> Iterator[ElementTree.Element]:
    return (e for e in element.iter() if _local(e.tag) == name)


def _first_text(element, name: str) -> Optional[str]:
    found = next(_children(element, name), None)
    return found.text.strip() if found is not None and found.text else None


def _numbers(text: Optional[str]) -> list[float]:
    return [float(x) for x in re.findall(r"-?\d+(?:\.\d+)?", text or "")]


def _advances(delta: Optional[str]) -> list[float]:
    """The offsets of DeltaX (`g 3 4.2` repeats 4.2 three times)."""
    tokens = (delta or "").split()
    out: list[float] = []
    i = 0
    while i < len(tokens):
        if tokens[i] == "g" and i + 2 < len(tokens):
            out.extend([float(tokens[i + 2])] * int(float(tokens[i + 1])))
            i += 3
        else:
            out.append(float(tokens[i]))
            i += 1
    return out


class _Package:
    def __init__(self, data: bytes, path: Path | str):
        self.path = path
        try:
            self.zip = zipfile.ZipFile(io.BytesIO(data))
        except zipfile.BadZipFile as e:
            raise DocumentError(path, f"corrupt OFD: {e}") from None

    def xml(self, name: str) -> ElementTree.Element:
        name = name.lstrip("/")
        try:
            return ElementTree.fromstring(self.zip.read(name))
        except KeyError:
            raise DocumentError(self.path, f"corrupt OFD: part {name} is missing") from None
        except (ElementTree.ParseError, zipfile.BadZipFile, OSError) as e:
            raise DocumentError(self.path, f"corrupt OFD: part {name} is not readable XML ({e})") from None


def _resolve(base_dir: str, location: str) -> str:
    if location.startswith("/"):
        return location.lstrip("/")
    return posixpath.normpath(posixpath.join(base_dir, location))


def _runs(page: ElementTree.Element) -> list[tuple[float, float, float, float, str]]:
    """(baseline y, left x, right x, size, text) of each TextCode of a page."""
    runs = []
    for obj in _children(page, "TextObject"):
        box = _numbers(obj.get("Boundary")) + [0.0] * 4
        size = float(obj.get("Size") or 3.5)
        for code in _children(obj, "TextCode"):
            text = code.text or ""
            if not text.strip():
                continue
            x = box[0] + float(code.get("X") or 0)
            y = box[1] + float(code.get("Y") or 0)
            advances = _advances(code.get("DeltaX"))
            if len(advances) >= len(text) - 1 and len(text) > 1:
                width = sum(advances[:len(text) - 1]) + size
            else:
                width = sum(size if ord(c) > 0x2e80 else size / 2 for c in text)
            runs.append((y, x, x + width, size, text))
    return runs


_THIN = 0.7


def _rules(page: ElementTree.Element) -> list[Rule]:
    """Thin PathObjects (table borders), in PDF orientation (y up: the page's y negated)."""
    rules = []
    for obj in _children(page, "PathObject"):
        box = _numbers(obj.get("Boundary")) + [0.0] * 4
        x, y, width, height = box[:4]
        if height <= _THIN and width > 4 * _THIN:
            rules.append(Rule(True, -(y + height / 2), x, x + width))
        elif width <= _THIN and height > 4 * _THIN:
            rules.append(Rule(False, x + width / 2, -(y + height), -y))
    return rules


@dataclass
class _Run:
    """A TextCode as the table reader sees a glyph: its text and box, y up."""

    char: str
    left: float
    right: float
    bottom: float
    top: float


def _page_lines(runs: list[tuple[float, float, float, float, str]], rules: list[Rule]) -> list[str]:
    """Runs inside a ruled table come out one line per table row; the other runs on one baseline make
    a line (a wide gap between them is a cell break), and a line starting well right of the page's
    text margin keeps a leading indent."""
    tables = find_tables(rules)
    held: list[list[tuple[int, _Run]]] = [[] for _ in tables]
    free = []
    for n, (y, left, right, size, text) in enumerate(runs):
        run = _Run(text, left, right, -(y + 0.2 * size), -(y - 0.8 * size))
        x_mid, y_mid = (left + right) / 2, (run.top + run.bottom) / 2
        table = next((i for i, t in enumerate(tables) if t.holds(x_mid, y_mid)), None)
        if table is None:
            free.append((y, left, right, size, text))
        else:
            held[table].append((n, run))
    placed = [(y, left, text) for y, left, text in _free_lines(free)]
    for table, table_runs in zip(tables, held):
        placed.extend((-top, table.left, text) for top, text in table_rows(table, table_runs))
    return [text for _, _, text in sorted(placed, key=lambda p: (p[0], p[1]))]


def _free_lines(runs: list[tuple[float, float, float, float, str]]) -> list[tuple[float, float, str]]:
    """(baseline, left, text) of each line of runs outside tables."""
    rows: list[list[tuple[float, float, float, float, str]]] = []
    for run in sorted(runs, key=lambda r: (r[0], r[1])):
        if rows and abs(run[0] - rows[-1][0][0]) <= 0.5 * min(run[3], rows[-1][0][3]):
            rows[-1].append(run)
        else:
            rows.append([run])
    if not rows:
        return []
    margin = min(min(r[1] for r in row) for row in rows)
    lines = []
    for row in rows:
        row.sort(key=lambda r: r[1])
        parts = []
        for i, (_, left, _, size, text) in enumerate(row):
            if i and left - row[i - 1][2] >= _CELL_GAP * size:
                parts.append("\t")
            parts.append(text)
        indent = "  " if row[0][1] - margin >= _INDENT * row[0][3] else ""
        lines.append((row[0][0], row[0][1], indent + "".join(parts)))
    return lines


def read_ofd(data: bytes, path: Path | str, doc: str) -> ReadText:
    """The text of an OFD's first document, page by page. Raises `DocumentError` for a broken package
    or one with no text objects (a scanned image)."""
    package = _Package(data, path)
    root = _first_text(package.xml("OFD.xml"), "DocRoot")
    if not root:
        raise DocumentError(path, "corrupt OFD: OFD.xml names no DocRoot")
    root = root.lstrip("/")
    document = package.xml(root)
    base = posixpath.dirname(root)
    pages = []
    for page in _children(document, "Page"):
        location = page.get("BaseLoc")
        if not location:
            continue
        content = package.xml(_resolve(base, location))
        pages.append(_page_lines(_runs(content), _rules(content)))
    if not pages:
        raise DocumentError(path, "corrupt OFD: Document.xml lists no pages")
    if not any(pages):
        raise DocumentError(path, "no text layer: scanned image; OCR it first")
    return join_pages(pages, "ofd", doc)
