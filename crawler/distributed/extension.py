"""The worker's Scrapy extension: heartbeat, acknowledgement, reaping, stat deltas and "done".

Every tick :class:`WorkerExtension` beats a heartbeat key (with a TTL) and
acknowledges the requests the engine has finished with — but only after the
storage pipeline has flushed, so a request is never acknowledged before its
listings are committed. It re-queues the in-flight requests of any worker
whose heartbeat expired (SIGKILL, lost machine) and pushes stat deltas for the
coordinator. The spider stays open while the scan is not done.

Acknowledged means stored: the storage pipeline logs and counts a batch that
failed to write (``ktpwatch/store_errors``) and goes on, so before each
acknowledgement the extension reads that count after the flush; after a loss
every request the worker held at the time is put back in the queue instead of
acknowledged (``ktpwatch/requeued_unstored``), since batches mix requests.

Scrapy's public API gives the scheduler (``engine.scheduler``, whose
scrapy-redis ``queue`` is our :class:`ScanQueue`) and the storage pipeline
(``crawler.get_item_pipeline``). Two things it does not give are reached in
:func:`_engine_slot` only: which requests the engine is still working on, and
a way to make it look at the queue now.
"""

from __future__ import annotations

import logging
import time
from collections.abc import AsyncIterator
from dataclasses import dataclass, field
from typing import Any

import redis as redis_lib
from scrapy import Request, Spider, signals
from scrapy.crawler import Crawler
from scrapy.exceptions import DontCloseSpider, NotConfigured

from crawler.distributed.keys import DEFAULT_HEARTBEAT_SECONDS, TICK_SECONDS, ScanKeys, scan_meta
from crawler.distributed.queue import ScanQueue
from crawler.distributed.scripts import reap_dead_workers, scan_is_done
from spiders.keys import STATS_PREFIX, stat_key

log = logging.getLogger(__name__)

#: A worker's failed batches are not the scan's: their requests went back in the queue and were
#: stored by a later fetch (settle), so the coordinator counts them apart from unstored listings.
RENAMED_STATS = {
    stat_key("store_errors"): stat_key("store_errors_requeued"),
    stat_key("unstored"): stat_key("unstored_requeued"),  # listings in those batches, where counted
}


@dataclass
class WorkerState:
    keys: ScanKeys
    worker: str
    heartbeat_ms: int
    spiders: list[str]
    pushed: dict[str, float] = field(default_factory=dict)


def _engine_slot(engine: Any) -> Any:
    """The engine's private slot, or None: the one place ktpwatch reaches into Scrapy.

    Scrapy 2.19 has no public way to know which popped requests are finished
    (downloaded, parsed, their items through the pipelines: ``_slot.inprogress``)
    or to make the engine pull from the scheduler now (``_slot.nextcall``).
    If a future Scrapy renames them, acknowledgement falls back to "when the
    worker is idle" and queued requests wait for the engine's own 5 s
    heartbeat: slower, never lossy.
    """
    return getattr(engine, "_slot", None)


