"""The IRI table: one template per kind, minted deterministically from key parts, covering every IRI a build makes."""
from __future__ import annotations

import re
import string

import pytest
from rdflib import URIRef

from stdkg.build import build_graph
from stdkg.iris import ID, TEMPLATES, IriError, digest, mint, slug, template_parts
from stdkg.loaders.reference import load_reference
from stdkg.loaders.registry import load_registries
from stdkg.pipeline import shipped_records
from stdkg.schema import ID_BASE
from stdkg.vocabulary import REFERENCE_DIR

HEX16 = "[0-9a-f]{16}"


def test_known_keys_give_the_published_iris():
    assert mint("city", code="440300") == URIRef(ID_BASE + "city/440300")
    assert mint("province", code="440000") == URIRef(ID_BASE + "province/440000")
    assert mint("committee", reference="ISO/TC 268") == URIRef(ID_BASE + "committee/iso-tc-268")
    assert mint("standard", reference="GB/T 19001") == URIRef(ID_BASE + "standard/gb-t-19001")
    assert mint("membership", committee="ISO/TC 268", member="SAC") == URIRef(ID_BASE + "membership/iso-tc-268--sac")
    assert mint("department", key="shenzhen-police") == URIRef(ID_BASE + "department/shenzhen-police")
    assert mint("registry-organisation", segment="alliance", key="x") == URIRef(ID_BASE + "alliance/x")
    assert mint("ics", code="03.120.10") == URIRef(ID_BASE + "ics/03.120.10")


def test_text_that_is_not_ascii_is_keyed_by_its_digest():
    iri = str(mint("committee", reference="全国城市可持续发展标准化技术委员会"))
    assert re.fullmatch(re.escape(ID_BASE) + "committee/" + HEX16, iri)
    assert slug("全国城市可持续发展标准化技术委员会") == digest("全国城市可持续发展标准化技术委员会")


def test_names_are_keyed_by_their_comparison_form():
    simplified = mint("written-department", scope="370200", name="市标准化办公室")
    assert mint("written-department", scope="370200", name="市標準化辦公室") == simplified
    assert mint("written-department", scope="370200", name=" 市标准化办公室 ") == simplified
    assert mint("written-department", scope="440300", name="市标准化办公室") != simplified
    assert str(mint("written-department", scope="CN", name="x")).startswith(ID_BASE + "department/cn-")


def test_digest_parts_are_joined_in_order():
    a = mint("ownership", key=("target", "unit"))
    assert a == mint("ownership", key=("target", "unit")) != mint("ownership", key=("unit", "target"))
    assert str(a) == ID_BASE + "ownership/" + digest("target", "unit")


def test_bad_requests_name_the_problem():
    with pytest.raises(IriError, match="no IRI template for kind 'town'"):
        mint("town", code="1")
    with pytest.raises(IriError, match="needs part 'code'"):
        mint("city", key="1")
    with pytest.raises(IriError, match="segment 'town'"):
        mint("registry-organisation", segment="town", key="x")


def test_every_template_names_its_parts():
    for kind in TEMPLATES:
        parts = template_parts(kind)
        assert parts, kind
        assert mint(kind, **{p: "alliance" if p == "segment" else "x" for p in parts}).startswith(ID_BASE)


def _pattern(template: str) -> re.Pattern:
    out = ""
    for text, name, spec, _ in string.Formatter().parse(template):
        out += re.escape(text)
        if name is not None:
            out += {"digest": HEX16, "name": HEX16, "slug": "(?:[a-z0-9-]+)"}.get(spec, "[^/]+")
    return re.compile(out)


def test_every_iri_of_the_corpus_build_comes_from_one_template():
    g = build_graph(shipped_records(), load_registries(), load_reference(REFERENCE_DIR))
    patterns = [_pattern(t) for t in TEMPLATES.values()]
    iris = {str(t) for triple in g for t in triple if isinstance(t, URIRef) and str(t).startswith(ID_BASE)}
    assert len(iris) > 100
    strays = [i for i in iris if not any(p.fullmatch(i[len(ID_BASE):]) for p in patterns)]
    assert not strays, strays[:5]
    assert str(ID) == ID_BASE
