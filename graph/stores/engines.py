"""The engines that answer questions: one protocol, a registry by name, and the three adapters.

An `Engine` has a `name` (its key in `ENGINES`) and a `language` ("sparql" or
"cypher"), and can

- `ask(question, values, budget)`: answer a named question (`stdkg.question_files.Question`)
  with checked parameter values (None where an optional one is absent);
- `run(text, params, budget)`: run a raw read-only query in its language;
- `write(graph, **options)`: load a graph, where the engine supports it.

Both return `Rows` (column names and value tuples of plain Python values,
`stdkg.terms.to_python`). Every query runs under a `Budget` (time, rows,
memory); one that overruns stops and raises `BudgetExceeded`, never leaving a
machine swapping:

- the embedded store (`OxigraphEngine`, pyoxigraph, which cannot cancel a query)
  evaluates in a forked worker process whose processor time (RLIMIT_CPU: the
  budget's seconds, so a busy machine does not fail a query that would fit) and
  address space (RLIMIT_AS) are limited, and which is killed if it still runs
  after `WALL_FACTOR` times the budget in wall time; without `fork` it runs
  in-process with a wall-clock deadline checked between rows;
- Neo4j runs each read in a transaction with the budget as its server-side timeout;
- a remote SPARQL endpoint gets the budget as its HTTP timeout.

In SPARQL a question parameter `x` is the variable `?param_x`; an absent optional
parameter is bound to the IRI `stdkg:any` (`ANY`), so the queries filter with
`FILTER(sameTerm(?param_x, stdkg:any) || ?col = ?param_x)`: the same text runs on
pyoxigraph (bound by substitution) and on Virtuoso (bound by VALUES). In Cypher it
is `$x`, null when absent. Engines are made by name with `make_engine(name, **options)`;
a new one registers itself with `@register`.
"""
from __future__ import annotations

import faulthandler
import math
import multiprocessing
import os
import re
import resource
import signal
import time
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Callable, ClassVar, Mapping, Optional, Protocol, runtime_checkable

import pyoxigraph as ox

from stdkg.errors import StdkgError
from stdkg.stores.sparql_binding import bind, code_only
from stdkg.terms import TermError, iri, to_ox, to_python

ANY = "https://w3id.org/stdkg/ontology#any"
DEFAULT_SECONDS = 60.0
WALL_FACTOR = 4
DEFAULT_MAX_ROWS = 100_000
DEFAULT_MEMORY_MB = 2048
TIMEOUT_ENV, MAX_ROWS_ENV, MEMORY_ENV = "STDKG_QUESTION_TIMEOUT", "STDKG_QUESTION_MAX_ROWS", "STDKG_QUESTION_MEMORY_MB"


class EngineError(StdkgError):
    """An engine that is not configured, cannot be reached, or refuses a request."""


class QueryError(StdkgError, ValueError):
    """Query text the engine cannot run (a syntax error, an update where only reads are allowed)."""


class BudgetExceeded(StdkgError):
    """A query stopped because it overran its time, row or memory budget.

    `what` is "time", "rows" or "memory"; `limit` the budget it overran (seconds, rows, MB).
    """

    def __init__(self, what: str, limit: float, message: str = "", hint: str = ""):
        self.what, self.limit = what, limit
        super().__init__(message or f"stopped: {describe_overrun(what, limit)}", hint)


def describe_overrun(what: str, limit: float) -> str:
    return {"time": f"took longer than {limit:g} s (budget {TIMEOUT_ENV})",
            "rows": f"more than {limit:,.0f} rows (budget {MAX_ROWS_ENV})",
            "memory": f"needed more than {limit:,.0f} MB of memory (budget {MEMORY_ENV})"}[what]


@dataclass(frozen=True)
class Budget:
    """How long a query may run, how many rows it may return, how much more memory it may take.

    On the embedded store `seconds` counts the worker's processor time (wall time is
    bounded at `WALL_FACTOR` times it); on Neo4j and an endpoint, wall time.
    """

    seconds: float = DEFAULT_SECONDS
    max_rows: int = DEFAULT_MAX_ROWS
    memory_mb: int = DEFAULT_MEMORY_MB

    @classmethod
    def resolve(cls, seconds: Optional[float] = None, max_rows: Optional[int] = None,
                memory_mb: Optional[int] = None) -> "Budget":
        """The given limits, else STDKG_QUESTION_TIMEOUT / _MAX_ROWS / _MEMORY_MB, else the defaults."""
        return cls(seconds=_limit(seconds, TIMEOUT_ENV, DEFAULT_SECONDS, float),
                   max_rows=_limit(max_rows, MAX_ROWS_ENV, DEFAULT_MAX_ROWS, int),
                   memory_mb=_limit(memory_mb, MEMORY_ENV, DEFAULT_MEMORY_MB, int))


