"""The Scrapy side of storing: buffer the listings a spider yields, de-duplicate, hand batches to the writer, count.

Each listing is de-duplicated within the scan and scored by ``matchers`` here
(cheap, and the verdict decides whether the item's HTTP exchanges travel on);
everything else — sightings, assessments, alerts, evidence, photos — is
:mod:`crawler.ingest`, the one join of matching and storing, run by the writer.

Writes are batched: items are buffered and written in one transaction per
batch (``KTPWATCH_BATCH_SIZE`` items or ``KTPWATCH_BATCH_SECONDS``) by one
writer per process (a child process, :mod:`crawler.writer` says why), so
downloads and parsing go on while a batch is written, and the writes of the
six spiders never contend for SQLite's lock. The reactor waits for the writer
only when it is more than ``MAX_PENDING_BATCHES`` behind (back-pressure) and
when a spider closes or a distributed worker acknowledges its requests
(``flush``). A batch the writer could not store is spooled for the next scan;
a SIGKILL loses at most the unwritten batches, which the next scan sees again
(idempotent upserts, one alert per listing).
"""

from __future__ import annotations

import logging
import os
import time
from collections.abc import Callable
from concurrent.futures import BrokenExecutor, Executor, Future
from dataclasses import dataclass, replace
from typing import Any, Self

from scrapy import Spider
from scrapy.crawler import Crawler
from scrapy.exceptions import NotConfigured

from config import Settings, load_config
from crawler.ingest import HIT_VERDICTS, Scored, item_scorer
from crawler.spool import spool_items
from crawler.writer import WRITER_KINDS, WriteJob, acquire_writer, release_writer, write_job
from matchers import Assessment
from spiders.items import ListingItem
from spiders.keys import marketplace_stat_key, stat_key
from storage.batch_ingest import listings_with_alert_keys
from storage.migrate import require_current_schema
from storage.session import make_engine, make_session_factory

log = logging.getLogger(__name__)

#: batches the writer may be behind before the reactor waits for it
MAX_PENDING_BATCHES = 3


@dataclass(frozen=True)
class PipelineConfig:
    """Everything the pipeline reads from the crawler settings, read once."""

    settings: Settings
    scan_id: int | None
    batch_size: int
    batch_seconds: float
    capture_evidence: bool
    #: listings clearing this bar (and every alert) get their photos queued for OCR
    images_threshold: float | None
    #: where batches are written: "process" (a child process) or "thread" (see crawler.writer)
    writer: str = "process"

    @classmethod
    def from_crawler(cls, crawler: Crawler) -> PipelineConfig:
        s = crawler.settings
        if not s.getbool("KTPWATCH_STORE", False):
            raise NotConfigured("KTPWATCH_STORE is off (plain `scrapy crawl` does not store)")
        settings = s.get("KTPWATCH_SETTINGS") or load_config().settings
        return cls(
            settings=settings,
            scan_id=s.getint("KTPWATCH_SCAN_ID") or None,
            batch_size=s.getint("KTPWATCH_BATCH_SIZE", 200),
            batch_seconds=s.getfloat("KTPWATCH_BATCH_SECONDS", 1.0),
            capture_evidence=s.getbool("KTPWATCH_EVIDENCE", True),
            images_threshold=(
                settings.matching.candidate_threshold
                if settings.images.enabled and s.getbool("KTPWATCH_IMAGES", True)
                else None
            ),
            writer=_writer_kind(s.get("KTPWATCH_WRITER") or os.environ.get("KTPWATCH_WRITER") or "process"),
        )


def _writer_kind(value: str) -> str:
    """A known writer kind; an unknown one is named in the log and the default is used."""
    kind = value.strip().lower()
    if kind in WRITER_KINDS:
        return kind
    log.warning("KTPWATCH_WRITER=%r is not one of %s; writing in a child process", value, ", ".join(WRITER_KINDS))
    return "process"


