"""Run one job under its lease, with a JobRun row: never twice, never half-recorded.

Every run, whether fired by the APScheduler daemon or by ``schedule run
--once``, goes through :func:`run_guarded`:

1. take the job's lease atomically (``storage.schedule.acquire_lease``); a
   loser records a ``skipped`` run and does nothing;
2. with the lease held, look at the job's history: a job that another
   scheduler ran a moment ago (successfully, or failed within the slack) is no
   longer due and is skipped — this is what stops two schedulers that fire the
   same occurrence a second apart from both running it;
3. close ``running`` rows left by a dead process, insert a ``running`` row,
   run the job while a heartbeat keeps the lease alive, close the row with
   its outcome, give the lease back.

The lease has a short time-to-live renewed by the heartbeat, so a scheduler
that dies (power loss, SIGKILL) blocks the job for at most one TTL.
"""

from __future__ import annotations

import logging
import threading
from dataclasses import dataclass
from datetime import datetime, timedelta, tzinfo

from crawler.schedule.jobs import JobContext, JobResult, JobSpec, JobUnavailable, Runner, resolve
from storage.models import utcnow
from storage.schedule import (
    JobOutcome,
    abandon_running_runs,
    acquire_lease,
    finish_job_run,
    last_run,
    lease_holder,
    record_skipped_run,
    release_lease,
    renew_lease,
    start_job_run,
)

log = logging.getLogger("ktpwatch.schedule")

DEFAULT_LEASE_TTL = timedelta(minutes=5)


@dataclass(frozen=True)
class RunReport:
    """What happened to one attempt to run a job (for logs and ``--once`` output)."""

    job_id: str
    outcome: JobOutcome
    detail: str
    run_id: int | None = None
    new_alerts: int = 0


def lease_name(job_id: str) -> str:
    return f"job:{job_id}"


def _skip(ctx: JobContext, spec: JobSpec, detail: str) -> RunReport:
    with ctx.sessions.begin() as session:
        record_skipped_run(session, spec.job_id, ctx.owner, detail)
    log.info("job %s skipped: %s", spec.job_id, detail)
    return RunReport(spec.job_id, JobOutcome.SKIPPED, detail)


def _why_not_now(ctx: JobContext, spec: JobSpec, tz: tzinfo, now: datetime) -> str | None:
    """A reason to skip this run although we hold the lease, or None to run it."""
    if ctx.stop_requested.is_set():
        return "scheduler is shutting down"
    with ctx.sessions() as session:
        last_ok = last_run(session, spec.job_id, outcomes=(JobOutcome.OK.value,))
        last_any = last_run(
            session, spec.job_id, outcomes=(JobOutcome.OK.value, JobOutcome.FAILED.value)
        )
    if last_ok is not None and not spec.is_due(last_ok.started_at, now, tz):
        return (
            f"not due: last successful run started {last_ok.started_at:%Y-%m-%d %H:%M:%S} UTC "
            f"by {last_ok.owner}"
        )
    if last_any is not None and last_any.started_at > now - spec.slack(tz, now):
        return f"already ran at {last_any.started_at:%Y-%m-%d %H:%M:%S} UTC by {last_any.owner}"
    return None


class _Heartbeat:
    """Renews the lease every third of its TTL while the job runs."""

    def __init__(self, ctx: JobContext, name: str, ttl: timedelta) -> None:
        self._ctx, self._name, self._ttl = ctx, name, ttl
        self._done = threading.Event()
        self._thread = threading.Thread(target=self._beat, name=f"lease-{name}", daemon=True)

    def _beat(self) -> None:
        while not self._done.wait(self._ttl.total_seconds() / 3):
            try:
                with self._ctx.sessions.begin() as session:
                    kept = renew_lease(session, self._name, self._ctx.owner, self._ttl)
                if not kept:
                    log.error("lease %s was lost while the job still runs", self._name)
            except Exception as exc:  # keep beating: the database may come back
                log.warning("could not renew lease %s: %s", self._name, exc)

    def __enter__(self) -> _Heartbeat:
        self._thread.start()
        return self

    def __exit__(self, *exc: object) -> None:
        self._done.set()
        self._thread.join(timeout=5)


def run_guarded(
    ctx: JobContext,
    spec: JobSpec,
    tz: tzinfo,
    *,
    lease_ttl: timedelta = DEFAULT_LEASE_TTL,
    now: datetime | None = None,
) -> RunReport:
    """Run ``spec`` once if this process wins its lease and the job is due; see the module doc."""
    now = now or utcnow()
    name = lease_name(spec.job_id)
    with ctx.sessions.begin() as session:
        won = acquire_lease(session, name, ctx.owner, lease_ttl, now=now)
    if not won:
        with ctx.sessions() as session:
            holder = lease_holder(session, name)
        held_by = f"{holder.owner} until {holder.expires_at:%H:%M:%S} UTC" if holder else "another"
        return _skip(ctx, spec, f"lease held by {held_by}")
    try:
        reason = _why_not_now(ctx, spec, tz, now)
        if reason is not None:
            return _skip(ctx, spec, reason)
        return _execute(ctx, spec, name, lease_ttl)
    finally:
        with ctx.sessions.begin() as session:
            release_lease(session, name, ctx.owner)


def _execute(ctx: JobContext, spec: JobSpec, name: str, lease_ttl: timedelta) -> RunReport:
    with ctx.sessions.begin() as session:
        abandoned = abandon_running_runs(
            session, spec.job_id, "abandoned: the process running it stopped without finishing"
        )
        run_id = start_job_run(session, spec.job_id, ctx.owner)
    if abandoned:
        log.warning("job %s: marked %d abandoned run(s) failed", spec.job_id, abandoned)
    log.info("job %s started (run %s, %s)", spec.job_id, run_id, ctx.owner)
    job_ctx = JobContext(
        settings=ctx.settings,
        sessions=ctx.sessions,
        config_path=ctx.config_path,
        owner=ctx.owner,
        stop_requested=ctx.stop_requested,
        job_id=spec.job_id,
    )
    result = JobResult(JobOutcome.FAILED, "interrupted before it finished")
    try:
        with _Heartbeat(ctx, name, lease_ttl):
            runner: Runner = resolve(spec.runner)
            result = runner(job_ctx)
    except JobUnavailable as exc:
        log.error("job %s cannot run: %s", spec.job_id, exc)
        result = JobResult(JobOutcome.FAILED, str(exc))
    except Exception as exc:
        log.exception("job %s failed", spec.job_id)
        result = JobResult(JobOutcome.FAILED, f"{type(exc).__name__}: {exc}")
    finally:  # also on KeyboardInterrupt/SystemExit: the row never stays "running"
        detail = result.detail
        if ctx.stop_requested.is_set():
            detail = f"{detail} (shutdown requested during the run)".strip()
        with ctx.sessions.begin() as session:
            finish_job_run(
                session,
                run_id,
                outcome=result.outcome,
                detail=detail,
                new_alerts=result.new_alerts,
                scan_id=result.scan_id,
            )
    log.info("job %s finished: %s %s", spec.job_id, result.outcome.value, detail)
    return RunReport(spec.job_id, result.outcome, detail, run_id, result.new_alerts)
