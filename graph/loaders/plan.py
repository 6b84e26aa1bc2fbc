"""Plan metadata: title, issuing body, city or province, date, document number, period."""
from __future__ import annotations

import csv
import re
from collections import Counter
from dataclasses import dataclass
from functools import lru_cache
from typing import Optional

from stdkg.records import Plan, Provenance

from stdkg.vocabulary import ADMIN_DIVISIONS

_NOTICE = re.compile(r"关于印发(.+?)的通知")
_FORWARDED = re.compile(r"^\s*现将《(.+?)》(?:印发|转发)")
_ISSUES = re.compile(r"印发《(.+?)》")
_ABOUT = re.compile(r"^(.{2,40}?(?:政府|办公厅|办公室|委员会|委|局|部|厅|署|院))关于")
_PLAN_WORD = re.compile(r"(规划|纲要|计划|方案|意见|办法|决定|通知|条例|规定|战略)")
_FIELD = r"(发文单位|发文机关|发布机构|来源|来 源)\s*[:\s]\s*"
_ISSUER_FIELD = re.compile(_FIELD + r"([^\s:]{2,40})")
_SIGNATURE_DATE = re.compile(r"^\s*(\d{4})年(\d{1,2})月(\d{1,2})日\s*$", re.M)
_LABELLED_DATE = re.compile(
    r"(成文日期|印发日期|发文日期|发布日期|发布时间|日期|时间)\s*[:\s]?\s*(\d{4})\s*[-年./]\s*(\d{1,2})\s*[-月./]\s*(\d{1,2})"
)
_ANY_DATE = re.compile(r"(\d{4})(?:-(\d{1,2})-(\d{1,2})|年(\d{1,2})月(\d{1,2})日)")
_DOC_NUMBER = re.compile(r"([\u4e00-\u9fff]{1,12})\s*[〔\[【(](\d{4})[〕\]】)]\s*(\d{1,4})\s*号")
_NUMBER_LEAD = re.compile(r"^(发文字号|文号|字号|根据|按照|依据|印发|转发|落实|贯彻)")
_PERIOD = re.compile(r"(\d{4})\s*(?:年)?\s*[—\-–~〜至到]+\s*(\d{4})\s*年")
_BARE_PERIOD = re.compile(r"\((\d{4})\s*[—\-–~〜至到]+\s*(\d{4})\)")
_PERIOD_PHRASE = re.compile(r"(规划期|实施期|期限)[为是至:]?\s*(\d{4})\s*(?:年)?\s*[—\-–~至到]+\s*(\d{4})\s*年")


@dataclass(frozen=True)
class Division:
    """A province or prefecture with the short name the corpus uses (`深圳`, `安徽`, `延边`)."""

    name: str
    short: str
    level: str


def short_name(name: str) -> str:
    """`深圳市` → `深圳`, `广西壮族自治区` → `广西`, `延边朝鲜族自治州` → `延边`, `大兴安岭地区` → `大兴安岭`."""
    s = re.sub(r"(壮族|回族|维吾尔)?自治区$", "", name)
    s = re.sub(r"^(.{2,}?)(?:[\u4e00-\u9fff]{1,4}族)+自治州$", r"\1", s)
    s = re.sub(r"(省|市|地区|特别行政区)$", "", s)
    s = re.sub(r"(?<=.{2})盟$", "", s)
    return s if len(s) >= 2 else name


@lru_cache(maxsize=1)
def divisions() -> tuple[Division, ...]:
    """Provinces and prefectures of the national list, placeholders left out."""
    out = []
    with ADMIN_DIVISIONS.open(encoding="utf-8") as f:
        for row in csv.DictReader(f):
            if row.get("is_statistical_placeholder") == "yes":
                continue
            out.append(Division(row["name_zh"], short_name(row["name_zh"]), row["level"]))
    return tuple(out)


def city_in(s: str, *, short_names: bool = False) -> Optional[str]:
    """The short name of the division named in `s`: a prefecture before a province, first mention first."""
    best: dict[str, tuple[int, str]] = {}
    for d in divisions():
        for name in (d.name, d.short) if short_names else (d.name,):
            i = s.find(name)
            if i >= 0 and (d.level not in best or i < best[d.level][0]):
                best[d.level] = (i, d.short)
    for level in ("prefecture", "province"):
        if level in best:
            return best[level][1]
    return None


# The plan a notice issues, cited in its body: 《T》已经区政府同意,现印发给你们 / 现将《T》印发给你们.
_CITED_ISSUE = re.compile(r"《([^《》\n]{4,80})》(?:已经|经)[^。\n]{0,20}同意|现将《([^《》\n]{4,80})》印发")


