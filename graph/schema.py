"""The ontology read from `schema.ttl`, and everything derived from it.

`load_schema()` parses the Turtle into a `Schema`: classes with their
property-graph labels, object properties with their relationship types, the
qualified-relation classes that become edges, and the attribute names of
literal properties. From it come the generated `graph/vocab.py`
(`python -m stdkg.schema` rewrites it), the Neo4j constraint and index
statements and the Mermaid diagram of the README.
"""
from __future__ import annotations

import re
import sys
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path
from typing import Optional

from rdflib import OWL, RDF, RDFS, SH, Graph, Namespace, URIRef

SCHEMA_PATH = Path(__file__).with_name("schema.ttl")
VOCAB_PATH = Path(__file__).with_name("vocab.py")
STDKG = Namespace("https://w3id.org/stdkg/ontology#")
ID_BASE = "https://w3id.org/stdkg/id/"

_IDENTIFIER = re.compile(r"^[A-Za-z][A-Za-z0-9_]*$")
_REL_TYPE = re.compile(r"^[A-Z][A-Z0-9_]*$")


class SchemaError(ValueError):
    """schema.ttl is inconsistent (a bad label or type, a dangling reference)."""


@dataclass(frozen=True)
class QualifiedRelation:
    """A class whose instances become one edge source -> target in the property graph.

    `source_class` and `target_class` are the `sh:class` its SHACL shape requires of each end.
    """

    pg_type: str
    source: URIRef
    target: URIRef
    source_class: Optional[URIRef] = None
    target_class: Optional[URIRef] = None


@dataclass(frozen=True)
class ClassDef:
    iri: URIRef
    pg_label: str
    comment: str
    qualified: Optional[QualifiedRelation] = None

    @property
    def local(self) -> str:
        return local_name(self.iri)


@dataclass(frozen=True)
class RelationDef:
    """An object property that projects to a relationship (`pg_type`), or only links (pg_type None)."""

    iri: URIRef
    pg_type: Optional[str]
    domain: Optional[URIRef]
    range: Optional[URIRef]
    comment: str
    domains: tuple[URIRef, ...] = ()
    ranges: tuple[URIRef, ...] = ()

    @property
    def local(self) -> str:
        return local_name(self.iri)


@dataclass(frozen=True)
class Schema:
    graph: Graph
    classes: dict[URIRef, ClassDef]
    relations: dict[URIRef, RelationDef]
    literal_keys: dict[URIRef, str]
    terms: tuple[str, ...]

    def node_classes(self) -> list[ClassDef]:
        """Classes that become nodes of the property graph (not Evidence, not qualified relations)."""
        return [c for c in self.classes.values() if c.qualified is None and c.iri != STDKG.Evidence]

    def qualified_classes(self) -> list[ClassDef]:
        return [c for c in self.classes.values() if c.qualified is not None]

    def edge_relations(self) -> list[RelationDef]:
        return [r for r in self.relations.values() if r.pg_type]

    def label_of(self, cls: URIRef) -> str:
        return self.classes[cls].pg_label

    def relationship_types(self) -> list[str]:
        types = {r.pg_type for r in self.edge_relations()} | {c.qualified.pg_type for c in self.qualified_classes()}
        return sorted(t for t in types if t)


def local_name(iri: URIRef | str) -> str:
    s = str(iri)
    return re.split(r"[#/]", s)[-1]


def _one(g: Graph, s, p) -> Optional[object]:
    values = sorted(g.objects(s, p), key=str)
    return values[0] if values else None


def _classes(g: Graph, term) -> tuple[URIRef, ...]:
    """A domain or range as classes: one class, or the members of an owl:unionOf."""
    if term is None:
        return ()
    union = g.value(term, OWL.unionOf)
    if union is not None:
        from rdflib.collection import Collection

        return tuple(URIRef(c) for c in Collection(g, union))
    return (URIRef(term),)


