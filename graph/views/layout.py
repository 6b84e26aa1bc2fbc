"""Node positions computed ahead of time with networkx, so the browser need not run physics."""
from __future__ import annotations

import math
from collections import defaultdict
from typing import Callable, Hashable

import networkx as nx

Positions = dict[str, tuple[float, float]]
SPACING = 45.0
SPRING_LIMIT = 800
ASPECT = 1.4
NO_CITY = "—"


def node_size(degree: int) -> float:
    """A node's drawn radius in pixels, growing with the square root of its degree."""
    return 8 + min(22, 3 * degree ** 0.5)


def overview_positions(g: nx.MultiDiGraph, cities: dict[str, frozenset[str]], seed: int = 7) -> Positions:
    """The layout of a whole graph: spring layout up to `SPRING_LIMIT` nodes, packed groups by city beyond
    (shared by the whole-graph view and the GEXF export)."""
    if g.number_of_nodes() <= SPRING_LIMIT:
        return spring_positions(g, seed=seed, iterations=50 if g.number_of_nodes() <= 300 else 30)
    return grouped_positions(g, lambda x: (sorted(cities.get(x, ())) or [NO_CITY])[0], seed=seed)


def spring_positions(g: nx.MultiDiGraph, seed: int = 7, iterations: int = 50) -> Positions:
    """A force-directed layout (networkx spring_layout) scaled to pixels."""
    if g.number_of_nodes() == 0:
        return {}
    simple = nx.Graph(g.to_undirected(as_view=True))
    try:
        pos = nx.spring_layout(simple, seed=seed, iterations=iterations, method="force")
    except TypeError:  # networkx before 3.5 has no `method` and always uses forces
        pos = nx.spring_layout(simple, seed=seed, iterations=iterations)
    scale = SPACING * math.sqrt(g.number_of_nodes()) * 1.2
    return {n: (float(x) * scale, float(y) * scale) for n, (x, y) in pos.items()}


def _sunflower(n: int) -> list[tuple[float, float]]:
    golden = math.pi * (3 - math.sqrt(5))
    return [(math.sqrt(i + 0.5) * math.cos(i * golden), math.sqrt(i + 0.5) * math.sin(i * golden)) for i in range(n)]


def grouped_positions(g: nx.MultiDiGraph, group_of: Callable[[str], Hashable], seed: int = 7,
                      spring_limit: int = 150) -> Positions:
    """Nodes packed group by group (e.g. by city), each group a disc; fast enough for thousands of nodes.

    Small groups get a spring layout of their own subgraph, large ones a sunflower
    spiral ordered by type; groups are laid out on a square-ish grid by size.
    """
    groups: dict[Hashable, list[str]] = defaultdict(list)
    for n in g.nodes:
        groups[group_of(n)].append(n)
    ordered = sorted(groups.items(), key=lambda kv: (-len(kv[1]), str(kv[0])))
    radius = {k: SPACING * (math.sqrt(len(ns)) + 1.5) for k, ns in ordered}
    total = sum((2 * r) ** 2 for r in radius.values())
    row_width = max(math.sqrt(total) * 1.2, 2 * max(radius.values(), default=SPACING))
    pos: Positions = {}
    x = y = 0.0
    row_height = 0.0
    for key, nodes in ordered:
        r = radius[key]
        if x > 0 and x + 2 * r > row_width:
            x, y, row_height = 0.0, y + row_height, 0.0
        cx, cy = x + r, y + r
        if len(nodes) <= spring_limit:
            local = spring_positions(g.subgraph(nodes), seed=seed, iterations=40)
            span = max((max(abs(a), abs(b)) for a, b in local.values()), default=1.0) or 1.0
            for n, (a, b) in local.items():
                pos[n] = (cx + a / span * (r - SPACING), cy + b / span * (r - SPACING))
        else:
            nodes = sorted(nodes, key=lambda n: (str(g.nodes[n].get("label")), str(g.nodes[n].get("name"))))
            for n, (a, b) in zip(nodes, _sunflower(len(nodes))):
                pos[n] = (cx + a * SPACING * 0.9, cy + b * SPACING * 0.9)
        x += 2 * r
        row_height = max(row_height, 2 * r)
    return pos


def column_positions(g: nx.MultiDiGraph, column_of: Callable[[str], int]) -> Positions:
    """Nodes in columns (e.g. departments → measures → targets), each column ordered to shorten edges.

    Every column after the first is sorted by the mean row of its neighbours in the
    columns before it (one barycentre sweep), which keeps a department's measures
    and their targets side by side; ties in document order. Columns are spaced so
    that the drawing is about `ASPECT` times as wide as its tallest column.
    """
    columns: dict[int, list[str]] = defaultdict(list)
    for n in g.nodes:
        columns[column_of(n)].append(n)
    row: dict[str, float] = {}
    pos: Positions = {}
    undirected = g.to_undirected(as_view=True)
    tallest = max((len(ns) for ns in columns.values()), default=1) * SPACING * 0.8
    gap = max(SPACING * 9, tallest * ASPECT / max(1, len(columns) - 1))
    for c in sorted(columns):
        nodes = columns[c]

        def key(n: str) -> tuple[float, str, float, str]:
            placed = [row[m] for m in undirected.neighbors(n) if m in row]
            start = g.nodes[n].get("start")
            return (sum(placed) / len(placed) if placed else math.inf, str(g.nodes[n].get("doc") or ""),
                    float(start) if isinstance(start, (int, float)) else math.inf, str(g.nodes[n].get("name")))

        nodes.sort(key=key)
        for i, n in enumerate(nodes):
            row[n] = float(i) / max(len(nodes) - 1, 1)
            pos[n] = (c * gap, (i - (len(nodes) - 1) / 2) * SPACING * 0.8)
    return pos


def layered_positions(g: nx.MultiDiGraph, root: str) -> Positions:
    """Columns by distance from `root` (undirected), each ordered to shorten edges: a left-to-right
    reading of what hangs off one node (city → plans → organisations → committees → parent committees)."""
    undirected = nx.Graph(g.to_undirected(as_view=True))
    depth = nx.single_source_shortest_path_length(undirected, root) if root in undirected else {}
    far = max(depth.values(), default=0) + 1
    return column_positions(g, lambda n: depth.get(n, far))
