"""Named analyst questions: `graph/queries/NAME.rq` + `NAME.cypher`, run on either engine.

Each file opens with the same comment header (`#` in SPARQL, `//` in Cypher):

    # name: targets_by_owner
    # answers: targets owned by a department …
    # param city: string, optional — short city name, e.g. 深圳
    # columns: city, department, value:float, year:int
    # order: measures desc, department
    # limit: 10
    # keep: min length          (only the rows with the smallest value of a column)
    # example: city=深圳; year=2020

The runner checks the given parameters against the header, binds them through
the engine (pyoxigraph substitutions, SPARQL VALUES built from RDF terms,
Neo4j `$params`), and returns a DataFrame with exactly the header's columns,
typed and sorted the same way whichever engine answered.

In SPARQL a parameter `x` is the variable `?param_x`, projected by the SELECT
(pyoxigraph requires it) and dropped by the runner; in Cypher it is `$x`, null
when absent. An absent optional parameter is bound to the IRI `stdkg:any`, so the
queries filter with `FILTER(sameTerm(?param_x, stdkg:any) || ?col = ?param_x)`:
the same text runs on pyoxigraph (which folds `BOUND(?param_x)` to false under
substitution) and on Virtuoso (which drops rows under `COALESCE` of an unbound
parameter).
"""
from __future__ import annotations

import math
import re
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path
from typing import Any, Iterable, Mapping, Optional

import pandas as pd

from stdkg.errors import StdkgError

QUERY_DIR = Path(__file__).parent / "queries"
ANY = "https://w3id.org/stdkg/ontology#any"
ENGINES = ("sparql", "neo4j", "endpoint")
PARAM_TYPES = ("string", "int", "float", "iri")
COLUMN_TYPES = ("str", "int", "float", "bool")


class QuestionError(StdkgError, ValueError):
    """A question that does not exist, a bad header, or parameters that do not fit it."""

    default_hint = "See `stdkg questions` for the names, and `stdkg questions NAME` for one question's parameters."


@dataclass(frozen=True)
class Param:
    """One declared parameter of a question."""

    name: str
    type: str
    required: bool
    description: str = ""


@dataclass(frozen=True)
class Column:
    """One result column and the Python type its values are normalised to."""

    name: str
    type: str = "str"


@dataclass(frozen=True)
class SortKey:
    column: str
    descending: bool = False


@dataclass(frozen=True)
class Question:
    """A named question: its header and the text of both queries."""

    name: str
    description: str
    params: tuple[Param, ...]
    columns: tuple[Column, ...]
    order: tuple[SortKey, ...] = ()
    limit: Optional[int] = None
    keep_min: Optional[str] = None
    example: Mapping[str, str] = field(default_factory=dict)
    sparql: str = ""
    cypher: str = ""

    @property
    def column_names(self) -> list[str]:
        return [c.name for c in self.columns]

    def param(self, name: str) -> Optional[Param]:
        return next((p for p in self.params if p.name == name), None)


_HEADER_LINE = re.compile(r"^(?P<key>[a-z]+)(?:\s+(?P<arg>[A-Za-z_][A-Za-z0-9_]*))?\s*:\s*(?P<value>.*)$")
_PARAM_SPEC = re.compile(r"^(?P<type>[a-z]+)\s*,\s*(?P<req>optional|required)\s*(?:[—–-]+\s*(?P<desc>.*))?$")


