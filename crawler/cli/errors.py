"""Errors a user can act on, and the one place they become a line and an exit code."""

from __future__ import annotations


class UserError(Exception):
    """Bad input from the user (unknown id, illegal transition, bad argument).

    Printed as one line on stderr, never as a traceback.
    """

    exit_code = 1

    def __init__(self, message: str, *, exit_code: int | None = None) -> None:
        super().__init__(message)
        if exit_code is not None:
            self.exit_code = exit_code
