"""Standard graph files: GraphML and GEXF (Gephi), JSON-LD and Turtle, CSV tables with neo4j-admin headers.

GraphML, GEXF and CSV are written from the property-graph projection (networkx
MultiDiGraph); JSON-LD and Turtle from the RDF graph (rdflib Graph or pyoxigraph Store).
GraphML and GEXF name each node by its name (`label`) and keep its type in `type`;
character offsets are `char_start`/`char_end` (Gephi reads `start`/`end` as times and
builds a timeline). Both carry the views' colours, sizes and positions: GEXF as
`viz:*` elements, GraphML as the `x`, `y`, `size`, `r`, `g`, `b` keys Gephi reads. Characters XML 1.0 forbids are dropped from
both, so the files stay well-formed whatever text reaches them.
"""
from __future__ import annotations

import csv
import json
import re
from pathlib import Path
from typing import Any, Iterable, Optional

import networkx as nx

from stdkg.views import layout, select
from stdkg.views.style import node_style

LIST_SEPARATOR = ";"
INT32 = 2**31 - 1
XML_ILLEGAL = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ud800-\udfff\ufffe\uffff]")
GEXF_RENAMES = {"label": "type", "type": "relation", "start": "char_start", "end": "char_end"}
GRAPHML_RENAMES = {"label": "type", "start": "char_start", "end": "char_end"}


def xml_safe(text: str) -> str:
    """`text` without the characters XML 1.0 cannot hold (C0 controls other than tab, LF, CR; surrogates; U+FFFE/F)."""
    return XML_ILLEGAL.sub("", text)


def _scalar(value: Any) -> Any:
    if isinstance(value, (list, tuple, set, frozenset)):
        items = sorted(value, key=str) if isinstance(value, (set, frozenset)) else value
        return LIST_SEPARATOR.join(str(v) for v in items)
    if isinstance(value, dict):
        return json.dumps(value, ensure_ascii=False, sort_keys=True)
    if isinstance(value, (str, bool, int, float)):
        return value
    return str(value)


def _unified(items: Iterable[dict[str, Any]]) -> dict[str, type]:
    """One type per attribute name: int+float → float; anything else mixed → str."""
    seen: dict[str, set[type]] = {}
    for attrs in items:
        for k, v in attrs.items():
            if v is not None:
                seen.setdefault(k, set()).add(type(_scalar(v)))
    out = {}
    for k, types in seen.items():
        if len(types) == 1:
            out[k] = next(iter(types))
        elif types <= {int, float}:
            out[k] = float
        else:
            out[k] = str
    return out


def _cast(value: Any, kind: type) -> Any:
    value = _scalar(value)
    if kind is float and not isinstance(value, bool):
        return float(value)
    if kind is str:
        return str(value)
    return value


def scalar_copy(pg: nx.MultiDiGraph, rename: dict[str, str] | None = None, xml: bool = False) -> nx.MultiDiGraph:
    """A copy whose attributes are all scalars of one type per name: None dropped, lists joined with `;`.

    `rename` renames attribute keys (GEXF reserves `label` on nodes and `type`,
    `start`, `end` on edges); with `xml`, ids, keys and text lose XML-illegal characters.
    """
    rename = rename or {}
    clean = xml_safe if xml else (lambda t: t)

    def attrs(d: dict[str, Any], types: dict[str, type]) -> dict[str, Any]:
        out = {}
        for k, v in d.items():
            if v is None:
                continue
            value = _cast(v, types[k])
            out[clean(rename.get(k, k))] = clean(value) if isinstance(value, str) else value
        return out

    node_types = _unified(d for _, d in pg.nodes(data=True))
    edge_types = _unified(d for _, _, d in pg.edges(data=True))
    out = nx.MultiDiGraph()
    for n, d in pg.nodes(data=True):
        out.add_node(clean(str(n)), **attrs(d, node_types))
    for u, v, key, d in pg.edges(keys=True, data=True):
        out.add_edge(clean(str(u)), clean(str(v)), key=clean(str(key)), **attrs(d, edge_types))
    return out


def _named(g: nx.MultiDiGraph) -> nx.MultiDiGraph:
    for n, d in g.nodes(data=True):
        d["label"] = str(d.get("name") or n)
    return g


