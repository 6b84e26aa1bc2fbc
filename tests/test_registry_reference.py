"""The reference loader on the shared ISO Open Data / admin-division files, and on broken copies."""
from __future__ import annotations

import csv
import os
import shutil
from pathlib import Path

import pytest

from stdkg.loaders.reference import (
    ADMIN_DIVISIONS,
    DRAFT_MARKERS,
    ICS_CODES,
    ISO_COMMITTEES,
    ISO_MEMBER_BODIES,
    ISO_MEMBERSHIPS,
    ISO_STANDARDS,
    SAC_COMMITTEES,
    ReferenceDataError,
    load_reference,
    normalise_committee_reference,
    normalise_standard_reference,
)

SHARED = Path(os.environ.get("STDKG_SHARED", Path(__file__).resolve().parents[2] / "shared"))
REFERENCE = SHARED / "reference"

needs_reference = pytest.mark.skipif(not (REFERENCE / ISO_COMMITTEES).is_file(), reason=f"{REFERENCE} is absent")


def _rows(name: str) -> list[dict[str, str]]:
    with (REFERENCE / name).open(encoding="utf-8", newline="") as handle:
        return list(csv.DictReader(handle))


@pytest.fixture(scope="module")
def ref():
    if not (REFERENCE / ISO_COMMITTEES).is_file():
        pytest.skip(f"{REFERENCE} is absent")
    return load_reference(REFERENCE)


@pytest.mark.parametrize("written, canonical", [
    ("ISO37120", "ISO 37120"),
    ("ISO 37120:2014", "ISO 37120"),
    ("ISO/IEC 27001", "ISO/IEC 27001"),
    ("ISO/IEC 27001:2022/Amd 1:2024", "ISO/IEC 27001"),
    ("GB/T 19001-2016", "GB/T 19001"),
    ("GB/T 7714—2015", "GB/T 7714"),
    ("GB/T 20000.1-2014", "GB/T 20000.1"),
    ("ＧＢ／Ｔ１９００１－２０１６", "GB/T 19001"),
    ("食品安全管理体系(ISO22000)", "ISO 22000"),
    ("ISO/DIS 3151-2", "ISO 3151-2"),
    ("ISO/CD TS 1", "ISO/TS 1"),
    ("ISO/IEC/TR 10000", "ISO/IEC TR 10000"),
    ("ISO Guide 30:2015", "ISO Guide 30"),
    ("iso 9001", "ISO 9001"),
])
def test_normalise_standard_reference(written, canonical):
    assert normalise_standard_reference(written) == canonical


@pytest.mark.parametrize("written, canonical", [
    ("ISO/TC268", "ISO/TC 268"),
    ("ISO／TC 268", "ISO/TC 268"),
    ("iso/iec jtc1/sc27", "ISO/IEC JTC 1/SC 27"),
    ("ISO/TC 34/SC17", "ISO/TC 34/SC 17"),
    ("SAC/TC260", "SAC/TC 260"),
    ("IEC/ISO JSyC BDC", "IEC/ISO JSyC BDC"),
])
def test_normalise_committee_reference(written, canonical):
    assert normalise_committee_reference(written) == canonical


@needs_reference
def test_standard_normalisation_agrees_with_iso_deliverable_identifiers():
    """Every deliverable docid (with year, draft stage or supplement) maps to the base reference ISO gives it.

    Left out: base references that are not themselves in canonical form (they hold a `:`),
    and docids that open with a draft marker word before the body (`CD IWA 45`).
    """
    path = REFERENCE / "iso_deliverables.csv"
    if not path.is_file():
        pytest.skip(f"{path} is absent")
    with path.open(encoding="utf-8", newline="") as handle:
        rows = [r for r in csv.DictReader(handle)
                if ":" not in r["base_reference"] and r["docid"].split(" ")[0] not in DRAFT_MARKERS]
    assert rows
    wrong = [(r["docid"], r["base_reference"]) for r in rows
             if normalise_standard_reference(r["docid"]) != r["base_reference"]]
    assert wrong == []


def test_every_file_loads_one_record_per_row(ref):
    assert len(ref.standards) == len(_rows(ISO_STANDARDS))
    assert len(ref.memberships) == len(_rows(ISO_MEMBERSHIPS))
    assert len(ref.ics_codes) == len(_rows(ICS_CODES))
    assert len(ref.member_bodies) == len(_rows(ISO_MEMBER_BODIES))
    assert len(ref.committees) == len(_rows(ISO_COMMITTEES)) + len(_rows(SAC_COMMITTEES))
    real_divisions = [r for r in _rows(ADMIN_DIVISIONS) if not r["is_statistical_placeholder"]]
    assert len(ref.admin_divisions) == len(real_divisions)
    assert ref.notes == []


def test_standard_lookup_accepts_written_forms(ref):
    """Hand checks named in iso_standards.source.md."""
    assert ref.standard("ISO37120:2014").committee == "ISO/TC 268"
    assert ref.standard("ISO 22000:2018").committee == "ISO/TC 34/SC 17"
    assert ref.standard("ISO/IEC 27001:2022").committee == "ISO/IEC JTC 1/SC 27"
    assert ref.standard("ISO 99999999") is None


