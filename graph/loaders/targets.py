"""Quantitative targets (and achievements already reached) in policy text.

A number with its unit is a *target* when the text sets it as a goal: a goal year
governs it (`到2020年,…`), it sits in a goals section (`发展目标`, `目标:`), or its
clause says so (`达到…以上`, `控制在…以内`, `新增…`, `确保…`). It is a *fact*
when the text reports it as reached (`累计`, `已有`, `共有`, `目前`, `…了`).
Everything else (counts of themes, ordinals, dates, codes) is left alone.
"""
from __future__ import annotations

import re
from dataclasses import dataclass
from difflib import SequenceMatcher

from stdkg import vocabulary
from stdkg.loaders.genres import document_genre
from stdkg.loaders.numerals import as_number, chinese_to_number, parse_number
from stdkg.loaders.sections import SectionIndex
from stdkg.loaders.spans import SpanSet
from stdkg.loaders.target_tables import table_goals
from stdkg.records import Plan, Provenance, Section, Target

UNITS = (
    "批次/千人", "年一遇", "吨标准煤", "微克/立方米", "立方米", "平方米", "个工作日", "工作日", "个月", "小时", "分钟",
    "千克", "公斤", "个百分点", "百分点", "万吨标准煤", "万千瓦时", "万千瓦", "万平方米", "平方公里",
    "万人次", "万人", "万标箱", "家次", "万吨", "万件", "万个", "万家", "万名", "万户", "万套", "万辆", "万亩", "万张",
    "亿元", "万元", "公里", "千米", "公顷", "人次", "标箱", "千瓦",
    "%", "％", "‰", "项", "个", "家", "名", "张", "件", "宗", "块", "天", "吨", "所", "座", "条", "套", "台",
    "辆", "户", "床", "岁", "倍", "篇", "部", "批", "处", "支", "种", "类", "册", "亩", "元", "人", "年", "次", "期",
    "场次", "位", "分", "毫秒", "秒", "Mbps", "Gbps", "ms", "kWh", "kW", "MW", "GW",
)
MONEY_UNITS = ("元", "万元", "亿元")
PER_UNIT = r"/(?:万元|亿元|元|千人|万人|百人|人|户|年|吨|平方米|立方米|亩|公顷|平方公里|千米|公里)"
UNIT_RE = "(?:" + "|".join(re.escape(u) for u in UNITS) + ")(?:" + PER_UNIT + ")?"
CN = "一二三四五六七八九十两百千万"

MENTION = re.compile(
    rf"(?P<approx>近|约)?"
    rf"(?P<num>\d{{1,3}}(?:,\d{{3}})+(?!\d)(?:\.\d+)?|\d+(?:\.\d+)?|[{CN}]+)"
    rf"(?:\s*[—\-~～至到]\s*(?P<num2>\d+(?:\.\d+)?|[{CN}]+))?"
    rf"\s*(?P<more>余|多)?\s*(?P<unit>{UNIT_RE})?\s*(?P<more2>余|多)?"
    rf"(?:\(含[^()\n]{{1,8}}\))?(?P<cmp>及以上|以上|以下|以内)?"
)
# A bare ratio after a comparator word (电能利用效率(PUE)不超过1.3): a goal without a unit.
BARE_RATIO_LEAD = re.compile(r"(?:不超过|不高于|不低于|控制在|低于|高于|≤|≥)\s*$")
CLAUSE_BOUNDARY = ",;。!?:\n\uff0c\uff1b\uff01\uff1f\uff1a"
SENTENCE_END = "。!?\n\uff01\uff1f"
SEGMENT_BOUNDARY = ";。!?\n\uff1b\uff01\uff1f"

YEAR_LEAD = re.compile(r"(?:到|至|力争到|争取到|力争|争取|计划到)\s*(\d{4})\s*年(?:底|末|前)?")
YEAR_AT_CLAUSE_START = re.compile(
    r"^\s*(?:到|至|从|在)?\s*(\d{4})\s*年(?:\d{1,2}\s*月(?:份)?)?(?:底|末|前|内|起)*(?=[\u4e00-\u9fff])(?!度)")
