"""`ktpwatch followup`: re-check notified listings whose deadline has passed."""

from __future__ import annotations

from datetime import UTC, datetime
from typing import Annotated, Any

import typer

from alerts.followup import RecheckRow, format_duration, run_followup
from alerts.redaction import redact_text
from crawler.cli.errors import UserError
from crawler.cli.options import AsOption
from crawler.cli.output import OutputFormat, inert, render_rows
from crawler.cli.runtime import get_runtime

COLUMNS = (
    "alert_id",
    "marketplace",
    "outcome",
    "status_before",
    "status_after",
    "http_status",
    "reason",
    "next_try",
    "time_to_removal",
    "detail",
    "url",
)


def parse_now(value: str | None) -> datetime:
    """``--now`` as an aware time; a time ahead of the clock is refused (it would date re-checks ahead)."""
    current = datetime.now(UTC)
    if value is None:
        return current
    try:
        parsed = datetime.fromisoformat(value)
    except ValueError:
        raise UserError(f"--now: expected an ISO 8601 time such as 2025-01-31T09:00, got {value!r}") from None
    aware = parsed if parsed.tzinfo else parsed.replace(tzinfo=UTC)
    if aware > current:
        raise UserError(
            f"--now {value} lies in the future: re-checks and removals would be dated ahead of the clock"
        )
    return aware


def _row(row: RecheckRow, checked_at: datetime) -> dict[str, Any]:
    next_try = (checked_at + row.retry_after).isoformat(timespec="seconds") if row.retry_after else ""
    return {
        "alert_id": row.alert_id,
        "marketplace": row.marketplace,
        "outcome": row.outcome,
        "status_before": row.status_before,
        "status_after": row.status_after,
        "http_status": row.http_status,
        "reason": row.reason,
        "attempt": row.attempt,
        "retry_after_seconds": row.retry_after.total_seconds() if row.retry_after else None,
        "next_try": next_try,
        "time_to_removal": format_duration(row.time_to_removal) if row.time_to_removal else "",
        "time_to_removal_seconds": row.time_to_removal.total_seconds() if row.time_to_removal else None,
        "detail": row.detail,
        "evidence": row.evidence,
        "url": row.url,
    }


def followup_cmd(
    now: Annotated[
        str | None,
        typer.Option("--now", help="Re-check as of this past time (ISO 8601, UTC unless an offset is given); never the future."),
    ] = None,
    actor: AsOption = None,
    fmt: Annotated[
        OutputFormat, typer.Option("--format", "-f", help="table, json or csv.")
    ] = OutputFormat.TABLE,
) -> None:
    """Re-fetch every notified listing past its deadline: removed ones close, live ones need escalation.

    Example: ktpwatch followup --format json
    """
    # Imported here: the reader loads the spiders (Scrapy), which other commands do not need.
    from crawler.recheck import SpiderListingReader

    moment = parse_now(now)
    rt = get_runtime()
    who = rt.analyst(actor)

    def progress(row: RecheckRow) -> None:
        if fmt is OutputFormat.TABLE:
            rt.err_console.print(inert(redact_text(f"alert {row.alert_id}: {row.outcome} ({row.detail})")))

    report = run_followup(
        rt.sessions, rt.settings, reader=SpiderListingReader(rt.settings), now=moment, actor=who,
        progress=progress,
    )
    rows = [_row(r, report.checked_at) for r in report.rows]
    if fmt is OutputFormat.TABLE:
        if not rows:
            rt.console.print("No notified listing is past its deadline.")
            return
        render_rows(rows, COLUMNS, fmt, rt.console, title="Follow-up")
        live = report.count("live")
        rt.console.print(
            f"{report.count('removed')} removed, {live} still live, {report.count('unknown')} unknown "
            "(blocked or unreadable: asked again later, never read as live)."
        )
        if live:
            rt.console.print("Draft escalations with `ktpwatch notices draft --escalate`.")
    else:
        render_rows(rows, (*COLUMNS, "attempt", "retry_after_seconds", "evidence"), fmt, rt.console)


def register(root: typer.Typer) -> None:
    root.command("followup")(followup_cmd)
