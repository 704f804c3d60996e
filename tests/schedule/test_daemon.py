"""The APScheduler daemon: jobs persist in the database, a missed run runs once, shutdown is clean."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta
from pathlib import Path

import pytest
from apscheduler.schedulers.blocking import BlockingScheduler
from sqlalchemy import Engine, select

from config import Settings
from crawler.schedule import ScheduleService
from crawler.schedule.service import job_store, stored_next_runs
from storage.models import JobRun
from tests.schedule.conftest import age_history, fake_spec, lines, serving, wait_for


def test_jobs_persist_across_a_scheduler_restart(
    settings: Settings, engine: Engine, job_log: Path
) -> None:
    with serving(ScheduleService(settings, engine, [fake_spec()])):
        assert wait_for(lambda: len(lines(job_log)) == 1)  # never ran: runs at once
    stored = stored_next_runs(engine)
    assert list(stored) == ["fake"]
    first_next = stored["fake"]
    assert first_next is not None and first_next > datetime.now(UTC)

    restarted = ScheduleService(settings, engine, [fake_spec()])
    with serving(restarted):
        assert wait_for(lambda: restarted._served.is_set() or _running(restarted), 10)
    assert stored_next_runs(engine) == {"fake": first_next}  # kept, not recomputed
    assert len(lines(job_log)) == 1 and _count(restarted, "ok") == 1

    # a changed schedule replaces the stored job, its next run placed from the run history
    changed = ScheduleService(settings, engine, [fake_spec(seconds=7200)])
    with serving(changed):
        assert wait_for(lambda: _running(changed), 10)
    with changed.sessions() as s:
        started = s.scalars(select(JobRun.started_at)).one()
    new_next = stored_next_runs(engine)["fake"]
    assert new_next is not None
    assert abs((new_next - (started + timedelta(seconds=7200))).total_seconds()) < 1


def _running(service: ScheduleService) -> bool:
    scheduler = service._scheduler
    return scheduler is not None and scheduler.running


def test_a_missed_run_runs_once_when_the_scheduler_comes_back(
    settings: Settings, engine: Engine, job_log: Path
) -> None:
    first = ScheduleService(settings, engine, [fake_spec()])
    with serving(first):
        assert wait_for(lambda: len(lines(job_log)) == 1)
    # the machine was off for ten intervals: history and the stored next run are 10 min old
    age_history(first, timedelta(minutes=10))
    store = job_store(engine)
    store.start(BlockingScheduler(), "default")
    job = store.lookup_job("fake")
    assert job is not None
    job.next_run_time = job.next_run_time - timedelta(minutes=10)
    store.update_job(job)

    back = ScheduleService(settings, engine, [fake_spec()])
    with serving(back):
        assert wait_for(lambda: len(lines(job_log)) == 2)
        assert not wait_for(lambda: len(lines(job_log)) > 2, timeout=1.5)
    assert _count(back, "ok") == 2
    with back.sessions() as s:  # ten missed occurrences, one run, no skipped duplicates
        assert len(s.scalars(select(JobRun)).all()) == 2
    next_run = stored_next_runs(engine)["fake"]
    assert next_run is not None and next_run > datetime.now(UTC)


def test_request_stop_waits_for_the_running_job_and_closes_its_row(
    settings: Settings, engine: Engine, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    marker = tmp_path / "child.pid"
    monkeypatch.setenv("SCHEDULE_TEST_MARKER", str(marker))
    service = ScheduleService(settings, engine, [fake_spec("tests.schedule.fakejobs:slow_child")])
    with serving(service):
        assert wait_for(marker.exists)
    with service.sessions() as s:
        run = s.scalars(select(JobRun)).one()
    assert run.outcome == "ok" and run.finished_at is not None
    assert "child exited with -15" in run.detail and "shutdown requested" in run.detail


def test_a_job_that_failed_runs_again_when_the_scheduler_restarts(
    settings: Settings, engine: Engine
) -> None:
    broken = [fake_spec("tests.schedule.fakejobs:boom")]
    first = ScheduleService(settings, engine, broken)
    with serving(first):
        assert wait_for(lambda: _count(first, "failed") == 1)
    stored = stored_next_runs(engine)["fake"]
    assert stored is not None and stored > datetime.now(UTC)  # APScheduler would wait
    age_history(first, timedelta(minutes=11))  # past the duplicate window, not the interval
    again = ScheduleService(settings, engine, broken)
    with serving(again):
        assert wait_for(lambda: _count(again, "failed") == 2)


def _count(service: ScheduleService, outcome: str) -> int:
    with service.sessions() as s:
        return len(s.scalars(select(JobRun).where(JobRun.outcome == outcome)).all())
