"""A distributed scan as operators run it: `ktpwatch worker` processes, `ktpwatch scan --distributed`,
a real Redis and PostgreSQL and the sandbox; helpers shared by the end-to-end tests."""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import time
from pathlib import Path
from typing import Any

import sqlalchemy as sa

from sandbox.server import SandboxHandle
from storage.migrate import upgrade
from storage.session import make_engine
from tests.servers import RedisServer

KTPWATCH = str(Path(sys.executable).with_name("ktpwatch"))
MARKETPLACES = ("tokopedia", "shopee")
QUERY = "blanko ktp"
PAGE_SIZE = 20
MAX_PAGES = 4


def env_for(tmp_path: Path, pg_url: str, redis: RedisServer, sandbox: SandboxHandle,
            *, delay: float = 0) -> dict[str, str]:
    config = tmp_path / "ktpwatch.toml"
    lines = ["[crawl]", f"download_delay = {delay}", "autothrottle = false", "retry_times = 2",
             "concurrent_requests_per_domain = 4"]
    for mp in MARKETPLACES:
        lines += [f"[marketplaces.{mp}]", f"page_size = {PAGE_SIZE}"]
    config.write_text("\n".join(lines) + "\n")
    engine = make_engine(pg_url)
    upgrade(engine)  # as `ktpwatch db upgrade` does before any scan or worker
    engine.dispose()
    return {**os.environ, "KTPWATCH_CONFIG": str(config), "KTPWATCH_DB_URL": pg_url,
            "KTPWATCH_REDIS_URL": redis.url, "KTPWATCH_EVIDENCE_DIR": str(tmp_path / "evidence")}


def start_workers(env: dict[str, str], tmp_path: Path, count: int, *, once: bool = True) -> list[subprocess.Popen[str]]:
    """``count`` workers; ``once=False`` serves scans until stopped, a child process per scan."""
    return [
        subprocess.Popen([KTPWATCH, "worker", *(("--once",) if once else ()), "--heartbeat", "4"],
                         env=env, cwd=tmp_path,
                         stdout=subprocess.DEVNULL, stderr=open(tmp_path / f"worker{i}.log", "w"),
                         text=True)
        for i in range(count)
    ]


def wait_until_waiting(server: Any, workers: list[subprocess.Popen[str]]) -> None:
    """Both workers connected to Redis (imports done), so both join the scan at once."""
    deadline = time.monotonic() + 60
    while len(server.client_list()) < len(workers) + 1:
        assert time.monotonic() < deadline, "workers did not connect to Redis"
        assert all(w.poll() is None for w in workers), "a worker exited early"
        time.sleep(0.1)


def start_scan(env: dict[str, str], tmp_path: Path, sandbox: SandboxHandle) -> subprocess.Popen[str]:
    command = [KTPWATCH, "scan", "--distributed", "--sandbox", sandbox.base_url, "--query", QUERY,
               "--max-pages", str(MAX_PAGES), "--transport", "api", "--no-evidence", "--no-images", "--json"]
    for mp in MARKETPLACES:
        command += ["--marketplace", mp]
    return subprocess.Popen(command, env=env, cwd=tmp_path, stdout=subprocess.PIPE,
                            stderr=subprocess.PIPE, text=True)


def finish(scan: subprocess.Popen[str], workers: list[subprocess.Popen[str]]) -> str:
    try:
        try:
            out, err = scan.communicate(timeout=150)
        except subprocess.TimeoutExpired:
            scan.send_signal(signal.SIGINT)
            out, err = scan.communicate(timeout=30)
            raise AssertionError(f"the scan did not finish in 150 s: {err[-3000:]}") from None
        assert scan.returncode == 0, err[-3000:]
        for worker in workers:
            assert worker.wait(timeout=60) in (0, -signal.SIGKILL)
        return out
    finally:
        for proc in [scan, *workers]:
            if proc.poll() is None:
                proc.kill()
                proc.wait()


def assert_found_exactly_once(pg_url: str, sandbox: SandboxHandle) -> None:
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