def _shape_class(g: Graph, cls, path) -> Optional[URIRef]:
    """The sh:class a node shape targeting `cls` requires of the values of `path`."""
    for shape in g.subjects(SH.targetClass, cls):
        for prop in g.objects(shape, SH.property):
            if g.value(prop, SH.path) == path and g.value(prop, SH["class"]) is not None:
                return g.value(prop, SH["class"])
    return None


@lru_cache(maxsize=1)
def load_schema(path: Path = SCHEMA_PATH) -> Schema:
    """Parse schema.ttl; raises SchemaError if a label or relationship type is not a plain identifier."""
    g = Graph()
    g.parse(path, format="turtle")
    classes: dict[URIRef, ClassDef] = {}
    for c in sorted(g.subjects(RDF.type, OWL.Class), key=str):
        if not isinstance(c, URIRef) or not str(c).startswith(str(STDKG)):
            continue
        label = str(_one(g, c, STDKG.pgLabel) or local_name(c))
        if not _IDENTIFIER.match(label):
            raise SchemaError(f"schema.ttl: pgLabel {label!r} of {c} is not a plain identifier")
        qualified = None
        pg_type = _one(g, c, STDKG.pgType)
        if pg_type is not None:
            source, target = _one(g, c, STDKG.pgSource), _one(g, c, STDKG.pgTarget)
            if source is None or target is None:
                raise SchemaError(f"schema.ttl: qualified relation {c} needs pgSource and pgTarget")
            if not _REL_TYPE.match(str(pg_type)):
                raise SchemaError(f"schema.ttl: pgType {pg_type!r} of {c} is not UPPER_SNAKE")
            qualified = QualifiedRelation(str(pg_type), URIRef(source), URIRef(target),
                                          _shape_class(g, c, source), _shape_class(g, c, target))
        classes[c] = ClassDef(c, label, str(_one(g, c, RDFS.comment) or ""), qualified)
    relations: dict[URIRef, RelationDef] = {}
    for p in sorted(g.subjects(RDF.type, OWL.ObjectProperty), key=str):
        pg_type = _one(g, p, STDKG.pgType)
        if pg_type is not None and not _REL_TYPE.match(str(pg_type)):
            raise SchemaError(f"schema.ttl: pgType {pg_type!r} of {p} is not UPPER_SNAKE")
        domains, ranges = _classes(g, g.value(p, RDFS.domain)), _classes(g, g.value(p, RDFS.range))
        relations[p] = RelationDef(p, str(pg_type) if pg_type else None, domains[0] if len(domains) == 1 else None,
                                   ranges[0] if len(ranges) == 1 else None, str(_one(g, p, RDFS.comment) or ""),
                                   domains, ranges)
    literal_keys: dict[URIRef, str] = {}
    for p in sorted(g.subjects(RDF.type, OWL.DatatypeProperty), key=str):
        key = str(_one(g, p, STDKG.pgKey) or local_name(p))
        if not _IDENTIFIER.match(key):
            raise SchemaError(f"schema.ttl: pgKey {key!r} of {p} is not a plain identifier")
        literal_keys[p] = key
    for c in classes.values():
        if c.qualified:
            for prop in (c.qualified.source, c.qualified.target):
                if str(prop).startswith(str(STDKG)) and prop not in relations:
                    raise SchemaError(f"schema.ttl: {c.iri} points at undeclared property {prop}")
    terms = sorted({local_name(s) for s in g.subjects() if isinstance(s, URIRef) and str(s).startswith(str(STDKG))
                    and (g.value(s, RDF.type) in (OWL.Class, OWL.ObjectProperty, OWL.DatatypeProperty,
                                                   OWL.AnnotationProperty))})
    return Schema(g, classes, relations, literal_keys, tuple(terms))


def vocab_source(schema: Optional[Schema] = None) -> str:
    """The text of graph/vocab.py for the current schema.ttl."""
    schema = schema or load_schema()
    lines = [
        '"""Typed terms of the stdkg ontology. Generated from schema.ttl by `python -m stdkg.schema`; do not edit."""',
        "from rdflib.namespace import DefinedNamespace, Namespace",
        "from rdflib.term import URIRef",
        "",
        "",
        "class STDKG(DefinedNamespace):",
        '    """The stdkg ontology: classes, properties and property-graph annotations."""',
        "",
        "    _fail = True",
        '    _NS = Namespace("https://w3id.org/stdkg/ontology#")',
        "",
    ]
    for term in schema.terms:
        lines.append(f"    {term}: URIRef")
    lines += ["", "", f'ID_BASE = "{ID_BASE}"', ""]
    return "\n".join(lines)


