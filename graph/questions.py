"""Named analyst questions answered by any engine: check parameters, ask, shape the answer.

The questions live in `graph/queries/NAME.rq` + `NAME.cypher` (headers parsed by
`stdkg.question_files`); the engines in `stdkg.stores.engines`. The runner

- normalises and checks the given parameters against the header (`check_params`):
  text is width-folded and trimmed the way documents are, an empty value is an
  error, numbers and booleans are coerced, an enumerated value (`one of a|b|c`) is
  matched case- and space-folded or refused with the allowed words;
- resolves every parameter that names an entity (`city`, `department`, …) through the
  engine's name index (`stdkg.param_names`, `stdkg.name_index`) to the name the query
  compares against: any written form (short or full Chinese, Traditional, English,
  pinyin, code, alias) reaches it, a close miss is taken when unambiguous, anything
  else raises `NameNotFound` listing the nearest candidates (`resolve_names`);
- asks an engine under a time, row and memory budget (`ask`, `run_question`); a
  question that overruns raises `QuestionBudgetError` naming the parameters that
  would narrow it;
- returns a DataFrame with exactly the header's columns, typed and sorted the
  same way whichever engine answered (`to_frame`).

`run_sparql` / `run_cypher` run raw read-only queries on an engine and return
DataFrames; `answer_all` writes every question's example answer as CSV.
"""
from __future__ import annotations

import math
import re
import unicodedata
from pathlib import Path
from typing import Any, Iterable, Mapping, Optional, Union

import pandas as pd

from stdkg.errors import StdkgError
from stdkg.name_index import NameIndex, NameNotFound
from stdkg.question_files import (COLUMN_TYPES, PARAM_TYPES, QUERY_DIR, Column, Param, Question, QuestionError,
                                  SortKey, get_question, list_questions, load_question, parse_header,
                                  question_names)
from stdkg.stores.engines import (ANY, MAX_ROWS_ENV, MEMORY_ENV, TIMEOUT_ENV, Budget, BudgetExceeded, Engine,
                                  EngineError, QueryError, Rows, describe_overrun, engine_names, make_engine,
                                  sparql_variable)

__all__ = [
    "ANY", "COLUMN_TYPES", "ENGINES", "PARAM_TYPES", "QUERY_DIR", "Budget", "Column", "Param", "Question",
    "QuestionBudgetError", "QuestionError", "SortKey", "answer_all", "ask", "check_params", "get_question",
    "NameNotFound", "list_questions", "load_question", "normalise_param_text", "parse_header", "question_names",
    "resolve_names", "run_cypher", "run_question", "run_sparql", "sparql_variable", "to_frame",
]

ENGINES = engine_names()
EngineLike = Union[str, Engine]


class QuestionBudgetError(BudgetExceeded):
    """A question too broad for its budget; the message says which parameters narrow it."""


def normalise_param_text(text: str) -> str:
    """A parameter value folded the way document text is: full-width forms and odd spaces to their
    ASCII width (NFKC on the width variants only), invisible format characters dropped, whitespace
    trimmed and collapsed to single spaces. `ＩＳＯ　３７１２０` → `ISO 37120`, ` 青岛` → `青岛`."""
    folded = "".join(unicodedata.normalize("NFKC", c) if _width_variant(c) else c
                     for c in text if unicodedata.category(c) != "Cf")
    return " ".join(folded.split())


def _width_variant(c: str) -> bool:
    return "\uff00" <= c <= "\uffef" or unicodedata.category(c) == "Zs"


def check_params(question: Question, params: Optional[Mapping[str, Any]]) -> dict[str, Any]:
    """Typed values for every declared parameter (None where an optional one is left out)."""
    params = dict(params or {})
    unknown = sorted(set(params) - {p.name for p in question.params})
    if unknown:
        raise QuestionError(f"{question.name}: unknown parameter(s) {', '.join(unknown)}; {_param_help(question)}")
    values: dict[str, Any] = {}
    for p in question.params:
        raw = params.get(p.name)
        if isinstance(raw, str):
            raw = normalise_param_text(raw)
            if raw == "":
                what = "give a value" if p.required else "give a value or leave it out (left out, it matches any)"
                raise QuestionError(f"{question.name}: parameter {p.name!r} is empty; {what}")
        if raw is None:
            if p.required:
                raise QuestionError(f"{question.name}: missing required parameter {p.name!r}; {_param_help(question)}")
            values[p.name] = None
            continue
        values[p.name] = _coerce(question.name, p, raw)
    return values


_TRUE, _FALSE = ("true", "yes", "1", "on"), ("false", "no", "0", "off")


