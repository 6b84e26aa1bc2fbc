"""The HTML views as files: offline, escaped, laid out ahead of time, summarised when too large."""
from __future__ import annotations

import json
import re
from collections import Counter
from html import unescape as html_unescape

import pytest

from stdkg.views import html, select
from bench.synthetic import synthetic_graph
from views_support import XSS_DEPARTMENT, XSS_ORGANISATION, hostile_graph, two_city_graph

DATA = re.compile(r'<script type="application/json" id="stdkg-data">(.*?)</script>', re.S)


def page_data(page_html: str) -> dict:
    return json.loads(DATA.search(page_html).group(1))


@pytest.fixture(scope="module")
def built():
    return two_city_graph()


@pytest.fixture(scope="module")
def written(built, tmp_path_factory):
    out = tmp_path_factory.mktemp("views")
    return html.write_views(built.pg, out)


def test_pages_fetch_nothing(written):
    for path in written:
        text = path.read_text(encoding="utf-8")
        tags = re.findall(r"<(?:script|link|img|iframe|source)\b[^>]*>", text, re.I)
        assert not [t for t in tags if re.search(r"\b(src|href)\s*=", t, re.I)], path.name
        assert "bootstrap" not in text.lower() and "cdn" not in " ".join(tags).lower()
        assert re.search(r'<meta charset="utf-8">', text)
        csp = html_unescape(re.search(r'http-equiv="Content-Security-Policy" content="([^"]*)"', text).group(1))
        assert "default-src 'none'" in csp
        script_policy = csp.split("script-src")[1].split(";")[0] if "script-src" in csp else ""
        assert "unsafe-inline" not in script_policy


def test_pages_name_a_cjk_font_and_carry_chinese_as_utf8(built, written):
    city = next(p for p in written if p.stem == "city-shenzhen").read_text(encoding="utf-8")
    assert "Noto Sans CJK SC" in city
    depts = [d["name"] for _, d in built.pg.nodes(data=True) if d.get("label") == "Department" and d.get("city") == "深圳"]
    assert all(name in city for name in depts)


def test_every_fact_tooltip_has_its_evidence(built):
    page = html.whole_graph_view(built.pg)
    data = page_data(page.html)
    by_id = {n["id"]: n for n in data["nodes"]}
    with_evidence = [(n, d) for n, d in built.pg.nodes(data=True) if d.get("quote")]
    assert with_evidence
    for n, d in with_evidence:
        title = by_id[n]["title"]
        assert d["doc"] in title and str(d["section"]) in title and d["quote"][:40] in title
        assert d.get("name_en", "") in title
    edge_titles = [e["title"] for e in data["edges"]]
    for _, _, d in built.pg.edges(data=True):
        if d.get("quote"):
            assert any(d["quote"][:40] in t and d["doc"] in t for t in edge_titles)


def test_hostile_names_are_data_not_markup(tmp_path):
    built = hostile_graph()
    for path in html.write_views(built.pg, tmp_path):
        text = path.read_text(encoding="utf-8")
        assert "<script>window.__xss" not in text and "<img src=x" not in text
        charts = text.count('<svg xmlns="http://www.w3.org/2000/svg" data-stdkg-chart=')
        assert text.count("<svg") == charts and (charts == 0) == (path.stem != "indicators")
        scripts = {"index": 0, "indicators": 1}.get(path.stem, 3)
        assert len(re.findall(r"^<script\b", text, re.M)) == scripts
        if path.stem == "whole-graph":
            names = {n["id"]: n for n in page_data(text)["nodes"]}
            for n, d in built.pg.nodes(data=True):
                if d["name"] in (XSS_DEPARTMENT, XSS_ORGANISATION):
                    assert names[n]["title"].startswith(d["name"])
    dept = next(n for n, d in built.pg.nodes(data=True) if d.get("name") == XSS_DEPARTMENT)
    page = html.department_view(built.pg, dept)
    assert "&lt;script&gt;" in page.html.split("<body>")[1].split("</h1>")[0]
    assert re.fullmatch(r"[a-z0-9-]+", page.name)


