"""The one term converter, the one SPARQL binder and the one batching helper."""
from __future__ import annotations

from decimal import Decimal

import pyoxigraph as ox
import pytest
from rdflib import XSD, BNode, Literal, URIRef

from stdkg.batching import batches
from stdkg.stores.sparql_binding import bind, projected_variables, where_brace
from stdkg.terms import TermError, to_ox, to_python, to_rdflib, to_sparql

HOSTILE = '深圳" } } ; DROP SILENT GRAPH <x> ; SELECT * WHERE { { ?s ?p ?o # \n\\ \'\'\' """'


@pytest.mark.parametrize("rdflib_term, python", [
    (Literal(5, datatype=XSD.integer), 5),
    (Literal("2021", datatype=XSD.gYear), 2021),
    (Literal("50", datatype=XSD.decimal), 50.0),
    (Literal("2.5e0", datatype=XSD.double), 2.5),
    (Literal("true", datatype=XSD.boolean), True),
    (Literal("0", datatype=XSD.boolean), False),
    (Literal("2024-01-31", datatype=XSD.date), "2024-01-31"),
    (Literal("深圳"), "深圳"),
    (Literal("深圳市", lang="zh"), "深圳市"),
    (Literal("twelve", datatype=XSD.integer), "twelve"),
    (URIRef("https://w3id.org/stdkg/id/city/440300"), "https://w3id.org/stdkg/id/city/440300"),
])
def test_both_libraries_give_the_same_python_value(rdflib_term, python):
    ox_term = to_ox(rdflib_term)
    assert to_python(rdflib_term) == python and to_python(ox_term) == python
    assert type(to_python(ox_term)) is type(python)
    assert to_rdflib(ox_term) == rdflib_term


def test_blank_nodes_and_none():
    assert to_python(None) is None
    assert to_python(BNode("b1")) == to_python(ox.BlankNode("b1")) == "_:b1"


@pytest.mark.parametrize("value, datatype", [
    (True, XSD.boolean), (7, XSD.integer), (2.5, XSD.double), (Decimal("1.5"), XSD.decimal), ("x", XSD.string),
])
def test_python_scalars_become_typed_literals(value, datatype):
    term = to_ox(value)
    assert term.datatype.value == str(datatype)
    assert to_python(term) == value
    assert to_rdflib(value).datatype in (datatype, None)


def test_unsupported_values_and_bad_iris_are_refused():
    with pytest.raises(TermError, match="cannot use"):
        to_ox(object())
    with pytest.raises(TermError, match="valid URI"):
        to_ox(URIRef("http://x/a> } ; DROP ALL #"))
    with pytest.raises(TermError, match="skolemize"):
        to_sparql(BNode())


def test_sparql_text_escapes_and_keeps_decimals_decimal():
    text = to_sparql(Literal(HOSTILE, lang="zh"))
    assert text.endswith("@zh") and "\n" not in text
    assert ox.Literal(HOSTILE, language="zh") == _parse_object(text)
    assert to_sparql(Literal("50", datatype=XSD.decimal)) == '"50.0"^^<http://www.w3.org/2001/XMLSchema#decimal>'
    assert to_sparql(Literal("2.5", datatype=XSD.decimal)) == '"2.5"^^<http://www.w3.org/2001/XMLSchema#decimal>'


def _parse_object(text: str):
    store = ox.Store()
    store.load(f"<http://x/s> <http://x/p> {text} .".encode("utf-8"), format=ox.RdfFormat.N_TRIPLES)
    return next(iter(store)).object


QUERY = """# a comment with { a brace and SELECT ?fake WHERE {
PREFIX ex: <http://x/#not-a-comment>
SELECT ?city (COUNT(?r) AS ?n) WHERE { ?r ex:city ?city ; ex:role ?role ; ex:name "a { b" } GROUP BY ?city"""


def test_the_where_brace_and_projection_ignore_comments_strings_and_iris():
    assert QUERY[where_brace(QUERY):].startswith("{ ?r ex:city")
    assert projected_variables(QUERY) == {"city"}
    assert projected_variables("SELECT * WHERE { ?s ?p ?o }") == set()
    assert projected_variables("SELECT DISTINCT ?a ?b { ?a ?p ?b }") == {"a", "b"}


def test_projected_variables_are_substituted_and_the_rest_go_into_values():
    text, subs = bind(QUERY, {"city": "深圳", "role": "lead", "unused": None}, substitute=True)
    assert subs == {ox.Variable("city"): ox.Literal("深圳")}
    assert 'VALUES (?role) {\n  ("lead")\n}' in text
    assert text.index("VALUES") > text.index("WHERE {")
    text, subs = bind(QUERY, {"city": "深圳", "role": "lead"}, substitute=False)
    assert not subs and 'VALUES (?city ?role) {\n  ("深圳" "lead")\n}' in text


def test_several_rows_bind_as_values_with_undef():
    text, subs = bind("SELECT ?a WHERE { ?a ?p ?b }", [{"a": URIRef("http://x/1")}, {"b": 2}], substitute=True)
    assert not subs
    assert "VALUES (?a ?b) {\n  (<http://x/1> UNDEF)\n  (UNDEF " in text


def test_hostile_values_stay_one_value_on_a_real_store():
    store = ox.Store()
    store.add(ox.Quad(ox.NamedNode("http://x/s"), ox.NamedNode("http://x/name"), ox.Literal(HOSTILE)))
    store.add(ox.Quad(ox.NamedNode("http://x/t"), ox.NamedNode("http://x/name"), ox.Literal("other")))
    query = "SELECT ?s WHERE { ?s <http://x/name> ?name }"
    for substitute in (True, False):
        text, subs = bind(query, {"name": HOSTILE}, substitute=substitute)
        assert [sol["s"].value for sol in store.query(text, substitutions=subs or None)] == ["http://x/s"]
    assert len(store) == 2


def test_bad_variable_names_and_queries_without_a_group_are_refused():
    with pytest.raises(ValueError, match="variable"):
        bind("SELECT * WHERE { ?s ?p ?o }", {"s o": 1})
    with pytest.raises(ValueError, match="WHERE group"):
        bind("ASK", {"s": 1})


def test_batches_cover_every_item_once_in_order():
    assert list(batches(range(7), 3)) == [[0, 1, 2], [3, 4, 5], [6]]
    assert list(batches([], 3)) == []
    assert list(batches(iter("ab"), 5)) == [["a", "b"]]
    for bad in (0, -1, 1.5, True):
        with pytest.raises(ValueError, match="at least 1"):
            list(batches([1], bad))
