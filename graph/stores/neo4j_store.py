"""Write the property-graph projection (`graph.property_graph.to_networkx`) to Neo4j.

Constraints and indexes come from schema.ttl (`stdkg.schema`); nodes are merged
on `iri` per label and relationships on a stable `key` per (source label, type,
target label), in batches of `UNWIND $rows`, each batch one managed write
transaction. Loading the same graph again, or again after an interrupted load,
leaves the same nodes and relationships and no duplicates. The Cypher text
lives in `stdkg.stores.neo4j_cypher`.
"""
from __future__ import annotations

import datetime as _dt
import hashlib
import os
import re
import time
from dataclasses import dataclass, field
from decimal import Decimal
from typing import Any, Callable, Iterable, Optional

import networkx as nx
from neo4j import Driver, GraphDatabase
from neo4j.exceptions import ConfigurationError

from stdkg import batching
from stdkg import schema as _schema
from stdkg.errors import StdkgError
from stdkg.stores import neo4j_cypher as cypher

CONNECTION_TIMEOUT = 5.0
RETRY_SECONDS = 3.0

_IDENTIFIER = re.compile(r"^[A-Za-z][A-Za-z0-9_]*$")
_REL_TYPE = re.compile(r"^[A-Z][A-Z0-9_]*$")
_EDGE_IDENTITY = ("doc", "section", "start", "end")

BatchCallback = Callable[[str, str, int], None]


class Neo4jLoadError(StdkgError, ValueError):
    """The projection cannot be written (a label or type not in schema.ttl, an unusable value)."""


@dataclass
class LoadReport:
    """What one `load_graph` call wrote.

    `nodes`/`relationships` count the rows sent; `*_created` come from the server's
    counters, so a repeated load reports rows sent but nothing created.
    """

    nodes: int = 0
    relationships: int = 0
    nodes_created: int = 0
    relationships_created: int = 0
    properties_set: int = 0
    batches: int = 0
    schema_statements: int = 0
    skipped: list[str] = field(default_factory=list)
    seconds: float = 0.0


class Neo4jConnectionError(StdkgError):
    """No Neo4j to connect to: no URI given, or one the driver cannot use."""


def connect(uri: Optional[str] = None, user: Optional[str] = None, password: Optional[str] = None, *,
            connection_timeout: float = CONNECTION_TIMEOUT, retry_seconds: float = RETRY_SECONDS) -> Driver:
    """A driver for `uri` (else NEO4J_URI) with `user`/`password` (else NEO4J_USERNAME/NEO4J_PASSWORD).

    Any scheme the driver knows works (`neo4j+s://` for Aura). Without a user name no
    authentication is sent (the local test server runs with auth disabled). Without a
    URI this raises `Neo4jConnectionError` rather than guessing localhost. A server
    that does not answer fails within seconds: `connection_timeout` per attempt, and
    transactions retried for at most `retry_seconds`.
    """
    uri = uri or os.environ.get("NEO4J_URI")
    if not uri:
        raise Neo4jConnectionError("no Neo4j to connect to: NEO4J_URI is not set",
                                   "export NEO4J_URI=bolt://HOST:7687 (and NEO4J_USERNAME, NEO4J_PASSWORD).")
    user = user if user is not None else os.environ.get("NEO4J_USERNAME")
    password = password if password is not None else os.environ.get("NEO4J_PASSWORD", "")
    auth = (user, password) if user else None
    try:
        return GraphDatabase.driver(uri, auth=auth, connection_timeout=connection_timeout,
                                    connection_acquisition_timeout=connection_timeout + retry_seconds,
                                    max_transaction_retry_time=retry_seconds)
    except (ConfigurationError, ValueError) as e:
        raise Neo4jConnectionError(f"cannot use Neo4j URI {uri!r}: {e}",
                                   "Give a URI such as bolt://HOST:7687 or neo4j+s://HOST.") from None


def driver_from_env(uri: Optional[str] = None, user: Optional[str] = None,
                    password: Optional[str] = None) -> Driver:
    """`connect()` with the given flags, the rest from NEO4J_URI, NEO4J_USERNAME, NEO4J_PASSWORD."""
    return connect(uri, user, password)


def default_database() -> Optional[str]:
    """NEO4J_DATABASE if set, else None (the server's default database)."""
    return os.environ.get("NEO4J_DATABASE") or None