def _coerce(qname: str, p: Param, raw: Any) -> Any:
    if p.type == "bool":
        word = str(raw).strip().casefold() if not isinstance(raw, bool) else ("true" if raw else "false")
        if word in _TRUE or word in _FALSE:
            return word in _TRUE
        raise QuestionError(f"{qname}: parameter {p.name!r} must be true or false, got {raw!r}")
    if p.choices:
        word = "".join(str(raw).split()).casefold()
        if word in p.choices:
            return word
        raise QuestionError(f"{qname}: parameter {p.name!r} must be one of {', '.join(p.choices)}, got {raw!r}")
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


def resolve_names(question: Question, values: Mapping[str, Any], index: NameIndex) -> dict[str, Any]:
    """`values` with every entity-naming parameter replaced by the name its query compares against (a city's
    short name, a standard's or committee's code, otherwise the Chinese name); a department is looked for
    among the given city's first. Raises NameNotFound (naming the question and parameter) on a miss."""
    out = dict(values)
    city = None
    ordered = sorted((p for p in question.params if p.kind and values.get(p.name) is not None),
                     key=lambda p: p.kind != "city")
    for p in ordered:
        within = _of_city(index, city) if city is not None and p.kind == "department" else None
        try:
            entity = index.resolve(str(values[p.name]), p.kind, within=within)
            if within is not None and entity.iri not in set(within):
                entity = _in_city(index, str(values[p.name]), city, within)
        except NameNotFound as e:
            raise NameNotFound(f"{question.name}: parameter {p.name!r}: {e}", e.hint) from None
        if p.kind == "city":
            city = entity
        out[p.name] = entity.short_name if p.kind == "city" and entity.short_name else entity.name
    return out


def _in_city(index: NameIndex, text: str, city: Any, within: list[str]) -> Any:
    """A unit named the way a city's own plans write it (`市水务局` in 青岛's plans is 青岛市…)."""
    full = (city.name_zh or "") + text[1:] if text.startswith("市") else (city.name_zh or "") + text
    try:
        entity = index.resolve(full, "department", within=within)
    except NameNotFound:
        entity = None
    if entity is None or entity.iri not in set(within):
        raise NameNotFound(f"no department named {text!r} in {city.display}",
                           "Give the unit's full name, or leave city= out.")
    return entity


def _of_city(index: NameIndex, city: Any) -> list[str]:
    prefixes = tuple(n for n in (city.name_zh, city.short_name) if n)
    return [e.iri for e in index.entities.values() if e.name_zh and e.name_zh.startswith(prefixes)]


def _param_help(q: Question) -> str:
    if not q.params:
        return "it takes no parameters"
    parts = [f"{p.name} ({p.kind or ('one of ' + '|'.join(p.choices) if p.choices else p.type)}, "
             f"{'required' if p.required else 'optional'})" for p in q.params]
    return "it takes: " + ", ".join(parts)


def _budget_error(q: Question, values: Mapping[str, Any], e: BudgetExceeded) -> QuestionBudgetError:
    left_out = [p for p in q.params if not p.required and values.get(p.name) is None]
    if left_out:
        narrow = "narrow it with " + ", ".join(
            f"{p.name}" + (f" ({p.description})" if p.description else "") for p in left_out)
    else:
        narrow = "it has no parameter left to narrow it"
    env = {"time": TIMEOUT_ENV, "rows": MAX_ROWS_ENV, "memory": MEMORY_ENV}[e.what]
    return QuestionBudgetError(e.what, e.limit, f"{q.name}: too broad: {describe_overrun(e.what, e.limit)}; {narrow}",
                               f"Or raise the budget ({env}=…) if the whole answer is needed.")


def ask(name: str, params: Optional[Mapping[str, Any]], engine: Engine, *, budget: Optional[Budget] = None,
        timeout: Optional[float] = None, max_rows: Optional[int] = None,
        memory_mb: Optional[int] = None) -> pd.DataFrame:
    """Answer question `name` with `params` on `engine` (an `Engine` object) within a budget.

    The budget is `budget`, else `timeout` (s), `max_rows`, `memory_mb`, each falling back to
    STDKG_QUESTION_TIMEOUT / STDKG_QUESTION_MAX_ROWS / STDKG_QUESTION_MEMORY_MB and the defaults.
    """
    question = get_question(name)
    values = check_params(question, params)
    if any(p.kind and values.get(p.name) is not None for p in question.params):
        from stdkg.param_names import names_for

        values = resolve_names(question, values, names_for(engine))
    budget = budget or Budget.resolve(timeout, max_rows, memory_mb)
    try:
        rows = engine.ask(question, values, budget)
    except BudgetExceeded as e:
        raise _budget_error(question, values, e) from None
    except QueryError as e:
        raise QuestionError(str(e)) from e
    return to_frame(question, rows)


