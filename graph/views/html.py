"""Self-contained, offline HTML network views of the property graph, drawn with pyvis and vis-network.

Every view is one UTF-8 file: vis-network's JS and CSS, the page script and the
graph data are inline; nothing is fetched (a Content-Security-Policy forbids it).
Text from the data reaches the page only as JSON in a non-executed script
element and is put into the DOM as text. Views with a purpose are laid out in
columns (department: unit → measures → targets; city; ownership; organisations:
city → plans → organisations → committees → ISO chain); the rest by networkx
(spring layout up to `SPRING_LIMIT` nodes, packed groups by city beyond), with
physics only on small views; above `SUMMARY_LIMIT` nodes a view is summarised by
type and city. The page labels hubs only at the default zoom, never two labels
overlapping (view.js), switches labels between Chinese and English, saves the
drawing as PNG or SVG, and says what the view leaves out. `write_views` writes
them all, `write_view` one named view; indicator charts are in `chart`.
"""
from __future__ import annotations

import hashlib
import json
import re
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path
from collections import Counter
from typing import Any, Callable, Iterable, Optional

import jinja2
import networkx as nx
from markupsafe import Markup
import pyvis
from pyvis.edge import Edge
from pyvis.network import Network

from stdkg.errors import EXIT_USAGE, StdkgError
from stdkg.views import chart, labels, layout, page, select
from stdkg.views.page import ViewPage
from stdkg.views.style import FONT_STACK, ROLE_COLOURS, edge_colour, node_style
from stdkg.views.summarise import summarise

PHYSICS_LIMIT = 300
HOVER_LIMIT = 1500
DERIVED_OPACITY = 0.45
CITY_COLUMNS = {"City": 0, "Province": 0, "Plan": 1, "Section": 1, "Department": 2, "Alliance": 2, "Enterprise": 2,
                "Platform": 2, "Institution": 2, "TechnicalCommittee": 2, "StandardsBody": 2, "Measure": 3, "Target": 4,
                "Indicator": 5, "Standard": 5, "IcsCode": 6}
SPRING_LIMIT = layout.SPRING_LIMIT
SUMMARY_LIMIT = 3000
LABEL_CHARS = 16
QUOTE_CHARS = 160
MENTIONS_IN_TOOLTIP = 3
NO_CITY = layout.NO_CITY
VIEW_DIR = Path(__file__).parent
VIS_DIR = Path(pyvis.__file__).parent / "lib" / "vis-9.1.2"
SCALAR_KEYS = ("reference", "identifier", "doc_number", "value", "unit", "comparator", "year",
               "period_start", "period_end", "membership", "role", "derived", "status", "count")


@lru_cache(maxsize=1)
def _assets() -> dict[str, str]:
    return {
        "vis_js": (VIS_DIR / "vis-network.min.js").read_text(encoding="utf-8"),
        "vis_css": (VIS_DIR / "vis-network.css").read_text(encoding="utf-8"),
        "view_js": page.asset("view.js"),
        "view_css": page.asset("view.css"),
    }


def _template() -> jinja2.Template:
    return page.template("template.html")


_script_hash = page.script_hash
json_for_html = page.json_for_html


def _text(value: Any) -> str:
    if isinstance(value, (list, tuple)):
        return " / ".join(str(v) for v in value)
    return str(value)


def _clip(text: str, n: int) -> str:
    text = " ".join(str(text).split())
    return text if len(text) <= n else text[: n - 1] + "…"


def _evidence_lines(d: dict[str, Any]) -> list[str]:
    if not (d.get("doc") or d.get("quote")):
        return []
    where = " § ".join(x for x in (_text(d.get("doc") or "?"), _text(d.get("section") or "")) if x)
    lines = [f"Evidence: {where}"]
    if d.get("quote"):
        lines.append(f"“{_clip(d['quote'], QUOTE_CHARS)}”")
    return lines


