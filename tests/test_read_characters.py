"""Text made safe at the door: control and invisible characters, truncated UTF-8, UTF-32, and names
normalised the way document text is."""
from __future__ import annotations

from pathlib import Path
from tempfile import TemporaryDirectory

import pytest

from stdkg.loaders.policy import load_policy_document
from stdkg.loaders.text import clean_name, decode, normalise
from stdkg.records import Provenance

CLAUSE = "1.加强标准研制。(责任单位:市市场监管局牵头,市科技局参与)"
INVISIBLE = ["\u2060", "\u202a", "\u202b", "\u202c", "\u202d", "\u202e", "\u2066", "\u2067", "\u2068", "\u2069",
             "\u180e", "\u034f", "\ufe00", "\ufe0f", "\u200b", "\u200c", "\u200d", "\ufeff", "\u200e", "\u200f"]
CONTROLS = ["\x01", "\x02", "\x1b", "\x7f", "\x80", "\x9f"]


def _ownership(text: str) -> set[tuple[str, str]]:
    return {(r.department, r.role) for r in _load(text).responsibilities}


def _load(text: str):
    with TemporaryDirectory() as folder:
        path = Path(folder) / "doc.txt"
        path.write_text("某市标准化工作要点\n一、重点任务\n" + text + "\n", encoding="utf-8")
        return load_policy_document(path)


@pytest.mark.parametrize("char", INVISIBLE, ids=[f"U+{ord(c):04X}" for c in INVISIBLE])
def test_an_invisible_format_character_inside_a_name_is_dropped(char):
    assert _ownership(CLAUSE.replace("市场监", f"市场{char}监")) == {("市市场监管局", "lead"), ("市科技局", "participant")}


@pytest.mark.parametrize("char", CONTROLS, ids=[f"U+{ord(c):04X}" for c in CONTROLS])
def test_a_control_character_inside_a_name_is_dropped_and_reported(char):
    records = _load(CLAUSE.replace("科技", f"科{char}技"))
    assert {(r.department, r.role) for r in records.responsibilities} == {("市市场监管局", "lead"),
                                                                          ("市科技局", "participant")}
    assert any("control characters removed" in i.message for i in records.issues)


def test_a_terminal_escape_sequence_goes_whole():
    norm = normalise("一、重点任务\n\x1b[1;31m加强标准研制\x1b[0m。\n", "t")
    assert norm.text == "一、重点任务\n加强标准研制。"


def test_vertical_tab_is_a_line_break():
    norm = normalise("一、重点任务\x0b二、保障措施\n", "t")
    assert norm.text.splitlines() == ["一、重点任务", "二、保障措施"]


def test_the_offset_map_points_past_dropped_characters():
    raw = "一、重点\u2060任务\x01\n(责任单位:市\u202e科技局)\n"
    norm = normalise(raw, "t")
    assert "\u2060" not in norm.text and "\x01" not in norm.text and "\u202e" not in norm.text
    for i, ch in enumerate(norm.text):
        assert raw[norm.offsets[i]] == ch or ch == "\n"
    start = norm.text.index("科技局")
    a, b = norm.original_span(start, start + 3)
    assert raw[a:b] == "科技局"


def test_a_utf8_file_missing_its_last_bytes_is_repaired_and_flagged(tmp_path):
    data = ("某市标准化工作要点\n一、重点任务\n" + CLAUSE + "\n推进").encode("utf-8")
    for cut in (1, 2):
        path = tmp_path / f"cut{cut}.txt"
        path.write_bytes(data[:-cut])
        records = load_policy_document(path)
        assert {(r.department, r.role) for r in records.responsibilities} == {("市市场监管局", "lead"),
                                                                              ("市科技局", "participant")}
        assert records.text.endswith("推")
        (issue,) = [i for i in records.issues if "truncated" in i.message]
        assert issue.severity == "warning"


def test_a_byte_missing_in_the_middle_is_not_taken_for_truncation():
    from stdkg.loaders.errors import DocumentError

    data = ("某市标准化工作要点" * 5).encode("utf-8")
    with pytest.raises(DocumentError, match="undecodable"):
        decode(data[:10] + data[11:])


@pytest.mark.parametrize("codec", ["utf-32", "utf-32-be"])
def test_utf32_with_a_bom_reads_as_utf32(tmp_path, codec):
    text = "某市标准化工作要点\n一、重点任务\n" + CLAUSE + "\n"
    data = text.encode(codec) if codec == "utf-32" else b"\x00\x00\xfe\xff" + text.encode(codec)
    assert decode(data) == text
    path = tmp_path / "wide.txt"
    path.write_bytes(data)
    assert ("市市场监管局", "lead") in {(r.department, r.role) for r in load_policy_document(path).responsibilities}


@pytest.mark.parametrize("written, clean", [
    (" 市市场监管局 ", "市市场监管局"),
    ("市\u200b市场\u2060监管局", "市市场监管局"),
    ("市市場監管局", "市市场监管局"),
    ("ＩＳＯ／ＴＣ　２１１", "ISO/TC 211"),
    ("市 市场监管局", "市市场监管局"),
    ("全国  信息技术\t标准化技术委员会", "全国信息技术标准化技术委员会"),
    ("ISO/IEC  JTC 1\x01", "ISO/IEC JTC 1"),
])
def test_clean_name_normalises_a_name_as_text_is(written, clean):
    assert clean_name(written) == clean


def test_clean_name_of_a_department_matches_what_extraction_reads():
    (lead,) = [r.department for r in _load("1.加强标准研制。(责任单位:市市場\u2060監管局)").responsibilities]
    assert clean_name(" 市市場\u200b監管局 ") == lead


def test_provenance_without_a_page_round_trips_and_old_json_loads():
    old = {"doc": "d", "section_path": ["一"], "start": 1, "end": 5, "evidence": "e", "rule": "r"}
    prov = Provenance.from_dict(old)
    assert prov.page is None and prov.to_dict() == old
    paged = Provenance.from_dict({**old, "page": 3})
    assert paged.page == 3 and Provenance.from_dict(paged.to_dict()) == paged
