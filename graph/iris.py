"""Every IRI the graph mints, from one table of templates.

An IRI is `ID_BASE` + a template of `TEMPLATES` filled with key parts. A
placeholder names its part and how the part is written into the IRI:

- `{part}`: as given (registry keys, ICS codes, indicator keys);
- `{part:slug}`: lower-case ASCII words joined by hyphens, or the digest of
  text that is not ASCII (`ISO/TC 268` → `iso-tc-268`);
- `{part:lower}`: lower-cased;
- `{part:digest}`: 16 hex digits of the SHA-1 of the part (a tuple: of its
  items joined by U+001F);
- `{part:name}`: the digest of a name's comparison form (`normalise_name`), so
  a name written in Traditional characters or full-width gets the same IRI.

Only stable keys go in, and no blank nodes are used, so a build from the same
inputs gives the same IRIs and adding a document adds only its own.
"""
from __future__ import annotations

import hashlib
import re
import string
from typing import Any, Iterable

from rdflib import Namespace, URIRef

from stdkg.loaders.registry import normalise_name
from stdkg.schema import ID_BASE

ID = Namespace(ID_BASE)

TEMPLATES: dict[str, str] = {
    "province": "province/{code:slug}",
    "city": "city/{code:slug}",
    "department": "department/{key}",
    "written-department": "department/{scope:lower}-{name:name}",
    "body": "body/{acronym:slug}",
    "committee": "committee/{reference:slug}",
    "standard": "standard/{reference:slug}",
    "registry-organisation": "{segment}/{key}",
    "written-organisation": "{segment}/{name:name}",
    "ics": "ics/{code}",
    "membership": "membership/{committee:slug}--{member:slug}",
    "plan": "plan/{doc:slug}",
    "cited-plan": "plan/cited-{title:name}",
    "section": "section/{doc:slug}-{path:digest}",
    "evidence": "evidence/{doc:slug}-{start}-{end}-{key:digest}",
    "measure": "measure/{doc:slug}-{key:digest}",
    "responsibility": "responsibility/{doc:slug}-{key:digest}",
    "target": "target/{doc:slug}-{key:digest}",
    "ownership": "ownership/{key:digest}",
    "achievement": "achievement/{doc:slug}-{key:digest}",
    "alliance-membership": "alliance-membership/{key:digest}",
    "reorganisation": "reorganisation/{predecessor}--{successor}",
    "indicator": "indicator/{key}",
}
ORGANISATION_SEGMENTS = ("committee", "alliance", "enterprise", "body", "platform", "institution", "standard")


class IriError(KeyError):
    """An IRI asked for with an unknown kind, a missing part or a bad segment."""


def slug(text: str) -> str:
    """An IRI segment: lower-case ASCII letters, digits and hyphens; other text by its digest."""
    ascii_part = re.sub(r"[^a-z0-9]+", "-", text.lower()).strip("-")
    if ascii_part and text.isascii():
        return ascii_part
    return digest(text)


def digest(*parts: object) -> str:
    """16 hex digits of the SHA-1 of the parts' text joined by U+001F."""
    return hashlib.sha1("\x1f".join(str(p) for p in parts).encode("utf-8")).hexdigest()[:16]


def path_text(path: Iterable[str]) -> str:
    """A section path as one string (`一/（二）`)."""
    return "/".join(path)


class _Filler(string.Formatter):
    def format_field(self, value: Any, spec: str) -> str:
        if spec == "":
            return str(value)
        if spec == "slug":
            return slug(str(value))
        if spec == "lower":
            return str(value).lower()
        if spec == "digest":
            return digest(*value) if isinstance(value, tuple) else digest(value)
        if spec == "name":
            return digest(normalise_name(str(value)))
        raise IriError(f"unknown IRI part encoding {spec!r}")


_FILLER = _Filler()


def mint(kind: str, **parts: Any) -> URIRef:
    """The IRI of kind `kind` (a key of `TEMPLATES`) for these key parts."""
    template = TEMPLATES.get(kind)
    if template is None:
        raise IriError(f"no IRI template for kind {kind!r}")
    if "segment" in parts and parts["segment"] not in ORGANISATION_SEGMENTS:
        raise IriError(f"organisation segment {parts['segment']!r} is not one of {', '.join(ORGANISATION_SEGMENTS)}")
    try:
        return ID[_FILLER.format(template, **parts)]
    except KeyError as e:
        raise IriError(f"IRI kind {kind!r} needs part {e.args[0]!r}") from None


def template_parts(kind: str) -> tuple[str, ...]:
    """The names of the key parts an IRI of this kind is made of."""
    return tuple(name for _, name, _, _ in string.Formatter().parse(TEMPLATES[kind]) if name)
