"""The HTML views opened in a real headless Chromium (Debian's chromium, installed by scripts/chromium.sh).

Each view must load without console errors, exceptions, dialogs or network
requests, draw the nodes its selection implies inside the canvas, and keep
hostile names as text. Screenshots go to tests/artifacts/.
"""
from __future__ import annotations

import os
from pathlib import Path

import pytest

from stdkg.views.chromium import BrowserError, Chromium, find_chromium
from stdkg.views.html import write_views
from views_support import XSS_DEPARTMENT, XSS_ORGANISATION, hostile_graph, two_city_graph

pytestmark = pytest.mark.browser
ARTIFACTS = Path(__file__).parent / "artifacts"
READY = "window.stdkgView && window.stdkgView.ready"


@pytest.fixture(scope="module")
def browser():
    if find_chromium() is None:
        message = "no chromium on PATH: run scripts/chromium.sh (scripts/test.sh does)"
        if os.environ.get("CI", "").lower() in ("1", "true", "yes"):
            pytest.fail(message, pytrace=False)
        pytest.skip(message)
    with Chromium() as b:
        yield b


@pytest.fixture(scope="module")
def built():
    return two_city_graph()


@pytest.fixture(scope="module")
def views(built, tmp_path_factory):
    out = tmp_path_factory.mktemp("views")
    return {p.stem: p for p in write_views(built.pg, out)}


def open_view(browser: Chromium, path: Path):
    page = browser.open(path)
    page.wait_for(READY, timeout=60)
    return page


def drawn_inside(page, ids: list[str]) -> dict[str, bool]:
    """For each id: is the node in the DataSet, visible, and positioned inside the canvas after a fit."""
    return page.evaluate(
        """(() => {
          const v = window.stdkgView, ids = %s, out = {};
          v.network.fit({animation: false});
          const box = document.getElementById('network').getBoundingClientRect();
          const pos = v.network.getPositions(ids);
          for (const id of ids) {
            const n = v.nodes.get(id);
            if (!n || n.hidden || !pos[id]) { out[id] = false; continue; }
            const p = v.network.canvasToDOM(pos[id]);
            out[id] = p.x >= 0 && p.y >= 0 && p.x <= box.width && p.y <= box.height;
          }
          return out;
        })()""" % _js(ids))


def _js(value) -> str:
    import json
    return json.dumps(value, ensure_ascii=False)


def nodes_of(pg, label: str, city: str | None = None) -> list[str]:
    return [n for n, d in pg.nodes(data=True) if d.get("label") == label and (city is None or d.get("city") == city)]


def expected_nodes(built, stem: str) -> tuple[list[str], list[str]]:
    """(must be drawn, must not be drawn) for a view, from the graph and the records it was built from."""
    pg = built.pg
    by_city = {r.city: r for r in built.records}
    if stem == "whole-graph":
        return list(pg.nodes), []
    if stem == "ownership":
        owners = [u for u, v, d in pg.edges(data=True) if d.get("type") in ("RESPONSIBLE_FOR", "OWNS")]
        owned = [v for u, v, d in pg.edges(data=True) if d.get("type") in ("RESPONSIBLE_FOR", "OWNS")]
        return sorted(set(owners + owned)), nodes_of(pg, "City")
    if stem.startswith("ownership-"):
        city = {"shenzhen": "深圳", "qingdao": "青岛"}[stem.split("-")[1]]
        docs = {r.doc: r.city for r in built.records}
        edges = [(u, v, docs[d.get("doc") or pg.nodes[v]["doc"]]) for u, v, d in pg.edges(data=True)
                 if d.get("type") in ("RESPONSIBLE_FOR", "OWNS")]
        return sorted({x for u, v, c in edges if c == city for x in (u, v)}), \
            sorted({v for u, v, c in edges if c != city})
    city = {"shenzhen": "深圳", "qingdao": "青岛"}[stem.split("-")[1]] if stem.split("-")[0] in ("city", "organisations") else None
    other = next(c for c in by_city if c != city) if city else None
    if stem.startswith("city-"):
        return nodes_of(pg, "Department", city), nodes_of(pg, "Department", other)
    if stem.startswith("organisations-"):
        names = {o.name for o in by_city[city].organisations}
        mine = [n for n, d in pg.nodes(data=True) if d.get("as_written") in names or d.get("name") in names]
        theirs = {o.name for o in by_city[other].organisations}
        return mine, [n for n, d in pg.nodes(data=True) if d.get("as_written") in theirs or d.get("name") in theirs]
    if stem.startswith("department-"):
        dept = next(n for n in nodes_of(pg, "Department") if stem.endswith(_slug_of(pg, n)))
        measures = [v for _, v, d in pg.out_edges(dept, data=True) if d.get("type") == "RESPONSIBLE_FOR"]
        return [dept] + measures, []
    raise AssertionError(f"unexpected view {stem}")


def _slug_of(pg, n: str) -> str:
    from stdkg.views.html import slug
    d = pg.nodes[n]
    return slug(d.get("name_en") or d.get("name"))


