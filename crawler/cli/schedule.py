"""`ktpwatch schedule run|status`: scheduled scans, follow-ups and evidence retries.

A thin layer over :class:`crawler.schedule.ScheduleService`; tests drive the
service directly.
"""

from __future__ import annotations

import json
import logging
from enum import StrEnum
from typing import Annotated, Any

import typer

from alerts.redaction import redact_value
from crawler.cli.output import OutputFormat, render_rows
from crawler.cli.runtime import get_runtime
from crawler.schedule import ScheduleService, stop_on_signals
from crawler.schedule.status import HEALTH_COLUMNS, JOB_COLUMNS, health_rows, job_rows
from storage.schedule import JobOutcome

schedule_app = typer.Typer(
    help="Run scans, follow-ups and evidence retries on a schedule, and see how they went.",
    no_args_is_help=True,
)


class StatusFormat(StrEnum):
    TABLE = "table"
    JSON = "json"


def _service() -> ScheduleService:
    runtime = get_runtime()
    return ScheduleService(runtime.settings, runtime.engine, config_path=runtime.config_path)


def _log_to_stderr() -> None:
    root = logging.getLogger()
    if not root.handlers:
        logging.basicConfig(
            level=logging.INFO, format="%(asctime)s %(levelname)s %(name)s: %(message)s"
        )
    logging.getLogger("apscheduler").setLevel(logging.WARNING)


@schedule_app.command("run")
def run_cmd(
    once: Annotated[
        bool,
        typer.Option(
            "--once",
            help="Run the jobs that are due (last success older than their interval), then exit "
            "(for cron or a systemd timer).",
        ),
    ] = False,
) -> None:
    """Start the scheduler in the foreground: scans every 72 h by default, follow-ups, evidence retries.

    Jobs are kept in the ktpwatch database, so they survive restarts; a run missed
    while the machine was off runs once when it is back. Two schedulers on one
    database never run the same job twice. SIGTERM or Ctrl-C lets the running job
    stop at a safe point.

    Example: ktpwatch schedule run --once
    """
    _log_to_stderr()
    service = _service()
    console = get_runtime().console
    with stop_on_signals(service.request_stop):
        if not once:
            service.serve()
            return
        reports = service.run_due()
    render_rows(
        [
            {"job": r.job_id, "outcome": r.outcome.value, "new_alerts": r.new_alerts,
             "detail": r.detail}
            for r in reports
        ],
        ("job", "outcome", "new_alerts", "detail"),
        OutputFormat.TABLE,
        console,
        title="schedule run --once",
    )
    if any(r.outcome is JobOutcome.FAILED for r in reports):
        raise typer.Exit(1)


@schedule_app.command("status")
def status_cmd(
    fmt: Annotated[
        StatusFormat, typer.Option("--format", "-f", help="table, or json for scripts.")
    ] = StatusFormat.TABLE,
) -> None:
    """Show each job's last run (start, end, outcome, new alerts) and next run, and scan health.

    Health lists every marketplace in the newest scan that crawled it; "layout or
    access changed" means its items fell to zero or far below its recent median,
    or its error rate jumped; "unreachable" means every request failed without
    an answer (dns, connect, tls or timeout); "not stored" means listings could
    not be written and wait in the spool for the next scan.

    Example: ktpwatch schedule status --format json
    """
    service = _service()
    jobs, health = job_rows(service), health_rows(service)
    console = get_runtime().console
    if fmt is StatusFormat.JSON:
        payload: dict[str, Any] = redact_value({"jobs": jobs, "health": health})
        console.file.write(json.dumps(payload, ensure_ascii=False, indent=2, default=_iso) + "\n")
        return
    title = f"Scheduled jobs (times in {service.tz.key})"
    render_rows(jobs, JOB_COLUMNS, OutputFormat.TABLE, console, title=title)
    if health:
        render_rows(health, HEALTH_COLUMNS, OutputFormat.TABLE, console, title="Scan health")
    else:
        console.print("No finished scan has recorded marketplace health yet.")


def _iso(value: Any) -> Any:
    return value.isoformat() if hasattr(value, "isoformat") else str(value)


def register(root: typer.Typer) -> None:
    root.add_typer(schedule_app, name="schedule")