def write_vocab(path: Path = VOCAB_PATH) -> Path:
    path.write_text(vocab_source(), encoding="utf-8")
    return path


def _checked_label(label: str) -> str:
    if not _IDENTIFIER.match(label):
        raise SchemaError(f"label {label!r} is not a plain identifier")
    return label


def _snake(label: str) -> str:
    return re.sub(r"(?<!^)(?=[A-Z])", "_", label).lower()


def neo4j_constraints(schema: Optional[Schema] = None) -> list[str]:
    """One uniqueness constraint on `iri` per node label (labels come from schema.ttl, checked as identifiers)."""
    schema = schema or load_schema()
    out = []
    for c in sorted(schema.node_classes(), key=lambda c: c.pg_label):
        label = _checked_label(c.pg_label)
        out.append(f"CREATE CONSTRAINT {_snake(label)}_iri IF NOT EXISTS FOR (n:{label}) REQUIRE n.iri IS UNIQUE")
    return out


def neo4j_indexes(schema: Optional[Schema] = None) -> list[str]:
    """A lookup index on `name` per node label."""
    schema = schema or load_schema()
    out = []
    for c in sorted(schema.node_classes(), key=lambda c: c.pg_label):
        label = _checked_label(c.pg_label)
        out.append(f"CREATE INDEX {_snake(label)}_name IF NOT EXISTS FOR (n:{label}) ON (n.name)")
    return out


def mermaid_diagram(schema: Optional[Schema] = None) -> str:
    """A Mermaid flowchart of node labels and relationship types (the README schema diagram)."""
    schema = schema or load_schema()
    nodes = {c.iri: c.pg_label for c in schema.node_classes()}

    def name(cls: Optional[URIRef]) -> str:
        if cls is None:
            return "Any"
        if cls in nodes:
            return nodes[cls]
        return local_name(cls) if cls in schema.classes else "Organization"

    lines = ["flowchart LR"]
    edges: set[tuple[str, str, str]] = set()
    for r in schema.edge_relations():
        for d in r.domains or (None,):
            for rng in r.ranges or (None,):
                edges.add((name(d), r.pg_type or "", name(rng)))
    for c in schema.qualified_classes():
        q = c.qualified
        edges.add((name(q.source_class), q.pg_type, name(q.target_class)))
    for src, typ, dst in sorted(edges):
        lines.append(f"    {src} -->|{typ}| {dst}")
    return "\n".join(lines) + "\n"


DOCS_PATH = Path(__file__).resolve().parent.parent / "docs" / "schema.md"


def _cell(text: str) -> str:
    return " ".join(text.split()).replace("|", "\\|")


