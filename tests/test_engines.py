"""The engine registry and protocol, raw read-only queries, and engines that cannot be reached."""
from __future__ import annotations

import socket
import time

import pandas as pd
import pyoxigraph as ox
import pytest

from stdkg.errors import StdkgError
from stdkg.questions import QuestionError, ask, run_cypher, run_question, run_sparql
from stdkg.stores import engines
from stdkg.stores.engines import (ENGINES, Engine, EndpointEngine, EngineError, Neo4jEngine, OxigraphEngine,
                                  QueryError, make_engine, register)
from tests.questions_support import built_store


def _closed_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


@pytest.fixture(scope="module")
def store():
    from stdkg.stores.oxigraph_store import open_store

    return open_store(built_store())


def test_the_registry_holds_the_three_adapters_by_name():
    assert {"sparql": OxigraphEngine, "neo4j": Neo4jEngine, "endpoint": EndpointEngine}.items() <= ENGINES.items()
    made = [make_engine("sparql", store=ox.Store()), make_engine("neo4j", driver=object()),
            make_engine("endpoint", endpoint="http://127.0.0.1:1/sparql")]
    assert [type(e) for e in made] == [OxigraphEngine, Neo4jEngine, EndpointEngine]
    assert all(isinstance(e, Engine) for e in made)
    with pytest.raises(EngineError, match="unknown engine 'gremlin'; one of sparql, neo4j, endpoint"):
        make_engine("gremlin")
    with pytest.raises(EngineError, match="needs store="):
        make_engine("sparql")


def test_a_registered_engine_is_picked_by_name(store, monkeypatch):
    class Copy(OxigraphEngine):
        name = "oxigraph-copy"

    monkeypatch.setattr(engines, "ENGINES", dict(ENGINES))
    register(Copy)
    by_name = run_question("co_lead_pairs", {"city": "深圳"}, engine="oxigraph-copy", store=store)
    pd.testing.assert_frame_equal(by_name, ask("co_lead_pairs", {"city": "深圳"}, OxigraphEngine(store)))
    assert not by_name.empty


def test_ask_takes_an_engine_object(store):
    engine = OxigraphEngine(built_store())
    frame = ask("committees_for_city", {"city": "深圳"}, engine)
    pd.testing.assert_frame_equal(frame, run_question("committees_for_city", {"city": "深圳"}, store=store))
    pd.testing.assert_frame_equal(frame, run_question("committees_for_city", {"city": "深圳"}, engine=engine))


@pytest.mark.parametrize("update", [
    "INSERT DATA { <http://x/a> <http://x/b> <http://x/c> }",
    "PREFIX x: <http://x/>\nDELETE WHERE { ?s ?p ?o }",
    "CLEAR ALL",
    "LOAD <http://example.com/data.ttl>",
    "# a comment\nBASE <http://x/>\nWITH <http://x/g> DELETE { ?s ?p ?o } WHERE { ?s ?p ?o }",
])
def test_raw_sparql_refuses_updates(update):
    memory = ox.Store()
    memory.add(ox.Quad(ox.NamedNode("http://x/s"), ox.NamedNode("http://x/p"), ox.Literal("o")))
    with pytest.raises(QueryError, match="read-only"):
        run_sparql(update, store=memory)
    assert len(memory) == 1


def test_queries_that_only_mention_update_words_still_run():
    memory = ox.Store()
    memory.add(ox.Quad(ox.NamedNode("http://x/s"), ox.NamedNode("http://x/p"), ox.Literal("INSERT")))
    text = '# INSERT DATA\nPREFIX insert: <http://x/#DELETE>\nSELECT ?insert WHERE { ?insert ?p "INSERT" }'
    assert run_sparql(text, store=memory)["insert"].tolist() == ["http://x/s"]


