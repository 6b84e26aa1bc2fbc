"""Rule-based English names for government bodies that the registry does not list.

A name such as `市交通运输局` is split into a place prefix (`市`, `青岛市`, `国家`),
a body of topic words and a kind suffix (`局`, `委`, `办` …); each part is looked
up in a small glossary, longest match first, and the English parts are put in
English order: `Qingdao Municipal Transport Bureau`. Place names the caller gives
no English for, and characters the glossary does not know, are romanised in
pinyin (`宁波` → `Ningbo`). National ministries take the `Ministry of …` order.
Labels made here are guesses: callers mark them as generated. The glossary is data:
`graph/data/vocabulary/english_kind_suffixes.csv`, `english_topics.csv` and
`english_name_parts.csv` (place prefixes, level characters, connectives, collective marks).
"""
from __future__ import annotations

import re
import unicodedata
from functools import lru_cache

import opencc

from stdkg.vocabulary import pairs, table

HAN = re.compile(r"[\u4e00-\u9fff]")
SUFFIX_TABLE = "english_kind_suffixes"
TOPIC_TABLE = "english_topics"
PART_TABLE = "english_name_parts"


@lru_cache(maxsize=None)
def _part(part: str) -> dict[str, str]:
    """Words of one part of `english_name_parts.csv` → their English, in file order."""
    return {row["word"]: row["english"] for row in table(PART_TABLE, "word", "english", "part") if row["part"] == part}


@lru_cache(maxsize=None)
def kind_suffixes() -> tuple[tuple[str, str], ...]:
    """(suffix, English) of the kind suffixes, in the order they are tried."""
    return pairs(SUFFIX_TABLE, "suffix", "english")


@lru_cache(maxsize=None)
def topics() -> dict[str, str]:
    """Topic words → English."""
    return dict(pairs(TOPIC_TABLE, "word", "english"))


@lru_cache(maxsize=None)
def _of_order() -> dict[str, str]:
    return {r["suffix"]: r["of_order"] for r in table(SUFFIX_TABLE, "suffix", "of_order") if r["of_order"]}


@lru_cache(maxsize=None)
def _zone_suffixes() -> tuple[str, ...]:
    return tuple(r["suffix"] for r in table(SUFFIX_TABLE, "suffix", "zone_committee") if r["zone_committee"])


@lru_cache(maxsize=None)
def _unplaced() -> tuple[str, ...]:
    """Place words that say the body is national, not of a place: none, or a national prefix's English."""
    return ("",) + tuple(dict.fromkeys(_part("national-prefix").values()))


def _alternatives(words) -> str:
    return "|".join(re.escape(w) for w in words)


@lru_cache(maxsize=None)
def _party_committee() -> re.Pattern:
    return re.compile(f"^({_alternatives(_part('party-prefix'))})?([\u4e00-\u9fff]{{0,4}}?)"
                      f"({_alternatives(_part('level'))})(委员会|委)$")


@lru_cache(maxsize=None)
def _place_before_level() -> re.Pattern:
    return re.compile(f"^([\u4e00-\u9fff]{{2,3}}?)({_alternatives(_part('level'))})(.+)$")


def _without_level(place: str) -> str:
    for level in _part("level"):
        place = place.removesuffix(level)
    return place


_t2s = opencc.OpenCC("t2s")


def _normalise(text: str) -> str:
    return "".join(_t2s.convert(unicodedata.normalize("NFKC", text)).split())


def romanise(text: str) -> str:
    """Pinyin of a run of Chinese characters as one capitalised word (`六安` → `Lu'an`).

    Needs the `pypinyin` package; without it the characters are kept as written.
    """
    try:
        from pypinyin import lazy_pinyin
    except ImportError:
        return text
    syllables = lazy_pinyin(text)
    word = syllables[0] if syllables else ""
    for syllable in syllables[1:]:
        word += ("'" if syllable[:1] in "aeo" and HAN.search(text) else "") + syllable
    return word[:1].upper() + word[1:]


@lru_cache(maxsize=None)
def _topic_keys() -> tuple[str, ...]:
    return tuple(sorted(topics(), key=len, reverse=True))


