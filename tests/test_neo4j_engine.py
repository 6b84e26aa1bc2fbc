"""The Neo4j engine on a real Neo4j 5: raw Cypher is read-only, and budgets stop a query on the server."""
from __future__ import annotations

import os
import time

import pytest

from stdkg.questions import run_cypher
from stdkg.stores.engines import Budget, BudgetExceeded, Neo4jEngine, QueryError, make_engine
from stdkg.stores.neo4j_store import counts

pytestmark = pytest.mark.neo4j


def test_an_engine_made_by_name_opens_and_closes_its_own_driver(neo4j_driver):
    address = neo4j_driver.get_server_info().address
    with make_engine("neo4j", uri=f"bolt://{address.host}:{address.port}",
                     user=os.environ.get("NEO4J_USERNAME", ""), password=os.environ.get("NEO4J_PASSWORD", "")) as engine:
        assert engine.owns_driver
        assert run_cypher("RETURN 1 AS one", engine=engine)["one"].tolist() == [1]
    with pytest.raises(Exception):
        engine.driver.verify_connectivity()
    assert Neo4jEngine.from_options(driver=neo4j_driver).owns_driver is False


def test_raw_cypher_gives_plain_values(neo4j_driver):
    frame = run_cypher("RETURN $n + 1 AS a, 'x' AS b, [1, 2] AS c, date('2024-01-31') AS d", {"n": 1},
                       driver=neo4j_driver)
    assert frame.to_dict("records") == [{"a": 2, "b": "x", "c": [1, 2], "d": "2024-01-31"}]


def test_raw_cypher_refuses_writes(neo4j_driver):
    before = counts(neo4j_driver)
    with pytest.raises(QueryError, match="read-only"):
        run_cypher("CREATE (n:Scratch {name: 'x'}) RETURN n", driver=neo4j_driver)
    assert counts(neo4j_driver) == before


def test_a_query_over_its_time_budget_is_stopped_by_the_server(neo4j_driver):
    started = time.monotonic()
    with pytest.raises(BudgetExceeded, match="longer than 1 s") as caught:
        Neo4jEngine(neo4j_driver).run("UNWIND range(1, 2000000000) AS x RETURN sum(x) AS s",
                                      budget=Budget(seconds=1))
    assert caught.value.what == "time"
    assert time.monotonic() - started < 30


def test_a_query_over_its_row_budget_stops(neo4j_driver):
    with pytest.raises(BudgetExceeded, match="more than 10 rows"):
        run_cypher("UNWIND range(1, 50) AS x RETURN x", driver=neo4j_driver, budget=Budget(max_rows=10))
    assert len(run_cypher("UNWIND range(1, 10) AS x RETURN x", driver=neo4j_driver, budget=Budget(max_rows=10))) == 10