def _engine(engine: EngineLike, store: Any = None, driver: Any = None, endpoint: Optional[str] = None,
            **options: Any) -> Engine:
    if not isinstance(engine, str):
        return engine
    try:
        return make_engine(engine, store=store, driver=driver, endpoint=endpoint, **options)
    except EngineError as e:
        raise QuestionError(str(e)) from None


def run_question(name: str, params: Optional[Mapping[str, Any]] = None, *, engine: EngineLike = "sparql",
                 store: Any = None, driver: Any = None, endpoint: Optional[str] = None,
                 budget: Optional[Budget] = None, timeout: Optional[float] = None, max_rows: Optional[int] = None,
                 memory_mb: Optional[int] = None) -> pd.DataFrame:
    """Answer question `name` on one engine, by registry name or object: `sparql` (embedded store:
    store= a path or a pyoxigraph Store), `neo4j` (driver= a neo4j driver, else one to NEO4J_URI,
    closed afterwards) or `endpoint` (endpoint= a remote SPARQL endpoint URL). Budgets as for `ask`."""
    get_question(name)
    if not isinstance(engine, str):
        return ask(name, params, engine, budget=budget, timeout=timeout, max_rows=max_rows, memory_mb=memory_mb)
    with _engine(engine, store, driver, endpoint) as made:
        return ask(name, params, made, budget=budget, timeout=timeout, max_rows=max_rows, memory_mb=memory_mb)


def _raw(language: str, text: str, params: Optional[Mapping[str, Any]], engine: EngineLike,
         options: dict[str, Any], budget: Optional[Budget]) -> pd.DataFrame:
    eng = _engine(engine, **options)
    try:
        if eng.language != language:
            raise QueryError(f"engine {eng.name!r} runs {eng.language}, not {language}")
        rows = eng.run(text, params, budget or Budget.resolve())
    finally:
        if isinstance(engine, str):
            eng.close()
    return pd.DataFrame.from_records(rows.values, columns=rows.columns)


def run_sparql(text: str, params: Optional[Mapping[str, Any]] = None, *, engine: EngineLike = "sparql",
               store: Any = None, endpoint: Optional[str] = None, budget: Optional[Budget] = None,
               **options: Any) -> pd.DataFrame:
    """A raw read-only SPARQL query on the embedded store or an endpoint; `params` bound to its
    variables (RDF terms or Python scalars). One column per projected variable, plain Python values.
    Updates are refused."""
    return _raw("sparql", text, params, engine, {"store": store, "endpoint": endpoint, **options}, budget)


def run_cypher(text: str, params: Optional[Mapping[str, Any]] = None, *, engine: EngineLike = "neo4j",
               driver: Any = None, budget: Optional[Budget] = None, **options: Any) -> pd.DataFrame:
    """A raw Cypher query with `$params` in a READ transaction (writes are refused by the server)."""
    return _raw("cypher", text, params, engine, {"driver": driver, **options}, budget)


def to_frame(q: Question, rows: Union[Rows, Iterable[Mapping[str, Any]]]) -> pd.DataFrame:
    """Rows → DataFrame with the header's columns, typed, sorted (header `order`, then all columns) and limited."""
    records = rows.records() if isinstance(rows, Rows) else list(rows)
    columns = rows.columns if isinstance(rows, Rows) else (list(records[0]) if records else None)
    names = q.column_names
    if columns is not None and (records or isinstance(rows, Rows)):
        missing = [c for c in names if c not in columns]
        if missing:
            raise QuestionError(f"{q.name}: the query returns no column(s) {', '.join(missing)}")
    data = [tuple(_normalise(r.get(c.name), c.type) for c in q.columns) for r in records]
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


def answer_all(store: Any, out_dir: Path, *, engine: Optional[Engine] = None) -> dict[str, tuple[Path, int]]:
    """Run every question with its example parameters (on the embedded `store`, or `engine`); write
    `out_dir/NAME.csv`. A question over its budget is reported, not written, and the rest go on:
    the result maps each name to (path, rows), rows -1 for one that failed."""
    out_dir = Path(out_dir)
    out_dir.mkdir(parents=True, exist_ok=True)
    eng = engine or _engine("sparql", store)
    answers: dict[str, tuple[Path, int]] = {}
    for q in list_questions():
        path = out_dir / f"{q.name}.csv"
        try:
            frame = ask(q.name, q.example, eng)
        except StdkgError as e:
            path = out_dir / f"{q.name}.error.txt"
            path.write_text(str(e) + "\n", encoding="utf-8")
            answers[q.name] = (path, -1)
            continue
        frame.to_csv(path, index=False)
        answers[q.name] = (path, len(frame))
    return answers
