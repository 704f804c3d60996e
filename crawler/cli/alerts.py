"""``ktpwatch alerts``: the analyst's review queue — list, show, confirm, dismiss, reopen, note, assign.

A thin shell over :mod:`alerts.review` (the rules of review) and
:mod:`storage.alerts` (the queries); :mod:`crawler.cli.alert_detail` lays out
``show``. Every action is one transaction and one audit event per alert, signed with the analyst's name (``--as``, else
``KTPWATCH_ANALYST``, else the OS user). Listing text comes from strangers: it
is printed through :func:`crawler.cli.output.inert` (no markup, no escapes) in
every format, and NIKs are masked (:mod:`alerts.redaction`) unless ``--reveal``,
on ``list`` and ``show`` alike, which writes a ``reveal`` audit event with the
analyst's name on every alert it shows.
"""

from __future__ import annotations

import json
import re
from collections.abc import Iterable
from dataclasses import fields
from datetime import UTC, datetime, timedelta
from enum import StrEnum
from typing import Annotated, Any

import typer

from alerts.redaction import redact_text, redact_value
from alerts.review import ReviewRefused, add_note, assign, change_status
from crawler.cli.alert_detail import detail_json, detail_view
from crawler.cli.errors import UserError
from crawler.cli.options import AsOption, RevealOption
from crawler.cli.output import Column, OutputFormat, fitted_table, render_rows, safe_text
from crawler.cli.runtime import get_runtime
from storage.alerts import (
    AlertChanged,
    AlertFilters,
    AlertRow,
    IllegalTransition,
    UnknownAlert,
    get_alert_detail,
    list_alerts,
    record_reveals,
)
from storage.models import AlertStatus, Verdict

alerts_app = typer.Typer(
    help="Review alerts: list, show, confirm, dismiss, reopen, note, assign.",
    no_args_is_help=True,
)

#: columns of the table view in the order the analyst needs them: on a narrow terminal the
#: first ones show (id, status, score, marketplace, title) and the rest as the width allows
TABLE_COLUMNS = (
    Column("id", justify="right"), Column("status"), Column("score", justify="right"), Column("marketplace"),
    Column("title", flexible=True, min_width=24, preferred_width=60), Column("verdict"), Column("last_seen", "last seen"),
    Column("sightings", justify="right"), Column("seller"), Column("price", justify="right"),
    Column("first_seen", "first seen"),
)
#: left to right, the table keeps this order among the columns that fit
TABLE_ORDER = ("id", "status", "score", "verdict", "marketplace", "title", "seller", "price",
               "first_seen", "last_seen", "sightings")
MACHINE_COLUMNS = (
    "id", "status", "verdict", "score", "marketplace", "external_id", "url", "title", "seller",
    "seller_id", "price", "first_seen", "last_seen", "opened", "sightings", "assignee",
)
#: the largest id a database integer column holds (SQLite and PostgreSQL BIGINT)
MAX_ID = 2**63 - 1


def _checked_ids(value: Any) -> Any:
    """An alert id (or ids) a database can hold, else one line and exit 2 (not an OverflowError)."""
    for alert_id in value if isinstance(value, list) else [value]:
        if alert_id is not None and not 1 <= alert_id <= MAX_ID:
            raise UserError(f"{alert_id} is not an alert id (ids run from 1 to {MAX_ID})", exit_code=2)
    return value


class SortKey(StrEnum):
    ID = "id"
    SCORE = "score"
    OPENED = "opened"
    LAST_SEEN = "last_seen"
    SIGHTINGS = "sightings"
    STATUS = "status"
    MARKETPLACE = "marketplace"



_RELATIVE = re.compile(r"^\s*(\d+)\s*([mhdw])\s*$", re.I)
_UNITS = {"m": "minutes", "h": "hours", "d": "days", "w": "weeks"}