def node_tooltip(pg: nx.MultiDiGraph, n: str, cities: Iterable[str]) -> str:
    """Plain-text tooltip: Chinese and English names, type, facts, and the evidence of the node and its mentions."""
    d = pg.nodes[n]
    lines = [_text(d.get("name") or n)]
    if d.get("name_en"):
        lines.append(_text(d["name_en"]))
    lines.append(f"{node_style(d.get('label')).caption} · {', '.join(sorted(cities)) or NO_CITY}")
    facts = [f"{k}: {_text(d[k])}" for k in SCALAR_KEYS if d.get(k) not in (None, "")]
    if facts:
        lines.append("; ".join(facts))
    lines += _evidence_lines(d)
    mentions = [e for _, _, e in pg.out_edges(n, data=True) if e.get("type") == "MENTIONED_IN" and e.get("doc")]
    for e in mentions[:MENTIONS_IN_TOOLTIP]:
        lines += ["Mentioned in: " + " § ".join(x for x in (_text(e["doc"]), _text(e.get("section") or "")) if x)]
        if e.get("quote"):
            lines.append(f"“{_clip(e['quote'], QUOTE_CHARS)}”")
    if len(mentions) > MENTIONS_IN_TOOLTIP:
        lines.append(f"… and {len(mentions) - MENTIONS_IN_TOOLTIP} more mentions")
    if d.get("iri") and not d.get("summary"):
        lines.append(_text(d["iri"]))
    return "\n".join(lines)


def edge_tooltip(d: dict[str, Any]) -> str:
    """Plain-text tooltip of an edge: relation, role and other properties, and its evidence."""
    head = _text(d.get("type") or "RELATED")
    facts = [f"{k}: {_text(d[k])}" for k in ("role", "derived", "membership", "count") if d.get(k) not in (None, "")]
    lines = [head + (f" ({'; '.join(facts)})" if facts else "")]
    return "\n".join(lines + _evidence_lines(d))


def _years(d: dict[str, Any]) -> list[int]:
    years = set()
    for k in ("year",):
        if isinstance(d.get(k), (int, float)) and not isinstance(d.get(k), bool):
            years.add(int(d[k]))
    start, end = d.get("period_start"), d.get("period_end")
    if isinstance(start, int) and isinstance(end, int) and 0 <= end - start <= 30:
        years.update(range(start, end + 1))
    return sorted(years)


def _search_text(d: dict[str, Any], n: str) -> str:
    parts = [d.get("name"), d.get("name_en"), d.get("iri") or n, d.get("reference"), d.get("identifier")]
    return " ".join(_text(p) for p in parts if p).lower()


def ordered_subgraph(pg: nx.MultiDiGraph, keep: set[str]) -> nx.MultiDiGraph:
    """The subgraph on `keep`, nodes and edges in the graph's own order (networkx's subgraph view
    iterates a small node set in set order, which varies between runs)."""
    sub = nx.MultiDiGraph()
    sub.add_nodes_from((n, pg.nodes[n]) for n in pg if n in keep)
    for u in sub.nodes:
        sub.add_edges_from((u, v, k, d) for _, v, k, d in pg.out_edges(u, keys=True, data=True) if v in keep)
    return sub


def _summary(pg: nx.MultiDiGraph, keep: set[str], cities: dict[str, frozenset[str]],
             max_nodes: int) -> tuple[nx.MultiDiGraph, str]:
    """The view grouped by type and city (or by type alone if that is still too large), and the page's note."""
    view = ordered_subgraph(pg, keep)
    first_city = {n: (sorted(cities.get(n, ())) or [NO_CITY])[0] for n in view.nodes}
    grouped = summarise(view, lambda n: (str(view.nodes[n].get("label") or "Other"), first_city[n]))
    how = "type and city"
    if grouped.number_of_nodes() > max_nodes:
        grouped = summarise(view, lambda n: (str(view.nodes[n].get("label") or "Other"), "all"))
        how = "type"
    note = (f"This view holds {len(keep)} nodes, more than the {max_nodes} a browser draws comfortably: it is "
            f"summarised as one node per {how} ({grouped.number_of_nodes()} groups; size and tooltip give the count).")
    return grouped, note


