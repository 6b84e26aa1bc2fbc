"""RDF terms ↔ Python values, for pyoxigraph and rdflib terms alike: the one converter every store uses.

- `to_python(term)`: a result cell as a plain value — IRIs as text, blank nodes as
  `_:id`, integer types (and `xsd:gYear`) as int, decimal/double/float as float,
  booleans as bool, every other literal (dates included) as its lexical text.
- `to_ox(value)` / `to_rdflib(value)`: a Python value or a term of either library
  as a pyoxigraph or an rdflib term.
- `to_sparql(value)`: the term as SPARQL/N-Triples text for a VALUES row or an
  `INSERT DATA` body, escaped by pyoxigraph, so a value can never change the
  text's structure.
"""
from __future__ import annotations

from decimal import Decimal
from typing import Any, Optional

import pyoxigraph as ox
from rdflib import BNode, Literal, URIRef
from rdflib.term import Identifier

XSD = "http://www.w3.org/2001/XMLSchema#"
XSD_STRING = XSD + "string"
XSD_DECIMAL = XSD + "decimal"
_INT_TYPES = frozenset(XSD + t for t in (
    "integer", "int", "long", "short", "byte", "nonNegativeInteger", "positiveInteger", "nonPositiveInteger",
    "negativeInteger", "unsignedInt", "unsignedLong", "unsignedShort", "unsignedByte", "gYear"))
_FLOAT_TYPES = frozenset(XSD + t for t in ("decimal", "double", "float"))
_OX_TERMS = (ox.NamedNode, ox.BlankNode, ox.Literal)


class TermError(ValueError):
    """A value that cannot be an RDF term here (an unsupported type, an invalid IRI, a blank node for an endpoint)."""


def literal_value(lexical: str, datatype: Optional[str]) -> Any:
    """The Python value of a literal given its lexical form and datatype IRI (None: a plain string)."""
    try:
        if datatype in _INT_TYPES:
            return int(lexical)
        if datatype in _FLOAT_TYPES:
            return float(lexical)
    except ValueError:
        return lexical
    if datatype == XSD + "boolean":
        return lexical.strip() in ("true", "1")
    return lexical


def to_python(term: Any) -> Any:
    """A pyoxigraph or rdflib term (or None) as a plain Python value; other values pass through."""
    if term is None:
        return None
    if isinstance(term, ox.Literal):
        return literal_value(term.value, term.datatype.value if term.datatype else None)
    if isinstance(term, ox.NamedNode):
        return term.value
    if isinstance(term, ox.BlankNode):
        return f"_:{term.value}"
    if isinstance(term, Literal):
        return literal_value(str(term), str(term.datatype) if term.datatype else None)
    if isinstance(term, URIRef):
        return str(term)
    if isinstance(term, BNode):
        return f"_:{term}"
    return term


def to_ox(value: Any) -> Any:
    """A pyoxigraph term for a pyoxigraph term, an rdflib term or a str/int/float/bool/Decimal."""
    if isinstance(value, _OX_TERMS):
        return value
    try:
        if isinstance(value, URIRef):
            return ox.NamedNode(str(value))
        if isinstance(value, BNode):
            return ox.BlankNode(str(value))
        if isinstance(value, Literal):
            if value.language:
                return ox.Literal(str(value), language=value.language)
            if value.datatype:
                return ox.Literal(str(value), datatype=ox.NamedNode(str(value.datatype)))
            return ox.Literal(str(value))
    except ValueError as e:
        raise TermError(f"{value!r} is not a valid URI or term: {e}") from None
    if isinstance(value, bool):
        return ox.Literal("true" if value else "false", datatype=ox.NamedNode(XSD + "boolean"))
    if isinstance(value, int):
        return ox.Literal(str(value), datatype=ox.NamedNode(XSD + "integer"))
    if isinstance(value, float):
        return ox.Literal(repr(value), datatype=ox.NamedNode(XSD + "double"))
    if isinstance(value, Decimal):
        return ox.Literal(str(value), datatype=ox.NamedNode(XSD_DECIMAL))
    if isinstance(value, str):
        return ox.Literal(value)
    raise TermError(f"cannot use {value!r} ({type(value).__name__}) as an RDF term: "
                    "give an RDF term or a str/int/float/bool")


def iri(value: str) -> ox.NamedNode:
    """A pyoxigraph IRI, or TermError naming the value."""
    try:
        return ox.NamedNode(value)
    except ValueError as e:
        raise TermError(f"{value!r} is not a valid URI: {e}") from None


def to_rdflib(value: Any) -> Any:
    """An rdflib term for a pyoxigraph term, an rdflib term or a Python scalar."""
    if isinstance(value, Identifier):
        return value
    if isinstance(value, ox.NamedNode):
        return URIRef(value.value)
    if isinstance(value, ox.BlankNode):
        return BNode(value.value)
    if isinstance(value, ox.Literal):
        if value.language:
            return Literal(value.value, lang=value.language)
        dt = value.datatype.value
        return Literal(value.value) if dt == XSD_STRING else Literal(value.value, datatype=URIRef(dt))
    if isinstance(value, (str, bool, int, float, Decimal)):
        return Literal(value)
    raise TermError(f"cannot use {value!r} ({type(value).__name__}) as an RDF term")


def to_sparql(value: Any) -> str:
    """The term as SPARQL text (N-Triples syntax, written by pyoxigraph), for a VALUES row or an
    INSERT DATA body.

    Blank nodes are refused (an endpoint would mint new ones per request: skolemize first).
    An integral xsd:decimal keeps a decimal point ("50" → "50.0", its canonical form):
    Virtuoso turns a decimal without one into xsd:integer.
    """
    term = to_ox(value)
    if type(term) is ox.Literal:
        if term.datatype.value == XSD_DECIMAL and _integral(term.value):
            term = ox.Literal(term.value.strip() + ".0", datatype=term.datatype)
    elif type(term) is ox.BlankNode:
        raise TermError(f"blank node {value!r} cannot be sent as text: skolemize the graph first")
    return str(term)


def _integral(lexical: str) -> bool:
    digits = lexical.strip().lstrip("+-")
    return digits.isascii() and digits.isdigit()
