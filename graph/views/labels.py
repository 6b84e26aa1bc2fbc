"""What a node is called on the page: a short Chinese and English label, and which nodes are hubs.

Hubs carry their label at the default zoom; the page shows the others on hover
or when zoomed in, never two overlapping (view.js places them).
"""
from __future__ import annotations

import hashlib
import re
from typing import Any, Iterable, Optional

import networkx as nx

from stdkg.views.style import node_style

LABEL_CHARS = 16
MIN_HUBS, MAX_HUBS, HUB_SHARE = 6, 30, 0.12
ALL_HUBS = 80
DOCUMENT_PARTS = ("Measure", "Target", "Section", "Plan")


def text(value: Any) -> str:
    if isinstance(value, (list, tuple)):
        return " / ".join(str(v) for v in value)
    return str(value)


def clip(value: str, n: int = LABEL_CHARS) -> str:
    value = " ".join(str(value).split())
    return value if len(value) <= n else value[: n - 1] + "…"


def _pinyin(name: str) -> str:
    try:
        from pypinyin import lazy_pinyin
    except ImportError:
        return name
    return " ".join(lazy_pinyin(name)).strip().capitalize()


def _number(value: Any) -> str:
    return f"{value:g}" if isinstance(value, float) else str(value)


def english(d: dict[str, Any], n: str) -> str:
    """The English name, or for document parts without one a caption from their facts, else pinyin."""
    if d.get("summary"):
        return f"{node_style(d.get('label')).caption} · {d.get('city')} · {d['count']:,}"
    if d.get("name_en"):
        return clip(text(d["name_en"]), LABEL_CHARS + 8)
    label = d.get("label")
    caption = node_style(label).caption.split(" (")[0]
    if label == "Target" and d.get("value") is not None:
        return clip(f"Target {_number(d['value'])} {text(d.get('unit') or '')} {d.get('year') or ''}".strip(), LABEL_CHARS + 8)
    if label in DOCUMENT_PARTS:
        where = d.get("section_path") or d.get("section") or d.get("number") or d.get("issued") or ""
        return clip(f"{caption} {text(where)}".strip(), LABEL_CHARS + 8)
    return clip(_pinyin(text(d.get("name") or n)), LABEL_CHARS + 8)


def chinese(d: dict[str, Any], n: str) -> str:
    if d.get("summary"):
        return f"{node_style(d.get('label')).caption}\n{d.get('city')} · {d['count']:,}"
    return clip(text(d.get("name") or n))


def rank(view: nx.MultiDiGraph) -> dict[str, float]:
    """How strongly a node claims a label: its degree in the view (a group's member count), cities first."""
    out = {}
    for n, d in view.nodes(data=True):
        weight = float(d["count"]) if d.get("summary") else float(view.degree(n))
        if d.get("label") == "City":
            weight += 1e6
        out[n] = weight
    return out


def hubs(ranks: dict[str, float], always: Iterable[str] = ()) -> set[str]:
    """The nodes labelled at the default zoom where there is room: all of a view up to ALL_HUBS nodes,
    else the top share by rank (between MIN_HUBS and MAX_HUBS)."""
    if len(ranks) <= ALL_HUBS:
        return set(ranks)
    k = max(MIN_HUBS, min(MAX_HUBS, round(len(ranks) * HUB_SHARE)))
    top = sorted(ranks, key=lambda n: (-ranks[n], str(n)))[:k]
    return set(top) | set(always)


def slug(value: Optional[str]) -> str:
    """A file-name-safe ASCII slug; non-ASCII names become a short stable hash."""
    value = text(value or "")
    ascii_part = re.sub(r"[^a-z0-9]+", "-", value.lower()).strip("-")[:48]
    if ascii_part and ascii_part == re.sub(r"[^a-z0-9]+", "-", value.lower()).strip("-"):
        return ascii_part
    digest = hashlib.sha1(value.encode("utf-8")).hexdigest()[:8]
    return f"{ascii_part}-{digest}" if ascii_part else digest
