"""Bind caller values to the variables of a SPARQL query, never by formatting values into the text.

`bind(text, bindings, substitute=...)` is the one binder of every SPARQL engine:

- with `substitute=True` (pyoxigraph), a variable the SELECT projects goes into
  `substitutions` (pre-bound, SEP-0007), which the engine passes to `Store.query`;
- every other variable, and every variable with `substitute=False` (a remote
  endpoint), goes into a VALUES block opening the query's WHERE group, its terms
  serialised by `stdkg.terms.to_sparql` (escaped N-Triples), so a value can
  never change the query's shape. Inside the group the values join before any
  grouping, like pre-bound variables (a trailing VALUES clause would join after
  aggregation).

`bindings` is one mapping variable → value, or a sequence of such rows (VALUES
only; a None cell is UNDEF). Values are RDF terms of either library or Python
scalars (`stdkg.terms.to_ox`).
"""
from __future__ import annotations

import re
from typing import Any, Mapping, Sequence, Union

import pyoxigraph as ox

from stdkg.terms import to_ox, to_sparql

Bindings = Union[Mapping[str, Any], Sequence[Mapping[str, Any]], None]

_VARIABLE = re.compile(r"^[A-Za-z_][A-Za-z0-9_]*$")
_IRIREF = re.compile(r'<[^<>"{}|^`\\\x00-\x20]*>')
_SELECT = re.compile(r"\bSELECT\b", re.I)
_STAR = re.compile(r"^\s*(DISTINCT|REDUCED)?\s*\*", re.I)


def bind(query_text: str, bindings: Bindings, *, substitute: bool = False) -> tuple[str, dict[ox.Variable, Any]]:
    """The query text with a VALUES block for the values not substituted, and the substitutions.

    None values in a single mapping are left unbound.
    """
    if not bindings:
        return query_text, {}
    rows = [bindings] if isinstance(bindings, Mapping) else list(bindings)
    for name in {k for row in rows for k in row}:
        if not isinstance(name, str) or not _VARIABLE.match(name):
            raise ValueError(f"parameter name {name!r} is not a SPARQL variable name")
    substitutions: dict[ox.Variable, Any] = {}
    if len(rows) == 1:
        row = {k: v for k, v in rows[0].items() if v is not None}
        if substitute:
            projected = projected_variables(query_text)
            for name in sorted(row):
                if name in projected:
                    substitutions[ox.Variable(name)] = to_ox(row.pop(name))
        rows = [row] if row else []
    clause = values_clause(rows)
    if clause:
        at = where_brace(query_text) + 1
        query_text = query_text[:at] + "\n" + clause + "\n" + query_text[at:]
    return query_text, substitutions


def values_clause(rows: Sequence[Mapping[str, Any]]) -> str:
    """`VALUES (?a ?b) { (… …) }` for rows of values (None → UNDEF); "" for no rows."""
    names = sorted({k for row in rows for k in row})
    if not names:
        return ""
    cells = ["(" + " ".join("UNDEF" if row.get(n) is None else to_sparql(row[n]) for n in names) + ")"
             for row in rows]
    return "VALUES (" + " ".join("?" + n for n in names) + ") {\n  " + "\n  ".join(cells) + "\n}"


def code_only(query_text: str) -> str:
    """The text with comments, string literals and IRIs blanked out (same length), for finding keywords."""
    text, out, i, n = query_text, [], 0, len(query_text)
    while i < n:
        c = text[i]
        start = i
        if c == "#":
            end = text.find("\n", i)
            i = n if end < 0 else end
        elif c in "\"'":
            quote = c * 3 if text.startswith(c * 3, i) else c
            i += len(quote)
            while i < n and not text.startswith(quote, i):
                i += 2 if text[i] == "\\" else 1
            i = min(n, i + len(quote))
        elif c == "<" and (m := _IRIREF.match(text, i)):
            i = m.end()
        else:
            out.append(c)
            i += 1
            continue
        out.append(" " * (i - start))
    return "".join(out)


def where_brace(query_text: str) -> int:
    """Index of the `{` opening the query's WHERE group (the first `{` outside comments, strings and IRIs)."""
    at = code_only(query_text).find("{")
    if at < 0:
        raise ValueError("query has no WHERE group ({ … }) to bind values in")
    return at


def projected_variables(query_text: str) -> set[str]:
    """Variables a SELECT projects as they are (not those inside expressions, nor `AS` targets); none for `*`."""
    code = code_only(query_text)
    select = _SELECT.search(code)
    brace = code.find("{")
    if not select or (0 <= brace < select.start()):
        return set()
    head = code[select.end(): brace if brace >= 0 else len(code)]
    head = re.split(r"\b(?:WHERE|FROM)\b", head, maxsplit=1, flags=re.I)[0]
    if _STAR.match(head):
        return set()
    while re.search(r"\([^()]*\)", head):
        head = re.sub(r"\([^()]*\)", " ", head)
    return set(re.findall(r"[?$](\w+)", head))
