"""Distributed scans: one request queue in Redis, any number of workers, one PostgreSQL.

Engine: ``scrapy-redis`` 0.9 (its ``Scheduler`` and ``RFPDupeFilter``) works
unchanged with Scrapy 2.19. What it lacks — at-least-once delivery and a way to
know that a scan is over — is added here through its public extension point,
the queue class (``SCHEDULER_QUEUE_CLASS``), plus a Scrapy extension:

* :class:`ScanQueue` pops a request *and* records it in the worker's in-flight
  hash in one Lua script, so a request is always either queued or in flight.
  Its serializer pickles the spider as a reference, so browser-transport
  requests (whose meta holds bound spider methods) travel through Redis.
* :class:`WorkerExtension` beats a heartbeat key (with a TTL), and every tick
  acknowledges the requests the engine has finished with — but only after the
  storage pipeline has flushed, so a request is never acknowledged before its
  listings are committed. It re-queues the in-flight requests of any worker
  whose heartbeat expired (SIGKILL, lost machine) and pushes stat deltas for
  the coordinator. The spider stays open while the scan is not done.
* A scan is *done* when every queue of the scan is empty and no worker holds a
  request in flight; one Lua script checks that atomically and marks the scan.

Acknowledged means stored: the storage pipeline logs and counts a batch that
failed to write (``ktpwatch/store_errors``) and goes on, so before each
acknowledgement the extension reads that count after the flush; after a loss
every request the worker held at the time is put back in the queue instead of
acknowledged (``ktpwatch/requeued_unstored``), since batches mix requests.

A worker checks that the scan's row is in its own database (its start time,
which the coordinator writes into the scan's meta) and refuses the scan
otherwise; the coordinator gives up after ``distributed.worker_timeout``
seconds without a live worker; :func:`serve_forever` joins a scan again when
its child crashed. Per-host pacing across workers lives in :mod:`crawler.pacing`.

Duplicates are harmless by construction: a re-queued request may be fetched
twice, and storage's upserts (unique listing per marketplace and external id,
one sighting per listing per scan, one alert per listing) absorb it.

Keys (``ktpwatch:scan:<id>:`` prefix): ``meta`` (hash: what to crawl, status),
``<spider>:requests`` (sorted set), ``<spider>:dupefilter`` (set), ``workers``
(set), ``hb:<worker>`` (TTL key), ``inflight:<worker>`` (hash), ``stats:<spider>``
(hash). ``ktpwatch:scans:active`` lists scans workers should join.

Reaching into Scrapy: the engine's set of in-progress requests
(``engine._slot.inprogress``) tells which popped requests are finished; if a
future Scrapy renames it, acknowledgement falls back to "when the worker is
idle", which is slower but still loses nothing.
"""

from __future__ import annotations

import asyncio
import io
import json
import logging
import os
import pickle
import socket
import subprocess
import sys
import time
import uuid
from collections.abc import AsyncIterator, Callable, Sequence
from dataclasses import dataclass, field
from typing import Any

import redis as redis_lib
from scrapy import Request, Spider, signals
from scrapy.crawler import Crawler
from scrapy.exceptions import DontCloseSpider, NotConfigured
from scrapy.settings import Settings as ScrapySettings
from scrapy.statscollectors import MemoryStatsCollector
from scrapy.utils.request import request_from_dict
from scrapy_redis.dupefilter import RFPDupeFilter
from scrapy_redis.queue import PriorityQueue

from config import Settings

log = logging.getLogger(__name__)

ACTIVE_SCANS = "ktpwatch:scans:active"
DEFAULT_HEARTBEAT_SECONDS = 10.0
TICK_SECONDS = 0.5
#: how long a finished scan's keys stay in Redis (for inspection), seconds
FINISHED_TTL_SECONDS = 3600
#: A worker's failed batches are not the scan's: their requests went back in the queue and were
#: stored by a later fetch (settle), so the coordinator counts them apart from unstored listings.
RENAMED_STATS = {
    "ktpwatch/store_errors": "ktpwatch/store_errors_requeued",
    "ktpwatch/unstored": "ktpwatch/unstored_requeued",  # listings in those batches, where counted
}
#: configuration sections the scan hands to its workers (the rest is each worker's own)
SCAN_SECTIONS = ("marketplaces", "crawl", "matching", "queries")


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

    def queue(self, spider: str) -> str:
        return self.queue_pattern % {"spider": spider}

    def dupefilter(self, spider: str) -> str:
        return self.dupefilter_pattern % {"spider": spider}

    def heartbeat(self, worker: str) -> str:
        return f"{self.prefix}:hb:{worker}"

    def inflight(self, worker: str) -> str:
        return f"{self.prefix}:inflight:{worker}"

    def stats(self, spider: str) -> str:
        return f"{self.prefix}:stats:{spider}"


