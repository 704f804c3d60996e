"""What a worker and a coordinator refuse to do: acknowledge unstored work, write to the wrong
database, wait forever for workers, or leave a scan whose child crashed."""

from __future__ import annotations

import time
from dataclasses import dataclass, field
from pathlib import Path
from types import SimpleNamespace
from typing import Any

import pytest
from scrapy import Request
from scrapy.statscollectors import MemoryStatsCollector

from config import load_config
from crawler.distributed import (
    MAX_REJOINS,
    REFUSED_EXIT,
    NoWorkerError,
    ScanKeys,
    ScanQueue,
    WorkerError,
    WorkerExtension,
    WorkerState,
    check_scan_database,
    crawl_distributed,
    scan_is_done,
    should_rejoin,
)
from crawler.settings import build_scrapy_settings
from storage.migrate import upgrade
from storage.scans import start_scan
from storage.session import make_engine, make_session_factory
from tests.distributed.conftest import make_spider
from tests.servers import RedisServer

SCAN = 7


@dataclass
class FlakyPipeline:
    """Stands for the storage pipeline: its next ``failures`` flushes lose a batch (counted, as it does)."""

    stats: Any
    failures: int = 0
    flushes: list[bool] = field(default_factory=list)

    def flush(self) -> None:
        failed = self.failures > 0
        if failed:
            self.failures -= 1
            self.stats.inc_value("ktpwatch/store_errors")
        self.flushes.append(not failed)


def _worker(server: Any, redis_url: str) -> tuple[WorkerExtension, ScanQueue, FlakyPipeline]:
    spider = make_spider(SCAN, "w1", redis_url, transport="api", query="blanko ktp")
    queue = ScanQueue(server, spider, ScanKeys(SCAN).queue_pattern)
    stats = MemoryStatsCollector(spider.crawler)
    pipeline = FlakyPipeline(stats)
    engine = SimpleNamespace(scheduler=SimpleNamespace(queue=queue), _slot=SimpleNamespace(inprogress=set()))
    crawler = SimpleNamespace(engine=engine, stats=stats, spider=spider,
                              get_item_pipeline=lambda cls: pipeline)
    state = WorkerState(keys=ScanKeys(SCAN), worker="w1", heartbeat_ms=60_000, spiders=["tokopedia"])
    return WorkerExtension(crawler, state, server), queue, pipeline  # type: ignore[arg-type]


def _running(server: Any) -> ScanKeys:
    keys = ScanKeys(SCAN)
    server.hset(keys.meta, mapping={"status": "running", "spiders": "tokopedia"})
    server.sadd(keys.workers, "w1")
    server.set(keys.heartbeat("w1"), "1", px=60_000)
    return keys


def test_a_failed_write_is_never_acknowledged_but_queued_again(server: Any, redis: RedisServer) -> None:
    """Old code: settle flushed, the pipeline swallowed the error, and the requests were acknowledged."""
    keys = _running(server)
    ext, queue, pipeline = _worker(server, redis.url)
    for path in ("a", "b"):
        queue.push(Request(f"http://127.0.0.1:1/{path}"))
    held = [queue.pop(), queue.pop()]
    assert all(held)

    pipeline.failures = 1
    ext.settle(idle=True)  # both finished; their batch failed
    assert pipeline.flushes == [False]
    assert server.zcard(keys.queue("tokopedia")) == 2  # back in the queue, for any worker
    assert server.hlen(keys.inflight("w1")) == 0
    assert ext.crawler.stats.get_value("ktpwatch/requeued_unstored") == 2
    assert not scan_is_done(server, keys, ["tokopedia"])

    again = [queue.pop(), queue.pop()]
    assert sorted(r.url for r in again if r) == sorted(r.url for r in held if r)
    ext.settle(idle=True)  # stored this time
    assert pipeline.flushes == [False, True]
    assert server.zcard(keys.queue("tokopedia")) == 0 and server.hlen(keys.inflight("w1")) == 0
    assert scan_is_done(server, keys, ["tokopedia"])


