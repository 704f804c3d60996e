"""A worker's pacer opens a bounded number of Redis connections, however many requests wait.

The bench's distributed scan stored fewer listings with 4 workers (11,772)
than with 1 or 2 (13,376): every request waiting for a lease or a turn polled
Redis on a connection of its own (redis-py's unbounded pool), so 4 workers x
6 shops x 64 requests opened more connections than Redis accepted in time;
those requests failed ("Timeout connecting to server") and the search pages
behind them, with their listings, were never fetched. Here Redis accepts
only a few clients (``maxclients``), as an overloaded one does in effect:
every request must still be downloaded.
"""

from __future__ import annotations

import asyncio
from collections.abc import Iterator
from typing import Any

import pytest
import redis as redis_lib
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from scrapy.http import Request

from crawler.pacing import POOL_CONNECTIONS, HostPacer, PacedDownloadHandler
from tests.servers import RedisServer

#: clients Redis accepts here: a pacer's pool, its sync client, this test's own and some slack
MAX_CLIENTS = POOL_CONNECTIONS + 6


class QuickInner:
    """The shop: answers after a moment, counting what it answered."""

    def __init__(self) -> None:
        self.answered = 0

    async def download_request(self, request: Any) -> str:
        await asyncio.sleep(0.01)
        self.answered += 1
        return "response"


@pytest.fixture
def few_clients(redis: RedisServer) -> Iterator[redis_lib.Redis]:
    admin = redis_lib.Redis.from_url(redis.url)
    before = str(admin.config_get("maxclients")["maxclients"])
    admin.config_set("maxclients", MAX_CLIENTS)
    try:
        yield admin
    finally:
        admin.config_set("maxclients", before)
        admin.close()


async def _crawl(redis_url: str, requests: int, concurrency: int) -> tuple[int, int]:
    """``requests`` downloads at once through one pacer; (answered, failed)."""
    pacer = HostPacer(redis_url, 0.0, concurrency=concurrency)
    inner = QuickInner()
    handler = PacedDownloadHandler(pacer, inner)
    try:
        results = await asyncio.gather(
            *(handler.download_request(Request(f"http://shop.example:8900/p{i}")) for i in range(requests)),
            return_exceptions=True,
        )
    finally:
        await pacer.close()
    return inner.answered, sum(isinstance(r, BaseException) for r in results)


@settings(max_examples=5, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(requests=st.integers(min_value=3 * MAX_CLIENTS, max_value=120),
       concurrency=st.integers(min_value=1, max_value=16))
def test_many_waiting_requests_all_get_through_a_redis_that_accepts_few_clients(
    few_clients: redis_lib.Redis, redis: RedisServer, requests: int, concurrency: int
) -> None:
    answered, failed = asyncio.run(_crawl(redis.url, requests, concurrency))
    assert (answered, failed) == (requests, 0)


def test_the_pacer_holds_at_most_its_pool_of_connections(redis: RedisServer) -> None:
    admin = redis_lib.Redis.from_url(redis.url)
    most = 0

    async def watch(crawl: asyncio.Task[tuple[int, int]]) -> None:
        nonlocal most
        while not crawl.done():
            most = max(most, len(admin.client_list()) - 1)  # not this test's own
            await asyncio.sleep(0.005)

    async def scenario() -> tuple[int, int]:
        crawl = asyncio.ensure_future(_crawl(redis.url, 100, 2))
        await watch(crawl)
        return await crawl

    try:
        assert asyncio.run(scenario()) == (100, 0)
    finally:
        admin.close()
    assert most <= POOL_CONNECTIONS + 1  # the pool, and the pacer's synchronous client


def test_a_redis_that_stops_answering_for_a_while_delays_requests_but_fails_none(redis: RedisServer) -> None:
    # longer than redis-py's 5 s socket timeouts: an overloaded Redis, as on a busy 2-core machine
    admin = redis_lib.Redis.from_url(redis.url)
    try:
        admin.execute_command("CLIENT", "PAUSE", 6500, "ALL")
        assert asyncio.run(_crawl(redis.url, 20, 4)) == (20, 0)
    finally:
        admin.execute_command("CLIENT", "UNPAUSE")
        admin.close()