def export_graphml(pg: nx.MultiDiGraph, path: Path | str, positions: Optional[layout.Positions] = None) -> Path:
    """GraphML of the projection: `label` = the node's name, `type` = its class, offsets in
    `char_start`/`char_end`, and `x`, `y`, `size`, `r`, `g`, `b` from the views' colours and layout;
    edges keep `type`. Reads back with `nx.read_graphml(path, force_multigraph=True)`."""
    path = Path(path)
    path.parent.mkdir(parents=True, exist_ok=True)
    g = _named(scalar_copy(pg, rename=GRAPHML_RENAMES, xml=True))
    for n, viz in _viz(pg, positions).items():
        g.nodes[xml_safe(str(n))].update(x=viz["position"]["x"], y=viz["position"]["y"], size=viz["size"],
                                        r=viz["color"]["r"], g=viz["color"]["g"], b=viz["color"]["b"])
    nx.write_graphml(g, path, encoding="utf-8")
    return path


def _viz(pg: nx.MultiDiGraph, positions: Optional[layout.Positions]) -> dict[str, dict[str, Any]]:
    """Per node: colour of its type, size by degree, and position (y up, as Gephi draws) from the views' layout."""
    if positions is None:
        positions = layout.overview_positions(pg, select.node_cities(pg))
    degree = dict(pg.degree())
    out = {}
    for n in pg.nodes:
        x, y = positions.get(n, (0.0, 0.0))
        out[n] = {"color": _rgb(node_style(pg.nodes[n].get("label")).colour),
                  "size": round(layout.node_size(degree.get(n, 0)), 2),
                  "position": {"x": round(float(x), 2), "y": round(-float(y), 2), "z": 0.0}}
    return out


def _rgb(hex_colour: str) -> dict[str, int]:
    h = hex_colour.lstrip("#")
    return {"r": int(h[0:2], 16), "g": int(h[2:4], 16), "b": int(h[4:6], 16), "a": 1.0}


def export_gexf(pg: nx.MultiDiGraph, path: Path | str, positions: Optional[layout.Positions] = None) -> Path:
    """Static GEXF 1.2 for Gephi: label = name, class in `type`, relationship type in `relation`,
    character offsets in `char_start`/`char_end`, and `viz:color`, `viz:size`, `viz:position`
    from the views' colours and layout (`layout.overview_positions` unless `positions` is given)."""
    path = Path(path)
    path.parent.mkdir(parents=True, exist_ok=True)
    g = _named(scalar_copy(pg, rename=GEXF_RENAMES, xml=True))
    for n, viz in _viz(pg, positions).items():
        g.nodes[xml_safe(str(n))]["viz"] = viz
    g.graph["mode"] = "static"
    nx.write_gexf(g, path, encoding="utf-8", version="1.2draft")
    return path


PREFIXES = {
    "stdkg": "https://w3id.org/stdkg/ontology#",
    "id": "https://w3id.org/stdkg/id/",
    "skos": "http://www.w3.org/2004/02/skos/core#",
    "org": "http://www.w3.org/ns/org#",
    "prov": "http://www.w3.org/ns/prov#",
    "dcterms": "http://purl.org/dc/terms/",
    "rdf": "http://www.w3.org/1999/02/22-rdf-syntax-ns#",
    "rdfs": "http://www.w3.org/2000/01/rdf-schema#",
    "xsd": "http://www.w3.org/2001/XMLSchema#",
    "owl": "http://www.w3.org/2002/07/owl#",
}
RDFLIB_TURTLE_LIMIT = 100_000


def _is_store(rdf: Any) -> bool:
    try:
        import pyoxigraph
    except ImportError:
        return False
    return isinstance(rdf, pyoxigraph.Store)


def _rdflib_graph(rdf: Any) -> Any:
    """An rdflib Graph for `rdf`: itself, or the default graph of a pyoxigraph Store copied into rdflib."""
    import rdflib

    if isinstance(rdf, rdflib.Graph):
        return rdf
    if _is_store(rdf):
        import pyoxigraph

        data = rdf.dump(format=pyoxigraph.RdfFormat.N_TRIPLES, from_graph=pyoxigraph.DefaultGraph())
        g = rdflib.Graph().parse(data=data.decode("utf-8"), format="nt")
        for prefix, ns in PREFIXES.items():
            g.bind(prefix, ns)
        return g
    raise TypeError(f"expected an rdflib Graph or a pyoxigraph Store, got {type(rdf).__name__}")


