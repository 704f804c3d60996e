"""A worker's database connection dies in the middle of a batch: nothing acknowledged is unstored,
nothing is lost; and however many workers crawl, the shop sees one configured rate.

The connection is killed the way an operator, a failover or a network cut
would: ``pg_terminate_backend`` on the writer's backend while it waits inside
its batch transaction (the test holds a lock on ``listings`` for the moment
it takes to catch one). The sandbox logs when each shop request arrives; in
the sandbox every shop is one host (one port, path prefixes), so the
per-host limit covers all of them together.
"""

from __future__ import annotations

import json
import threading
import time
from pathlib import Path
from typing import Any

import psycopg
import pytest
from sqlalchemy.engine import make_url

from crawler.distributed import scan_stats
from crawler.pacing import pacing_rate
from sandbox.server import SandboxHandle
from tests.distributed.cluster import (
    MARKETPLACES,
    assert_found_exactly_once,
    env_for,
    finish,
    start_scan,
    start_workers,
    wait_until_waiting,
)
from tests.distributed.test_host_pacing import ARRIVAL_JITTER, busiest
from tests.reliability.sandbox_log import record_requests
from tests.servers import RedisServer

pytestmark = pytest.mark.slow

DELAY = 0.25
KILLS = 2


class ConnectionKiller(threading.Thread):
    """Terminates a writer's backend while it is inside a batch transaction, ``kills`` times."""

    def __init__(self, pg_url: str, kills: int) -> None:
        super().__init__(daemon=True)
        url = make_url(pg_url)
        self.conninfo = f"host={url.host} port={url.port} user={url.username} dbname={url.database}"
        self.kills = kills
        self.killed = 0
        self.stopping = threading.Event()

    def run(self) -> None:
        with psycopg.connect(self.conninfo, autocommit=True) as admin, psycopg.connect(self.conninfo) as locker:
            while admin.execute("SELECT to_regclass('listings')").fetchone() == (None,):
                if self.stopping.wait(0.1):  # the scan has not migrated the database yet
                    return
            while self.killed < self.kills and not self.stopping.is_set():
                locker.execute("LOCK TABLE listings IN SHARE ROW EXCLUSIVE MODE")
                try:
                    victims = self._wait_for_blocked_writer(admin)
                    for pid in victims:
                        admin.execute("SELECT pg_terminate_backend(%s)", (pid,))
                    self.killed += bool(victims)
                finally:
                    locker.rollback()  # the lock goes; the other writers carry on
                self.stopping.wait(1.0)

    def _wait_for_blocked_writer(self, admin: psycopg.Connection[Any]) -> list[int]:
        deadline = time.monotonic() + 60
        while time.monotonic() < deadline and not self.stopping.is_set():
            rows = admin.execute(
                "SELECT pid FROM pg_stat_activity WHERE datname = current_database() "
                "AND wait_event_type = 'Lock' AND pid <> pg_backend_pid()"
            ).fetchall()
            if rows:
                return [row[0] for row in rows]
            time.sleep(0.01)
        return []


@pytest.mark.parametrize("workers", [1, 4])
def test_killed_database_connection_loses_nothing_and_workers_keep_the_rate(
    workers: int, tmp_path: Path, pg_url: str, redis: RedisServer, sandbox: SandboxHandle, server: Any
) -> None:
    env = env_for(tmp_path, pg_url, redis, sandbox, delay=DELAY)
    processes = start_workers(env, tmp_path, workers)
    wait_until_waiting(server, processes)
    killer = ConnectionKiller(pg_url, KILLS)
    with record_requests(sandbox) as log:
        scan = start_scan(env, tmp_path, sandbox)
        killer.start()
        try:
            out = finish(scan, processes)
        finally:
            killer.stopping.set()
            killer.join(timeout=30)

    # the writes really failed, and what they held was fetched and stored again
    assert killer.killed == KILLS
    summary = json.loads(out)
    pushed = scan_stats(server, summary["scan_id"], MARKETPLACES)
    store_errors = sum(s.get("ktpwatch/store_errors_requeued", 0) for s in pushed.values())
    assert not any(s.get("ktpwatch/store_errors") for s in pushed.values())  # none left unstored
    requeued = sum(s.get("ktpwatch/requeued_unstored", 0) for s in pushed.values())
    assert store_errors >= KILLS and requeued > 0, pushed
    assert_found_exactly_once(pg_url, sandbox)

    # each shop's view (each is its own host): one rate per host, whatever the number of workers
    amount, seconds = pacing_rate(DELAY) or (0, 0)
    window = seconds - ARRIVAL_JITTER
    report = []
    for mp in MARKETPLACES:
        times = sorted(r.at for r in log if r.marketplace == mp)
        mean = (len(times) - amount) / (times[-1] - times[0])
        report.append(f"{mp}: {len(times)} requests in {times[-1] - times[0]:.1f} s, {mean:.2f}/s mean, "
                      f"busiest {busiest(times, seconds)} per {seconds} s, {busiest(times, window)} within {window:g} s")
        assert busiest(times, window) <= amount, [
            (round(r.at - times[0], 3), r.key[:60], r.status) for r in sorted(log, key=lambda r: r.at)
            if r.marketplace == mp]
        assert mean <= amount / seconds * 1.1, report[-1]
    print(f"\n{workers} worker(s), limit {amount} per {seconds} s = 1 per {DELAY} s per host: "
          + "; ".join(report) + f"; {store_errors} batch(es) lost, {requeued} request(s) fetched again")
