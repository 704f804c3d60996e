"""Distributed scans end to end: real redis-server, PostgreSQL, sandbox, `ktpwatch worker` processes.

Every listing the sandbox answers for the query (all result pages fit in
``MAX_PAGES`` pages of ``PAGE_SIZE``) must be stored exactly once, with at most
one alert each — also when one worker is SIGKILLed while it holds requests.
"""

from __future__ import annotations

import signal
import subprocess
import time
from pathlib import Path
from typing import Any

import pytest

from crawler.distributed import ScanKeys, active_scans
from sandbox.server import SandboxHandle
from tests.distributed.cluster import (
    assert_found_exactly_once,
    env_for,
    finish,
    start_scan,
    start_workers,
    wait_until_waiting,
)
from tests.servers import RedisServer

pytestmark = pytest.mark.slow


def test_two_workers_find_every_listing_exactly_once(
    tmp_path: Path, pg_url: str, redis: RedisServer, sandbox: SandboxHandle, server: Any
) -> None:
    env = env_for(tmp_path, pg_url, redis, sandbox)
    workers = start_workers(env, tmp_path, 2)
    scan = start_scan(env, tmp_path, sandbox)
    finish(scan, workers)
    assert_found_exactly_once(pg_url, sandbox)
    assert active_scans(server) == []  # retired: the next `worker` waits for a new scan


def test_killed_worker_loses_nothing_and_duplicates_nothing(
    tmp_path: Path, pg_url: str, redis: RedisServer, sandbox: SandboxHandle, server: Any
) -> None:
    # every answer takes a second, so the victim surely holds requests when it dies
    sandbox.set_faults({"rates": {"slow": 1.0}, "slow_seconds": 1.0})
    env = env_for(tmp_path, pg_url, redis, sandbox)
    workers = start_workers(env, tmp_path, 2)
    wait_until_waiting(server, workers)
    scan = start_scan(env, tmp_path, sandbox)
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
    finish(scan, workers)
    assert_found_exactly_once(pg_url, sandbox)
