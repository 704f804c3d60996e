"""The coordinator's part of ``scan --distributed``: enqueue once, wait for the workers, collect.

The coordinator turns every spider's start requests into queued requests
(with the scan's configuration sections shipped in the scan's meta), then
waits until the scan is done — reaping dead workers meanwhile, and giving up
after ``distributed.worker_timeout`` seconds without a live worker — and reads
back the stats the workers pushed, shaped like a local crawler's.

Duplicates are harmless by construction: a re-queued request may be fetched
twice, and storage's upserts (unique listing per marketplace and external id,
one sighting per listing per scan, one alert per listing) absorb it.
"""

from __future__ import annotations

import asyncio
import json
import logging
import time
from collections.abc import Callable, Sequence
from typing import Any

from scrapy import Request, Spider
from scrapy.crawler import Crawler
from scrapy.settings import Settings as ScrapySettings
from scrapy.statscollectors import MemoryStatsCollector
from scrapy_redis.dupefilter import RFPDupeFilter

from config import Settings
from crawler.distributed.database import scan_started_in, shown_url
from crawler.distributed.keys import (
    ACTIVE_SCANS,
    FINISHED_TTL_SECONDS,
    TICK_SECONDS,
    ScanKeys,
    connect,
)
from crawler.distributed.queue import distributed_scrapy_settings, encode_request
from crawler.distributed.scripts import live_workers, reap_dead_workers, scan_is_done
from spiders.keys import STATS_PREFIX

log = logging.getLogger(__name__)

#: configuration sections the scan hands to its workers (the rest is each worker's own)
SCAN_SECTIONS = ("marketplaces", "crawl", "matching", "queries")


class NoWorkerError(Exception):
    """A distributed scan had no live worker for longer than ``distributed.worker_timeout``."""


def _shipped_sections(settings: Settings) -> dict[str, Any]:
    return {name: json.loads(getattr(settings, name).model_dump_json()) if name != "marketplaces"
            else {k: json.loads(v.model_dump_json()) for k, v in settings.marketplaces.items()}
            for name in SCAN_SECTIONS}


def _write_meta(server: Any, keys: ScanKeys, settings: Settings, *, marketplaces: Sequence[str],
                spider_args: dict[str, Any], capture_evidence: bool) -> None:
    # a scan id is new in its database: keys under it are left over (a reset database)
    stale = list(server.scan_iter(match=f"{keys.prefix}:*"))
    if stale:
        server.delete(*stale)
    server.hset(keys.meta, mapping={
        "status": "enqueuing",
        "spiders": ",".join(marketplaces),
        "spider_args": json.dumps(spider_args),
        "settings": json.dumps(_shipped_sections(settings)),
        "capture_evidence": "1" if capture_evidence else "0",
        "created": str(time.time()),
        # which database the workers must write to (the password stays out of Redis)
        "storage": shown_url(settings.storage.url),
        "scan_started": scan_started_in(settings.storage.url, keys.scan_id),
    })


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
    _write_meta(server, keys, settings, marketplaces=marketplaces, spider_args=spider_args,
                capture_evidence=capture_evidence)
    crawl_settings = ScrapySettings({**scrapy_settings,
                                     **distributed_scrapy_settings(scan_id, "", "coordinator")})
    loader = SpiderLoader.from_settings(crawl_settings)
    total = sum(_enqueue_spider(server, keys, Crawler(loader.load(name), crawl_settings), spider_args)
                for name in marketplaces)
    pipe = server.pipeline()
    pipe.hset(keys.meta, "status", "running")
    pipe.sadd(ACTIVE_SCANS, scan_id)
    pipe.execute()
    return total


def _enqueue_spider(server: Any, keys: ScanKeys, crawler: Crawler, spider_args: dict[str, Any]) -> int:
    """Queue one spider's start requests (new to the scan's dupefilter) and the stats it counted."""
    crawler.stats = MemoryStatsCollector(crawler)  # spiders count the requests they make
    spider = crawler.spidercls.from_crawler(crawler, **spider_args)
    dupefilter = RFPDupeFilter(server, keys.dupefilter(spider.name))
    queued = 0
    pipe = server.pipeline()
    for request in asyncio.run(_start_requests(spider)):
        if not request.dont_filter and dupefilter.request_seen(request):
            continue
        pipe.zadd(keys.queue(spider.name), {encode_request(request, spider): -request.priority})
        queued += 1
    for key, value in crawler.stats.get_stats().items():
        if key.startswith(STATS_PREFIX) and isinstance(value, (int, float)):
            pipe.hincrbyfloat(keys.stats(spider.name), key, value)
    pipe.execute()
    return queued


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
    """Block until the scan is done (reaping dead workers meanwhile); False on timeout.

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
    """Enqueue the scan, wait for the workers, collect their stats.

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
