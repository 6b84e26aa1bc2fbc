"""The error a policy document raises when it cannot be read."""
from __future__ import annotations

from pathlib import Path

from stdkg.errors import StdkgError


class DocumentError(StdkgError):
    """A document that cannot be loaded: names the file and the problem."""

    def __init__(self, path: Path | str, problem: str):
        self.path = Path(path)
        self.problem = problem
        super().__init__(f"{self.path}: {problem}")
