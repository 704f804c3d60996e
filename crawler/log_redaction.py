"""Every log line and logged traceback redacted: NIKs masked, credentials in URLs hidden.

Log lines quote listing titles, URLs and exception messages (a driver error
names the database URL with its password). Handlers come and go (Scrapy
installs its own root handler per crawl, the scheduler calls
``basicConfig``), so the redaction sits where every record is made: a
``LogRecord`` factory. Its message is redacted when formatted, and a
traceback is formatted and redacted at once, into ``exc_text``, which every
standard formatter prints instead of formatting the traceback itself.

An exception nobody caught is printed by ``sys.excepthook`` (and
``threading.excepthook`` on a thread), not by logging: both are replaced by
hooks that print the same traceback, redacted.

Logs never reveal a NIK, whatever a command was asked to print.

The redaction function is imported when the first record is made, not when
the hooks are installed: every ``ktpwatch`` command installs them at start, and
``ktpwatch --version`` must not pay for loading the matchers and configuration.
"""

from __future__ import annotations

import logging
import sys
import threading
import traceback
from types import TracebackType
from typing import Any

_TRACEBACKS = logging.Formatter()


def redact_text(text: str) -> str:
    """:func:`alerts.redaction.redact_text`, imported on first use (see the module docstring)."""
    from alerts.redaction import redact_text as redact

    return redact(text)


class RedactedLogRecord(logging.LogRecord):
    """A log record whose message and traceback are redacted."""

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        if self.exc_info and self.exc_info[0] is not None:
            self.exc_text = redact_text(_TRACEBACKS.formatException(self.exc_info))
        if self.stack_info:
            self.stack_info = redact_text(self.stack_info)

    def getMessage(self) -> str:
        return redact_text(super().getMessage())


def print_redacted_traceback(
    exc_type: type[BaseException], exc: BaseException, tb: TracebackType | None
) -> None:
    """What ``sys.excepthook`` prints, redacted."""
    sys.stderr.write(redact_text("".join(traceback.format_exception(exc_type, exc, tb))))


def _thread_hook(args: threading.ExceptHookArgs) -> None:
    if args.exc_type is SystemExit:
        return
    name = args.thread.name if args.thread is not None else "?"
    sys.stderr.write(f"Exception in thread {name}:\n")
    exc = args.exc_value if args.exc_value is not None else args.exc_type()
    print_redacted_traceback(args.exc_type, exc, args.exc_traceback)


def install_log_redaction() -> None:
    """Redact every log record of this process (idempotent)."""
    if logging.getLogRecordFactory() is not RedactedLogRecord:
        logging.setLogRecordFactory(RedactedLogRecord)


def install_process_redaction() -> None:
    """For a program's entry point: log records and uncaught tracebacks, redacted."""
    install_log_redaction()
    sys.excepthook = print_redacted_traceback
    threading.excepthook = _thread_hook
