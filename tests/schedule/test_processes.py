"""Real processes: two schedulers on one database run a job once; SIGTERM leaves rows consistent."""

from __future__ import annotations

import os
import signal
import subprocess
import time
from collections.abc import Iterator
from pathlib import Path

import psutil
import pytest
from sqlalchemy import select

from storage.migrate import upgrade
from storage.models import JobRun, Lease
from storage.session import make_engine, make_session_factory
from tests.schedule import fakejobs
from tests.schedule.conftest import APPEND, lines, spawn, wait_for


@pytest.fixture
def sqlite_url(tmp_path: Path) -> str:
    return f"sqlite:///{tmp_path / 'shared.db'}"


def migrated(url: str) -> str:
    engine = make_engine(url)
    upgrade(engine)
    engine.dispose()
    return url


def job_runs(url: str) -> list[JobRun]:
    engine = make_engine(url)
    try:
        with make_session_factory(engine)() as s:
            return list(s.scalars(select(JobRun).order_by(JobRun.id)))
    finally:
        engine.dispose()


@pytest.fixture
def procs() -> Iterator[list[subprocess.Popen[str]]]:
    started: list[subprocess.Popen[str]] = []
    yield started
    for proc in started:  # never leave a scheduler behind, even when the test failed
        if proc.poll() is None:
            proc.kill()
            proc.wait(timeout=10)


def finish(proc: subprocess.Popen[str], timeout: float = 30) -> tuple[int, str]:
    out, err = proc.communicate(timeout=timeout)
    return proc.returncode, out + err


def race_run_now(url: str, job_log: Path, procs: list[subprocess.Popen[str]]) -> None:
    """Three processes fire the same job at once; exactly one runs it."""
    env = {fakejobs.LOG_ENV: str(job_log), fakejobs.SECONDS_ENV: "0.5"}
    procs.extend(spawn(url, APPEND, 3600, "run-now", **env) for _ in range(3))
    results = [finish(p) for p in procs]
    assert all(code == 0 for code, _ in results), results
    outcomes = sorted(out.split()[0] for _, out in results)
    assert outcomes == ["ok", "skipped", "skipped"], results
    assert len(lines(job_log)) == 1
    runs = job_runs(url)
    assert sorted(r.outcome for r in runs) == ["ok", "skipped", "skipped"]
    assert len({r.owner for r in runs}) == 3


def two_daemons(url: str, job_log: Path, procs: list[subprocess.Popen[str]]) -> None:
    """Two schedulers serving the same job table on one database run its occurrence once."""
    env = {fakejobs.LOG_ENV: str(job_log), fakejobs.SECONDS_ENV: "0.5"}
    procs.extend(spawn(url, APPEND, 3600, "serve", **env) for _ in range(2))
    assert wait_for(lambda: len(lines(job_log)) >= 1, timeout=30)
    time.sleep(1.0)  # both schedulers are up and had every chance to fire
    for proc in procs:
        proc.send_signal(signal.SIGTERM)
    results = [finish(p) for p in procs]
    assert all(code == 0 for code, _ in results), results
    assert len(lines(job_log)) == 1
    assert [r.outcome for r in job_runs(url) if r.outcome != "skipped"] == ["ok"]


def test_two_processes_on_one_sqlite_file_run_a_job_exactly_once(
    sqlite_url: str, job_log: Path, procs: list[subprocess.Popen[str]]
) -> None:
    race_run_now(migrated(sqlite_url), job_log, procs)


def test_two_scheduler_daemons_on_one_sqlite_file_run_a_job_once(
    sqlite_url: str, job_log: Path, procs: list[subprocess.Popen[str]]
) -> None:
    two_daemons(migrated(sqlite_url), job_log, procs)


def test_two_processes_on_postgresql_run_a_job_exactly_once(
    pg_url: str, job_log: Path, procs: list[subprocess.Popen[str]]
) -> None:
    race_run_now(migrated(pg_url), job_log, procs)


def test_two_scheduler_daemons_on_postgresql_run_a_job_once(
    pg_url: str, job_log: Path, procs: list[subprocess.Popen[str]]
) -> None:
    two_daemons(migrated(pg_url), job_log, procs)


@pytest.mark.parametrize("mode", ["serve", "once"])
def test_sigterm_during_a_slow_job_stops_cleanly_and_closes_the_run(
    mode: str, sqlite_url: str, tmp_path: Path, procs: list[subprocess.Popen[str]]
) -> None:
    url = migrated(sqlite_url)
    marker = tmp_path / "child.pid"
    proc = spawn(url, "tests.schedule.fakejobs:slow_child", 3600, mode,
                 **{fakejobs.MARKER_ENV: str(marker)})
    procs.append(proc)
    assert wait_for(lambda: marker.exists() and marker.read_text() != "", timeout=30)
    child_pid = int(marker.read_text())
    assert psutil.pid_exists(child_pid)
    os.kill(proc.pid, signal.SIGTERM)
    code, output = finish(proc, timeout=30)
    assert code == 0, output
    assert not psutil.pid_exists(child_pid) or psutil.Process(child_pid).status() == "zombie"
    [run] = job_runs(url)
    assert run.outcome == "ok" and run.finished_at is not None
    assert "child exited with -15" in run.detail and "shutdown requested" in run.detail
    engine = make_engine(url)
    with make_session_factory(engine)() as s:
        assert s.scalars(select(Lease)).all() == []  # the lease was given back
    engine.dispose()
