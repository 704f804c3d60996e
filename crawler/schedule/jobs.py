"""The job table: what runs on a schedule, how often, and the adapters that call it.

The job functions belong to other parts of ktpwatch (the scan, follow-ups,
evidence capture). They are resolved by import path at run time, so the
scheduler works before they land (a missing one is a failed run that says so)
and tests can hand in a job table of their own (:class:`JobSpec` with a
``runner`` path to any ``(JobContext) -> JobResult`` function).
"""

from __future__ import annotations

import importlib
import logging
import threading
from collections.abc import Callable, Iterator, Sequence
from contextlib import contextmanager, suppress
from dataclasses import dataclass, field
from datetime import datetime, timedelta, tzinfo
from pathlib import Path
from typing import Any

import psutil
from apscheduler.triggers.base import BaseTrigger
from apscheduler.triggers.cron import CronTrigger
from apscheduler.triggers.interval import IntervalTrigger
from sqlalchemy.orm import Session, sessionmaker

from config import Settings
from crawler.monitors import stored_health_flags
from storage.schedule import JobOutcome

log = logging.getLogger("ktpwatch.schedule")

SCAN_JOB = "scan"
FOLLOWUP_JOB = "followup"
EVIDENCE_RETRY_JOB = "evidence_retry"
#: How far before its due time a job already counts as due, at most (timer jitter, late fires).
MAX_SLACK = timedelta(minutes=10)
#: Scan statuses that mean the scan did not complete its work.
FAILED_SCAN_STATUSES = frozenset({"failed", "error", "interrupted", "stopped", "aborted", "cancelled"})


class JobUnavailable(RuntimeError):
    """The function a job calls is not installed (yet)."""


@dataclass
class JobContext:
    """What a runner gets: configuration, the database, and a way to hear about shutdown."""

    settings: Settings
    sessions: sessionmaker[Session]
    config_path: Path | None
    owner: str
    stop_requested: threading.Event = field(default_factory=threading.Event)
    job_id: str = ""


@dataclass(frozen=True)
class JobResult:
    outcome: JobOutcome = JobOutcome.OK
    detail: str = ""
    new_alerts: int = 0
    scan_id: int | None = None


Runner = Callable[[JobContext], JobResult]


@dataclass(frozen=True)
class JobSpec:
    """One scheduled job: a stable id (the job-store key), a runner path and a schedule.

    ``cron`` (five fields) wins over ``every`` when set.
    """

    job_id: str
    description: str
    runner: str
    every: timedelta = timedelta(hours=24)
    cron: str = ""

    def trigger(self, tz: tzinfo) -> BaseTrigger:
        if self.cron.strip():
            return CronTrigger.from_crontab(self.cron, timezone=tz)
        return IntervalTrigger(seconds=self.every.total_seconds(), timezone=tz)

    def schedule_text(self) -> str:
        if self.cron.strip():
            return f"cron {self.cron.strip()}"
        hours = self.every.total_seconds() / 3600
        return f"every {hours:g}h" if hours >= 1 else f"every {self.every.total_seconds():g}s"

    def period(self, tz: tzinfo, now: datetime) -> timedelta:
        """The usual time between two runs (for cron: between its next two fire times)."""
        if not self.cron.strip():
            return self.every
        trigger = self.trigger(tz)
        first = trigger.get_next_fire_time(None, now)
        second = trigger.get_next_fire_time(first, first + timedelta(seconds=1)) if first else None
        if first is None or second is None:
            return timedelta(days=365)
        return second - first

    def slack(self, tz: tzinfo, now: datetime) -> timedelta:
        return min(self.period(tz, now) / 2, MAX_SLACK)

    def next_due(self, last_ok_start: datetime | None, tz: tzinfo) -> datetime | None:
        """When the job is next due after a successful run that started then; None: due now."""
        if last_ok_start is None:
            return None
        if not self.cron.strip():
            return last_ok_start + self.every
        return self.trigger(tz).get_next_fire_time(None, last_ok_start + timedelta(seconds=1))

    def is_due(self, last_ok_start: datetime | None, now: datetime, tz: tzinfo) -> bool:
        due = self.next_due(last_ok_start, tz)
        return due is None or due - self.slack(tz, now) <= now


def default_jobs(settings: Settings) -> list[JobSpec]:
    """The jobs ``ktpwatch schedule run`` keeps: scan, follow-up and evidence retry."""
    sched = settings.schedule
    return [
        JobSpec(
            job_id=SCAN_JOB,
            description="scan every enabled marketplace",
            runner="crawler.schedule.jobs:run_scan_job",
            every=timedelta(hours=sched.scan_every_hours),
            cron=sched.scan_cron,
        ),
        JobSpec(
            job_id=FOLLOWUP_JOB,
            description="re-check notified listings after their deadline",
            runner="crawler.schedule.jobs:run_followup_job",
            every=timedelta(hours=sched.followup_every_hours),
        ),
        JobSpec(
            job_id=EVIDENCE_RETRY_JOB,
            description="retry evidence captures that failed",
            runner="crawler.schedule.jobs:run_evidence_retry_job",
            every=timedelta(hours=sched.evidence_retry_every_hours),
        ),
    ]


