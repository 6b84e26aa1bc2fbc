"""A bulk import by neo4j-admin gives the database the batched load gives: same nodes, relationships,
properties, schema and answers (the corpus graph without the reference data, to stay quick)."""
from __future__ import annotations

import pandas as pd
import pytest

from stdkg.questions import list_questions, run_question
from tests.conftest import NEO4J_SCRIPT, ROOT, _free_port, _PrivateServer, _unavailable

DUMP_NODES = "MATCH (n) RETURN labels(n) AS labels, properties(n) AS props"
DUMP_RELATIONSHIPS = ("MATCH (a)-[r]->(b) RETURN a.iri AS src, type(r) AS type, b.iri AS dst, "
                      "properties(r) AS props")

pytestmark = pytest.mark.neo4j


def dump(driver) -> tuple[list, list]:
    def key(value):
        return repr(sorted(value.items())) if isinstance(value, dict) else repr(value)

    with driver.session() as session:
        nodes = sorted((key(r["labels"]), key(r["props"])) for r in session.run(DUMP_NODES))
        rels = sorted((r["src"], r["type"], r["dst"], key(r["props"])) for r in session.run(DUMP_RELATIONSHIPS))
    return nodes, rels


@pytest.fixture(scope="module")
def corpus(tmp_path_factory):
    from stdkg.pipeline import build, load_networkx

    store = tmp_path_factory.mktemp("bulk") / "store"
    result = build(store=store, reference=False)
    assert not result.errors
    return store, load_networkx(store)


@pytest.fixture(scope="module")
def batched(neo4j_driver, corpus):
    """The shared test server holding the corpus graph by the batched UNWIND load."""
    from stdkg.stores.neo4j_store import clear, load_graph

    clear(neo4j_driver)
    load_graph(neo4j_driver, corpus[1])
    return neo4j_driver


@pytest.fixture(scope="module")
def imported(tmp_path_factory, corpus):
    """The corpus graph imported twice into a fresh home, then served by a private server."""
    from stdkg.stores.neo4j_bulk import PENDING_SCHEMA, bulk_import
    from stdkg.stores.neo4j_store import connect

    pg = corpus[1]
    state = ROOT / ".neo4j" / f"bulk-{tmp_path_factory.getbasetemp().name}"
    home = state / "data"
    first = bulk_import(pg, home)
    second = bulk_import(pg, home)
    assert (home / PENDING_SCHEMA).is_file()
    port = _free_port()
    server = _PrivateServer(NEO4J_SCRIPT, {"NEO4J_PORT": str(port), "NEO4J_STATE_DIR": str(state)}, state)
    reason = server.start(timeout=600)
    if reason:
        _unavailable(f"Neo4j could not be started on the imported database: {reason}")
    driver = connect(f"bolt://127.0.0.1:{port}", user="", password="")
    yield pg, first, second, driver, home
    driver.close()
    server.stop()


def test_the_import_holds_every_row_of_the_projection_once(imported):
    from stdkg.stores.neo4j_store import counts

    pg, first, second, driver, _ = imported
    assert first.skipped == [] and first.nodes == pg.number_of_nodes()
    assert (first.nodes, first.relationships) == (second.nodes, second.relationships)
    assert counts(driver) == (first.nodes, first.relationships)


def test_the_schema_is_applied_when_the_server_starts(imported):
    from stdkg.stores.neo4j_bulk import PENDING_SCHEMA
    from stdkg.stores.neo4j_store import schema_statements

    *_, driver, home = imported
    with driver.session() as session:
        constraints = list(session.run("SHOW CONSTRAINTS YIELD name RETURN name"))
        indexes = list(session.run("SHOW INDEXES YIELD name, state WHERE state <> 'ONLINE' RETURN name"))
    assert constraints and indexes == []
    assert len(constraints) == sum("CONSTRAINT" in s for s in schema_statements())
    assert not (home / PENDING_SCHEMA).exists()


def test_the_imported_database_equals_the_batched_load(imported, batched):
    bulk_nodes, bulk_rels = dump(imported[3])
    assert bulk_nodes and bulk_rels
    assert (bulk_nodes, bulk_rels) == dump(batched)


@pytest.mark.parametrize("name", sorted(q.name for q in list_questions()))
def test_questions_on_the_imported_database_match_the_store(imported, corpus, name):
    from stdkg.stores.oxigraph_store import open_store

    q = next(q for q in list_questions() if q.name == name)
    sparql = run_question(name, q.example, engine="sparql", store=open_store(corpus[0]))
    cypher = run_question(name, q.example, engine="neo4j", driver=imported[3])
    pd.testing.assert_frame_equal(sparql, cypher)


def test_a_database_a_server_has_open_is_refused_with_the_reason(imported):
    from stdkg.stores.neo4j_bulk import bulk_import
    from stdkg.stores.neo4j_store import Neo4jLoadError, counts

    pg, first, _, driver, home = imported
    with pytest.raises(Neo4jLoadError) as raised:
        bulk_import(pg, home)
    assert str(home) in str(raised.value) and raised.value.hint
    assert counts(driver) == (first.nodes, first.relationships)