def test_raw_sparql_gives_plain_values_for_select_ask_and_construct():
    memory = ox.Store()
    memory.add(ox.Quad(ox.NamedNode("http://x/s"), ox.NamedNode("http://x/p"), ox.Literal("2", datatype=ox.NamedNode(
        "http://www.w3.org/2001/XMLSchema#integer"))))
    select = run_sparql("SELECT ?s ?o WHERE { ?s ?p ?o }", store=memory)
    assert select.to_dict("records") == [{"s": "http://x/s", "o": 2}]
    empty = run_sparql("SELECT ?s ?o WHERE { ?s ?p ?o }", {"o": 3}, store=memory)
    assert list(empty.columns) == ["s", "o"] and empty.empty
    assert run_sparql("ASK { ?s ?p 2 }", store=memory)["ask"].tolist() == [True]
    triples = run_sparql("CONSTRUCT { ?s ?p ?s } WHERE { ?s ?p ?o }", store=memory)
    assert triples.values.tolist() == [["http://x/s", "http://x/p", "http://x/s"]]
    with pytest.raises(QueryError, match="query: "):
        run_sparql("SELECT ?s WHERE { ?s", store=memory)


def test_raw_queries_go_to_an_engine_of_their_language():
    with pytest.raises(QueryError, match="runs cypher, not sparql"):
        run_sparql("SELECT * WHERE { ?s ?p ?o }", engine=Neo4jEngine(driver=object()))
    with pytest.raises(QueryError, match="runs sparql, not cypher"):
        run_cypher("MATCH (n) RETURN n", engine=OxigraphEngine(ox.Store()))


def test_write_then_ask_through_the_same_engine(tmp_path):
    from rdflib import Graph, Literal, URIRef

    g = Graph()
    g.add((URIRef("http://x/s"), URIRef("http://x/p"), Literal("深圳")))
    engine = OxigraphEngine(tmp_path / "store")
    engine.write(g)
    assert run_sparql("SELECT ?o WHERE { ?s ?p ?o }", engine=engine)["o"].tolist() == ["深圳"]


def test_a_missing_store_folder_is_a_clear_error(tmp_path):
    with pytest.raises(Exception, match="no graph store"):
        run_question("committees_for_city", {"city": "深圳"}, store=tmp_path / "nothing")


def test_neo4j_without_a_uri_says_how_to_give_one(monkeypatch):
    from stdkg.stores.neo4j_store import Neo4jConnectionError, driver_from_env

    monkeypatch.delenv("NEO4J_URI", raising=False)
    with pytest.raises(Neo4jConnectionError, match="NEO4J_URI is not set") as caught:
        driver_from_env()
    assert isinstance(caught.value, StdkgError) and "NEO4J_URI=bolt://" in caught.value.hint
    with pytest.raises(Neo4jConnectionError, match="cannot use Neo4j URI"):
        driver_from_env("htp://nowhere")
    with pytest.raises(Neo4jConnectionError, match="NEO4J_URI is not set"):
        make_engine("neo4j")
    with pytest.raises(Neo4jConnectionError, match="NEO4J_URI is not set"):
        run_question("committees_for_city", {"city": "深圳"}, engine="neo4j")


def test_an_unreachable_neo4j_fails_in_seconds_with_one_line():
    from stdkg.stores.neo4j_store import connect

    started = time.monotonic()
    with connect(f"bolt://127.0.0.1:{_closed_port()}", user="", password="") as driver:
        with pytest.raises(EngineError, match="does not answer") as caught:
            run_question("committees_for_city", {"city": "深圳"}, engine="neo4j", driver=driver)
    assert time.monotonic() - started < 15
    assert "\n" not in str(caught.value)


def test_an_unreachable_endpoint_fails_at_once_with_one_line():
    from stdkg.stores.sparql_endpoint import EndpointError

    url = f"http://127.0.0.1:{_closed_port()}/sparql"
    with pytest.raises(EndpointError, match="cannot connect") as caught:
        run_question("committees_for_city", {"city": "深圳"}, engine="endpoint", endpoint=url)
    assert isinstance(caught.value, StdkgError) and "\n" not in str(caught.value)


def test_question_errors_are_stdkg_errors():
    with pytest.raises(StdkgError):
        run_question("committees_for_city", {}, store=ox.Store())
    assert issubclass(QuestionError, StdkgError) and issubclass(engines.BudgetExceeded, StdkgError)