# Cues of the present that give way to a stated intention in the same sentence (今年…将力争…).
PRESENT_CUE = re.compile(r"今年|目前")
# A horizon counted from the document's date (两年内, 未来三年, 今后5年内); not 近三年/过去两年/每两年.
RELATIVE_HORIZON = re.compile(
    r"(?<![近前每这连续去\d〇零一二两三四五六七八九十])(?:未来|今后)?([一二两三四五六七八九十]|\d{1,2})年(?:内|时间内|之内)|(?:未来|今后)([一二两三四五]|\d)年")
FIVE_YEAR_PLAN = re.compile(r"“?十([一二三四五六七八九])五”?(?:期间|时期|末|规划期|以来)")
CN_DIGITS = "一二三四五六七八九"
YEAR_CLAUSE = re.compile(
    r"^\s*(?:从|自|到|至|力争到|争取到)?\s*(\d{4})\s*年(?:\d{1,2}\s*月(?:份)?)?(?:底|末|前|内|起|以后)*\s*$")

def _cue_words(kind: str) -> str:
    return "|".join(re.escape(w) for w in sorted(vocabulary.words("target_cues", "word", kind=kind), key=len, reverse=True))


FUTURE_CUE = re.compile(_cue_words("future"))
FACT_CUE = re.compile(_cue_words("fact") + r"|已(?!知)|(?<!公)共(?![同享建治性识通])|(?<!为)了(?!解)")
# Cues that report a total: with a goal year in the same sentence they total a goal (到2025年,累计发布…).
TOTAL_CUE = re.compile(r"累计|共有|(?<!公)共(?![同享建治性识通])")
GOAL_CUE = re.compile(_cue_words("goal") + r"|达(?!标)")
# Verbs of doing that set a goal only in a plan (a period or a goal year), not in a news report.
ACTION_CUE = re.compile(_cue_words("action"))
# 100%合格 / 100%达标 / 100%覆盖 in a plan with a period: a share to be reached in full.
FULL_ATTAINMENT = re.compile(r"合格|达标|覆盖|通过")
INCENTIVE = re.compile(_cue_words("incentive"))
SCHEME_RULE = re.compile(_cue_words("rule") + "|" + _cue_words("attendance"))
REPORTED = re.compile(_cue_words("reported"))
BACKGROUND = re.compile(_cue_words("background"))
# A count stated as present in a report: 有12个…, 有超30位…, 多达…, 超1300个.
COUNT_LEAD = re.compile(r"(?<!没)(?:有|多达|超|超过)\s*(?:超|近|约)?\s*$")
# The starting level of a change (从50%跃升至85%): only the level reached counts.
STARTING_LEVEL = re.compile(r"\s*(?:跃升|提升|提高|上升|增长|增加|下降|降低|减少|缩短)?\s*(?:至|到)")
# A year a reported number belongs to: 截至2023年底, 2024年, 2023年全省…; not a range (2021—2025年).
FACT_YEAR = re.compile(r"(?<![\d—\-~])(?<!\d年至)(\d{4})\s*年(?!度?\s*[—\-~至]\s*\d)")
HEADING_YEAR = re.compile(r"(?<![\d—\-~至])(\d{4})\s*年(?!\s*[—\-~至])")
LE_WORDS = re.compile(r"≤|<|以下|以内|不超过|不高于|控制在|(?<!不)低于|(?<!不)小于|降至|降到|降低到|降低至|下降到|下降至|缩短至|缩短到|压缩至|压缩到|减少到|减少至|减至")
GE_WORDS = re.compile(r"≥|>|以上|不低于|不少于|超过|至少")
DECREASE = re.compile(r"下降|降低|减少|压减|削减|压缩|缩短|缩减")
LOWER_IS_BETTER = re.compile(r"排放|能耗|水耗|物耗|死亡率|案件|立案数|事故|发生率|污染|浓度|失业率|空置率|投诉")
METRIC_TAIL = re.compile(r"(?:分别)?(?:达到|达|提高到|提升到|增加到|增长到|增至|降低到|降低至|降至|降到|下降到|下降至|缩短至|缩短到|"
                         r"压缩至|压缩到|减少到|减少至|控制在|保持在|稳定在|不低于|不少于|不超过|超过|突破|≤|≥|为|推进到)$")