def _vis_options(n_nodes: int, physics: bool) -> dict[str, Any]:
    large = n_nodes > PHYSICS_LIMIT
    return {
        "nodes": {"font": {"face": FONT_STACK, "size": 14, "strokeWidth": 3, "strokeColor": "#ffffff"},
                  "borderWidth": 1, "scaling": {"label": {"drawThreshold": 1, "maxVisible": 60}}},
        "edges": {"arrows": {"to": {"enabled": True, "scaleFactor": 0.5}},
                  "smooth": {"enabled": physics, "type": "continuous"}, "font": {"face": FONT_STACK, "size": 10}},
        "physics": {"enabled": physics, "stabilization": {"enabled": True, "iterations": 120, "fit": True},
                    "barnesHut": {"gravitationalConstant": -4000, "springLength": 120, "avoidOverlap": 0.2}},
        "interaction": {"hover": n_nodes <= HOVER_LIMIT, "tooltipDelay": 120, "hideEdgesOnDrag": large,
                        "hideEdgesOnZoom": large},
        "layout": {"improvedLayout": False},
    }


@dataclass
class Layout:
    """How a view is laid out: the positions, and whether physics may still move them."""

    positions: layout.Positions
    physics: bool


def _network(view: nx.MultiDiGraph, source: nx.MultiDiGraph, pos: layout.Positions,
             cities: dict[str, frozenset[str]], options: dict[str, Any], hub_ids: set[str],
             ranks: dict[str, float]) -> Network:
    """The pyvis Network of the view: styled nodes at fixed positions, zh/en labels, plain-text tooltips,
    filter fields, and each node's rank and hub flag for the page's label placement."""
    net = Network(height="100%", width="100%", directed=True, cdn_resources="in_line")
    roles_of: dict[str, set[str]] = {n: set() for n in view.nodes}
    for u, v, d in view.edges(data=True):
        if d.get("role"):
            roles_of[u].add(str(d["role"]))
            roles_of[v].add(str(d["role"]))
    degree = dict(view.degree())
    for n, d in view.nodes(data=True):
        style = node_style(d.get("label"))
        x, y = pos.get(n, (0.0, 0.0))
        size = 10 + min(40, 4 * d["count"] ** 0.5) if d.get("summary") else layout.node_size(degree.get(n, 0))
        net.add_node(
            n, label=labels.chinese(d, n), label_en=labels.english(d, n),
            title=node_tooltip(source, n, cities.get(n, ())),
            color=style.colour, shape=style.shape, size=round(size, 1), x=round(x, 1), y=round(y, 1),
            kind=str(d.get("label") or "Other"), cities=sorted(cities.get(n, ())) or [NO_CITY],
            years=_years(d), roles=sorted(roles_of[n]), search=_search_text(d, n),
            hub=n in hub_ids, rank=ranks.get(n, 0.0),
        )
    for u, v, d in view.edges(data=True):
        width = 1 + min(6, d["count"] ** 0.5 - 1) if d.get("count") else (2 if d.get("role") else 1)
        derived = bool(d.get("derived")) or d.get("via") == "section"
        colour = {"color": edge_colour(d.get("role")), "opacity": DERIVED_OPACITY} if derived else edge_colour(d.get("role"))
        edge = Edge(u, v, True, title=edge_tooltip(d), color=colour, width=round(width, 2),
                    dashes=derived, relation=str(d.get("type") or ""), role=d.get("role") or None,
                    derived=derived)
        net.edges.append(edge.options)  # pyvis's add_edge scans every node per edge; ids are known to exist
    net.options = options
    return net


def leaves_out(pg: nx.MultiDiGraph, keep: set[str], omit_types: Iterable[str] = (), top: int = 6, also: str = "") -> str:
    """One sentence on what the view leaves out: links from drawn nodes to nodes not drawn, by relation
    and type of the node left out, relations left out between drawn nodes, and `also` (said as given)."""
    omit = set(omit_types)
    outside: Counter[tuple[str, str]] = Counter()
    outside_nodes: set[str] = set()
    omitted: Counter[str] = Counter()
    for n in sorted(keep):
        for u, v, d in list(pg.out_edges(n, data=True)) + list(pg.in_edges(n, data=True)):
            other = v if u == n else u
            rel = str(d.get("type") or "RELATED")
            if other not in keep:
                outside[(rel, str(pg.nodes[other].get("label") or "Other"))] += 1
                outside_nodes.add(other)
            elif rel in omit and u == n:
                omitted[rel] += 1
    parts = []
    if outside:
        ranked = sorted(outside.items(), key=lambda kv: (-kv[1], kv[0]))
        groups = [f"{c} {rel} ↔ {node_style(label).caption}" for (rel, label), c in ranked[:top]]
        more = len(outside) - top
        parts.append(f"{sum(outside.values())} links to {len(outside_nodes)} nodes outside this view ("
                     + ", ".join(groups) + (f", and {more} more kinds" if more > 0 else "") + ")")
    if omitted:
        parts.append(", ".join(f"{c} {rel} links between nodes drawn" for rel, c in sorted(omitted.items())))
    if also:
        parts.append(also)
    return ("Leaves out " + "; ".join(parts) + ".") if parts else "Leaves out nothing: every link of every node drawn is shown."


