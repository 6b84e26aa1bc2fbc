"""Where a span sits: the smallest section holding it, its ancestors, and its paragraph.

Shared by the target and organisation extractors; works with no sections at all.
"""
from __future__ import annotations

from graph.records import Section


class SectionIndex:
    """Look up the sections that hold a character position of the normalised text."""

    def __init__(self, text: str, sections: list[Section] | None):
        self.text = text
        self.sections = sorted(sections or [], key=lambda s: (s.start, -(s.end - s.start)))

    def holding(self, pos: int) -> list[Section]:
        """Every section that holds `pos`, outermost first."""
        found = [s for s in self.sections if s.start <= pos < s.end]
        return sorted(found, key=lambda s: -(s.end - s.start))

    def smallest(self, pos: int) -> Section | None:
        found = self.holding(pos)
        return found[-1] if found else None

    def heading(self, pos: int) -> str:
        s = self.smallest(pos)
        return s.heading if s is not None else ""

    def path(self, pos: int) -> tuple[str, ...]:
        s = self.smallest(pos)
        return tuple(s.path) if s is not None else ()

    def scope(self, pos: int) -> tuple[int, int]:
        """The span a year phrase may govern: the smallest section, else the paragraph."""
        s = self.smallest(pos)
        if s is not None:
            return s.start, s.end
        start, end = self.paragraph(pos)
        while start > 0:
            previous = self.text[:start].rstrip()
            if not previous.endswith((":", "：")):
                break
            start = self.paragraph(len(previous) - 1)[0]
        return start, end

    def paragraph(self, pos: int) -> tuple[int, int]:
        start = self.text.rfind("\n", 0, pos) + 1
        end = self.text.find("\n", pos)
        return start, (len(self.text) if end < 0 else end)