def resolve(path: str) -> Any:
    """Import ``module:attribute`` (or ``module.attribute``); :class:`JobUnavailable` when missing."""
    module_name, sep, attr = path.partition(":")
    if not sep:
        module_name, _, attr = path.rpartition(".")
    try:
        module = importlib.import_module(module_name)
    except ImportError as exc:
        raise JobUnavailable(f"{path} is not available: {exc}") from None
    try:
        return getattr(module, attr)
    except AttributeError:
        raise JobUnavailable(f"{path} is not available: {module_name} has no {attr}") from None


def find_spec(jobs: Sequence[JobSpec], job_id: str) -> JobSpec:
    for spec in jobs:
        if spec.job_id == job_id:
            return spec
    raise KeyError(f"unknown job {job_id!r}; known: {', '.join(s.job_id for s in jobs)}")


@contextmanager
def stop_children_on_shutdown(ctx: JobContext) -> Iterator[None]:
    """While the block runs, SIGTERM child processes it starts once shutdown is requested.

    The scan runs in a child process that stops cleanly on SIGTERM; a
    ``kill`` sent to the scheduler alone (or systemd's ``KillMode=mixed``)
    reaches it through here.
    """
    me = psutil.Process()
    before = {p.pid for p in me.children()}
    done = threading.Event()

    def watch() -> None:
        while not done.is_set():
            if ctx.stop_requested.wait(0.2):
                for child in me.children():
                    if child.pid not in before:
                        log.info("shutdown: asking child process %s to stop", child.pid)
                        with suppress(psutil.Error):
                            child.terminate()
                return

    watcher = threading.Thread(target=watch, name="stop-children", daemon=True)
    watcher.start()
    try:
        yield
    finally:
        done.set()
        watcher.join(timeout=1)


def _short(value: Any, limit: int = 300) -> str:
    """A one-line summary of a job's return value (dict or dataclass; lists as counts)."""
    if hasattr(value, "__dataclass_fields__"):
        value = {k: getattr(value, k) for k in value.__dataclass_fields__}
    if isinstance(value, dict):
        parts = []
        for key, item in value.items():
            if isinstance(item, (list, tuple)):
                parts.append(f"{key}={len(item)}")
            elif not isinstance(item, dict):
                parts.append(f"{key}={item}")
        text = ", ".join(parts)
    else:
        text = "" if value is None else str(value)
    return text if len(text) <= limit else text[: limit - 1] + "…"


def run_scan_job(ctx: JobContext) -> JobResult:
    """One scan in a child process, then its health flags to the scheduler's log.

    The scan itself stores the flags and posts them (with its new alerts) to
    the webhook, so this only makes them visible where the daemon logs.
    """
    from crawler.scan.options import ScanOptions

    run_scan = resolve("crawler.scan:run_scan_subprocess")
    with stop_children_on_shutdown(ctx):
        summary: dict[str, Any] = run_scan(
            ScanOptions(trigger="schedule"),
            config_path=str(ctx.config_path) if ctx.config_path else None,
        )
    scan_id = summary.get("scan_id")
    status = str(summary.get("status", "unknown"))
    new_alerts = int(summary.get("new_alerts") or 0)
    flags = []
    if scan_id is not None:
        with ctx.sessions() as session:
            flags = stored_health_flags(session, int(scan_id))
        for flag in flags:
            log.warning("scan %s: %s: %s", scan_id, flag.marketplace, flag.message)
    # A scan cut short by shutdown counts as failed whatever it reports, so it
    # runs again when the scheduler is back instead of waiting a whole interval.
    # Unstored listings (spooled) also count as failed: the next run stores them first.
    problems = [str(p) for p in summary.get("problems") or []]
    unstored = any(int(m.get("store_errors") or 0) for m in summary.get("marketplaces") or [])
    failed = status in FAILED_SCAN_STATUSES or ctx.stop_requested.is_set() or unstored
    detail = f"scan {scan_id}: {status}, {new_alerts} new alerts"
    if flags:
        detail += f", {len(flags)} health flags ({', '.join(sorted({f.marketplace for f in flags}))})"
    if problems:
        detail += "; problems: " + "; ".join(problems)
    return JobResult(
        outcome=JobOutcome.FAILED if failed else JobOutcome.OK,
        detail=detail,
        new_alerts=new_alerts,
        scan_id=int(scan_id) if scan_id is not None else None,
    )


def run_followup_job(ctx: JobContext) -> JobResult:
    """Re-check listings whose takedown deadline passed (``alerts.followup.run_followup``)."""
    followup = resolve("alerts.followup:run_followup")
    reader = resolve("crawler.recheck:SpiderListingReader")(ctx.settings)
    return JobResult(detail=_short(followup(ctx.sessions, ctx.settings, reader=reader)))


def run_evidence_retry_job(ctx: JobContext) -> JobResult:
    """Retry pending evidence captures (``alerts.evidence.capture_pending_sync``).

    A retry in which any capture failed is a failed run, as a scan with failed
    evidence is: ``schedule status`` must not show it as OK.
    """
    capture = resolve("alerts.evidence:capture_pending_sync")
    report = capture(ctx.sessions, ctx.settings)
    return JobResult(outcome=JobOutcome.FAILED if report.failed else JobOutcome.OK, detail=_short(report))
