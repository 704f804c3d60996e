"""Queries behind scheduled jobs: leases, job runs and the scan-health history.

Two schedulers may share one database (a daemon and a systemd timer, or two
hosts). A :class:`Lease` row is what keeps them from running the same job at
once: it is taken with one atomic statement (``INSERT … ON CONFLICT DO
NOTHING``, else a conditional ``UPDATE`` of an expired lease) so the database,
not the Python code, decides who wins — on SQLite and PostgreSQL alike.

Every writer here starts its transaction with a write statement and never
reads first: in SQLite's WAL mode a transaction that read and then writes after
another process committed fails at once with "database is locked" instead of
waiting, so read-then-write sequences are split by the callers.

Like every ``storage`` module these functions take a session and never commit.
"""

from __future__ import annotations

import enum
from collections.abc import Collection
from datetime import datetime, timedelta
from typing import Any, cast

from sqlalchemy import CursorResult, delete, func, insert, or_, select, update
from sqlalchemy.exc import IntegrityError
from sqlalchemy.orm import Session

from storage.listings import insert_ignoring_conflicts
from storage.models import JobRun, Lease, Scan, ScanMarketplaceStat, utcnow


class JobOutcome(enum.StrEnum):
    RUNNING = "running"
    OK = "ok"
    FAILED = "failed"
    SKIPPED = "skipped"


#: Outcomes of runs that actually executed the job (skipped ones did not).
EXECUTED = (JobOutcome.RUNNING.value, JobOutcome.OK.value, JobOutcome.FAILED.value)


def _rowcount(result: Any) -> int:
    return int(cast(CursorResult[Any], result).rowcount)


def acquire_lease(
    session: Session, name: str, owner: str, ttl: timedelta, *, now: datetime | None = None
) -> bool:
    """Take lease ``name`` for ``owner`` until ``now + ttl``; True when this owner holds it.

    Succeeds when nobody holds it, when the holder's lease expired, or when
    ``owner`` already holds it (that renews it).
    """
    now = now or utcnow()
    values = {"name": name, "owner": owner, "acquired_at": now, "expires_at": now + ttl}
    dialect = session.get_bind().dialect.name
    if dialect in ("sqlite", "postgresql"):
        stmt = insert_ignoring_conflicts(session, Lease, ["name"]).values(**values)
        if _rowcount(session.execute(stmt)) == 1:
            return True
    else:  # other backends: a savepoint catches the duplicate key
        try:
            with session.begin_nested():
                session.execute(insert(Lease).values(**values))
            return True
        except IntegrityError:
            pass
    taken = session.execute(
        update(Lease)
        .where(Lease.name == name, or_(Lease.expires_at < now, Lease.owner == owner))
        .values(owner=owner, acquired_at=now, expires_at=now + ttl)
    )
    return _rowcount(taken) == 1


def renew_lease(
    session: Session, name: str, owner: str, ttl: timedelta, *, now: datetime | None = None
) -> bool:
    """Push the expiry of a lease this owner holds; False when it was lost meanwhile."""
    now = now or utcnow()
    renewed = session.execute(
        update(Lease)
        .where(Lease.name == name, Lease.owner == owner)
        .values(expires_at=now + ttl)
    )
    return _rowcount(renewed) == 1


def release_lease(session: Session, name: str, owner: str) -> bool:
    """Give the lease back (only the holder can); True when a row was removed."""
    gone = session.execute(delete(Lease).where(Lease.name == name, Lease.owner == owner))
    return _rowcount(gone) == 1


def lease_holder(session: Session, name: str) -> Lease | None:
    return session.get(Lease, name)


def start_job_run(
    session: Session, job_id: str, owner: str, *, now: datetime | None = None
) -> int:
    """Insert a ``running`` row for this run and return its id."""
    result = session.execute(
        insert(JobRun)
        .values(
            job_id=job_id,
            owner=owner,
            started_at=now or utcnow(),
            outcome=JobOutcome.RUNNING.value,
            detail="",
            new_alerts=0,
        )
        .returning(JobRun.id)
    )
    return int(result.scalar_one())


