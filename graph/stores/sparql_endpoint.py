"""Write the RDF graph to a remote SPARQL 1.1 endpoint and read it back with SELECT.

`load_endpoint` sends `INSERT DATA { GRAPH <g> { … } }` updates in batches (SPARQL 1.1
Protocol, URL-encoded POST); `select_endpoint` runs a SELECT with caller values bound
by a VALUES block opening the WHERE group, its terms rdflib `.n3()` serialisations, so
a value can never change the query's shape. Credentials go by HTTP Digest or Basic,
whichever the server asks for (Virtuoso's `/sparql-auth` wants Digest).
"""
from __future__ import annotations

import json
import os
import re
import time
import urllib.error
import urllib.parse
import urllib.request
from dataclasses import dataclass
from decimal import Decimal
from itertools import islice
from typing import Any, Iterable, Iterator, Mapping, Optional, Sequence, Union

import pandas as pd
from rdflib import XSD, BNode, Graph, Literal, URIRef
from rdflib.term import Identifier, Node

DEFAULT_QUERY_URL = "http://127.0.0.1:8890/sparql"
DEFAULT_UPDATE_URL = "http://127.0.0.1:8890/sparql-auth"
RESULTS_JSON = "application/sparql-results+json"

_VARIABLE = re.compile(r"^[A-Za-z_][A-Za-z0-9_]*$")
_INTEGRAL = re.compile(r"^[+-]?[0-9]+$")

Bindings = Union[Mapping[str, Any], Sequence[Mapping[str, Any]], None]


class EndpointError(RuntimeError):
    """The endpoint refused a request or answered something that is not SPARQL JSON results."""


@dataclass
class EndpointLoadReport:
    triples: int
    batches: int
    graph_iri: str
    seconds: float


def endpoint_from_env() -> dict[str, Optional[str]]:
    """Query/update URLs and credentials from VIRTUOSO_ENDPOINT, VIRTUOSO_UPDATE_ENDPOINT,
    VIRTUOSO_USER, VIRTUOSO_PASSWORD (defaults: the local test Virtuoso, dba/dba)."""
    query = os.environ.get("VIRTUOSO_ENDPOINT") or DEFAULT_QUERY_URL
    update = os.environ.get("VIRTUOSO_UPDATE_ENDPOINT") or (
        query + "-auth" if query.endswith("/sparql") else DEFAULT_UPDATE_URL)
    return {"query_url": query, "update_url": update,
            "user": os.environ.get("VIRTUOSO_USER", "dba"), "password": os.environ.get("VIRTUOSO_PASSWORD", "dba")}


def _opener(url: str, user: Optional[str], password: Optional[str]) -> urllib.request.OpenerDirector:
    if not user:
        return urllib.request.build_opener()
    passwords = urllib.request.HTTPPasswordMgrWithDefaultRealm()
    passwords.add_password(None, url, user, password or "")
    return urllib.request.build_opener(urllib.request.HTTPDigestAuthHandler(passwords),
                                       urllib.request.HTTPBasicAuthHandler(passwords))


def _post(url: str, form: Mapping[str, str], *, accept: str, user: Optional[str], password: Optional[str],
          timeout: float) -> bytes:
    body = urllib.parse.urlencode(form).encode("utf-8")
    request = urllib.request.Request(url, data=body, method="POST", headers={
        "Content-Type": "application/x-www-form-urlencoded; charset=utf-8", "Accept": accept})
    try:
        with _opener(url, user, password).open(request, timeout=timeout) as response:
            return response.read()
    except urllib.error.HTTPError as e:
        detail = e.read()[:600].decode("utf-8", "replace").strip()
        raise EndpointError(f"{url}: HTTP {e.code} {e.reason}: {detail}") from None
    except urllib.error.URLError as e:
        raise EndpointError(f"{url}: cannot connect: {e.reason}") from None


def _term(value: Any) -> Node:
    """An RDF term for a caller value: rdflib terms as they are, Python scalars as typed literals."""
    if isinstance(value, Identifier):
        return value
    if isinstance(value, (str, bool, int, float, Decimal)):
        return Literal(value)
    raise TypeError(f"cannot bind {value!r} ({type(value).__name__}): give an rdflib term or a str/int/float/bool")


def _n3(term: Node) -> str:
    """The term's N3 text. Integral xsd:decimal gets a decimal point ("50" → "50.0", its canonical
    form): Virtuoso turns a decimal without one into xsd:integer."""
    if isinstance(term, BNode):
        raise ValueError(f"blank node {term!r} cannot be sent to an endpoint: skolemize the graph first")
    if isinstance(term, Literal) and term.datatype == XSD.decimal and _INTEGRAL.match(str(term)):
        return Literal(str(term) + ".0", datatype=XSD.decimal).n3()
    return term.n3()


def values_clause(bindings: Bindings) -> str:
    """`VALUES (?a ?b) { (… …) }` for one mapping or a sequence of mappings (None → UNDEF)."""
    if not bindings:
        return ""
    rows = [bindings] if isinstance(bindings, Mapping) else list(bindings)
    names = sorted({k for row in rows for k in row})
    for name in names:
        if not _VARIABLE.match(name):
            raise ValueError(f"{name!r} is not a SPARQL variable name")
    cells = []
    for row in rows:
        cells.append("(" + " ".join("UNDEF" if row.get(n) is None else _n3(_term(row[n])) for n in names) + ")")
    return "VALUES (" + " ".join("?" + n for n in names) + ") {\n  " + "\n  ".join(cells) + "\n}"


