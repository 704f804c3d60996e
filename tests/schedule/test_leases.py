"""Leases and guarded runs: one holder at a time, expired leases are taken over, rows stay consistent."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta
from pathlib import Path

from sqlalchemy import Engine, select
from sqlalchemy.orm import Session

from config import Settings
from crawler.schedule import ScheduleService
from storage.models import JobRun, Lease
from storage.schedule import (
    JobOutcome,
    acquire_lease,
    last_run,
    release_lease,
    renew_lease,
    start_job_run,
)
from tests.schedule.conftest import age_history, fake_spec, lines

TTL = timedelta(minutes=5)


def test_a_lease_has_one_holder_until_it_expires(session: Session) -> None:
    now = datetime.now(UTC)
    assert acquire_lease(session, "job:scan", "a", TTL, now=now)
    assert not acquire_lease(session, "job:scan", "b", TTL, now=now + timedelta(minutes=1))
    assert acquire_lease(session, "job:scan", "a", TTL, now=now + timedelta(minutes=1))
    assert renew_lease(session, "job:scan", "a", TTL, now=now + timedelta(minutes=2))
    assert not renew_lease(session, "job:scan", "b", TTL)
    # after expiry (a died) b takes it over, and a can neither renew nor release it
    later = now + timedelta(minutes=8)
    assert acquire_lease(session, "job:scan", "b", TTL, now=later)
    assert not renew_lease(session, "job:scan", "a", TTL, now=later)
    assert not release_lease(session, "job:scan", "a")
    assert release_lease(session, "job:scan", "b")
    assert acquire_lease(session, "job:scan", "c", TTL, now=later)


def test_guarded_run_records_ok_then_skips_while_not_due(
    settings: Settings, engine: Engine, job_log: Path
) -> None:
    service = ScheduleService(settings, engine, [fake_spec()], owner="me")
    first = service.run_job("fake")
    second = service.run_job("fake")
    assert first.outcome is JobOutcome.OK and first.new_alerts == 2
    assert second.outcome is JobOutcome.SKIPPED and "not due" in second.detail
    assert len(lines(job_log)) == 1
    with service.sessions() as s:
        runs = s.scalars(select(JobRun).order_by(JobRun.id)).all()
        assert [r.outcome for r in runs] == ["ok", "skipped"]
        assert runs[0].finished_at is not None and runs[0].owner == "me"
        assert s.scalars(select(Lease)).all() == []  # given back


def test_a_failing_job_is_recorded_failed_and_retried_later(
    settings: Settings, engine: Engine, job_log: Path
) -> None:
    service = ScheduleService(
        settings, engine, [fake_spec("tests.schedule.fakejobs:boom")], owner="me"
    )
    report = service.run_job("fake")
    assert report.outcome is JobOutcome.FAILED and "the fake job broke" in report.detail
    # a second attempt right away is a duplicate of the same occurrence
    assert service.run_job("fake").outcome is JobOutcome.SKIPPED
    age_history(service, timedelta(minutes=11))
    assert service.run_job("fake").outcome is JobOutcome.FAILED


def test_a_job_whose_code_is_missing_fails_with_a_clear_detail(
    settings: Settings, engine: Engine
) -> None:
    service = ScheduleService(settings, engine, [fake_spec("nowhere.to.be:found")])
    report = service.run_job("fake")
    assert report.outcome is JobOutcome.FAILED
    assert "nowhere.to.be:found is not available" in report.detail


def test_a_held_lease_makes_the_run_a_skip(
    settings: Settings, engine: Engine, job_log: Path
) -> None:
    service = ScheduleService(settings, engine, [fake_spec()], owner="me")
    with service.sessions.begin() as s:
        acquire_lease(s, "job:fake", "other-host:42", TTL)
    report = service.run_job("fake")
    assert report.outcome is JobOutcome.SKIPPED and "other-host:42" in report.detail
    assert lines(job_log) == []


def test_a_running_row_left_by_a_dead_process_is_closed_as_abandoned(
    settings: Settings, engine: Engine, job_log: Path
) -> None:
    service = ScheduleService(settings, engine, [fake_spec()], owner="me")
    with service.sessions.begin() as s:
        start_job_run(s, "fake", "dead:1", now=datetime.now(UTC) - timedelta(days=3))
    assert service.run_job("fake").outcome is JobOutcome.OK
    with service.sessions() as s:
        dead = s.scalars(select(JobRun).where(JobRun.owner == "dead:1")).one()
        assert dead.outcome == "failed" and "abandoned" in dead.detail
        assert dead.finished_at is not None
        assert last_run(s, "fake") is not None


def test_run_due_runs_only_what_is_due(settings: Settings, engine: Engine, job_log: Path) -> None:
    service = ScheduleService(settings, engine, [fake_spec(seconds=3600)])
    assert [r.outcome for r in service.run_due()] == [JobOutcome.OK]
    again = service.run_due()
    assert again[0].outcome is JobOutcome.SKIPPED and "not due until" in again[0].detail
    age_history(service, timedelta(hours=1))  # an hour later
    assert [r.outcome for r in service.run_due()] == [JobOutcome.OK]
    assert len(lines(job_log)) == 2
