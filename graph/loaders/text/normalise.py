"""The reading pipeline: raw text or HTML → clean policy text, with a map from each clean
character back to where it was read in the original."""
from __future__ import annotations

from dataclasses import dataclass, field

from stdkg.loaders.text.characters import drop_pinyin, fold_width, simplify
from stdkg.loaders.text.chrome import drop_chrome
from stdkg.loaders.text.garbled import flag_garbled
from stdkg.loaders.text.html import html_to_text, looks_like_html, unescape_entities
from stdkg.loaders.text.traced import Traced
from stdkg.loaders.text.wraps import hard_wrap_width, join_broken_lines, should_join
from stdkg.records import Issue


@dataclass
class NormalisedText:
    """Clean text, the original it came from, and where each clean character was read."""

    text: str
    original: str
    offsets: list[int]
    issues: list[Issue] = field(default_factory=list)

    def original_span(self, start: int, end: int) -> tuple[int, int]:
        """The span of the original text that `text[start:end]` was read from."""
        if end <= start:
            return self.offsets[start], self.offsets[start]
        return self.offsets[start], self.offsets[end - 1] + 1


def normalise(raw: str, doc: str = "") -> NormalisedText:
    """Clean `raw` (plain text or HTML) into policy text with an offset map back to `raw`."""
    issues: list[Issue] = []
    text, offsets = raw, list(range(len(raw) + 1))
    html_input = looks_like_html(raw)
    if html_input:
        text, offsets = html_to_text(text, offsets)
        issues.append(Issue(doc, "info", "HTML converted to text"))
    else:
        text, offsets = unescape_entities(text, offsets, issues, doc)
    text, offsets = fold_width(text, offsets, issues, doc)
    text, offsets = simplify(text, offsets, issues, doc)
    text, offsets = drop_pinyin(text, offsets, issues, doc)
    wrap = None if html_input else hard_wrap_width(text.split("\n"))
    rejoins = None if html_input else (lambda line, nxt: should_join(line, nxt, wrap))
    text, offsets = drop_chrome(text, offsets, issues, doc, rejoins)
    if not html_input:
        text, offsets = join_broken_lines(text, offsets, issues, doc, wrap)
    text, offsets = _tidy(text, offsets)
    flag_garbled(text, issues, doc)
    return NormalisedText(text=text, original=raw, offsets=offsets, issues=issues)


def _tidy(text: str, offsets: list[int]) -> tuple[str, list[int]]:
    """Trailing spaces off each line, runs of blank lines down to one, no leading or trailing blank lines."""
    out = Traced()
    pos = 0
    blank_run = 0
    started = False
    for line in text.split("\n"):
        stripped = line.rstrip()
        if not stripped.strip():
            blank_run += 1
        else:
            if started:
                out.add("\n" * (2 if blank_run else 1), pos - 1)
            out.add(stripped, list(range(pos, pos + len(stripped))))
            started = True
            blank_run = 0
        pos += len(line) + 1
    return out.result(offsets)
