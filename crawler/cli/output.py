"""Output formats behind one small interface, and text made safe for a terminal.

Listing text is written by strangers (sometimes criminals): before anything
from a listing reaches the analyst's terminal it loses control characters and
ANSI escape sequences, and Rich markup in it is printed as text. Every cell of
every format goes through :func:`alerts.redaction.redact_value` (NIKs masked
unless the command was given ``--reveal``, credentials in URLs always hidden),
and :func:`render_rows` is the one CSV writer: a cell a spreadsheet would run
as a formula (``=HYPERLINK(…)``, ``-2+3+cmd|…``) is written with a leading ``'``.
"""

from __future__ import annotations

import csv
import io
import json
import re
from collections.abc import Iterable, Sequence
from enum import StrEnum
from typing import Any

from rich.console import Console
from rich.table import Table
from rich.text import Text

from alerts.redaction import redact_value

_ANSI = re.compile(r"\x1b\[[0-?]*[ -/]*[@-~]|\x1b\][^\x07\x1b]*(?:\x07|\x1b\\)|\x1b[@-_]")


#: control characters become a space (so words stay apart), the Unicode line and paragraph
#: separators too (a terminal or JSON reader may break a line on them)
_CONTROL_SPACE = re.compile(r"[\x00-\x08\x0b-\x1f\x7f-\x9f\u2028\u2029]")
#: invisible format characters vanish: soft hyphen, zero-width and bidi controls, the Arabic
#: letter mark, the Mongolian vowel separator and tag characters (hidden text)
_INVISIBLE = re.compile(
    r"[\u00ad\u061c\u180e\u200b-\u200f\u202a-\u202e\u2060-\u2064\u2066-\u2069\ufeff\U000e0000-\U000e007f]"
)
#: first characters that make a spreadsheet read a CSV cell as a formula (OWASP "CSV injection")
FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")


class OutputFormat(StrEnum):
    TABLE = "table"
    JSON = "json"
    CSV = "csv"


def safe_text(value: object, *, keep_newlines: bool = False) -> str:
    """Remove escape sequences and control characters (bidi overrides included)."""
    text = "" if value is None else str(value)
    text = _ANSI.sub("", text)
    if keep_newlines:
        text = text.replace("\r\n", "\n").replace("\r", "\n")
        return "\n".join(
            _INVISIBLE.sub("", _CONTROL_SPACE.sub(" ", line)).rstrip() for line in text.split("\n")
        )
    return _INVISIBLE.sub("", _CONTROL_SPACE.sub(" ", text)).strip()


def inert(value: object, *, keep_newlines: bool = False) -> Text:
    """A Rich ``Text`` that prints listing content literally (no markup, no escapes)."""
    return Text(safe_text(value, keep_newlines=keep_newlines))


def _json_default(value: Any) -> Any:
    if hasattr(value, "isoformat"):
        return value.isoformat()
    return str(value)


def render_rows(
    rows: Sequence[dict[str, Any]],
    columns: Sequence[str],
    fmt: OutputFormat,
    console: Console,
    *,
    title: str | None = None,
    reveal: bool = False,
) -> None:
    """Print ``rows`` as a Rich table, a JSON list of objects or CSV with a header.

    Every cell is redacted (:func:`alerts.redaction.redact_value`); ``reveal`` shows
    NIKs, and the caller must have audited it.
    """
    rows = [redact_value(dict(row), reveal=reveal) for row in rows]
    if fmt is OutputFormat.JSON:
        console.file.write(json.dumps(list(rows), ensure_ascii=False, default=_json_default, indent=2))
        console.file.write("\n")
    elif fmt is OutputFormat.CSV:
        buf = io.StringIO()
        writer = csv.DictWriter(buf, fieldnames=list(columns), extrasaction="ignore")
        writer.writeheader()
        for row in rows:
            writer.writerow({c: _csv_cell(row.get(c)) for c in columns})
        console.file.write(buf.getvalue())
    elif fmt is OutputFormat.TABLE:
        table = Table(title=title)
        for column in columns:
            table.add_column(column)
        for row in rows:
            table.add_row(*(inert(_table_cell(row.get(c))) for c in columns))
        console.print(table)
    else:  # pragma: no cover - the enum test proves every member is handled
        raise ValueError(fmt)


def _csv_cell(value: Any) -> Any:
    if value is None:
        return ""
    if isinstance(value, (list, dict)):
        return csv_safe(json.dumps(value, ensure_ascii=False, default=_json_default))
    if hasattr(value, "isoformat"):
        return value.isoformat()
    return csv_safe(value) if isinstance(value, str) else value


def csv_safe(text: str) -> str:
    """``text`` as a spreadsheet will show it, never run it: a leading ``'`` when it
    starts like a formula. Numbers are written as numbers, so ``-5`` stays a number."""
    return "'" + text if text.startswith(FORMULA_STARTS) else text


def _table_cell(value: Any) -> str:
    if value is None:
        return ""
    if isinstance(value, float):
        return f"{value:.1f}"
    if hasattr(value, "isoformat"):
        return value.strftime("%Y-%m-%d %H:%M")
    if isinstance(value, Iterable) and not isinstance(value, str):
        return ", ".join(str(v) for v in value)
    return str(value)