METRIC_HEAD = re.compile(r"^(?:其中|并|且|同时|力争|确保|争取|计划|实现)")
SCOPE_HEAD = re.compile(r"^(?:全市|全省|全区|全县|全国)")
# Markers that open a list item: ——, │, (1), 1., ①.
LIST_MARKER = re.compile(r"^[\s│|—\-·•]*(?:[(\uff08]\d{1,2}[)\uff09]|\d{1,2}[.、](?!\d)|[①-⑳])?\s*")
HEAD_VERB = re.compile(r"(?:制定|制修订|修订|研制|建设|创建|培育|新增|引进|建立|组建|发布|培养|集聚)$")
LIST_SPLIT = re.compile(r"、|和|及|与")
RATE_NOUN = re.compile(r"(?:率|数|量|比重|比例|总量|指数|覆盖率)$")


@dataclass
class _Mention:
    start: int
    end: int
    value: float
    unit: str | None
    approx: str | None
    more: bool
    cmp_word: str | None
    garbled: bool = False


def extract_targets(doc: str, text: str, sections: list[Section], plan: Plan | None) -> list[Target]:
    """Every quantitative goal in `text`; achievements come back with `is_fact=True`."""
    index = SectionIndex(text, sections)
    shielded = _shielded_spans(text)
    period_start, horizon = _plan_period(text, plan)
    this_year = int(plan.date[:4]) if plan is not None and plan.date and re.match(r"\d{4}", plan.date) else None
    genre = document_genre(text, plan)
    if genre == "standard":
        return []  # a standard's numbers are requirements and definitions, not goals or achievements
    report = genre == "report"
    earliest = this_year if report and this_year else _earliest_goal_year(plan, period_start)
    if horizon is None and not report:
        horizon = _goals_horizon(text, index)
    years = _year_phrases(text, earliest, this_year, horizon is not None)
    goals, table_spans = table_goals(text, earliest)
    shielded += table_spans
    out: list[Target] = [_table_target(doc, text, index, g) for g in goals]
    for m in _mentions(text, SpanSet(shielded)):
        c_start, c_end = _clause(text, m.start, m.end)
        s_start = _segment_start(text, m.start)
        rule_words = re.sub(r"《[^《》]*》", "", text[s_start:c_end])  # a cited title (…能耗限额》) states no rule
        if SCHEME_RULE.search(rule_words) or (m.unit in MONEY_UNITS and INCENTIVE.search(text[c_start:c_end])):
            continue
        if text[m.start - 1:m.start] == "从" and STARTING_LEVEL.match(text, m.end):
            continue
        if text[m.end:c_end].strip() == "的" and text[c_end:c_end + 1] in ",\uff0c":
            continue  # a condition of a rule: 得分在90分(含90分)以上的,确认为…
        s_start = _segment_start(text, m.start)
        own_prefix = text[c_start:m.start]
        year = _governing_year(years, index.scope(m.start), m.start)
        heading_year = _heading_year(index, m.start)
        past_heading = heading_year is not None and earliest is not None and heading_year < earliest
        if year is None and heading_year is not None and not past_heading:
            year = heading_year
        found = _kind(text, m, (c_start, c_end), s_start, years, year, horizon, _in_goal_section(index, text, m.start))
        background = any(BACKGROUND.search(s.heading) for s in index.holding(m.start))
        if report or past_heading or background:
            found = _reported_kind(text, m, (c_start, c_end), s_start, years, None if past_heading else heading_year, found,
                                   this_year)
        if found is None:
            continue
        kind, rule = found
        if kind == "target" and m.approx == "近":
            kind, rule = "fact", "fact:approximate"
        t_start = _text_start(text, c_start, s_start, own_prefix)
        evidence = re.sub(r"^\s*(?:其中|并且|并|同时|且|另外|此外)\s*", "", LIST_MARKER.sub("", text[t_start:c_end])).strip()
        t_start = text.index(evidence, t_start)
        t_end = t_start + len(evidence)
        metrics = _metrics(text, c_start, c_end, t_start, m)
        is_fact = kind == "fact"
        target_year = (_fact_year(text, _sentence_start(text, m.start), m.start, this_year, heading_year) if is_fact
                       else year if year is not None else horizon)
        for metric in metrics:
            comparator = _comparator(text, c_start, m, metric, is_fact)
            note = "近 (nearly)" if m.approx == "近" else "garbled in source: ?00% read as 100%" if m.garbled else None
            out.append(Target(
                doc=doc, text=evidence, metric=metric, value=as_number(m.value), unit=m.unit or None,
                comparator=comparator, year=target_year, section=index.heading(m.start),
                provenance=Provenance(doc, index.path(m.start), t_start, t_end, evidence, rule),
                is_fact=is_fact, note=note,
            ))
    return _dedupe(sorted(out, key=lambda t: t.provenance.start))


