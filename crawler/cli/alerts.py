"""``ktpwatch alerts``: the analyst's review queue — list, show, confirm, dismiss, reopen, note, assign.

A thin shell over :mod:`storage.alerts`. Every action is one transaction and
one audit event per alert, signed with the analyst's name (``--as``, else
``KTPWATCH_ANALYST``, else the OS user). Listing text comes from strangers: it
is printed through :func:`crawler.cli.output.inert` (no markup, no escapes) in
every format, and NIKs are masked (:mod:`alerts.redaction`) unless ``--reveal``,
on ``list`` and ``show`` alike, which writes a ``reveal`` audit event with the
analyst's name on every alert it shows.
"""

from __future__ import annotations

import json
import re
from collections.abc import Callable, Iterable
from dataclasses import asdict
from datetime import UTC, datetime, timedelta
from enum import StrEnum
from typing import Annotated, Any

import typer
from rich.console import Console, Group
from rich.table import Table
from rich.text import Text

from alerts.redaction import redact_text
from crawler.cli.errors import UserError
from crawler.cli.output import OutputFormat, inert, render_rows, safe_text
from crawler.cli.runtime import get_runtime
from storage.alerts import (
    AlertChanged,
    AlertDetail,
    AlertFilters,
    IllegalTransition,
    UnknownAlert,
    add_event,
    assign_alert,
    get_alert_detail,
    list_alerts,
    load_alerts,
    move_alerts,
    record_reveals,
)
from storage.models import Alert, AlertStatus, Verdict

alerts_app = typer.Typer(
    help="Review alerts: list, show, confirm, dismiss, reopen, note, assign.",
    no_args_is_help=True,
)

#: columns of the table view; json and csv carry every AlertRow field
TABLE_COLUMNS = (
    "id", "status", "score", "verdict", "marketplace", "title", "seller", "price",
    "first_seen", "last_seen", "sightings",
)
MACHINE_COLUMNS = (
    "id", "status", "verdict", "score", "marketplace", "external_id", "url", "title", "seller",
    "seller_id", "price", "first_seen", "last_seen", "opened", "sightings", "assignee",
)
TITLE_WIDTH = 60
#: the largest id a database integer column holds (SQLite and PostgreSQL BIGINT)
MAX_ID = 2**63 - 1


def _checked_ids(value: Any) -> Any:
    """An alert id (or ids) a database can hold, else one line and exit 2 (not an OverflowError)."""
    for alert_id in value if isinstance(value, list) else [value]:
        if alert_id is not None and not 1 <= alert_id <= MAX_ID:
            raise UserError(f"{alert_id} is not an alert id (ids run from 1 to {MAX_ID})", exit_code=2)
    return value
HIGHLIGHT = "bold black on yellow"


class SortKey(StrEnum):
    ID = "id"
    SCORE = "score"
    OPENED = "opened"
    LAST_SEEN = "last_seen"
    SIGHTINGS = "sightings"
    STATUS = "status"
    MARKETPLACE = "marketplace"


RevealOption = Annotated[bool, typer.Option(
    "--reveal", help="Show NIKs unmasked (written to the audit trail with your name).")]
AsOption = Annotated[
    str | None,
    typer.Option("--as", help="Analyst name for the audit trail (default: $KTPWATCH_ANALYST, "
                 "else the OS user)."),
]

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