def _lines(text: str) -> list[str]:
    return [ln.strip() for ln in text.split("\n") if ln.strip()]


def _title(text: str) -> tuple[Optional[str], Optional[str]]:
    """(title, issuer as named before 关于印发/印发) from the notice line, else the first title-like line."""
    head = text[:6000]
    for line in _lines(head):
        m = _NOTICE.search(line)
        if m:
            title = m.group(1).strip()
            title = re.sub(r"^《(.+)》$", r"\1", title)
            issuer = re.split(r"[:,;。]", line[: m.start()])[-1].strip()
            return title, issuer or None
    for line in _lines(head):
        m = _FORWARDED.search(line)
        if m:
            return m.group(1), None
    for line in _lines(head):
        m = _ISSUES.search(line)
        if m and m.start() < 40:
            return m.group(1), re.split(r"[:,;。]", line[: m.start()])[-1].strip() or None
    cited = _CITED_ISSUE.search(head[:3000])
    if cited:
        return cited.group(1) or cited.group(2), None
    lines = _lines(head)
    for line in lines[:15]:
        if len(line) <= 80 and _PLAN_WORD.search(line) and not re.search(r"[。,;:]", line):
            about = _ABOUT.match(line)
            return line, (about.group(1) if about else None)
    return (lines[0] if lines else None), None


def _issuer(text: str, from_title: Optional[str]) -> Optional[str]:
    if from_title:
        return from_title
    head = text[:3000]
    m = _ISSUER_FIELD.search(head)
    if m:
        return m.group(2).strip()
    for sig in _SIGNATURE_DATE.finditer(text[:8000]):
        before = text[: sig.start()].rstrip().rsplit("\n", 1)[-1].strip()
        if before and len(before) <= 40 and re.search(r"(政府|办公厅|办公室|委员会|委|局|部|厅)$", before):
            return before
    return None


_CN_DIGITS = {c: i for i, c in enumerate("〇一二三四五六七八九")} | {"零": 0, "○": 0, "O": 0}
_CN_SIGNATURE_DATE = re.compile(r"^\s*([〇零○O一二三四五六七八九]{4})年([一二三四五六七八九十]{1,3})月([一二三四五六七八九十]{1,3})日\s*$", re.M)


def _cn_number(s: str) -> int:
    """`二〇二二` → 2022 (digit by digit); `十六` → 16, `三十` → 30 (small counts)."""
    if "十" not in s:
        return int("".join(str(_CN_DIGITS[c]) for c in s))
    tens, _, ones = s.partition("十")
    return (_CN_DIGITS[tens] if tens else 1) * 10 + (_CN_DIGITS[ones] if ones else 0)


def _iso(y: str, m: str, d: str) -> str:
    return f"{int(y):04d}-{int(m):02d}-{int(d):02d}"


def _date(text: str) -> Optional[str]:
    head = text[:8000]
    labelled = {m.group(1): m for m in reversed(list(_LABELLED_DATE.finditer(head)))}
    for key in ("成文日期", "印发日期", "发文日期"):
        if key in labelled:
            m = labelled[key]
            return _iso(m.group(2), m.group(3), m.group(4))
    sig = _SIGNATURE_DATE.search(head)
    if sig:
        return _iso(*sig.groups())
    sig = _CN_SIGNATURE_DATE.search(text)
    if sig:
        return _iso(*(str(_cn_number(g)) for g in sig.groups()))
    for key in ("发布日期", "发布时间", "日期", "时间"):
        if key in labelled:
            m = labelled[key]
            return _iso(m.group(2), m.group(3), m.group(4))
    for line in _lines(head)[:6]:
        m = _ANY_DATE.search(line)
        if m:
            y, a, b, c, d = m.groups()
            return _iso(y, a or c, b or d)
    return None


def _doc_number(text: str, title: Optional[str] = None) -> Optional[str]:
    """The document's own number: on a line of its own or after a 文号 label, not a number cited in a sentence;
    or the number given in brackets right after the plan's cited title (`《T》(某政办发〔2024〕18号,以下简称…)`)."""
    head = text[:8000]
    if title:
        cited = re.search(re.escape(f"《{title}》") + r"\s*\(\s*(?:文号:?)?" + _DOC_NUMBER.pattern, head)
        if cited:
            return cited.group(0)[cited.start(1) - cited.start():]
    for m in _DOC_NUMBER.finditer(head):
        line_start = head.rfind("\n", 0, m.start()) + 1
        line_end = head.find("\n", m.end())
        line = head[line_start: len(head) if line_end < 0 else line_end]
        before = head[line_start:m.start()]
        if before.count("《") > before.count("》"):
            continue
        prefix = _NUMBER_LEAD.sub("", m.group(1))
        if not prefix:
            continue
        own_line = len(line.strip()) <= len(m.group(0)) + 12 and "。" not in line
        labelled = bool(re.search(r"(文号|字号|编号):?$", re.sub(r"\s", "", before)))
        if own_line or labelled:
            return m.group(0)[len(m.group(1)) - len(prefix):]
    code = _OWN_STANDARD_CODE.search(head[:1500])
    return code.group(1) if code else None