def _legend(vis_nodes: list[dict], vis_edges: list[dict]) -> tuple[list[dict], list[dict], list[str]]:
    counts: Counter[str] = Counter(d["kind"] for d in vis_nodes)
    legend = [{"kind": k, "caption": node_style(k).caption, "colour": node_style(k).colour,
               "shape": node_style(k).shape, "count": c} for k, c in sorted(counts.items())]
    present_roles = sorted({e["role"] for e in vis_edges if e.get("role")})
    roles = [{"role": r, "colour": ROLE_COLOURS.get(r, "#999")} for r in present_roles]
    return legend, roles, present_roles


def render_view(pg: nx.MultiDiGraph, nodes: Iterable[str], *, name: str, title: str, subtitle: str = "",
                columns: Optional[dict[str, int]] = None, max_nodes: int = SUMMARY_LIMIT,
                cities: Optional[dict[str, frozenset[str]]] = None,
                positions: Optional[Callable[[nx.MultiDiGraph], layout.Positions]] = None,
                extra_edges: Iterable[tuple[str, str, dict]] = (), omit_types: Iterable[str] = (),
                always_label: Iterable[str] = (), purpose: str = "", also_left_out: str = "") -> ViewPage:
    """Draw the subgraph of `pg` on `nodes` as one offline HTML page.

    `positions` lays the view out (a function of the drawn subgraph); else `columns`
    maps a node type to a column for a left-to-right layout; else a spring layout
    (small views) or a grouped layout (large views). `extra_edges` are drawn too
    (dashed: e.g. an organisation → the plan mentioning it); relations in
    `omit_types` are not drawn. Above `max_nodes` the subgraph is summarised by
    type and city. The page says what it leaves out either way.
    """
    cities = cities if cities is not None else select.node_cities(pg)
    keep = set(nodes)
    omit_types = tuple(omit_types)
    out_note = leaves_out(pg, keep, omit_types, also=also_left_out)
    note = ""
    if len(keep) > max_nodes:
        view, note = _summary(pg, keep, cities, max_nodes)
        source, cities = view, {n: frozenset([view.nodes[n]["city"]]) for n in view.nodes}
    else:
        view, source = ordered_subgraph(pg, keep), pg
        for u, v, d in extra_edges:
            if u in view and v in view:
                view.add_edge(u, v, **d)
    if omit_types:
        view.remove_edges_from([(u, v, k) for u, v, k, d in view.edges(keys=True, data=True) if d.get("type") in omit_types])
    n_nodes = view.number_of_nodes()
    fixed = bool(columns or positions)
    physics = n_nodes <= PHYSICS_LIMIT and not fixed
    if positions is not None and not note:
        pos = positions(view)
    elif columns:
        pos = layout.column_positions(view, lambda x: columns.get(view.nodes[x].get("label"), len(columns)))
    else:
        pos = layout.overview_positions(view, cities)
    ranks = labels.rank(view)
    hub_ids = labels.hubs(ranks, [n for n in always_label if n in view])
    net = _network(view, source, pos, cities, _vis_options(n_nodes, physics), hub_ids, ranks)
    vis_nodes, vis_edges, _, _, _, options_json = net.get_network_data()
    legend, roles, present_roles = _legend(vis_nodes, vis_edges)
    data = {
        "name": name,
        "nodes": vis_nodes,
        "edges": vis_edges,
        "options": json.loads(options_json),
        "legend": legend,
        "roles": roles,
        "derived": any(e.get("derived") for e in vis_edges),
        "filters": {
            "cities": sorted({c for d in vis_nodes for c in d["cities"]}),
            "years": sorted({y for d in vis_nodes for y in d["years"]}),
            "roles": present_roles,
            "kinds": sorted(d["kind"] for d in legend),
        },
        "physics": physics,
        "avoidShapes": not fixed,
    }
    assets = _assets()
    html = _template().render(
        title=title, subtitle=subtitle, purpose=purpose, note=note, leaves_out=out_note, csp=_csp(assets["view_js"]),
        data_json=Markup(json_for_html(data)), vis_js=Markup(assets["vis_js"]), vis_css=Markup(assets["vis_css"]),
        view_js=Markup(assets["view_js"]), view_css=Markup(assets["view_css"]),
        n_nodes=n_nodes, n_edges=view.number_of_edges(),
    )
    return ViewPage(name=name, title=title, html=html, node_ids=tuple(str(d["id"]) for d in vis_nodes),
                    summarised=bool(note), purpose=purpose or subtitle)


