"""Resolving the names analysts type: any written form of a name reaches its entity, a miss lists the nearest."""
from __future__ import annotations

import pytest

from stdkg.name_index import NameIndex, NameNotFound, fold

O = "https://w3id.org/stdkg/ontology#"
ROWS = [
    ("c:sz", O + "City", "深圳市", "zh"), ("c:sz", O + "City", "Shenzhen", "en"), ("c:sz", O + "City", "深圳", "short"),
    ("c:sz", O + "City", "440300", "code"), ("c:sz", O + "City", "鵬城", "alias"),
    ("c:qd", O + "City", "青岛市", "zh"), ("c:qd", O + "City", "Qingdao", "en"), ("c:qd", O + "City", "青岛", "short"),
    ("c:gd", O + "Province", "广东省", "zh"), ("c:gd", O + "Province", "Guangdong Province", "en"),
    ("d:sz-ps", O + "Department", "深圳市公安局", "zh"), ("d:sz-ps", O + "Department", "市公安局", "alias"),
    ("d:sz-ps", O + "Department", "Shenzhen Municipal Public Security Bureau", "en"),
    ("d:qd-ps", O + "Department", "青岛市公安局", "zh"), ("d:qd-ps", O + "Department", "市公安局", "alias"),
    ("d:qd-ps", O + "Department", "Qingdao Municipal Public Security Bureau", "en"),
    ("d:qd-sport", O + "Department", "青岛市体育局", "zh"), ("d:qd-sport", O + "Department", "Qingdao Municipal Sports Bureau", "en"),
    ("i:ls", O + "Indicator", "地方标准", "zh"), ("i:ls", O + "Indicator", "Local standards to issue", "en"),
]


@pytest.fixture(scope="module")
def index() -> NameIndex:
    return NameIndex(ROWS)


@pytest.mark.parametrize("written", ["深圳", "深圳市", "Shenzhen", "shenzhen", "SHENZHEN", " 深圳 ", "深圳", "440300",
                                     "shen zhen", "Shenzhen", "鵬城", "深\u2060圳"])
def test_every_written_form_of_a_city_reaches_it(index: NameIndex, written: str):
    assert index.resolve(written, "city").iri == "c:sz"


def test_a_traditional_name_reaches_the_simplified_entity(index: NameIndex):
    assert index.resolve("青島", "city").iri == "c:qd"


def test_a_close_misspelling_is_resolved_when_one_candidate_stands_ahead(index: NameIndex):
    assert index.resolve("Shenzen", "city").iri == "c:sz"
    assert index.resolve("Qingdao Sports Bureau", "department").iri == "d:qd-sport"


def test_an_english_phrase_reaches_an_indicator(index: NameIndex):
    assert index.resolve("local standards", "indicator").iri == "i:ls"


def test_a_name_shared_by_two_cities_departments_is_an_error_listing_both(index: NameIndex):
    with pytest.raises(NameNotFound) as e:
        index.resolve("市公安局", "department")
    assert "Shenzhen Municipal Public Security Bureau" in str(e.value) and "Qingdao" in str(e.value)


def test_within_narrows_a_shared_name_to_one_city(index: NameIndex):
    assert index.resolve("市公安局", "department", within=["d:qd-ps", "d:qd-sport"]).iri == "d:qd-ps"


def test_a_miss_lists_the_nearest_candidates_with_english_names(index: NameIndex):
    with pytest.raises(NameNotFound) as e:
        index.resolve("Atlantis", "city")
    assert "nearest" in str(e.value) and "(" in str(e.value)


def test_kinds_keep_apart(index: NameIndex):
    with pytest.raises(NameNotFound):
        index.resolve("地方标准", "city")


def test_an_empty_name_is_an_error(index: NameIndex):
    with pytest.raises(NameNotFound):
        index.resolve("  ", "city")


def test_saved_and_loaded_index_resolves_the_same(index: NameIndex, tmp_path):
    loaded = NameIndex.load(index.save(tmp_path / "names.json"))
    for written, kind in [("Shenzhen", "city"), ("青島", "city"), ("Shenzen", "city"), ("local standards", "indicator")]:
        assert loaded.resolve(written, kind).iri == index.resolve(written, kind).iri


def test_fold_drops_width_case_spacing_and_invisible_characters():
    assert fold("ＩＳＯ　３７１２０") == fold("iso 37120") == "iso37120"
    assert fold("青島\u200b市") == "青岛市"
