"""A fixed set of text spans `[start, end)`, asked whether any of them holds a position."""
from __future__ import annotations

import bisect
from typing import Iterable


class SpanSet:
    """Spans sorted by start with the running furthest end, so a lookup is one bisection."""

    def __init__(self, spans: Iterable[tuple[int, int]]):
        ordered = sorted((start, end) for start, end, *_ in spans)
        self._starts = [start for start, _ in ordered]
        self._reach: list[int] = []
        furthest = -1
        for _, end in ordered:
            furthest = max(furthest, end)
            self._reach.append(furthest)

    def holds(self, pos: int) -> bool:
        """Whether some span has `start <= pos < end`."""
        i = bisect.bisect_right(self._starts, pos) - 1
        return i >= 0 and self._reach[i] > pos
