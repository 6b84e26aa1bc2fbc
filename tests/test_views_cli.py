"""`stdkg export html` and `stdkg export graph` on a store built from the corpus."""
from __future__ import annotations

import re
from pathlib import Path

import networkx as nx
import pytest
from typer.testing import CliRunner

from stdkg.cli import app

CORPUS = Path(__file__).resolve().parents[2] / "shared" / "corpus"


@pytest.fixture(scope="module")
def store(tmp_path_factory):
    from stdkg.pipeline import build

    if not CORPUS.is_dir():
        pytest.skip(f"no corpus at {CORPUS}")
    folder = tmp_path_factory.mktemp("store")
    empty_reference = tmp_path_factory.mktemp("reference")
    result = build(store=folder / "data", docs=CORPUS, reference=empty_reference)
    assert not result.errors
    return folder / "data"


def test_export_html_writes_offline_views(store, tmp_path):
    from stdkg.pipeline import load_networkx

    out = tmp_path / "views"
    run = CliRunner().invoke(app, ["export", "html", "--out", str(out), "--store", str(store)])
    assert run.exit_code == 0, run.output
    written = sorted(out.glob("*.html"))
    links = re.findall(r'href="([^"]+)"', (out / "index.html").read_text(encoding="utf-8"))
    assert sorted(links) == sorted(p.name for p in written if p.name != "index.html")
    cities = {d["short_name"] for _, d in load_networkx(store).nodes(data=True) if d.get("label") == "City"}
    titles = {re.search(r"<title>(.*?)</title>", p.read_text(encoding="utf-8")).group(1) for p in written}
    assert {f"stdkg · {c}" for c in cities} <= titles
    for p in written:
        assert not re.search(r"<(script|link)\b[^>]*\b(src|href)=", p.read_text(encoding="utf-8"))


def test_export_graphml_and_csv(store, tmp_path):
    from stdkg.pipeline import load_networkx

    pg = load_networkx(store)
    graphml = tmp_path / "g.graphml"
    run = CliRunner().invoke(app, ["export", "graph", "graphml", "--out", str(graphml), "--store", str(store)])
    assert run.exit_code == 0, run.output
    back = nx.read_graphml(graphml, force_multigraph=True)
    assert (back.number_of_nodes(), back.number_of_edges()) == (pg.number_of_nodes(), pg.number_of_edges())
    run = CliRunner().invoke(app, ["export", "graph", "csv", "--out", str(tmp_path / "csv"), "--store", str(store)])
    assert run.exit_code == 0, run.output
    assert (tmp_path / "csv" / "nodes.csv").read_text(encoding="utf-8").startswith("iri:ID,:LABEL,")
