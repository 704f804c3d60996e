"""Per-host pacing shared by every worker of a distributed scan.

Scrapy's ``DOWNLOAD_DELAY`` and per-domain concurrency live in one process,
so N workers would send a marketplace N times the configured rate. In distributed
mode every request therefore waits for a turn from a moving-window limiter
(``limits``, Redis storage) keyed by the request's host: at most
:func:`pacing_rate` requests per window to one host, across all workers.
Each host has its own key, so a busy host never delays another.

The turn is taken in a download handler that wraps the configured one
(:class:`PacedDownloadHandler`), i.e. after Scrapy's slot let the request go
and right before it is sent: a turn taken earlier (a downloader middleware)
could be spent long before the request leaves, and several such requests
would then leave together. The wait is an asyncio sleep, never a block.

A ``Retry-After`` pauses a host for every worker (:meth:`HostPacer.pause`):
the pause is a Redis key with the asked time to live, which the turn-taking
loop honours before it asks the limiter.

Concurrency is shared the same way: at most ``CONCURRENT_REQUESTS_PER_DOMAIN``
requests are in flight to one host across all workers (Scrapy's own limit is
per process, so N workers had N times as many open). ``limits`` and
pyrate-limiter count rates, not requests in flight, so a request holds a
*lease* in a Redis sorted set per host (:data:`LEASE_SCRIPT`: expired leases
dropped, one added only while fewer than the limit are held, atomically in
Lua, on Redis's clock). A lease expires after the download timeout plus a
margin, so a worker killed mid-request frees its place on its own.

Single-process scans do not use this module: their pacing is Scrapy's.
"""

from __future__ import annotations

import asyncio
import math
import time
import uuid
import weakref
from typing import Any, ClassVar
from urllib.parse import urlsplit

import redis as redis_lib
import redis.asyncio as aioredis
from limits import RateLimitItemPerSecond
from limits.aio.storage import RedisStorage
from limits.aio.strategies import MovingWindowRateLimiter
from redis.asyncio.retry import Retry
from redis.backoff import ExponentialWithJitterBackoff
from scrapy.crawler import Crawler
from scrapy.http import Request, Response
from scrapy.settings.default_settings import DOWNLOAD_HANDLERS_BASE
from scrapy.utils.defer import ensure_awaitable
from scrapy.utils.misc import build_from_crawler, load_object

#: namespace of the limiter's keys in Redis (shared by every scan: politeness is per host, not per scan)
NAMESPACE = "ktpwatch-host"
PAUSE_PREFIX = "ktpwatch:host-pause:"
LEASE_PREFIX = "ktpwatch:host-leases:"
#: seconds a lease outlives the download timeout (a lease is released as soon as its request ends)
LEASE_MARGIN_SECONDS = 5.0
#: longest wait between two tries for a lease
LEASE_POLL_SECONDS = 0.05
#: Redis connections one pacer (one crawler of a worker) opens at most; its requests take turns on them
POOL_CONNECTIONS = 8
#: tries again, backing off, after a Redis connection error or timeout (redis-py's own client default,
#: which a client built on a given pool does not get): a slow Redis delays a request, never fails it
REDIS_RETRIES = 10
REDIS_BACKOFF_CAP_SECONDS = 2.0
#: KEYS[1] the host's lease set (member: token, score: expiry in ms on Redis's clock);
#: ARGV: token, lease ms, limit. Returns 1 when the lease was taken.
LEASE_SCRIPT = """
local now = redis.call('TIME')
local now_ms = tonumber(now[1]) * 1000 + math.floor(tonumber(now[2]) / 1000)
redis.call('ZREMRANGEBYSCORE', KEYS[1], '-inf', now_ms)
if redis.call('ZCARD', KEYS[1]) < tonumber(ARGV[3]) then
  redis.call('ZADD', KEYS[1], now_ms + tonumber(ARGV[2]), ARGV[1])
  redis.call('PEXPIRE', KEYS[1], tonumber(ARGV[2]))
  return 1
end
return 0
"""
#: longest window (seconds) :func:`pacing_rate` tries, and how close to the exact rate it must get
LONGEST_WINDOW = 10
CLOSE_ENOUGH = 0.9
#: Scrapy settings this module reads
REDIS_SETTING = "REDIS_URL"
DELAY_SETTING = "KTPWATCH_HOST_DELAY"
CONCURRENCY_SETTING = "KTPWATCH_HOST_CONCURRENCY"
INNER_HANDLERS_SETTING = "KTPWATCH_PACED_HANDLERS"
PACED_SCHEMES = ("http", "https")


