"""Per-host concurrency across workers: at most CONCURRENT_REQUESTS_PER_DOMAIN requests in flight to a host.

Scrapy's per-domain concurrency is per process, so four workers had four
times as many requests open on one shop. Each pacer here stands for a worker
(its own Redis clients, its own event loop in its own thread); they share
only Redis, as workers on different machines do.
"""

from __future__ import annotations

import asyncio
import threading
import time
from typing import Any

import pytest
import redis as redis_lib
from scrapy.http import Request

from crawler.pacing import LEASE_PREFIX, HostPacer, PacedDownloadHandler, paced_scrapy_settings
from tests.servers import RedisServer

LIMIT = 2
WORKERS = 4
REQUESTS_PER_WORKER = 5
HOLD_SECONDS = 0.15


class InFlight:
    """Counts requests open at once on the 'shop' side."""

    def __init__(self) -> None:
        self.lock = threading.Lock()
        self.open = 0
        self.most = 0
        self.done = 0

    def enter(self) -> None:
        with self.lock:
            self.open += 1
            self.most = max(self.most, self.open)

    def leave(self) -> None:
        with self.lock:
            self.open -= 1
            self.done += 1


class SlowInner:
    def __init__(self, shop: InFlight) -> None:
        self.shop = shop

    async def download_request(self, request: Any) -> Any:
        self.shop.enter()
        try:
            await asyncio.sleep(HOLD_SECONDS)
        finally:
            self.shop.leave()
        return "response"


def shop_request() -> Request:
    return Request("http://shop.example:8900/p")


def _worker(redis_url: str, shop: InFlight, concurrency: int, errors: list[BaseException]) -> None:
    async def crawl() -> None:
        pacer = HostPacer(redis_url, 0.0, concurrency=concurrency)
        handler = PacedDownloadHandler(pacer, SlowInner(shop))
        try:
            await asyncio.gather(*(handler.download_request(shop_request()) for _ in range(REQUESTS_PER_WORKER)))
        finally:
            await pacer.close()

    try:
        asyncio.run(crawl())
    except BaseException as exc:  # reported by the test, not lost on this thread
        errors.append(exc)


def _crawl(redis_url: str, concurrency: int) -> InFlight:
    shop, errors = InFlight(), list[BaseException]()
    threads = [threading.Thread(target=_worker, args=(redis_url, shop, concurrency, errors))
               for _ in range(WORKERS)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(60)
    assert not errors, errors
    assert shop.done == WORKERS * REQUESTS_PER_WORKER
    return shop


def test_workers_together_keep_a_host_within_its_concurrency(redis: RedisServer) -> None:
    shop = _crawl(redis.url, LIMIT)
    assert shop.most == LIMIT  # reached, never passed
    assert redis_lib.Redis.from_url(redis.url).zcard(LEASE_PREFIX + "shop.example:8900") == 0  # all released


def test_without_a_shared_limit_the_workers_add_up() -> None:
    # the same crawl unlimited (no Redis needed): what the shop saw before, N workers times the per-process count
    async def unlimited(shop: InFlight) -> None:
        inner = SlowInner(shop)
        await asyncio.gather(*(inner.download_request(shop_request()) for _ in range(WORKERS * LIMIT)))

    shop = InFlight()
    asyncio.run(unlimited(shop))
    assert shop.most == WORKERS * LIMIT


def test_a_dead_workers_lease_expires(redis: RedisServer) -> None:
    async def scenario() -> float:
        dead = HostPacer(redis.url, 0.0, concurrency=1, lease_seconds=0.5)
        alive = HostPacer(redis.url, 0.0, concurrency=1, lease_seconds=0.5)
        try:
            assert await dead.acquire("h:1") is not None  # never released: the worker was killed
            started = time.monotonic()
            token = await alive.acquire("h:1")
            waited = time.monotonic() - started
            await alive.release("h:1", token)
            return waited
        finally:
            await dead.close()
            await alive.close()

    waited = asyncio.run(scenario())
    assert 0.3 < waited < 2.0


def test_the_shared_limit_is_the_crawls_per_domain_concurrency() -> None:
    settings = paced_scrapy_settings({"CONCURRENT_REQUESTS_PER_DOMAIN": 3}, 0.5)
    assert settings["KTPWATCH_HOST_CONCURRENCY"] == 3
    with pytest.raises(ValueError):
        HostPacer("redis://127.0.0.1:1/0", 0.0, concurrency=-1)