def parse_since(text: str, *, now: datetime | None = None) -> datetime:
    """``7d``, ``12h``, ``2w``, ``30m``, ``2025-03-01`` or an ISO 8601 time (UTC unless given)."""
    match = _RELATIVE.match(text)
    if match:
        amount, unit = int(match.group(1)), match.group(2).lower()
        try:
            return (now or datetime.now(UTC)) - timedelta(**{_UNITS[unit]: amount})
        except OverflowError:
            raise UserError(f"--since {text.strip()}: too far back (before the year 1)") from None
    try:
        moment = datetime.fromisoformat(text.strip())
    except ValueError:
        raise UserError(
            f"--since {text!r}: use a duration like 7d, 12h, 2w or a date like 2025-03-01"
        ) from None
    return moment if moment.tzinfo else moment.replace(tzinfo=UTC)


def _choices(values: Iterable[str] | None, allowed: Iterable[str], option: str) -> tuple[str, ...]:
    """Repeatable or comma-separated option values, checked against ``allowed``."""
    known = list(allowed)
    picked: list[str] = []
    for value in values or ():
        for part in value.split(","):
            part = part.strip().lower()
            if not part:
                continue
            if part not in known:
                raise UserError(f"{option} {part!r}: choose from {', '.join(known)}")
            picked.append(part)
    return tuple(dict.fromkeys(picked))


def _clean(value: Any) -> Any:
    """Listing text made safe for any output format (strings only; numbers and times pass)."""
    return safe_text(value) if isinstance(value, str) else value


@alerts_app.command("list")
def list_cmd(
    status: Annotated[list[str] | None, typer.Option(
        "--status", "-s", help="Only these statuses (repeat or comma-separate).")] = None,
    marketplace: Annotated[list[str] | None, typer.Option(
        "--marketplace", "-m", help="Only these marketplaces (repeat or comma-separate).")] = None,
    verdict: Annotated[list[str] | None, typer.Option(
        "--verdict", help="blank or related (repeat or comma-separate).")] = None,
    min_score: Annotated[float | None, typer.Option("--min-score", help="Score at least this.")] = None,
    since: Annotated[str | None, typer.Option(
        "--since", help="Seen since: 7d, 12h, 2w or a date (2025-03-01).")] = None,
    seller: Annotated[str | None, typer.Option(
        "--seller", help="Seller id (exact) or part of the shop name.")] = None,
    identifier: Annotated[str | None, typer.Option(
        "--identifier", help="A chip UID, NIK or phone number found in the listing.")] = None,
    linked_to: Annotated[int | None, typer.Option(
        "--linked-to", help="Alerts linked to this alert id (any reason).", callback=_checked_ids)] = None,
    assignee: Annotated[str | None, typer.Option("--assignee", help="Assigned to this analyst.")] = None,
    actor_id: Annotated[str | None, typer.Option(
        "--actor", help="Alerts of this actor (`ktpwatch actors list`).")] = None,
    sort: Annotated[SortKey, typer.Option("--sort", help="Sort key (highest/newest first).")] = SortKey.ID,
    ascending: Annotated[bool, typer.Option("--asc", help="Sort ascending instead.")] = False,
    limit: Annotated[int, typer.Option("--limit", "-n", help="At most this many rows (0: all).")] = 50,
    fmt: Annotated[OutputFormat, typer.Option("--format", help="table, json or csv.")] = OutputFormat.TABLE,
    reveal: RevealOption = False,
    actor: AsOption = None,
) -> None:
    """List alerts, newest first, with filters; alerts whose chip is traced to the ledger come first.

    json is a list of objects and csv has a header row; both carry id, status,
    verdict, score, marketplace, external_id, url, title, seller, seller_id,
    price, first_seen, last_seen, opened, sightings and assignee (times in UTC ISO 8601).

    NIKs in titles and URLs are masked (3174********0003) unless --reveal,
    which is written to the audit trail of every listed alert with your name.

    Example: ktpwatch alerts list --status new --min-score 70 --sort score --format json
    """
    if limit < 0:
        raise UserError("--limit must be 0 (all) or more")
    filters = AlertFilters(
        status=_choices(status, (s.value for s in AlertStatus), "--status"),
        marketplace=_marketplaces(marketplace),
        verdict=_choices(verdict, (v.value for v in Verdict), "--verdict"),
        min_score=min_score, since=parse_since(since) if since else None, seller=seller,
        identifier=identifier, linked_to=linked_to, assignee=assignee, actor=actor_id,
        sort=sort.value, descending=not ascending, limit=limit,
    )
    rows = _listed_rows(filters, reveal=reveal, actor=actor)
    _print_alerts([{f.name: getattr(row, f.name) for f in fields(row)} for row in rows], fmt, reveal=reveal)
    if fmt is OutputFormat.TABLE:
        more = " (use --limit 0 for all)" if limit and len(rows) == limit else ""
        get_runtime().err_console.print(f"{len(rows)} alert(s){more}", highlight=False, markup=False)


