"""Page furniture out: web chrome (navigation, counters, share buttons, footers), metadata tails,
page numbers and running headers of PDF extracts."""
from __future__ import annotations

import re
from typing import Callable, Optional

from stdkg.loaders.text.lines import (
    ITEM_START,
    LINE_END_CLOSED,
    NO_LINE_START,
    SENTENCE_MARK,
    compact,
    continues,
    is_table_line,
    lines_with_starts,
)
from stdkg.loaders.text.traced import Traced
from stdkg.records import Issue

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


def _is_chrome(line: str) -> bool:
    s = line.strip()
    squeezed = compact(s)
    if not squeezed or len(squeezed) > 60:
        return False
    if re.fullmatch(r"[?�]+", squeezed):
        return True
    if ITEM_START.match(s) and not re.match(r"^[•·●○■□◆◇▪\-—]", s):
        return False
    found = _CHROME_KEYWORDS.search(squeezed) or _CHROME_KEYWORDS.search(s)
    if found and (len(squeezed) <= 20 or (len(squeezed) <= 60 and not _WEAK_CHROME.fullmatch(found.group(0)))):
        return True
    parts = [p for p in re.split(r"\s*[|>»›]\s*", s) if p]
    if len(parts) >= 3 and all(len(p) <= 8 for p in parts) and not SENTENCE_MARK.search(s) and not is_table_line(s):
        return True
    cjk = sum(1 for c in squeezed if "\u4e00" <= c <= "\u9fff")
    if len(s) <= 24 and cjk <= 6 and _LATIN_MENU.search(s) and not SENTENCE_MARK.search(s):
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
    if i + 1 not in page_marks or not body or LINE_END_CLOSED.search(body):
        return False
    item = ITEM_START.match(body)
    if item and len(body) <= 30 and not SENTENCE_MARK.search(body, item.end()):
        return False
    j = i + 1
    while j in page_marks:
        j += 1
    if j >= len(lines) or not lines[j]:
        return False
    return lines[j][0] in NO_LINE_START or continues(lines[j])


def drop_chrome(text: str, offsets: list[int], issues: list[Issue], doc: str,
                rejoins: Optional[Callable[[str, str], bool]] = None) -> tuple[str, list[int]]:
    """Drop navigation, login boxes, counters, share buttons and the page footer, line by line. With
    `rejoins` (plain text, whose wrapped lines will be rejoined), a line that carries on the sentence of
    the line kept before it is part of that sentence, not chrome (`…平台` | `全年访问量超过50万人次`)."""
    numbered = lines_with_starts(text)
    starts = [pos for pos, _ in numbered]
    lines = [line for _, line in numbered]
    keep_upto = len(lines)
    tail_from = int(len(lines) * 0.6)
    for i in range(tail_from, len(lines)):
        marker = _FOOTER_MARKER.search(lines[i]) and len(compact(lines[i])) <= 60 and not ITEM_START.match(lines[i])
        if marker or _ARTICLE_END.match(lines[i]):
            rest = [ln for ln in lines[i:] if ln.strip()]
            if all(len(compact(ln)) <= 60 and "。" not in ln for ln in rest):
                keep_upto = i
                break
    page_marks = _page_marker_lines(lines)
    out = Traced()
    dropped = 0
    kept_before = False
    for i, line in enumerate(lines):
        start = starts[i]
        carries_on = kept_before and rejoins is not None and rejoins(lines[i - 1], line)
        kept_before = False
        if i >= keep_upto or i in page_marks:
            dropped += 1
            continue
        cut = _metadata_cut(line)
        if cut is not None:
            kept = line[:cut].rstrip()
            out.add(kept, list(range(start, start + len(kept))))
        elif not carries_on and _is_chrome(line):
            dropped += 1
            if re.fullmatch(r"[?�\s]+", line):
                issues.append(Issue(doc, "warning", f"line of garbled characters dropped: {line.strip()!r}"))
            continue
        else:
            out.add(line, list(range(start, start + len(line))))
            kept_before = True
            if _runs_over_page_break(lines, i, page_marks):
                continue
        if i < len(lines) - 1:
            out.add("\n", start + len(line))
    if dropped:
        issues.append(Issue(doc, "info", f"{dropped} lines of page chrome dropped"))
    return out.result(offsets)

