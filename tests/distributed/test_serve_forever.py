"""`ktpwatch worker` without --once: a child process per scan, and a crashed child's scan joined again.

Old behaviour: the worker marked a scan as worked on whatever its child's
exit, so a scan whose child was killed was never joined again by that worker
(with one worker, the scan waited forever).
"""

from __future__ import annotations

import os
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


def _kill_first_child(server: Any, scan: subprocess.Popen[str]) -> int:
    """SIGKILL the first worker process seen holding requests; its pid (worker names are <host>-<pid>-<rnd>)."""
    deadline = time.monotonic() + 90
    while time.monotonic() < deadline and scan.poll() is None:
        for scan_id in active_scans(server):
            keys = ScanKeys(scan_id)
            for raw in server.smembers(keys.workers):
                if server.hlen(keys.inflight(raw.decode())):
                    pid = int(raw.decode().rsplit("-", 2)[-2])
                    os.kill(pid, signal.SIGKILL)
                    return pid
        time.sleep(0.05)
    raise AssertionError("no worker child was seen holding a request")


def test_worker_serves_scans_in_children_and_rejoins_after_a_crash(
    tmp_path: Path, pg_url: str, redis: RedisServer, sandbox: SandboxHandle, server: Any
) -> None:
    sandbox.set_faults({"rates": {"slow": 1.0}, "slow_seconds": 0.5})  # the child surely holds requests
    env = env_for(tmp_path, pg_url, redis, sandbox)
    worker = start_workers(env, tmp_path, 1, once=False)[0]
    try:
        wait_until_waiting(server, [worker])
        scan = start_scan(env, tmp_path, sandbox)
        killed = _kill_first_child(server, scan)
        assert killed != worker.pid  # the scan ran in a child, not in the serving process
        finish(scan, [])
        assert_found_exactly_once(pg_url, sandbox)

        sandbox.set_faults({"rates": {}})
        finish(start_scan(env, tmp_path, sandbox), [])  # the next scan gets a child of its own
        deadline = time.monotonic() + 60
        while "scan 2: done" not in (tmp_path / "worker0.log").read_text():  # the child is closing
            assert time.monotonic() < deadline, "the second scan's child did not end"
            time.sleep(0.2)
        assert worker.poll() is None  # still serving
    finally:
        worker.send_signal(signal.SIGINT)
        try:
            worker.wait(timeout=30)
        except subprocess.TimeoutExpired:
            worker.kill()
            worker.wait()
    said = (tmp_path / "worker0.log").read_text()
    assert f"scan 1: ended with exit code -{int(signal.SIGKILL)}; joining it again" in said, said[-2000:]
    assert "scan 1: done" in said and "scan 2: done" in said, said[-2000:]
    assert "worker stopped" in said
