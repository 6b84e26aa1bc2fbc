"""schema.ttl is the one source: the vocabulary, labels, relationship types and Neo4j statements derive from it."""
from __future__ import annotations

import re
from pathlib import Path

import pytest
from rdflib import OWL, RDF, Graph
from rdflib.namespace import ORG, SH

from stdkg.schema import (SCHEMA_PATH, STDKG, VOCAB_PATH, SchemaError, load_schema, mermaid_diagram,
                          neo4j_constraints, neo4j_indexes, vocab_source)
from stdkg import vocab

CONTRACT_CLASSES = {"City", "Province", "Department", "TechnicalCommittee", "Alliance", "Enterprise", "StandardsBody",
                    "Standard", "Platform", "Plan", "Section", "Measure", "Target", "Indicator", "Evidence",
                    "Responsibility", "Ownership", "CommitteeMembership", "Achievement", "AllianceMembership",
                    "Reorganisation"}


def test_vocab_py_is_generated_from_the_current_schema():
    assert VOCAB_PATH.read_text(encoding="utf-8") == vocab_source(), "run `python -m stdkg.schema` to regenerate"


def test_vocab_fails_loudly_on_a_typo():
    assert str(vocab.STDKG.Target) == str(STDKG.Target)
    with pytest.raises(AttributeError):
        vocab.STDKG.Tragetx


def test_contract_classes_are_declared_with_their_labels():
    schema = load_schema()
    labels = {c.pg_label for c in schema.classes.values()}
    assert CONTRACT_CLASSES <= labels


def test_qualified_relations_name_their_ends_and_shapes_type_them():
    schema = load_schema()
    qualified = {c.pg_label: c.qualified for c in schema.qualified_classes()}
    assert set(qualified) == {"Responsibility", "Ownership", "CommitteeMembership", "AllianceMembership",
                              "Reorganisation"}
    for label, q in qualified.items():
        assert q.source_class is not None and q.target_class is not None, label
        assert q.target_class in schema.classes or q.target_class == ORG.Organization, label
    assert qualified["Reorganisation"].pg_type == "SUCCEEDED_BY"
    assert qualified["AllianceMembership"].pg_type == "HAS_MEMBER"


def test_every_object_property_with_a_type_has_an_upper_snake_type():
    schema = load_schema()
    types = schema.relationship_types()
    assert types and all(re.fullmatch(r"[A-Z][A-Z0-9_]*", t) for t in types)
    declared = {str(o) for o in schema.graph.objects(None, STDKG.pgType)}
    assert set(types) == declared


def test_neo4j_constraints_one_per_node_label_and_none_for_edges():
    schema = load_schema()
    statements = neo4j_constraints()
    labels = sorted(c.pg_label for c in schema.node_classes())
    assert len(statements) == len(labels)
    for label, stmt in zip(labels, statements):
        assert stmt.endswith(f"FOR (n:{label}) REQUIRE n.iri IS UNIQUE")
    assert not any(":Evidence)" in s or ":Ownership)" in s for s in statements)
    assert len(neo4j_indexes()) == len(labels)


def test_a_label_that_is_not_an_identifier_is_refused(tmp_path: Path):
    bad = SCHEMA_PATH.read_text(encoding="utf-8").replace(
        'stdkg:pgLabel "Alliance"', 'stdkg:pgLabel "Alliance) DETACH DELETE n //"')
    path = tmp_path / "schema.ttl"
    path.write_text(bad, encoding="utf-8")
    with pytest.raises(SchemaError, match="not a plain identifier"):
        load_schema.__wrapped__(path)


def test_mermaid_diagram_draws_every_relationship_type():
    diagram = mermaid_diagram()
    assert diagram.startswith("flowchart")
    for t in load_schema().relationship_types():
        assert f"|{t}|" in diagram
    assert "Department -->|RESPONSIBLE_FOR| Measure" in diagram or "Organization -->|RESPONSIBLE_FOR| Measure" in diagram
    assert "StandardsBody -->|MEMBER_OF| TechnicalCommittee" in diagram


def test_every_shape_targets_a_declared_class():
    g = Graph().parse(SCHEMA_PATH, format="turtle")
    classes = set(g.subjects(RDF.type, OWL.Class))
    targets = set(g.objects(None, SH.targetClass))
    assert targets and targets <= classes


def test_schema_docs_are_generated_from_the_current_schema():
    from stdkg.schema import DOCS_PATH, schema_markdown

    text = schema_markdown()
    assert DOCS_PATH.read_text(encoding="utf-8") == text, "run `python -m stdkg.schema --docs` to regenerate"
    for c in load_schema().node_classes():
        assert f"| {c.pg_label} |" in text
    assert "outside its plan's period" in text
