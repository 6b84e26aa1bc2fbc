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
import time
import urllib.error
import urllib.parse
import urllib.request
from dataclasses import dataclass
from typing import Any, Mapping, Optional

import pandas as pd
from rdflib import BNode, Graph, Literal, URIRef
from rdflib.term import Node

from stdkg import batching
from stdkg.errors import StdkgError
from stdkg.stores.sparql_binding import Bindings, bind
from stdkg.terms import to_sparql

DEFAULT_QUERY_URL = "http://127.0.0.1:8890/sparql"
DEFAULT_UPDATE_URL = "http://127.0.0.1:8890/sparql-auth"
RESULTS_JSON = "application/sparql-results+json"



class EndpointError(StdkgError, RuntimeError):
    """The endpoint cannot be reached, refused a request or answered something that is not SPARQL JSON results."""


class EndpointTimeout(EndpointError):
    """The endpoint did not answer within the timeout."""


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
    except TimeoutError:
        raise EndpointTimeout(f"{url}: no answer within {timeout:g} s") from None
    except urllib.error.URLError as e:
        if isinstance(e.reason, TimeoutError):
            raise EndpointTimeout(f"{url}: no answer within {timeout:g} s") from None
        raise EndpointError(f"{url}: cannot connect: {e.reason}",
                            "Check the endpoint URL and that the server is running.") from None
    except OSError as e:
        raise EndpointError(f"{url}: cannot connect: {e}") from None


def _from_json(cell: Mapping[str, Any]) -> Node:
    kind, value = cell["type"], cell["value"]
    if kind == "uri":
        return URIRef(value)
    if kind == "bnode":
        return BNode(value)
    if kind in ("literal", "typed-literal"):
        return Literal(value, lang=cell.get("xml:lang"), datatype=cell.get("datatype"))
    raise EndpointError(f"unknown RDF term type {kind!r} in SPARQL JSON results")


def select_rows(endpoint_url: str, query_text: str, *, user: Optional[str] = None,
                password: Optional[str] = None, timeout: float = 60.0) -> tuple[list[str], list[dict[str, Node]]]:
    """Run a SELECT as it is; its variables and one mapping variable → rdflib term per solution (unbound left out)."""
    raw = _post(endpoint_url, {"query": query_text}, accept=RESULTS_JSON, user=user, password=password,
                timeout=timeout)
    try:
        results = json.loads(raw)
        variables = results["head"]["vars"]
        solutions = results["results"]["bindings"]
    except (ValueError, KeyError, TypeError):
        raise EndpointError(f"{endpoint_url}: answer is not SPARQL JSON results: {raw[:200]!r}") from None
    return variables, [{v: _from_json(cell) for v, cell in s.items()} for s in solutions]


def select_endpoint(endpoint_url: str, query_text: str, bindings: Bindings = None, *,
                    user: Optional[str] = None, password: Optional[str] = None,
                    timeout: float = 60.0) -> pd.DataFrame:
    """Run a SELECT on `endpoint_url`; one column per projected variable, cells rdflib terms (None if unbound).

    `bindings` (a mapping variable → value, or several such rows) is joined to the query
    as a VALUES clause; values are rdflib terms or Python scalars.
    """
    text, _ = bind(query_text, bindings, substitute=False)
    variables, solutions = select_rows(endpoint_url, text, user=user, password=password, timeout=timeout)
    rows = [{v: s.get(v) for v in variables} for s in solutions]
    return pd.DataFrame(rows, columns=variables, dtype=object)


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
    target = to_sparql(URIRef(graph_iri))
    if any(isinstance(t, BNode) for triple in rdf_graph for t in triple):
        rdf_graph = rdf_graph.skolemize()
    if replace:
        update_endpoint(endpoint_url, f"DROP SILENT GRAPH {target}", user=user, password=password, timeout=timeout)
    triples = sorted(rdf_graph, key=lambda t: (str(t[0]), str(t[1]), str(t[2])))
    batches = 0
    for batch in batching.batches(triples, batch_size):
        body = "\n".join(f"{to_sparql(s)} {to_sparql(p)} {to_sparql(o)} ." for s, p, o in batch)
        update_endpoint(endpoint_url, f"INSERT DATA {{ GRAPH {target} {{\n{body}\n}} }}",
                        user=user, password=password, timeout=timeout)
        batches += 1
    return EndpointLoadReport(len(triples), batches, str(graph_iri), time.perf_counter() - t0)