_IRIREF = re.compile(r'<[^<>"{}|^`\\\x00-\x20]*>')


def _where_brace(query_text: str) -> int:
    """Index of the `{` opening the query's WHERE group (the first `{` outside comments, strings and IRIs)."""
    text, i, n = query_text, 0, len(query_text)
    while i < n:
        c = text[i]
        if c == "#":
            end = text.find("\n", i)
            i = n if end < 0 else end + 1
        elif c in "\"'":
            quote = c * 3 if text.startswith(c * 3, i) else c
            i += len(quote)
            while i < n and not text.startswith(quote, i):
                i += 2 if text[i] == "\\" else 1
            i += len(quote)
        elif c == "<":
            m = _IRIREF.match(text, i)
            i = m.end() if m else i + 1
        elif c == "{":
            return i
        else:
            i += 1
    raise ValueError("query has no WHERE group ({ … }) to bind values in")


def bind_query(query_text: str, bindings: Bindings) -> str:
    """The query with `bindings` as a VALUES block opening its WHERE group.

    Inside the group the values join before any grouping, like pre-bound variables
    (a trailing VALUES clause would join after aggregation).
    """
    clause = values_clause(bindings)
    if not clause:
        return query_text
    at = _where_brace(query_text) + 1
    return query_text[:at] + "\n" + clause + "\n" + query_text[at:]


def _from_json(cell: Mapping[str, Any]) -> Node:
    kind, value = cell["type"], cell["value"]
    if kind == "uri":
        return URIRef(value)
    if kind == "bnode":
        return BNode(value)
    if kind in ("literal", "typed-literal"):
        return Literal(value, lang=cell.get("xml:lang"), datatype=cell.get("datatype"))
    raise EndpointError(f"unknown RDF term type {kind!r} in SPARQL JSON results")


def select_endpoint(endpoint_url: str, query_text: str, bindings: Bindings = None, *,
                    user: Optional[str] = None, password: Optional[str] = None,
                    timeout: float = 60.0) -> pd.DataFrame:
    """Run a SELECT on `endpoint_url`; one column per projected variable, cells rdflib terms (None if unbound).

    `bindings` (a mapping variable → value, or several such rows) is joined to the query
    as a VALUES clause; values are rdflib terms or Python scalars.
    """
    raw = _post(endpoint_url, {"query": bind_query(query_text, bindings)}, accept=RESULTS_JSON,
                user=user, password=password, timeout=timeout)
    try:
        results = json.loads(raw)
        variables = results["head"]["vars"]
        solutions = results["results"]["bindings"]
    except (ValueError, KeyError, TypeError):
        raise EndpointError(f"{endpoint_url}: answer is not SPARQL JSON results: {raw[:200]!r}") from None
    rows = [{v: (_from_json(s[v]) if v in s else None) for v in variables} for s in solutions]
    return pd.DataFrame(rows, columns=variables, dtype=object)


def _batches(triples: Iterable, size: int) -> Iterator[list]:
    it = iter(triples)
    while batch := list(islice(it, size)):
        yield batch


def update_endpoint(endpoint_url: str, update_text: str, *, user: Optional[str] = None,
                    password: Optional[str] = None, timeout: float = 60.0) -> None:
    """Send one SPARQL 1.1 Update request."""
    _post(endpoint_url, {"update": update_text}, accept="*/*", user=user, password=password, timeout=timeout)


def load_endpoint(rdf_graph: Graph, endpoint_url: str, *, graph_iri: str, user: Optional[str] = None,
                  password: Optional[str] = None, batch_size: int = 250, replace: bool = False,
                  timeout: float = 120.0) -> EndpointLoadReport:
    """Insert every triple of `rdf_graph` into named graph `graph_iri` at the update endpoint.

    Blank nodes are skolemized first (INSERT DATA would mint new ones per request). Loading
    twice adds nothing (RDF graphs are sets); `replace=True` drops the named graph first.
    Virtuoso refuses an update whose generated SQL passes 10,000 lines: 2,000 triples of
    the stdkg graph per request do, 1,000 do not; smaller requests were also faster
    (bench/RESULTS.md, `## SPARQL endpoint load`).
    """
    if batch_size < 1:
        raise ValueError(f"batch_size must be at least 1, not {batch_size}")
    t0 = time.perf_counter()
    target = _n3(URIRef(graph_iri))
    if any(isinstance(t, BNode) for triple in rdf_graph for t in triple):
        rdf_graph = rdf_graph.skolemize()
    if replace:
        update_endpoint(endpoint_url, f"DROP SILENT GRAPH {target}", user=user, password=password, timeout=timeout)
    triples = sorted(rdf_graph, key=lambda t: (str(t[0]), str(t[1]), str(t[2])))
    batches = 0
    for batch in _batches(triples, batch_size):
        body = "\n".join(f"{_n3(s)} {_n3(p)} {_n3(o)} ." for s, p, o in batch)
        update_endpoint(endpoint_url, f"INSERT DATA {{ GRAPH {target} {{\n{body}\n}} }}",
                        user=user, password=password, timeout=timeout)
        batches += 1
    return EndpointLoadReport(len(triples), batches, str(graph_iri), time.perf_counter() - t0)
