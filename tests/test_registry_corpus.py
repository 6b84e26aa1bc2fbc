"""Registry coverage of what the document loader reads out of the corpus.

Every unit a responsibility clause names, every plan issuer and every named body
(other than cited documents) resolves in the registries, in the document's city.
"""
from __future__ import annotations

import os
import re
from pathlib import Path

import pytest

from stdkg.loaders.registry import city_short_name, load_registries, mention_type

SHARED = Path(os.environ.get("STDKG_SHARED", Path(__file__).resolve().parents[2] / "shared"))
CORPUS = sorted((SHARED / "corpus").glob("*.txt"))

pytestmark = pytest.mark.skipif(not CORPUS, reason=f"no corpus under {SHARED}")


@pytest.fixture(scope="module")
def reg():
    return load_registries()


@pytest.fixture(scope="module")
def documents():
    from stdkg.loaders.policy import load_policy_document

    return [load_policy_document(path) for path in CORPUS]


def test_every_responsible_unit_resolves_in_its_city(reg, documents):
    unresolved = [(r.doc, x.department) for r in documents for x in r.responsibilities
                  if reg.resolve_unit(x.department, r.city) is None]
    assert unresolved == []


def test_responsible_units_belong_to_the_city_or_the_state(reg, documents):
    for r in documents:
        for x in r.responsibilities:
            unit = reg.resolve_unit(x.department, r.city)
            assert unit.city in (city_short_name(reg.city(r.city)), None), (r.doc, x.department, unit.key)


def test_every_issuer_resolves(reg, documents):
    for r in documents:
        if r.plan is None or not r.plan.issuer:
            continue
        for issuer in filter(None, (p.strip() for p in re.split(r"[、,，;；]", r.plan.issuer))):
            assert reg.resolve_department(issuer, r.city) is not None, (r.doc, issuer)


def test_every_named_body_resolves_with_a_compatible_type(reg, documents):
    for r in documents:
        for o in r.organisations:
            if o.type == "standard":
                continue
            org = reg.resolve_organisation(o.name, r.city)
            assert org is not None, (r.doc, o.name)
            assert mention_type(org) == o.type, (r.doc, o.name, org.type, o.type)
