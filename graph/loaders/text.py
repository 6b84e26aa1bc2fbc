"""Bytes to clean policy text: decoding, HTML to text, Traditional to Simplified, page chrome out.

Every step keeps a map from each character of its output back to the original
text, so any span of the normalised text traces back to where it was read.
"""
from __future__ import annotations

import html
import re
import unicodedata
from dataclasses import dataclass, field
from html.parser import HTMLParser
from pathlib import Path
from typing import Callable, Optional

from stdkg.loaders.errors import DocumentError
from stdkg.records import Issue

_COMMON_CHARS = set(
    "的一是在不了有和人这中大为上个国我以要他时来用们生到作地于出就分对成会可主发年动同工也能下过子说产种面"
    "而方后多定行学法所民得经十三之进着等部度家电力里如水化高自二理起小物现实加量都两体制机当使点从业本去把性"
    "好应开它合还因由其些然前外天政四日那社义事平形相全表间样与关各重新线内数正心反你明看原又么利比或但质气第"
    "向道命此变条只没结解问意建月公无系军很情者最立代想已通并提直题党程展五果料象员革位入常文总次品式活设及管"
    "特件长求老头基资边流路级少图山统接知较将组见计别她手角期根论运农指几九区强放决西被干做必战先回则任取据处"
    "理标准市府门委局办展务推进设施责单牵头负参与配合"
    "這個們來時對說會國發現動種經開從進種業實體當點學還應與關於質標準門委員辦務導設責單牽頭負參區"
)


def lines_with_starts(text: str) -> list[tuple[int, str]]:
    """Each line of `text` with the offset it starts at."""
    out, pos = [], 0
    for line in text.split("\n"):
        out.append((pos, line))
        pos += len(line) + 1
    return out


@dataclass
class NormalisedText:
    """Clean text, the original it came from, and where each clean character was read."""

    text: str
    original: str
    offsets: list[int]
    issues: list[Issue] = field(default_factory=list)

    def original_span(self, start: int, end: int) -> tuple[int, int]:
        """The span of the original text that `text[start:end]` was read from."""
        if end <= start:
            return self.offsets[start], self.offsets[start]
        return self.offsets[start], self.offsets[end - 1] + 1