def finish_job_run(
    session: Session,
    run_id: int,
    *,
    outcome: JobOutcome,
    detail: str = "",
    new_alerts: int = 0,
    scan_id: int | None = None,
    now: datetime | None = None,
) -> None:
    """Close a run with its outcome (one UPDATE, no read first)."""
    session.execute(
        update(JobRun)
        .where(JobRun.id == run_id)
        .values(
            finished_at=now or utcnow(),
            outcome=outcome.value,
            detail=detail,
            new_alerts=new_alerts,
            scan_id=scan_id,
        )
    )


def record_skipped_run(
    session: Session, job_id: str, owner: str, detail: str, *, now: datetime | None = None
) -> None:
    """A run that did not execute (lease held elsewhere, already ran, shutting down)."""
    now = now or utcnow()
    session.execute(
        insert(JobRun).values(
            job_id=job_id,
            owner=owner,
            started_at=now,
            finished_at=now,
            outcome=JobOutcome.SKIPPED.value,
            detail=detail,
            new_alerts=0,
        )
    )


def abandon_running_runs(
    session: Session, job_id: str, detail: str, *, now: datetime | None = None
) -> int:
    """Mark ``running`` rows of ``job_id`` failed; call only while holding the job's lease.

    A live runner always holds the lease, so a ``running`` row seen by the new
    lease holder belongs to a process that died (power loss, SIGKILL).
    """
    result = session.execute(
        update(JobRun)
        .where(JobRun.job_id == job_id, JobRun.outcome == JobOutcome.RUNNING.value)
        .values(outcome=JobOutcome.FAILED.value, finished_at=now or utcnow(), detail=detail)
    )
    return _rowcount(result)


def last_run(
    session: Session, job_id: str, *, outcomes: Collection[str] = EXECUTED
) -> JobRun | None:
    """The most recently started run of ``job_id`` whose outcome is one of ``outcomes``."""
    stmt = (
        select(JobRun)
        .where(JobRun.job_id == job_id, JobRun.outcome.in_(list(outcomes)))
        .order_by(JobRun.started_at.desc(), JobRun.id.desc())
        .limit(1)
    )
    return session.scalars(stmt).first()


def job_runs(session: Session, job_id: str, *, limit: int = 20) -> list[JobRun]:
    """Newest first, skipped runs included."""
    stmt = (
        select(JobRun)
        .where(JobRun.job_id == job_id)
        .order_by(JobRun.started_at.desc(), JobRun.id.desc())
        .limit(limit)
    )
    return list(session.scalars(stmt))


def scan_stats(session: Session, scan_id: int) -> list[ScanMarketplaceStat]:
    stmt = (
        select(ScanMarketplaceStat)
        .where(ScanMarketplaceStat.scan_id == scan_id)
        .order_by(ScanMarketplaceStat.marketplace)
    )
    return list(session.scalars(stmt))


def marketplace_history(
    session: Session, marketplace: str, *, before_scan_id: int, limit: int
) -> list[ScanMarketplaceStat]:
    """The marketplace's stats in the ``limit`` latest finished scans before ``before_scan_id``."""
    stmt = (
        select(ScanMarketplaceStat)
        .join(Scan, Scan.id == ScanMarketplaceStat.scan_id)
        .where(
            ScanMarketplaceStat.marketplace == marketplace,
            Scan.id < before_scan_id,
            Scan.finished_at.is_not(None),
        )
        .order_by(Scan.id.desc())
        .limit(limit)
    )
    return list(session.scalars(stmt))


def latest_stats_per_marketplace(session: Session) -> list[ScanMarketplaceStat]:
    """Each marketplace's stats from the newest finished scan that crawled it."""
    newest = (
        select(ScanMarketplaceStat.marketplace, func.max(Scan.id).label("scan_id"))
        .join(Scan, Scan.id == ScanMarketplaceStat.scan_id)
        .where(Scan.finished_at.is_not(None))
        .group_by(ScanMarketplaceStat.marketplace)
        .subquery()
    )
    stmt = (
        select(ScanMarketplaceStat)
        .join(
            newest,
            (newest.c.marketplace == ScanMarketplaceStat.marketplace)
            & (newest.c.scan_id == ScanMarketplaceStat.scan_id),
        )
        .order_by(ScanMarketplaceStat.marketplace)
    )
    return list(session.scalars(stmt))
