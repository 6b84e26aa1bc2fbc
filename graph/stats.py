"""Counts over the property-graph projection: nodes by label, edges by type, per city."""
from __future__ import annotations

from collections import Counter
from pathlib import Path

import networkx as nx
import pandas as pd


def store_stats(store: Path) -> list[pd.DataFrame]:
    """`graph_stats` of a built store; a damaged store raises `DamagedStoreError` naming what is wrong."""
    from stdkg.pipeline import check_store, load_networkx
    from stdkg.stores.oxigraph_store import DamagedStoreError

    report = check_store(Path(store))
    if not report.ok:
        raise DamagedStoreError("; ".join(report.problems), "Rebuild the store with `stdkg build`.")
    return graph_stats(load_networkx(store))


def graph_stats(pg: nx.MultiDiGraph) -> list[pd.DataFrame]:
    """[nodes by label, edges by type (with source and target labels), nodes per city by label]."""
    labels = Counter(data.get("label", "") for _, data in pg.nodes(data=True))
    nodes = pd.DataFrame(sorted(labels.items(), key=lambda kv: (-kv[1], kv[0])), columns=["label", "nodes"])
    edge_counts: Counter = Counter()
    for src, dst, data in pg.edges(data=True):
        edge_counts[(data.get("type", ""), pg.nodes[src].get("label", ""), pg.nodes[dst].get("label", ""))] += 1
    edges = pd.DataFrame([(t, s, d, n) for (t, s, d), n in edge_counts.items()],
                         columns=["type", "source_label", "target_label", "edges"])
    edges = edges.sort_values(["edges", "type", "source_label", "target_label"],
                              ascending=[False, True, True, True], ignore_index=True)
    return [nodes, edges, city_counts(pg)]


def city_counts(pg: nx.MultiDiGraph) -> pd.DataFrame:
    """Per city: nodes located there or in its plans (plans, sections, measures, targets), by label."""
    plan_city = {n: d["city"] for n, d in pg.nodes(data=True) if d.get("label") == "Plan" and d.get("city")}
    counts: Counter = Counter()
    for node, data in pg.nodes(data=True):
        city = data.get("city") if data.get("label") not in ("City", "Province") else None
        if city is None:
            for _, dst, edge in pg.out_edges(node, data=True):
                if edge.get("type") == "IN_PLAN" and dst in plan_city:
                    city = plan_city[dst]
                    break
        if city:
            counts[(city, data.get("label", ""))] += 1
    frame = pd.DataFrame([(c, l, n) for (c, l), n in counts.items()], columns=["city", "label", "nodes"])
    return frame.sort_values(["city", "nodes", "label"], ascending=[True, False, True], ignore_index=True)
