"""Session fixtures for the real servers: Neo4j (Bolt) and Virtuoso (SPARQL endpoint).

With NEO4J_URI (and NEO4J_USERNAME/NEO4J_PASSWORD) set, `neo4j_driver` uses that
server; likewise VIRTUOSO_ENDPOINT (query URL; VIRTUOSO_UPDATE_ENDPOINT,
VIRTUOSO_USER, VIRTUOSO_PASSWORD) for `virtuoso_endpoint`. Otherwise each fixture
starts a private server for this session with `scripts/neo4j/neo4j.sh` or
`scripts/virtuoso.sh`, on free loopback ports and a state folder of its own (so
parallel sessions on one machine do not share data), and stops it at the end.
Tests that use these fixtures clear what they write: point them at test servers only.

A server that cannot be reached or started fails the test with the reason; outside
CI (CI unset) it is skipped with the reason instead.
"""
from __future__ import annotations

import os
import shutil
import socket
import subprocess
from dataclasses import dataclass
from pathlib import Path
from typing import Iterator, Optional

import pytest
from neo4j import Driver

ROOT = Path(__file__).resolve().parents[1]
NEO4J_SCRIPT = ROOT / "scripts" / "neo4j" / "neo4j.sh"
VIRTUOSO_SCRIPT = ROOT / "scripts" / "virtuoso.sh"


def _unavailable(message: str) -> None:
    if os.environ.get("CI", "").lower() in ("1", "true", "yes"):
        pytest.fail(message, pytrace=False)
    pytest.skip(message)


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def _run_script(script: Path, action: str, env: dict[str, str], timeout: float) -> subprocess.CompletedProcess:
    return subprocess.run(["bash", str(script), action], env={**os.environ, **env}, capture_output=True,
                          text=True, timeout=timeout)


class _PrivateServer:
    """A server started by one of the scripts for this pytest session only."""

    def __init__(self, script: Path, env: dict[str, str], state: Path):
        self.script, self.env, self.state = script, env, state

    def start(self, timeout: float) -> Optional[str]:
        """None when up, else the reason it is not."""
        try:
            done = _run_script(self.script, "start", self.env, timeout)
        except subprocess.TimeoutExpired:
            self.stop()
            return f"{self.script.name} start took longer than {timeout:.0f} s"
        if done.returncode != 0:
            self.stop()
            return f"{self.script.name} start failed ({done.returncode}):\n{done.stdout}\n{done.stderr}"
        return None

    def stop(self) -> None:
        try:
            _run_script(self.script, "stop", self.env, 90)
        finally:
            shutil.rmtree(self.state, ignore_errors=True)


@pytest.fixture(scope="session")
def neo4j_driver() -> Iterator[Driver]:
    """A driver to a real Neo4j 5: NEO4J_URI if set, else a private embedded server."""
    from stdkg.stores.neo4j_store import connect

    server = None
    if os.environ.get("NEO4J_URI"):
        driver = connect()
        where = os.environ["NEO4J_URI"]
    else:
        port = _free_port()
        state = ROOT / ".neo4j" / f"pytest-{os.getpid()}"
        server = _PrivateServer(NEO4J_SCRIPT, {"NEO4J_PORT": str(port), "NEO4J_STATE_DIR": str(state)}, state)
        reason = server.start(timeout=600)
        if reason:
            _unavailable(f"Neo4j could not be started: {reason}")
        driver = connect(f"bolt://127.0.0.1:{port}", user="", password="")
        where = f"bolt://127.0.0.1:{port} (started by the test session)"
    try:
        driver.verify_connectivity()
    except Exception as e:  # the driver raises several unrelated classes for "not there"
        driver.close()
        if server:
            server.stop()
        _unavailable(f"Neo4j at {where} does not answer: {e}")
    yield driver
    driver.close()
    if server:
        server.stop()


@dataclass(frozen=True)
class SparqlEndpoint:
    """Where the test Virtuoso answers queries and takes updates."""

    query_url: str
    update_url: str
    user: Optional[str]
    password: Optional[str]


@pytest.fixture(scope="session")
def virtuoso_endpoint() -> Iterator[SparqlEndpoint]:
    """A real Virtuoso SPARQL endpoint: VIRTUOSO_ENDPOINT if set, else a private server."""
    from stdkg.stores.sparql_endpoint import EndpointError, endpoint_from_env, select_endpoint

    server = None
    if os.environ.get("VIRTUOSO_ENDPOINT"):
        cfg = endpoint_from_env()
        endpoint = SparqlEndpoint(cfg["query_url"], cfg["update_url"], cfg["user"], cfg["password"])
    else:
        http_port, sql_port = _free_port(), _free_port()
        state = ROOT / ".virtuoso" / f"pytest-{os.getpid()}"
        server = _PrivateServer(VIRTUOSO_SCRIPT, {"VIRTUOSO_HTTP_PORT": str(http_port),
                                                  "VIRTUOSO_SQL_PORT": str(sql_port),
                                                  "VIRTUOSO_STATE_DIR": str(state)}, state)
        reason = server.start(timeout=300)
        if reason:
            _unavailable(f"Virtuoso could not be started: {reason}")
        base = f"http://127.0.0.1:{http_port}"
        endpoint = SparqlEndpoint(f"{base}/sparql", f"{base}/sparql-auth", "dba", "dba")
    try:
        select_endpoint(endpoint.query_url, "SELECT ?x WHERE { BIND(1 AS ?x) }")
    except EndpointError as e:
        if server:
            server.stop()
        _unavailable(f"Virtuoso at {endpoint.query_url} does not answer: {e}")
    yield endpoint
    if server:
        server.stop()


@pytest.fixture(scope="session")
def built_store() -> Path:
    """The main build (shipped corpus records plus the reference registries) in a temporary store, once per session."""
    from tests.questions_support import built_store as build_once

    return build_once()