def test_views_cover_the_issue(views):
    stems = set(views)
    assert {"whole-graph", "ownership", "ownership-shenzhen", "ownership-qingdao", "city-shenzhen", "city-qingdao",
            "organisations-shenzhen",
            "organisations-qingdao", "index"} <= stems
    assert sum(s.startswith("department-") for s in stems) == 2  # one per city of the two documents


@pytest.mark.parametrize("stem", ["whole-graph", "ownership", "ownership-shenzhen", "ownership-qingdao",
                                  "city-shenzhen", "city-qingdao",
                                  "organisations-shenzhen", "organisations-qingdao", "department-0", "department-1"])
def test_view_opens_clean_and_draws_expected_nodes(browser, built, views, stem):
    if stem.startswith("department-"):
        stem = sorted(s for s in views if s.startswith("department-"))[int(stem[-1])]
    page = open_view(browser, views[stem])
    try:
        must, must_not = expected_nodes(built, stem)
        assert must, f"{stem}: nothing expected, test is empty"
        drawn = drawn_inside(page, must)
        assert all(drawn.values()), f"{stem}: not drawn: {[built.pg.nodes[n]['name'] for n, ok in drawn.items() if not ok]}"
        if must_not:
            present = page.evaluate("stdkgView.nodes.get(%s).filter(Boolean).length" % _js(must_not))
            assert present == 0, f"{stem}: nodes of another city drawn"
        page.screenshot(ARTIFACTS / f"{stem}.png")
        own_url = views[stem].resolve().as_uri()
        assert all(u == own_url for u in page.report.requests), page.report.requests
        assert page.report.problems == []
    finally:
        page.close()


def test_index_links_every_view(browser, views):
    page = browser.open(views["index"])
    try:
        hrefs = page.evaluate("[...document.querySelectorAll('a')].map(a => a.getAttribute('href'))")
        assert sorted(hrefs) == sorted(p.name for s, p in views.items() if s != "index")
        assert page.report.problems == []
    finally:
        page.close()


def hover_tooltip(page, node_id: str) -> str:
    """Move the mouse onto a node and return the text of vis-network's tooltip."""
    point = page.evaluate("""(() => { const v = stdkgView; v.network.fit({animation: false});
        const p = v.network.canvasToDOM(v.network.getPositions([%s])[%s]);
        const box = document.getElementById('network').getBoundingClientRect();
        return {x: p.x + box.left, y: p.y + box.top}; })()""" % (_js(node_id), _js(node_id)))
    for dx in (1, 0):
        page.browser.call("Input.dispatchMouseEvent", {"type": "mouseMoved", "x": point["x"] + dx, "y": point["y"]},
                          session=page.session)
    return page.wait_for("""(() => { const t = document.querySelector('div.vis-tooltip');
        return t && t.style.visibility !== 'hidden' && t.textContent; })()""", timeout=10)


def test_target_tooltip_shows_evidence(browser, built, views):
    shenzhen = next(r for r in built.records if r.city == "深圳")
    target = next(n for n in nodes_of(built.pg, "Target") if built.pg.nodes[n].get("doc") == shenzhen.doc)
    record = next(t for t in shenzhen.targets if built.pg.nodes[target]["name"] == t.text)
    page = open_view(browser, views["city-shenzhen"])
    try:
        text = hover_tooltip(page, target)
        assert record.text in text
        assert record.provenance.doc in text
        assert "/".join(record.provenance.section_path) in text
        assert record.provenance.evidence[:40] in text
        assert page.report.problems == []
    finally:
        page.close()


def test_filters_and_search(browser, built, views):
    page = open_view(browser, views["whole-graph"])
    try:
        qingdao = set(n for n, d in built.pg.nodes(data=True) if d.get("city") == "青岛")
        visible = page.evaluate("""(() => { const s = document.getElementById('filter-city'); s.value = '青岛';
            s.dispatchEvent(new Event('change')); return stdkgView.nodes.get({filter: n => !n.hidden}).map(n => n.id); })()""")
        assert qingdao <= set(visible)
        assert not any(built.pg.nodes[n].get("city") == "深圳" for n in visible)
        page.evaluate("""(() => { for (const id of ['filter-city']) { const s = document.getElementById(id); s.value = '';
            s.dispatchEvent(new Event('change')); } })()""")
        participants = [(u, v) for u, v, d in built.pg.edges(data=True) if d.get("role") == "participant"]
        assert participants, "fixture has participant roles"
        hidden_edges = page.evaluate("""(() => { const s = document.getElementById('filter-role'); s.value = 'lead';
            s.dispatchEvent(new Event('change'));
            return stdkgView.edges.get({filter: e => e.hidden}).map(e => [e.from, e.to, e.role]); })()""")
        assert {(u, v) for u, v, _ in hidden_edges} >= set(participants)
        assert all(role != "lead" for _, _, role in hidden_edges)
        page.evaluate("""(() => { const s = document.getElementById('filter-role'); s.value = '';
            s.dispatchEvent(new Event('change')); })()""")
        wanted = [n for n, d in built.pg.nodes(data=True) if d.get("label") == "Department" and "市场监督管理局" in d["name"]]
        found = page.evaluate("stdkgView.search('市场监督管理局')")
        assert sorted(wanted) == sorted(found)
        assert sorted(page.evaluate("stdkgView.network.getSelectedNodes()")) == sorted(wanted)
        kinds = page.evaluate("""(() => { const s = document.getElementById('filter-kind'); s.value = 'Target';
            s.dispatchEvent(new Event('change')); return [...new Set(stdkgView.nodes.get({filter: n => !n.hidden}).map(n => n.kind))]; })()""")
        assert kinds == ["Target"]
        years = page.evaluate("[...document.getElementById('filter-year').options].map(o => o.value).filter(Boolean)")
        assert {str(t.year) for r in built.records for t in r.targets} <= set(years)
        legend = page.evaluate("[...document.querySelectorAll('#legend-kinds li')].map(li => li.textContent)")
        assert len(legend) == len({d["label"] for _, d in built.pg.nodes(data=True)})
        assert page.report.problems == []
    finally:
        page.close()