def _kind(text: str, m: _Mention, clause: tuple[int, int], s_start: int, years, year: int | None,
          horizon: int | None, in_goal_section: bool) -> tuple[str, str] | None:
    """("target" | "fact", rule) for a mention, or None when it is neither.

    In order: a fact cue in the clause or a past year before it in its segment; a past year opening
    the sentence, whose ; list the year dates (unless the segment states an intention); a fact cue
    earlier in the segment (unless the
    clause states an intention); a goal cue in the clause; a governing goal year; 余/多
    in a plan with a period; a goals section.
    """
    c_start, c_end = clause
    own_prefix = text[c_start:m.start]
    own_clause = own_prefix + text[m.end:c_end]
    year_in_sentence = _governing_year(years, (s_start, m.start), m.start) is not None
    fact_cues = [c.group(0) for c in FACT_CUE.finditer(own_prefix)]
    if FUTURE_CUE.search(own_clause):
        fact_cues = [c for c in fact_cues if not PRESENT_CUE.fullmatch(c)]
    goal_context = year_in_sentence or year is not None or (in_goal_section and horizon is not None)
    if goal_context and all(TOTAL_CUE.fullmatch(c) for c in fact_cues):
        fact_cues = []
    if fact_cues or _dated_in_past(years, s_start, m.start):
        return "fact", "fact:clause-cue"
    if _dated_in_past(years, _sentence_start(text, m.start), m.start) and not FUTURE_CUE.search(text[s_start:c_end]):
        return "fact", "fact:dated-sentence"
    segment_cues = [c.group(0) for c in FACT_CUE.finditer(text[s_start:c_start])]
    if year is not None:
        segment_cues = [c for c in segment_cues if not TOTAL_CUE.fullmatch(c)]
    if FUTURE_CUE.search(text[s_start:c_end]):
        segment_cues = [c for c in segment_cues if not PRESENT_CUE.fullmatch(c)]
    if segment_cues and not FUTURE_CUE.search(own_clause):
        return "fact", "fact:sentence-cue"
    planned = year is not None or horizon is not None
    if (GOAL_CUE.search(own_prefix) or m.cmp_word or GE_WORDS.search(text[m.end:c_end][:3])
            or planned and ACTION_CUE.search(own_prefix)):
        return "target", "target:clause-cue"
    if year is not None:
        return "target", "target:goal-year"
    if m.more and horizon is not None:
        return "target", "target:plan-horizon"
    if horizon is not None and m.unit == "%" and m.value == 100 and FULL_ATTAINMENT.match(text, m.end):
        return "target", "target:full-share"
    if in_goal_section:
        return "target", "target:goal-section"
    return None


def _reported_kind(text: str, m: _Mention, clause: tuple[int, int], s_start: int, years, heading_year: int | None,
                   found: tuple[str, str] | None, this_year: int | None) -> tuple[str, str] | None:
    """In a report (or a section dated before the plan) a number is an achievement unless its segment
    states an intention (将, 力争, 目标), its sentence names a coming year (到2027年, 今年…目标; without the
    document's date only a year led by 到/力争), or its section heading does (2024年工作安排)."""
    c_start, c_end = clause
    sentence = _sentence_start(text, m.start)
    coming = [y for start, end, y, past in years if sentence <= start and end <= m.start and not past
              and (this_year is not None or re.match(r"到|至|力争|争取|计划", text[start:end]))]
    if FUTURE_CUE.search(text[s_start:c_end]) or coming or heading_year is not None:
        return found
    if found is not None:
        return ("fact", "fact:report") if found[0] == "target" else found
    prefix = text[c_start:m.start]
    if GOAL_CUE.search(prefix) or ACTION_CUE.search(prefix) or FACT_CUE.search(prefix) or REPORTED.search(prefix) \
            or COUNT_LEAD.search(prefix):
        return "fact", "fact:report"
    return None


