"""Department lineage: reorganisations from lineage.csv, written as SUCCEEDED_BY, and the question
that follows them from today's office back to the units that owned its targets."""
from __future__ import annotations

import pytest

from stdkg.loaders.lineage import lineage_of, load_lineage
from stdkg.loaders.registry import RegistryError, load_registries
from stdkg.pipeline import load_networkx
from stdkg.questions import run_question
from stdkg.stores.oxigraph_store import open_store
from tests.questions_support import built_store

REGISTRIES = load_registries()
SZ_OLD, SZ_NEW = "深圳市市场和质量监督管理委员会", "深圳市市场监督管理局"


def test_the_registry_names_the_reform_of_each_reorganisation():
    rows = {(r.predecessor, r.successor): r for r in load_lineage(REGISTRIES)}
    aqsiq = rows[("state-aqsiq", "state-administration-market-regulation")]
    assert (aqsiq.year, aqsiq.kind) == (2018, "merged") and "国务院机构改革方案" in aqsiq.source
    for city in ("qingdao", "guangzhou"):
        r = rows[(f"{city}-quality-technical-supervision-bureau", f"{city}-market-supervision-administration")]
        assert r.year == 2019 and "机构改革方案" in r.source
        assert REGISTRIES.department(r.successor).name_en.endswith("Administration for Market Regulation")


@pytest.mark.parametrize("row, problem", [
    ("no-such-bureau,shenzhen-market-supervision-administration,2019,merged,x", "predecessor 'no-such-bureau'"),
    ("state-aqsiq,state-administration-market-regulation,18,merged,x", "year '18'"),
    ("state-aqsiq,state-administration-market-regulation,2018,abolished,x", "kind 'abolished'"),
    ("state-administration-market-regulation,state-aqsiq,2020,renamed,x", "closes a cycle"),
])
def test_a_bad_lineage_row_names_the_file_line_and_problem(tmp_path, row, problem):
    path = tmp_path / "lineage.csv"
    path.write_text("predecessor,successor,year,kind,source\n"
                    "state-aqsiq,state-administration-market-regulation,2018,merged,x\n" + row + "\n", encoding="utf-8")
    with pytest.raises(RegistryError, match=rf"lineage\.csv:3: .*{problem}"):
        load_lineage(REGISTRIES, path)


def test_lineage_of_a_unit_follows_both_directions():
    rows = load_lineage(REGISTRIES)
    found = lineage_of(["shenzhen-market-supervision-administration"], rows)
    assert [(r.predecessor, r.successor) for r in found] == [
        ("shenzhen-market-quality-supervision-commission", "shenzhen-market-supervision-administration")]
    assert lineage_of(["shenzhen-public-security-bureau"], rows) == []


def test_the_build_writes_succeeded_by_with_year_and_source():
    pg = load_networkx(built_store())
    edges = [(pg.nodes[u]["name"], pg.nodes[v]["name"], d) for u, v, d in pg.edges(data=True)
             if d["type"] == "SUCCEEDED_BY"]
    (edge,) = [e for e in edges if e[0] == SZ_OLD]
    assert edge[1] == SZ_NEW and (edge[2]["year"], edge[2]["kind"]) == (2019, "merged")
    assert edge[2]["source"] == "深圳市机构改革方案(2019年)"


def test_todays_office_answers_for_its_predecessors_targets():
    store = open_store(built_store())
    own = run_question("targets_by_owner", {"department": SZ_OLD, "inferred": True}, store=store)
    assert len(own) > 0
    assert run_question("targets_by_owner", {"department": SZ_NEW}, store=store).empty
    office = run_question("targets_by_office", {"office": SZ_NEW}, store=store)
    key = lambda f: sorted(zip(f.metric, f.value, f.year.astype(object), f.role))
    assert key(office) == key(own)
    assert set(office.owner) == {SZ_OLD} and set(office.reform) == {"深圳市机构改革方案(2019年)"}
    assert set(office.reform_year) == {2019}
    former = run_question("targets_by_office", {"office": SZ_OLD}, store=store)
    assert key(former) == key(own) and former.reform.isna().all()
