"""Where a distributed scan lives in Redis: its keys, the connection, and what is shared by both sides.

Keys (``ktpwatch:scan:<id>:`` prefix): ``meta`` (hash: what to crawl, status),
``<spider>:requests`` (sorted set), ``<spider>:dupefilter`` (set), ``workers``
(set), ``hb:<worker>`` (TTL key), ``inflight:<worker>`` (hash), ``stats:<spider>``
(hash). ``ktpwatch:scans:active`` lists scans workers should join.
"""

from __future__ import annotations

import time
from dataclasses import dataclass
from typing import Any

import redis as redis_lib

ACTIVE_SCANS = "ktpwatch:scans:active"
DEFAULT_HEARTBEAT_SECONDS = 10.0
TICK_SECONDS = 0.5
#: how long a finished scan's keys stay in Redis (for inspection), seconds
FINISHED_TTL_SECONDS = 3600


class WorkerError(Exception):
    """The worker cannot run (Redis unreachable, unknown scan, another database)."""


def scan_prefix(scan_id: int) -> str:
    return f"ktpwatch:scan:{scan_id}"


@dataclass(frozen=True)
class ScanKeys:
    """Every Redis key of one distributed scan."""

    scan_id: int

    @property
    def prefix(self) -> str:
        return scan_prefix(self.scan_id)

    @property
    def meta(self) -> str:
        return f"{self.prefix}:meta"

    @property
    def workers(self) -> str:
        return f"{self.prefix}:workers"

    @property
    def queue_pattern(self) -> str:
        return f"{self.prefix}:%(spider)s:requests"

    @property
    def dupefilter_pattern(self) -> str:
        return f"{self.prefix}:%(spider)s:dupefilter"

    @property
    def inflight_prefix(self) -> str:
        return f"{self.prefix}:inflight:"

    def queue(self, spider: str) -> str:
        return self.queue_pattern % {"spider": spider}

    def dupefilter(self, spider: str) -> str:
        return self.dupefilter_pattern % {"spider": spider}

    def heartbeat(self, worker: str) -> str:
        return f"{self.prefix}:hb:{worker}"

    def inflight(self, worker: str) -> str:
        return self.inflight_prefix + worker

    def stats(self, spider: str) -> str:
        return f"{self.prefix}:stats:{spider}"


def connect(redis_url: str) -> Any:
    """A Redis client that answered a ping; :class:`WorkerError` when Redis cannot be reached."""
    server = redis_lib.Redis.from_url(redis_url, socket_connect_timeout=5)
    try:
        server.ping()
    except redis_lib.RedisError as exc:
        raise WorkerError(f"cannot reach Redis at {redis_url}: {exc}") from None
    return server


def scan_meta(server: Any, scan_id: int) -> dict[str, str]:
    raw = server.hgetall(ScanKeys(scan_id).meta)
    return {k.decode(): v.decode() for k, v in raw.items()}


def active_scans(server: Any) -> list[int]:
    return sorted(int(s) for s in server.smembers(ACTIVE_SCANS))


def wait_for_active_scan(server: Any, *, poll_seconds: float = 0.5,
                         timeout: float | None = None) -> int:
    """The oldest active scan, waiting for one to be queued."""
    deadline = None if timeout is None else time.monotonic() + timeout
    while True:
        scans = active_scans(server)
        if scans:
            return scans[0]
        if deadline is not None and time.monotonic() > deadline:
            raise WorkerError(f"no distributed scan was queued within {timeout:.0f}s")
        time.sleep(poll_seconds)


def worker_names(server: Any, keys: ScanKeys) -> list[str]:
    """Every worker that joined the scan (alive or not)."""
    return [raw.decode() if isinstance(raw, bytes) else str(raw) for raw in server.smembers(keys.workers)]
