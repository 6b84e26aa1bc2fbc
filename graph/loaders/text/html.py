"""HTML to text: block tags end lines, table rows become tab-separated lines, chrome elements skipped."""
from __future__ import annotations

import html
import re
from dataclasses import dataclass, field
from html.parser import HTMLParser
from typing import Optional

from stdkg.loaders.text.traced import Traced
from stdkg.records import Issue

_SKIP_TAGS = {"script", "style", "noscript", "head", "nav", "header", "footer", "iframe", "form", "select",
              "button", "template", "svg", "object", "aside"}
_BLOCK_TAGS = {"p", "div", "br", "li", "tr", "h1", "h2", "h3", "h4", "h5", "h6", "table", "section", "article",
               "ul", "ol", "dd", "dt", "dl", "blockquote", "pre", "hr", "center", "main"}
_CELL_TAGS = {"td", "th"}
_VOID_TAGS = {"br", "img", "meta", "link", "input", "hr", "area", "base", "col", "embed", "param", "source",
              "track", "wbr"}
_CHROME_ATTR = re.compile(
    r"(^|[\s_-])(nav|navbar|menu|breadcrumb|crumbs?|footer|foot|share|top-?bar|toolbar|sidebar|related|"
    r"copyright|login|header|banner|position|location|links)($|[\s_-])",
    re.I,
)


@dataclass
class _Table:
    """Where the parser is in an HTML table: the column of the next cell, the open cell, and the cells
    that span down into later rows (column -> rows still to fill, text, source offsets)."""

    column: int = 0
    cell: Optional[tuple[int, int, int, int, int]] = None
    spans: dict[int, list] = field(default_factory=dict)
    breaks: list[int] = field(default_factory=list)
    in_row: bool = False


def _span_of(attrs: list[tuple[str, Optional[str]]], name: str) -> int:
    value = next((v for k, v in attrs if k == name), None) or "1"
    return max(1, min(int(value), 100)) if value.strip().isdigit() else 1