def _split_place(name: str, city_zh: str | None, city_en: str | None) -> tuple[str, str]:
    """The English place words (`Qingdao Municipal`, `National`) and the rest of the name."""
    if name.startswith(tuple(_part("party-prefix"))):
        return "", name
    for prefix, english in _part("national-prefix").items():
        if name.startswith(prefix):
            return english, name[len(prefix):]
    short = _without_level(city_zh) if city_zh else ""
    place = city_en or (romanise(short) if short else "")
    levels = _part("level")
    if short:
        for level_char, level in levels.items():
            if name.startswith(short + level_char):
                return f"{place} {level}", name[len(short) + 1:]
        if name.startswith(short):
            return place, name[len(short):]
    first = name[:1]
    if first in levels and not name.startswith(tuple(_part("not-a-level"))):
        return f"{place} {levels[first]}".strip(), name[1:]
    named = _place_before_level().match(name)
    if named and named.group(1) not in topics() and not named.group(1).startswith(tuple(_part("collective-mark"))):
        return f"{romanise(named.group(1))} {levels[named.group(2)]}", named.group(3)
    return ("" if short and short in name else place), name


def _render_topic(body: str, places: dict[str, str] | None = None) -> tuple[str, int]:
    """The English words for `body` and how many of its characters the glossary did not know.

    `places` maps place names that may stand inside the body (`深圳市`, `深圳`) to English.
    """
    words: list[str] = []
    unknown = ""
    missed = 0
    i = 0
    glossary = {**topics(), **(places or {})}
    connectives = _part("connective")
    keys = tuple(sorted(places, key=len, reverse=True)) + _topic_keys() if places else _topic_keys()
    while i < len(body):
        match = next((k for k in keys if body.startswith(k, i)), None)
        if match is None and body[i] in connectives:
            match = body[i]
        if match is None:
            unknown += body[i]
            missed += 1
            i += 1
            continue
        if unknown:
            words.append(romanise(unknown))
            unknown = ""
        words.append(glossary.get(match) or connectives[match])
        i += len(match)
    if unknown:
        words.append(romanise(unknown))
    return " ".join(words), missed


def english_name_for(name_zh: str, city: str | None = None, city_en: str | None = None) -> str:
    """A rule-based English rendering of a government body's name.

    `city` is the Chinese name of the city or province whose document names the
    body (`青岛`, `青岛市`, `安徽`), `city_en` its English name (romanised when
    not given). Of the kind suffixes that end the name, the one leaving the
    fewest unknown characters wins, the longest on a tie.
    """
    return render_english_name(name_zh, city, city_en)[0]


def render_english_name(name_zh: str, city: str | None = None, city_en: str | None = None) -> tuple[str, int]:
    """`english_name_for` with the number of characters the glossary did not know (romanised instead)."""
    name = _normalise(name_zh)
    if not name:
        raise ValueError("english_name_for: empty name")
    city_zh = _normalise(city) if city else None
    party = _party_committee().match(name)
    if party:
        place, _rest = _split_place(party.group(2) + party.group(3), city_zh, city_en)
        return f"CPC {place} Committee", 0
    place, rest = _split_place(name, city_zh, city_en)
    short = _without_level(city_zh) if city_zh else ""
    places = {short + "市": city_en or romanise(short), short: city_en or romanise(short)} if short else None
    readings = [(_render_topic(rest, places), "", "")]
    for suffix, english in kind_suffixes():
        if not rest.endswith(suffix) or not (len(rest) > len(suffix) or place):
            continue
        if suffix in _zone_suffixes() and not rest[: -len(suffix)].endswith(tuple(_part("zone-end"))):
            continue
        readings.append((_render_topic(rest[: -len(suffix)], places), english, suffix))
    (topic, missed), kind, suffix = min(readings, key=lambda r: (r[0][1], r[1] == "", -len(r[2])))
    if suffix in _of_order() and place in _unplaced():
        national = "National " if place == "National" and suffix == "部" else ""
        return f"{national}{_of_order()[suffix]} {topic}".strip(), missed
    if place == "China" and "China" in topic:
        place = ""
    plural = any(mark in rest for mark in _part("plural-mark"))
    if kind and (plural or rest.startswith(tuple(_part("collective-mark")))):
        kind = kind + ("es" if kind.endswith("s") else "s")
    rendered = " ".join(part for part in (place, topic, kind) if part)
    return re.sub(r"\(\s+", "(", re.sub(r"\s+\)", ")", rendered)), missed