def _limit(given: Any, env: str, default: Any, kind: type) -> Any:
    source = "given"
    if given is None:
        given, source = os.environ.get(env) or default, env
    try:
        value = kind(given)
    except (TypeError, ValueError):
        value = None
    if value is None or isinstance(given, bool) or not math.isfinite(value) or value <= 0:
        raise EngineError(f"budget {env} ({source}) must be a positive number, not {given!r}")
    return value


@dataclass
class Rows:
    """A query's answer: column names and one tuple of plain Python values per row."""

    columns: list[str]
    values: list[tuple] = field(default_factory=list)

    def records(self) -> list[dict[str, Any]]:
        return [dict(zip(self.columns, row)) for row in self.values]

    def __len__(self) -> int:
        return len(self.values)


@runtime_checkable
class Engine(Protocol):
    """What the question runner and the CLI need of an engine (see the module docstring)."""

    name: ClassVar[str]
    language: ClassVar[str]

    def ask(self, question: Any, values: Mapping[str, Any], budget: Optional[Budget] = None) -> Rows: ...

    def run(self, text: str, params: Optional[Mapping[str, Any]] = None, budget: Optional[Budget] = None) -> Rows: ...

    def write(self, graph: Any, **options: Any) -> Any: ...

    def close(self) -> None: ...


class _Closing:
    """Engines are context managers: `with make_engine(...) as engine:` closes what the engine opened."""

    def close(self) -> None:
        """Release what the engine opened itself (nothing by default)."""

    def __enter__(self):
        return self

    def __exit__(self, *exc: Any) -> None:
        self.close()


ENGINES: dict[str, type] = {}


def register(cls: type) -> type:
    """Class decorator: make an engine class available by its `name` to `make_engine`."""
    ENGINES[cls.name] = cls
    return cls


def engine_names() -> tuple[str, ...]:
    return tuple(ENGINES)


def make_engine(name: str, **options: Any) -> Engine:
    """The engine registered as `name`, made from keyword options (store=, driver=, endpoint=, user=, …)."""
    cls = ENGINES.get(name)
    if cls is None:
        raise EngineError(f"unknown engine {name!r}; one of {', '.join(ENGINES)}")
    return cls.from_options(**options)


def sparql_variable(param: str) -> str:
    """The SPARQL variable a parameter binds: `city` → `?param_city` (never a result column)."""
    return f"param_{param}"


def question_bindings(question: Any, values: Mapping[str, Any]) -> dict[str, Any]:
    """Every declared parameter as its SPARQL variable → RDF term; `stdkg:any` where an optional one is absent."""
    out: dict[str, Any] = {}
    for p in question.params:
        v = values.get(p.name)
        out[sparql_variable(p.name)] = ox.NamedNode(ANY) if v is None else (iri(v) if p.type == "iri" else to_ox(v))
    return out


_UPDATE = re.compile(r"^\s*(?:(?:PREFIX\s+[^\s:]*:|BASE)\s*)*(INSERT|DELETE|LOAD|CLEAR|CREATE|DROP|COPY|MOVE|ADD|WITH)\b",
                     re.I)


def refuse_updates(text: str) -> None:
    """QueryError if `text` is a SPARQL Update (raw queries are read-only): its first keyword after
    the prologue, outside comments, strings and IRIs, is one that only an update can start with."""
    found = _UPDATE.match(code_only(text))
    if found:
        raise QueryError(f"raw queries are read-only: this text is a SPARQL Update ({found.group(1).upper()} …)")


def _evaluate(store: Any, text: str, substitutions: Mapping[Any, Any], budget: Budget,
              deadline: Optional[float] = None) -> Rows:
    """Run a query on a pyoxigraph store; rows as Python values, at most `budget.max_rows`, checked
    against `deadline` (time.monotonic) between rows if one is given."""
    result = store.query(text, substitutions=dict(substitutions) or None)
    if isinstance(result, ox.QueryBoolean):
        return Rows(["ask"], [(bool(result),)])
    if isinstance(result, ox.QueryTriples):
        columns = ["subject", "predicate", "object"]
        cells: Callable[[Any], tuple] = lambda t: (to_python(t.subject), to_python(t.predicate), to_python(t.object))
    else:
        columns = [v.value for v in result.variables]
        cells = lambda sol: tuple(to_python(sol[c]) for c in columns)  # noqa: E731
    rows = Rows(columns)
    for item in result:
        if len(rows.values) >= budget.max_rows:
            raise BudgetExceeded("rows", budget.max_rows)
        if deadline is not None and time.monotonic() > deadline:
            raise BudgetExceeded("time", budget.seconds)
        rows.values.append(cells(item))
    return rows