class WorkerExtension:
    """Heartbeat, acknowledgement, reaping, stat deltas and "done" for one worker's crawler."""

    def __init__(self, crawler: Crawler, state: WorkerState, server: Any) -> None:
        self.crawler = crawler
        self.state = state
        self.server = server
        self._task: Any = None
        self._done = False
        self._settled: list[Request] = []
        #: requests that may have listings in a batch that failed to write
        self._unstored: set[Request] = set()
        #: ``ktpwatch/store_errors`` when last read
        self._store_errors = 0

    @classmethod
    def from_crawler(cls, crawler: Crawler) -> WorkerExtension:
        s = crawler.settings
        scan_id = s.getint("KTPWATCH_DISTRIBUTED_SCAN")
        if not scan_id:
            raise NotConfigured("not a distributed scan")
        server = redis_lib.Redis.from_url(s.get("REDIS_URL"))
        state = WorkerState(
            keys=ScanKeys(scan_id),
            worker=s.get("KTPWATCH_WORKER_ID"),
            heartbeat_ms=int(s.getfloat("KTPWATCH_HEARTBEAT_SECONDS", DEFAULT_HEARTBEAT_SECONDS)
                             * 1000),
            spiders=scan_meta(server, scan_id).get("spiders", "").split(","),
        )
        ext = cls(crawler, state, server)
        crawler.signals.connect(ext.opened, signal=signals.spider_opened)
        crawler.signals.connect(ext.idle, signal=signals.spider_idle)
        crawler.signals.connect(ext.closed, signal=signals.spider_closed)
        return ext

    def _beat(self) -> None:
        st = self.state
        pipe = self.server.pipeline()
        pipe.set(st.keys.heartbeat(st.worker), str(time.time()), px=st.heartbeat_ms)
        pipe.sadd(st.keys.workers, st.worker)
        pipe.execute()

    def opened(self, spider: Spider) -> None:
        from twisted.internet import task

        self._beat()
        self._task = task.LoopingCall(self.tick)
        self._task.start(TICK_SECONDS, now=False)

    def _queue(self) -> ScanQueue | None:
        scheduler = getattr(self.crawler.engine, "scheduler", None)
        queue = getattr(scheduler, "queue", None)
        return queue if isinstance(queue, ScanQueue) else None

    def _finished_requests(self, queue: ScanQueue, idle: bool) -> list[Request]:
        if idle:
            return list(queue.popped)
        inprogress = getattr(_engine_slot(self.crawler.engine), "inprogress", None)
        if inprogress is None:
            return []
        return [r for r in list(queue.popped) if r not in inprogress]

    def _flush_pipelines(self) -> bool:
        """Commit what the storage pipeline buffered; False when a batch was not stored.

        The pipeline logs and counts a failed batch (``ktpwatch/store_errors``)
        and goes on; this reads the count so that a failure is never acknowledged.
        """
        from crawler.pipelines import StoragePipeline

        try:
            pipeline = self.crawler.get_item_pipeline(StoragePipeline)
            if pipeline is not None:
                pipeline.flush()
        except Exception:
            log.exception("flushing the storage pipeline failed")
            return False
        stats = self.crawler.stats
        errors = int(stats.get_value(stat_key("store_errors"), 0) or 0) if stats is not None else 0
        if errors > self._store_errors:
            self._store_errors = errors
            return False
        return True

    def settle(self, idle: bool = False) -> None:
        """Acknowledge the requests finished before the previous tick, once their listings are stored.

        When a batch failed to write, every request this worker holds may have
        listings in it (batches mix requests), so each of them is put back in
        the queue as it finishes instead of being acknowledged: acknowledged
        means stored, and a re-fetch is harmless (idempotent upserts).
        """
        queue = self._queue()
        if queue is None:
            return
        ready, self._settled = self._settled, self._finished_requests(queue, idle)
        if idle:
            ready, self._settled = ready + self._settled, []
        if not ready:
            return
        if not self._flush_pipelines():
            self._unstored.update(queue.popped)
        self._push_stats()  # before the ack: the coordinator may read them as soon as it is done
        again = [r for r in ready if r in self._unstored]
        queue.acknowledge([r for r in ready if r not in self._unstored])
        if again:
            self._unstored.difference_update(again)
            moved = queue.requeue(again)
            log.warning("re-queued %d request(s) whose listings were not stored", moved)
            if self.crawler.stats is not None:
                self.crawler.stats.inc_value(stat_key("requeued_unstored"), moved)

    def _push_stats(self) -> None:
        """Push what the counters grew by since the last push (a worker's failed batches renamed)."""
        stats = self.crawler.stats
        spider = self.crawler.spider
        if stats is None or spider is None:
            return
        deltas: dict[str, float] = {}
        for key, value in stats.get_stats().items():
            if key.startswith(STATS_PREFIX) and isinstance(value, (int, float)):
                delta = value - self.state.pushed.get(key, 0)
                if delta:
                    deltas[key] = delta
                    self.state.pushed[key] = value
        if deltas:
            pipe = self.server.pipeline()
            for key, delta in deltas.items():
                pipe.hincrbyfloat(self.state.keys.stats(spider.name), RENAMED_STATS.get(key, key), delta)
            pipe.execute()

    def tick(self) -> None:
        try:
            self._beat()
            self.settle()
            self._push_stats()
            reap_dead_workers(self.server, self.state.keys)
            self._done = scan_is_done(self.server, self.state.keys, self.state.spiders)
            queue = self._queue()
            slot = _engine_slot(self.crawler.engine)
            if queue is not None and slot is not None and len(queue):
                slot.nextcall.schedule()  # pick up requests other workers queued, now
        except redis_lib.RedisError as exc:  # Redis away for a moment: try again next tick
            log.warning("distributed tick failed: %s", exc)

    def idle(self, spider: Spider) -> None:
        self.settle(idle=True)
        if not self._done:
            raise DontCloseSpider

    def closed(self, spider: Spider, reason: str) -> None:
        if self._task is not None and self._task.running:
            self._task.stop()
        try:
            if reason == "finished":
                self.settle(idle=True)
            self._push_stats()
            if reason == "finished":
                # leave the set only when nothing is held; a killed worker is reaped instead
                self.server.srem(self.state.keys.workers, self.state.worker)
                self.server.delete(self.state.keys.heartbeat(self.state.worker))
        except redis_lib.RedisError as exc:
            log.warning("distributed close failed: %s", exc)


class DropStartRequests:
    """Workers crawl what is queued; only the coordinator turns queries into start requests."""

    async def process_start(self, start: AsyncIterator[Any]) -> AsyncIterator[Any]:
        return
        yield  # pragma: no cover  (makes this an async generator)