def export_turtle(rdf: Any, path: Path | str) -> Path:
    """Turtle of the RDF graph with the project's prefixes.

    Small rdflib graphs are written by rdflib; a pyoxigraph Store, or an rdflib
    graph above `RDFLIB_TURTLE_LIMIT` triples, by Oxigraph's writer (4× faster).
    """
    path = Path(path)
    path.parent.mkdir(parents=True, exist_ok=True)
    if not _is_store(rdf) and len(rdf) <= RDFLIB_TURTLE_LIMIT:
        rdf.serialize(destination=str(path), format="turtle", encoding="utf-8")
        return path
    import pyoxigraph

    prefixes = dict(PREFIXES)
    if not _is_store(rdf):
        prefixes.update({p: str(ns) for p, ns in rdf.namespaces() if p})
        store = pyoxigraph.Store()
        store.bulk_load(rdf.serialize(format="nt", encoding="utf-8"), format=pyoxigraph.RdfFormat.N_TRIPLES)
        rdf = store
    rdf.dump(str(path), format=pyoxigraph.RdfFormat.TURTLE, from_graph=pyoxigraph.DefaultGraph(), prefixes=prefixes)
    return path


def export_jsonld(rdf: Any, path: Path | str) -> Path:
    """JSON-LD of the RDF graph, compacted with a context made of the graph's prefixes."""
    path = Path(path)
    path.parent.mkdir(parents=True, exist_ok=True)
    g = _rdflib_graph(rdf)
    context = {prefix: str(ns) for prefix, ns in g.namespaces() if prefix and prefix not in ("xml",)}
    g.serialize(destination=str(path), format="json-ld", context=context, indent=1, encoding="utf-8")
    return path


def _neo4j_type(values: list[Any]) -> str:
    kinds = {type(_scalar(v)) for v in values if v is not None}
    if kinds == {bool}:
        return "boolean"
    if kinds == {int}:
        return "int" if all(abs(int(v)) <= INT32 for v in values if v is not None) else "long"
    if kinds and kinds <= {int, float}:
        return "double"
    if any(isinstance(v, (list, tuple, set, frozenset)) for v in values):
        return "string[]"
    return "string"


def _csv_value(value: Any, kind: str) -> str:
    if value is None:
        return ""
    if kind == "boolean":
        return "true" if value else "false"
    if kind == "double":
        return repr(float(value))
    return str(_scalar(value))


def export_csv(pg: nx.MultiDiGraph, out_dir: Path | str) -> list[Path]:
    """`nodes.csv` and `edges.csv` with neo4j-admin import headers.

    Nodes: `iri:ID`, `:LABEL`, then typed properties (`year:int`, `value:double`,
    `derived:boolean`, lists as `string[]` joined with `;`). Edges: `:START_ID`,
    `:END_ID`, `:TYPE`, then typed properties. Import with
    `neo4j-admin database import full --nodes=nodes.csv --relationships=edges.csv --multiline-fields=true`.
    """
    out_dir = Path(out_dir)
    out_dir.mkdir(parents=True, exist_ok=True)
    node_keys = sorted({k for _, d in pg.nodes(data=True) for k in d} - {"iri", "label"})
    node_types = {k: _neo4j_type([d.get(k) for _, d in pg.nodes(data=True)]) for k in node_keys}
    nodes_path = out_dir / "nodes.csv"
    with nodes_path.open("w", encoding="utf-8", newline="") as f:
        w = csv.writer(f)
        w.writerow(["iri:ID", ":LABEL"] + [f"{k}:{node_types[k]}" for k in node_keys])
        for n, d in pg.nodes(data=True):
            w.writerow([str(d.get("iri") or n), str(d.get("label") or "Resource")]
                       + [_csv_value(d.get(k), node_types[k]) for k in node_keys])
    edge_keys = sorted({k for _, _, d in pg.edges(data=True) for k in d} - {"type"})
    edge_types = {k: _neo4j_type([d.get(k) for _, _, d in pg.edges(data=True)]) for k in edge_keys}
    edges_path = out_dir / "edges.csv"
    with edges_path.open("w", encoding="utf-8", newline="") as f:
        w = csv.writer(f)
        w.writerow([":START_ID", ":END_ID", ":TYPE"] + [f"{k}:{edge_types[k]}" for k in edge_keys])
        for u, v, key, d in pg.edges(keys=True, data=True):
            w.writerow([str(pg.nodes[u].get("iri") or u), str(pg.nodes[v].get("iri") or v), str(d.get("type") or key)]
                       + [_csv_value(d.get(k), edge_types[k]) for k in edge_keys])
    return [nodes_path, edges_path]
