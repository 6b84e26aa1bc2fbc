"""Cut a stream of items into lists of at most `size` items (loads send one batch per request).

Imports nothing of ours.
"""
from __future__ import annotations

from itertools import islice
from typing import Iterable, Iterator, TypeVar

T = TypeVar("T")


def batches(items: Iterable[T], size: int) -> Iterator[list[T]]:
    """Consecutive lists of `size` items (the last one may be shorter); nothing for no items."""
    if isinstance(size, bool) or not isinstance(size, int) or size < 1:
        raise ValueError(f"batch size must be a whole number of at least 1, not {size!r}")
    it = iter(items)
    while batch := list(islice(it, size)):
        yield batch