def test_physics_only_for_small_views():
    small = synthetic_graph(120)
    large = synthetic_graph(html.PHYSICS_LIMIT * 2)
    assert page_data(html.whole_graph_view(small).html)["options"]["physics"]["enabled"] is True
    data = page_data(html.whole_graph_view(large).html)
    assert data["options"]["physics"]["enabled"] is False
    assert all(isinstance(n["x"], float) and isinstance(n["y"], float) for n in data["nodes"])
    assert len({(n["x"], n["y"]) for n in data["nodes"]}) == len(data["nodes"])


def test_large_view_is_summarised_by_type_and_city():
    g = synthetic_graph(1200)
    limit = 400
    page = html.whole_graph_view(g, max_nodes=limit)
    data = page_data(page.html)
    cities = select.node_cities(g)
    drawn_nodes, _, _ = select.whole_graph_nodes(g)
    groups = Counter((d["label"], (sorted(cities[n]) or [html.NO_CITY])[0]) for n, d in g.nodes(data=True) if n in drawn_nodes)
    assert page.summarised and "summarised" in page.html
    assert len(data["nodes"]) == len(groups) <= limit
    drawn = {(n["kind"], n["cities"][0]): n for n in data["nodes"]}
    for key, count in groups.items():
        assert f"({count})" in drawn[key]["label"] or f"({count})" in drawn[key]["title"]
    unsummarised = html.whole_graph_view(g, max_nodes=g.number_of_nodes())
    assert not unsummarised.summarised and len(unsummarised.node_ids) == len(drawn_nodes)


def test_ownership_view_runs_departments_to_targets_left_to_right(built):
    data = page_data(html.ownership_view(built.pg).html)
    x = {n["kind"]: set() for n in data["nodes"]}
    for n in data["nodes"]:
        x[n["kind"]].add(n["x"])
    assert max(x["Department"]) < min(x["Measure"]) < max(x["Measure"]) < min(x["Target"]) or \
        max(x["Department"]) < min(x["Measure"]) <= max(x["Measure"]) < min(x["Target"])
    roles = {e["role"] for e in data["edges"] if e.get("role")}
    assert roles == {d["role"] for _, _, d in built.pg.edges(data=True) if d.get("role")}
    colours = {e["role"]: e["color"] for e in data["edges"] if e.get("role")}
    assert len(set(colours.values())) == len(colours)


def test_city_view_accepts_any_name_of_the_city(built):
    ids = [set(html.city_view(built.pg, name).node_ids) for name in ("深圳", "深圳市", "Shenzhen")]
    assert ids[0] == ids[1] == ids[2]
    with pytest.raises(KeyError):
        html.department_view(built.pg, "不存在的局")


def test_department_view_keeps_every_measure_of_a_busy_department():
    import networkx as nx

    g = nx.MultiDiGraph()
    dept = "https://w3id.org/stdkg/id/department/busy"
    g.add_node(dept, iri=dept, label="Department", name="市场监督管理局", name_en="Market Regulation", city="深圳")
    n_measures = select.FANOUT_LIMIT + 20
    for i in range(n_measures):
        m = f"https://w3id.org/stdkg/id/measure/m{i}"
        g.add_node(m, iri=m, label="Measure", name=f"任务{i}")
        g.add_edge(dept, m, key="RESPONSIBLE_FOR", type="RESPONSIBLE_FOR", role="lead")
    body = "https://w3id.org/stdkg/id/body/sac"
    g.add_node(body, iri=body, label="StandardsBody", name="SAC")
    g.add_edge(dept, body, key="PARTNER", type="PARTNER")
    for i in range(n_measures):
        tc = f"https://w3id.org/stdkg/id/committee/tc{i}"
        g.add_node(tc, iri=tc, label="TechnicalCommittee", name=f"TC {i}")
        g.add_edge(body, tc, key="MEMBER_OF", type="MEMBER_OF", membership="P")
    page = html.department_view(g, "市场监督管理局")
    drawn = set(page.node_ids)
    assert {f"https://w3id.org/stdkg/id/measure/m{i}" for i in range(n_measures)} <= drawn
    assert body not in drawn and "1 PARTNER ↔ Standards body" in page.html  # not a measure: said to be left out
    around = set(html.neighbourhood_view(g, "市场监督管理局", steps=2).node_ids)
    assert body in around and set(drawn) <= around
    assert not any("/committee/" in n for n in around)  # the body's bulk memberships stay out


