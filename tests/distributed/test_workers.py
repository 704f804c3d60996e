"""Distributed scans end to end: real redis-server, PostgreSQL, sandbox, `ktpwatch worker` processes.

Every listing the sandbox answers for the query (all result pages fit in
``MAX_PAGES`` pages of ``PAGE_SIZE``) must be stored exactly once, with at most
one alert each — also when one worker is SIGKILLed while it holds requests.
"""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import time
from pathlib import Path
from typing import Any

import pytest
import sqlalchemy as sa

from crawler.distributed import ScanKeys, active_scans
from sandbox.server import SandboxHandle
from storage.migrate import upgrade
from storage.session import make_engine
from tests.servers import RedisServer

pytestmark = pytest.mark.slow

KTPWATCH = str(Path(sys.executable).with_name("ktpwatch"))
MARKETPLACES = ("tokopedia", "shopee")
QUERY = "blanko ktp"
PAGE_SIZE = 20
MAX_PAGES = 4


def _env(tmp_path: Path, pg_url: str, redis: RedisServer, sandbox: SandboxHandle) -> dict[str, str]:
    config = tmp_path / "ktpwatch.toml"
    lines = ["[crawl]", "download_delay = 0", "autothrottle = false", "retry_times = 2",
             "concurrent_requests_per_domain = 4"]
    for mp in MARKETPLACES:
        lines += [f"[marketplaces.{mp}]", f"page_size = {PAGE_SIZE}"]
    config.write_text("\n".join(lines) + "\n")
    engine = make_engine(pg_url)
    upgrade(engine)  # only `ktpwatch db upgrade` migrates; workers and the coordinator check
    engine.dispose()
    return {**os.environ, "KTPWATCH_CONFIG": str(config), "KTPWATCH_DB_URL": pg_url,
            "KTPWATCH_REDIS_URL": redis.url, "KTPWATCH_EVIDENCE_DIR": str(tmp_path / "evidence")}


def _start_workers(env: dict[str, str], tmp_path: Path, count: int) -> list[subprocess.Popen[str]]:
    return [
        subprocess.Popen([KTPWATCH, "worker", "--once", "--heartbeat", "4"], env=env, cwd=tmp_path,
                         stdout=subprocess.DEVNULL, stderr=open(tmp_path / f"worker{i}.log", "w"),
                         text=True)
        for i in range(count)
    ]


def _wait_until_waiting(server: Any, workers: list[subprocess.Popen[str]]) -> None:
    """Both workers connected to Redis (imports done), so both join the scan at once."""
    deadline = time.monotonic() + 60
    while len(server.client_list()) < len(workers) + 1:
        assert time.monotonic() < deadline, "workers did not connect to Redis"
        assert all(w.poll() is None for w in workers), "a worker exited early"
        time.sleep(0.1)


def _start_scan(env: dict[str, str], tmp_path: Path, sandbox: SandboxHandle) -> subprocess.Popen[str]:
    command = [KTPWATCH, "scan", "--distributed", "--sandbox", sandbox.base_url, "--query", QUERY,
               "--max-pages", str(MAX_PAGES), "--transport", "api", "--no-evidence", "--json"]
    for mp in MARKETPLACES:
        command += ["--marketplace", mp]
    return subprocess.Popen(command, env=env, cwd=tmp_path, stdout=subprocess.PIPE,
                            stderr=subprocess.PIPE, text=True)


def _finish(scan: subprocess.Popen[str], workers: list[subprocess.Popen[str]]) -> str:
    try:
        out, err = scan.communicate(timeout=150)
        assert scan.returncode == 0, err[-3000:]
        for worker in workers:
            assert worker.wait(timeout=60) in (0, -signal.SIGKILL)
        return out
    finally:
        for proc in [scan, *workers]:
            if proc.poll() is None:
                proc.kill()
                proc.wait()


def _assert_found_exactly_once(pg_url: str, sandbox: SandboxHandle) -> None:
    expected = {(mp, hit.external_id) for mp in MARKETPLACES
                for hit in sandbox.server.ctx.search(mp, QUERY)}
    planted = {(mp, hit.external_id) for mp in MARKETPLACES
               for hit in sandbox.server.ctx.search(mp, QUERY) if hit.kind == "planted"}
    assert len(expected) <= len(MARKETPLACES) * PAGE_SIZE * MAX_PAGES  # the scan can reach them all
    assert planted
    engine = sa.create_engine(pg_url)
    try:
        with engine.connect() as conn:
            stored = conn.execute(sa.text("SELECT marketplace, external_id FROM listings")).all()
            sightings = conn.execute(sa.text(
                "SELECT count(*), count(DISTINCT listing_id) FROM sightings")).one()
            alerts = conn.execute(sa.text(
                "SELECT count(*), count(DISTINCT listing_id) FROM alerts")).one()
            scans = conn.execute(sa.text("SELECT status FROM scans")).scalars().all()
    finally:
        engine.dispose()
    stored_keys = [(mp, ext) for mp, ext in stored]
    assert len(stored_keys) == len(set(stored_keys))
    assert set(stored_keys) == expected  # nothing lost, nothing invented
    assert planted <= set(stored_keys)
    assert sightings[0] == sightings[1] == len(expected)  # one sighting per listing in the scan
    assert alerts[0] == alerts[1] and alerts[0] > 0  # alerts opened, one per listing
    assert scans == ["finished"]


def test_two_workers_find_every_listing_exactly_once(
    tmp_path: Path, pg_url: str, redis: RedisServer, sandbox: SandboxHandle, server: Any
) -> None:
    env = _env(tmp_path, pg_url, redis, sandbox)
    workers = _start_workers(env, tmp_path, 2)
    scan = _start_scan(env, tmp_path, sandbox)
    _finish(scan, workers)
    _assert_found_exactly_once(pg_url, sandbox)
    assert active_scans(server) == []  # retired: the next `worker` waits for a new scan


def test_killed_worker_loses_nothing_and_duplicates_nothing(
    tmp_path: Path, pg_url: str, redis: RedisServer, sandbox: SandboxHandle, server: Any
) -> None:
    # every answer takes a second, so the victim surely holds requests when it dies
    sandbox.set_faults({"rates": {"slow": 1.0}, "slow_seconds": 1.0})
    env = _env(tmp_path, pg_url, redis, sandbox)
    workers = _start_workers(env, tmp_path, 2)
    _wait_until_waiting(server, workers)
    scan = _start_scan(env, tmp_path, sandbox)
    by_pid = {w.pid: w for w in workers}
    victim: subprocess.Popen[str] | None = None
    killed_holding = 0
    deadline = time.monotonic() + 90
    while time.monotonic() < deadline and victim is None and scan.poll() is None:
        for scan_id in active_scans(server):
            keys = ScanKeys(scan_id)
            for raw in server.smembers(keys.workers):
                name = raw.decode()  # <host>-<pid>-<random>
                pid = int(name.rsplit("-", 2)[-2])
                held = server.hlen(keys.inflight(name))
                if held and pid in by_pid and victim is None:
                    victim = by_pid[pid]
                    victim.send_signal(signal.SIGKILL)  # the first worker seen holding requests
                    killed_holding = held
        time.sleep(0.05)
    assert victim is not None and killed_holding, "no worker was seen holding a request"
    victim.wait(timeout=10)
    _finish(scan, workers)
    _assert_found_exactly_once(pg_url, sandbox)
