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
        assert "<script>window.__xss" not in text and "<img src=x" not in text and "<svg" not in text
        assert len(re.findall(r"^<script\b", text, re.M)) == (3 if path.stem != "index" else 0)
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
    groups = Counter((d["label"], (sorted(cities[n]) or [html.NO_CITY])[0]) for n, d in g.nodes(data=True))
    assert page.summarised and "summarised" in page.html
    assert len(data["nodes"]) == len(groups) <= limit
    drawn = {(n["kind"], n["cities"][0]): n for n in data["nodes"]}
    for key, count in groups.items():
        assert f"({count})" in drawn[key]["label"] or f"({count})" in drawn[key]["title"]
    unsummarised = html.whole_graph_view(g, max_nodes=g.number_of_nodes())
    assert not unsummarised.summarised and len(unsummarised.node_ids) == g.number_of_nodes()


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
    assert body in drawn
    assert not any("/committee/" in n for n in drawn)  # the body's bulk memberships stay out


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