def test_hostile_names_never_execute(browser, tmp_path):
    built = hostile_graph()
    paths = write_views(built.pg, tmp_path)
    hostile = [n for n, d in built.pg.nodes(data=True) if d.get("name") in (XSS_DEPARTMENT, XSS_ORGANISATION)]
    assert len(hostile) == 2
    opened = 0
    for path in paths:
        page = open_view(browser, path) if path.stem != "index" else browser.open(path)
        try:
            assert page.evaluate("typeof window.__xss") == "undefined", path.name
            assert page.evaluate("document.querySelectorAll('img, iframe, object, svg:not([data-stdkg-chart])').length") == 0, path.name
            assert page.report.dialogs == [], path.name
            assert page.report.problems == [], path.name
            if path.stem == "indicators":
                assert page.evaluate("document.scripts.length") == 1
            elif path.stem != "index":
                assert page.evaluate("document.scripts.length") == 3
                shown = page.evaluate("stdkgView.nodes.get(%s).filter(Boolean).map(n => n.title.textContent)" % _js(hostile))
                for text in shown:
                    assert XSS_DEPARTMENT in text or XSS_ORGANISATION in text
                if path.stem.startswith("city-"):
                    assert len(shown) == 2
                    tip = hover_tooltip(page, hostile[0])
                    assert built.pg.nodes[hostile[0]]["name"] in tip
                    assert page.evaluate("typeof window.__xss") == "undefined"
                    page.screenshot(ARTIFACTS / "hostile-city.png")
            opened += 1
        finally:
            page.close()
    assert opened == len(paths)


def test_chromium_reports_console_errors(browser, tmp_path):
    """The harness itself: an error, an exception, a dialog and a blocked fetch are all reported."""
    page_path = tmp_path / "bad.html"
    page_path.write_text("<!DOCTYPE html><meta charset=utf-8><script>console.error('boom'); alert('hi');"
                         "fetch('http://192.0.2.1/x').catch(() => {}); setTimeout(() => { throw new Error('late') }, 0);</script>",
                         encoding="utf-8")
    page = browser.open(page_path)
    try:
        page.wait_for("new Promise(r => setTimeout(() => r(true), 300))")
        assert any("boom" in e for e in page.report.console_errors)
        assert any("late" in e for e in page.report.exceptions)
        assert page.report.dialogs == ["alert: hi"]
        assert any(u.startswith("http://192.0.2.1") for u in page.report.requests)
    finally:
        page.close()
    with pytest.raises(BrowserError):
        page.browser.call("No.such.method")


CORPUS = Path(os.environ.get("STDKG_CORPUS", Path(__file__).resolve().parents[2] / "shared" / "corpus"))


def test_corpus_views_open_clean(browser, tmp_path):
    """The five corpus documents, extracted and built for real: every view opens clean and each city view
    draws every department responsible for a measure of that city's documents."""
    from stdkg.build import build_graph
    from stdkg.loaders.registry import load_registries
    from stdkg.pipeline import load_documents
    from stdkg.property_graph import to_networkx

    if not CORPUS.is_dir():
        pytest.skip(f"no corpus at {CORPUS}")
    records, errors = load_documents(CORPUS)
    assert records and not errors
    pg = to_networkx(build_graph(records, load_registries()))
    paths = {p.stem: p for p in write_views(pg, tmp_path)}
    docs_of = {}
    for r in records:
        docs_of.setdefault(r.city, set()).add(r.doc)
    checked = set()
    for stem, path in paths.items():
        page = open_view(browser, path) if stem != "index" else browser.open(path)
        try:
            assert page.report.problems == [], stem
            if stem.startswith("city-"):
                city = page.evaluate("document.title").split("·")[-1].strip()
                responsible = sorted({u for u, _, d in pg.edges(data=True)
                                      if d.get("type") == "RESPONSIBLE_FOR" and d.get("doc") in docs_of[city]})
                drawn = drawn_inside(page, responsible)
                assert all(drawn.values()), (stem, [pg.nodes[n]["name"] for n, ok in drawn.items() if not ok])
                checked.add(city)
                page.screenshot(ARTIFACTS / f"corpus-{stem}.png")
        finally:
            page.close()
    assert checked == set(docs_of)