def _heading_year(index: SectionIndex, pos: int) -> int | None:
    """The one year named in the heading of the smallest section holding `pos` that names one (2023年工作回顾)."""
    for section in reversed(index.holding(pos)):
        years = HEADING_YEAR.findall(section.heading)
        if len(set(years)) == 1 and not re.search(r"\d{4}\s*年?\s*[—\-~至]", section.heading):
            return int(years[0])
    return None


def _fact_year(text: str, sentence: int, pos: int, this_year: int | None, heading_year: int | None) -> int | None:
    """The year an achievement belongs to: the last year its sentence names before it (截至2023年底, 2024年,),
    去年/上年 (the year before the document's), 今年 (the document's), else its section heading's year; None
    where none is given."""
    before = text[sentence:pos]
    named = [int(y) for y in FACT_YEAR.findall(before) if this_year is None or int(y) <= this_year]
    if named:
        return named[-1]
    if this_year is not None and re.search(r"去年|上年(?!度)", before):
        return this_year - 1
    if this_year is not None and re.search(r"今年|本年(?!度)", before):
        return this_year
    return heading_year


def _table_target(doc: str, text: str, index: SectionIndex, g) -> Target:
    evidence = text[g.start:g.end]
    if g.comparator_sign in ("≥", ">", "不低于", "不少于", "以上"):
        comparator = ">="
    elif g.comparator_sign in ("≤", "<", "不高于", "不超过", "以下", "以内"):
        comparator = "<="
    else:
        comparator = "<=" if LOWER_IS_BETTER.search(g.metric) else ">="
    return Target(
        doc=doc, text=evidence, metric=g.metric, value=as_number(g.value), unit=g.unit,
        comparator="=" if g.reached else comparator, year=g.year, section=index.heading(g.start),
        provenance=Provenance(doc, index.path(g.start), g.start, g.end, evidence,
                              "fact:table-base-year" if g.reached else "target:table"),
        is_fact=g.reached,
    )


def _mentions(text: str, shielded: SpanSet) -> list[_Mention]:
    found = []
    for m in MENTION.finditer(text):
        num, unit, cmp_word = m.group("num"), m.group("unit"), m.group("cmp")
        start = m.start("approx") if m.group("approx") else m.start("num")
        if shielded.holds(start):
            continue
        before = text[max(0, m.start("num") - 4):m.start("num")]
        if re.search(r"[A-Za-z0-9.\-/]\s?$|第\s?$", before):
            continue
        after = text[m.end():m.end() + 2]
        if unit is None:
            bare_ratio = "." in num and BARE_RATIO_LEAD.search(text[max(0, m.start("num") - 4):m.start("num")])
            if num[0] not in "0123456789" or (cmp_word is None and not bare_ratio) or re.match(r"\d{4}$", num):
                continue
        chinese = num[0] not in "0123456789"
        more = bool(m.group("more") or m.group("more2"))
        if chinese:
            if unit is None or re.search(r"每\s?$", before):
                continue
            try:
                value = parse_number(num)
            except ValueError:
                continue
            if len(num) == 1 and num in "百千万":
                if unit not in ("名", "家", "项", "个"):
                    continue
            elif value < 10 and not more and cmp_word is None and not _closes_goal_clause(text, m.start("num"), m.end()):
                continue
        else:
            value = float(num.replace(",", ""))
        garbled = _lost_leading_one(text, m.start("num"), num, unit)
        if garbled:
            value, start = 100.0, start - 1
        if unit == "元" and after[:1] in "/":
            continue
        if unit == "年" and (value >= 100 or not (cmp_word or re.match(r"\s*(?:以上|以下|以内)", after))):
            continue
        if after[:1] == "的" and cmp_word is None:
            continue
        if unit in ("小时", "分钟", "天", "个工作日", "工作日") and cmp_word is None and re.match(r"[\u4e00-\u9fff]", after) \
                and not re.match(r"[内以]", after):
            continue
        if unit in ("%", "％") and after[:1].isdigit():
            continue
        if re.match(r"\s*/\s*\d", text[m.end("num"):m.end("num") + 3]) and unit is None:
            continue
        end = m.end()
        while end > start and text[end - 1].isspace():
            end -= 1
        found.append(_Mention(start, end, value, unit, m.group("approx"), more, cmp_word, garbled))
    return found