class StoragePipeline:
    """Buffer, de-duplicate and score listings; the writer ingests each batch (:mod:`crawler.ingest`); count the outcome."""

    def __init__(self, config: PipelineConfig, crawler: Crawler) -> None:
        self.config = config
        self.crawler = crawler
        self.stats = crawler.stats
        self._seen: set[tuple[str, str]] = set()
        self._buffer: list[Scored] = []
        self._last_flush = time.monotonic()
        self._pending: list[tuple[Future[list[bool]], list[Scored]]] = []
        self._writer_kind = config.writer
        self._writer: Executor | None = None
        #: (marketplace, external id) of listings with an alert when the scan began
        self._alerted: set[tuple[str, str]] = set()
        self._score: Callable[[ListingItem], Assessment] = item_scorer(config.settings)

    @classmethod
    def from_crawler(cls, crawler: Crawler) -> Self:
        return cls(PipelineConfig.from_crawler(crawler), crawler)

    def open_spider(self, spider: Spider | None = None) -> None:
        # spiders are named after their marketplace (items carry the same name)
        name = getattr(spider or getattr(self.crawler, "spider", None), "name", None)
        engine = make_engine(self.config.settings.storage.url)
        try:
            require_current_schema(engine)
            with make_session_factory(engine)() as session:
                self._alerted = listings_with_alert_keys(session, marketplace=name)
        finally:
            engine.dispose()
        self._writer = acquire_writer(self.config.settings.storage.url, self._writer_kind)

    def process_item(self, item: Any, spider: Spider | None = None) -> Any:
        if not isinstance(item, ListingItem):
            return item
        key = (item.marketplace, item.external_id)
        if key in self._seen:
            # another query found it too: one sighting per scan is enough
            self.stats.inc_value(marketplace_stat_key(item.marketplace, "duplicates"))
            return item
        self._seen.add(key)
        result = self._score(item)
        if result.verdict in HIT_VERDICTS:
            self.stats.inc_value(marketplace_stat_key(item.marketplace, "hits"))
        if item.exchanges and result.verdict not in HIT_VERDICTS and key not in self._alerted:
            # the exchanges only serve an alert's evidence; not copying them to the writer
            # halves what crosses the process boundary
            item = replace(item, exchanges=[])
        self._buffer.append((item, result))
        if (
            len(self._buffer) >= self.config.batch_size
            or time.monotonic() - self._last_flush >= self.config.batch_seconds
        ):
            self._submit()
            while len(self._pending) > MAX_PENDING_BATCHES:  # the writer is behind: wait for it
                self._settle(*self._pending.pop(0))
        return item

    def _submit(self) -> None:
        """Hand the buffered batch to the writer."""
        batch, self._buffer = self._buffer, []
        self._last_flush = time.monotonic()
        still_writing = []
        for future, written in self._pending:  # count what the writer finished meanwhile
            if future.done():
                self._settle(future, written)
            else:
                still_writing.append((future, written))
        self._pending = still_writing
        if batch and self._writer is not None:
            self._pending.append((self._send(batch), batch))

    def _send(self, batch: list[Scored]) -> Future[list[bool]]:
        assert self._writer is not None
        job = WriteJob(
            url=self.config.settings.storage.url, scan_id=self.config.scan_id,
            evidence_root=self.config.settings.evidence.dir if self.config.capture_evidence else None,
            images_threshold=self.config.images_threshold, batch=batch,
            ledger=self.config.settings.ledger,
        )
        try:
            return self._writer.submit(write_job, job)
        except BrokenExecutor:
            self._fall_back_to_thread()
            return self._writer.submit(write_job, job)

    def _fall_back_to_thread(self) -> None:
        """The writer process died: write on a thread from now on (the lost batch is written again)."""
        if self._writer_kind == "thread":
            raise RuntimeError("the storage writer thread cannot start")
        log.warning("the storage writer process stopped; writing on a thread from now on")
        release_writer(self.config.settings.storage.url, self._writer_kind)
        self._writer_kind = "thread"
        self._writer = acquire_writer(self.config.settings.storage.url, "thread")

    def _settle(self, future: Future[list[bool]], batch: list[Scored]) -> None:
        """Wait for a written batch and count it; a failed write is logged and counted.

        A batch the writer process took down with it is written again on a
        thread (idempotent: it was committed whole or not at all).
        """
        try:
            try:
                new_alerts = future.result()
            except BrokenExecutor:
                self._fall_back_to_thread()
                new_alerts = self._send(batch).result()
        except Exception:
            self._spool(batch)
            # distributed: not stored, so not seen; the worker re-queues the requests (issue 17)
            self._seen.difference_update((item.marketplace, item.external_id) for item, _ in batch)
            return
        for (item, _), new_alert in zip(batch, new_alerts, strict=True):
            if new_alert:
                self.stats.inc_value(marketplace_stat_key(item.marketplace, "new_alerts"))
                self.stats.inc_value(stat_key("new_alerts"))
        self.stats.inc_value(stat_key("stored"), len(batch))

    def _spool(self, batch: list[Scored]) -> None:
        """Keep a batch the writer could not store for the next scan, and count it.

        If even the spool cannot be written the listings are lost: that is
        logged at CRITICAL and counted as ``ktpwatch/lost``, never hidden.
        """
        log.exception("a batch of %d listing(s) was not stored", len(batch))
        self.stats.inc_value(stat_key("store_errors"))
        self.stats.inc_value(stat_key("unstored"), len(batch))
        folder = self.config.settings.storage.spool_dir
        try:
            path = spool_items(folder, (item for item, _ in batch), scan_id=self.config.scan_id)
        except OSError:
            log.critical("%d listing(s) could not be spooled to %s either", len(batch), folder,
                         exc_info=True)
            self.stats.inc_value(stat_key("lost"), len(batch))
            return
        log.error("%d unstored listing(s) spooled to %s; the next scan stores them first",
                  len(batch), path)

    def flush(self) -> None:
        """Write everything buffered and wait until it is committed."""
        self._submit()
        pending, self._pending = self._pending, []
        for future, batch in pending:
            self._settle(future, batch)

    def close_spider(self, spider: Spider | None = None) -> None:
        self.flush()
        if self._writer is not None:
            self._writer = None
            release_writer(self.config.settings.storage.url, self._writer_kind)
