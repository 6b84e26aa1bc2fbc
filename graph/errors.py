"""The one error type stdkg raises for anything a user can cause, and the exit codes the CLI maps it to.

Every module's own error (a document that cannot be read, a bad question parameter,
a store that is damaged or locked) subclasses `StdkgError`; the CLI prints its
message in one or two lines (no traceback unless `--debug`) and exits with its code.
Imports nothing of ours.
"""
from __future__ import annotations

EXIT_OK = 0
EXIT_FAILED = 1
EXIT_USAGE = 2
EXIT_PARTIAL = 3


class StdkgError(Exception):
    """A failure the user can act on: `str(e)` names the file or thing and the problem; `hint` says what to do."""

    exit_code = EXIT_FAILED
    default_hint = ""

    def __init__(self, message: str, hint: str = ""):
        super().__init__(message)
        self.hint = hint or self.default_hint