def _lost_leading_one(text: str, num_start: int, num: str, unit: str | None) -> bool:
    """`?00%合格`: a mis-decoded byte swallowed the leading digit, and a share that cannot pass 100% makes it 1."""
    return (num == "00" and unit in ("%", "％") and text[num_start - 1:num_start] == "?"
            and bool(FULL_ATTAINMENT.match(text, num_start + len(num) + 1)))


def _closes_goal_clause(text: str, start: int, end: int) -> bool:
    """A small count stated as a goal at the end of its clause (建成…创新基地三个)."""
    c_start, c_end = _clause(text, start, end)
    prefix = text[c_start:start]
    return not text[end:c_end].strip() and bool(GOAL_CUE.search(prefix) or ACTION_CUE.search(prefix))


def _shielded_spans(text: str) -> list[tuple[int, int]]:
    """Quoted names and cited titles: numbers inside them are part of a name."""
    spans = []
    for open_, close in (("“", "”"), ("《", "》"), ("〈", "〉"), ("「", "」")):
        for m in re.finditer(re.escape(open_) + r"[^" + re.escape(open_ + close) + r"\n]{0,40}" + re.escape(close), text):
            spans.append((m.start(), m.end()))
    # A title cited in 《》 may be long (…关于批准承担…9个…的通知); its numbers are part of the title.
    for m in re.finditer(r"《[^《》\n]{41,120}》", text):
        spans.append((m.start(), m.end()))
    for m in re.finditer(r"[(（]\s*\d{4}\s*[—\-–~至]\s*\d{4}\s*年?\s*[)）]", text):
        spans.append((m.start(), m.end()))
    return spans


def _plan_period(text: str, plan: Plan | None) -> tuple[int | None, int | None]:
    """(start, end) years of the plan: from the plan record, else its title (or, with no plan, the text's head)."""
    if plan is not None and plan.period_end:
        return plan.period_start, plan.period_end
    source = plan.title if plan is not None else text[:600]
    m = re.search(r"(\d{4})\s*[—\-–~至]\s*(\d{4})\s*年", source or "")
    if m:
        return int(m.group(1)), int(m.group(2))
    m = re.search(r"[(（]\s*(\d{4})\s*年?\s*[)）]", source or "")
    if m and plan is not None:
        return int(m.group(1)), int(m.group(1))
    m = re.search(r"十([一二三四五六七八九])五", source or "")
    if m:
        end = 1955 + 5 * (11 + CN_DIGITS.index(m.group(1)))
        return end - 4, end
    return None, None


def _goals_horizon(text: str, index: SectionIndex) -> int | None:
    """A plan without a period looks as far as its goals section's first goal year (二、主要目标 到2027年,…)."""
    for m in YEAR_LEAD.finditer(text):
        if any("目标" in s.heading for s in index.holding(m.start())):
            return int(m.group(1))
    return None


def _earliest_goal_year(plan: Plan | None, period_start: int | None) -> int | None:
    if period_start:
        return period_start
    if plan is not None and plan.date and re.match(r"\d{4}", plan.date):
        return int(plan.date[:4])
    return None


