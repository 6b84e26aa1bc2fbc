"""A graph too large to draw, reduced to one node per group (type and city) with counts."""
from __future__ import annotations

from collections import Counter
from typing import Callable, Hashable

import networkx as nx

GROUP_PREFIX = "group:"


def summarise(g: nx.MultiDiGraph, group_of: Callable[[str], tuple[str, str]]) -> nx.MultiDiGraph:
    """One node per group with `count` members, one edge per (group, group, relation) with `count` edges.

    `group_of(node)` gives (type, place), e.g. ("Department", "深圳"); a group node
    keeps the type as its `label` so it is drawn like its members, and `city`.
    """
    members: Counter[tuple[str, str]] = Counter()
    group: dict[str, tuple[str, str]] = {}
    for n in g.nodes:
        key = group_of(n)
        group[n] = key
        members[key] += 1
    out = nx.MultiDiGraph()
    for (label, place), count in members.items():
        out.add_node(_group_id(label, place), iri=_group_id(label, place), label=label, city=place,
                     name=f"{label} · {place} ({count})", name_en=f"{count} {label} nodes in {place}",
                     count=count, summary=True)
    links: Counter[tuple[str, str, str]] = Counter()
    for u, v, d in g.edges(data=True):
        links[(_group_id(*group[u]), _group_id(*group[v]), str(d.get("type") or "RELATED"))] += 1
    for (a, b, rel), count in links.items():
        out.add_edge(a, b, key=rel, type=rel, count=count)
    return out


def _group_id(label: str, place: Hashable) -> str:
    return f"{GROUP_PREFIX}{label}/{place}"