def _checked(name: str, pattern: re.Pattern, allowed: set[str], what: str) -> str:
    if not pattern.match(name) or name not in allowed:
        raise Neo4jLoadError(f"{what} {name!r} is not declared in schema.ttl")
    return name


def neo4j_value(value: Any) -> Any:
    """A value Neo4j can store as a property, or None to leave the property out."""
    if value is None or isinstance(value, (bool, int, float, str, _dt.date, _dt.datetime)):
        return value
    if isinstance(value, Decimal):
        return float(value)
    if isinstance(value, (list, tuple, set, frozenset)):
        items = [neo4j_value(v) for v in (sorted(value, key=str) if isinstance(value, (set, frozenset)) else value)]
        items = [v for v in items if v is not None]
        if not items:
            return None
        if len({type(v) for v in items}) > 1:
            return [str(v) for v in items]
        return items
    to_python = getattr(value, "toPython", None)
    if callable(to_python):
        converted = to_python()
        if converted is not value:
            return neo4j_value(converted)
    return str(value)


def _props(data: dict[str, Any], drop: Iterable[str]) -> dict[str, Any]:
    dropped = set(drop)
    out = {}
    for k, v in data.items():
        if k in dropped or not _IDENTIFIER.match(str(k)):
            continue
        v = neo4j_value(v)
        if v is not None:
            out[str(k)] = v
    return out


def edge_key(src: str, rel_type: str, dst: str, nx_key: Any, data: dict[str, Any]) -> str:
    """A stable id of an edge: its ends, type, a string networkx key and its evidence position.

    Integer networkx keys are insertion-order artefacts and are left out, so rebuilding
    the projection gives the same keys and MERGE matches the relationships already there.
    """
    parts = [src, rel_type, dst, nx_key if isinstance(nx_key, str) and nx_key != rel_type else ""]
    parts += [str(data.get(k, "")) for k in _EDGE_IDENTITY]
    return hashlib.sha1("\x1f".join(map(str, parts)).encode("utf-8")).hexdigest()[:24]


def node_rows(pg: nx.MultiDiGraph, labels: set[str], skipped: list[str]) -> dict[str, list[dict]]:
    """Node rows grouped by label, each {"iri", "props"}; nodes without a schema label are skipped."""
    groups: dict[str, list[dict]] = {}
    for node, data in pg.nodes(data=True):
        label = data.get("label")
        if label not in labels:
            skipped.append(f"node {node}: label {label!r} is not a node label of schema.ttl")
            continue
        iri = str(data.get("iri") or node)
        groups.setdefault(label, []).append({"iri": iri, "props": _props(data, ("label",)) | {"iri": iri}})
    for rows in groups.values():
        rows.sort(key=lambda r: r["iri"])
    return groups


def relationship_rows(pg: nx.MultiDiGraph, labels: set[str], types: set[str],
                      skipped: list[str]) -> dict[tuple[str, str, str], list[dict]]:
    """Relationship rows grouped by (source label, type, target label), each {"src", "dst", "key", "props"}."""
    groups: dict[tuple[str, str, str], list[dict]] = {}
    for src, dst, nx_key, data in pg.edges(keys=True, data=True):
        rel_type = data.get("type") or (nx_key if isinstance(nx_key, str) else None)
        src_label, dst_label = pg.nodes[src].get("label"), pg.nodes[dst].get("label")
        if rel_type not in types:
            skipped.append(f"edge {src} -> {dst}: type {rel_type!r} is not a relationship type of schema.ttl")
            continue
        if src_label not in labels or dst_label not in labels:
            skipped.append(f"edge {src} -[{rel_type}]-> {dst}: an end has no node label of schema.ttl")
            continue
        src_iri = str(pg.nodes[src].get("iri") or src)
        dst_iri = str(pg.nodes[dst].get("iri") or dst)
        key = edge_key(src_iri, rel_type, dst_iri, nx_key, data)
        groups.setdefault((src_label, rel_type, dst_label), []).append(
            {"src": src_iri, "dst": dst_iri, "key": key, "props": _props(data, ("type",)) | {"key": key}})
    for rows in groups.values():
        rows.sort(key=lambda r: r["key"])
    return groups


def schema_statements() -> list[str]:
    """The constraint and index statements derived from schema.ttl."""
    return _schema.neo4j_constraints() + _schema.neo4j_indexes()


