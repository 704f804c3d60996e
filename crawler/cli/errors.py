"""Errors a user can act on, and the one place they become a line and an exit code."""

from __future__ import annotations

from sqlalchemy.exc import DBAPIError

from alerts.redaction import redact_text


class UserError(Exception):
    """Bad input from the user (unknown id, illegal transition, bad argument).

    Printed as one line on stderr, never as a traceback.
    """

    exit_code = 1

    def __init__(self, message: str, *, exit_code: int | None = None) -> None:
        super().__init__(message)
        if exit_code is not None:
            self.exit_code = exit_code


def describe_unexpected(exc: BaseException) -> str:
    """One line for an error nobody planned for, with no secret and no NIK in it.

    A database error is named by the driver's own message only: SQLAlchemy's
    text carries the SQL statement and its parameters (listing text, NIKs).
    A locked SQLite database and a number too large for the database are
    said in words a user can act on.
    """
    if isinstance(exc, DBAPIError):
        reason = str(exc.orig).strip().splitlines()[0] if exc.orig is not None else type(exc).__name__
        if "database is locked" in reason.lower():
            return ("the database is locked: another ktpwatch command is writing to it; "
                    "try again when it has finished")
        return redact_text(f"database: {reason}")
    if isinstance(exc, OverflowError):
        return f"a number is out of range ({redact_text(str(exc))})"
    first = str(exc).strip().splitlines()[0] if str(exc).strip() else ""
    return redact_text(f"{type(exc).__name__}: {first}")