def schema_markdown(schema: Optional[Schema] = None) -> str:
    """The schema section of the docs: diagram, node labels, relationship types, properties, shapes."""
    schema = schema or load_schema()
    g = schema.graph

    def name(cls: Optional[URIRef]) -> str:
        if cls is None:
            return "any"
        return schema.classes[cls].pg_label if cls in schema.classes else local_name(cls)

    out = ["# The stdkg schema", "",
           "Generated from `graph/schema.ttl` by `python -m stdkg.schema --docs`; do not edit.", "",
           "```mermaid", mermaid_diagram(schema).rstrip("\n"), "```", "",
           "## Node labels", "", "| label | RDF class | meaning |", "|---|---|---|"]
    for c in sorted(schema.node_classes(), key=lambda c: c.pg_label):
        out.append(f"| {c.pg_label} | `stdkg:{c.local}` | {_cell(c.comment)} |")
    out += ["", "## Relationship types", "", "| type | from | to | RDF | meaning |", "|---|---|---|---|---|"]
    for r in sorted(schema.edge_relations(), key=lambda r: r.pg_type or ""):
        either = lambda classes: " or ".join(name(c) for c in classes) or "any"
        out.append(f"| {r.pg_type} | {either(r.domains)} | {either(r.ranges)} | `stdkg:{r.local}` | {_cell(r.comment)} |")
    for c in sorted(schema.qualified_classes(), key=lambda c: c.pg_label):
        q = c.qualified
        out.append(f"| {q.pg_type} | {name(q.source_class)} | {name(q.target_class)} | a `stdkg:{c.local}` node "
                   f"(`{local_name(q.source)}` → `{local_name(q.target)}`) | {_cell(c.comment)} |")
    out += ["", "## Literal properties", "", "| key | RDF | domain | datatype |", "|---|---|---|---|"]
    for p, key in sorted(schema.literal_keys.items(), key=lambda kv: kv[1]):
        rng = g.value(p, RDFS.range)
        out.append(f"| {key} | `stdkg:{local_name(p)}` | {name(g.value(p, RDFS.domain))} | "
                   f"{local_name(rng) if rng is not None else ''} |")
    out += ["", "## Shapes (SHACL)", "", "| shape | applies to | checks |", "|---|---|---|"]
    for shape in sorted(set(g.subjects(RDF.type, SH.NodeShape)), key=str):
        targets = ", ".join(sorted(name(t) for t in g.objects(shape, SH.targetClass))) or "SPARQL-selected nodes"
        checks = []
        for prop in g.objects(shape, SH.property):
            path = g.value(prop, SH.path)
            bits = [f"{local_name(k)} {_term(g.value(prop, k))}" for k in (SH.minCount, SH.maxCount, SH.datatype,
                                                                          SH["class"], SH.lessThanOrEquals)
                    if g.value(prop, k) is not None]
            if g.value(prop, SH["in"]) is not None:
                bits.append("in (" + " ".join(str(x) for x in _list(g, g.value(prop, SH["in"]))) + ")")
            if g.value(prop, SH["or"]) is not None:
                classes = [g.value(x, SH["class"]) for x in _list(g, g.value(prop, SH["or"]))]
                bits.append("class " + " or ".join(_term(c) for c in classes if c is not None))
            if g.value(prop, SH.qualifiedValueShape) is not None:
                langs = g.value(g.value(prop, SH.qualifiedValueShape), SH.languageIn)
                bits.append(f"exactly one @{'/'.join(str(x) for x in _list(g, langs))}")
            checks.append(f"`{_qname(g, path)}`: " + ", ".join(bits))
        for constraint in g.objects(shape, SH.sparql):
            checks.append("SPARQL: " + _cell(str(g.value(constraint, SH.message))))
        out.append(f"| `{local_name(shape)}` | {targets} | {'; '.join(sorted(checks))} |")
    return "\n".join(out) + "\n"


def _list(g: Graph, head) -> list:
    from rdflib.collection import Collection

    return list(Collection(g, head)) if head is not None else []


def _qname(g: Graph, term) -> str:
    try:
        prefix, _, name = g.compute_qname(term, generate=False)
        return f"{prefix}:{name}"
    except (ValueError, KeyError):
        return str(term)


def _term(term) -> str:
    return local_name(term) if isinstance(term, URIRef) else str(term)


def main(argv: list[str]) -> int:
    if len(argv) > 1 and argv[1] == "--mermaid":
        sys.stdout.write(mermaid_diagram())
        return 0
    if len(argv) > 1 and argv[1] == "--docs":
        DOCS_PATH.parent.mkdir(parents=True, exist_ok=True)
        DOCS_PATH.write_text(schema_markdown(), encoding="utf-8")
        print(DOCS_PATH)
        return 0
    if len(argv) > 1 and argv[1] == "--neo4j":
        sys.stdout.write("\n".join(neo4j_constraints() + neo4j_indexes()) + "\n")
        return 0
    print(write_vocab())
    return 0


if __name__ == "__main__":
    raise SystemExit(main(sys.argv))