def test_standard_fields_come_from_the_row(ref):
    row = next(r for r in _rows(ISO_STANDARDS) if r["base_reference"] == "ISO 37120")
    record = ref.standard("ISO 37120")
    assert record.title_en == row["title_en"] and record.status == row["status"]
    assert record.ics_codes == tuple(c for c in row["ics_codes"].split(";") if c)


def test_committee_lookup_and_fields(ref):
    """Hand checks named in iso_committees.source.md."""
    tc268 = ref.committee("ISO/TC268")
    assert (tc268.title_en, tc268.secretariat, tc268.created) == ("Sustainable cities and communities", "AFNOR",
                                                                   "2012-02-23")
    assert ref.committee("ISO/TC 34/SC 17").parent == "ISO/TC 34"
    assert ref.committee("ISO/TC 342").secretariat == "SAC"


def test_memberships_match_the_committee_member_counts(ref):
    for row in _rows(ISO_COMMITTEES):
        if row["reference"] in ("ISO/TC 268", "ISO/TC 176", "ISO/IEC JTC 1"):
            members = ref.memberships_of(row["reference"])
            assert sum(m.membership == "P" for m in members) == int(row["p_member_count"])
            assert sum(m.membership == "O" for m in members) == int(row["o_member_count"])


def test_standard_committees_are_canonical(ref):
    for standard in ref.standards:
        if standard.committee:
            assert normalise_committee_reference(standard.committee) == standard.committee


def test_sac_committees_keep_chinese_name_and_city(ref):
    tc567 = ref.committee("SAC/TC567")
    assert tc567.title_zh == "全国城市可持续发展标准化技术委员会" and tc567.secretariat_city == "北京"
    shenzhen_hosted = [c for c in ref.committees if c.secretariat_city == "深圳"]
    assert shenzhen_hosted and all(c.title_zh for c in shenzhen_hosted)


def test_national_committee_lookup_by_chinese_name(ref):
    rows = [r for r in _rows(SAC_COMMITTEES) if r["tc_code"]]
    for row in rows:
        assert ref.committee(row["name_zh"]).reference == normalise_committee_reference(row["tc_code"])
    renamed = next(r for r in rows if "later name" in r["other_fact"])
    later = renamed["other_fact"].split("later name", 1)[1].split()[0]
    assert ref.committee(later).reference == normalise_committee_reference(renamed["tc_code"])


def test_member_body_and_admin_division_lookups(ref):
    assert ref.member_body("SAC").member_id == "1635"
    assert ref.admin_division("440300").name_zh == "深圳市"
    assert ref.admin_division("青岛市").province_code == "370000"
    assert ref.ics("13.020.20").parent == "13.020"


def test_missing_files_give_empty_lists_and_notes(tmp_path):
    if not (REFERENCE / ICS_CODES).is_file():
        pytest.skip(f"{REFERENCE} is absent")
    shutil.copy(REFERENCE / ICS_CODES, tmp_path / ICS_CODES)
    ref = load_reference(tmp_path)
    assert ref.ics_codes and not ref.standards and not ref.committees
    assert any(ISO_STANDARDS in note for note in ref.notes)
    assert not any(ICS_CODES in note for note in ref.notes)


def _write(path: Path, text: str) -> None:
    path.write_text(text, encoding="utf-8")


def test_bad_membership_value_names_file_and_line(tmp_path):
    _write(tmp_path / ISO_MEMBERSHIPS,
           "committee_reference,member_body,iso_member_id,membership\nISO/TC 268,SAC,1635,P\nISO/TC 268,BSI,2064,X\n")
    with pytest.raises(ReferenceDataError, match=rf"{ISO_MEMBERSHIPS}:3: membership 'X'"):
        load_reference(tmp_path)


def test_missing_column_names_file(tmp_path):
    _write(tmp_path / ISO_STANDARDS, "base_reference,status\nISO 1,published\n")
    with pytest.raises(ReferenceDataError, match=rf"{ISO_STANDARDS}:1: missing column"):
        load_reference(tmp_path)


def test_ragged_row_names_file_and_line(tmp_path):
    _write(tmp_path / ICS_CODES, "ics_code,level,parent_code,field_code,title_en\n01,field,,01,Generalities\n03,field\n")
    with pytest.raises(ReferenceDataError, match=rf"{ICS_CODES}:3:"):
        load_reference(tmp_path)


def test_empty_reference_names_file_and_line(tmp_path):
    _write(tmp_path / ISO_COMMITTEES,
           "iso_committee_id,reference,committee_type,parent_reference,status,title_en,secretariat,creation_date\n"
           "1,,TC,,Active,Something,SAC,2020-01-01\n")
    with pytest.raises(ReferenceDataError, match=rf"{ISO_COMMITTEES}:2: empty reference"):
        load_reference(tmp_path)


def test_a_reference_file_in_gbk_is_an_error_naming_the_file(tmp_path):
    from stdkg.errors import StdkgError
    from stdkg.loaders.reference import load_reference
    from stdkg.vocabulary import REFERENCE_DIR

    for path in REFERENCE_DIR.glob("*.csv"):
        (tmp_path / path.name).write_bytes(path.read_text(encoding="utf-8").encode("gb18030"))
    with pytest.raises(StdkgError) as e:
        load_reference(tmp_path)
    assert ".csv" in str(e.value) and "UTF-8" in str(e.value)