def pacing_rate(delay: float) -> tuple[int, int] | None:
    """``(requests, seconds)``: a whole-second window that never exceeds one request per ``delay``.

    ``limits`` counts whole seconds, so a delay of 0.5 s becomes 2 per 1 s and
    1.5 s becomes 2 per 3 s. The smallest window within 90 % of the exact rate
    wins (a small window allows only a small burst); the rate never exceeds
    ``1 / delay``. No delay, no pacing (None).
    """
    if delay <= 0:
        return None
    exact = 1.0 / delay
    best: tuple[int, int] | None = None
    for seconds in range(1, LONGEST_WINDOW + 1):
        amount = math.floor(seconds * exact + 1e-9)
        if amount < 1:
            continue
        if best is None or amount / seconds > best[0] / best[1]:
            best = (amount, seconds)
        if amount / seconds >= CLOSE_ENOUGH * exact:
            return (amount, seconds)
    return best or (1, math.ceil(delay))


def host_key(url: str) -> str:
    """The host a request goes to, with its port: what pacing and pauses are keyed by."""
    parts = urlsplit(url)
    port = parts.port or {"http": 80, "https": 443}.get(parts.scheme, 0)
    return f"{(parts.hostname or '').lower()}:{port}"


class HostPacer:
    """Turns per host from a shared moving window, leases on requests in flight, and shared pauses."""

    def __init__(self, redis_url: str, delay: float, *, concurrency: int = 0,
                 lease_seconds: float = 180.0 + LEASE_MARGIN_SECONDS) -> None:
        if concurrency < 0 or lease_seconds <= 0:
            raise ValueError("concurrency must be >= 0 (0: no limit) and lease_seconds > 0")
        self.concurrency = concurrency
        self.lease_ms = max(1, int(lease_seconds * 1000))
        rate = pacing_rate(delay)
        self.item = None if rate is None else RateLimitItemPerSecond(rate[0], rate[1], namespace=NAMESPACE)
        self._redis_url = redis_url
        self._limiter: MovingWindowRateLimiter | None = None
        self._async: aioredis.Redis | None = None
        self._sync = redis_lib.Redis.from_url(redis_url)

    def _clients(self) -> tuple[aioredis.Redis, MovingWindowRateLimiter]:
        """Async clients on one bounded pool, made on first use inside the running event loop.

        Every request waiting for a lease or a turn polls Redis; with redis-py's
        default (unbounded) pool each of them opened a connection of its own, so
        a worker's 64 requests per shop times six shops opened hundreds, N
        workers N times as many: Redis (or the machine) could not accept them
        in time, and the request failed with "Timeout connecting to server" —
        a search page's listings and every later page of it were never
        fetched. A blocking pool makes a request wait for a free connection
        instead (no timeout: waiting is the pacer's job), and a connection
        that times out is tried again (:data:`REDIS_RETRIES`).
        """
        if self._async is None or self._limiter is None:
            pool = aioredis.BlockingConnectionPool.from_url(
                self._redis_url, max_connections=POOL_CONNECTIONS, timeout=None,
                retry=Retry(ExponentialWithJitterBackoff(cap=REDIS_BACKOFF_CAP_SECONDS), REDIS_RETRIES),
            )
            self._async = aioredis.Redis(connection_pool=pool)
            # limits documents ``connection_pool`` but types its options as scalars
            storage = RedisStorage(f"async+{self._redis_url}", implementation="redispy",
                                   connection_pool=pool)  # type: ignore[arg-type]
            self._limiter = MovingWindowRateLimiter(storage)
        return self._async, self._limiter

    async def wait_turn(self, host: str) -> float:
        """Wait until ``host`` is not paused and has a free turn, then take it; seconds waited."""
        client, limiter = self._clients()
        started = time.monotonic()
        while True:
            paused_ms = await client.pttl(PAUSE_PREFIX + host)
            if paused_ms > 0:
                await asyncio.sleep(paused_ms / 1000)
                continue
            if self.item is None or await limiter.hit(self.item, host):
                return time.monotonic() - started
            stats = await limiter.get_window_stats(self.item, host)
            await asyncio.sleep(max(0.005, stats.reset_time - time.time()))

    async def acquire(self, host: str) -> str | None:
        """Wait for one of ``host``'s places in flight and hold it; the lease's token (None: no limit)."""
        if self.concurrency <= 0:
            return None
        client, _ = self._clients()
        token = uuid.uuid4().hex
        wait = 0.005
        while not await client.eval(LEASE_SCRIPT, 1, LEASE_PREFIX + host, token, self.lease_ms,
                                    self.concurrency):
            await asyncio.sleep(wait)
            wait = min(LEASE_POLL_SECONDS, wait * 2)
        return token

    async def release(self, host: str, token: str | None) -> None:
        """Give back the place ``acquire`` handed out (an expired lease is already gone)."""
        if token is not None:
            client, _ = self._clients()
            await client.zrem(LEASE_PREFIX + host, token)

    def pause(self, host: str, seconds: float) -> None:
        """Pause ``host`` for every worker for ``seconds`` (never shortens a longer pause).

        Synchronous on purpose (one round trip): the pause must be in Redis
        before the retry it goes with is queued for another worker to take.
        """
        key, ms = PAUSE_PREFIX + host, max(1, int(seconds * 1000))
        pipe = self._sync.pipeline()
        pipe.set(key, "1", px=ms, nx=True)
        pipe.pexpire(key, ms, gt=True)
        pipe.execute()

    async def close(self) -> None:
        """Close the Redis clients (again is harmless: each scheme's handler closes the pacer)."""
        client, self._async, self._limiter = self._async, None, None
        if client is not None:
            await client.aclose()
            await client.connection_pool.disconnect()  # the pool is given, so the client leaves it open
        self._sync.close()


