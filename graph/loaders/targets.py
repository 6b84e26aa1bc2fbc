"""Quantitative targets (and achievements already reached) in policy text."""
from __future__ import annotations

from graph.records import Plan, Section, Target


def extract_targets(doc: str, text: str, sections: list[Section], plan: Plan | None) -> list[Target]:
    """Every quantitative goal in `text`; achievements come back with `is_fact=True`."""
    return []