def test_views_are_reproducible_across_processes(tmp_path):
    """Same graph, different hash seeds: byte-identical pages (no set order leaks into layout or data)."""
    import os
    import subprocess
    import sys
    from pathlib import Path

    tests = Path(__file__).parent
    script = ("import sys; from views_support import two_city_graph; from stdkg.views.html import write_views; "
              "write_views(two_city_graph().pg, sys.argv[1])")
    for seed in ("1", "2"):
        env = {**os.environ, "PYTHONHASHSEED": seed,
               "PYTHONPATH": os.pathsep.join([str(tests), str(tests.parent), os.environ.get("PYTHONPATH", "")])}
        subprocess.run([sys.executable, "-c", script, str(tmp_path / seed)], env=env, check=True)
    first = {p.name: p.read_bytes() for p in (tmp_path / "1").iterdir()}
    second = {p.name: p.read_bytes() for p in (tmp_path / "2").iterdir()}
    assert first.keys() == second.keys() and len(first) > 5
    assert first == second


@pytest.fixture(scope="module")
def corpus():
    from views_support import corpus_graph

    return corpus_graph().pg


def _cities(pg) -> list[str]:
    return sorted(d["short_name"] for _, d in pg.nodes(data=True) if d.get("label") == "City")


def test_city_ownership_view_holds_every_target_of_the_city(corpus):
    for city in _cities(corpus):
        targets = {n for n, d in corpus.nodes(data=True) if d.get("label") == "Target" and d.get("city") == city}
        page = html.ownership_view(corpus, city)
        assert targets <= set(page.node_ids), city
        unowned = [t for t in targets if not any(d["type"] == "OWNS" for *_, d in corpus.in_edges(t, data=True))]
        if unowned:
            assert f"{len(unowned)} of {len(targets)} targets name no owner" in page.html


def test_organisation_view_connects_every_organisation_and_draws_committee_chains(corpus):
    for city in _cities(corpus):
        data = page_data(html.alliances_committees_view(corpus, city).html)
        ids = {n["id"] for n in data["nodes"]}
        linked_ids = {e["from"] for e in data["edges"]} | {e["to"] for e in data["edges"]}
        assert ids == linked_ids, (city, [corpus.nodes[n]["name"] for n in ids - linked_ids])
        for n in ids:
            if corpus.nodes[n]["label"] == "TechnicalCommittee":
                for _, m, d in corpus.out_edges(n, data=True):
                    if d["type"] in ("SUBCOMMITTEE_OF", "HAS_SECRETARIAT"):
                        assert m in ids, (city, corpus.nodes[n]["name"], d["type"])
    shenzhen = {n["id"] for n in page_data(html.alliances_committees_view(corpus, "深圳").html)["nodes"]}
    mentioned = {n for n, d in corpus.nodes(data=True) if d.get("label") == "StandardsBody" and d.get("doc", "").startswith("00")
                 and any(corpus.nodes[s].get("city") == "深圳" for _, s in corpus.out_edges(n))}
    assert mentioned and mentioned <= shenzhen


def _numbers_before(note: str, word: str) -> int:
    return sum(int(x) for x in re.findall(r"(\d+) " + word, note))