def _csp(page_js: str) -> str:
    return ("default-src 'none'; "
            f"script-src {_script_hash(_assets()['vis_js'])} {_script_hash(page_js)}; "
            "style-src 'unsafe-inline'; img-src data: blob:; font-src data:")


def whole_graph_view(pg: nx.MultiDiGraph, *, max_nodes: int = SUMMARY_LIMIT) -> ViewPage:
    """Every node of the graph but the national bodies linked only by ISO memberships (left out, as are
    the memberships themselves) and reference entries linked to nothing; summarised by type and city
    above `max_nodes`."""
    keep, omitted, unlinked = select.whole_graph_nodes(pg)
    return render_view(pg, keep, name="whole-graph", title="stdkg · whole graph",
                       subtitle="every node and edge but ISO committee memberships" if omitted else "every node and edge",
                       max_nodes=max_nodes, omit_types=omitted,
                       also_left_out=f"{unlinked} reference entries linked to nothing" if unlinked else "")


def city_view(pg: nx.MultiDiGraph, city: str, *, cities: Optional[dict[str, frozenset[str]]] = None) -> ViewPage:
    """One city: its plans, departments, measures, targets, organisations, and what they link to directly,
    in columns: city → plans and sections → departments and organisations → measures → targets →
    indicators and standards → ICS codes."""
    cities = cities if cities is not None else select.node_cities(pg)
    short = select.resolve_city(pg, city)
    return render_view(pg, select.city_nodes(pg, short, cities), name=f"city-{_city_slug(pg, short)}",
                       title=f"stdkg · {short}", subtitle="city view",
                       purpose="city → plans → departments and organisations → measures → targets → indicators, standards",
                       columns=CITY_COLUMNS, cities=cities)


def department_view(pg: nx.MultiDiGraph, department: str, *,
                    cities: Optional[dict[str, frozenset[str]]] = None) -> ViewPage:
    """One department (the responsible unit) → the measures it is responsible for → the targets it owns,
    left to right, in document order; owners stated in the text solid, inferred owners dashed and paler."""
    node = select.resolve_department(pg, department)
    d = pg.nodes[node]
    name = _text(d.get("name") or node)
    columns = {"Department": 0, "Enterprise": 0, "Measure": 1, "Target": 2}
    keep = select.department_table(pg, node)
    return render_view(pg, keep, name=f"department-{slug(d.get('name_en') or name)}",
                       title=f"stdkg · {name}", subtitle=_text(d.get("name_en") or "department"),
                       purpose="unit → measures it is responsible for → targets it owns; "
                               "solid = owner stated in the text, dashed = owner inferred",
                       cities=cities, columns=columns, always_label=sorted(keep))


