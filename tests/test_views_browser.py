"""The HTML views opened in a real headless Chromium (Debian's chromium, installed by scripts/chromium.sh).

Each view must load without console errors, exceptions, dialogs or network
requests, draw the nodes its selection implies inside the canvas, and keep
hostile names as text. Screenshots go to tests/artifacts/.
"""
from __future__ import annotations

import os
import re
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
                    from lxml import etree
                    svg = etree.fromstring(page.evaluate("stdkgView.exportSvg()").encode("utf-8"))
                    tags = {etree.QName(e).localname for e in svg.iter() if isinstance(e.tag, str)}
                    assert tags <= {"svg", "rect", "g", "line", "circle", "polygon", "title", "text"}, tags
                    written = " ".join(svg.itertext())
                    from stdkg.views.labels import clip
                    assert clip(XSS_DEPARTMENT) in written and clip(XSS_ORGANISATION) in written
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


DOCS_IMG = Path(__file__).resolve().parents[1] / "docs" / "img"
LABEL_BOXES = """(() => {
  const v = stdkgView, net = v.network, box = document.getElementById('network').getBoundingClientRect();
  const out = [];
  for (const n of v.nodes.get()) {
    const body = net.body.nodes[n.id];
    if (n.hidden || !n.label || !body.labelModule.visible()) continue;
    const s = body.labelModule.size;
    const a = net.canvasToDOM({x: s.left, y: s.top}), b = net.canvasToDOM({x: s.left + s.width, y: s.top + s.height});
    out.push({id: n.id, hub: n.hub, text: n.label, l: a.x, t: a.y, r: b.x, b: b.y, w: box.width, h: box.height});
  }
  return out;
})()"""


def label_boxes(page) -> list[dict]:
    """The label boxes vis-network drew, in page pixels (from its own label geometry, not the placement code)."""
    return page.evaluate(LABEL_BOXES)


def overlaps(boxes: list[dict]) -> list[tuple[str, str]]:
    return [(a["text"], b["text"]) for i, a in enumerate(boxes) for b in boxes[i + 1:]
            if a["l"] < b["r"] and b["l"] < a["r"] and a["t"] < b["b"] and b["t"] < a["b"]]


@pytest.fixture(scope="module")
def corpus_views(tmp_path_factory):
    """Every view of the shipped corpus graph, and one view of each named kind."""
    from stdkg.views.html import write_view
    from views_support import corpus_graph

    pg = corpus_graph().pg
    out = tmp_path_factory.mktemp("corpus-views")
    paths = {p.stem: p for p in write_views(pg, out)}
    dept = max((n for n, d in pg.nodes(data=True) if d["label"] == "Department" and d.get("city") == "深圳"),
               key=lambda n: pg.out_degree(n))
    paths["department"] = write_view(pg, "department", out / "department.html", pg.nodes[dept]["name"])
    paths["neighbourhood"] = write_view(pg, "neighbourhood", out / "neighbourhood.html", "深圳市标准技术研究院", steps=2)
    paths["indicator"] = write_view(pg, "indicator", out / "indicator.html", "标准化试点示范")
    return pg, paths


NETWORK_VIEWS = ["whole-graph", "ownership", "city-shenzhen", "city-qingdao", "ownership-shenzhen", "ownership-qingdao",
                 "organisations-shenzhen", "organisations-qingdao", "department", "neighbourhood"]


@pytest.mark.parametrize("stem", NETWORK_VIEWS)
def test_only_hubs_are_labelled_at_default_zoom_and_no_labels_overlap(browser, corpus_views, stem):
    pg, paths = corpus_views
    page = open_view(browser, paths[stem])
    try:
        boxes = label_boxes(page)
        assert boxes, f"{stem}: no label at all"
        assert all(b["hub"] for b in boxes), f"{stem}: non-hub labelled at the default zoom"
        assert overlaps(boxes) == [], stem
        assert all(0 <= b["l"] and b["r"] <= b["w"] and 0 <= b["t"] and b["b"] <= b["h"] for b in boxes), stem
        hubs = page.evaluate("stdkgView.nodes.get({filter: n => n.hub}).length")
        assert hubs < page.evaluate("stdkgView.nodes.length") or page.evaluate("stdkgView.nodes.length") <= 80
        assert page.report.problems == []
        page.screenshot(ARTIFACTS / f"labels-{stem}.png")
    finally:
        page.close()


def wheel(page, dy: float, times: int = 1) -> None:
    box = page.evaluate("(() => { const b = document.getElementById('network').getBoundingClientRect();"
                        " return {x: b.left + b.width / 2, y: b.top + b.height / 2}; })()")
    for _ in range(times):
        page.browser.call("Input.dispatchMouseEvent", {"type": "mouseWheel", "x": box["x"], "y": box["y"],
                                                       "deltaX": 0, "deltaY": dy}, session=page.session)


def test_zooming_in_labels_more_nodes_still_without_overlap(browser, corpus_views):
    pg, paths = corpus_views
    page = open_view(browser, paths["city-shenzhen"])
    try:
        before = label_boxes(page)
        scale = page.evaluate("stdkgView.network.getScale()")
        wheel(page, -120, times=16)
        page.wait_for("stdkgView.network.getScale() > %f" % (scale * 2), timeout=20)
        page.wait_for("new Promise(r => setTimeout(() => r(true), 400))")
        after = label_boxes(page)
        assert any(not b["hub"] for b in after), "zoomed in: still only hubs"
        assert overlaps(after) == []
        assert {b["id"] for b in after} != {b["id"] for b in before}
        page.screenshot(ARTIFACTS / "labels-city-shenzhen-zoomed.png")
        assert page.report.problems == []
    finally:
        page.close()


