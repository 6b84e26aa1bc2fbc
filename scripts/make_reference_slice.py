"""Write `graph/data/reference/`: the rows of the reference registries that the shipped records reach.

The build uses the full reference folder when it finds one (`--reference`, $STDKG_REFERENCE or
../shared/reference); on a machine without it, it falls back to this slice, so a newcomer's graph
still links Shenzhen's ISO 37120 to ISO/TC 268 and its secretariat. The slice keeps each file's
layout and header, so it is read by the same loader.

    .venv/bin/python scripts/make_reference_slice.py [--reference ../shared/reference]
"""
from __future__ import annotations

import argparse
import csv
import json
import re
import shutil
from pathlib import Path

from stdkg.loaders.reference import normalise_committee_reference, normalise_standard_reference
from stdkg.pipeline import DEFAULT_REFERENCE, RECORDS_DIR

SLICE_DIR = Path(__file__).resolve().parent.parent / "graph" / "data" / "reference"
KEEP_WHOLE = ("cn_admin_divisions_province_prefecture.csv", "cn_sac_tc_partial.csv",
              "iso_member_bodies_from_committees.csv")
CODE = re.compile(r"(?:ISO|IEC|ITU)[A-Z/ ]*\s?\d[\d.\-]*(?:/SC\s?\d+)?")


def _rows(path: Path) -> tuple[list[str], list[dict[str, str]]]:
    with path.open(encoding="utf-8", newline="") as handle:
        reader = csv.DictReader(handle)
        return list(reader.fieldnames or []), list(reader)


def _write(path: Path, header: list[str], rows: list[dict[str, str]]) -> None:
    with path.open("w", encoding="utf-8", newline="") as handle:
        writer = csv.DictWriter(handle, fieldnames=header, lineterminator="\n")
        writer.writeheader()
        writer.writerows(rows)


def cited_codes() -> set[str]:
    """Standard and committee codes written in the shipped records (names and evidence)."""
    codes: set[str] = set()
    for path in sorted(RECORDS_DIR.glob("*.json")):
        data = json.loads(path.read_text(encoding="utf-8"))
        texts = [o["name"] for o in data.get("organisations", [])]
        texts += [o["provenance"]["evidence"] for o in data.get("organisations", []) if o.get("provenance")]
        for text in texts:
            codes.update(m.group(0).strip() for m in CODE.finditer(text.replace(" ", " ")))
    return codes


def ancestors(reference: str, parents: dict[str, str]) -> list[str]:
    out = [reference]
    while parents.get(out[-1]):
        out.append(parents[out[-1]])
    return out


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--reference", type=Path, default=DEFAULT_REFERENCE)
    ap.add_argument("--out", type=Path, default=SLICE_DIR)
    args = ap.parse_args()
    src, out = args.reference, args.out
    codes = cited_codes()
    standard_refs = {normalise_standard_reference(c) for c in codes}
    committee_refs = {normalise_committee_reference(c) for c in codes if "/TC" in c.upper() or "JTC" in c.upper()}

    std_header, standards = _rows(src / "iso_standards.csv")
    standards = [r for r in standards if r["base_reference"] in standard_refs]
    com_header, committees = _rows(src / "iso_committees.csv")
    parents = {r["reference"]: r["parent_reference"] for r in committees}
    wanted = set()
    for ref in committee_refs | {r["committee_reference"] for r in standards if r["committee_reference"]}:
        wanted.update(ancestors(ref, parents))
    committees = [r for r in committees if r["reference"] in wanted]
    mem_header, memberships = _rows(src / "iso_committee_memberships.csv")
    memberships = [r for r in memberships if r["committee_reference"] in wanted]
    ics_header, ics = _rows(src / "ics_codes.csv")
    ics_parent = {r["ics_code"]: r["parent_code"] for r in ics}
    ics_wanted = set()
    for r in standards:
        for code in filter(None, (c.strip() for c in r["ics_codes"].split(";"))):
            ics_wanted.update(ancestors(code, ics_parent))
    ics = [r for r in ics if r["ics_code"] in ics_wanted]

    if out.exists():
        shutil.rmtree(out)
    out.mkdir(parents=True)
    _write(out / "iso_standards.csv", std_header, standards)
    _write(out / "iso_committees.csv", com_header, committees)
    _write(out / "iso_committee_memberships.csv", mem_header, memberships)
    _write(out / "ics_codes.csv", ics_header, ics)
    for name in KEEP_WHOLE:
        shutil.copyfile(src / name, out / name)
    for note in sorted(src.glob("*.source.md")):
        if (out / note.name.replace(".source.md", ".csv")).exists():
            shutil.copyfile(note, out / note.name)
    (out / "README.md").write_text(
        "# Reference slice\n\n"
        "The rows of the reference registries that the shipped records reach, written by "
        "`scripts/make_reference_slice.py` from the full folder; each file keeps its source's layout and its "
        "`.source.md` names the origin and licence. ISO committees, memberships, standards and ICS codes: "
        "ISO Open Data and iso.org bibliographic metadata, © International Organization for Standardization (ISO).\n\n"
        f"Codes cited by the records: {', '.join(sorted(codes))}.\n"
        f"Rows: {len(standards)} standards, {len(committees)} committees, {len(memberships)} memberships, "
        f"{len(ics)} ICS codes.\n",
        encoding="utf-8",
    )
    print(f"{out}: {len(standards)} standards, {len(committees)} committees, "
          f"{len(memberships)} memberships, {len(ics)} ICS codes from {len(codes)} cited codes")


if __name__ == "__main__":
    main()
