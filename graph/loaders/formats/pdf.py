"""PDF with a text layer, read with pypdfium2 (PDFium): lines in reading order, ruled tables one line
per row (`ruled_tables`), wide gaps as cell breaks, indented lines kept indented, page furniture left
out (`pages.join_pages`)."""
from __future__ import annotations

import ctypes
from dataclasses import dataclass
from pathlib import Path

from stdkg.loaders.errors import DocumentError
from stdkg.loaders.formats.pages import join_pages
from stdkg.loaders.formats.read import ReadText
from stdkg.loaders.formats.ruled_tables import Rule, Table, find_tables, table_rows
from stdkg.records import Issue

_CELL_GAP = 0.7
_INDENT = 1.5
# A full-width punctuation mark inks only part of its advance, so its box leaves a gap beside it.
_PUNCTUATION_SLACK = 0.6
_THIN = 2.0


@dataclass
class _Glyph:
    """A character with its advance (left, right) and its ink (bottom, top)."""

    char: str
    left: float
    right: float
    bottom: float
    top: float


def _page_rules(page) -> list[Rule]:
    """Thin filled or stroked rectangles and lines of a page (inside form objects too): the border
    segments tables are drawn with. Read through PDFium's C API, without a Python object per item."""
    import pypdfium2.raw as raw

    rules: list[Rule] = []
    left, bottom, right, top = (ctypes.c_float() for _ in range(4))

    def visit(count: int, get) -> None:
        for i in range(count):
            obj = get(i)
            kind = raw.FPDFPageObj_GetType(obj)
            if kind == raw.FPDF_PAGEOBJ_FORM:
                visit(raw.FPDFFormObj_CountObjects(obj), lambda j, o=obj: raw.FPDFFormObj_GetObject(o, j))
                continue
            if kind != raw.FPDF_PAGEOBJ_PATH or not raw.FPDFPageObj_GetBounds(obj, left, bottom, right, top):
                continue
            width, height = right.value - left.value, top.value - bottom.value
            if height <= _THIN and width > 4 * _THIN:
                rules.append(Rule(True, (top.value + bottom.value) / 2, left.value, right.value))
            elif width <= _THIN and height > 4 * _THIN:
                rules.append(Rule(False, (left.value + right.value) / 2, bottom.value, top.value))

    handle = page.raw
    visit(raw.FPDFPage_CountObjects(handle), lambda i: raw.FPDFPage_GetObject(handle, i))
    return rules


def _page_glyph_lines(textpage, raw) -> tuple[list[list[_Glyph]], int]:
    """The page's glyphs split into PDFium's lines (at its generated line ends), and how many glyphs
    PDFium could not map to a character."""
    lines: list[list[_Glyph]] = [[]]
    unmapped = 0
    box = raw.FS_RECTF()
    left, right, bottom, top = (ctypes.c_double() for _ in range(4))
    handle = textpage.raw
    for i in range(textpage.count_chars()):
        code = raw.FPDFText_GetUnicode(handle, i)
        generated = raw.FPDFText_IsGenerated(handle, i) == 1
        if generated and code in (10, 13):
            if code == 10 and lines[-1]:
                lines.append([])
            continue
        if raw.FPDFText_HasUnicodeMapError(handle, i) == 1:
            unmapped += 1
        if code in (0, 0xFFFE, 0xFFFF):
            continue
        char = chr(code)
        if char in "\r\n":
            if lines[-1]:
                lines.append([])
            continue
        raw.FPDFText_GetLooseCharBox(handle, i, ctypes.byref(box))
        raw.FPDFText_GetCharBox(handle, i, left, right, bottom, top)
        lines[-1].append(_Glyph(char, box.left, box.right, bottom.value, top.value))
    return [line for line in lines if any(not g.char.isspace() for g in line)], unmapped


def _extent(line: list[_Glyph]) -> tuple[float, float, float]:
    """(left, bottom, top) of the visible glyphs of a line."""
    ink = [g for g in line if not g.char.isspace()]
    return min(g.left for g in ink), min(g.bottom for g in ink), max(g.top for g in ink)


def _rows(lines: list[list[_Glyph]]) -> list[list[_Glyph]]:
    """Lines ordered top to bottom; lines side by side on one row (cells PDFium kept apart) merged, left to right."""
    extents = sorted(((_extent(ln), ln) for ln in lines), key=lambda e: (-e[0][2], e[0][0]))
    rows: list[tuple[tuple[float, float, float], list[tuple[float, list[_Glyph]]]]] = []
    for (left, bottom, top), line in extents:
        if rows:
            (_, row_bottom, row_top), members = rows[-1]
            overlap = min(top, row_top) - max(bottom, row_bottom)
            if overlap > 0.5 * min(top - bottom, row_top - row_bottom):
                members.append((left, line))
                continue
        rows.append(((left, bottom, top), [(left, line)]))
    out = []
    for _, members in rows:
        merged: list[_Glyph] = []
        for _, line in sorted(members, key=lambda m: m[0]):
            merged.extend(line)
        out.append(merged)
    return out


