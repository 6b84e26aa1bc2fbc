"""The curated registries: every row loads, names resolve city-scoped, bad rows are reported."""
from __future__ import annotations

import csv
import json
import os
import shutil
from pathlib import Path

import opencc
import pytest

from stdkg.loaders.english_names import english_name_for, render_english_name
from stdkg.loaders.registry import (
    REGISTRY_DIR,
    RegistryError,
    city_short_name,
    load_registries,
    mention_type,
    normalise_name,
)

SHARED = Path(os.environ.get("STDKG_SHARED", Path(__file__).resolve().parents[2] / "shared"))
GOLD = SHARED / "gold"
FILES = ("cities.csv", "departments.csv", "organisations.csv")


@pytest.fixture(scope="module")
def reg():
    return load_registries()


def _csv_rows(name: str) -> list[dict[str, str]]:
    with (REGISTRY_DIR / name).open(encoding="utf-8", newline="") as handle:
        return [row for row in csv.DictReader(handle) if any(v.strip() for v in row.values())]


def _gold_docs() -> list[dict]:
    if not GOLD.is_dir():
        pytest.skip(f"{GOLD} is absent")
    return [json.loads(p.read_text(encoding="utf-8")) for p in sorted(GOLD.glob("[0-9]*.json"))]


def test_every_row_loads(reg):
    assert len(reg.cities) == len(_csv_rows("cities.csv"))
    assert len(reg.departments) == len(_csv_rows("departments.csv"))
    assert len(reg.organisations) == len(_csv_rows("organisations.csv"))


def test_keys_are_unique_ascii_slugs(reg):
    for records in (reg.departments, reg.organisations):
        keys = [r.key for r in records]
        assert len(keys) == len(set(keys))
        for key in keys:
            assert key.isascii() and key == key.lower() and " " not in key, key