def _path_rows(question: Any, values: Mapping[str, Any], select: Callable[[str, Any], tuple]) -> Rows:
    from stdkg.stores.path_search import shortest_paths

    rows = shortest_paths(select, question.sparql, values["source"], values["target"], question.search_steps)
    return Rows(["length", "path", "path_en"], rows)


def _limit_address_space(memory_mb: int) -> None:
    """Let this process grow by at most `memory_mb` MB of address space beyond what it has now."""
    with open("/proc/self/status", encoding="ascii") as status:
        size_kb = next(int(line.split()[1]) for line in status if line.startswith("VmSize:"))
    soft, hard = resource.getrlimit(resource.RLIMIT_AS)
    limit = size_kb * 1024 + memory_mb * 1024 * 1024
    if hard != resource.RLIM_INFINITY:
        limit = min(limit, hard)
    resource.setrlimit(resource.RLIMIT_AS, (limit, hard))


def _worker(job: Callable[[], Rows], send: Any, budget: Budget) -> None:
    os.environ["RUST_BACKTRACE"] = "0"
    faulthandler.disable()  # a worker stopped by its budget is expected, not a crash to report
    try:
        _limit_address_space(budget.memory_mb)
        cpu = math.ceil(budget.seconds)
        resource.setrlimit(resource.RLIMIT_CPU, (cpu, cpu + 2))
        send.send(("ok", job()))
    except BudgetExceeded as e:
        send.send(("budget", e.what))
    except MemoryError:
        send.send(("budget", "memory"))
    except SyntaxError as e:
        send.send(("syntax", str(e)))
    except BaseException as e:  # reported to the parent, which raises it there
        send.send(("error", f"{type(e).__name__}: {e}"))
    finally:
        send.close()


def _can_fork() -> bool:
    return "fork" in multiprocessing.get_all_start_methods() and os.path.exists("/proc/self/status")


def run_bounded(job: Callable[[], Rows], budget: Budget) -> Rows:
    """`job()` in a forked worker under `budget`: its processor time (RLIMIT_CPU) and address space
    (RLIMIT_AS) limited, and killed if it is still running after WALL_FACTOR times the time budget."""
    ctx = multiprocessing.get_context("fork")
    receive, send = ctx.Pipe(duplex=False)
    worker = ctx.Process(target=_worker, args=(job, send, budget), daemon=True)
    worker.start()
    send.close()
    try:
        if not receive.poll(budget.seconds * WALL_FACTOR):
            raise BudgetExceeded("time", budget.seconds)
        try:
            kind, payload = receive.recv()
        except EOFError:
            worker.join(5)
            if worker.exitcode == -signal.SIGXCPU:
                raise BudgetExceeded("time", budget.seconds) from None
            raise BudgetExceeded("memory", budget.memory_mb,
                                 f"stopped: the query process ended (exit {worker.exitcode}), most likely "
                                 f"out of its {budget.memory_mb:,} MB memory budget ({MEMORY_ENV})") from None
    finally:
        if worker.is_alive():
            worker.kill()
        worker.join()
        receive.close()
    if kind == "ok":
        return payload
    if kind == "budget":
        raise BudgetExceeded(payload, {"time": budget.seconds, "rows": budget.max_rows,
                                       "memory": budget.memory_mb}[payload])
    if kind == "syntax":
        raise SyntaxError(payload)
    raise EngineError(f"the query failed in its worker process: {payload}")


class _SparqlEngine(_Closing):
    """What the SPARQL engines share: a named question binds its parameters, a raw query is read-only;
    each engine's `_select` runs the bound text."""

    def ask(self, question: Any, values: Mapping[str, Any], budget: Optional[Budget] = None) -> Rows:
        if question.search_steps:
            return self._search(question, values, budget or Budget.resolve())
        return self._select(question.sparql, question_bindings(question, values), budget, f"{question.name}.rq")

    def run(self, text: str, params: Optional[Mapping[str, Any]] = None, budget: Optional[Budget] = None) -> Rows:
        refuse_updates(text)
        return self._select(text, params, budget, "query")

    def _select(self, text: str, bindings: Any, budget: Optional[Budget], source: str) -> Rows:
        raise NotImplementedError

    def _search(self, question: Any, values: Mapping[str, Any], budget: Budget) -> Rows:
        """A `search:` question: its SPARQL is one step of `stdkg.stores.path_search`, each step a query of its own."""
        def select(text: str, rows: Any) -> tuple:
            found = self._select(text, rows, budget, f"{question.name}.rq")
            return found.columns, found.values

        return _path_rows(question, values, select)