def parse_header(text: str, comment: str, source: str) -> dict[str, Any]:
    """Read the leading comment block of a query file into a header dict."""
    header: dict[str, Any] = {"params": [], "example": {}}
    for raw in text.splitlines():
        line = raw.strip()
        if not line:
            continue
        if not line.startswith(comment):
            break
        body = line[len(comment):].strip()
        m = _HEADER_LINE.match(body)
        if not m:
            continue
        key, arg, value = m["key"], m["arg"], m["value"].strip()
        if key == "param":
            if not arg:
                raise QuestionError(f"{source}: `param` line needs a name: {raw!r}")
            spec = _PARAM_SPEC.match(value)
            if not spec or spec["type"] not in PARAM_TYPES:
                raise QuestionError(
                    f"{source}: bad param line {raw!r}; expected "
                    f"'param NAME: {'|'.join(PARAM_TYPES)}, optional|required — description'")
            header["params"].append(Param(arg, spec["type"], spec["req"] == "required", (spec["desc"] or "").strip()))
        elif key == "columns":
            header["columns"] = tuple(_parse_column(c, source) for c in value.split(",") if c.strip())
        elif key == "order":
            header["order"] = tuple(_parse_sort_key(k, source) for k in value.split(",") if k.strip())
        elif key == "limit":
            try:
                header["limit"] = int(value)
            except ValueError:
                raise QuestionError(f"{source}: limit must be an integer, got {value!r}") from None
        elif key == "keep":
            parts = value.split()
            if len(parts) != 2 or parts[0] != "min":
                raise QuestionError(f"{source}: keep must read 'min COLUMN', got {value!r}")
            header["keep_min"] = parts[1]
        elif key == "example":
            for pair in value.split(";"):
                if pair.strip():
                    if "=" not in pair:
                        raise QuestionError(f"{source}: example {pair!r} is not name=value")
                    k, v = pair.split("=", 1)
                    header["example"][k.strip()] = v.strip()
        elif key in ("name", "answers"):
            header[key] = value
    for required in ("name", "answers", "columns"):
        if required not in header:
            raise QuestionError(f"{source}: header has no `{comment} {required}:` line")
    return header


def _parse_column(spec: str, source: str) -> Column:
    name, _, typ = spec.strip().partition(":")
    typ = typ.strip() or "str"
    if typ not in COLUMN_TYPES:
        raise QuestionError(f"{source}: column {name!r} has unknown type {typ!r} (one of {', '.join(COLUMN_TYPES)})")
    return Column(name.strip(), typ)


def _parse_sort_key(spec: str, source: str) -> SortKey:
    parts = spec.split()
    if len(parts) == 1 or (len(parts) == 2 and parts[1].lower() in ("asc", "desc")):
        return SortKey(parts[0], len(parts) == 2 and parts[1].lower() == "desc")
    raise QuestionError(f"{source}: bad order key {spec!r}; expected 'column [asc|desc]'")


def load_question(name: str, directory: Path = QUERY_DIR) -> Question:
    """Read one question pair; both headers must agree."""
    rq, cy = directory / f"{name}.rq", directory / f"{name}.cypher"
    missing = [p.name for p in (rq, cy) if not p.exists()]
    if missing:
        known = ", ".join(question_names(directory)) or "(none)"
        raise QuestionError(f"unknown question {name!r}: no {' or '.join(missing)} in {directory}; known: {known}")
    sparql, cypher = rq.read_text(encoding="utf-8"), cy.read_text(encoding="utf-8")
    h_rq, h_cy = parse_header(sparql, "#", str(rq)), parse_header(cypher, "//", str(cy))
    if h_rq != h_cy:
        diff = sorted(k for k in set(h_rq) | set(h_cy) if h_rq.get(k) != h_cy.get(k))
        raise QuestionError(f"{rq.name} and {cy.name} disagree in their headers on: {', '.join(diff)}")
    if h_rq["name"] != name:
        raise QuestionError(f"{rq}: header name {h_rq['name']!r} does not match the file name {name!r}")
    q = Question(
        name=name, description=h_rq["answers"], params=tuple(h_rq["params"]), columns=h_rq["columns"],
        order=h_rq.get("order", ()), limit=h_rq.get("limit"), keep_min=h_rq.get("keep_min"),
        example=dict(h_rq["example"]),
        sparql=sparql, cypher=cypher,
    )
    names = set(q.column_names)
    for key in q.order:
        if key.column not in names:
            raise QuestionError(f"{rq}: order column {key.column!r} is not among the columns")
    if q.keep_min is not None and q.keep_min not in names:
        raise QuestionError(f"{rq}: keep column {q.keep_min!r} is not among the columns")
    for k in q.example:
        if q.param(k) is None:
            raise QuestionError(f"{rq}: example names {k!r}, which is not a declared param")
    return q


