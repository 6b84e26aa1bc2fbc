"""The named questions' files: `graph/queries/NAME.rq` + `NAME.cypher`, their headers parsed and checked.

Each file opens with the same comment header (`#` in SPARQL, `//` in Cypher):

    # name: targets_by_owner
    # answers: targets owned by a department …
    # param city: city, optional — the plan's city, any written form, e.g. 深圳
    # param role: one of lead|participant|shared, optional — the unit's role
    # param inferred: bool, optional — also inferred owners
    # columns: city, department, value:float, year:int
    # order: measures desc, department
    # limit: 10
    # keep: min length          (only the rows with the smallest value of a column)
    # search: shortest paths, at most 4 steps   (the SPARQL is one step of stdkg.stores.path_search)
    # example: city=深圳; year=2020

A param's type is a value type (`string`, `int`, `float`, `bool`, `iri`), a kind of
entity the value names (`city`, `department`, `indicator`, `committee`, `standard`,
`entity`: resolved by the runner through `stdkg.name_index`), or an enumeration
`one of a|b|c`. Both headers of a pair must agree; `load_question`, `list_questions` and
`get_question` give `Question` objects holding the header and both query texts.
Imports nothing of ours but `stdkg.errors`.
"""
from __future__ import annotations

import re
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path
from typing import Any, Mapping, Optional

from stdkg.errors import EXIT_USAGE, StdkgError

QUERY_DIR = Path(__file__).parent / "queries"
PARAM_TYPES = ("string", "int", "float", "bool", "iri")
NAME_KINDS = ("city", "department", "indicator", "committee", "standard", "entity")
COLUMN_TYPES = ("str", "int", "float", "bool")


class QuestionError(StdkgError, ValueError):
    """A question that does not exist, a bad header, or parameters that do not fit it."""

    exit_code = EXIT_USAGE
    default_hint = "See `stdkg questions` for the names, and `stdkg questions NAME` for one question's parameters."


@dataclass(frozen=True)
class Param:
    """One declared parameter of a question: `kind` when its value names an entity of that kind,
    `choices` when it is one of a fixed set of words (both then have type `string`)."""

    name: str
    type: str
    required: bool
    description: str = ""
    kind: Optional[str] = None
    choices: tuple[str, ...] = ()


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
    search_steps: Optional[int] = None
    example: Mapping[str, str] = field(default_factory=dict)
    sparql: str = ""
    cypher: str = ""

    @property
    def column_names(self) -> list[str]:
        return [c.name for c in self.columns]

    def param(self, name: str) -> Optional[Param]:
        return next((p for p in self.params if p.name == name), None)


_SEARCH = re.compile(r"^shortest paths, at most (\d+) steps$")
_HEADER_LINE = re.compile(r"^(?P<key>[a-z]+)(?:\s+(?P<arg>[A-Za-z_][A-Za-z0-9_]*))?\s*:\s*(?P<value>.*)$")
_PARAM_SPEC = re.compile(r"^(?:(?P<type>[a-z]+)|one of\s+(?P<choices>[a-z0-9_]+(?:\|[a-z0-9_]+)+))\s*,\s*"
                         r"(?P<req>optional|required)\s*(?:[—–-]+\s*(?P<desc>.*))?$")


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
            if not spec or (spec["type"] and spec["type"] not in PARAM_TYPES + NAME_KINDS):
                raise QuestionError(
                    f"{source}: bad param line {raw!r}; expected "
                    f"'param NAME: {'|'.join(PARAM_TYPES + NAME_KINDS)} or one of A|B|…, optional|required — "
                    f"description'")
            typ = spec["type"]
            kind = typ if typ in NAME_KINDS else None
            choices = tuple(spec["choices"].split("|")) if spec["choices"] else ()
            header["params"].append(Param(arg, "string" if kind or choices else typ, spec["req"] == "required",
                                          (spec["desc"] or "").strip(), kind, choices))
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
        elif key == "search":
            m = _SEARCH.match(value)
            if not m:
                raise QuestionError(f"{source}: search must read 'shortest paths, at most N steps', got {value!r}")
            header["search_steps"] = int(m[1])
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
        search_steps=h_rq.get("search_steps"), example=dict(h_rq["example"]),
        sparql=sparql, cypher=cypher,
    )
    names = set(q.column_names)
    for key in q.order:
        if key.column not in names:
            raise QuestionError(f"{rq}: order column {key.column!r} is not among the columns")
    if q.search_steps is not None and ({p.name for p in q.params} != {"source", "target"}
                                       or q.column_names != ["length", "path", "path_en"]):
        raise QuestionError(f"{rq}: a search question takes params source and target and gives length, path, path_en")
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
