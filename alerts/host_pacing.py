"""Politeness outside Scrapy: at most one request start per host every ``download_delay`` seconds.

The crawl is paced by Scrapy's download slots, but three parts of ``alerts``
reach the marketplaces' hosts on their own — photo fetches (a thread pool), follow-up
re-checks (httpx) and evidence screenshots (a pool of browser pages). Without
pacing, two photo threads fetched one marketplace's image host up to a dozen times a
second while the crawl next to them kept to its configured delay. One
:class:`HostPacer` per run hands out start times per host, so every worker
waits its turn and different hosts never wait for each other.

pyrate-limiter (4.5) was tried first: its limiter holds one lock while a
caller waits, so a photo for host B queued behind every wait for host A
(measured: 1.2 s), and each limiter starts a background leaker thread. The
reservation below is the whole of what is needed.
"""

from __future__ import annotations

import asyncio
import threading
import time
from collections.abc import Callable
from urllib.parse import urlsplit


class HostPacer:
    """Hands out request start times so that starts to one host are ``interval`` seconds apart.

    Thread-safe: the lock is held only to book a slot, never while waiting.
    An ``interval`` of 0 paces nothing (the demo's local sandbox).
    """

    def __init__(self, interval: float, *, clock: Callable[[], float] = time.monotonic) -> None:
        if interval < 0:
            raise ValueError(f"interval must be >= 0, got {interval}")
        self.interval = interval
        self._clock = clock
        self._next_start: dict[str, float] = {}
        self._lock = threading.Lock()

    def reserve(self, url: str) -> float:
        """Book the next start for ``url``'s host; the seconds the caller must wait before it."""
        if self.interval <= 0:
            return 0.0
        host = (urlsplit(url).hostname or url).lower()
        with self._lock:
            now = self._clock()
            start = max(now, self._next_start.get(host, now))
            self._next_start[host] = start + self.interval
        return start - now

    def wait(self, url: str) -> float:
        """Block until this caller may start a request to ``url``'s host; the seconds waited."""
        delay = self.reserve(url)
        if delay > 0:
            time.sleep(delay)
        return delay

    async def wait_async(self, url: str) -> float:
        """:meth:`wait` for asyncio callers (evidence capture's browser pages)."""
        delay = self.reserve(url)
        if delay > 0:
            await asyncio.sleep(delay)
        return delay