# --- Lua: every step that must not interleave with another worker ------------------------------

#: KEYS: queue, inflight hash. Moves the best request into the in-flight hash ("score queue").
POP_LUA = """
local r = redis.call('ZRANGE', KEYS[1], 0, 0, 'WITHSCORES')
if #r == 0 then return false end
redis.call('ZREM', KEYS[1], r[1])
redis.call('HSET', KEYS[2], r[1], r[2] .. ' ' .. KEYS[1])
return r[1]
"""

#: KEYS: heartbeat, inflight hash, workers set; ARGV: worker. Re-queues a dead worker's requests.
REAP_LUA = """
if redis.call('EXISTS', KEYS[1]) == 1 then return -1 end
local entries = redis.call('HGETALL', KEYS[2])
for i = 1, #entries, 2 do
  local v = entries[i + 1]
  local sp = string.find(v, ' ', 1, true)
  redis.call('ZADD', string.sub(v, sp + 1), tonumber(string.sub(v, 1, sp - 1)), entries[i])
end
redis.call('DEL', KEYS[2])
redis.call('SREM', KEYS[3], ARGV[1])
return #entries / 2
"""

#: KEYS: inflight hash; ARGV: raw requests. Puts a worker's own in-flight requests back in their queues.
REQUEUE_LUA = """
local moved = 0
for i = 1, #ARGV do
  local v = redis.call('HGET', KEYS[1], ARGV[i])
  if v then
    local sp = string.find(v, ' ', 1, true)
    redis.call('ZADD', string.sub(v, sp + 1), tonumber(string.sub(v, 1, sp - 1)), ARGV[i])
    redis.call('HDEL', KEYS[1], ARGV[i])
    moved = moved + 1
  end
end
return moved
"""

#: KEYS: meta, workers set; ARGV: inflight prefix, queue keys... Marks the scan done when it is.
DONE_LUA = """
local status = redis.call('HGET', KEYS[1], 'status')
if status == 'done' then return 1 end
if status ~= 'running' then return 0 end
for i = 2, #ARGV do
  if redis.call('ZCARD', ARGV[i]) > 0 then return 0 end
end
for _, w in ipairs(redis.call('SMEMBERS', KEYS[2])) do
  if redis.call('HLEN', ARGV[1] .. w) > 0 then return 0 end
end
redis.call('HSET', KEYS[1], 'status', 'done')
return 1
"""


# --- serialising requests ----------------------------------------------------------------------


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


# --- the queue -----------------------------------------------------------------------------------


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


# --- the worker's extension ----------------------------------------------------------------------


@dataclass
class WorkerState:
    keys: ScanKeys
    worker: str
    heartbeat_ms: int
    spiders: list[str]
    pushed: dict[str, float] = field(default_factory=dict)


def reap_dead_workers(server: Any, keys: ScanKeys) -> int:
    """Re-queue the in-flight requests of every worker whose heartbeat expired."""
    reap = server.register_script(REAP_LUA)
    requeued = 0
    for raw in server.smembers(keys.workers):
        worker = raw.decode() if isinstance(raw, bytes) else str(raw)
        count = int(reap(keys=[keys.heartbeat(worker), keys.inflight(worker), keys.workers],
                         args=[worker]))
        if count > 0:
            log.warning("worker %s stopped beating: re-queued %d request(s)", worker, count)
            requeued += count
    return requeued