class _HtmlText(HTMLParser):
    def __init__(self, raw: str):
        super().__init__(convert_charrefs=False)
        self.line_starts = [0]
        for m in re.finditer("\n", raw):
            self.line_starts.append(m.end())
        self.out = Traced()
        self.stack: list[tuple[str, bool]] = []
        self.tables: list[_Table] = []

    def _drop_cell_break(self) -> None:
        """The space a block tag left at the end of a cell goes when the cell or row ends."""
        table = self.tables[-1] if self.tables else None
        if table is not None and table.breaks and table.breaks[-1] == len(self.out.parts) - 1:
            table.breaks.pop()
            self.out.parts.pop()
            self.out.src.pop()

    def _cell_separator(self) -> None:
        self._drop_cell_break()
        if self.out.parts and not self.out.parts[-1].endswith("\n"):
            self.out.add("\t", self._pos())

    def _repeat_spanned(self, table: _Table) -> None:
        """Repeat, at the current column, a cell of an earlier row that spans down into this one."""
        left, text, src = table.spans[table.column]
        self._cell_separator()
        self.out.add(text, src)
        if left <= 1:
            del table.spans[table.column]
        else:
            table.spans[table.column][0] = left - 1
        table.column += 1

    def _close_cell(self, table: _Table) -> None:
        """End the open cell: remember it if it spans down; repeat a heading-like cell across the columns
        it spans (`责任单位` over 牵头单位 | 配合单位), so the rows below line up with it."""
        if table.cell is None:
            return
        column, rows, columns, part, src = table.cell
        table.cell = None
        self._drop_cell_break()
        written = "".join(self.out.parts[part:])
        text = written.strip()
        lead = len(written) - len(written.lstrip())
        text_src = self.out.src[src + lead:src + lead + len(text)]
        if rows > 1:
            table.spans[column] = [rows - 1, text, text_src]
        if columns > 1 and text and not re.search(r"\d", text):
            for _ in range(columns - 1):
                self._cell_separator()
                self.out.add(text, text_src)
        table.column = column + columns

    def _pos(self) -> int:
        line, col = self.getpos()
        return self.line_starts[line - 1] + col

    def _block_break(self) -> None:
        """A block tag ends a line. Inside a table cell (Word-exported `<td><p>…</p></td>`) it leaves a
        space, so a row of cells stays one line; a row of one cell (a layout table) gets its line ends back."""
        table = self.tables[-1] if self.tables else None
        if table is None or table.cell is None:
            self._newline()
        elif len(self.out.parts) > table.cell[3] and not self.out.parts[-1].endswith("\n") \
                and (not table.breaks or table.breaks[-1] != len(self.out.parts) - 1):
            table.breaks.append(len(self.out.parts))
            self.out.add(" ", self._pos())

    def _newline(self) -> None:
        self._drop_cell_break()
        if self.out.parts and not self.out.parts[-1].endswith("\n"):
            self.out.add("\n", self._pos())

    def _skipping(self) -> bool:
        return any(skip for _, skip in self.stack)

    def handle_starttag(self, tag, attrs):
        tag = tag.lower()
        self._table_start(tag)
        if tag in _BLOCK_TAGS and not self._skipping():
            self._block_break()
        elif tag in _CELL_TAGS and not self._skipping():
            self._cell_separator()
            if self.tables:
                table = self.tables[-1]
                table.cell = (table.column, _span_of(attrs, "rowspan"), _span_of(attrs, "colspan"),
                              len(self.out.parts), len(self.out.src))
        if tag in _VOID_TAGS:
            return
        attr_text = " ".join(v or "" for k, v in attrs if k in ("class", "id", "role"))
        skip = tag in _SKIP_TAGS or bool(_CHROME_ATTR.search(attr_text))
        self.stack.append((tag, skip))

    def handle_startendtag(self, tag, attrs):
        if tag.lower() in _BLOCK_TAGS and not self._skipping():
            self._block_break()

    def _table_start(self, tag: str) -> None:
        """A table opens (even a skipped one, so that its end pops it), or a row or cell of one begins."""
        if tag == "table":
            self.tables.append(_Table())
        elif not self.tables or self._skipping():
            return
        elif tag == "tr":
            self._row_end(self.tables[-1])
            self.tables[-1].in_row = True
        elif tag in _CELL_TAGS:
            table = self.tables[-1]
            table.in_row = True
            self._close_cell(table)
            while table.column in table.spans:
                self._repeat_spanned(table)

    def _row_end(self, table: _Table) -> None:
        """Close the row: cells spanning down from earlier rows fill its missing columns."""
        self._close_cell(table)
        if table.column < 2:
            for i in table.breaks:
                self.out.parts[i] = "\n"
        table.breaks.clear()
        if table.in_row:
            last = max(table.spans, default=-1)
            while table.column <= last:
                if table.column in table.spans:
                    self._repeat_spanned(table)
                else:
                    self._cell_separator()
                    table.column += 1
        table.column = 0
        table.in_row = False

    def handle_endtag(self, tag):
        tag = tag.lower()
        if tag == "table" and self.tables:
            if not self._skipping():
                self._row_end(self.tables[-1])
            self.tables.pop()
        elif self.tables and not self._skipping():
            if tag in _CELL_TAGS:
                self._close_cell(self.tables[-1])
            elif tag == "tr":
                self._row_end(self.tables[-1])
        if any(t == tag for t, _ in self.stack):
            while self.stack:
                t, _ = self.stack.pop()
                if t == tag:
                    break
        if tag in _BLOCK_TAGS and not self._skipping():
            self._block_break()

    def handle_entityref(self, name):
        if not self._skipping():
            self.out.add(html.unescape(f"&{name};"), self._pos())

    def handle_charref(self, name):
        if not self._skipping():
            self.out.add(html.unescape(f"&#{name};"), self._pos())

    def handle_data(self, data):
        if self._skipping() or not data:
            return
        start = self._pos()
        chars, src = [], []
        for i, ch in enumerate(data):
            if ch in "\r\n":
                continue
            chars.append(ch)
            src.append(start + i)
        if chars and ("".join(chars).strip(" \t") or (self.out.parts and not self.out.parts[-1].endswith("\n"))):
            self.out.add("".join(chars), src)


_HTML_MARKUP = re.compile(r"<(!doctype\s+html|html|body|div|p|br|table|span|head)\b", re.I)


def looks_like_html(raw: str) -> bool:
    """True when the text is markup: a doctype, or several HTML block tags near the start."""
    head = raw[:4096].lstrip()
    if head[:15].lower().startswith(("<!doctype html", "<html")):
        return True
    return len(_HTML_MARKUP.findall(raw[:20000])) >= 5


def html_to_text(raw: str, offsets: list[int]) -> tuple[str, list[int]]:
    parser = _HtmlText(raw)
    parser.feed(raw)
    parser.close()
    return parser.out.result(offsets)


_ENTITY = re.compile(r"&(?:#\d{2,6}|#x[0-9a-fA-F]{2,5}|nbsp|ensp|emsp|ldquo|rdquo|lsquo|rsquo|mdash|ndash|hellip|middot|amp|lt|gt|quot);")


def unescape_entities(text: str, offsets: list[int], issues: list[Issue], doc: str) -> tuple[str, list[int]]:
    """HTML entities left in text copied from page source (`&nbsp;`, `&ldquo;`) become their characters."""
    if "&" not in text or not _ENTITY.search(text):
        return text, offsets
    out = Traced()
    last = 0
    count = 0
    for m in _ENTITY.finditer(text):
        out.add(text[last:m.start()], list(range(last, m.start())))
        out.add(html.unescape(m.group(0)), m.start())
        last = m.end()
        count += 1
    out.add(text[last:], list(range(last, len(text))))
    issues.append(Issue(doc, "info", f"{count} HTML entities in the text replaced by their characters"))
    return out.result(offsets)

