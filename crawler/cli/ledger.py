"""``ktpwatch ledger``: import the issuer's blank-stock ledger and trace a chip UID to it.

The ledger is sensitive (where every blank went), so ``ledger show`` writes an
audit event with the analyst's name each time, like ``alerts show --reveal``.
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Annotated, Any

import typer
from rich.table import Table
from rich.text import Text

from crawler.cli.errors import UserError
from crawler.cli.options import AsOption
from crawler.cli.output import OutputFormat, inert
from crawler.cli.runtime import get_runtime

ledger_app = typer.Typer(
    help="The blank-stock ledger: import the issuer's files, trace a chip UID to its office.",
    no_args_is_help=True,
)


@ledger_app.command("import")
def import_cmd(
    file: Annotated[Path, typer.Argument(metavar="FILE",
                                         help="Ledger file: .csv, .xlsx or .jsonl (headers: [ledger.columns]).")],
    strict: Annotated[bool, typer.Option(
        "--strict", help="Import nothing if any row is rejected (exit 1).")] = False,
    actor: AsOption = None,
) -> None:
    """Import a ledger file: one row per chip or per UID range, with batch, office, dates and status.

    Every rejected row is printed with its reason (bad UID, unknown region,
    overlapping range, status going backwards). Importing the same file again
    changes nothing; a later file may move statuses forward, and each change
    is kept in the entry's history. Each import is recorded with the file's
    SHA-256 and your name.

    Example: ktpwatch ledger import stock-2018.xlsx --strict
    """
    from alerts.provenance.ledger_file import LedgerFileError
    from alerts.provenance.ledger_import import import_ledger

    runtime = get_runtime()
    err = runtime.err_console

    def progress(rows: int) -> None:
        err.print(f"read {rows:,} rows…", highlight=False)

    try:
        with runtime.sessions.begin() as session:
            report = import_ledger(session, file, runtime.settings.ledger, actor=runtime.analyst(actor),
                                   strict=strict, on_progress=progress)
    except (LedgerFileError, UnicodeDecodeError) as exc:
        raise UserError(f"{file}: {exc}") from None
    for rejection in report.rejections:
        err.print(Text(f"row {rejection.row}: rejected: ") + inert(rejection.reason), highlight=False,
                  soft_wrap=True)
    verb = "imported" if report.written else "imported nothing (--strict)"
    runtime.console.print(
        f"{file.name}: {verb}: {report.rows} rows read, {report.new_entries} new entries, "
        f"{report.status_changes} status changes, {report.filled_fields} fields filled, "
        f"{report.unchanged_rows} rows unchanged, {len(report.rejections)} rejected",
        markup=False, highlight=False, soft_wrap=True)
    if report.traces.chips:
        runtime.console.print(
            f"re-traced the {report.traces.chips} chip UIDs already seen in listings: {report.traces.exact} exact, "
            f"{report.traces.fuzzy} fuzzy (OCR confusions), {report.traces.chips - report.traces.traced} not traced",
            markup=False, highlight=False, soft_wrap=True)
    if strict and report.rejections:
        raise typer.Exit(1)


def _entry_json(match: Any, history: list[Any]) -> dict[str, Any]:
    from alerts.provenance.ledger_plan import describe_bounds
    from alerts.provenance.trace import describe_match, office, status_meaning

    entry = match.entry
    found: dict[str, Any] = {"read": match.read, "match": match.kind.value, "detail": describe_match(match)}
    if entry is None:
        return found
    place = office(entry.consignee_code)
    found.update({
        "matched_uid": match.matched_uid, "confidence": match.confidence,
        "substitutions": match.substitutions,
        "entry": describe_bounds(entry.uid_bytes, entry.start, entry.end),
        "serial": entry.serial, "batch": entry.batch, "contract": entry.contract,
        "consignee_code": entry.consignee_code,
        "consignee": place.name if place else "", "province": place.province if place else "",
        "dispatch_date": entry.dispatch_date.isoformat() if entry.dispatch_date else None,
        "status": entry.status,
        "status_date": entry.status_date.isoformat() if entry.status_date else None,
        "meaning": status_meaning(entry.status, entry.status_date),
        "history": [{"status": s, "status_date": d.isoformat() if d else None,
                     "imported_at": at.isoformat(), "source": src} for s, d, at, src in history],
    })
    return found


def _entry_table(found: dict[str, Any]) -> Table:
    table = Table(title=f"Chip {found['read']}", show_header=False)
    table.add_column("field", style="bold")
    table.add_column("value")
    skip = {"history", "read"}
    for key, value in found.items():
        if key not in skip and value not in (None, ""):
            table.add_row(key.replace("_", " "), inert(str(value)))
    for change in found.get("history", []):
        table.add_row("history", inert(f"{change['status']} {change['status_date'] or ''} "
                                       f"(imported {change['imported_at'][:19]}, {change['source']})"))
    return table


@ledger_app.command("show")
def show_cmd(
    uid: Annotated[str, typer.Argument(metavar="UID", help="A chip UID as read (separators and OCR confusions allowed).")],
    fmt: Annotated[OutputFormat, typer.Option("--format", help="table or json.")] = OutputFormat.TABLE,
    actor: AsOption = None,
) -> None:
    """Trace a chip UID to its ledger entry: batch, office, dispatch date, status and history.

    Matched exactly, else allowing OCR confusions (0/O/D, 1/I/L, 8/B, 5/S) when
    exactly one entry is within reach (marked fuzzy, with its confidence).
    Every look is written to the ledger's audit trail with your name.

    Example: ktpwatch ledger show 04:A1:B2:C3:D4:E5:F6 --as ana
    """
    from alerts.provenance.trace import trace_chip
    from storage.ledger import record_ledger_access, status_history

    if fmt is OutputFormat.CSV:
        raise UserError("ledger show prints table or json, not csv")
    runtime = get_runtime()
    analyst = runtime.analyst(actor)
    with runtime.sessions.begin() as session:
        match = trace_chip(session, uid, runtime.settings.ledger)
        history = status_history(session, match.entry.id) if match.entry is not None else []
        record_ledger_access(session, actor=analyst, action="show", subject=uid.strip()[:100],
                             note=f"ledger show: {match.kind.value}")
    found = _entry_json(match, history)
    if fmt is OutputFormat.JSON:
        runtime.console.file.write(json.dumps(found, ensure_ascii=False, indent=2) + "\n")
    else:
        runtime.console.print(_entry_table(found))


def register(root: typer.Typer) -> None:
    """Add the ``ledger`` command group."""
    root.add_typer(ledger_app, name="ledger")