def _looks_binary(data: bytes) -> bool:
    sample = data[:65536]
    if b"\x00" in sample:
        return True
    controls = sum(1 for b in sample if b < 32 and b not in (9, 10, 12, 13, 27))
    return controls > max(8, len(sample) // 100)


def _plausibility(text: str) -> float:
    """How much a decoding reads like Chinese prose: share of very common characters."""
    cjk = [c for c in text if "\u4e00" <= c <= "\u9fff"]
    if not cjk:
        return 0.0
    return sum(1 for c in cjk if c in _COMMON_CHARS) / len(cjk)


_CONTAINERS = (
    (b"%PDF-", "a PDF file"),
    (b"PK\x03\x04", "a zip container (Word .docx, WPS or Excel)"),
    (b"\xd0\xcf\x11\xe0", "an OLE file (Word .doc or Excel .xls)"),
    (b"{\\rtf", "an RTF file"),
)
_META_CHARSET = re.compile(rb"""<meta[^>]+charset\s*=\s*["']?([A-Za-z0-9_\-]+)""", re.I)


def decode(data: bytes, path: Path | str = "<bytes>") -> str:
    """Decode UTF-8 (with or without BOM), GB18030/GBK or Big5; raise `DocumentError` on binary or mixed input."""
    if not data.strip():
        raise DocumentError(path, "empty file")
    for magic, kind in _CONTAINERS:
        if data.startswith(magic):
            raise DocumentError(path, f"{kind}, not text: extract its text first (e.g. pdftotext -layout)")
    if data.startswith(b"\xef\xbb\xbf"):
        data = data[3:]
    elif data.startswith((b"\xff\xfe", b"\xfe\xff")):
        try:
            return data.decode("utf-16")
        except UnicodeDecodeError as e:
            raise DocumentError(path, f"undecodable UTF-16 text ({e.reason} at byte {e.start})") from None
    if b"\x00" in data[:4096] and len(data) % 2 == 0:
        for codec in ("utf-16-le", "utf-16-be"):
            try:
                decoded = data.decode(codec)
            except UnicodeDecodeError:
                continue
            if _plausibility(decoded) > 0.2 and not any(c < " " and c not in "\t\n\r\f" for c in decoded[:4096]):
                return decoded
    if _looks_binary(data):
        raise DocumentError(path, "binary file, not text (NUL or control bytes)")
    try:
        return data.decode("utf-8")
    except UnicodeDecodeError as first:
        utf8_error = first
    declared = _META_CHARSET.search(data[:4096])
    if declared:
        name = declared.group(1).decode("ascii").lower()
        if name in ("gb2312", "gbk", "gb18030", "big5", "big5-hkscs"):
            try:
                return data.decode("gb18030" if name.startswith("gb") else name)
            except UnicodeDecodeError:
                pass
    lenient = data.decode("utf-8", errors="replace")
    good = sum(1 for c in lenient if c > "\u07ff" and c != "\ufffd")
    bad = lenient.count("\ufffd")
    if good >= 20 and bad >= 3 and good / (good + bad) > 0.15:
        raise DocumentError(
            path,
            f"mixed encodings: {good} characters read as UTF-8 but {bad} byte runs are not UTF-8 "
            f"(first at byte {utf8_error.start})",
        )
    candidates = []
    for codec in ("gb18030", "big5"):
        try:
            candidates.append((_plausibility(decoded := data.decode(codec)), codec, decoded))
        except UnicodeDecodeError:
            continue
    if not candidates:
        raise DocumentError(path, "undecodable: not UTF-8, GB18030/GBK or Big5 text")
    score, codec, decoded = max(candidates)
    if score < 0.05 and sum(1 for c in decoded if "\u4e00" <= c <= "\u9fff") > 20:
        raise DocumentError(path, f"undecodable: best guess {codec} gives no readable Chinese")
    return decoded


class _Traced:
    """Build an output string while recording, for each character, its index in the step's input."""

    def __init__(self) -> None:
        self.parts: list[str] = []
        self.src: list[int] = []

    def add(self, s: str, at: int | list[int]) -> None:
        self.parts.append(s)
        if isinstance(at, int):
            self.src.extend([at] * len(s))
        else:
            self.src.extend(at)

    def result(self, offsets: list[int]) -> tuple[str, list[int]]:
        text = "".join(self.parts)
        mapped = [offsets[i] for i in self.src]
        mapped.append(offsets[-1])
        return text, mapped


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
        self.out = _Traced()
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


def _html_to_text(raw: str, offsets: list[int]) -> tuple[str, list[int]]:
    parser = _HtmlText(raw)
    parser.feed(raw)
    parser.close()
    return parser.out.result(offsets)


_WIDTH_TABLE = {o: o - 0xFEE0 for o in range(0xFF01, 0xFF5F)}
_WIDTH_TABLE.update({ord(c): " " for c in "\u3000\u00a0\u2002\u2003\u2004\u2005\u2006\u2007\u2008\u2009\u200a\u2028"})
_LENGTH_CHANGING = re.compile(r"\r\n?|[\u200b\u200c\u200d\ufeff\u00ad]|[\u2460-\u24ff]")


def _replace(match: re.Match[str]) -> str:
    ch = match.group(0)
    if ch.startswith("\r"):
        return "\n"
    if "\u2460" <= ch <= "\u24ff":
        return unicodedata.normalize("NFKC", ch)
    return ""


_ENTITY = re.compile(r"&(?:#\d{2,6}|#x[0-9a-fA-F]{2,5}|nbsp|ensp|emsp|ldquo|rdquo|lsquo|rsquo|mdash|ndash|hellip|middot|amp|lt|gt|quot);")


def _unescape_entities(text: str, offsets: list[int], issues: list[Issue], doc: str) -> tuple[str, list[int]]:
    """HTML entities left in text copied from page source (`&nbsp;`, `&ldquo;`) become their characters."""
    if "&" not in text or not _ENTITY.search(text):
        return text, offsets
    out = _Traced()
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


def _width(text: str, offsets: list[int]) -> tuple[str, list[int]]:
    """Line ends to \\n, full-width ASCII to half-width, odd spaces to plain ones (tabs kept: they separate
    table cells), enclosed numerals spelt out."""
    text = text.translate(_WIDTH_TABLE)
    if not _LENGTH_CHANGING.search(text):
        return text, offsets
    out = _Traced()
    last = 0
    for m in _LENGTH_CHANGING.finditer(text):
        out.add(text[last:m.start()], list(range(last, m.start())))
        out.add(_replace(m), m.start())
        last = m.end()
    out.add(text[last:], list(range(last, len(text))))
    return out.result(offsets)


_CJK = re.compile(r"[\u4e00-\u9fff]")
_converter: Optional[Callable[[str], str]] = None


def _t2s() -> Callable[[str], str]:
    global _converter
    if _converter is None:
        import opencc

        _converter = opencc.OpenCC("t2s").convert
    return _converter


def _simplify(text: str, offsets: list[int], issues: list[Issue], doc: str) -> tuple[str, list[int]]:
    """Traditional to Simplified with OpenCC t2s (characters only), when the text is Traditional."""
    convert = _t2s()
    converted = convert(text)
    cjk = len(_CJK.findall(text))
    if len(converted) == len(text):
        changed = sum(map(str.__ne__, text, converted))
    else:
        changed = cjk
    if not cjk or changed / cjk < 0.01:
        return text, offsets
    if len(converted) != len(text):
        converted = "".join(convert(c) if len(convert(c)) == 1 else c for c in text)
    issues.append(Issue(doc, "info", f"Traditional characters converted to Simplified (OpenCC t2s): {changed} characters"))
    return converted, offsets


_TONE = "āáǎàēéěèīíǐìōóǒòūúǔùǖǘǚǜü"
_PINYIN_GLOSS = re.compile(rf"(?<=[\u4e00-\u9fff])\(([a-z{_TONE}]{{1,6}})\)")


def _drop_pinyin(text: str, offsets: list[int], issues: list[Issue], doc: str) -> tuple[str, list[int]]:
    """`國(guó)家` → `国家`: a parenthesised pinyin syllable with a tone mark right after a character."""
    while True:
        before = len(text)
        text, offsets = _drop_pinyin_once(text, offsets, issues, doc)
        if len(text) == before:
            return text, offsets


def _drop_pinyin_once(text: str, offsets: list[int], issues: list[Issue], doc: str) -> tuple[str, list[int]]:
    out = _Traced()
    last = 0
    for m in _PINYIN_GLOSS.finditer(text):
        if not any(c in _TONE for c in m.group(1)):
            continue
        out.add(text[last:m.start()], list(range(last, m.start())))
        last = m.end()
        issues.append(Issue(doc, "info", f"pinyin gloss {m.group(0)} removed"))
    out.add(text[last:], list(range(last, len(text))))
    return out.result(offsets)


def _compact(line: str) -> str:
    return re.sub(r"\s+", "", line)


_CHROME_KEYWORDS = re.compile(
    r"(当前位置|您的位置|您现在的位置|所在位置|首页\s*[>»›/|]|[>»›|]\s*首页|我要纠错|【纠错】|"
    r"(?<!文)字号[:\s]|(?<!文)字号$|字体[:大]|【字体|颜色[:\s]|颜色$|"
    r"[浏访阅点][?�览问读击]次数|浏览次数|访问次数|阅读次数|点击次数|点击数|浏览量|阅读量|访问量|点击量|"
    r"【?打印(本页|此页|文章)?】|【打印|打印本页|关闭窗口|关闭本页|【关闭|分享到|扫一扫|返回顶部|收藏本页|加入收藏|"
    r"上一篇|下一篇|相关附件|相关链接|相关文章|相关阅读|展开阅读全文|阅读全文|"
    r"服务热线|联系电话|咨询电话|电话[:\s]|传真[:\s]|地址[:\s]|邮编[:\s]|邮政编码|e-?mail[:\s]|"
    r"copyright|版权所有|©|icp备|icp证|公网安备|网站标识码|技术支持[:\s]|主办单位|承办单位|主办[:\s]|网站地图|"
    r"联系我们|contact us|官方微信|官方微博|微信公众号|"
    r"快速登录|用户登录|登录|注册|账号[:\s]|密码[:\s]|验证码|记住账号|忘记密码|用户名[:\s]|更多>>|更多»|"
    r"无障碍|长者模式|适老化|简体版|繁体版|"
    r"如果您对.{0,10}有疑问|网上咨询|在手机打开|字体大小)",
    re.I,
)
_WEAK_CHROME = re.compile(r"(登录|注册|地址[:\s]|电话[:\s]|传真[:\s]|邮编[:\s]|无障碍|上一篇|下一篇|阅读全文|网站地图)")
_FOOTER_MARKER = re.compile(
    r"(关闭窗口|【打印|打印】|copyright|版权所有|©|icp备|联系我们|contact us|网站标识码|技术支持|扫一扫|"
    r"如果您对.{0,10}有疑问|相关附件|展开阅读全文|网站地图|主办单位)",
    re.I,
)
_ARTICLE_END = re.compile(r"^\s*[-—–=~]*\s*(END|全文完)\s*[-—–=~]*\s*$|^\s*(往期推荐|往期回顾|推荐阅读|相关推荐)\s*$", re.I)
_METADATA = re.compile(r"(来源|日期|时间|发布|作者|编辑)\s*[:\s]")
_LATIN_MENU = re.compile(r"\b[A-Za-z]*[a-z]{2,}[A-Za-z]*\b")
_SENTENCE_MARK = re.compile(r"[。,;、]")


_TABLE_CELLS = re.compile(r"\s*[|│┃]\s*")
_TABLE_RULE_CELL = re.compile(r"[-—–=:+\s]+")


def _is_table_line(line: str) -> bool:
    """A `|`-separated table line: a header starting `序号 |`, a numbered row, or a rule of dashes."""
    cells = _TABLE_CELLS.split(line.strip().strip("|│┃ "))
    if len(cells) < 3:
        return False
    if all(_TABLE_RULE_CELL.fullmatch(c) for c in cells if c):
        return True
    return bool(re.fullmatch(r"序号|编号|序|\d{1,3}", cells[0]))


def _is_chrome(line: str) -> bool:
    s = line.strip()
    compact = _compact(s)
    if not compact or len(compact) > 60:
        return False
    if re.fullmatch(r"[?�]+", compact):
        return True
    if _ITEM_START.match(s) and not re.match(r"^[•·●○■□◆◇▪\-—]", s):
        return False
    found = _CHROME_KEYWORDS.search(compact) or _CHROME_KEYWORDS.search(s)
    if found and (len(compact) <= 20 or (len(compact) <= 60 and not _WEAK_CHROME.fullmatch(found.group(0)))):
        return True
    parts = [p for p in re.split(r"\s*[|>»›]\s*", s) if p]
    if len(parts) >= 3 and all(len(p) <= 8 for p in parts) and not _SENTENCE_MARK.search(s) and not _is_table_line(s):
        return True
    cjk = sum(1 for c in compact if "\u4e00" <= c <= "\u9fff")
    if len(s) <= 24 and cjk <= 6 and _LATIN_MENU.search(s) and not _SENTENCE_MARK.search(s):
        return True
    return False


def _metadata_cut(line: str) -> Optional[int]:
    """Where chrome starts in a metadata line (`来源:… 日期:… 字号: 颜色:`), if it is one."""
    if len(line) > 200 or not _METADATA.search(line):
        return None
    m = _CHROME_KEYWORDS.search(line)
    if m and m.start() > 0 and _METADATA.search(line[: m.start()]):
        return m.start()
    return None


_PAGE_MARKER = re.compile(
    r"^\s*(?:[-—–~]+\s*\d{1,4}\s*[-—–~]+|第\s*\d{1,4}\s*页(?:\s*[,/]?\s*共\s*\d{1,4}\s*页)?|\d{1,4}\s*/\s*\d{1,4})\s*$"
)


def _running_headers(lines: list[str], numbers: set[int]) -> set[int]:
    """Running headers of a PDF extract: a line that opens two or more pages (after a form feed or a
    page number), the same text each time, is page furniture (`某市人民政府办公厅文件`)."""
    openers: dict[str, list[int]] = {}
    for i, line in enumerate(lines):
        after_number = i > 0 and any(j in numbers for j in range(max(0, i - 2), i)) and not lines[i - 1].strip() \
            or i > 0 and i - 1 in numbers
        if (line.startswith("\f") or after_number) and line.strip("\f \t") and i not in numbers:
            openers.setdefault(line.strip("\f \t"), []).append(i)
    return {i for text, at in openers.items() if len(at) >= 2 and len(text) <= 40 for i in at}


def _page_marker_lines(lines: list[str]) -> set[int]:
    """Page numbers of a PDF extract (`— 2 —`, `第2页 共3页`), running headers, and the blank lines around them."""
    marks = {i for i, line in enumerate(lines) if _PAGE_MARKER.match(line.replace("\f", ""))}
    marks |= _running_headers(lines, marks)
    for i in sorted(marks):
        j = i - 1
        while j >= 0 and not lines[j].strip():
            marks.add(j)
            j -= 1
        j = i + 1
        while j < len(lines) and not lines[j].strip():
            marks.add(j)
            j += 1
    return marks


def _runs_over_page_break(lines: list[str], i: int, page_marks: set[int]) -> bool:
    """Whether line `i`, the last before a page break, is a sentence the next page carries on
    (not a short numbered heading, which ends without punctuation)."""
    body = lines[i].strip()
    if i + 1 not in page_marks or not body or _LINE_END_CLOSED.search(body):
        return False
    item = _ITEM_START.match(body)
    if item and len(body) <= 30 and not _SENTENCE_MARK.search(body, item.end()):
        return False
    j = i + 1
    while j in page_marks:
        j += 1
    if j >= len(lines) or not lines[j]:
        return False
    return lines[j][0] in _NO_LINE_START or _continues(lines[j])


def _drop_chrome(text: str, offsets: list[int], issues: list[Issue], doc: str) -> tuple[str, list[int]]:
    """Drop navigation, login boxes, counters, share buttons and the page footer, line by line."""
    numbered = lines_with_starts(text)
    starts = [pos for pos, _ in numbered]
    lines = [line for _, line in numbered]
    keep_upto = len(lines)
    tail_from = int(len(lines) * 0.6)
    for i in range(tail_from, len(lines)):
        marker = _FOOTER_MARKER.search(lines[i]) and len(_compact(lines[i])) <= 60 and not _ITEM_START.match(lines[i])
        if marker or _ARTICLE_END.match(lines[i]):
            rest = [ln for ln in lines[i:] if ln.strip()]
            if all(len(_compact(ln)) <= 60 and "。" not in ln for ln in rest):
                keep_upto = i
                break
    page_marks = _page_marker_lines(lines)
    out = _Traced()
    dropped = 0
    for i, line in enumerate(lines):
        start = starts[i]
        if i >= keep_upto or i in page_marks:
            dropped += 1
            continue
        cut = _metadata_cut(line)
        if cut is not None:
            kept = line[:cut].rstrip()
            out.add(kept, list(range(start, start + len(kept))))
        elif _is_chrome(line):
            dropped += 1
            if re.fullmatch(r"[?�\s]+", line):
                issues.append(Issue(doc, "warning", f"line of garbled characters dropped: {line.strip()!r}"))
            continue
        else:
            out.add(line, list(range(start, start + len(line))))
            if _runs_over_page_break(lines, i, page_marks):
                continue
        if i < len(lines) - 1:
            out.add("\n", start + len(line))
    if dropped:
        issues.append(Issue(doc, "info", f"{dropped} lines of page chrome dropped"))
    return out.result(offsets)


_ITEM_START = re.compile(
    r"^\s*([一二三四五六七八九十百]+[、.]|\(?[一二三四五六七八九十]+\)|\(?\d+\)|\d+[.、]|第[一二三四五六七八九十百\d]+[章节条部分篇]|[•·●○■□◆◇▪\-—])"
)
_LINE_END_CLOSED = re.compile(r"[。!?;:)」』”》】〕\]]\s*$")


def _display_width(s: str) -> int:
    return sum(2 if unicodedata.east_asian_width(c) in "WF" else 1 for c in s)


def _continues(nxt: str) -> bool:
    """The next line can carry on a sentence: no indentation, no numbering, starts with text."""
    if not nxt or nxt[0].isspace() or _ITEM_START.match(nxt):
        return False
    return "\u4e00" <= nxt[0] <= "\u9fff" or nxt[0] in "“《(〈0123456789—-"


def _hard_wrap_width(lines: list[str]) -> Optional[int]:
    """For text wrapped at a fixed width (a PDF extract), the width past which a line was cut, else None."""
    widths = []
    cut = 0
    for i, line in enumerate(lines[:-1]):
        if len(line) < 20:
            continue
        w = _display_width(line.rstrip())
        if w < 40:
            continue
        widths.append(w)
        if not _LINE_END_CLOSED.search(line) and _continues(lines[i + 1]):
            cut += 1
    if len(widths) < 5 or cut / len(widths) < 0.3:
        return None
    widths.sort()
    return int(widths[int(len(widths) * 0.8)] * 0.7)


# Punctuation Chinese typesetting never puts at the start of a line (避头点): a line opening with it
# carries on the line before.
_NO_LINE_START = ",。;:、!?)」』”》】〕"
# A code or number cut at the wrap width goes on on the next line (`ISO/IEC JTC 1/` | `SC 38`, `SC` | ` 38`).
_CODE_GOES_ON = re.compile(r" ?[A-Za-z0-9]")
_TITLE_END = re.compile(r"(通知|规划|方案|意见|纲要|办法|决定|计划|条例|规定|细则|公告|通告|函)$")
_CONTINUATION_MARK = re.compile(r"[。,;、:)」』”》】〕]")
_TABLE_ROW = re.compile(r"\S(?: {3,}|\t)\S")


def _should_join(line: str, nxt: str, wrap: Optional[int]) -> bool:
    body = line.strip()
    if not body or not nxt or _TABLE_ROW.search(body) or _is_table_line(body):
        return False
    if nxt[0] in _NO_LINE_START:
        return True
    if body.count("(") > body.count(")") and ")" in nxt and nxt.find(")") < 40 and not nxt[0].isspace() \
            and not _ITEM_START.match(nxt):
        return True
    cut_at_width = wrap is not None and _display_width(line.rstrip()) >= wrap
    if cut_at_width and _CODE_GOES_ON.match(nxt) and body[-1].isascii() and not body[-1].isspace() \
            and not _LINE_END_CLOSED.search(body):
        return True
    if not _continues(nxt) or _LINE_END_CLOSED.search(body):
        return False
    if cut_at_width:
        return True
    if body.endswith((",", "、")):
        return True
    return (
        "\u4e00" <= body[-1] <= "\u9fff"
        and len(body) >= 12
        and bool(_SENTENCE_MARK.search(body))
        and not _TITLE_END.search(body)
        and bool(_CONTINUATION_MARK.search(nxt))
    )


def _join_broken_lines(text: str, offsets: list[int], issues: list[Issue], doc: str,
                       wrap: Optional[int]) -> tuple[str, list[int]]:
    """Rejoin a sentence or name cut by a line break (`市市场和质量\\n监管委`), and lines hard-wrapped at `wrap`."""
    lines = text.split("\n")
    out = _Traced()
    pos = 0
    joined = 0
    for i, line in enumerate(lines):
        out.add(line, list(range(pos, pos + len(line))))
        end = pos + len(line)
        pos = end + 1
        if i + 1 < len(lines) and _should_join(line, lines[i + 1], wrap):
            joined += 1
            continue
        if i + 1 < len(lines):
            out.add("\n", end)
    if joined:
        issues.append(Issue(doc, "info", f"{joined} line breaks inside sentences joined"))
    return out.result(offsets)


_GARBLED = re.compile(r"�+|\?{2,}|(?<=[\u4e00-\u9fff])\?(?=[\u4e00-\u9fff\d])")


_QUESTION_WORDS = re.compile(r"(吗|呢|如何|怎么|怎样|什么|是否|为什么|为何|哪|谁|多少|能否|可否)")


def _is_question(text: str, pos: int) -> bool:
    """A `?` that ends a question (a question word earlier in the same sentence) is punctuation, not garble."""
    start = max(text.rfind(c, 0, pos) for c in "。!?;\n")
    return bool(_QUESTION_WORDS.search(text, start + 1, pos))


def _flag_garbled(text: str, issues: list[Issue], doc: str) -> None:
    """Warn about `�` runs and `?` that stand where a character was lost; they are left as read."""
    for m in _GARBLED.finditer(text):
        if m.group(0) == "?" and _is_question(text, m.start()):
            continue
        issues.append(Issue(doc, "warning", f"garbled characters {m.group(0)!r} left as read", m.start(), m.end()))


def normalise(raw: str, doc: str = "") -> NormalisedText:
    """Clean `raw` (plain text or HTML) into policy text with an offset map back to `raw`."""
    issues: list[Issue] = []
    text, offsets = raw, list(range(len(raw) + 1))
    html_input = looks_like_html(raw)
    if html_input:
        text, offsets = _html_to_text(text, offsets)
        issues.append(Issue(doc, "info", "HTML converted to text"))
    else:
        text, offsets = _unescape_entities(text, offsets, issues, doc)
    text, offsets = _width(text, offsets)
    text, offsets = _simplify(text, offsets, issues, doc)
    text, offsets = _drop_pinyin(text, offsets, issues, doc)
    wrap = None if html_input else _hard_wrap_width(text.split("\n"))
    text, offsets = _drop_chrome(text, offsets, issues, doc)
    if not html_input:
        text, offsets = _join_broken_lines(text, offsets, issues, doc, wrap)
    text, offsets = _tidy(text, offsets)
    _flag_garbled(text, issues, doc)
    return NormalisedText(text=text, original=raw, offsets=offsets, issues=issues)


def _tidy(text: str, offsets: list[int]) -> tuple[str, list[int]]:
    """Trailing spaces off each line, runs of blank lines down to one, no leading or trailing blank lines."""
    out = _Traced()
    pos = 0
    blank_run = 0
    started = False
    for line in text.split("\n"):
        stripped = line.rstrip()
        if not stripped.strip():
            blank_run += 1
        else:
            if started:
                out.add("\n" * (2 if blank_run else 1), pos - 1)
            out.add(stripped, list(range(pos, pos + len(stripped))))
            started = True
            blank_run = 0
        pos += len(line) + 1
    return out.result(offsets)
