"""What a reader gets out of a document file."""
from __future__ import annotations

import bisect
from dataclasses import dataclass, field
from typing import Optional

from stdkg.records import Issue


@dataclass
class ReadText:
    """The text a reader got out of a file, where each page starts in it (paged formats only),
    and what the reader noticed."""

    text: str
    kind: str
    page_starts: Optional[list[int]] = None
    issues: list[Issue] = field(default_factory=list)

    def page_at(self, offset: int) -> Optional[int]:
        """The page (from 1) the character at `offset` of `text` was read on."""
        if not self.page_starts:
            return None
        return max(1, bisect.bisect_right(self.page_starts, offset))