def test_a_request_in_progress_during_a_failed_write_is_queued_again_when_it_ends(
    server: Any, redis: RedisServer
) -> None:
    """Batches mix requests: one still being parsed may already have listings in the lost batch."""
    keys = _running(server)
    ext, queue, pipeline = _worker(server, redis.url)
    for path in ("done", "busy"):
        queue.push(Request(f"http://127.0.0.1:1/{path}"))
    done, busy = queue.pop(), queue.pop()
    assert done is not None and busy is not None
    inprogress: set[Request] = ext.crawler.engine._slot.inprogress  # type: ignore[union-attr]
    inprogress.add(busy)
    pipeline.failures = 1
    ext.settle()  # "done" finished: remembered, settled on the next tick
    ext.settle()
    assert server.zcard(keys.queue("tokopedia")) == 1  # "done" went back
    inprogress.clear()  # "busy" ends; its flush succeeds
    ext.settle()
    ext.settle()
    assert pipeline.flushes[-1] is True
    assert server.zcard(keys.queue("tokopedia")) == 2  # "busy" went back too: it was held during the loss
    assert {r.url for r in iter(queue.pop, None)} == {done.url, busy.url}


def _sqlite_with_scan(path: Path) -> tuple[str, str]:
    url = f"sqlite:///{path}"
    engine = make_engine(url)
    upgrade(engine)
    with make_session_factory(engine).begin() as session:
        scan = start_scan(session, trigger="manual", queries=["q"], marketplaces=["tokopedia"])
        started = scan.started_at.isoformat()
    engine.dispose()
    return url, started


def test_worker_refuses_a_database_that_is_not_the_coordinators(tmp_path: Path) -> None:
    url, started = _sqlite_with_scan(tmp_path / "coordinator.db")
    meta = {"storage": url, "scan_started": started}
    check_scan_database(url, 1, meta)  # the coordinator's own database: fine

    stray = tmp_path / "worker-local.db"
    with pytest.raises(WorkerError, match=r"set storage\.url or KTPWATCH_DB_URL") as refused:
        check_scan_database(f"sqlite:///{stray}", 1, meta)
    assert "\n" not in str(refused.value)
    assert not stray.exists()  # no silent local database was created

    other, _ = _sqlite_with_scan(tmp_path / "other.db")  # has a scan 1 too, started at another time
    with pytest.raises(WorkerError, match="another scan with that id"):
        check_scan_database(other, 1, {**meta, "scan_started": "2000-01-01T00:00:00"})


def test_coordinator_gives_up_when_no_worker_is_alive(
    tmp_path: Path, server: Any, redis: RedisServer
) -> None:
    settings = load_config(None).settings
    settings = settings.model_copy(update={
        "distributed": settings.distributed.model_copy(update={"redis_url": redis.url, "worker_timeout": 1.0}),
    })
    engine = make_engine(settings.storage.url)
    upgrade(engine)
    with make_session_factory(engine).begin() as session:
        scan_id = start_scan(session, trigger="manual", queries=["blanko ktp"], marketplaces=["tokopedia"]).id
    engine.dispose()
    started = time.monotonic()
    with pytest.raises(NoWorkerError, match="no `ktpwatch worker` alive for 1s"):
        crawl_distributed(settings, build_scrapy_settings(settings, browser=False), scan_id=scan_id,
                          marketplaces=["tokopedia"], spider_args={"queries": "blanko ktp", "max_pages": 1},
                          capture_evidence=False)
    assert time.monotonic() - started < 15
    assert not server.sismember("ktpwatch:scans:active", scan_id)  # no worker joins it later


def test_a_crashed_child_is_replaced_while_its_scan_runs() -> None:
    assert should_rejoin(-9, still_active=True, crashes=1)
    assert should_rejoin(1, still_active=True, crashes=MAX_REJOINS)
    assert not should_rejoin(-9, still_active=True, crashes=MAX_REJOINS + 1)  # a scan that kills every child
    assert not should_rejoin(-9, still_active=False, crashes=1)  # finished by the others meanwhile
    assert not should_rejoin(0, still_active=True, crashes=0)
    assert not should_rejoin(REFUSED_EXIT, still_active=True, crashes=0)  # wrong database: joining again won't help