_pacers: weakref.WeakKeyDictionary[Crawler, HostPacer] = weakref.WeakKeyDictionary()


def pacer_for(crawler: Crawler) -> HostPacer | None:
    """The crawler's shared pacer (one per crawler), or None when it crawls on its own."""
    settings = crawler.settings
    if settings.get(INNER_HANDLERS_SETTING) is None or not settings.get(REDIS_SETTING):
        return None
    if crawler not in _pacers:
        _pacers[crawler] = HostPacer(
            settings.get(REDIS_SETTING), settings.getfloat(DELAY_SETTING),
            concurrency=settings.getint(CONCURRENCY_SETTING, 0),
            lease_seconds=settings.getfloat("DOWNLOAD_TIMEOUT", 180.0) + LEASE_MARGIN_SECONDS,
        )
    return _pacers[crawler]


def paced_scrapy_settings(scrapy_settings: dict[str, Any], delay: float) -> dict[str, Any]:
    """The settings that put :class:`PacedDownloadHandler` in front of the configured handlers.

    The per-host concurrency shared by all workers is the crawl's own
    ``CONCURRENT_REQUESTS_PER_DOMAIN`` (0 or unset: no shared limit).
    """
    configured = scrapy_settings.get("DOWNLOAD_HANDLERS") or {}
    inner = {scheme: configured.get(scheme) or DOWNLOAD_HANDLERS_BASE[scheme] for scheme in PACED_SCHEMES}
    return {
        DELAY_SETTING: delay,
        CONCURRENCY_SETTING: int(scrapy_settings.get("CONCURRENT_REQUESTS_PER_DOMAIN") or 0),
        INNER_HANDLERS_SETTING: inner,
        "DOWNLOAD_HANDLERS": {**configured, "http": "crawler.pacing.PacedDownloadHandler",
                              "https": "crawler.pacing.PacedHttpsDownloadHandler"},
    }


class PacedDownloadHandler:
    """A download handler that takes a shared turn for the host, then lets the configured one download.

    The configured handler is built with this one, when Scrapy builds its
    handlers: scrapy-playwright's launches its browser on ``engine_started``,
    which a handler built at the first request would miss. One class per
    scheme, so each builds only its own.
    """

    scheme: ClassVar[str] = "http"
    lazy = False

    def __init__(self, pacer: HostPacer, inner: Any) -> None:
        self.pacer = pacer
        self.inner = inner

    @classmethod
    def from_crawler(cls, crawler: Crawler) -> PacedDownloadHandler:
        pacer = pacer_for(crawler)
        if pacer is None:
            raise ValueError(f"{INNER_HANDLERS_SETTING} and {REDIS_SETTING} must be set for shared pacing")
        path = crawler.settings.getdict(INNER_HANDLERS_SETTING)[cls.scheme]
        return cls(pacer, build_from_crawler(load_object(path), crawler))

    async def download_request(self, request: Request) -> Response:
        host = host_key(request.url)
        lease = await self.pacer.acquire(host)  # a place in flight first, so no turn is spent waiting
        try:
            await self.pacer.wait_turn(host)
            response: Response = await self.inner.download_request(request)
        finally:
            await self.pacer.release(host, lease)
        return response

    async def close(self) -> None:
        closing = getattr(self.inner, "close", None)
        if closing is not None:
            await ensure_awaitable(closing())
        await self.pacer.close()


class PacedHttpsDownloadHandler(PacedDownloadHandler):
    scheme = "https"