def ownership_view(pg: nx.MultiDiGraph, city: Optional[str] = None, *,
                   cities: Optional[dict[str, frozenset[str]]] = None) -> ViewPage:
    """Target ownership: departments → measures → targets, edges coloured by role (dashed when derived);
    a city's view holds every target of the city, those without a stated or inferred owner too."""
    cities = cities if cities is not None else select.node_cities(pg)
    short = select.resolve_city(pg, city) if city else None
    columns = {"Department": 0, "Enterprise": 0, "Platform": 0, "Institution": 0, "Alliance": 0, "TechnicalCommittee": 0,
               "StandardsBody": 0, "Measure": 1, "Target": 2, "Indicator": 3}
    keep = select.ownership_nodes(pg, short, cities)
    unowned = [n for n in keep if pg.nodes[n].get("label") == "Target"
               and not any(d.get("type") in select.OWNERSHIP_TYPES for *_, d in pg.in_edges(n, data=True))]
    purpose = "departments → measures → targets; edge colour = role, dashed = inferred owner"
    if unowned:
        purpose += f"; {len(unowned)} of {sum(pg.nodes[n].get('label') == 'Target' for n in keep)} targets name no owner"
    return render_view(pg, keep, name=f"ownership-{_city_slug(pg, short)}" if short else "ownership",
                       title=f"stdkg · target ownership{' · ' + short if short else ''}",
                       subtitle="departments → measures → targets", purpose=purpose, columns=columns, cities=cities)


def alliances_committees_view(pg: nx.MultiDiGraph, city: str, *,
                              cities: Optional[dict[str, frozenset[str]]] = None,
                              selection: Optional[tuple[dict[str, int], list[tuple[str, str, dict]]]] = None) -> ViewPage:
    """A city → its plans → the organisations they mention (or that sit in the city) → the committees
    among them and their ISO chains (parent committee, secretariat), left to right."""
    cities = cities if cities is not None else select.node_cities(pg)
    short = select.resolve_city(pg, city)
    column, extra = selection if selection is not None else select.organisation_view(pg, short, cities)
    return render_view(pg, column, name=f"organisations-{_city_slug(pg, short)}",
                       title=f"stdkg · alliances and committees · {short}",
                       subtitle="alliances, technical committees, standards bodies, enterprises, platforms",
                       purpose="city → plans → organisations they mention (dashed) → committees → ISO chain",
                       cities=cities, extra_edges=extra,
                       positions=lambda view: layout.column_positions(view, lambda n: column[n]))


def neighbourhood_view(pg: nx.MultiDiGraph, entity: str, steps: int = 1, *,
                       cities: Optional[dict[str, frozenset[str]]] = None) -> ViewPage:
    """What lies one or two steps from any node, given by id, name, English name, code or alias."""
    node = select.resolve_entity(pg, entity)
    d = pg.nodes[node]
    name = _text(d.get("name") or node)
    steps = 2 if steps >= 2 else 1
    return render_view(pg, select.neighbourhood_nodes(pg, node, steps), name=f"neighbourhood-{slug(d.get('name_en') or name)}",
                       title=f"stdkg · {name}", subtitle=f"{node_style(d.get('label')).caption} · {steps} step{'s' if steps > 1 else ''} out",
                       purpose=f"everything linked to {name} within {steps} step{'s' if steps > 1 else ''}",
                       cities=cities, always_label=[node])


slug = labels.slug


def _city_slug(pg: nx.MultiDiGraph, short: str) -> str:
    for _, d in pg.nodes(data=True):
        if d.get("label") == "City" and select.short_city(d.get("short_name") or d.get("city") or d.get("name")) == short and d.get("name_en"):
            return slug(d["name_en"])
    return slug(short)


def _busiest_department(pg: nx.MultiDiGraph, city: str, cities: dict[str, frozenset[str]]) -> Optional[str]:
    best, best_n = None, 0
    for n, d in pg.nodes(data=True):
        if d.get("label") != "Department" or city not in cities[n]:
            continue
        k = sum(1 for _, _, e in pg.out_edges(n, data=True) if e.get("type") in select.OWNERSHIP_TYPES)
        if k > best_n:
            best, best_n = n, k
    return best