def _marketplaces(values: Iterable[str] | None) -> tuple[str, ...]:
    """Repeatable or comma-separated marketplace names, lower-cased and deduplicated in order."""
    return tuple(dict.fromkeys(p.strip().lower() for v in values or () for p in v.split(",") if p.strip()))


def _listed_rows(filters: AlertFilters, *, reveal: bool, actor: str | None) -> list[AlertRow]:
    """Query the rows with traced alerts first, auditing a --reveal in the same transaction as the read."""
    runtime = get_runtime()
    analyst = runtime.analyst(actor) if reveal else ""
    with runtime.sessions.begin() as session:
        rows = list_alerts(session, filters)
        if reveal:
            record_reveals(session, (row.id for row in rows), actor=analyst,
                           note="NIKs shown unmasked (alerts list)")
    return rows


def _print_alerts(rows: list[dict[str, Any]], fmt: OutputFormat, *, reveal: bool) -> None:
    """Alert rows as a table that fits the terminal, or every field as json or csv; NIKs masked unless ``reveal``."""
    console = get_runtime().console
    records = [{k: _clean(v) for k, v in row.items()} for row in rows]
    if fmt is not OutputFormat.TABLE:
        render_rows(records, MACHINE_COLUMNS, fmt, console, reveal=reveal)
        return
    records = [redact_value(record, reveal=reveal) for record in records]
    console.print(fitted_table(records, TABLE_COLUMNS, console.width, title="Alerts", display_order=TABLE_ORDER))


# --------------------------------------------------------------------------- show


@alerts_app.command("show")
def show_cmd(
    alert_id: Annotated[int, typer.Argument(metavar="ID", help="The alert id.", callback=_checked_ids)],
    reveal: RevealOption = False,
    fmt: Annotated[OutputFormat, typer.Option("--format", help="table or json.")] = OutputFormat.TABLE,
    actor: AsOption = None,
) -> None:
    """Show everything about one alert: listing, reasons, identifiers, links, history, evidence.

    NIKs are masked (3174********0003) unless --reveal, which is logged with your name.

    Example: ktpwatch alerts show 12 --reveal --as ana
    """
    if fmt is OutputFormat.CSV:
        raise UserError("alerts show prints table or json, not csv")
    runtime = get_runtime()
    with runtime.sessions.begin() as session:
        detail = get_alert_detail(session, alert_id)
        if detail is None:
            raise UserError(f"no alert {alert_id}")
        if reveal:
            record_reveals(session, [alert_id], actor=runtime.analyst(actor),
                           note="NIKs shown unmasked (alerts show)")
            session.flush()
            session.expire_all()
            detail = get_alert_detail(session, alert_id)
            assert detail is not None

        def mask(value: str) -> str:
            return redact_text(value, reveal=reveal)

        from alerts.provenance.block import chip_provenance, nik_provenance
        from crawler.cli.provenance_view import provenance_json, provenance_view

        chips = chip_provenance(session, detail.identifiers, runtime.settings.ledger)
        niks = nik_provenance(detail.identifiers)
        if fmt is OutputFormat.JSON:
            shown = {**detail_json(detail, mask), "provenance": provenance_json(chips, niks, mask)}
            runtime.console.file.write(json.dumps(shown, ensure_ascii=False, indent=2))
            runtime.console.file.write("\n")
        else:
            runtime.console.print(detail_view(detail, mask))
            runtime.console.print(provenance_view(chips, niks, mask))


# --------------------------------------------------------------------------- actions


