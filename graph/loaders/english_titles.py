"""Rule-based English for what the registries do not translate: policy titles and target metrics.

A title such as `青岛市“标准化+”发展规划(2016-2020年)` is split into its place
(`青岛市` → `Qingdao`), its topic words, its kind (`发展规划` → `Development Plan`)
and its period (`(2016–2020)`): `Qingdao Standardization+ Development Plan (2016–2020)`.
`关于X的Y` titles read `Y on X`. A metric is glossed word by word. Words come
from `graph/data/vocabulary/english_policy_words.csv`, then the body-name topics
(`english_topics.csv`); kinds from `english_document_kinds.csv`; characters no list
knows are romanised in pinyin. Everything made here is a guess: callers mark it as generated.
"""
from __future__ import annotations

import re
import unicodedata
from functools import lru_cache

import opencc

from stdkg.loaders.english_names import kind_suffixes, romanise, topics
from stdkg.vocabulary import pairs

WORD_TABLE = "english_policy_words"
KIND_TABLE = "english_document_kinds"
ORGANISATION_KIND_TABLE = "english_organisation_kinds"
HAN = re.compile(r"[\u4e00-\u9fff]")
_PERIOD = re.compile(r"[(（]\s*(\d{4})\s*(?:年)?\s*[—–\-－~～至到]+\s*(\d{4})\s*年?\s*[)）]")
_EDITION = re.compile(r"[(（]\s*(\d{4})\s*(?:年)?版\s*[)）]")
_FIVE_YEAR = re.compile(r"第?(十[一二三四五六七八九]?)(?:个五年|五)(?=规划|时期|期间)")
_PLACE = re.compile(r"^([\u4e00-\u9fff]{2,3}?)(省|市|自治区|特别行政区|县|区)")
_ABOUT = re.compile(r"^(.*?)关于(.+)的([^的]+)$")
_QUOTES = str.maketrans("", "", "“”\"'‘’《》〈〉「」『』")
_NUMERALS = {"一": 1, "二": 2, "三": 3, "四": 4, "五": 5, "六": 6, "七": 7, "八": 8, "九": 9, "十": 10}
_t2s = opencc.OpenCC("t2s")


@lru_cache(maxsize=None)
def words() -> dict[str, str]:
    """Title and metric words → English (an empty English drops the word)."""
    return {**topics(), **dict(pairs(WORD_TABLE, "word", "english"))}


@lru_cache(maxsize=None)
def kinds() -> tuple[tuple[str, str], ...]:
    """(suffix, English) of the document kinds, longest first."""
    return tuple(sorted(pairs(KIND_TABLE, "suffix", "english"), key=lambda p: -len(p[0])))


@lru_cache(maxsize=None)
def organisation_kinds() -> tuple[tuple[str, str], ...]:
    """(suffix, English) of organisation kinds, then of government body kinds, each longest first."""
    own = sorted(pairs(ORGANISATION_KIND_TABLE, "suffix", "english"), key=lambda p: -len(p[0]))
    return tuple(own) + tuple(sorted(kind_suffixes(), key=lambda p: -len(p[0])))


def _normalise(text: str) -> str:
    return _t2s.convert(unicodedata.normalize("NFKC", text)).translate(_QUOTES).strip()


def _ordinal(n: int) -> str:
    return f"{n}{'th' if 10 <= n % 100 <= 20 else {1: 'st', 2: 'nd', 3: 'rd'}.get(n % 10, 'th')}"


def _chinese_number(text: str) -> int:
    if text == "十":
        return 10
    if text.startswith("十"):
        return 10 + _NUMERALS[text[1]]
    if len(text) == 3 and text[1] == "十":
        return _NUMERALS[text[0]] * 10 + _NUMERALS[text[2]]
    if len(text) == 2 and text[1] == "十":
        return _NUMERALS[text[0]] * 10
    return _NUMERALS[text[0]]


def _segments(phrase: str) -> list[str]:
    """The phrase cut into glossary words and single other characters: fewest unknown characters, then fewest pieces."""
    glossary = words()
    longest = max(map(len, glossary))
    best: list[tuple[int, int, list[str]]] = [(0, 0, [])] * (len(phrase) + 1)
    for i in range(len(phrase) - 1, -1, -1):
        unknown, pieces, rest = best[i + 1]
        options = [(unknown + (1 if HAN.match(phrase[i]) else 0), pieces + 1, [phrase[i]] + rest)]
        for j in range(i + 1, min(len(phrase), i + longest) + 1):
            if phrase[i:j] in glossary:
                unknown, pieces, rest = best[j]
                options.append((unknown, pieces + 1, [phrase[i:j]] + rest))
        best[i] = min(options, key=lambda o: (o[0], o[1]))
    return best[0][2]


