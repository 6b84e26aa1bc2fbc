"""The reference slice shipped for machines without the full reference folder."""
from __future__ import annotations

import csv
import subprocess
import sys

import pytest

from stdkg.loaders.reference import load_reference
from stdkg.pipeline import REPO_ROOT, SHIPPED_REFERENCE, build
from stdkg.questions import run_sparql
from stdkg.stores.oxigraph_store import open_store
from tests.shared import REFERENCE

CHAIN = """
PREFIX stdkg: <https://w3id.org/stdkg/ontology#>
PREFIX dcterms: <http://purl.org/dc/terms/>
SELECT ?tc ?secretariat WHERE {
    ?plan stdkg:appliesTo/stdkg:shortName ?city ; stdkg:cites ?standard .
    ?standard stdkg:reference ?reference .
    ?committee stdkg:develops ?standard ; stdkg:reference ?tc ; stdkg:secretariat ?body .
    ?body dcterms:identifier ?secretariat .
}"""


def test_slice_alone_links_shenzhen_iso_37120_to_its_committee_and_secretariat(tmp_path):
    ref = load_reference(SHIPPED_REFERENCE)
    committee = ref.committee(ref.standard("ISO 37120").committee)
    result = build(store=tmp_path / "store", reference=SHIPPED_REFERENCE)
    assert not result.errors
    df = run_sparql(CHAIN, {"city": "深圳", "reference": "ISO 37120"}, store=open_store(tmp_path / "store"))
    assert df.drop_duplicates().values.tolist() == [[committee.reference, committee.secretariat]]


def test_slice_rows_are_rows_of_the_full_reference():
    if not REFERENCE.is_dir():
        pytest.skip(f"full reference folder not found at {REFERENCE}")
    for part in sorted(SHIPPED_REFERENCE.glob("*.csv")):
        with part.open(encoding="utf-8", newline="") as a, (REFERENCE / part.name).open(encoding="utf-8", newline="") as b:
            full = {tuple(r) for r in csv.reader(b)}
            rows = [tuple(r) for r in csv.reader(a)]
        assert rows and set(rows) <= full, part.name


def test_slice_is_what_the_script_writes_from_the_shipped_records(tmp_path):
    if not REFERENCE.is_dir():
        pytest.skip(f"full reference folder not found at {REFERENCE}")
    shipped = {p.name: p.read_bytes() for p in SHIPPED_REFERENCE.iterdir()}
    subprocess.run([sys.executable, str(REPO_ROOT / "scripts" / "make_reference_slice.py"), "--reference", str(REFERENCE),
                    "--out", str(tmp_path / "slice")], check=True, capture_output=True, cwd=REPO_ROOT)
    fresh = {p.name: p.read_bytes() for p in (tmp_path / "slice").iterdir()}
    assert fresh == shipped, "graph/data/reference is stale: run scripts/make_reference_slice.py"
