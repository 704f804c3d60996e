"""The scheduler process: APScheduler 3.x in the foreground, jobs kept in the ktpwatch database.

Jobs live in APScheduler's SQLAlchemy job store (table ``apscheduler_jobs``,
left out of our Alembic migrations) under stable ids, so they survive a
restart. On start the job table is reconciled with the store: a job whose
schedule did not change keeps its stored next run time — which is how a run
missed while the machine was off runs once when it comes back (``coalesce``,
``misfire_grace_seconds``) — unless its run history says it is due sooner (its
last run failed or was cut short by a shutdown). A new or changed job is
(re)added with ``replace_existing``, its first run placed from its run history.

Every fire goes through :func:`crawler.schedule.guard.run_guarded` (lease +
JobRun row), which is what makes two schedulers on one database safe:
APScheduler itself does not support sharing a job store.

Shutdown (SIGTERM/SIGINT, :meth:`ScheduleService.request_stop`): the running
job is told through ``stop_requested`` (the scan's child process gets
SIGTERM), the scheduler shuts down waiting for it, and its JobRun row is
closed before the process exits. A second signal exits at once.
"""

from __future__ import annotations

import logging
import os
import signal
import socket
import threading
import uuid
from collections.abc import Callable, Iterator, Sequence
from contextlib import contextmanager
from datetime import UTC, datetime, timedelta
from pathlib import Path
from types import FrameType
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

from apscheduler.executors.pool import ThreadPoolExecutor
from apscheduler.jobstores.sqlalchemy import SQLAlchemyJobStore
from apscheduler.schedulers import SchedulerNotRunningError
from apscheduler.schedulers.blocking import BlockingScheduler
from sqlalchemy import Engine, inspect, select
from sqlalchemy.exc import DBAPIError

from config import ConfigError, Settings
from crawler.schedule.guard import DEFAULT_LEASE_TTL, RunReport, run_guarded
from crawler.schedule.jobs import JobContext, JobSpec, default_jobs, find_spec
from storage.schedule import JobOutcome, last_run
from storage.session import make_session_factory

log = logging.getLogger("ktpwatch.schedule")

JOBS_TABLE = "apscheduler_jobs"

#: The service whose scheduler runs in this process; stored jobs call back into it.
_ACTIVE: ScheduleService | None = None


def fire(job_id: str) -> None:
    """What the job store's rows point at (``crawler.schedule.service:fire``)."""
    service = _ACTIVE
    if service is None:
        log.error("job %s fired with no scheduler service active in this process", job_id)
        return
    service.run_job(job_id)


def make_owner() -> str:
    """Who runs a job, as recorded in leases and JobRun rows: host, pid and a nonce."""
    return f"{socket.gethostname()}:{os.getpid()}:{uuid.uuid4().hex[:6]}"


def schedule_timezone(settings: Settings) -> ZoneInfo:
    name = settings.schedule.timezone
    try:
        return ZoneInfo(name)
    except (ZoneInfoNotFoundError, ValueError):
        raise ConfigError(f"schedule.timezone: unknown time zone {name!r}") from None


def job_store(engine: Engine) -> SQLAlchemyJobStore:
    """APScheduler's store in the ktpwatch database, its table created if missing.

    Two schedulers starting at once may both try to create the table; the
    loser's error is harmless when the table exists afterwards.
    """
    store = SQLAlchemyJobStore(engine=engine, tablename=JOBS_TABLE)
    try:
        store.jobs_t.create(engine, checkfirst=True)
    except DBAPIError:
        if not inspect(engine).has_table(JOBS_TABLE):
            raise
    return store


def stored_next_runs(engine: Engine) -> dict[str, datetime | None]:
    """Next run time of every job in the job store (empty when no scheduler ever ran)."""
    if not inspect(engine).has_table(JOBS_TABLE):
        return {}
    table = job_store(engine).jobs_t
    with engine.connect() as conn:
        rows = conn.execute(select(table.c.id, table.c.next_run_time)).all()
    return {
        str(job_id): datetime.fromtimestamp(ts, UTC) if ts is not None else None
        for job_id, ts in rows
    }