# A standard's own number on a line of its own on its cover: GB/T 1.1—2020, CY/T 318—2025, DB13/T 5800—2023.
_OWN_STANDARD_CODE = re.compile(r"(?m)^\s*((?:GB|[A-Z]{2}|DB\d{2,6})(?:/[TZ])?\s?\d+(?:\.\d+)*\s?[—\-–]\s?\d{4})\s*$")
_MEDIA = re.compile(r"(?:日报|晚报|报社|新闻网|电视台|广播电视台)$")
# A work report speaks for the year it is delivered in: 政府工作报告, 2024年1月21日.
_WORK_REPORT = re.compile(r"工作报告$")


def _five_year_plan(title: str) -> Optional[tuple[int, int]]:
    """`“十四五”` → (2021, 2025): the Nth five-year plan from the third (1966–1970) on."""
    m = re.search(r"“?十([一二三四五六七八九])五”?", title)
    if not m:
        return None
    n = 10 + "一二三四五六七八九".index(m.group(1)) + 1
    start = 1966 + 5 * (n - 3)
    return start, start + 4


# An annual plan's title names its one year: 2024年全省标准化工作要点, 某市2024年度标准化工作计划.
_ANNUAL_PLAN = re.compile(r"^[^\d]*(\d{4})\s*年度?[^\d]*(?:工作要点|工作计划|工作安排|重点工作|工作任务|任务清单)$")
_PERIOD_AFTER_TITLE = re.compile(r"\s*\(?\s*(\d{4})\s*年?\s*[—\-–~〜至到]+\s*(\d{4})\s*年\s*\)?")


def _period(title: Optional[str], text: str) -> tuple[Optional[int], Optional[int]]:
    """The plan period: in its title, right after a mention of its title, a 规划期 phrase, or the one year
    of an annual plan (工作要点, 工作计划)."""
    if title:
        m = _PERIOD.search(title) or _BARE_PERIOD.search(title)
        if m and int(m.group(1)) <= int(m.group(2)):
            return int(m.group(1)), int(m.group(2))
        head = text[:10000]
        i = head.find(title)
        while i >= 0:
            m = _PERIOD_AFTER_TITLE.match(head, i + len(title))
            if m and int(m.group(1)) <= int(m.group(2)):
                return int(m.group(1)), int(m.group(2))
            i = head.find(title, i + 1)
    m = _PERIOD_PHRASE.search(text[:10000])
    if m:
        return int(m.group(2)), int(m.group(3))
    annual = _ANNUAL_PLAN.search(title) if title else None
    if annual:
        return int(annual.group(1)), int(annual.group(1))
    five = _five_year_plan(title) if title else None
    return five if five else (None, None)


def extract_plan(doc: str, text: str) -> Plan:
    """The plan's own metadata read from the notice, title line, header fields and signature."""
    title, issuer_in_title = _title(text)
    issuer = _issuer(text, issuer_in_title)
    city = None
    if issuer:
        city = city_in(issuer)
    if city is None and title:
        city = city_in(title)
    local_without_name = issuer is not None and re.match(r"^(中共)?[市省区县]", issuer) is not None
    media = issuer is not None and _MEDIA.search(issuer) is not None
    if city is None and (issuer is None or local_without_name or media):
        counts = Counter()
        for d in divisions():
            if d.level == "prefecture":
                n = text.count(d.short)
                if n >= 3:
                    counts[d.short] = n
        if not counts:
            for d in divisions():
                if d.level == "province" and text.count(d.short) >= 3:
                    counts[d.short] = text.count(d.short)
        if counts:
            city = counts.most_common(1)[0][0]
        elif media:
            city = city_in(issuer, short_names=True)  # a provincial or city paper is named by its place: 湖南日报
    start, end = _period(title, text)
    date = _date(text)
    if start is None and title and date and _WORK_REPORT.search(title):
        start = end = int(date[:4])
    provenance = None
    if title:
        i = text.find(title)
        if i >= 0:
            provenance = Provenance(doc, (), i, i + len(title), title, "plan:title")
    return Plan(
        doc=doc,
        title=title or doc,
        city=city,
        issuer=issuer,
        date=date,
        doc_number=_doc_number(text, title),
        period_start=start,
        period_end=end,
        provenance=provenance,
    )
