"""Distributed scans: one request queue in Redis, any number of workers, one database.

``ktpwatch scan --distributed`` (the coordinator) queues every spider's start
requests in Redis and waits; ``ktpwatch worker`` processes fetch, score and
store them. Requests are delivered at least once and acknowledged only once
their listings are stored; a scan is done when every queue is empty and no
worker holds a request.

* :mod:`~crawler.distributed.keys` — the scan's Redis keys, the connection, active scans;
* :mod:`~crawler.distributed.scripts` — the Lua scripts (pop, reap, requeue, done);
* :mod:`~crawler.distributed.queue` — :class:`ScanQueue` (scrapy-redis' queue, at-least-once);
* :mod:`~crawler.distributed.extension` — :class:`WorkerExtension` (heartbeat, acknowledgement);
* :mod:`~crawler.distributed.database` — the database check every worker makes;
* :mod:`~crawler.distributed.coordinator` — enqueue, wait, collect;
* :mod:`~crawler.distributed.worker` — one scan's worker, and the worker that serves them all.
"""

from crawler.distributed.coordinator import (
    SCAN_SECTIONS,
    NoWorkerError,
    crawl_distributed,
    enqueue_scan,
    retire_scan,
    scan_stats,
    wait_for_scan,
)
from crawler.distributed.database import check_scan_database, scan_started_in, shown_url
from crawler.distributed.extension import DropStartRequests, WorkerExtension, WorkerState
from crawler.distributed.keys import (
    ACTIVE_SCANS,
    DEFAULT_HEARTBEAT_SECONDS,
    ScanKeys,
    WorkerError,
    active_scans,
    connect,
    scan_meta,
    wait_for_active_scan,
)
from crawler.distributed.queue import (
    ScanQueue,
    SpiderSerializer,
    decode_request,
    distributed_scrapy_settings,
    encode_request,
)
from crawler.distributed.scripts import live_workers, reap_dead_workers, scan_is_done
from crawler.distributed.worker import (
    MAX_REJOINS,
    REFUSED_EXIT,
    WorkerReport,
    run_worker_scan,
    serve_forever,
    settings_for_scan,
    should_rejoin,
    worker_name,
)

__all__ = [
    "ACTIVE_SCANS",
    "DEFAULT_HEARTBEAT_SECONDS",
    "MAX_REJOINS",
    "REFUSED_EXIT",
    "SCAN_SECTIONS",
    "DropStartRequests",
    "NoWorkerError",
    "ScanKeys",
    "ScanQueue",
    "SpiderSerializer",
    "WorkerError",
    "WorkerExtension",
    "WorkerReport",
    "WorkerState",
    "active_scans",
    "check_scan_database",
    "connect",
    "crawl_distributed",
    "decode_request",
    "distributed_scrapy_settings",
    "encode_request",
    "enqueue_scan",
    "live_workers",
    "reap_dead_workers",
    "retire_scan",
    "run_worker_scan",
    "scan_is_done",
    "scan_meta",
    "scan_started_in",
    "scan_stats",
    "serve_forever",
    "settings_for_scan",
    "should_rejoin",
    "shown_url",
    "wait_for_active_scan",
    "wait_for_scan",
    "worker_name",
]