@register
class OxigraphEngine(_SparqlEngine):
    """The embedded pyoxigraph store: a built store folder (opened read-only on first use) or a `pyoxigraph.Store`."""

    name: ClassVar[str] = "sparql"
    language: ClassVar[str] = "sparql"

    def __init__(self, store: Any):
        if isinstance(store, ox.Store):
            self.path, self._store = None, store
        else:
            self.path, self._store = Path(store), None

    @classmethod
    def from_options(cls, store: Any = None, **_: Any) -> "OxigraphEngine":
        if store is None:
            raise EngineError("engine 'sparql' needs store= (a store folder or a pyoxigraph Store)")
        return cls(store)

    @property
    def store(self) -> ox.Store:
        if self._store is None:
            from stdkg.stores.oxigraph_store import open_store

            self._store = open_store(self.path, read_only=True)
        return self._store

    def _select(self, text: str, bindings: Any, budget: Optional[Budget], source: str) -> Rows:
        budget = budget or Budget.resolve()
        try:
            text, substitutions = bind(text, bindings, substitute=True)
        except (TermError, ValueError) as e:
            raise QueryError(f"{source}: {e}") from e
        store = self.store
        try:
            if _can_fork():
                return run_bounded(lambda: _evaluate(store, text, substitutions, budget), budget)
            return _evaluate(store, text, substitutions, budget, time.monotonic() + budget.seconds)
        except SyntaxError as e:
            raise QueryError(f"{source}: {e}") from e

    def _search(self, question: Any, values: Mapping[str, Any], budget: Budget) -> Rows:
        """The whole search in one worker under the budget (its steps share the deadline)."""
        store = self.store

        def job() -> Rows:
            deadline = time.monotonic() + budget.seconds

            def select(text: str, rows: Any) -> tuple:
                found = _evaluate(store, *bind(text, rows), budget, deadline)
                return found.columns, found.values

            return _path_rows(question, values, select)

        try:
            return run_bounded(job, budget) if _can_fork() else job()
        except SyntaxError as e:
            raise QueryError(f"{question.name}.rq: {e}") from e

    def write(self, graph: Any, **options: Any) -> Any:
        """Write an rdflib graph as the store folder (replacing the old one once complete)."""
        if self.path is None:
            raise EngineError("this embedded engine wraps an open pyoxigraph Store; write needs a store folder")
        from stdkg.stores.oxigraph_store import write_store

        self._store = None
        return write_store(graph, self.path, **options)



def _cypher_value(value: Any) -> Any:
    """A Neo4j result value as plain Python: nodes and relationships as property dicts, times as ISO text."""
    from neo4j.graph import Node, Path as GraphPath, Relationship

    if isinstance(value, Node):
        return {"labels": sorted(value.labels), **dict(value)}
    if isinstance(value, Relationship):
        return {"type": value.type, **dict(value)}
    if isinstance(value, GraphPath):
        return [_cypher_value(n) for n in value.nodes]
    if isinstance(value, list):
        return [_cypher_value(v) for v in value]
    if isinstance(value, dict):
        return {k: _cypher_value(v) for k, v in value.items()}
    iso = getattr(value, "iso_format", None)
    return iso() if callable(iso) else value


