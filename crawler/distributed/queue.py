"""The scan's request queue in Redis: scrapy-redis' priority queue with at-least-once delivery.

``scrapy-redis`` 0.9 (its ``Scheduler`` and ``RFPDupeFilter``) works unchanged
with Scrapy 2.19; what it lacks is added through its public extension point,
the queue class (``SCHEDULER_QUEUE_CLASS``): :class:`ScanQueue` pops a request
*and* records it in the worker's in-flight hash in one Lua script, so a
request is always either queued or in flight. Its serializer pickles the
spider as a reference, so browser-transport requests (whose meta holds bound
spider methods) travel through Redis.
"""

from __future__ import annotations

import io
import pickle
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

from scrapy import Request, Spider
from scrapy.utils.request import request_from_dict
from scrapy_redis.queue import PriorityQueue

from crawler.distributed.keys import ScanKeys
from crawler.distributed.scripts import POP_LUA, REQUEUE_LUA


class _SpiderPickler(pickle.Pickler):
    def __init__(self, file: io.BytesIO, spider: Spider) -> None:
        super().__init__(file, protocol=pickle.HIGHEST_PROTOCOL)
        self.spider = spider

    def persistent_id(self, obj: Any) -> str | None:
        return "spider" if obj is self.spider else None


class _SpiderUnpickler(pickle.Unpickler):
    def __init__(self, file: io.BytesIO, spider: Spider) -> None:
        super().__init__(file)
        self.spider = spider

    def persistent_load(self, pid: Any) -> Any:
        if pid == "spider":
            return self.spider
        raise pickle.UnpicklingError(f"unknown persistent id {pid!r}")


@dataclass(frozen=True)
class SpiderSerializer:
    """Pickle with the spider as a reference: meta may hold bound spider methods (browser transport)."""

    spider: Spider

    def dumps(self, obj: Any) -> bytes:
        buffer = io.BytesIO()
        _SpiderPickler(buffer, self.spider).dump(obj)
        return buffer.getvalue()

    def loads(self, data: bytes) -> Any:
        return _SpiderUnpickler(io.BytesIO(data), self.spider).load()


def encode_request(request: Request, spider: Spider) -> bytes:
    return SpiderSerializer(spider).dumps(request.to_dict(spider=spider))


def decode_request(data: bytes, spider: Spider) -> Request:
    return request_from_dict(SpiderSerializer(spider).loads(data), spider=spider)


class ScanQueue(PriorityQueue):  # type: ignore[misc]
    """scrapy-redis' priority queue whose pop is "move to my in-flight hash" (at-least-once)."""

    def __init__(self, server: Any, spider: Spider, key: str, serializer: Any = None) -> None:
        super().__init__(server, spider, key, SpiderSerializer(spider))
        settings = spider.crawler.settings
        self.worker = settings.get("KTPWATCH_WORKER_ID") or "coordinator"
        self.inflight_key = ScanKeys(settings.getint("KTPWATCH_DISTRIBUTED_SCAN")).inflight(
            self.worker
        )
        self._pop = server.register_script(POP_LUA)
        self._requeue = server.register_script(REQUEUE_LUA)
        #: popped requests not yet acknowledged, by identity, with their raw form
        self.popped: dict[Request, bytes] = {}

    def pop(self, timeout: int = 0) -> Request | None:
        data = self._pop(keys=[self.key, self.inflight_key])
        if not data:
            return None
        request: Request = self._decode_request(data)
        self.popped[request] = data
        return request

    def acknowledge(self, requests: Sequence[Request]) -> int:
        """Forget finished requests here and in Redis; returns how many."""
        raw = [self.popped.pop(r) for r in requests if r in self.popped]
        if raw:
            self.server.hdel(self.inflight_key, *raw)
        return len(raw)

    def requeue(self, requests: Sequence[Request]) -> int:
        """Put popped requests back in the queue (their listings were not stored); returns how many."""
        raw = [self.popped.pop(r) for r in requests if r in self.popped]
        if not raw:
            return 0
        return int(self._requeue(keys=[self.inflight_key], args=raw))


def distributed_scrapy_settings(scan_id: int, redis_url: str, worker: str) -> dict[str, Any]:
    """The Scrapy settings that put a crawl on the scan's Redis queue (scrapy-redis)."""
    keys = ScanKeys(scan_id)
    return {
        "SCHEDULER": "scrapy_redis.scheduler.Scheduler",
        "SCHEDULER_QUEUE_CLASS": f"{__name__}.{ScanQueue.__name__}",
        "SCHEDULER_QUEUE_KEY": keys.queue_pattern,
        "DUPEFILTER_CLASS": "scrapy_redis.dupefilter.RFPDupeFilter",
        "SCHEDULER_DUPEFILTER_KEY": keys.dupefilter_pattern,
        "SCHEDULER_PERSIST": True,
        "REDIS_URL": redis_url,
        "KTPWATCH_DISTRIBUTED_SCAN": scan_id,
        "KTPWATCH_WORKER_ID": worker,
    }