def build_views(pg: nx.MultiDiGraph) -> list[ViewPage]:
    """All views: whole graph, target ownership, the indicators chart, and per city a city view, its busiest
    department, its target ownership and its alliances and committees."""
    cities = select.node_cities(pg)
    pages = [whole_graph_view(pg), ownership_view(pg, cities=cities)]
    if chart.indicators(pg):
        pages.append(chart.indicator_page(pg, cities=cities))
    for city in select.graph_cities(pg, cities):
        if not any(d.get("label") == "City" and city in cities[n] for n, d in pg.nodes(data=True)):
            continue
        pages.append(city_view(pg, city, cities=cities))
        dept = _busiest_department(pg, city, cities)
        if dept is not None:
            pages.append(department_view(pg, dept, cities=cities))
            pages.append(ownership_view(pg, city, cities=cities))
        selection = select.organisation_view(pg, city, cities)
        if any(pg.nodes[n].get("label") not in ("City", "Plan") for n in selection[0]):
            pages.append(alliances_committees_view(pg, city, cities=cities, selection=selection))
    return pages


def write_views(pg: nx.MultiDiGraph, out_dir: Path) -> list[Path]:
    """Write every view and an index page into `out_dir`; returns the paths written (index last)."""
    out_dir = Path(out_dir)
    out_dir.mkdir(parents=True, exist_ok=True)
    pages = build_views(pg)
    paths = [p.write(out_dir) for p in pages]
    index = _template_index().render(pages=[(f"{p.name}.html", p.title, len(p.node_ids), p.summarised, p.purpose)
                                            for p in pages])
    index_path = out_dir / "index.html"
    index_path.write_text(index, encoding="utf-8")
    return paths + [index_path]


class UnknownViewKind(StdkgError, ValueError):
    """A view kind `named_view` does not know."""

    exit_code = EXIT_USAGE


VIEW_KINDS = ("department", "city", "organisations", "ownership", "indicator", "neighbourhood", "whole-graph")


def named_view(pg: nx.MultiDiGraph, kind: str, name: Optional[str] = None, *, steps: int = 1) -> ViewPage:
    """One view by kind: department (name = a department), city / organisations / ownership (name = a
    city; ownership without a name = all cities), indicator (name = an indicator, none = all),
    neighbourhood (name = any node; `steps` 1 or 2), whole-graph. Unknown names raise `select.UnknownName`,
    unknown kinds `UnknownViewKind` (both StdkgError, exit code 2)."""
    if kind not in VIEW_KINDS:
        raise UnknownViewKind(f"unknown view kind {kind!r}: expected one of {', '.join(VIEW_KINDS)}")
    if kind == "whole-graph":
        return whole_graph_view(pg)
    if kind == "ownership":
        if name and not _is_city(pg, name):
            raise select.UnknownName(f"no city {name!r} in the graph")
        return ownership_view(pg, name)
    if kind == "indicator":
        return chart.indicator_page(pg, name)
    if not name:
        raise select.UnknownName(f"the {kind} view needs a name")
    if kind == "department":
        return department_view(pg, name)
    if kind == "neighbourhood":
        return neighbourhood_view(pg, name, steps)
    if not _is_city(pg, name):
        raise select.UnknownName(f"no city {name!r} in the graph")
    return city_view(pg, name) if kind == "city" else alliances_committees_view(pg, name)


def _is_city(pg: nx.MultiDiGraph, name: str) -> bool:
    short = select.resolve_city(pg, name)
    return any(select.short_city(d.get("short_name") or d.get("city") or d.get("name")) == short
               for _, d in pg.nodes(data=True) if d.get("label") == "City")


def write_view(pg: nx.MultiDiGraph, kind: str, out_path: Path | str, name: Optional[str] = None, *,
               steps: int = 1) -> Path:
    """Write one named view (see `named_view`) to `out_path` (a .html file, or a folder to write
    `<view name>.html` into); returns the path written."""
    page = named_view(pg, kind, name, steps=steps)
    out_path = Path(out_path)
    if out_path.suffix.lower() != ".html":
        out_path.mkdir(parents=True, exist_ok=True)
        return page.write(out_path)
    out_path.parent.mkdir(parents=True, exist_ok=True)
    out_path.write_text(page.html, encoding="utf-8")
    return out_path


@lru_cache(maxsize=1)
def _template_index() -> jinja2.Template:
    env = jinja2.Environment(loader=jinja2.FileSystemLoader(str(VIEW_DIR)), autoescape=True)
    return env.get_template("index.html")
