"""The Redis side of distributed scans: serialising requests, at-least-once pops, reaping, "done"."""

from __future__ import annotations

from typing import Any

from scrapy import Request

from crawler.distributed import (
    ScanKeys,
    ScanQueue,
    decode_request,
    encode_request,
    reap_dead_workers,
    scan_is_done,
)
from tests.distributed.conftest import make_spider
from tests.servers import RedisServer


def test_browser_request_with_bound_spider_methods_survives_redis(redis: RedisServer) -> None:
    """Playwright meta holds the spider's bound methods; plain pickle would try to pickle the spider."""
    spider = make_spider(1, "w1", redis.url, transport="browser", query="blanko ktp")
    request = spider.search_request("blanko ktp", 2, "tok")
    assert request.meta.get("playwright") is True
    again = decode_request(encode_request(request, spider), spider)
    assert again.url == request.url
    assert again.callback == spider.parse_browser_search
    assert again.cb_kwargs == {"query": "blanko ktp", "page": 2}
    capture = again.meta["ktpwatch_capture"]
    assert capture.wanted == spider.is_search_api_url
    assert again.meta["playwright_page_event_handlers"]["response"] == capture.on_response


def _queue(server: Any, redis_url: str, worker: str) -> ScanQueue:
    spider = make_spider(7, worker, redis_url, transport="api", query="blanko ktp")
    return ScanQueue(server, spider, ScanKeys(7).queue_pattern)


def _start(server: Any, keys: ScanKeys) -> None:
    server.hset(keys.meta, mapping={"status": "running", "spiders": "tokopedia"})


def _live_worker_queue(server: Any, redis_url: str, keys: ScanKeys, worker: str) -> ScanQueue:
    """The queue of ``worker`` in a running scan, registered with a fresh heartbeat."""
    _start(server, keys)
    queue = _queue(server, redis_url, worker)
    server.sadd(keys.workers, worker)
    server.set(keys.heartbeat(worker), "1", px=60_000)
    return queue


def test_pop_moves_request_in_flight_until_acknowledged(server: Any, redis: RedisServer) -> None:
    keys = ScanKeys(7)
    queue = _live_worker_queue(server, redis.url, keys, "w1")
    queue.push(Request("http://127.0.0.1:1/a", priority=1))
    queue.push(Request("http://127.0.0.1:1/b"))

    first = queue.pop()
    assert first is not None and first.url.endswith("/a")  # priority first
    assert len(queue) == 1 and server.hlen(keys.inflight("w1")) == 1
    second = queue.pop()
    assert second is not None and queue.pop() is None
    assert not scan_is_done(server, keys, ["tokopedia"])  # queue empty, two held

    assert queue.acknowledge([first]) == 1
    assert not scan_is_done(server, keys, ["tokopedia"])
    assert queue.acknowledge([second, second]) == 1
    assert scan_is_done(server, keys, ["tokopedia"])
    assert server.hget(keys.meta, "status") == b"done"


def test_dead_worker_requests_are_requeued_once(server: Any, redis: RedisServer) -> None:
    keys = ScanKeys(7)
    _start(server, keys)
    dead = _queue(server, redis.url, "dead")
    alive = _queue(server, redis.url, "alive")
    server.sadd(keys.workers, "dead", "alive")
    server.set(keys.heartbeat("alive"), "1", px=60_000)  # "dead" has no heartbeat key
    for path in ("a", "b", "c"):
        dead.push(Request(f"http://127.0.0.1:1/{path}", priority=5))
    held = [dead.pop(), dead.pop()]
    assert all(r is not None for r in held) and len(dead) == 1

    assert reap_dead_workers(server, keys) == 2
    assert reap_dead_workers(server, keys) == 0  # a second reaper finds nothing to re-queue
    assert server.smembers(keys.workers) == {b"alive"}
    urls = sorted(r.url for r in iter(alive.pop, None))
    assert urls == ["http://127.0.0.1:1/a", "http://127.0.0.1:1/b", "http://127.0.0.1:1/c"]
    # priorities survive the round trip through the in-flight hash
    assert server.zcard(keys.queue("tokopedia")) == 0


def test_reaper_leaves_live_workers_alone(server: Any, redis: RedisServer) -> None:
    keys = ScanKeys(7)
    queue = _live_worker_queue(server, redis.url, keys, "w1")
    queue.push(Request("http://127.0.0.1:1/a"))
    assert queue.pop() is not None
    assert reap_dead_workers(server, keys) == 0
    assert server.hlen(keys.inflight("w1")) == 1


def test_scan_is_not_done_before_its_requests_are_queued(server: Any) -> None:
    keys = ScanKeys(8)
    server.hset(keys.meta, mapping={"status": "enqueuing", "spiders": "tokopedia"})
    assert not scan_is_done(server, keys, ["tokopedia"])
