"""Word lists of the genre for recognising organisation names in policy text.

The lists live in `graph/data/vocabulary/organisation_words.csv` (column `list` names each list);
the place names in `place_names.csv`, derived from the admin-division reference.
"""
from __future__ import annotations

from functools import lru_cache

from stdkg import vocabulary


def _words(name: str) -> tuple[str, ...]:
    return vocabulary.words("organisation_words", "word", list=name)


INTL_BODY_NAMES = _words("intl_body_name")
INTL_BODY_ACRONYMS = _words("intl_body_acronym")
UN_BODY_SUFFIXES = _words("un_body_suffix")
DOCUMENT_SUFFIXES = _words("document_suffix")
BODY_SUFFIXES = _words("body_suffix")
PLATFORM_SUFFIXES = _words("platform_suffix")
STATION_SUFFIXES = _words("station_suffix")
INDUSTRY_STANDARD_CODES = _words("industry_standard_code")
SERIES_MARKERS = _words("series_marker")
COMPANY_SUFFIXES = _words("company_suffix")
GOVERNMENT_SUFFIXES = _words("government_suffix")
GOVERNMENT_BODY_WORDS = _words("government_body_word")
# A space is a kind word too (vocabulary cells are stripped, so it is added here).
GENERIC_WORDS = _words("generic_word") + (" ",)
ALLIANCE_GENERIC_WORDS = _words("alliance_generic_word") + (" ",)
DOCUMENT_NAME_SUFFIXES = _words("document_name_suffix")
LEFT_BOUNDARIES = _words("left_boundary")
OTHER_BODY_SUFFIXES = _words("other_body_suffix")
OTHER_GENERIC_WORDS = _words("other_generic_word")


@lru_cache(maxsize=1)
def place_names() -> frozenset[str]:
    """Short names of Chinese provinces and prefecture-level cities (深圳, 广东, 台湾 …)."""
    return frozenset(vocabulary.words("place_names"))


@lru_cache(maxsize=1)
def place_prefixes() -> tuple[str, ...]:
    """`place_names()` as a tuple, for `str.startswith`."""
    return tuple(sorted(place_names()))


def names_a_series(text: str, end: int) -> bool:
    """True when the code ending at `end` is followed by a series marker (`ISO 37000系列`, `ISO 9000 族`):
    the text means the family of standards, not the one of that number."""
    after = text[end:end + 12].lstrip(" \t\u3000").casefold()
    return any(after.startswith(marker.casefold()) for marker in SERIES_MARKERS)