def _decide(ids: list[int], to: AlertStatus, *, actor: str | None, note: str) -> None:
    """One transaction around :func:`alerts.review.change_status`; a refusal or a lost race is one line, exit 1."""
    runtime = get_runtime()
    try:
        with runtime.sessions.begin() as session:
            moves = change_status(session, ids, to, actor=runtime.analyst(actor), note=note)
    except ReviewRefused as exc:
        raise UserError(f'{exc}: --note "..."') from None
    except UnknownAlert as exc:
        raise UserError(f"{exc}; nothing changed") from None
    except (IllegalTransition, AlertChanged) as exc:
        suffix = "; nothing changed" if len(dict.fromkeys(ids)) > 1 else ""
        raise UserError(f"{exc}{suffix}") from None
    for move in moves:
        runtime.console.print(f"alert {move.alert_id}: {move.before} -> {move.after}", markup=False,
                              highlight=False)


IdsArgument = Annotated[list[int], typer.Argument(
    metavar="ID...", help="One or more alert ids.", callback=_checked_ids)]


@alerts_app.command("confirm")
def confirm_cmd(
    ids: IdsArgument,
    note: Annotated[str, typer.Option("--note", help="Why (optional).")] = "",
    actor: AsOption = None,
) -> None:
    """Confirm alerts as real blank e-KTP sales (new -> confirmed), ready for a notice.

    Example: ktpwatch alerts confirm 12 14 --note "blangko + chip UID in photo"
    """
    _decide(ids, AlertStatus.CONFIRMED, actor=actor, note=note)


@alerts_app.command("dismiss")
def dismiss_cmd(
    ids: IdsArgument,
    note: Annotated[str | None, typer.Option("--note", help="Why it is not a blank sale (required).")] = None,
    actor: AsOption = None,
) -> None:
    """Dismiss alerts as false positives (new or confirmed -> dismissed); a reason is required.

    Example: ktpwatch alerts dismiss 13 --note "KTP holder, not a blank"
    """
    _decide(ids, AlertStatus.DISMISSED, actor=actor, note=note or "")


@alerts_app.command("reopen")
def reopen_cmd(
    alert_id: Annotated[int, typer.Argument(metavar="ID", help="The alert id.", callback=_checked_ids)],
    note: Annotated[str | None, typer.Option("--note", help="Why it is reopened (required).")] = None,
    actor: AsOption = None,
) -> None:
    """Reopen a dismissed or removed alert (-> new); the only way back, and a reason is required.

    Example: ktpwatch alerts reopen 13 --note "seller now offers blanks in chat"
    """
    _decide([alert_id], AlertStatus.NEW, actor=actor, note=note or "")


@alerts_app.command("note")
def note_cmd(
    alert_id: Annotated[int, typer.Argument(metavar="ID", help="The alert id.", callback=_checked_ids)],
    text: Annotated[str, typer.Argument(metavar="TEXT", help="The note.")],
    actor: AsOption = None,
) -> None:
    """Add a note to an alert's audit trail.

    Example: ktpwatch alerts note 12 "same WhatsApp number as alert 9"
    """
    runtime = get_runtime()
    try:
        with runtime.sessions.begin() as session:
            add_note(session, alert_id, text, actor=runtime.analyst(actor))
    except (ReviewRefused, UnknownAlert) as exc:
        raise UserError(str(exc)) from None
    runtime.console.print(f"alert {alert_id}: note added", markup=False, highlight=False)


@alerts_app.command("assign")
def assign_cmd(
    alert_id: Annotated[int, typer.Argument(metavar="ID", help="The alert id.", callback=_checked_ids)],
    name: Annotated[str, typer.Argument(metavar="NAME", help="Analyst to assign ('-' to unassign).")],
    actor: AsOption = None,
) -> None:
    """Assign an alert to an analyst (or '-' to unassign).

    Example: ktpwatch alerts assign 12 budi
    """
    runtime = get_runtime()
    try:
        with runtime.sessions.begin() as session:
            assignee = assign(session, alert_id, name, actor=runtime.analyst(actor))
    except (ReviewRefused, UnknownAlert, AlertChanged) as exc:
        raise UserError(str(exc)) from None
    runtime.console.print(f"alert {alert_id}: assigned to {assignee or 'nobody'}",
                          markup=False, highlight=False)


def register(root: typer.Typer) -> None:
    root.add_typer(alerts_app, name="alerts")