def gloss(text: str) -> str:
    """A word-by-word English rendering of a Chinese phrase (`主导或参与制修订国际标准` →
    `Leading or Taking Part in Drafting or Revising International Standards`); ASCII is kept."""
    glossary = words()
    out: list[str] = []
    unknown = ""
    latin = False
    for piece in _segments(_normalise(text)):
        if piece not in glossary and HAN.match(piece):
            unknown += piece
            continue
        if unknown:
            out.append(romanise(unknown))
            unknown = ""
        other = piece not in glossary and not piece.isspace()
        if other and latin:
            out[-1] += piece
            continue
        latin = other
        out.append(glossary.get(piece, piece))
    if unknown:
        out.append(romanise(unknown))
    rendered = " ".join(w for w in out if w)
    rendered = re.sub(r"\s+([,.;:!?%)\]+])", r"\1", rendered)
    rendered = re.sub(r"([(\[])\s+", r"\1", rendered)
    rendered = re.sub(r"(?<=\d) (?=\d)", "", rendered)
    return re.sub(r"\s+", " ", rendered).strip()


def english_title_for(title: str, place_en: str | None = None) -> str:
    """A rule-based English rendering of a policy document's title.

    `place_en` is the English name of the place the title starts with, when the caller knows it
    (`Shenzhen`); else the place is romanised.
    """
    text = _normalise(title)
    if not text:
        raise ValueError("english_title_for: empty title")
    period = ""
    found = _PERIOD.search(text)
    if found:
        period = f"({found.group(1)}–{found.group(2)})"
        text = (text[:found.start()] + text[found.end():]).strip()
    else:
        edition = _EDITION.search(text)
        if edition:
            period = f"({edition.group(1)} edition)"
            text = (text[:edition.start()] + text[edition.end():]).strip()
    text = _FIVE_YEAR.sub(lambda m: f"\u0000{_chinese_number(m.group(1))}\u0000", text)
    issuer = ""
    about = _ABOUT.match(text)
    if about:
        issuer, topic, kind_text = about.group(1), about.group(2), about.group(3)
    else:
        topic, kind_text = text, ""
    place = ""
    head = issuer or topic
    placed = _PLACE.match(head)
    if placed and placed.group(1) not in words():
        place = place_en or romanise(placed.group(1))
        head = head[placed.end():]
        if issuer:
            issuer = head
        else:
            topic = head
    kind = ""
    source = kind_text or topic
    for suffix, english in kinds():
        if source.endswith(suffix) and len(source) >= len(suffix):
            kind = english
            source = source[: -len(suffix)]
            break
    if kind_text:
        kind_text = source
    else:
        topic = source
    rendered_topic = _render_five_year(gloss(topic)) if topic else ""
    if about:
        lead = " ".join(p for p in (place, gloss(issuer) if issuer else "", gloss(kind_text) if kind_text else "",
                                    kind) if p)
        rendered = f"{lead} on {rendered_topic}".strip() if rendered_topic else lead
    else:
        rendered = " ".join(p for p in (place, rendered_topic, kind) if p)
    rendered = _render_five_year(rendered)
    return re.sub(r"\s+", " ", f"{rendered} {period}").strip()


def _render_five_year(text: str) -> str:
    return re.sub(r"\u0000\s*(\d+)\s*\u0000\s*", lambda m: f"{_ordinal(int(m.group(1)))} Five-Year ", text)


def english_organisation_name_for(name: str) -> str:
    """A rule-based English rendering of an organisation's name that no registry lists: its place, its
    words glossed, its kind (`联盟` Alliance, `有限公司` Co., Ltd. …: `english_organisation_kinds.csv`, then
    the government body kinds of `english_kind_suffixes.csv`)."""
    text = _normalise(name)
    if not text:
        raise ValueError("english_organisation_name_for: empty name")
    kind = ""
    for suffix, english in organisation_kinds():
        if text.endswith(suffix) and len(text) > len(suffix):
            kind, text = english, text[: -len(suffix)]
            break
    place = ""
    placed = _PLACE.match(text)
    if placed and placed.group(1) not in words() and len(text) > placed.end():
        place, text = romanise(placed.group(1)), text[placed.end():]
    return " ".join(p for p in (place, gloss(text), kind) if p)
