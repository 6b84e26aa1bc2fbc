"""Organisation mentions (committees, alliances, enterprises, standards, bodies, platforms)."""
from __future__ import annotations

from graph.records import OrganisationMention, Plan, Section


def extract_organisations(doc: str, text: str, sections: list[Section], plan: Plan | None) -> list[OrganisationMention]:
    """Each named organisation other than a government department, once per document."""
    return []