def _year_phrases(text: str, earliest: int | None, this_year: int | None = None,
                  has_period: bool = False) -> list[tuple[int, int, int, bool]]:
    """(start, end, year, past) of every phrase naming a goal year: 到2020年, 2015年,, 从2015年起, “十四五”期间.

    A year before the plan's start (or its date) is `past`: it dates an achievement. A relative
    horizon (两年内, 未来三年) counts from the document's year, but only in a plan with a period:
    a news report's `未来两年内` names no calendar year.
    """
    found = []
    for m in YEAR_LEAD.finditer(text):
        found.append((m.start(), m.end(), int(m.group(1))))
    for m in FIVE_YEAR_PLAN.finditer(text):
        found.append((m.start(), m.end(), 1955 + 5 * (11 + CN_DIGITS.index(m.group(1)))))
    # Clauses are walked left to right and each starts past the last one's end, so only the
    # phrases found above can hold a clause's start.
    named = SpanSet(found)
    pos = 0
    while pos < len(text):
        c_start, c_end = _clause(text, pos, pos)
        taken = named.holds(c_start)
        m = YEAR_CLAUSE.match(text[c_start:c_end])
        if m and not taken:
            found.append((c_start, c_end, int(m.group(1))))
        lead = YEAR_AT_CLAUSE_START.match(text[c_start:c_end])
        if not m and lead and not taken:
            found.append((c_start, c_start + lead.end(), int(lead.group(1))))
        pos = c_end + 1
    if this_year is not None:
        for m in re.finditer(r"今年|明年", text):
            sentence_end = next((i for i in range(m.end(), len(text)) if text[i] in SEGMENT_BOUNDARY), len(text))
            if FUTURE_CUE.search(text[m.end():sentence_end]):
                found.append((m.start(), m.end(), this_year + (m.group(0) == "明年")))
        for m in RELATIVE_HORIZON.finditer(text) if has_period else ():
            n = m.group(1) or m.group(2)
            found.append((m.start(), m.end(), this_year + int(chinese_to_number(n) if not n.isdigit() else n)))
    good = []
    for start, end, year in found:
        if re.search(r"[比较与同自截—\-~]\s*$", text[max(0, start - 2):start]):
            continue
        good.append((start, end, year, earliest is not None and year < earliest))
    return sorted(good)


def _governing_year(years: list[tuple[int, int, int, bool]], scope: tuple[int, int], pos: int) -> int | None:
    """The last goal year named in `scope` before `pos`."""
    year = None
    for start, end, y, past in years:
        if scope[0] <= start and end <= pos and not past:
            year = y
    return year


def _sentence_start(text: str, pos: int) -> int:
    """Start of the sentence holding `pos`: after the last 。!? or line break (a ; list stays one sentence)."""
    s = pos
    while s > 0 and text[s - 1] not in SENTENCE_END:
        s -= 1
    return s


def _dated_in_past(years: list[tuple[int, int, int, bool]], s_start: int, pos: int) -> bool:
    """Whether the last year named in the sentence before `pos` is before the plan (“十三五”时期,… / 2020年,…)."""
    last = [past for start, end, _, past in years if s_start <= start and end <= pos]
    return bool(last) and last[-1]


def _in_goal_section(index: SectionIndex, text: str, pos: int) -> bool:
    if any("目标" in s.heading for s in index.holding(pos)):
        return True
    p_start, _ = index.paragraph(pos)
    return bool(re.match(r"\s*(?:[(（][一二三四五六七八九十]+[)）]|[一二三四五六七八九十]+、)?\s*(?:发展|主要|总体|具体)?目标[:：。]", text[p_start:pos]))


def _clause(text: str, start: int, end: int) -> tuple[int, int]:
    c_start = start
    while c_start > 0 and text[c_start - 1] not in CLAUSE_BOUNDARY:
        c_start -= 1
    c_end = end
    while c_end < len(text) and text[c_end] not in CLAUSE_BOUNDARY:
        c_end += 1
    return c_start, c_end


def _segment_start(text: str, pos: int) -> int:
    s = pos
    while s > 0 and text[s - 1] not in SEGMENT_BOUNDARY:
        s -= 1
    return s


def _text_start(text: str, c_start: int, s_start: int, own_prefix: str) -> int:
    """Start of the evidence: the clause, with a bare year phrase or the stated subject before it."""
    if c_start <= s_start:
        return c_start
    p_start, _ = _clause(text, c_start - 1, c_start - 1)
    previous = text[p_start:c_start - 1]
    if YEAR_CLAUSE.match(previous):
        return p_start
    if re.match(r"\s*(?:分别)?(?:达到|达|提高到|控制在|降至|降低到)", own_prefix):
        return p_start
    return c_start