def _short(text: str, width: int = TITLE_WIDTH) -> str:
    return text if len(text) <= width else text[: width - 1] + "…"


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
    """List alerts, newest first, with filters.

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
        marketplace=tuple(dict.fromkeys(
            p.strip().lower() for v in marketplace or () for p in v.split(",") if p.strip())),
        verdict=_choices(verdict, (v.value for v in Verdict), "--verdict"),
        min_score=min_score,
        since=parse_since(since) if since else None,
        seller=seller,
        identifier=identifier,
        linked_to=linked_to,
        assignee=assignee,
        actor=actor_id,
        sort=sort.value,
        descending=not ascending,
        limit=limit,
    )
    runtime = get_runtime()
    analyst = runtime.analyst(actor) if reveal else ""
    with runtime.sessions.begin() as session:
        rows = list_alerts(session, filters)
        if reveal:
            record_reveals(session, (row.id for row in rows), actor=analyst,
                           note="NIKs shown unmasked (alerts list)")
    records = [{k: _clean(v) for k, v in asdict(row).items()} for row in rows]
    if fmt is OutputFormat.TABLE:
        for record in records:
            record["title"] = _short(record["title"])
        render_rows(records, TABLE_COLUMNS, fmt, runtime.console, title="Alerts", reveal=reveal)
        more = " (use --limit 0 for all)" if limit and len(rows) == limit else ""
        runtime.err_console.print(f"{len(rows)} alert(s){more}", highlight=False, markup=False)
    else:
        render_rows(records, MACHINE_COLUMNS, fmt, runtime.console, reveal=reveal)


# --------------------------------------------------------------------------- show


def _when(moment: datetime | None) -> str:
    return moment.astimezone(UTC).strftime("%Y-%m-%d %H:%M UTC") if moment else ""


def _highlighted(text: str, words: Iterable[str], *, keep_newlines: bool = False) -> Text:
    shown = inert(text, keep_newlines=keep_newlines)
    needles = [w for w in (safe_text(word) for word in words) if len(w) >= 2]
    if needles:
        shown.highlight_words(needles, style=HIGHLIGHT, case_sensitive=False)
    return shown


def _section(title: str, columns: Iterable[str], rows: Iterable[Iterable[Any]]) -> Table | Text:
    """A titled table of listing-derived cells, or one dim line when there is nothing to show."""
    table = Table(title=title, title_justify="left", expand=False)
    for column in columns:
        table.add_column(column)
    for row in rows:
        table.add_row(*(cell if isinstance(cell, Text) else inert(cell) for cell in row))
    if not table.row_count:
        return Text(f"{title}: none", style="dim")
    return table


def _detail_view(detail: AlertDetail, mask: Callable[[str], str]) -> Group:
    alert, listing, seller = detail.alert, detail.listing, detail.seller
    reasons = list(detail.assessment.reasons) if detail.assessment else []
    words_by_field: dict[str, list[str]] = {}
    for reason in reasons:
        if isinstance(reason, dict) and reason.get("matched"):
            words_by_field.setdefault(str(reason.get("field", "")), []).append(mask(str(reason["matched"])))

    header = Text(f"Alert {alert.id}  ", style="bold")
    header.append(f"{alert.status}", style="bold cyan")
    header.append(f"  {alert.verdict}  score {alert.score:.1f}")
    if detail.assessment:
        header.append(f"  ({safe_text(detail.assessment.matcher_version)})", style="dim")

    facts = Table.grid(padding=(0, 2))
    facts.add_column(style="bold")
    facts.add_column()
    seller_text = ""
    if seller:
        seller_text = f"{seller.name} ({seller.marketplace}:{seller.external_id})"
        seller_text += f", {seller.city}" if seller.city else ""
    for label, value in (
        ("marketplace", listing.marketplace),
        ("listing id", listing.external_id),
        ("url", listing.url),
        ("title", None),
        ("price", f"Rp {listing.price:,}".replace(",", ".") if listing.price is not None else ""),
        ("seller", seller_text),
        ("seller url", seller.url if seller else ""),
        ("listing state", listing.state),
        ("first seen", _when(listing.first_seen_at)),
        ("last seen", _when(alert.last_seen_at)),
        ("sightings", str(alert.sighting_count)),
        ("opened", _when(alert.opened_at)),
        ("assignee", alert.assignee or "-"),
        ("notified", _when(alert.notified_at)),
        ("deadline", _when(alert.deadline_at)),
        ("removed", _when(alert.removed_at)),
    ):
        if label == "title":
            facts.add_row("title", _highlighted(mask(listing.title), words_by_field.get("title", [])))
        elif value:
            facts.add_row(label, inert(mask(value)))

    parts: list[Any] = [header, facts]
    if listing.description:
        parts.append(Text("description", style="bold"))
        parts.append(_highlighted(mask(listing.description), words_by_field.get("description", []),
                                  keep_newlines=True))
    parts.append(_section(
        "Why (matcher reasons)", ("rule", "field", "matched", "weight", "detail"),
        ((r.get("rule", ""), r.get("field", ""),
          Text(safe_text(mask(str(r.get("matched", "")))), style=HIGHLIGHT),
          r.get("weight", ""), mask(str(r.get("detail", ""))))
         for r in reasons if isinstance(r, dict)),
    ))
    parts.append(_section(
        "Identifiers", ("kind", "value", "source"),
        ((i.kind, mask(i.value), i.source) for i in detail.identifiers),
    ))
    parts.append(_section(
        "Linked alerts", ("alert", "status", "reason", "detail", "relation", "marketplace", "title"),
        ((str(lk.alert_id), lk.status, lk.reason, mask(lk.detail), lk.relation, lk.marketplace,
          _short(mask(lk.title))) for lk in detail.links),
    ))
    parts.append(_section(
        f"Sightings ({alert.sighting_count})", ("seen", "scan", "query", "price", "title", "hash"),
        ((_when(s.seen_at), str(s.scan_id or "-"), s.query,
          "" if s.price is None else str(s.price), _short(mask(s.title), 40), s.content_hash[:12])
         for s in detail.sightings),
    ))
    parts.append(_section(
        "Evidence", ("kind", "name", "sha256", "size", "captured", "path"),
        ((e.kind, e.name, e.sha256, str(e.size), _when(e.captured_at), e.path)
         for e in detail.evidence),
    ))
    parts.append(_section(
        "Notices", ("notice", "kind", "status", "recipient", "sent", "deadline"),
        ((n.notice_uid, n.kind, n.status, n.recipient, _when(n.sent_at), _when(n.deadline_at))
         for n in detail.notices),
    ))
    parts.append(_section(
        "Re-checks", ("checked", "outcome", "http", "detail"),
        ((_when(r.checked_at), r.outcome, "" if r.http_status is None else str(r.http_status),
          mask(r.detail)) for r in detail.rechecks),
    ))
    parts.append(_section(
        "Audit trail", ("at", "actor", "action", "status", "note"),
        ((_when(e.at), e.actor, e.action,
          f"{e.from_status or ''} -> {e.to_status}" if e.to_status else "", mask(e.note))
         for e in detail.events),
    ))
    return Group(*parts)


def _detail_json(detail: AlertDetail, mask: Callable[[str], str]) -> dict[str, Any]:
    alert, listing, seller = detail.alert, detail.listing, detail.seller

    def text(value: Any) -> Any:
        return safe_text(mask(value), keep_newlines=True) if isinstance(value, str) else value

    def iso(moment: datetime | None) -> str | None:
        return moment.isoformat() if moment else None

    return {
        "id": alert.id,
        "status": alert.status,
        "verdict": alert.verdict,
        "score": alert.score,
        "assignee": alert.assignee,
        "opened": iso(alert.opened_at),
        "last_seen": iso(alert.last_seen_at),
        "notified": iso(alert.notified_at),
        "deadline": iso(alert.deadline_at),
        "removed": iso(alert.removed_at),
        "sightings_count": alert.sighting_count,
        "listing": {
            "marketplace": listing.marketplace, "external_id": text(listing.external_id),
            "url": text(listing.url), "title": text(listing.title),
            "description": text(listing.description), "price": listing.price,
            "state": listing.state, "first_seen": iso(listing.first_seen_at),
        },
        "seller": None if seller is None else {
            "marketplace": seller.marketplace, "external_id": text(seller.external_id),
            "name": text(seller.name), "url": text(seller.url), "city": text(seller.city),
        },
        "matcher_version": detail.assessment.matcher_version if detail.assessment else None,
        "reasons": [
            {k: text(v) for k, v in r.items()} for r in (detail.assessment.reasons if detail.assessment else [])
            if isinstance(r, dict)
        ],
        "identifiers": [
            {"kind": i.kind, "value": text(i.value), "source": i.source} for i in detail.identifiers
        ],
        "links": [{**asdict(lk), "title": text(lk.title), "detail": text(lk.detail)} for lk in detail.links],
        "sightings": [
            {"seen": iso(s.seen_at), "scan_id": s.scan_id, "query": text(s.query), "title": text(s.title),
             "price": s.price, "content_hash": s.content_hash} for s in detail.sightings
        ],
        "evidence": [
            {"kind": e.kind, "name": e.name, "path": e.path, "sha256": e.sha256, "size": e.size,
             "captured": iso(e.captured_at), "url": text(e.url)} for e in detail.evidence
        ],
        "notices": [
            {"notice_uid": n.notice_uid, "kind": n.kind, "status": n.status, "recipient": n.recipient,
             "sent": iso(n.sent_at), "deadline": iso(n.deadline_at)} for n in detail.notices
        ],
        "rechecks": [
            {"checked": iso(r.checked_at), "outcome": r.outcome, "http_status": r.http_status,
             "detail": text(r.detail)} for r in detail.rechecks
        ],
        "events": [
            {"at": iso(e.at), "actor": text(e.actor), "action": e.action, "from": e.from_status,
             "to": e.to_status, "note": text(e.note)} for e in detail.events
        ],
    }


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
            shown = {**_detail_json(detail, mask), "provenance": provenance_json(chips, niks, mask)}
            runtime.console.file.write(json.dumps(shown, ensure_ascii=False, indent=2))
            runtime.console.file.write("\n")
        else:
            runtime.console.print(_detail_view(detail, mask))
            runtime.console.print(provenance_view(chips, niks, mask))


# --------------------------------------------------------------------------- actions


def _load(session: Any, ids: Iterable[int]) -> list[Alert]:
    try:
        return load_alerts(session, ids)
    except UnknownAlert as exc:
        raise UserError(f"{exc}; nothing changed") from None


def change_status(ids: Iterable[int], to: AlertStatus, *, actor: str, note: str, console: Console) -> None:
    """One transaction around :func:`storage.alerts.move_alerts`; a refusal or a lost race is one line, exit 1."""
    runtime = get_runtime()
    try:
        with runtime.sessions.begin() as session:
            alerts = _load(session, ids)
            moves = move_alerts(session, alerts, to, actor=actor, note=note)
    except (IllegalTransition, AlertChanged) as exc:
        suffix = "; nothing changed" if len(dict.fromkeys(ids)) > 1 else ""
        raise UserError(f"{exc}{suffix}") from None
    for move in moves:
        console.print(f"alert {move.alert_id}: {move.before} -> {move.after}", markup=False, highlight=False)


def _required_note(note: str | None, what: str) -> str:
    text = (note or "").strip()
    if not text:
        raise UserError(f"{what} needs a reason: --note \"...\"")
    return text


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
    runtime = get_runtime()
    change_status(ids, AlertStatus.CONFIRMED, actor=runtime.analyst(actor), note=note.strip(),
                  console=runtime.console)


@alerts_app.command("dismiss")
def dismiss_cmd(
    ids: IdsArgument,
    note: Annotated[str | None, typer.Option("--note", help="Why it is not a blank sale (required).")] = None,
    actor: AsOption = None,
) -> None:
    """Dismiss alerts as false positives (new or confirmed -> dismissed); a reason is required.

    Example: ktpwatch alerts dismiss 13 --note "KTP holder, not a blank"
    """
    runtime = get_runtime()
    change_status(ids, AlertStatus.DISMISSED, actor=runtime.analyst(actor),
                  note=_required_note(note, "dismiss"), console=runtime.console)


@alerts_app.command("reopen")
def reopen_cmd(
    alert_id: Annotated[int, typer.Argument(metavar="ID", help="The alert id.", callback=_checked_ids)],
    note: Annotated[str | None, typer.Option("--note", help="Why it is reopened (required).")] = None,
    actor: AsOption = None,
) -> None:
    """Reopen a dismissed or removed alert (-> new); the only way back, and a reason is required.

    Example: ktpwatch alerts reopen 13 --note "seller now offers blanks in chat"
    """
    runtime = get_runtime()
    change_status([alert_id], AlertStatus.NEW, actor=runtime.analyst(actor),
                  note=_required_note(note, "reopen"), console=runtime.console)


@alerts_app.command("note")
def note_cmd(
    alert_id: Annotated[int, typer.Argument(metavar="ID", help="The alert id.", callback=_checked_ids)],
    text: Annotated[str, typer.Argument(metavar="TEXT", help="The note.")],
    actor: AsOption = None,
) -> None:
    """Add a note to an alert's audit trail.

    Example: ktpwatch alerts note 12 "same WhatsApp number as alert 9"
    """
    if not text.strip():
        raise UserError("the note is empty")
    runtime = get_runtime()
    with runtime.sessions.begin() as session:
        (alert,) = _load(session, [alert_id])
        add_event(session, alert, actor=runtime.analyst(actor), action="note", note=text.strip())
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
    assignee = "" if name.strip() == "-" else safe_text(name)
    if name.strip() != "-" and not assignee:
        raise UserError("the name is empty (use '-' to unassign)")
    runtime = get_runtime()
    try:
        with runtime.sessions.begin() as session:
            (alert,) = _load(session, [alert_id])
            assign_alert(session, alert, assignee, actor=runtime.analyst(actor))
    except AlertChanged as exc:
        raise UserError(str(exc)) from None
    runtime.console.print(f"alert {alert_id}: assigned to {assignee or 'nobody'}",
                          markup=False, highlight=False)


def register(root: typer.Typer) -> None:
    root.add_typer(alerts_app, name="alerts")