def test_whole_graph_view_leaves_out_iso_memberships_and_says_so(corpus):
    page = html.whole_graph_view(corpus)
    data = page_data(page.html)
    assert not [e for e in data["edges"] if e["relation"] == "MEMBER_OF"]
    memberships = sum(1 for *_, d in corpus.edges(data=True) if d["type"] == "MEMBER_OF")
    assert memberships > 100
    note = html_unescape(re.search(r'id="leaves-out">(.*?)</p>', page.html).group(1))
    assert _numbers_before(note, "MEMBER_OF") == memberships
    kept = {n["id"] for n in data["nodes"]}
    def types(n):
        return {d["type"] for *_, d in list(corpus.out_edges(n, data=True)) + list(corpus.in_edges(n, data=True))}

    assert all(types(n) - {"MEMBER_OF"} or corpus.nodes[n].get("doc") for n in kept)
    assert all(n in kept for n in corpus if types(n) - {"MEMBER_OF"})
    unlinked = sum(1 for n in corpus if not types(n) and not corpus.nodes[n].get("doc"))
    assert unlinked and f"{unlinked} reference entries linked to nothing" in note


def test_every_view_counts_the_links_it_leaves_out(corpus):
    for page in html.build_views(corpus):
        if page.name == "indicators":
            assert "leaves out" in page.html
            continue
        note = html_unescape(re.search(r'id="leaves-out">(.*?)</p>', page.html).group(1))
        assert note.startswith("Leaves out"), page.name
        if page.summarised:
            continue
        drawn = set(page.node_ids)
        boundary = sum(1 for u, v in corpus.edges() if (u in drawn) != (v in drawn))
        stated = int(re.match(r"Leaves out (\d+) links", note).group(1)) if boundary else 0
        assert stated == boundary, page.name


def test_department_view_runs_unit_measures_targets_and_styles_inferred_owners_apart(corpus):
    dept = max((n for n, d in corpus.nodes(data=True) if d["label"] == "Department"),
               key=lambda n: sum(1 for *_, d in corpus.out_edges(n, data=True) if d["type"] == "OWNS"))
    data = page_data(html.department_view(corpus, dept).html)
    x = {n["id"]: n["x"] for n in data["nodes"]}
    measures = [v for _, v, d in corpus.out_edges(dept, data=True) if d["type"] == "RESPONSIBLE_FOR"]
    targets = [v for _, v, d in corpus.out_edges(dept, data=True) if d["type"] == "OWNS"]
    assert measures and targets and set(x) == {dept, *measures, *targets}
    assert x[dept] < min(x[m] for m in measures) and max(x[m] for m in measures) < min(x[t] for t in targets)
    owns = [e for e in data["edges"] if e["relation"] == "OWNS"]
    derived = {(u, v) for u, v, d in corpus.out_edges(dept, data=True) if d["type"] == "OWNS" and d.get("derived")}
    assert derived and len(derived) < len(owns) or derived
    for e in owns:
        assert e["dashes"] == ((e["from"], e["to"]) in derived)
    assert all(n["hub"] for n in data["nodes"])


def test_neighbourhood_view_starts_from_any_name(corpus):
    aliases = Counter(a for _, d in corpus.nodes(data=True) for a in str(d.get("aliases") or "").split("|") if a)
    dept = next(n for n, d in corpus.nodes(data=True) if d["label"] == "Department" and d.get("name_en")
                and d.get("aliases") and aliases[d["aliases"].split("|")[0]] == 1 and corpus.degree(n) > 3)
    d = corpus.nodes[dept]
    pages = [html.neighbourhood_view(corpus, name) for name in (dept, d["name"], d["name_en"].upper(), d["aliases"].split("|")[0])]
    assert len({p.node_ids for p in pages}) == 1
    one = set(pages[0].node_ids)
    assert one == {dept} | set(select.linked(corpus, dept, limit=400))
    two = set(html.neighbourhood_view(corpus, dept, steps=2).node_ids)
    assert one < two
    with pytest.raises(KeyError):
        html.neighbourhood_view(corpus, "不存在的机构名称")


