"""Fixtures for the scheduler tests: settings on a migrated database, fake jobs, helpers."""

from __future__ import annotations

import os
import subprocess
import sys
import threading
import time
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from datetime import timedelta
from pathlib import Path

import pytest
from sqlalchemy import Engine, select

from config import Settings, load_config
from crawler.schedule import JobSpec, ScheduleService
from storage.migrate import upgrade
from storage.models import JobRun
from storage.session import make_engine
from tests.schedule import fakejobs

REPO = Path(__file__).resolve().parents[2]
APPEND = "tests.schedule.fakejobs:append"


@pytest.fixture
def settings() -> Settings:
    return load_config().settings


@pytest.fixture
def engine(settings: Settings) -> Iterator[Engine]:
    eng = make_engine(settings.storage.url)
    upgrade(eng)
    yield eng
    eng.dispose()


@pytest.fixture
def job_log(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    path = tmp_path / "job.log"
    path.touch()
    monkeypatch.setenv(fakejobs.LOG_ENV, str(path))
    return path


def lines(path: Path) -> list[str]:
    return path.read_text().splitlines() if path.exists() else []


def fake_spec(runner: str = APPEND, *, seconds: float = 60, job_id: str = "fake") -> JobSpec:
    return JobSpec(job_id, "fake job", runner, every=timedelta(seconds=seconds))


def wait_for(predicate: Callable[[], bool], timeout: float = 15.0) -> bool:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if predicate():
            return True
        time.sleep(0.05)
    return predicate()


@contextmanager
def serving(service: ScheduleService) -> Iterator[ScheduleService]:
    """The daemon in a thread of this process; stopped the way a signal stops it."""
    errors: list[BaseException] = []

    def target() -> None:
        try:
            service.serve()
        except BaseException as exc:  # surfaced to the test below
            errors.append(exc)

    thread = threading.Thread(target=target, name="test-scheduler")
    thread.start()
    try:
        yield service
    finally:
        service.request_stop()
        thread.join(timeout=30)
        assert not thread.is_alive(), "scheduler did not stop"
    if errors:
        raise errors[0]


def spawn(db_url: str, runner: str, interval: float, mode: str, **env: str) -> subprocess.Popen[str]:
    """A scheduler process (tests/schedule/scheduler_main.py) on ``db_url``."""
    full_env = {**os.environ, "KTPWATCH_DB_URL": db_url, "PYTHONPATH": str(REPO), **env}
    return subprocess.Popen(
        [sys.executable, "-m", "tests.schedule.scheduler_main", runner, str(interval), mode],
        cwd=REPO,
        env=full_env,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
    )


def age_history(service: ScheduleService, by: timedelta) -> None:
    """Pretend every recorded run happened ``by`` earlier (a clock that moved on)."""
    with service.sessions.begin() as session:
        for run in session.scalars(select(JobRun)).all():
            run.started_at = run.started_at - by
            if run.finished_at is not None:
                run.finished_at = run.finished_at - by