class ScheduleService:
    """The scheduled jobs of one ktpwatch deployment, runnable as a daemon or once."""

    def __init__(
        self,
        settings: Settings,
        engine: Engine,
        jobs: Sequence[JobSpec] | None = None,
        *,
        config_path: Path | None = None,
        owner: str | None = None,
        lease_ttl: timedelta = DEFAULT_LEASE_TTL,
    ) -> None:
        self.settings = settings
        self.engine = engine
        self.jobs = list(jobs) if jobs is not None else default_jobs(settings)
        self.tz = schedule_timezone(settings)
        self.sessions = make_session_factory(engine)
        self.lease_ttl = lease_ttl
        self.stop_requested = threading.Event()
        self.ctx = JobContext(
            settings=settings,
            sessions=self.sessions,
            config_path=config_path,
            owner=owner or make_owner(),
            stop_requested=self.stop_requested,
        )
        self._lock = threading.RLock()  # RLock: request_stop runs inside signal handlers
        self._scheduler: BlockingScheduler | None = None
        self._served = threading.Event()

    # -- one run ----------------------------------------------------------------------------

    def run_job(self, job_id: str) -> RunReport:
        """Run one job now under its lease (skipped when another process holds it or ran it)."""
        return run_guarded(self.ctx, find_spec(self.jobs, job_id), self.tz, lease_ttl=self.lease_ttl)

    def next_due(self, spec: JobSpec) -> datetime | None:
        """When ``spec`` is due by its run history (None: due now, it never succeeded)."""
        with self.sessions() as session:
            last_ok = last_run(session, spec.job_id, outcomes=(JobOutcome.OK.value,))
        return spec.next_due(last_ok.started_at if last_ok else None, self.tz)

    def run_due(self, *, now: datetime | None = None) -> list[RunReport]:
        """``schedule run --once``: run every job whose last success is older than its period."""
        now = now or datetime.now(UTC)
        reports: list[RunReport] = []
        for spec in self.jobs:
            if self.stop_requested.is_set():
                reports.append(RunReport(spec.job_id, JobOutcome.SKIPPED, "shutting down"))
                continue
            due = self.next_due(spec)
            if due is not None and due - spec.slack(self.tz, now) > now:
                when = due.astimezone(self.tz).strftime("%Y-%m-%d %H:%M %Z")
                reports.append(RunReport(spec.job_id, JobOutcome.SKIPPED, f"not due until {when}"))
                continue
            reports.append(self._run_in_worker(spec.job_id))
        return reports

    def _run_in_worker(self, job_id: str) -> RunReport:
        """Run a job in a worker thread, as the daemon does, while this thread handles signals.

        The same thread layout in both modes means a job sees shutdown the same
        way (``stop_requested``; children get SIGTERM from the job's watcher).
        """
        outcome: list[RunReport | BaseException] = []

        def work() -> None:
            try:
                outcome.append(self.run_job(job_id))
            except BaseException as exc:  # handed to the calling thread below
                outcome.append(exc)

        worker = threading.Thread(target=work, name=f"job-{job_id}")
        worker.start()
        while worker.is_alive():
            worker.join(0.2)
        result = outcome[0]
        if isinstance(result, BaseException):
            raise result
        return result

    # -- the daemon -------------------------------------------------------------------------

    def _build_scheduler(self) -> tuple[BlockingScheduler, SQLAlchemyJobStore]:
        sched = self.settings.schedule
        scheduler = BlockingScheduler(
            timezone=self.tz,
            executors={"default": ThreadPoolExecutor(max_workers=max(1, len(self.jobs)))},
            job_defaults={
                "coalesce": sched.coalesce,
                "misfire_grace_time": sched.misfire_grace_seconds,
                "max_instances": 1,
            },
        )
        store = job_store(self.engine)
        store.start(scheduler, "default")
        scheduler.add_jobstore(store, "default")
        return scheduler, store

    def _reconcile(self, scheduler: BlockingScheduler, store: SQLAlchemyJobStore) -> None:
        """Make the job store hold exactly this job table, keeping unchanged jobs' next runs."""
        existing = {job.id: job for job in store.get_all_jobs()}
        now = datetime.now(self.tz)
        for spec in self.jobs:
            trigger = spec.trigger(self.tz)
            old = existing.pop(spec.job_id, None)
            due = self.next_due(spec)
            by_history = now if due is None or due <= now else due.astimezone(self.tz)
            if old is not None and str(old.trigger) == str(trigger) and str(
                getattr(old.trigger, "timezone", "")
            ) == str(self.tz):
                # Keep the stored time (a past one is a missed run: APScheduler runs it once
                # within the misfire grace), unless the history says the job is due sooner:
                # a run that failed or was cut short by shutdown is retried on restart.
                stored = old.next_run_time
                next_run = stored if stored is not None and stored <= by_history else by_history
                log.info("job %s: kept from the job store, next run %s", spec.job_id, next_run)
            else:
                next_run = by_history
                log.info("job %s: scheduled %s, next run %s", spec.job_id, spec.schedule_text(),
                         next_run)
            scheduler.add_job(
                fire,
                trigger=trigger,
                args=[spec.job_id],
                id=spec.job_id,
                name=spec.description,
                replace_existing=True,
                next_run_time=next_run,
            )
        for stale in existing:
            log.info("job %s: no longer configured, removed from the job store", stale)
            store.remove_job(stale)

    def serve(self) -> None:
        """Run the scheduler in the foreground until :meth:`request_stop` (or a signal)."""
        global _ACTIVE
        if _ACTIVE is not None:
            raise RuntimeError("a scheduler is already running in this process")
        scheduler, store = self._build_scheduler()
        self._reconcile(scheduler, store)
        with self._lock:
            if self.stop_requested.is_set():
                return
            self._scheduler = scheduler
            _ACTIVE = self
        try:
            log.info("scheduler started (%s, %d jobs)", self.ctx.owner, len(self.jobs))
            scheduler.start()
        finally:
            _ACTIVE = None
            self._served.set()
            log.info("scheduler stopped")

    def request_stop(self) -> None:
        """Ask for a clean stop: the running job finishes at a safe point, then the scheduler ends."""
        with self._lock:
            first = not self.stop_requested.is_set()
            self.stop_requested.set()
            scheduler = self._scheduler
        if first and scheduler is not None:
            threading.Thread(
                target=self._shutdown, args=(scheduler,), name="scheduler-shutdown"
            ).start()

    def _shutdown(self, scheduler: BlockingScheduler) -> None:
        # start() may not have switched the scheduler to running yet: wait for it.
        while not self._served.is_set():
            try:
                scheduler.shutdown(wait=True)
                return
            except SchedulerNotRunningError:
                self._served.wait(0.05)


@contextmanager
def stop_on_signals(request_stop: Callable[[], None]) -> Iterator[None]:
    """SIGTERM/SIGINT ask for a clean stop; a second one exits at once."""
    received = 0

    def handler(signum: int, _frame: FrameType | None) -> None:
        nonlocal received
        received += 1
        if received > 1:
            log.error("second %s: exiting without waiting", signal.Signals(signum).name)
            os._exit(128 + signum)
        log.warning(
            "%s received: letting the running job stop at a safe point", signal.Signals(signum).name
        )
        request_stop()

    previous = {sig: signal.signal(sig, handler) for sig in (signal.SIGTERM, signal.SIGINT)}
    try:
        yield
    finally:
        for sig, old in previous.items():
            signal.signal(sig, old)
