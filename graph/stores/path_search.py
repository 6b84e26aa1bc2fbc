"""Every shortest path between two named entities, by a bidirectional breadth-first search over SPARQL.

A question whose header says `search: shortest paths, at most N steps` gives, as its SPARQL text,
one step of the search: the nodes one relationship away from each `?node` (bound by VALUES
rows), as `?node ?next`. `shortest_paths` finds the nodes named by the `source` and `target`
parameters, then expands whichever of the two frontiers is smaller, one whole layer at a
time, until the two searches meet or N steps are spent; every shortest path is then read
back from the two searches' parent sets and named by its nodes' display names. So the cost
follows the smaller neighbourhood, not every chain of N steps from one end.

`select(text, rows)` runs a query with VALUES rows and gives (columns, values) as plain Python
values (an IRI as its text); the engines supply it, so this module knows no store. Imports
nothing of ours but `stdkg.terms` and `stdkg.batching`.
"""
from __future__ import annotations

from collections import defaultdict
from typing import Any, Callable, Iterable, Iterator, Mapping, Sequence

from stdkg.batching import batches
from stdkg.terms import iri

Select = Callable[[str, Sequence[Mapping[str, Any]]], tuple[Sequence[str], Sequence[tuple]]]

NODES_NAMED = """PREFIX stdkg: <https://w3id.org/stdkg/ontology#>
SELECT DISTINCT ?node WHERE { ?node stdkg:displayName ?name }"""

NAMES = """PREFIX stdkg: <https://w3id.org/stdkg/ontology#>
SELECT ?node ?name ?name_en WHERE {
  OPTIONAL { ?node stdkg:displayName ?name }
  OPTIONAL { ?node stdkg:displayEn ?name_en }
}"""

CHUNK = 500
ARROW = " → "


def shortest_paths(select: Select, step_query: str, source: str, target: str, max_steps: int) -> list[tuple]:
    """(length, path, path_en) of every shortest path of 1..max_steps steps from a node named `source`
    to a different node named `target`; none when they are further apart or not connected."""
    sources = _nodes_named(select, source)
    targets = _nodes_named(select, target)
    if not sources or not targets:
        return []
    forward, backward = _Search(sources), _Search(targets)
    while forward.depth + backward.depth < max_steps:
        side = forward if len(forward.frontier) <= len(backward.frontier) else backward
        if not side.frontier:
            return []
        side.expand(_neighbours(select, step_query, side.frontier))
        meeting = _meeting(forward, backward)
        if meeting:
            break
    else:
        return []
    chains = {tuple(head) + tuple(reversed(tail))[1:]
              for node in meeting for head in forward.chains_to(node) for tail in backward.chains_to(node)}
    chains = {c for c in chains if c[0] != c[-1]}
    names = _names(select, {n for c in chains for n in c})
    rows = set()
    for chain in chains:
        zh = [names[n][0] for n in chain]
        en = [names[n][1] or names[n][0] for n in chain]
        rows.add((len(chain) - 1, ARROW.join(x for x in zh if x), ARROW.join(x for x in en if x)))
    return sorted(rows)


class _Search:
    """One side of the search: each reached node's distance and its parents one layer closer."""

    def __init__(self, start: Iterable[Any]):
        self.distance = {n: 0 for n in start}
        self.parents: dict[Any, set] = defaultdict(set)
        self.frontier = set(self.distance)
        self.depth = 0

    def expand(self, neighbours: Mapping[Any, set]) -> None:
        layer = self.depth + 1
        nxt = set()
        for node in self.frontier:
            for other in neighbours.get(node, ()):
                seen = self.distance.get(other)
                if seen is None:
                    self.distance[other] = layer
                    nxt.add(other)
                if self.distance[other] == layer:
                    self.parents[other].add(node)
        self.frontier, self.depth = nxt, layer

    def chains_to(self, node: Any) -> list[list]:
        """Every shortest chain from a start node to `node`, start first."""
        if self.distance[node] == 0:
            return [[node]]
        return [chain + [node] for parent in self.parents[node] for chain in self.chains_to(parent)]


def _meeting(forward: _Search, backward: _Search) -> set:
    common = forward.distance.keys() & backward.distance.keys()
    lengths = {n: forward.distance[n] + backward.distance[n] for n in common}
    lengths = {n: d for n, d in lengths.items() if d > 0}
    if not lengths:
        return set()
    best = min(lengths.values())
    return {n for n, d in lengths.items() if d == best}


def _nodes_named(select: Select, name: str) -> set:
    _, values = select(NODES_NAMED, [{"name": name}])
    return {row[0] for row in values}


def _neighbours(select: Select, step_query: str, nodes: set) -> dict[Any, set]:
    out: dict[Any, set] = defaultdict(set)
    for row in _rows_for(select, step_query, nodes):
        if row["next"] != row["node"]:
            out[row["node"]].add(row["next"])
    return out


def _names(select: Select, nodes: set) -> dict[Any, tuple]:
    names: dict[Any, tuple] = {n: (None, None) for n in nodes}
    for row in _rows_for(select, NAMES, nodes):
        names[row["node"]] = (row["name"], row["name_en"])
    return names


def _rows_for(select: Select, query: str, nodes: set) -> Iterator[dict[str, Any]]:
    """The query's rows for every node, bound as ?node by VALUES in batches of CHUNK."""
    for batch in batches(sorted(nodes, key=str), CHUNK):
        columns, values = select(query, [{"node": iri(n)} for n in batch])
        for row in values:
            yield dict(zip(columns, row))
