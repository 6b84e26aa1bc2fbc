"""Text rebuilt step by step with, for each character written, the index it was read from."""
from __future__ import annotations


class Traced:
    """Build an output string while recording, for each character, its index in the step's input."""

    def __init__(self) -> None:
        self.parts: list[str] = []
        self.src: list[int] = []

    def add(self, s: str, at: int | list[int]) -> None:
        self.parts.append(s)
        if isinstance(at, int):
            self.src.extend([at] * len(s))
        else:
            self.src.extend(at)

    def result(self, offsets: list[int]) -> tuple[str, list[int]]:
        text = "".join(self.parts)
        mapped = [offsets[i] for i in self.src]
        mapped.append(offsets[-1])
        return text, mapped