def question_names(directory: Path = QUERY_DIR) -> list[str]:
    """Names with both a `.rq` and a `.cypher` file."""
    rq = {p.stem for p in directory.glob("*.rq")}
    cy = {p.stem for p in directory.glob("*.cypher")}
    return sorted(rq & cy)


@lru_cache(maxsize=None)
def _cached_questions(directory: Path) -> tuple[Question, ...]:
    return tuple(load_question(n, directory) for n in question_names(directory))


def list_questions(directory: Path = QUERY_DIR) -> list[Question]:
    """Every question pair in `directory`, parsed and checked."""
    if directory == QUERY_DIR:
        return list(_cached_questions(directory))
    return [load_question(n, directory) for n in question_names(directory)]


def get_question(name: str, directory: Path = QUERY_DIR) -> Question:
    if directory == QUERY_DIR:
        for q in _cached_questions(directory):
            if q.name == name:
                return q
    return load_question(name, directory)


def check_params(question: Question, params: Optional[Mapping[str, Any]]) -> dict[str, Any]:
    """Typed values for every declared parameter (None where an optional one is absent)."""
    params = dict(params or {})
    unknown = sorted(set(params) - {p.name for p in question.params})
    if unknown:
        raise QuestionError(f"{question.name}: unknown parameter(s) {', '.join(unknown)}; {_param_help(question)}")
    values: dict[str, Any] = {}
    for p in question.params:
        raw = params.get(p.name)
        if raw is None or (isinstance(raw, str) and raw == ""):
            if p.required:
                raise QuestionError(f"{question.name}: missing required parameter {p.name!r}; {_param_help(question)}")
            values[p.name] = None
            continue
        values[p.name] = _coerce(question.name, p, raw)
    return values


def _coerce(qname: str, p: Param, raw: Any) -> Any:
    try:
        if p.type == "int":
            if isinstance(raw, bool) or (isinstance(raw, float) and not raw.is_integer()):
                raise ValueError
            return int(raw)
        if p.type == "float":
            return float(raw)
    except (TypeError, ValueError):
        raise QuestionError(f"{qname}: parameter {p.name!r} must be {p.type}, got {raw!r}") from None
    if not isinstance(raw, str):
        raise QuestionError(f"{qname}: parameter {p.name!r} must be text, got {type(raw).__name__}")
    if p.type == "iri" and not re.match(r"^[a-zA-Z][a-zA-Z0-9+.-]*:[^\s<>\"{}|\\^`]*$", raw):
        raise QuestionError(f"{qname}: parameter {p.name!r} must be an absolute IRI, got {raw!r}")
    return raw


def _param_help(q: Question) -> str:
    if not q.params:
        return "it takes no parameters"
    parts = [f"{p.name} ({p.type}, {'required' if p.required else 'optional'})" for p in q.params]
    return "it takes: " + ", ".join(parts)


def run_question(name: str, params: Optional[Mapping[str, Any]] = None, *, engine: str = "sparql",
                 store: Any = None, driver: Any = None, endpoint: Optional[str] = None) -> pd.DataFrame:
    """Answer question `name` on one engine: `sparql` (embedded store: a path or a pyoxigraph Store),
    `neo4j` (a neo4j driver) or `endpoint` (a remote SPARQL endpoint URL)."""
    question = get_question(name)
    values = check_params(question, params)
    if engine == "sparql":
        if store is None:
            raise QuestionError("engine 'sparql' needs store= (a store folder or a pyoxigraph Store)")
        rows = _run_oxigraph(question, values, store)
    elif engine == "neo4j":
        if driver is None:
            raise QuestionError("engine 'neo4j' needs driver= (a neo4j driver)")
        rows = _run_neo4j(question, values, driver)
    elif engine == "endpoint":
        if not endpoint:
            raise QuestionError("engine 'endpoint' needs endpoint= (a SPARQL endpoint URL)")
        rows = _run_endpoint(question, values, endpoint)
    else:
        raise QuestionError(f"unknown engine {engine!r}; one of {', '.join(ENGINES)}")
    return to_frame(question, rows)


