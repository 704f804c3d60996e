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
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from enum import StrEnum
from typing import Any, Literal

from rich.cells import cell_len
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


# --------------------------------------------------------------------------- tables that fit the terminal

#: what a column costs beyond its text in a boxed Rich table: one space each side and a rule
COLUMN_CHROME = 3
#: the table's outer rule on the left
TABLE_EDGE = 1


@dataclass(frozen=True)
class Column:
    """A table column: the row key it shows, its header, and how it gives way on a narrow terminal.

    A ``flexible`` column (a title) is cut with an ellipsis rather than left
    out: it claims up to ``preferred_width`` (never less than ``min_width``)
    before the columns after it are considered, and grows into what they
    leave. The others show their widest value or are left out.
    """

    key: str
    header: str = ""
    justify: Literal["left", "right"] = "left"
    flexible: bool = False
    min_width: int = 0
    preferred_width: int = 0

    @property
    def label(self) -> str:
        return self.header or self.key


def text_width(text: str) -> int:
    """Terminal cells of the widest line of ``text``."""
    return max((cell_len(line) for line in text.split("\n")), default=0)


def fit_columns(needs: Sequence[tuple[Column, int]], width: int) -> dict[str, int]:
    """Which columns fit a terminal ``width`` cells wide, and how wide each is drawn.

    ``needs`` is in priority order (what the analyst needs first), each with
    the cells its widest value takes. Columns are taken in that order while
    they fit (a column that does not fit is skipped and a narrower later one
    may still fit), like ``gh issue list``: the first column always shows, and
    a flexible column claims up to its preferred width, then takes what is
    left, up to its widest value. Nothing is cut to three letters.
    """
    chosen: dict[str, int] = {}
    used = TABLE_EDGE
    for column, need in needs:
        claim = need
        if column.flexible:
            room = width - used - COLUMN_CHROME
            claim = min(need, max(column.min_width, min(column.preferred_width or need, room)))
        if chosen and used + claim + COLUMN_CHROME > width:
            continue
        chosen[column.key] = claim
        used += claim + COLUMN_CHROME
    spare = width - used
    for column, need in needs:
        if column.flexible and column.key in chosen and spare > 0:
            grown = min(need, chosen[column.key] + spare)
            spare -= grown - chosen[column.key]
            chosen[column.key] = grown
    return chosen


def fitted_table(
    rows: Sequence[Mapping[str, Any]], columns: Sequence[Column], width: int, *, title: str | None = None,
    display_order: Sequence[str] | None = None,
) -> Table:
    """A Rich table of ``rows`` with the columns (in priority order) that fit ``width`` cells.

    Cells are shown as :func:`render_rows` shows them (redact first: this
    only lays out). ``display_order`` keeps a familiar left-to-right order
    among the columns chosen by priority.
    """
    cells = [{c.key: _table_cell(row.get(c.key)) for c in columns} for row in rows]
    needs = [(c, max([text_width(c.label), *(text_width(r[c.key]) for r in cells)])) for c in columns]
    widths = fit_columns(needs, width)
    by_key = {c.key: c for c in columns}
    order = [k for k in (display_order or [c.key for c in columns]) if k in widths]
    table = Table(title=title)
    for key in order:
        column = by_key[key]
        # a fixed width spares Rich measuring every cell again (a third of the time of a long list)
        table.add_column(column.label, justify=column.justify, no_wrap=True, overflow="ellipsis",
                         width=widths[key])
    for row in cells:
        table.add_row(*(inert(row[key]) for key in order))
    return table