def test_loads_from_any_working_directory(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    assert load_registries().departments


@pytest.mark.parametrize("written, code", [
    ("深圳", "440300"), ("深圳市", "440300"), ("Shenzhen", "440300"), ("廣州", "440100"),
    ("廈門市", "350200"), ("青岛", "370200"), ("广东省", "440000"), ("中国", "CN"),
])
def test_city_accepts_every_form(reg, written, code):
    assert reg.city(written).code == code


def test_city_codes_match_the_admin_division_reference(reg):
    reference = SHARED / "reference" / "cn_admin_divisions_province_prefecture.csv"
    if not reference.is_file():
        pytest.skip(f"{reference} is absent")
    with reference.open(encoding="utf-8", newline="") as handle:
        names = {row["code6"]: row["name_zh"] for row in csv.DictReader(handle)}
    for city in reg.cities:
        if city.level != "state":
            assert names[city.code] == city.name_zh


def test_same_short_name_in_two_cities_is_two_departments(reg):
    shenzhen = reg.resolve_department("市公安局", "深圳")
    qingdao = reg.resolve_department("市公安局", "青岛")
    assert shenzhen is not None and qingdao is not None
    assert shenzhen.key != qingdao.key
    assert (shenzhen.city, qingdao.city) == ("深圳", "青岛")


def test_city_body_does_not_resolve_in_another_city(reg):
    assert reg.resolve_department("市市场和质量监管委", "深圳") is not None
    assert reg.resolve_department("市市场和质量监管委", "青岛") is None
    assert reg.resolve_department("市市场和质量监管委", None) is None


def test_state_body_resolves_from_any_city(reg):
    found = {reg.resolve_department("国家标准委", city.name_zh) for city in reg.cities}
    assert len(found) == 1 and next(iter(found)).kind == "state"


def test_full_name_and_every_alias_resolve_to_the_same_department(reg):
    for dept in reg.departments:
        for name in (dept.name_zh, *dept.aliases):
            assert reg.resolve_department(name, dept.city) == dept, (name, dept.key)


def test_every_organisation_name_resolves_in_its_city(reg):
    for org in reg.organisations:
        for name in (org.name_zh, *org.aliases):
            assert reg.resolve_organisation(name, org.city) == org, (name, org.key)


def test_city_prefixed_name_resolves_like_the_short_form(reg):
    assert reg.resolve_department("深圳市公安局", "深圳") == reg.resolve_department("市公安局", "深圳")
    assert reg.resolve_department("青岛市质监局", "青岛市") == reg.resolve_department("市质监局", "Qingdao")


def test_traditional_and_full_width_input_resolve(reg):
    t2s_reverse = opencc.OpenCC("s2t")
    dept = reg.resolve_department("市市场和质量监管委", "深圳")
    assert reg.resolve_department(t2s_reverse.convert("市市场和质量监管委"), "深圳") == dept
    assert reg.resolve_department("人民銀行深圳市中心支行", "深圳").key == "shenzhen-pboc-central-sub-branch"
    assert reg.resolve_organisation("ＩＳＯ／ＴＣ　２６８").external_id == "ISO/TC 268"


def test_every_gold_ownership_unit_resolves_in_its_city(reg):
    for gold in _gold_docs():
        city = reg.city(gold["city"])
        assert city is not None, gold["city"]
        for row in gold["ownership"]:
            unit = reg.resolve_unit(row["department"], gold["city"])
            assert unit is not None, (gold["doc"], row["department"])
            assert unit.city in (city_short_name(city), None), (gold["doc"], row["department"], unit.city)


def test_every_gold_named_body_resolves_with_its_type(reg):
    """Gold organisations other than cited documents resolve, with a compatible type."""
    for gold in _gold_docs():
        for row in gold["organisations"]:
            if row["type"] == "standard":
                continue
            org = reg.resolve_organisation(row["name"], gold["city"])
            assert org is not None, (gold["doc"], row["name"])
            assert mention_type(org) == row["type"], (gold["doc"], row["name"], org.type)


def test_every_body_has_an_english_name(reg):
    for record in (*reg.cities, *reg.departments, *reg.organisations):
        assert record.name_en.strip(), record
        assert not any("\u4e00" <= ch <= "\u9fff" for ch in record.name_en), record.name_en


def test_standards_bodies_carry_their_iso_acronym(reg):
    bodies = {o.external_id: o for o in reg.organisations if o.type == "standards_body"}
    assert {"SAC", "AFNOR", "BSI", "DIN", "ANSI", "JISC", "DS"} <= set(bodies)
    members = SHARED / "reference" / "iso_member_bodies_from_committees.csv"
    if members.is_file():
        with members.open(encoding="utf-8", newline="") as handle:
            acronyms = {row["acronym"] for row in csv.DictReader(handle)}
        assert set(bodies) <= acronyms


def test_organisation_short_form_resolves_in_its_own_city_only(reg):
    assert reg.resolve_organisation("市标准技术研究院", "深圳").city == "深圳"
    assert reg.resolve_organisation("市标准化研究院", "厦门").city == "厦门"
    assert reg.resolve_organisation("市标准化研究院", "青岛") is None
    assert reg.resolve_organisation("市标准化研究院") is None


def test_local_aliases_do_not_leave_their_city(reg):
    for org in reg.organisations:
        for alias in org.aliases:
            if reg.resolve_organisation(alias, org.city) == org and reg.resolve_organisation(alias) != org:
                others = [c.name_zh for c in reg.cities if c.level == "prefecture" and city_short_name(c) != org.city]
                assert all(reg.resolve_organisation(alias, other) != org for other in others), (alias, org.key)


def test_organisation_known_everywhere_resolves_from_any_city(reg):
    huawei = reg.resolve_organisation("华为", "深圳")
    assert huawei is not None and reg.resolve_organisation("华为", "青岛") == huawei


def test_bracketed_gloss_resolves_by_the_name_before_it(reg):
    assert reg.resolve_organisation("国际电工委员会(IEC)").key == reg.resolve_organisation("IEC").key
    assert reg.resolve_organisation("国际电工委员会(IEC)") is not None
    assert reg.resolve_organisation("某某协会(IEC)") is None
    assert reg.resolve_organisation("国际电工委员会(ISO)") is None


def test_english_name_marks_generated_labels(reg):
    assert reg.english_name("市公安局", "青岛") == ("Qingdao Municipal Public Security Bureau", False)
    name, generated = reg.english_name("市交通运输局", "青岛")
    assert generated and name == "Qingdao Municipal Transport Bureau"
    port = reg.resolve_organisation("青岛港集团", "青岛")
    assert reg.english_name("青岛港集团", "青岛") == (port.name_en, False)


@pytest.mark.parametrize("name, city, city_en, expected", [
    ("市交通运输局", "青岛", "Qingdao", "Qingdao Municipal Transport Bureau"),
    ("市发展改革委", "厦门", "Xiamen", "Xiamen Municipal Development and Reform Commission"),
    ("广州市市场监督管理局", "广州", "Guangzhou", "Guangzhou Municipal Market Regulation Bureau"),
    ("市城市管理局", "深圳市", "Shenzhen", "Shenzhen Municipal Urban Management Bureau"),
    ("省市场监管局", None, None, "Provincial Market Regulation Bureau"),
    ("國家標準委", None, None, "National Standards Commission"),
    ("市政府办公厅", "青岛", "Qingdao", "Qingdao Municipal Government General Office"),
])
def test_english_name_for_unseen_names(name, city, city_en, expected):
    assert english_name_for(name, city, city_en) == expected


def test_english_name_for_romanises_unknown_characters_and_places():
    pytest.importorskip("pypinyin")
    assert english_name_for("市鳌园局", "厦门", "Xiamen") == "Xiamen Municipal Aoyuan Bureau"
    assert english_name_for("省发展改革委", "安徽") == "Anhui Provincial Development and Reform Commission"
    assert english_name_for("六安市林业局") == "Lu'an Municipal Forestry Bureau"
    assert english_name_for("宁波海关", "宁波市") == "Ningbo Customs"


@pytest.mark.parametrize("name, expected", [
    ("科技部", "Ministry of Science and Technology"),
    ("人力资源社会保障部", "Ministry of Human Resources and Social Security"),
    ("市场监管总局", "State Administration for Market Regulation"),
    ("国家发展改革委", "National Development and Reform Commission"),
])
def test_english_name_for_state_bodies(name, expected):
    assert english_name_for(name) == expected


@pytest.mark.parametrize("name, city, city_en, expected", [
    ("市委", "深圳", "Shenzhen", "CPC Shenzhen Municipal Committee"),
    ("中共厦门市委", "厦门", "Xiamen", "CPC Xiamen Municipal Committee"),
    ("市委宣传部", "广州", "Guangzhou", "Guangzhou Municipal Party Committee Publicity Department"),
    ("人民银行深圳市中心支行", "深圳", "Shenzhen", "People's Bank of China Shenzhen Central Sub-branch"),
    ("大鹏新区管理委员会", "深圳", "Shenzhen", "Shenzhen Dapeng New District Administrative Committee"),
    ("深圳市市场和质量监督管理委员会", "深圳", "Shenzhen",
     "Shenzhen Municipal Market and Quality Supervision Commission"),
])
def test_english_name_for_party_committees_zones_and_embedded_places(name, city, city_en, expected):
    assert english_name_for(name, city, city_en) == expected


def test_glossary_covers_the_registry_written_forms(reg):
    """Every written form in the registry renders from the glossary alone, bar proper names it cannot know."""
    proper_names = ("前海", "大鹏", "宝安", "福田", "盐田", "央行", "打造", "人行", "国标委")
    for dept in reg.departments:
        city = reg.city(dept.city) if dept.city else None
        for name in (dept.name_zh, *dept.aliases):
            if any(p in name for p in proper_names):
                continue
            rendered, missed = render_english_name(name, city.name_zh if city else None,
                                                   city.name_en if city else None)
            assert missed == 0, (name, rendered)


def test_english_name_for_collectives_is_plural():
    assert english_name_for("各有关部门") == "All Relevant Departments"
    assert english_name_for("各区政府", "深圳", "Shenzhen") == "Shenzhen District Governments"


def test_normalise_name_folds_width_script_and_space():
    assert normalise_name("ＩＳＯ／ＴＣ 268") == normalise_name("iso/tc268")
    assert normalise_name("廣州市 質監局") == "广州市质监局"


def _copy_registries(tmp_path: Path) -> Path:
    for name in FILES:
        shutil.copy(REGISTRY_DIR / name, tmp_path / name)
    return tmp_path


def _append(path: Path, line: str) -> int:
    text = path.read_text(encoding="utf-8")
    if not text.endswith("\n"):
        text += "\n"
    path.write_text(text + line + "\n", encoding="utf-8")
    return text.count("\n") + 1


def test_duplicate_key_names_file_and_line(tmp_path):
    directory = _copy_registries(tmp_path)
    first = _csv_rows("departments.csv")[0]
    line = _append(directory / "departments.csv",
                   ",".join([first["key"], "深圳", "深圳市某局", "Some Bureau", "", "department"]))
    with pytest.raises(RegistryError, match=rf"departments\.csv:{line}: duplicate key {first['key']}"):
        load_registries(directory)


def test_duplicate_alias_within_a_city_names_file_and_line(tmp_path):
    directory = _copy_registries(tmp_path)
    line = _append(directory / "departments.csv",
                   "shenzhen-duplicate-police,深圳,深圳市第二公安局,Second Police,市公安局,department")
    with pytest.raises(RegistryError, match=rf"departments\.csv:{line}: alias '市公安局'"):
        load_registries(directory)


def test_same_alias_in_another_city_is_allowed(tmp_path):
    directory = _copy_registries(tmp_path)
    _append(directory / "departments.csv",
            "guangzhou-public-security-bureau,广州,广州市公安局,Guangzhou Municipal Public Security Bureau,市公安局,department")
    assert load_registries(directory).resolve_department("市公安局", "广州").key == "guangzhou-public-security-bureau"


def test_missing_column_names_file(tmp_path):
    directory = _copy_registries(tmp_path)
    path = directory / "organisations.csv"
    lines = path.read_text(encoding="utf-8").splitlines()
    lines[0] = lines[0].replace(",external_id", "")
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    with pytest.raises(RegistryError, match=r"organisations\.csv:1: missing column\(s\) external_id"):
        load_registries(directory)


def test_unknown_city_names_file_and_line(tmp_path):
    directory = _copy_registries(tmp_path)
    line = _append(directory / "departments.csv", "wuhan-police,武汉,武汉市公安局,Wuhan Police,市公安局,department")
    with pytest.raises(RegistryError, match=rf"departments\.csv:{line}: city '武汉'"):
        load_registries(directory)


def test_local_alias_without_city_names_file_and_line(tmp_path):
    directory = _copy_registries(tmp_path)
    line = _append(directory / "organisations.csv", "some-platform,platform,某平台,Some Platform,,本平台,,,")
    with pytest.raises(RegistryError, match=rf"organisations\.csv:{line}: local_aliases need a city"):
        load_registries(directory)


def test_short_row_names_file_and_line(tmp_path):
    directory = _copy_registries(tmp_path)
    line = _append(directory / "cities.csv", "420100,武汉市,武汉")
    with pytest.raises(RegistryError, match=rf"cities\.csv:{line}:"):
        load_registries(directory)


def _registry_copy(tmp_path, encoding: str) -> "Path":
    from stdkg.vocabulary import REGISTRY_DIR

    folder = tmp_path / "registries"
    folder.mkdir()
    for path in REGISTRY_DIR.glob("*.csv"):
        (folder / path.name).write_bytes(path.read_text(encoding="utf-8").encode(encoding))
    return folder


def test_a_registry_saved_by_excel_with_a_byte_order_mark_loads_the_same(tmp_path):
    from stdkg.loaders.registry import load_registries

    plain, marked = load_registries(), load_registries(_registry_copy(tmp_path, "utf-8-sig"))
    assert [d.key for d in marked.departments] == [d.key for d in plain.departments]


def test_a_registry_in_gbk_is_an_error_naming_the_file_and_the_fix(tmp_path):
    from stdkg.errors import StdkgError
    from stdkg.loaders.registry import load_registries

    with pytest.raises(StdkgError) as e:
        load_registries(_registry_copy(tmp_path, "gb18030"))
    assert "registries" in str(e.value) and "UTF-8" in str(e.value)


def test_registry_names_match_through_invisible_and_full_width_characters():
    from stdkg.loaders.registry import normalise_name

    assert normalise_name("深圳市\u2060公安局") == normalise_name("深圳市公安局")
    assert normalise_name("ＩＳＯ　３７１２０") == normalise_name("iso 37120")