def scan_is_done(server: Any, keys: ScanKeys, spiders: Sequence[str]) -> bool:
    """True (and marked) when every queue is empty and no worker holds a request."""
    check = server.register_script(DONE_LUA)
    queues = [keys.queue(s) for s in spiders]
    return bool(check(keys=[keys.meta, keys.workers], args=[f"{keys.prefix}:inflight:", *queues]))


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
        keys = ScanKeys(scan_id)
        spiders = scan_meta(server, scan_id).get("spiders", "").split(",")
        state = WorkerState(
            keys=keys,
            worker=s.get("KTPWATCH_WORKER_ID"),
            heartbeat_ms=int(s.getfloat("KTPWATCH_HEARTBEAT_SECONDS", DEFAULT_HEARTBEAT_SECONDS)
                             * 1000),
            spiders=spiders,
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
        engine = self.crawler.engine
        slot = getattr(engine, "_slot", None)
        queue = getattr(getattr(slot, "scheduler", None), "queue", None)
        return queue if isinstance(queue, ScanQueue) else None

    def _finished_requests(self, queue: ScanQueue, idle: bool) -> list[Request]:
        if idle:
            return list(queue.popped)
        inprogress = getattr(getattr(self.crawler.engine, "_slot", None), "inprogress", None)
        if inprogress is None:
            return []
        return [r for r in list(queue.popped) if r not in inprogress]

    def _flush_pipelines(self) -> bool:
        """Commit what the storage pipeline buffered; False when a batch was not stored.

        The pipeline logs and counts a failed batch (``ktpwatch/store_errors``)
        and goes on; this reads the count so that a failure is never acknowledged.
        """
        engine = self.crawler.engine
        manager = getattr(getattr(engine, "scraper", None), "itemproc", None)
        try:
            for component in getattr(manager, "middlewares", ()):
                flush = getattr(component, "flush", None)
                if callable(flush):
                    flush()
        except Exception:
            log.exception("flushing the storage pipeline failed")
            return False
        stats = self.crawler.stats
        errors = int(stats.get_value("ktpwatch/store_errors", 0) or 0) if stats is not None else 0
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
                self.crawler.stats.inc_value("ktpwatch/requeued_unstored", moved)

    def _push_stats(self) -> None:
        """Push what the counters grew by since the last push (a worker's failed batches renamed)."""
        stats = self.crawler.stats
        spider = self.crawler.spider
        if stats is None or spider is None:
            return
        deltas: dict[str, float] = {}
        for key, value in stats.get_stats().items():
            if key.startswith("ktpwatch/") and isinstance(value, (int, float)):
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
            slot = getattr(self.crawler.engine, "_slot", None)
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


# --- scrapy settings for both sides ------------------------------------------------------------


def distributed_scrapy_settings(scan_id: int, redis_url: str, worker: str) -> dict[str, Any]:
    """The Scrapy settings that put a crawl on the scan's Redis queue (scrapy-redis)."""
    keys = ScanKeys(scan_id)
    return {
        "SCHEDULER": "scrapy_redis.scheduler.Scheduler",
        "SCHEDULER_QUEUE_CLASS": "crawler.distributed.ScanQueue",
        "SCHEDULER_QUEUE_KEY": keys.queue_pattern,
        "DUPEFILTER_CLASS": "scrapy_redis.dupefilter.RFPDupeFilter",
        "SCHEDULER_DUPEFILTER_KEY": keys.dupefilter_pattern,
        "SCHEDULER_PERSIST": True,
        "REDIS_URL": redis_url,
        "KTPWATCH_DISTRIBUTED_SCAN": scan_id,
        "KTPWATCH_WORKER_ID": worker,
    }


def worker_name() -> str:
    return f"{socket.gethostname()}-{os.getpid()}-{uuid.uuid4().hex[:6]}"


# --- the database every side must share ---------------------------------------------------------


def shown_url(url: str) -> str:
    """A database URL as it may be printed (and kept in Redis): without its password or tokens."""
    from config.secrets import redact_url

    return redact_url(url)


def scan_started_in(storage_url: str, scan_id: int) -> str:
    """When scan ``scan_id`` started, read from the database at ``storage_url``.

    The scan row's start time fingerprints the coordinator's database: a
    worker that finds the same row writes where the coordinator reads. A
    missing SQLite file is not created (that was the silent local database).
    """
    import sqlalchemy as sa
    from sqlalchemy.exc import SQLAlchemyError

    from storage.models import Scan
    from storage.session import make_engine, sqlite_path

    path = sqlite_path(storage_url)
    if path is not None and not path.exists():
        raise WorkerError(f"no database file {path}")
    engine = make_engine(storage_url)
    try:
        with engine.connect() as conn:
            started = conn.execute(sa.select(Scan.started_at).where(Scan.id == scan_id)).scalar()
    except SQLAlchemyError as exc:
        reason = str(getattr(exc, "orig", None) or exc).splitlines()[0]
        raise WorkerError(f"cannot read scan {scan_id}: {reason}") from None
    finally:
        engine.dispose()
    if started is None:
        raise WorkerError(f"no scan {scan_id} in it")
    return started.isoformat()


def check_scan_database(storage_url: str, scan_id: int, meta: dict[str, str]) -> None:
    """Refuse to work on a scan whose database is not this worker's (storage.url)."""
    where = meta.get("storage", "an unknown database")
    try:
        found = scan_started_in(storage_url, scan_id)
    except WorkerError as exc:
        found, why = None, str(exc)
    else:
        why = "another scan with that id"
    if found is None or found != meta.get("scan_started"):
        raise WorkerError(
            f"scan {scan_id} is stored in {where}, but this worker's storage.url is "
            f"{shown_url(storage_url)} ({why}); set storage.url or KTPWATCH_DB_URL to the "
            "coordinator's database"
        )


# --- the coordinator: enqueue once, wait, summarise ---------------------------------------------


def scan_meta(server: Any, scan_id: int) -> dict[str, str]:
    raw = server.hgetall(ScanKeys(scan_id).meta)
    return {k.decode(): v.decode() for k, v in raw.items()}


def enqueue_scan(
    server: Any,
    scrapy_settings: dict[str, Any],
    settings: Settings,
    *,
    scan_id: int,
    marketplaces: Sequence[str],
    spider_args: dict[str, Any],
    capture_evidence: bool,
) -> int:
    """Turn every spider's start requests into queued requests, once; returns how many."""
    from scrapy.spiderloader import SpiderLoader

    keys = ScanKeys(scan_id)
    # a scan id is new in its database: keys under it are left over (a reset database)
    stale = list(server.scan_iter(match=f"{keys.prefix}:*"))
    if stale:
        server.delete(*stale)
    shipped = {name: json.loads(getattr(settings, name).model_dump_json()) if name != "marketplaces"
               else {k: json.loads(v.model_dump_json()) for k, v in settings.marketplaces.items()}
               for name in SCAN_SECTIONS}
    server.hset(keys.meta, mapping={
        "status": "enqueuing",
        "spiders": ",".join(marketplaces),
        "spider_args": json.dumps(spider_args),
        "settings": json.dumps(shipped),
        "capture_evidence": "1" if capture_evidence else "0",
        "created": str(time.time()),
        # which database the workers must write to (the password stays out of Redis)
        "storage": shown_url(settings.storage.url),
        "scan_started": scan_started_in(settings.storage.url, scan_id),
    })
    crawl_settings = ScrapySettings({**scrapy_settings,
                                     **distributed_scrapy_settings(scan_id, "", "coordinator")})
    loader = SpiderLoader.from_settings(crawl_settings)
    total = 0
    for name in marketplaces:
        crawler = Crawler(loader.load(name), crawl_settings)
        crawler.stats = MemoryStatsCollector(crawler)  # spiders count the requests they make
        spider = crawler.spidercls.from_crawler(crawler, **spider_args)
        dupefilter = RFPDupeFilter(server, keys.dupefilter(name))
        requests = asyncio.run(_start_requests(spider))
        pipe = server.pipeline()
        for request in requests:
            if not request.dont_filter and dupefilter.request_seen(request):
                continue
            pipe.zadd(keys.queue(name), {encode_request(request, spider): -request.priority})
            total += 1
        for key, value in crawler.stats.get_stats().items():
            if key.startswith("ktpwatch/") and isinstance(value, (int, float)):
                pipe.hincrbyfloat(keys.stats(name), key, value)
        pipe.execute()
    pipe = server.pipeline()
    pipe.hset(keys.meta, "status", "running")
    pipe.sadd(ACTIVE_SCANS, scan_id)
    pipe.execute()
    return total


async def _start_requests(spider: Spider) -> list[Request]:
    return [r async for r in spider.start() if isinstance(r, Request)]


def scan_stats(server: Any, scan_id: int, spiders: Sequence[str]) -> dict[str, dict[str, Any]]:
    """Per spider, the stats its workers pushed (``ktpwatch/...`` keys)."""
    keys = ScanKeys(scan_id)
    out: dict[str, dict[str, Any]] = {}
    for name in spiders:
        raw = server.hgetall(keys.stats(name))
        out[name] = {k.decode(): int(float(v)) for k, v in raw.items()}
    return out


class NoWorkerError(Exception):
    """A distributed scan had no live worker for longer than ``distributed.worker_timeout``."""


def live_workers(server: Any, keys: ScanKeys) -> int:
    """Workers of the scan whose heartbeat has not expired."""
    names = [raw.decode() if isinstance(raw, bytes) else str(raw) for raw in server.smembers(keys.workers)]
    return sum(1 for name in names if server.exists(keys.heartbeat(name)))


def wait_for_scan(
    server: Any,
    scan_id: int,
    spiders: Sequence[str],
    *,
    progress: Callable[[str, dict[str, Any]], None] | None = None,
    poll_seconds: float = TICK_SECONDS,
    timeout: float | None = None,
    worker_timeout: float | None = None,
    should_stop: Callable[[], bool] | None = None,
) -> bool:
    """Block until the scan is done (reaping dead workers meanwhile); False on timeout or a stop.

    Raises :class:`NoWorkerError` when no worker has been alive for
    ``worker_timeout`` seconds (counted from the start, or the last live one).
    """
    keys = ScanKeys(scan_id)
    deadline = None if timeout is None else time.monotonic() + timeout
    last_alive = time.monotonic()
    while True:
        reap_dead_workers(server, keys)
        done = scan_is_done(server, keys, spiders)
        if progress is not None:
            for name, stats in scan_stats(server, scan_id, spiders).items():
                progress(name, stats)
        if done:
            return True
        now = time.monotonic()
        if live_workers(server, keys):
            last_alive = now
        elif worker_timeout is not None and now - last_alive > worker_timeout:
            raise NoWorkerError(
                f"scan {scan_id}: no `ktpwatch worker` alive for {worker_timeout:g}s; start workers "
                "on the same Redis and database, or raise distributed.worker_timeout"
            )
        if (deadline is not None and now > deadline) or (should_stop is not None and should_stop()):
            return False
        time.sleep(poll_seconds)


def retire_scan(server: Any, scan_id: int) -> None:
    """Take the scan off the active list; its keys expire an hour later."""
    keys = ScanKeys(scan_id)
    server.srem(ACTIVE_SCANS, scan_id)
    for key in server.scan_iter(match=f"{keys.prefix}:*"):
        server.expire(key, FINISHED_TTL_SECONDS)


def crawl_distributed(
    settings: Settings,
    scrapy_settings: dict[str, Any],
    *,
    scan_id: int,
    marketplaces: Sequence[str],
    spider_args: dict[str, Any],
    capture_evidence: bool,
    progress: Callable[[str, dict[str, Any]], None] | None = None,
    timeout: float | None = None,
    should_stop: Callable[[], bool] | None = None,
) -> dict[str, dict[str, Any]]:
    """The coordinator's part of ``scan --distributed``: enqueue, wait for the workers, collect.

    Returns, per marketplace, a stats dict shaped like a local crawler's
    (``ktpwatch/<mp>/...`` keys, ``start_time``, ``finish_time``, ``finish_reason``).
    """
    from datetime import UTC, datetime

    redis_url = settings.distributed.redis_url
    server = connect(redis_url)
    started = datetime.now(UTC)
    queued = enqueue_scan(server, scrapy_settings, settings, scan_id=scan_id,
                          marketplaces=marketplaces, spider_args=spider_args,
                          capture_evidence=capture_evidence)
    log.warning("scan %s: %d start request(s) queued in %s; waiting for `ktpwatch worker`s",
                scan_id, queued, redis_url)
    try:
        done = wait_for_scan(server, scan_id, marketplaces, progress=progress, timeout=timeout,
                             worker_timeout=settings.distributed.worker_timeout, should_stop=should_stop)
    except KeyboardInterrupt:
        done = False
    except NoWorkerError:
        retire_scan(server, scan_id)  # no worker may join a scan its coordinator gave up on
        raise
    finished = datetime.now(UTC)
    stats = scan_stats(server, scan_id, marketplaces)
    retire_scan(server, scan_id)
    reason = "finished" if done else "shutdown"
    return {name: {**stats.get(name, {}), "start_time": started, "finish_time": finished,
                   "finish_reason": reason} for name in marketplaces}


# --- the worker ------------------------------------------------------------------------------------


class WorkerError(Exception):
    """The worker cannot run (Redis unreachable, unknown scan)."""


def connect(redis_url: str) -> Any:
    server = redis_lib.Redis.from_url(redis_url, socket_connect_timeout=5)
    try:
        server.ping()
    except redis_lib.RedisError as exc:
        raise WorkerError(f"cannot reach Redis at {redis_url}: {exc}") from None
    return server


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


def settings_for_scan(settings: Settings, meta: dict[str, str]) -> Settings:
    """The worker's own settings with the scan's marketplaces, crawl, matching and queries."""
    shipped = json.loads(meta.get("settings", "{}"))
    merged = json.loads(settings.model_dump_json())
    merged.update({k: v for k, v in shipped.items() if k in SCAN_SECTIONS})
    return Settings.model_validate(merged)


@dataclass
class WorkerReport:
    scan_id: int
    worker: str
    finish_reasons: dict[str, str]
    stats: dict[str, dict[str, Any]]

    def to_dict(self) -> dict[str, Any]:
        return {"scan_id": self.scan_id, "worker": self.worker,
                "finish_reasons": self.finish_reasons, "stats": self.stats}


def run_worker_scan(
    settings: Settings,
    redis_url: str,
    scan_id: int,
    *,
    worker: str | None = None,
    heartbeat_seconds: float = DEFAULT_HEARTBEAT_SECONDS,
    scrapy_overrides: dict[str, Any] | None = None,
    log_level: str = "WARNING",
) -> WorkerReport:
    """Work on one scan in this process until it is done (Twisted's reactor: once per process)."""
    from scrapy.crawler import AsyncCrawlerProcess
    from scrapy.spiderloader import SpiderLoader

    from crawler.candidates import CandidateFilter
    from crawler.gc_tuning import tune_gc_for_crawling
    from crawler.pacing import paced_scrapy_settings
    from crawler.settings import build_scrapy_settings, needs_browser

    server = connect(redis_url)
    meta = scan_meta(server, scan_id)
    if not meta:
        raise WorkerError(f"no distributed scan {scan_id} in Redis at {redis_url}")
    check_scan_database(settings.storage.url, scan_id, meta)
    settings = settings_for_scan(settings, meta)
    worker = worker or worker_name()
    spiders = meta["spiders"].split(",")
    spider_args = json.loads(meta.get("spider_args", "{}"))
    scrapy_settings = build_scrapy_settings(
        settings, browser=needs_browser(settings, spiders, spider_args.get("transport"))
    )
    scrapy_settings.update({
        **distributed_scrapy_settings(scan_id, redis_url, worker),
        "KTPWATCH_STORE": True,
        "KTPWATCH_SCAN_ID": scan_id,
        "KTPWATCH_EVIDENCE": meta.get("capture_evidence") == "1",
        "KTPWATCH_DETAIL_FILTER": CandidateFilter(settings.matching.candidate_threshold),
        "KTPWATCH_HEARTBEAT_SECONDS": heartbeat_seconds,
        "ITEM_PIPELINES": {"crawler.pipelines.StoragePipeline": 300},
        "EXTENSIONS": {"crawler.distributed.WorkerExtension": 500},
        "SPIDER_MIDDLEWARES": {"crawler.distributed.DropStartRequests": 1},
        "LOG_LEVEL": log_level,
    })
    # one rate per shop host across all workers, not one per worker (crawler.pacing)
    scrapy_settings.update(paced_scrapy_settings(scrapy_settings, settings.crawl.download_delay))
    scrapy_settings.update(scrapy_overrides or {})
    process = AsyncCrawlerProcess(ScrapySettings(scrapy_settings))
    loader = SpiderLoader.from_settings(process.settings)
    crawlers: dict[str, Crawler] = {}
    for name in spiders:
        crawler = process.create_crawler(loader.load(name))
        crawlers[name] = crawler
        process.crawl(crawler, **spider_args)
    tune_gc_for_crawling()
    process.start()
    reasons = {}
    stats = {}
    for name, crawler in crawlers.items():
        snapshot = crawler.stats.get_stats() if crawler.stats is not None else {}
        reasons[name] = str(snapshot.get("finish_reason", ""))
        stats[name] = {k: v for k, v in snapshot.items() if k.startswith("ktpwatch/")}
    return WorkerReport(scan_id=scan_id, worker=worker, finish_reasons=reasons, stats=stats)


#: exit code of a child that refused its scan (configuration, wrong database): rejoining cannot help
REFUSED_EXIT = 2
#: times a worker joins a scan again after its child crashed, before it leaves that scan to others
MAX_REJOINS = 3


def should_rejoin(code: int, still_active: bool, crashes: int) -> bool:
    """Whether a scan whose child ended with ``code`` is joined again (a crash while it runs)."""
    return code not in (0, REFUSED_EXIT) and still_active and crashes <= MAX_REJOINS


def serve_forever(
    redis_url: str,
    *,
    config_path: str | None = None,
    once: bool = False,
    poll_seconds: float = 2.0,
    heartbeat_seconds: float = DEFAULT_HEARTBEAT_SECONDS,
    on_scan: Callable[[int, int, bool], None] | None = None,
) -> int:
    """Join every active scan in turn, each in a child process; returns scans worked on.

    A child per scan because the reactor runs once per process, and so a crash
    in one scan never takes the worker down. A child that crashed (killed,
    out of memory, a bug) while its scan is still active is replaced: the scan
    is joined again, up to :data:`MAX_REJOINS` times. ``on_scan(scan, exit
    code, rejoining)`` reports every child's end.
    """
    server = connect(redis_url)
    worked: set[int] = set()
    crashes: dict[int, int] = {}
    while True:
        pending = [s for s in active_scans(server) if s not in worked]
        if not pending:
            if once and worked:
                return len(worked)
            time.sleep(poll_seconds)
            continue
        scan_id = pending[0]
        command = [sys.executable, "-m", "crawler.distributed", "--redis", redis_url,
                   "--scan", str(scan_id), "--heartbeat", str(heartbeat_seconds)]
        if config_path:
            command += ["--config", config_path]
        code = subprocess.call(command)
        if code not in (0, REFUSED_EXIT):
            crashes[scan_id] = crashes.get(scan_id, 0) + 1
        rejoin = should_rejoin(code, scan_id in active_scans(server), crashes.get(scan_id, 0))
        if not rejoin:
            worked.add(scan_id)
        if on_scan is not None:
            on_scan(scan_id, code, rejoin)
        elif code != 0:
            log.warning("scan %s: worker child ended with exit code %s%s", scan_id, code,
                        "; joining it again" if rejoin else "")
        if once and not rejoin:
            return len(worked)


def _child_main(argv: list[str]) -> int:
    import argparse

    from config import ConfigError, load_config

    parser = argparse.ArgumentParser(prog="python -m crawler.distributed")
    parser.add_argument("--redis", required=True)
    parser.add_argument("--scan", type=int, required=True)
    parser.add_argument("--config")
    parser.add_argument("--heartbeat", type=float, default=DEFAULT_HEARTBEAT_SECONDS)
    parser.add_argument("--scrapy-settings", default="{}", help="JSON of extra Scrapy settings")
    args = parser.parse_args(argv)
    try:
        loaded = load_config(args.config)
        if loaded.announcement():  # which file decides what this process runs
            print(loaded.announcement(), file=sys.stderr)
        settings = loaded.settings
        report = run_worker_scan(settings, args.redis, args.scan, heartbeat_seconds=args.heartbeat,
                                 scrapy_overrides=json.loads(args.scrapy_settings))
    except (ConfigError, WorkerError) as exc:
        from alerts.redaction import redact_text

        print(f"error: {redact_text(str(exc))}", file=sys.stderr)
        return REFUSED_EXIT
    print(json.dumps(report.to_dict(), default=str))
    return 0


if __name__ == "__main__":
    from crawler.log_redaction import install_process_redaction

    install_process_redaction()
    sys.exit(_child_main(sys.argv[1:]))