def _open_store(store: Any):
    import pyoxigraph

    if isinstance(store, pyoxigraph.Store):
        return store
    from stdkg.stores.oxigraph_store import open_store

    return open_store(Path(store), read_only=True)


def _run_oxigraph(q: Question, values: Mapping[str, Any], store: Any) -> list[dict[str, Any]]:
    import pyoxigraph as ox

    st = _open_store(store)
    subs = {ox.Variable(sparql_variable(k)): ox.NamedNode(ANY) if v is None else _ox_term(q.param(k), v)
            for k, v in _with_absent(q, values).items()}
    try:
        solutions = st.query(q.sparql, substitutions=subs)
    except SyntaxError as e:
        raise QuestionError(f"{q.name}.rq: {e}") from e
    variables = [v.value for v in solutions.variables]
    return [{v: _from_ox(sol[v]) for v in variables} for sol in solutions]


def _with_absent(q: Question, values: Mapping[str, Any]) -> dict[str, Any]:
    """Every declared parameter: its value, or None where an optional one is absent (bound to `stdkg:any`)."""
    return {p.name: values.get(p.name) for p in q.params}


def sparql_variable(param: str) -> str:
    """The SPARQL variable a parameter binds: `city` → `?param_city` (never a result column)."""
    return f"param_{param}"


def _ox_term(p: Param, value: Any):
    import pyoxigraph as ox

    if p.type == "iri":
        return ox.NamedNode(value)
    return ox.Literal(value)


def _from_ox(term: Any) -> Any:
    import pyoxigraph as ox

    if term is None:
        return None
    if isinstance(term, ox.NamedNode):
        return term.value
    if isinstance(term, ox.BlankNode):
        return f"_:{term.value}"
    if isinstance(term, ox.Literal):
        return _literal_value(term.value, term.datatype.value if term.datatype else None)
    return str(term)


_XSD = "http://www.w3.org/2001/XMLSchema#"
_INT_TYPES = {_XSD + t for t in ("integer", "int", "long", "short", "byte", "nonNegativeInteger",
                                 "positiveInteger", "unsignedInt", "unsignedLong", "gYear")}
_FLOAT_TYPES = {_XSD + t for t in ("decimal", "double", "float")}


def _literal_value(lexical: str, datatype: Optional[str]) -> Any:
    try:
        if datatype in _INT_TYPES:
            return int(lexical)
        if datatype in _FLOAT_TYPES:
            return float(lexical)
    except ValueError:
        return lexical
    if datatype == _XSD + "boolean":
        return lexical in ("true", "1")
    return lexical


def _run_endpoint(q: Question, values: Mapping[str, Any], url: str) -> list[dict[str, Any]]:
    from rdflib import Literal, URIRef

    from stdkg.stores.sparql_endpoint import select_endpoint

    bindings = {sparql_variable(k): URIRef(ANY) if v is None else (URIRef(v) if q.param(k).type == "iri" else Literal(v))
                for k, v in _with_absent(q, values).items()}
    frame = select_endpoint(url, q.sparql, bindings)
    return [{k: _from_rdflib(v) for k, v in r.items()} for r in frame.to_dict("records")]


def _from_rdflib(term: Any) -> Any:
    from rdflib import BNode, Literal, URIRef

    if isinstance(term, Literal):
        return _literal_value(str(term), str(term.datatype) if term.datatype else None)
    if isinstance(term, (URIRef, BNode)):
        return str(term)
    return term


