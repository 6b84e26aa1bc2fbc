"""Indicators compared across cities and years: bar charts drawn as inline SVG, offline, no chart library.

One panel per indicator and unit (targets of one indicator may measure different
things: 万吨, %, 吨; counting words such as 项, 个, 家 share one panel, the unit
written on each bar): years along the axis, one bar per target coloured by city,
its value on top and its text and evidence in the bar's tooltip (SVG <title>).
The page (chart.html + chart.js) switches labels between Chinese and English
and saves each chart as SVG or PNG.
"""
from __future__ import annotations

import math
from collections import defaultdict
from dataclasses import dataclass, field
from typing import Any, Optional

import networkx as nx
from markupsafe import Markup

from stdkg.views import labels, page, select
from stdkg.views.layout import NO_CITY
from stdkg.views.page import ViewPage
from stdkg.views.style import CITY_COLOURS, FONT_STACK
from stdkg.vocabulary import words

WIDTH, PANEL_HEIGHT, LEGEND_HEIGHT = 640, 210, 26
MARGIN = {"left": 64, "right": 16, "top": 26, "bottom": 34}
BAR_MAX = 40
COUNT_PANEL = "count"
NO_YEAR = "—"


@dataclass
class Bar:
    x: float
    y: float
    width: float
    height: float
    colour: str
    value: str
    tooltip: str


@dataclass
class Panel:
    unit: str
    height: int
    bars: list[Bar] = field(default_factory=list)
    years: list[tuple[float, str]] = field(default_factory=list)
    ticks: list[tuple[float, str]] = field(default_factory=list)
    baseline: float = 0.0
    plot_left: float = 0.0
    plot_right: float = 0.0


@dataclass
class IndicatorChart:
    id: str
    slug: str
    zh: str
    en: str
    panels: list[Panel]
    cities: list[dict[str, str]]
    n_targets: int


def indicators(pg: nx.MultiDiGraph) -> list[str]:
    """Indicator nodes that at least one target with a value measures, by name."""
    out = [n for n, d in pg.nodes(data=True) if d.get("label") == "Indicator"
           and any(pg.nodes[t].get("value") is not None for t, _ in pg.in_edges(n))]
    return sorted(out, key=lambda n: str(pg.nodes[n].get("name")))


def resolve_indicator(pg: nx.MultiDiGraph, name: str) -> str:
    """An indicator given as id, Chinese or English name (exact, case-insensitive) or part of one."""
    wanted = name.strip().casefold()
    candidates = indicators(pg)
    for n in candidates:
        if n == name or wanted in (str(pg.nodes[n].get("name")).casefold(), str(pg.nodes[n].get("name_en")).casefold()):
            return n
    partial = [n for n in candidates if wanted in str(pg.nodes[n].get("name")).casefold()
               or wanted in str(pg.nodes[n].get("name_en")).casefold()]
    if len(partial) == 1:
        return partial[0]
    known = ", ".join(str(pg.nodes[n].get("name")) for n in candidates)
    raise select.UnknownName(f"no single indicator {name!r} (known: {known})")


def _panel_unit(unit: str) -> str:
    """Counting measure words (项, 个, 家 … from the vocabulary `count_units`) share one panel."""
    return COUNT_PANEL if unit in words("count_units", "unit") else unit


def _nice_max(value: float) -> float:
    if value <= 0:
        return 1.0
    exp = 10 ** math.floor(math.log10(value))
    for step in (1, 2, 2.5, 5, 10):
        if value <= step * exp:
            return step * exp
    return 10 * exp


def _number(value: float) -> str:
    return f"{value:,.0f}" if float(value).is_integer() else f"{value:,.2f}".rstrip("0").rstrip(".")


def _tooltip(d: dict[str, Any], city: str) -> str:
    lines = [f"{city} · {d.get('year') or NO_YEAR}: {d.get('comparator') or ''}{_number(d['value'])} {d.get('unit') or ''}".strip(),
             labels.text(d.get("name") or "")]
    if d.get("doc"):
        lines.append(f"Evidence: {d['doc']} § {d.get('section') or ''}")
    if d.get("quote"):
        lines.append(f"“{labels.clip(d['quote'], 160)}”")
    return "\n".join(lines)


def _panel(rows: list[tuple[str, dict[str, Any]]], unit: str, colour_of: dict[str, str]) -> Panel:
    """Bars of one unit: years left to right (undated last), within a year one bar per target by city."""
    p = Panel(unit=unit, height=PANEL_HEIGHT)
    years = sorted({d.get("year") for _, d in rows}, key=lambda y: (y is None, y or 0))
    p.plot_left, p.plot_right = MARGIN["left"], WIDTH - MARGIN["right"]
    top, p.baseline = MARGIN["top"], PANEL_HEIGHT - MARGIN["bottom"]
    top_value = _nice_max(max(float(d["value"]) for _, d in rows))
    for i in range(5):
        v = top_value * i / 4
        p.ticks.append((p.baseline - (p.baseline - top) * i / 4, _number(v)))
    group_width = (p.plot_right - p.plot_left) / len(years)
    for gi, year in enumerate(years):
        members = sorted(((c, d) for c, d in rows if d.get("year") == year), key=lambda cd: (cd[0], -float(cd[1]["value"])))
        bar_w = min(BAR_MAX, (group_width * 0.8) / len(members))
        start = p.plot_left + gi * group_width + (group_width - bar_w * len(members)) / 2
        p.years.append((p.plot_left + (gi + 0.5) * group_width, str(year) if year is not None else NO_YEAR))
        for bi, (city, d) in enumerate(members):
            h = (p.baseline - top) * float(d["value"]) / top_value
            value = _number(float(d["value"])) + (f" {d.get('unit')}" if unit == COUNT_PANEL and d.get("unit") else "")
            p.bars.append(Bar(x=round(start + bi * bar_w + 1, 1), y=round(p.baseline - h, 1), width=round(bar_w - 2, 1),
                              height=round(h, 1), colour=colour_of[city], value=value,
                              tooltip=_tooltip(d, city)))
    return p


