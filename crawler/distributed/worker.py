"""A worker: join a distributed scan in this process, or serve every scan in turn, a child each.

:func:`run_worker_scan` crawls one scan's queue until the scan is done
(Twisted's reactor runs once per process). :func:`serve_forever` joins every
active scan in turn, each in a child process (``python -m
crawler.distributed``), so a crash in one scan never takes the worker down; a
scan whose child crashed while it is still active is joined again. Per-host
pacing across workers lives in :mod:`crawler.pacing`.
"""

from __future__ import annotations

import argparse
import json
import logging
import os
import socket
import subprocess
import sys
import time
import uuid
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from config import Settings
from crawler.distributed.coordinator import SCAN_SECTIONS
from crawler.distributed.database import check_scan_database
from crawler.distributed.keys import (
    DEFAULT_HEARTBEAT_SECONDS,
    WorkerError,
    active_scans,
    connect,
    scan_meta,
)
from crawler.distributed.queue import distributed_scrapy_settings
from spiders.keys import STATS_PREFIX

log = logging.getLogger(__name__)

MODULE = "crawler.distributed"
#: exit code of a child that refused its scan (configuration, wrong database): rejoining cannot help
REFUSED_EXIT = 2
#: times a worker joins a scan again after its child crashed, before it leaves that scan to others
MAX_REJOINS = 3


def worker_name() -> str:
    return f"{socket.gethostname()}-{os.getpid()}-{uuid.uuid4().hex[:6]}"


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


def worker_scrapy_settings(
    settings: Settings, meta: dict[str, str], *, scan_id: int, redis_url: str, worker: str,
    heartbeat_seconds: float, log_level: str,
) -> dict[str, Any]:
    """A worker's crawl: a storing crawl, on the scan's queue, paced per host across workers."""
    from crawler.pacing import paced_scrapy_settings
    from crawler.settings import storing_crawl_settings

    spider_args = json.loads(meta.get("spider_args", "{}"))
    built = storing_crawl_settings(
        settings, marketplaces=meta["spiders"].split(","), transport=spider_args.get("transport"),
        scan_id=scan_id, capture_evidence=meta.get("capture_evidence") == "1", log_level=log_level,
    )
    built.update({
        **distributed_scrapy_settings(scan_id, redis_url, worker),
        "KTPWATCH_HEARTBEAT_SECONDS": heartbeat_seconds,
        "EXTENSIONS": {"crawler.distributed.extension.WorkerExtension": 500},
        "SPIDER_MIDDLEWARES": {"crawler.distributed.extension.DropStartRequests": 1},
    })
    # one rate per marketplace host across all workers, not one per worker (crawler.pacing)
    built.update(paced_scrapy_settings(built, settings.crawl.download_delay))
    return built


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
    from scrapy.crawler import AsyncCrawlerProcess, Crawler
    from scrapy.settings import Settings as ScrapySettings
    from scrapy.spiderloader import SpiderLoader

    from crawler.gc_tuning import tune_gc_for_crawling

    server = connect(redis_url)
    meta = scan_meta(server, scan_id)
    if not meta:
        raise WorkerError(f"no distributed scan {scan_id} in Redis at {redis_url}")
    check_scan_database(settings.storage.url, scan_id, meta)
    settings = settings_for_scan(settings, meta)
    worker = worker or worker_name()
    scrapy_settings = worker_scrapy_settings(
        settings, meta, scan_id=scan_id, redis_url=redis_url, worker=worker,
        heartbeat_seconds=heartbeat_seconds, log_level=log_level,
    )
    process = AsyncCrawlerProcess(ScrapySettings({**scrapy_settings, **(scrapy_overrides or {})}))
    loader = SpiderLoader.from_settings(process.settings)
    crawlers: dict[str, Crawler] = {}
    for name in meta["spiders"].split(","):
        crawlers[name] = process.create_crawler(loader.load(name))
        process.crawl(crawlers[name], **json.loads(meta.get("spider_args", "{}")))
    tune_gc_for_crawling()
    process.start()
    snapshots = {name: crawler.stats.get_stats() if crawler.stats is not None else {}
                 for name, crawler in crawlers.items()}
    return WorkerReport(
        scan_id=scan_id, worker=worker,
        finish_reasons={name: str(s.get("finish_reason", "")) for name, s in snapshots.items()},
        stats={name: {k: v for k, v in s.items() if k.startswith(STATS_PREFIX)}
               for name, s in snapshots.items()},
    )


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
    code, rejoining)`` reports every child's end. ``once`` returns after the
    first scan that is not joined again.
    """
    server = connect(redis_url)
    worked: set[int] = set()
    crashes: dict[int, int] = {}
    while True:
        pending = [s for s in active_scans(server) if s not in worked]
        if not pending:
            time.sleep(poll_seconds)
            continue
        scan_id = pending[0]
        command = [sys.executable, "-m", MODULE, "--redis", redis_url,
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


def child_main(argv: list[str]) -> int:
    """``python -m crawler.distributed``: one scan's worker; :data:`REFUSED_EXIT` when it refuses."""
    from config import ConfigError, load_config

    parser = argparse.ArgumentParser(prog=f"python -m {MODULE}")
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
        report = run_worker_scan(loaded.settings, args.redis, args.scan,
                                 heartbeat_seconds=args.heartbeat,
                                 scrapy_overrides=json.loads(args.scrapy_settings))
    except (ConfigError, WorkerError) as exc:
        from alerts.redaction import redact_text

        print(f"error: {redact_text(str(exc))}", file=sys.stderr)
        return REFUSED_EXIT
    print(json.dumps(report.to_dict(), default=str))
    return 0