def test_hovering_a_node_shows_its_label(browser, corpus_views):
    pg, paths = corpus_views
    page = open_view(browser, paths["city-shenzhen"])
    try:
        unlabelled = page.evaluate("stdkgView.nodes.get({filter: n => !n.hub && !n.label}).map(n => n.id)")
        target = next(n for n in unlabelled if pg.nodes[n]["label"] == "Department")
        hover_tooltip(page, target)
        page.wait_for("stdkgView.labelled.indexOf(%s) >= 0" % _js(target), timeout=10)
        assert any(b["id"] == target for b in label_boxes(page))
    finally:
        page.close()


def test_language_switch_changes_every_label(browser, corpus_views):
    pg, paths = corpus_views
    page = open_view(browser, paths["organisations-shenzhen"])
    try:
        zh = {b["id"]: b["text"] for b in label_boxes(page)}
        page.evaluate("""(() => { const s = document.getElementById('lang'); s.value = 'en';
            s.dispatchEvent(new Event('change')); })()""")
        en = {b["id"]: b["text"] for b in label_boxes(page)}
        assert en and overlaps(label_boxes(page)) == []
        for n, text in en.items():
            d = pg.nodes[n]
            if d.get("name_en"):
                assert text.rstrip("…") in d["name_en"], (d["name"], text)
        assert any(en[n] != zh[n] for n in en.keys() & zh.keys())
        assert not any(re.search("[\u4e00-\u9fff]", t) for n, t in en.items() if pg.nodes[n].get("name_en"))
        page.screenshot(ARTIFACTS / "labels-organisations-shenzhen-en.png")
        page.evaluate("stdkgView.setLanguage('zh')")
        assert {b["id"]: b["text"] for b in label_boxes(page)} == zh
        assert page.report.problems == []
    finally:
        page.close()


def wait_for_file(folder: Path, suffix: str, timeout: float = 20) -> Path:
    import time

    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        done = [p for p in folder.glob(f"*{suffix}") if p.stat().st_size > 0]
        if done:
            return done[0]
        time.sleep(0.1)
    raise AssertionError(f"no {suffix} file downloaded into {folder}")


def test_png_and_svg_downloads_from_the_page(browser, corpus_views, tmp_path):
    from lxml import etree

    pg, paths = corpus_views
    page = open_view(browser, paths["department"])
    try:
        url = page.evaluate("stdkgView.exportPng()")
        assert url.startswith("data:image/png;base64,")
        import base64
        png = base64.b64decode(url.split(",", 1)[1])
        assert png[:8] == b"\x89PNG\r\n\x1a\n" and len(png) > 5000
        svg = etree.fromstring(page.evaluate("stdkgView.exportSvg()").encode("utf-8"))
        assert svg.tag == "{http://www.w3.org/2000/svg}svg"
        shapes = svg.findall(".//{http://www.w3.org/2000/svg}g[2]/*")
        assert len(shapes) == page.evaluate("stdkgView.nodes.get({filter: n => !n.hidden}).length")
        texts = [t.text for t in svg.iter("{http://www.w3.org/2000/svg}text")]
        assert sorted(texts) == sorted(b["text"] for b in label_boxes(page))
        folder = browser.allow_downloads(tmp_path / "downloads")
        page.evaluate("document.getElementById('save-png').click()")
        saved_png = wait_for_file(folder, ".png")
        assert saved_png.read_bytes()[:8] == b"\x89PNG\r\n\x1a\n"
        page.evaluate("document.getElementById('save-svg').click()")
        saved_svg = wait_for_file(folder, ".svg")
        assert etree.parse(str(saved_svg)).getroot().tag == "{http://www.w3.org/2000/svg}svg"
        assert page.report.problems == []
    finally:
        page.close()


def test_indicator_charts_open_clean_switch_language_and_save(browser, corpus_views, tmp_path):
    import base64

    from lxml import etree

    pg, paths = corpus_views
    page = browser.open(paths["indicators"])
    try:
        page.wait_for(READY)
        assert page.report.problems == []
        bars = page.evaluate("document.querySelectorAll('svg[data-stdkg-chart] g.bar rect').length")
        assert bars == sum(1 for t, i in pg.edges() if pg.nodes[i]["label"] == "Indicator" and pg.nodes[t]["label"] == "Target"
                                 and pg.nodes[t].get("value") is not None)
        heights = page.evaluate("[...document.querySelectorAll('g.bar rect')].map(r => r.getBBox().height)")
        assert all(h > 0 for h in heights)
        page.evaluate("stdkgView.setLanguage('en')")
        titles = page.evaluate("[...document.querySelectorAll('section.chart h2')].map(h => h.textContent)")
        english = {d["name_en"] for _, d in pg.nodes(data=True) if d["label"] == "Indicator"}
        assert titles and set(titles) <= english
        url = page.evaluate("stdkgView.exportPng(1)")
        assert url.startswith("data:image/png;base64,") and base64.b64decode(url.split(",", 1)[1])[:4] == b"\x89PNG"
        assert etree.fromstring(page.evaluate("stdkgView.exportSvg(1)").encode("utf-8")).tag.endswith("svg")
        folder = browser.allow_downloads(tmp_path / "chart-downloads")
        page.evaluate("document.querySelector('button.save-svg').click()")
        assert etree.parse(str(wait_for_file(folder, ".svg"))).getroot().tag.endswith("svg")
        page.evaluate("document.querySelector('button.save-png').click()")
        assert wait_for_file(folder, ".png").read_bytes()[:4] == b"\x89PNG"
        page.screenshot(ARTIFACTS / "indicators-en.png")
        assert page.report.problems == []
    finally:
        page.close()