def _run_neo4j(q: Question, values: Mapping[str, Any], driver: Any) -> list[dict[str, Any]]:
    import os

    from neo4j import READ_ACCESS
    from neo4j.exceptions import CypherSyntaxError

    def read(tx):
        result = tx.run(q.cypher, dict(values))
        keys = result.keys()
        return [dict(zip(keys, r.values())) for r in result]

    try:
        with driver.session(database=os.environ.get("NEO4J_DATABASE") or None, default_access_mode=READ_ACCESS,
                            notifications_min_severity="OFF") as session:
            return session.execute_read(read)
    except CypherSyntaxError as e:
        raise QuestionError(f"{q.name}.cypher: {e.message}") from e


def to_frame(q: Question, rows: Iterable[Mapping[str, Any]]) -> pd.DataFrame:
    """Rows → DataFrame with the header's columns, typed, sorted (header `order`, then all columns) and limited."""
    rows = list(rows)
    names = q.column_names
    if rows:
        missing = [c for c in names if c not in rows[0]]
        if missing:
            raise QuestionError(f"{q.name}: the query returns no column(s) {', '.join(missing)}")
    data = [tuple(_normalise(r.get(c.name), c.type) for c in q.columns) for r in rows]
    if q.keep_min is not None:
        i = names.index(q.keep_min)
        present = [row[i] for row in data if row[i] is not None]
        smallest = min(present) if present else None
        data = [row for row in data if smallest is not None and row[i] == smallest]
    data.sort(key=lambda row: _sort_key(q, row))
    if q.limit is not None:
        data = data[: q.limit]
    frame = pd.DataFrame.from_records(data, columns=names)
    for c in q.columns:
        frame[c.name] = frame[c.name].astype(_DTYPES[c.type])
    return frame


_DTYPES = {"str": "object", "int": "Int64", "float": "Float64", "bool": "boolean"}


def _normalise(value: Any, typ: str) -> Any:
    if value is None or (isinstance(value, float) and math.isnan(value)):
        return None
    if typ == "int":
        return int(value)
    if typ == "float":
        return float(value)
    if typ == "bool":
        if isinstance(value, str):
            return value.lower() in ("true", "1")
        return bool(value)
    if isinstance(value, (list, tuple)):
        return " | ".join(str(v) for v in value)
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    return str(value)


class _Desc:
    """Reverses the order of a sort-key component."""

    __slots__ = ("v",)

    def __init__(self, v: Any) -> None:
        self.v = v

    def __lt__(self, other: "_Desc") -> bool:
        return other.v < self.v

    def __eq__(self, other: object) -> bool:
        return isinstance(other, _Desc) and self.v == other.v


def _sort_key(q: Question, row: tuple) -> tuple:
    idx = {c.name: i for i, c in enumerate(q.columns)}
    keys: list[Any] = []
    used = set()
    for k in q.order:
        v = row[idx[k.column]]
        comp = (v is None, v if v is not None else 0)
        keys.append(_Desc(comp) if k.descending else comp)
        used.add(k.column)
    for i, c in enumerate(q.columns):
        if c.name not in used:
            v = row[i]
            keys.append((v is None, v if v is not None else 0))
    return tuple(keys)


def answer_all(store: Any, out_dir: Path) -> dict[str, tuple[Path, int]]:
    """Run every question with its example parameters on the embedded store; write `out_dir/NAME.csv`."""
    out_dir = Path(out_dir)
    out_dir.mkdir(parents=True, exist_ok=True)
    st = _open_store(store)
    answers: dict[str, tuple[Path, int]] = {}
    for q in list_questions():
        frame = run_question(q.name, q.example, engine="sparql", store=st)
        path = out_dir / f"{q.name}.csv"
        frame.to_csv(path, index=False)
        answers[q.name] = (path, len(frame))
    return answers