def _em(rows: list[list[_Glyph]]) -> float:
    """The width of a Chinese character on the page (the median advance), else of any character."""
    widths = sorted(g.right - g.left for row in rows for g in row if "\u4e00" <= g.char <= "\u9fff")
    if not widths:
        widths = sorted(2 * (g.right - g.left) for row in rows for g in row if not g.char.isspace())
    return max(widths[len(widths) // 2], 1.0) if widths else 10.0


def _full_width_punctuation(char: str) -> bool:
    return "\u3000" <= char <= "\u303f" or "\uff00" <= char <= "\uff65" or char in "“”‘’—…·"


def _line_text(line: list[_Glyph], em: float) -> str:
    """The glyphs of a line as text: a gap of 0.7 of a character or more between two glyphs' advance
    boxes is a cell break (tab); a space, in the file or inferred by PDFium, is kept as one space."""
    out: list[str] = []
    last = None
    pending_space = False
    for g in line:
        if g.char.isspace():
            pending_space = True
            continue
        if last is not None:
            gap = g.left - last.right
            if _full_width_punctuation(g.char) or _full_width_punctuation(last.char):
                gap -= _PUNCTUATION_SLACK * em
            if gap >= _CELL_GAP * em:
                out.append("\t")
            elif pending_space:
                out.append(" ")
        out.append(g.char)
        last = g
        pending_space = False
    return "".join(out)


def _page_lines(glyph_lines: list[list[_Glyph]], tables: list[Table]) -> list[str]:
    """Text of each row, top to bottom, and of each ruled table one line per table row. A row starting
    well right of the page's text margin (an indented first line of a paragraph, a centred title)
    keeps a leading indent."""
    in_table: list[list[tuple[int, _Glyph]]] = [[] for _ in tables]
    free: list[list[_Glyph]] = []
    for line_no, line in enumerate(glyph_lines):
        rest = []
        for g in line:
            x, y = (g.left + g.right) / 2, (g.top + g.bottom) / 2
            table = next((i for i, t in enumerate(tables) if t.holds(x, y)), None)
            if table is None:
                rest.append(g)
            else:
                in_table[table].append((line_no, g))
        if any(not g.char.isspace() for g in rest):
            free.append(rest)
    placed: list[tuple[float, float, str]] = []
    rows = _rows(free)
    if rows:
        em = _em(rows)
        lefts = [_extent(r)[0] for r in rows]
        margin = min(lefts)
        for row, left in zip(rows, lefts):
            indent = "  " if left - margin >= _INDENT * em else ""
            placed.append((_extent(row)[2], left, indent + _line_text(row, em)))
    for table, glyphs in zip(tables, in_table):
        placed.extend((top, table.left, text) for top, text in table_rows(table, glyphs))
    return [text for _, _, text in sorted(placed, key=lambda p: (-p[0], p[1]))]


def read_pdf(data: bytes, path: Path | str, doc: str) -> ReadText:
    """Text of each page of a PDF. Raises `DocumentError` for an encrypted, corrupt or image-only PDF."""
    import pypdfium2 as pdfium
    import pypdfium2.raw as raw

    try:
        pdf = pdfium.PdfDocument(data)
    except pdfium.PdfiumError as e:
        if getattr(e, "err_code", None) == raw.FPDF_ERR_PASSWORD or "password" in str(e).lower():
            raise DocumentError(path, "encrypted PDF: a password is needed to open it; save an unencrypted copy") \
                from None
        raise DocumentError(path, f"corrupt PDF: PDFium cannot open it ({e})") from None
    try:
        pages: list[list[str]] = []
        empty: list[int] = []
        unmapped = 0
        for number in range(len(pdf)):
            page = pdf[number]
            textpage = page.get_textpage()
            glyph_lines, bad = _page_glyph_lines(textpage, raw)
            unmapped += bad
            lines = _page_lines(glyph_lines, find_tables(_page_rules(page)) if glyph_lines else [])
            if not lines:
                empty.append(number + 1)
            pages.append(lines)
            textpage.close()
            page.close()
    finally:
        pdf.close()
    if not pages or len(empty) == len(pages):
        raise DocumentError(path, "no text layer: scanned image; OCR it first")
    read = join_pages(pages, "pdf", doc)
    if empty:
        read.issues.append(Issue(doc, "warning", f"pages without a text layer (scanned images?): "
                                                 f"{', '.join(map(str, empty))}"))
    if unmapped:
        read.issues.append(Issue(doc, "warning", f"{unmapped} characters PDFium could not map to Unicode"))
    return read