def test_indicator_chart_draws_one_bar_per_target_scaled_to_its_value(corpus):
    from stdkg.views import chart

    for ind in chart.indicators(corpus):
        targets = [t for t, _ in corpus.in_edges(ind)
                   if corpus.nodes[t].get("label") == "Target" and corpus.nodes[t].get("value") is not None]
        page = chart.indicator_page(corpus, corpus.nodes[ind]["name_en"])
        bars = re.findall(r'<g class="bar"><title>(.*?)</title>\s*<rect x="[^"]+" y="([^"]+)" width="[^"]+" height="([^"]+)"',
                          page.html, re.S)
        assert len(bars) == len(targets), corpus.nodes[ind]["name"]
        titles = [html_unescape(t) for t, _, _ in bars]
        for t in targets:
            assert any(corpus.nodes[t]["name"] in title for title in titles)
        assert "<script>" in page.html and "cdn" not in page.html.lower()
    everything = chart.indicator_page(corpus)
    assert everything.html.count('<g class="bar">') == sum(
        1 for t, i in corpus.edges() if corpus.nodes[i]["label"] == "Indicator" and corpus.nodes[t]["label"] == "Target"
        and corpus.nodes[t].get("value") is not None)


def test_bar_heights_are_proportional_within_a_panel():
    import networkx as nx

    from stdkg.views import chart

    g = nx.MultiDiGraph()
    g.add_node("i", label="Indicator", name="地方标准", name_en="Local standards")
    for k, (city, year, value) in enumerate([("深圳", 2020, 50.0), ("青岛", 2020, 100.0), ("深圳", 2025, 25.0)]):
        g.add_node(f"t{k}", label="Target", name=f"制定地方标准{value:g}项", value=value, unit="项", year=year, city=city)
        g.add_edge(f"t{k}", "i", type="HAS_INDICATOR")
    (panel,) = chart.indicator_chart(g, "i").panels
    heights = {b.tooltip.splitlines()[1]: b.height for b in panel.bars}
    assert heights["制定地方标准50项"] * 2 == pytest.approx(heights["制定地方标准100项"], abs=0.2)
    assert heights["制定地方标准25项"] * 4 == pytest.approx(heights["制定地方标准100项"], abs=0.4)
    assert [label for _, label in panel.years] == ["2020", "2025"]


def test_write_view_writes_each_kind_and_refuses_unknown_ones(corpus, tmp_path):
    dept = next(n for n, d in corpus.nodes(data=True) if d["label"] == "Department")
    cases = {"department": corpus.nodes[dept]["name"], "city": "Shenzhen", "organisations": "青岛市",
             "ownership": "青岛", "indicator": "Local standards to issue", "neighbourhood": "SAC", "whole-graph": None}
    for kind, name in cases.items():
        path = html.write_view(corpus, kind, tmp_path / f"{kind}.html", name)
        assert path.is_file() and path.read_text(encoding="utf-8").startswith("<!DOCTYPE html>"), kind
    into_folder = html.write_view(corpus, "neighbourhood", tmp_path / "folder", "SAC", steps=2)
    assert into_folder.parent == tmp_path / "folder" and into_folder.name.startswith("neighbourhood-")
    from stdkg.errors import EXIT_USAGE, StdkgError

    with pytest.raises(StdkgError) as refused:
        html.write_view(corpus, "hairball", tmp_path / "x.html", "深圳")
    assert "hairball" in str(refused.value) and refused.value.exit_code == EXIT_USAGE
    for kind in ("department", "city", "organisations", "ownership", "indicator", "neighbourhood"):
        with pytest.raises(StdkgError) as refused:
            html.write_view(corpus, kind, tmp_path / "x.html", "不存在")
        assert str(refused.value).count("不存在") == 1 and refused.value.exit_code == EXIT_USAGE, kind
    assert not (tmp_path / "x.html").exists()


def test_nodes_carry_chinese_and_english_labels(corpus):
    data = page_data(html.city_view(corpus, "深圳").html)
    assert all(n["label"] and n["label_en"] for n in data["nodes"])
    depts = [n for n in data["nodes"] if n["kind"] == "Department"]
    assert all(n["label_en"] == corpus.nodes[n["id"]]["name_en"][:24] or n["label_en"].endswith("…") for n in depts)
    assert any(n["label"] != n["label_en"] for n in depts)