@register
class Neo4jEngine(_Closing):
    """A Neo4j database through a driver (`stdkg.stores.neo4j_store.connect`); reads run in READ transactions."""

    name: ClassVar[str] = "neo4j"
    language: ClassVar[str] = "cypher"

    def __init__(self, driver: Any, database: Optional[str] = None, *, owns_driver: bool = False):
        self.driver, self.owns_driver = driver, owns_driver
        self.database = database if database is not None else (os.environ.get("NEO4J_DATABASE") or None)

    @classmethod
    def from_options(cls, driver: Any = None, uri: Optional[str] = None, user: Optional[str] = None,
                     password: Optional[str] = None, database: Optional[str] = None, **_: Any) -> "Neo4jEngine":
        """On `driver`, else on a driver of its own to `uri` (else NEO4J_URI; none is an error), closed by `close()`."""
        if driver is not None:
            return cls(driver, database)
        from stdkg.stores.neo4j_store import connect

        return cls(connect(uri, user, password), database, owns_driver=True)

    def close(self) -> None:
        if self.owns_driver:
            self.driver.close()

    def ask(self, question: Any, values: Mapping[str, Any], budget: Optional[Budget] = None) -> Rows:
        return self._read(question.cypher, dict(values), budget, f"{question.name}.cypher")

    def run(self, text: str, params: Optional[Mapping[str, Any]] = None, budget: Optional[Budget] = None) -> Rows:
        return self._read(text, dict(params or {}), budget, "query")

    def _read(self, text: str, params: dict[str, Any], budget: Optional[Budget], source: str) -> Rows:
        from neo4j import READ_ACCESS, unit_of_work
        from neo4j.exceptions import (AuthError, ClientError, CypherSyntaxError, ServiceUnavailable,
                                      SessionExpired)

        budget = budget or Budget.resolve()

        @unit_of_work(timeout=budget.seconds)
        def read(tx):
            result = tx.run(text, params)
            rows = Rows(list(result.keys()))
            for record in result:
                if len(rows.values) >= budget.max_rows:
                    raise BudgetExceeded("rows", budget.max_rows)
                rows.values.append(tuple(_cypher_value(v) for v in record.values()))
            return rows

        try:
            with self.driver.session(database=self.database, default_access_mode=READ_ACCESS,
                                     notifications_min_severity="OFF") as session:
                return session.execute_read(read)
        except CypherSyntaxError as e:
            raise QueryError(f"{source}: {e.message}") from e
        except (ServiceUnavailable, SessionExpired) as e:
            raise EngineError(f"Neo4j does not answer: {_one_line(e)}",
                              "Start it, or point NEO4J_URI at a running server.") from None
        except AuthError as e:
            raise EngineError(f"Neo4j refused the credentials: {_one_line(e)}",
                              "Set NEO4J_USERNAME and NEO4J_PASSWORD.") from None
        except ClientError as e:
            code = e.code or ""
            if "TransactionTimedOut" in code:
                raise BudgetExceeded("time", budget.seconds) from None
            if "AccessMode" in code or "ForbiddenDueToTransactionType" in code:
                raise QueryError(f"{source}: raw queries are read-only: {e.message}") from None
            raise QueryError(f"{source}: {e.message}") from e

    def write(self, graph: Any, **options: Any) -> Any:
        """Load a property-graph projection (networkx) with `neo4j_store.load_graph`."""
        from stdkg.stores.neo4j_store import load_graph

        return load_graph(self.driver, graph, database=self.database, **options)


def _one_line(e: BaseException) -> str:
    return " ".join(str(e).split())


@register
class EndpointEngine(_SparqlEngine):
    """A remote SPARQL 1.1 endpoint (query URL, optional update URL and credentials)."""

    name: ClassVar[str] = "endpoint"
    language: ClassVar[str] = "sparql"

    def __init__(self, url: str, user: Optional[str] = None, password: Optional[str] = None,
                 update_url: Optional[str] = None):
        self.url, self.user, self.password, self.update_url = url, user, password, update_url

    @classmethod
    def from_options(cls, endpoint: Optional[str] = None, user: Optional[str] = None, password: Optional[str] = None,
                     update_url: Optional[str] = None, **_: Any) -> "EndpointEngine":
        if not endpoint:
            raise EngineError("engine 'endpoint' needs endpoint= (a SPARQL endpoint URL)")
        return cls(endpoint, user, password, update_url)

    def _select(self, text: str, bindings: Any, budget: Optional[Budget], source: str) -> Rows:
        from stdkg.stores.sparql_endpoint import EndpointTimeout, select_rows

        budget = budget or Budget.resolve()
        try:
            text, _ = bind(text, bindings, substitute=False)
        except (TermError, ValueError) as e:
            raise QueryError(f"{source}: {e}") from e
        try:
            columns, solutions = select_rows(self.url, text, user=self.user, password=self.password,
                                             timeout=budget.seconds)
        except EndpointTimeout:
            raise BudgetExceeded("time", budget.seconds) from None
        if len(solutions) > budget.max_rows:
            raise BudgetExceeded("rows", budget.max_rows)
        return Rows(columns, [tuple(to_python(s.get(c)) for c in columns) for s in solutions])

    def write(self, graph: Any, *, graph_iri: str, **options: Any) -> Any:
        """Insert an rdflib graph into the named graph `graph_iri` (`sparql_endpoint.load_endpoint`)."""
        from stdkg.stores.sparql_endpoint import load_endpoint

        return load_endpoint(graph, self.update_url or self.url, graph_iri=graph_iri, user=self.user,
                             password=self.password, **options)