def _metrics(text: str, c_start: int, c_end: int, t_start: int, m: _Mention) -> list[str]:
    """The quantity the number measures, as the clause names it (one per item of a 分别 list)."""
    prefix = LIST_MARKER.sub("", text[c_start:m.start])
    prefix = re.sub(r"^\s*(?:到|至|从)?\s*\d{4}\s*年(?:底|末|起)?\s*[,，]?", "", prefix)
    prefix = RELATIVE_HORIZON.sub("", prefix, count=1) if RELATIVE_HORIZON.match(prefix.strip()) else prefix
    pieces = re.split(r"\d+(?:\.\d+)?\s*(?:余|多)?\s*(?:" + UNIT_RE + r")(?:余|多)?(?:以上|以下|以内)?\s*、", prefix)
    if len(pieces) > 1 and pieces[-1].strip() and "分别" not in prefix:
        prefix = pieces[-1]
    head = METRIC_TAIL.sub("", prefix.strip())
    head = METRIC_HEAD.sub("", head).strip()
    if t_start < c_start and not head:
        previous = text[t_start:c_start - 1]
        head = re.split(r"比\s*\d{4}|下降|提高", previous)[0]
        head = re.sub(r"^\s*\d{4}\s*年\s*[,，]?", "", head).strip()
    if "分别" in prefix:
        items = [SCOPE_HEAD.sub("", METRIC_HEAD.sub("", x.strip())) for x in LIST_SPLIT.split(prefix.split("分别")[0])
                 if x.strip()]
        values = _list_position(text, c_start, m)
        if items and values is not None and values < len(items):
            return [_join_metric(items, values)]
    tail = text[m.end:c_end]
    tail = re.sub(r"^\s*(?:以上|以下|以内)?\s*的?", "", tail).strip()
    if tail and (len(head) <= 6 or m.unit in ("%", "％")):
        return [(head + tail).strip()]
    verb = HEAD_VERB.search(head)
    if tail and verb:
        return [verb.group(0) + tail]
    parts = [x for x in re.split(r"和|及", head) if x]
    if len(parts) > 1 and all(RATE_NOUN.search(x) for x in parts):
        return parts
    return [head]


def _list_position(text: str, c_start: int, m: _Mention) -> int | None:
    """Which value of a `分别 a、b、c` list this mention is (0-based)."""
    after = text[c_start:m.start]
    if "分别" not in after:
        return None
    tail = after.split("分别", 1)[1]
    return len(re.findall(r"\d(?:\.\d+)?\s*[^\d、]*、", tail))


def _join_metric(items: list[str], i: int) -> str:
    """Item `i` of a 分别 list, completed from its neighbours (每千人口床位数、医生数 → 每千人口医生数)."""
    item = items[i].strip()
    per = re.match(r"每[^、和及]{0,4}?(?:人口|人|户)", items[0].strip())
    if i > 0 and per and not item.startswith("每"):
        item = per.group(0) + item
    last = items[-1].strip()
    shared = re.search(r"(排放总量|总量|数|率)$", last)
    if i < len(items) - 1 and shared and not item.endswith(shared.group(1)):
        return item + shared.group(1) if shared.group(1) != "数" else item
    return item


def _comparator(text: str, c_start: int, m: _Mention, metric: str, is_fact: bool) -> str:
    prefix = text[c_start:m.start]
    if m.approx == "近":
        return "<="
    if m.cmp_word in ("以下", "以内") or LE_WORDS.search(prefix[-8:]) or text[m.end:m.end + 1] == "内":
        return "<="
    if m.more or m.cmp_word in ("以上", "及以上") or GE_WORDS.search(prefix[-6:]):
        return ">="
    if is_fact:
        return "="
    if DECREASE.search(prefix):
        return ">="
    if LOWER_IS_BETTER.search(metric):
        return "<="
    return ">="


def _dedupe(rows: list[Target]) -> list[Target]:
    """A goal restated later (same value, unit, year and much the same words) is kept once."""
    kept: list[Target] = []
    for t in rows:
        dup = False
        for k in kept:
            if (k.is_fact, k.value, k.unit, k.year) != (t.is_fact, t.value, t.unit, t.year):
                continue
            if k.text == t.text and k.metric == t.metric:
                dup = True
            elif k.text != t.text and (SequenceMatcher(None, k.metric, t.metric).ratio() >= 0.5
                                       or _common_ending(k.metric, t.metric) >= 4):
                dup = True
            if dup:
                break
        if not dup:
            kept.append(t)
    return kept


def _common_ending(a: str, b: str) -> int:
    n = 0
    while n < min(len(a), len(b)) and a[-1 - n] == b[-1 - n]:
        n += 1
    return n
