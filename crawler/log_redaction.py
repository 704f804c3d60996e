"""Every log line and logged traceback redacted: NIKs masked, credentials in URLs hidden.

Log lines quote listing titles, URLs and exception messages (a driver error
names the database URL with its password). Handlers come and go (Scrapy
installs its own root handler per crawl, the scheduler calls
``basicConfig``), so the redaction sits where every record is made: a
``LogRecord`` factory. Its message is redacted when formatted, and a
traceback is formatted and redacted at once, into ``exc_text``, which every
standard formatter prints instead of formatting the traceback itself.

Logs never reveal a NIK, whatever a command was asked to print.
"""

from __future__ import annotations

import logging
from typing import Any

from alerts.redaction import redact_text

_TRACEBACKS = logging.Formatter()


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


def install_log_redaction() -> None:
    """Make every log record of this process a :class:`RedactedLogRecord` (idempotent)."""
    if logging.getLogRecordFactory() is not RedactedLogRecord:
        logging.setLogRecordFactory(RedactedLogRecord)