def apply_schema(driver: Driver, *, database: Optional[str] = None) -> int:
    """Create the uniqueness constraints and indexes (IF NOT EXISTS); returns how many statements ran."""
    statements = schema_statements()
    with driver.session(database=database) as session:
        for statement in statements:
            session.execute_write(lambda tx, s=statement: tx.run(s).consume())
    return len(statements)


def _write_batch(session, query: str, rows: list[dict], report: LoadReport) -> None:
    counters = session.execute_write(lambda tx: tx.run(query, rows=rows).consume().counters)
    report.nodes_created += counters.nodes_created
    report.relationships_created += counters.relationships_created
    report.properties_set += counters.properties_set
    report.batches += 1


def projection_rows(pg: nx.MultiDiGraph, skipped: list[str]):
    """The schema's labels and types, and the node and relationship rows of `pg`; what the schema lacks goes to `skipped`."""
    sch = _schema.load_schema()
    labels = {c.pg_label for c in sch.node_classes()}
    types = set(sch.relationship_types())
    return labels, types, node_rows(pg, labels, skipped), relationship_rows(pg, labels, types, skipped)


def prepare_load(driver: Driver, pg: nx.MultiDiGraph, database: Optional[str]):
    """Schema labels and types, a fresh report, the node and edge rows of `pg`, and the schema applied."""
    report = LoadReport()
    labels, types, nodes, rels = projection_rows(pg, report.skipped)
    report.schema_statements = apply_schema(driver, database=database)
    return labels, types, report, nodes, rels


def load_graph(driver: Driver, pg: nx.MultiDiGraph, *, database: Optional[str] = None,
               batch_size: int = 1000, on_batch: Optional[BatchCallback] = None) -> LoadReport:
    """Write `pg` (the property-graph projection) to Neo4j: schema, then nodes, then relationships.

    Nodes or edges whose label or type schema.ttl does not declare are left out and
    listed in `LoadReport.skipped`; the rest is written. `on_batch(kind, name, rows_done)`
    is called after each committed batch (kind "nodes" or "relationships").
    """
    if batch_size < 1:
        raise ValueError(f"batch_size must be at least 1, not {batch_size}")
    t0 = time.perf_counter()
    labels, types, report, nodes, rels = prepare_load(driver, pg, database)
    with driver.session(database=database) as session:
        for label in sorted(nodes):
            query = cypher.MERGE_NODES.format(label=_checked(label, _IDENTIFIER, labels, "label"))
            for chunk in batching.batches(nodes[label], batch_size):
                _write_batch(session, query, chunk, report)
                report.nodes += len(chunk)
                if on_batch:
                    on_batch("nodes", label, report.nodes)
        for src_label, rel_type, dst_label in sorted(rels):
            query = cypher.MERGE_RELATIONSHIPS.format(
                source_label=_checked(src_label, _IDENTIFIER, labels, "label"),
                rel_type=_checked(rel_type, _REL_TYPE, types, "relationship type"),
                target_label=_checked(dst_label, _IDENTIFIER, labels, "label"))
            for chunk in batching.batches(rels[(src_label, rel_type, dst_label)], batch_size):
                _write_batch(session, query, chunk, report)
                report.relationships += len(chunk)
                if on_batch:
                    on_batch("relationships", rel_type, report.relationships)
    report.seconds = time.perf_counter() - t0
    return report


def counts(driver: Driver, *, database: Optional[str] = None) -> tuple[int, int]:
    """(number of nodes, number of relationships) in the database."""
    with driver.session(database=database) as session:
        n = session.execute_read(lambda tx: tx.run(cypher.COUNT_NODES).single()["n"])
        r = session.execute_read(lambda tx: tx.run(cypher.COUNT_RELATIONSHIPS).single()["n"])
    return n, r


def clear(driver: Driver, *, database: Optional[str] = None, drop_schema: bool = False,
          batch_size: int = 10000) -> None:
    """Delete every node and relationship (in batches); with drop_schema, also constraints and indexes."""
    with driver.session(database=database) as session:
        while session.execute_write(
                lambda tx: tx.run(cypher.DELETE_SOME_NODES, limit=batch_size).single()["deleted"]):
            pass
        if drop_schema:
            for show, drop in ((cypher.SHOW_CONSTRAINTS, cypher.DROP_CONSTRAINT),
                               (cypher.SHOW_INDEXES, cypher.DROP_INDEX)):
                names = [r["name"] for r in session.run(show)]
                for name in names:
                    if _IDENTIFIER.match(name):
                        session.run(drop.format(name=name)).consume()