def _city_names(pg: nx.MultiDiGraph) -> dict[str, str]:
    out = {}
    for _, d in pg.nodes(data=True):
        if d.get("label") == "City":
            short = select.short_city(d.get("short_name") or d.get("city") or d.get("name"))
            if short:
                out[short] = str(d.get("name_en") or short)
    return out


def indicator_chart(pg: nx.MultiDiGraph, indicator: str, cities: Optional[dict[str, frozenset[str]]] = None,
                    colour_of: Optional[dict[str, str]] = None) -> IndicatorChart:
    """The chart of one indicator: its targets with a value, by unit, year and city."""
    cities = cities if cities is not None else select.node_cities(pg)
    by_unit: dict[str, list[tuple[str, dict[str, Any]]]] = defaultdict(list)
    for t, _ in sorted(pg.in_edges(indicator), key=lambda e: str(e[0])):
        d = pg.nodes[t]
        if d.get("label") != "Target" or d.get("value") is None:
            continue
        city = d.get("city") or (sorted(cities.get(t, ())) or [NO_CITY])[0]
        by_unit[_panel_unit(str(d.get("unit") or ""))].append((str(city), d))
    all_cities = sorted({c for rows in by_unit.values() for c, _ in rows})
    if colour_of is None:
        colour_of = {c: CITY_COLOURS[i % len(CITY_COLOURS)] for i, c in enumerate(all_cities)}
    english = _city_names(pg)
    d = pg.nodes[indicator]
    return IndicatorChart(
        id=indicator, slug=labels.slug(d.get("name_en") or d.get("name") or indicator),
        zh=str(d.get("name") or indicator), en=str(d.get("name_en") or d.get("name") or indicator),
        panels=[_panel(rows, unit, colour_of) for unit, rows in sorted(by_unit.items(), key=lambda kv: (-len(kv[1]), kv[0]))],
        cities=[{"zh": c, "en": english.get(c, c), "colour": colour_of[c]} for c in all_cities],
        n_targets=sum(len(rows) for rows in by_unit.values()),
    )


def indicator_page(pg: nx.MultiDiGraph, indicator: Optional[str] = None, *,
                   cities: Optional[dict[str, frozenset[str]]] = None) -> ViewPage:
    """One page of charts: every indicator (or the one named), each compared across cities and years."""
    cities = cities if cities is not None else select.node_cities(pg)
    chosen = [resolve_indicator(pg, indicator)] if indicator else indicators(pg)
    everywhere = sorted({str(pg.nodes[t].get("city")) for i in chosen for t, _ in pg.in_edges(i)
                         if pg.nodes[t].get("city")})
    colour_of = {c: CITY_COLOURS[i % len(CITY_COLOURS)] for i, c in enumerate(everywhere)}
    charts = [indicator_chart(pg, i, cities, colour_of) for i in chosen]
    all_targets = [n for n, d in pg.nodes(data=True) if d.get("label") == "Target"]
    charted = sum(c.n_targets for c in charts)
    if indicator:
        title, name = f"stdkg · indicator · {charts[0].zh}", f"indicator-{charts[0].slug}"
        leaves = (f"Shows the {charted} targets measured by this indicator; leaves out the other "
                  f"{len(all_targets) - charted} targets of the graph.")
    else:
        title, name = "stdkg · indicators across cities and years", "indicators"
        unlinked = sum(1 for t in all_targets if not any(pg.nodes[i].get("label") == "Indicator" for i in pg.successors(t)))
        leaves = (f"Shows {charted} targets of {len(charts)} indicators; leaves out the {unlinked} targets "
                  "that no indicator measures (see the ownership views).")
    js = page.asset("chart.js")
    csp = (f"default-src 'none'; script-src {page.script_hash(js)}; style-src 'unsafe-inline'; "
           "img-src data: blob:; font-src data:")
    html = page.template("chart.html").render(
        title=title, charts=charts, width=WIDTH, legend_height=LEGEND_HEIGHT, leaves_out=leaves, csp=csp, font=FONT_STACK,
        chart_js=Markup(js), view_css=Markup(page.asset("view.css")), name=name,
    )
    return ViewPage(name=name, title=title, html=html, node_ids=tuple(chosen), summarised=False,
                    purpose="targets of each indicator compared across cities and years (bar charts)")
