"""The English-name rule against a fixture of names rendered before its glossary moved to data files,
and the glossary files themselves."""
from __future__ import annotations

import csv
from pathlib import Path

import pytest

from stdkg.loaders.english_names import kind_suffixes, render_english_name, topics
from stdkg.vocabulary import table

FIXTURE = Path(__file__).parent / "fixtures" / "english_names" / "expected.csv"
PARTS = {"national-prefix", "level", "connective", "collective-mark", "party-prefix", "not-a-level", "plural-mark",
         "zone-end"}


def expected_rows() -> list[dict[str, str]]:
    with FIXTURE.open(encoding="utf-8", newline="") as handle:
        return list(csv.DictReader(line for line in handle if not line.startswith("#")))


def test_the_fixture_covers_every_topic_and_suffix():
    rows = expected_rows()
    assert len(rows) > 400
    names = {r["name_zh"] for r in rows}
    assert all(f"市{word}局" in names for word in topics())
    assert all(f"市标准化{suffix}" in names for suffix, _ in kind_suffixes())


@pytest.mark.parametrize("row", expected_rows(), ids=lambda r: f"{r['name_zh']}@{r['city'] or '-'}")
def test_names_render_as_before(row):
    rendered = render_english_name(row["name_zh"], row["city"] or None, row["city_en"] or None)
    assert rendered == (row["english"], int(row["unknown_characters"]))


def test_glossary_files_have_one_entry_per_word_and_known_parts():
    words = [r["word"] for r in table("english_topics", "word", "english")]
    assert len(words) == len(set(words)) and all(r["english"] for r in table("english_topics", "word", "english"))
    suffixes = [r["suffix"] for r in table("english_kind_suffixes", "suffix", "english")]
    assert len(suffixes) == len(set(suffixes))
    parts = table("english_name_parts", "word", "english", "part")
    assert {r["part"] for r in parts} == PARTS
