"""``ktpwatch report``: what the watch achieved, per marketplace, for supervisors and for tuning.

Opened, confirmed and dismissed alerts (confirmed / decided is the precision
analysts observe), notices sent, removals, relistings, follow-up re-checks that
could not decide (blocked, captcha, unreadable), and how long it took
from the first sighting to the notice and from the notice to the removal
(median and 90th percentile), with a text chart of alerts opened per week.
"""

from __future__ import annotations

import json
from dataclasses import asdict
from typing import Annotated, Any

import typer
from rich.console import Group
from rich.text import Text

from alerts.redaction import redact_value
from crawler.cli.alerts import parse_since
from crawler.cli.output import Column, OutputFormat, fitted_table, render_rows
from crawler.cli.runtime import get_runtime
from storage.alerts import ActivityReport, WeekCount, activity_report

COLUMNS = (
    "marketplace", "opened", "confirmed", "dismissed", "precision", "notices_sent", "removed",
    "relistings", "unknown_rechecks", "first_seen_to_notice_median_hours", "first_seen_to_notice_p90_hours",
    "notice_to_removal_median_hours", "notice_to_removal_p90_hours",
)
#: the table's columns in the order a supervisor needs them: on a narrow terminal the
#: counts and precision show first, the times as the width allows
TABLE_COLUMNS = (
    Column("marketplace"), Column("opened", justify="right"), Column("confirmed", justify="right"),
    Column("dismissed", justify="right"), Column("precision", justify="right"),
    Column("notices_sent", "notices", justify="right"), Column("removed", justify="right"),
    Column("first_seen_to_notice_median_hours", "to notice\nmedian h", justify="right"),
    Column("notice_to_removal_median_hours", "to removal\nmedian h", justify="right"),
    Column("relistings", "relisted", justify="right"),
    Column("unknown_rechecks", "re-checks\nunknown", justify="right"),
    Column("first_seen_to_notice_p90_hours", "to notice\np90 h", justify="right"),
    Column("notice_to_removal_p90_hours", "to removal\np90 h", justify="right"),
)
BAR_WIDTH = 40


def week_chart(weeks: list[WeekCount], *, width: int = BAR_WIDTH) -> list[str]:
    """One line per week: ``2025-03-03 ████████ 12`` scaled so the busiest week fills ``width``."""
    peak = max((w.opened for w in weeks), default=0)
    lines = []
    for week in weeks:
        size = 0 if peak == 0 else round(week.opened * width / peak)
        bar = "█" * size if size or not week.opened else "▏"
        lines.append(f"{week.week.isoformat()}  {bar:<{width}} {week.opened}")
    return lines


def _cell(value: Any) -> str:
    if value is None:
        return "-"
    if isinstance(value, float):
        return f"{value:.2f}" if value <= 1.0 and value != 0 else f"{value:.1f}"
    return str(value)


def _table(report: ActivityReport, width: int) -> Group:
    """The per-marketplace table with the columns that fit ``width``, and the weekly chart."""
    since = report.since.strftime("%Y-%m-%d %H:%M UTC") if report.since else "the beginning"
    rows = [{k: _cell(v) for k, v in asdict(row).items()} for row in [*report.marketplaces, report.total]]
    table = fitted_table(rows, TABLE_COLUMNS, width, title=f"Alerts opened since {since}", display_order=COLUMNS)
    table.title_justify = "left"
    if table.rows:
        table.rows[-1].style = "bold"  # the total
    chart = Text("\n".join(["Alerts opened per week (week starting)", *week_chart(report.weeks)]))
    return Group(table, chart)


def report_cmd(
    since: Annotated[str | None, typer.Option(
        "--since", help="Alerts opened since: 30d, 12w or a date (default: all).")] = None,
    fmt: Annotated[OutputFormat, typer.Option(
        "--format", help="table, json (whole report) or csv (marketplace rows).")] = OutputFormat.TABLE,
) -> None:
    """Per-marketplace outcomes: opened, confirmed, dismissed, notices, removals, times, relistings.

    Times are hours from the first sighting to the notice and from the notice to the
    removal (median and 90th percentile); precision is confirmed / (confirmed + dismissed).

    Example: ktpwatch report --since 90d --format json
    """
    runtime = get_runtime()
    start = parse_since(since) if since else None
    with runtime.sessions() as session:
        report = activity_report(session, since=start)
    if fmt is OutputFormat.TABLE:
        runtime.console.print(_table(report, runtime.console.width))
    elif fmt is OutputFormat.JSON:
        runtime.console.file.write(json.dumps(redact_value(asdict(report)), ensure_ascii=False, indent=2, default=str))
        runtime.console.file.write("\n")
    else:
        rows = [asdict(row) for row in [*report.marketplaces, report.total]]
        render_rows(rows, COLUMNS, fmt, runtime.console)


def register(root: typer.Typer) -> None:
    root.command("report")(report_cmd)
