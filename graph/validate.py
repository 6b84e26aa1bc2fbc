"""SHACL validation of a built graph against the shapes in schema.ttl.

pyshacl runs with no inference over the data graph alone (the shapes name
every class a node must carry, and the build writes those types explicitly)
and in place: with no inference and no rules nothing is written to the data
graph, so the copy pyshacl would otherwise make of ~500k triples is skipped.
No shape is weakened for speed.
"""
from __future__ import annotations

import time
from collections import Counter
from dataclasses import dataclass, field
from typing import Optional

import pyshacl
from rdflib import RDF, Graph, URIRef
from rdflib.namespace import SH, SKOS

from stdkg.schema import SCHEMA_PATH, local_name

SEVERITY_ORDER = {"Violation": 0, "Warning": 1, "Info": 2}


@dataclass(frozen=True)
class Violation:
    """One SHACL result: the node at fault, the property, the message and the offending value."""

    severity: str
    focus: str
    focus_name: str
    path: Optional[str]
    message: str
    value: Optional[str]
    shape: str


@dataclass
class ValidationReport:
    conforms: bool
    results: list[Violation] = field(default_factory=list)
    seconds: float = 0.0
    triples: int = 0

    @property
    def violations(self) -> list[Violation]:
        return [r for r in self.results if r.severity == "Violation"]

    @property
    def text(self) -> str:
        """A readable report: a verdict line, counts by shape and message, then each result."""
        if self.conforms:
            return f"SHACL: conforms ({self.triples} triples checked in {self.seconds:.1f} s, 0 violations)"
        lines = [f"SHACL: {len(self.violations)} violation(s), {len(self.results) - len(self.violations)} other "
                 f"result(s) in {self.triples} triples ({self.seconds:.1f} s)", ""]
        for (shape, message), n in sorted(Counter((r.shape, r.message) for r in self.results).items()):
            lines.append(f"  {n:5d} × {shape}: {message}")
        lines.append("")
        for r in sorted(self.results, key=lambda r: (SEVERITY_ORDER.get(r.severity, 3), r.shape, r.focus)):
            where = f" {r.path}" if r.path else ""
            value = f" (value: {r.value})" if r.value is not None else ""
            lines.append(f"{r.severity}: {r.focus_name} <{r.focus}>{where}: {r.message}{value}")
        return "\n".join(lines)


def load_shapes() -> Graph:
    return Graph().parse(SCHEMA_PATH, format="turtle")


def _short(g: Graph, term) -> str:
    if term is None:
        return ""
    if isinstance(term, URIRef):
        try:
            prefix, _, name = g.compute_qname(term, generate=False)
            return f"{prefix}:{name}"
        except (ValueError, KeyError):
            return local_name(term) or str(term)
    return str(term)


def _name(data: Graph, node) -> str:
    labels = sorted(data.objects(node, SKOS.prefLabel), key=lambda l: (l.language != "zh", str(l)))
    if labels:
        return str(labels[0])
    kinds = sorted(local_name(t) for t in data.objects(node, RDF.type))
    return kinds[0] if kinds else "node"


def validate(rdf_graph: Graph, shapes: Optional[Graph] = None) -> ValidationReport:
    """Run the SHACL shapes over `rdf_graph` (no inference); `conforms` is False on any violation."""
    shapes = shapes if shapes is not None else load_shapes()
    started = time.perf_counter()
    conforms, results_graph, _ = pyshacl.validate(rdf_graph, shacl_graph=shapes, inference="none",
                                                  advanced=True, allow_warnings=True, inplace=True)
    seconds = time.perf_counter() - started
    results = []
    for result in results_graph.subjects(RDF.type, SH.ValidationResult):
        focus = results_graph.value(result, SH.focusNode)
        path = results_graph.value(result, SH.resultPath)
        severity = results_graph.value(result, SH.resultSeverity)
        source = results_graph.value(result, SH.sourceShape)
        value = results_graph.value(result, SH.value)
        messages = sorted(str(m) for m in results_graph.objects(result, SH.resultMessage))
        shape_name = _short(shapes, source) if isinstance(source, URIRef) else _shape_of(shapes, source)
        results.append(Violation(
            severity=local_name(severity) if severity else "Violation",
            focus=str(focus),
            focus_name=_name(rdf_graph, focus),
            path=_short(shapes, path) if path is not None else None,
            message=messages[0] if messages else "constraint not met",
            value=str(value) if value is not None else None,
            shape=shape_name,
        ))
    has_violation = any(r.severity == "Violation" for r in results)
    return ValidationReport(conforms=bool(conforms) and not has_violation, results=results, seconds=seconds,
                            triples=len(rdf_graph))


def _shape_of(shapes: Graph, node) -> str:
    """The named node shape a property shape (a blank node) belongs to."""
    for owner in shapes.subjects(SH.property, node):
        return _short(shapes, owner)
    for owner in shapes.subjects(SH.sparql, node):
        return _short(shapes, owner)
    return "shape"
