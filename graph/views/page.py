"""One offline HTML page of a view: the rendered result, JSON safe inside a script element, CSP hashes."""
from __future__ import annotations

import base64
import hashlib
import json
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path
from typing import Any

import jinja2

VIEW_DIR = Path(__file__).parent


@dataclass(frozen=True)
class ViewPage:
    """One rendered view: file stem, title, the HTML, what was drawn, and what the view is for."""

    name: str
    title: str
    html: str
    node_ids: tuple[str, ...]
    summarised: bool
    purpose: str = ""

    def write(self, out_dir: Path) -> Path:
        path = Path(out_dir) / f"{self.name}.html"
        path.write_text(self.html, encoding="utf-8")
        return path


def script_hash(text: str) -> str:
    """The CSP source expression allowing exactly this inline script."""
    return "'sha256-" + base64.b64encode(hashlib.sha256(text.encode("utf-8")).digest()).decode("ascii") + "'"


def json_for_html(data: Any) -> str:
    """JSON that can sit inside a <script> element: `<`, `>` and `&` written as \\u escapes."""
    text = json.dumps(data, ensure_ascii=False, separators=(",", ":"), default=str)
    return (text.replace("<", "\\u003c").replace(">", "\\u003e").replace("&", "\\u0026")
            .replace("\u2028", "\\u2028").replace("\u2029", "\\u2029"))


@lru_cache(maxsize=None)
def asset(name: str) -> str:
    """A file shipped next to this module (script, style sheet)."""
    return (VIEW_DIR / name).read_text(encoding="utf-8")


@lru_cache(maxsize=None)
def template(name: str) -> jinja2.Template:
    env = jinja2.Environment(loader=jinja2.FileSystemLoader(str(VIEW_DIR)), autoescape=True,
                             undefined=jinja2.StrictUndefined)
    return env.get_template(name)
