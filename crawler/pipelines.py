"""The one join between crawling, matching and storing.

Each listing a spider yields is de-duplicated within the scan, scored by
``matchers``, and written through ``storage`` (listing, seller, sighting,
assessment, identifiers); a ``blank`` or ``related`` verdict opens or updates
an alert and queues its evidence (the WARC of the exchanges that produced it
is written at once; the screenshot is taken after the crawl so capture never
slows the crawl).

Writes are batched: items are buffered and written in one transaction per
batch (``KTPWATCH_BATCH_SIZE`` items or ``KTPWATCH_BATCH_SECONDS``) by one
writer per process (a child process, :mod:`crawler.writer` says why), so
downloads and parsing go on while a batch is written, and the writes of the
six spiders never contend for SQLite's lock.
A batch is written set-based (:mod:`storage.batch_ingest`); only listings with
an alert take the ORM path. The reactor waits for the writer only when it is
more than ``MAX_PENDING_BATCHES`` behind (back-pressure) and when a spider
closes or a distributed worker acknowledges its requests (``flush``). A
SIGKILL loses at most the unwritten batches, which the next scan sees again
(idempotent upserts, one alert per listing).
"""

from __future__ import annotations

import logging
import os
import time
from collections.abc import Callable
from concurrent.futures import BrokenExecutor, Executor, Future
from dataclasses import dataclass, replace
from pathlib import Path
from typing import Any, Self

from scrapy import Spider
from scrapy.crawler import Crawler
from scrapy.exceptions import NotConfigured
from sqlalchemy import Engine
from sqlalchemy.orm import Session, sessionmaker

from alerts.evidence import EvidenceStore, record_capture_request
from config import Settings, load_config
from crawler.candidates import clears_candidate_bar
from crawler.spool import iter_spool, spool_items
from crawler.writer import WRITER_KINDS, WriteJob, acquire_writer, release_writer, write_job
from matchers import Assessment as MatcherAssessment
from matchers import Verdict, score_listing
from spiders.items import ListingItem
from storage.alerts import open_or_attach_alert
from storage.batch_alerts import NewHit, open_alerts_batch
from storage.batch_ingest import (
    BatchSighting,
    listings_with_alert_keys,
    listings_with_alerts,
    load_outcome,
    record_assessments_batch,
    record_sightings_batch,
)
from storage.images import queue_listing_images
from storage.listings import (
    AssessmentData,
    IdentifierData,
    ListingData,
    SellerData,
    SightingOutcome,
    latest_assessment,
    record_assessment,
    record_sighting,
)
from storage.migrate import require_current_schema
from storage.models import Listing
from storage.session import make_engine, make_session_factory

log = logging.getLogger(__name__)

HIT_VERDICTS = (Verdict.BLANK, Verdict.RELATED)
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
    sessions: sessionmaker[Session] | None
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
            # Scrapy deep-copies settings, so a session factory cannot travel in them
            sessions=None,
            writer=_writer_kind(s.get("KTPWATCH_WRITER") or os.environ.get("KTPWATCH_WRITER") or "process"),
        )


def _writer_kind(value: str) -> str:
    """A known writer kind; an unknown one is named in the log and the default is used."""
    kind = value.strip().lower()
    if kind in WRITER_KINDS:
        return kind
    log.warning("KTPWATCH_WRITER=%r is not one of %s; writing in a child process", value, ", ".join(WRITER_KINDS))
    return "process"


def item_scorer(settings: Settings) -> Callable[[ListingItem], MatcherAssessment]:
    """Score a listing with the configured thresholds (the crawl and the spool share it)."""
    blank = settings.matching.blank_threshold
    related = settings.matching.related_threshold

    def score(item: ListingItem) -> MatcherAssessment:
        return score_listing(
            item.title,
            item.description,
            price=item.price,
            blank_threshold=blank,
            related_threshold=related,
        )

    return score


def listing_data(item: ListingItem) -> ListingData:
    seller = None
    if item.seller_id or item.seller_name:
        seller = SellerData(
            marketplace=item.marketplace,
            external_id=item.seller_id or f"name:{item.seller_name}",
            name=item.seller_name,
            url=item.seller_url,
            city=item.seller_city,
        )
    return ListingData(
        marketplace=item.marketplace,
        external_id=item.external_id,
        url=item.url,
        title=item.title,
        description=item.description,
        price=item.price,
        seller=seller,
        image_urls=tuple(item.image_urls),
        sold_count=item.sold_count,
        listed_at=item.listed_at,
        query=item.query,
        raw=item.raw,
        content_hash=item.content_hash(),
    )


def assessment_data(result: MatcherAssessment) -> AssessmentData:
    return AssessmentData(
        score=result.score,
        verdict=str(result.verdict),
        reasons=result.reasons_as_dicts(),
        matcher_version=result.matcher_version,
        identifiers=tuple(
            IdentifierData(
                kind=i.kind, value=i.value, source=i.source, image_sha256=i.image_sha256
            )
            for i in result.identifiers
        ),
    )


@dataclass
class StoredOutcome:
    new_alert: bool
    hit: bool


def store_listing(
    session: Session,
    item: ListingItem,
    result: MatcherAssessment,
    *,
    scan_id: int | None,
    evidence_root: Path | None,
    images_threshold: float | None = None,
) -> StoredOutcome:
    """Write one scored listing; open or attach its alert; queue evidence and photos."""
    outcome = record_sighting(session, listing_data(item), scan_id=scan_id)
    if outcome.sighting is None and not outcome.new_listing:
        return StoredOutcome(new_alert=False, hit=result.verdict in HIT_VERDICTS)  # already seen in this scan
    return _assess_and_alert(session, item, result, outcome, evidence_root=evidence_root,
                             images_threshold=images_threshold)


def store_batch(
    session: Session,
    batch: list[tuple[ListingItem, MatcherAssessment]],
    *,
    scan_id: int,
    evidence_root: Path | None,
    images_threshold: float | None = None,
) -> list[StoredOutcome]:
    """:func:`store_listing` for a whole batch of one scan, with set-based writes.

    Listings that are hits or already have an alert go through the same ORM
    path as ``store_listing``; the rest (nearly all) are written in bulk.
    """
    recorded = record_sightings_batch(session, [listing_data(item) for item, _ in batch], scan_id=scan_id)
    with_alert = listings_with_alerts(
        session, [r.listing_id for r in recorded if not r.new_listing and r.sighting_id is not None]
    )
    bulk: list[tuple[BatchSighting, AssessmentData]] = []
    new_hits: list[tuple[int, NewHit]] = []  # (index in batch, hit)
    photos: list[tuple[int, ListingItem]] = []
    outcomes: list[StoredOutcome | None] = []
    for index, ((item, result), rec) in enumerate(zip(batch, recorded, strict=True)):
        hit = result.verdict in HIT_VERDICTS
        if rec.sighting_id is None and not rec.new_listing:
            outcomes.append(StoredOutcome(new_alert=False, hit=hit))
        elif rec.listing_id in with_alert:  # attach to its alert the ordinary way
            outcomes.append(_assess_and_alert(session, item, result, load_outcome(session, rec),
                                              evidence_root=evidence_root, images_threshold=images_threshold))
        else:
            data = assessment_data(result)
            bulk.append((rec, data))
            if hit:
                new_hits.append((index, NewHit(
                    listing_id=rec.listing_id, marketplace=item.marketplace, seller_id=rec.seller_id,
                    verdict=data.verdict, score=float(data.score), matcher_version=data.matcher_version,
                    seen_at=rec.seen_at, new_listing=rec.new_listing,
                )))
                outcomes.append(None)  # decided once the alerts are open
            else:
                outcomes.append(StoredOutcome(new_alert=False, hit=False))
            if images_threshold is not None and item.image_urls and (
                hit or clears_candidate_bar(result, images_threshold)
            ):
                photos.append((rec.listing_id, item))
    record_assessments_batch(session, bulk)
    opened = open_alerts_batch(session, [h for _, h in new_hits])
    for index, new_hit in new_hits:
        item, result = batch[index]
        alert_id = opened.get(new_hit.listing_id)
        if alert_id is None:  # another worker opened it first: attach to theirs
            listing = session.get_one(Listing, new_hit.listing_id)
            assessment = latest_assessment(session, new_hit.listing_id)
            if assessment is not None:
                open_or_attach_alert(session, listing, assessment)
            outcomes[index] = StoredOutcome(new_alert=False, hit=True)
            continue
        if evidence_root is not None:
            queue_evidence(session, item, new_hit.listing_id, alert_id, evidence_root)
        outcomes[index] = StoredOutcome(new_alert=True, hit=True)
    for listing_id, item in photos:
        queue_listing_images(session, listing_id, item.image_urls)
    return [o for o in outcomes if o is not None]


def write_batch(
    session: Session,
    batch: list[tuple[ListingItem, MatcherAssessment]],
    *,
    scan_id: int | None,
    evidence_root: Path | None,
    images_threshold: float | None,
) -> list[StoredOutcome]:
    """What the writer does with one batch (in the writer process or thread)."""
    if scan_id is None:  # a one-off without a scan row: every record is a new sighting
        return [
            store_listing(session, item, result, scan_id=None, evidence_root=evidence_root,
                          images_threshold=images_threshold)
            for item, result in batch
        ]
    return store_batch(session, batch, scan_id=scan_id, evidence_root=evidence_root,
                       images_threshold=images_threshold)


def _assess_and_alert(
    session: Session,
    item: ListingItem,
    result: MatcherAssessment,
    outcome: SightingOutcome,
    *,
    evidence_root: Path | None,
    images_threshold: float | None,
) -> StoredOutcome:
    hit = result.verdict in HIT_VERDICTS
    assessment = record_assessment(session, outcome, assessment_data(result))
    alert_outcome = open_or_attach_alert(session, outcome.listing, assessment)
    new_alert = bool(alert_outcome and alert_outcome.opened)
    if alert_outcome is not None and evidence_root is not None and (new_alert or outcome.changed):
        queue_evidence(session, item, outcome.listing.id, alert_outcome.alert.id, evidence_root)
    if images_threshold is not None and item.image_urls and (
        alert_outcome is not None or clears_candidate_bar(result, images_threshold)
    ):
        queue_listing_images(session, outcome.listing.id, item.image_urls)
    return StoredOutcome(new_alert=new_alert, hit=hit)


def queue_evidence(
    session: Session, item: ListingItem, listing_id: int, alert_id: int, root: Path
) -> None:
    """Write the WARC and listing JSON now; the screenshot is taken after the crawl."""
    try:
        record_capture_request(
            session,
            listing_id=listing_id,
            alert_id=alert_id,
            url=item.url,
            marketplace=item.marketplace,
            external_id=item.external_id,
            exchanges=item.exchanges,
            listing_json=item.to_dict(),
            store=EvidenceStore(root),
            purpose="first_hit",
        )
    except OSError as exc:  # disk full, unreadable folder: keep the listing, retry later
        log.error("evidence for %s %s not written: %s", item.marketplace, item.external_id, exc)


@dataclass(frozen=True)
class RespoolReport:
    """What :func:`store_spooled` did: listings stored, and the files it had to leave."""

    stored: int = 0
    problems: tuple[str, ...] = ()


def store_spooled(
    sessions: sessionmaker[Session], settings: Settings, *, scan_id: int, capture_evidence: bool
) -> RespoolReport:
    """Store the listings earlier scans spooled, as sightings of scan ``scan_id``; delete each file after.

    Runs before the crawl so the crawl's own sightings of the same listings
    are the duplicates (one sighting per scan), not the other way round.
    """
    score = item_scorer(settings)
    stored, problems = 0, []
    threshold = settings.matching.candidate_threshold if settings.images.enabled else None
    for entry in iter_spool(settings.storage.spool_dir):
        if isinstance(entry, tuple):
            path, error = entry
            problems.append(f"spool file {path} cannot be read: {error}")
            continue
        batch = [(item, score(item)) for item in entry.items]
        try:
            with sessions.begin() as session:
                write_batch(session, batch, scan_id=scan_id,
                            evidence_root=settings.evidence.dir if capture_evidence else None,
                            images_threshold=threshold)
        except Exception as exc:
            log.exception("spooled listings in %s still cannot be stored", entry.path)
            problems.append(f"spooled listings in {entry.path} still not stored: "
                            f"{type(exc).__name__}: {exc}")
            continue
        entry.path.unlink()
        stored += len(batch)
        log.warning("stored %d listing(s) spooled by an earlier scan (%s)", len(batch), entry.path.name)
    return RespoolReport(stored=stored, problems=tuple(problems))


class StoragePipeline:
    """Score and store every listing; open alerts for hits."""

    def __init__(self, config: PipelineConfig, crawler: Crawler) -> None:
        self.config = config
        self.crawler = crawler
        self.stats = crawler.stats
        self._seen: set[tuple[str, str]] = set()
        self._buffer: list[tuple[ListingItem, MatcherAssessment]] = []
        self._last_flush = time.monotonic()
        self._pending: list[tuple[Future[list[bool]], list[tuple[ListingItem, MatcherAssessment]]]] = []
        self._writer_kind = config.writer
        self._writer: Executor | None = None
        #: (marketplace, external id) of listings with an alert when the scan began
        self._alerted: set[tuple[str, str]] = set()
        self._engine: Engine | None = None
        self._sessions = config.sessions
        self._score: Callable[[ListingItem], MatcherAssessment] = self._scorer(config.settings)

    @classmethod
    def from_crawler(cls, crawler: Crawler) -> Self:
        return cls(PipelineConfig.from_crawler(crawler), crawler)

    @staticmethod
    def _scorer(settings: Settings) -> Callable[[ListingItem], MatcherAssessment]:
        return item_scorer(settings)

    def open_spider(self, spider: Spider | None = None) -> None:
        if self._sessions is None:
            engine = make_engine(self.config.settings.storage.url)
            require_current_schema(engine)
            self._engine = engine
            self._sessions = make_session_factory(engine)
        self._writer = acquire_writer(self.config.settings.storage.url, self._writer_kind)
        # spiders are named after their marketplace (items carry the same name)
        name = getattr(spider or getattr(self.crawler, "spider", None), "name", None)
        assert self._sessions is not None
        with self._sessions() as session:
            self._alerted = listings_with_alert_keys(session, marketplace=name)

    def process_item(self, item: Any, spider: Spider | None = None) -> Any:
        if not isinstance(item, ListingItem):
            return item
        key = (item.marketplace, item.external_id)
        if key in self._seen:
            # another query found it too: one sighting per scan is enough
            self.stats.inc_value(f"ktpwatch/{item.marketplace}/duplicates")
            return item
        self._seen.add(key)
        result = self._score(item)
        if result.verdict in HIT_VERDICTS:
            self.stats.inc_value(f"ktpwatch/{item.marketplace}/hits")
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

    def _send(self, batch: list[tuple[ListingItem, MatcherAssessment]]) -> Future[list[bool]]:
        assert self._writer is not None
        job = WriteJob(
            url=self.config.settings.storage.url, scan_id=self.config.scan_id,
            evidence_root=self.config.settings.evidence.dir if self.config.capture_evidence else None,
            images_threshold=self.config.images_threshold, batch=batch,
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

    def _settle(self, future: Future[list[bool]], batch: list[tuple[ListingItem, MatcherAssessment]]) -> None:
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
                self.stats.inc_value(f"ktpwatch/{item.marketplace}/new_alerts")
                self.stats.inc_value("ktpwatch/new_alerts")
        self.stats.inc_value("ktpwatch/stored", len(batch))

    def _spool(self, batch: list[tuple[ListingItem, MatcherAssessment]]) -> None:
        """Keep a batch the writer could not store for the next scan, and count it.

        If even the spool cannot be written the listings are lost: that is
        logged at CRITICAL and counted as ``ktpwatch/lost``, never hidden.
        """
        log.exception("a batch of %d listing(s) was not stored", len(batch))
        self.stats.inc_value("ktpwatch/store_errors")
        self.stats.inc_value("ktpwatch/unstored", len(batch))
        folder = self.config.settings.storage.spool_dir
        try:
            path = spool_items(folder, (item for item, _ in batch), scan_id=self.config.scan_id)
        except OSError:
            log.critical("%d listing(s) could not be spooled to %s either", len(batch), folder,
                         exc_info=True)
            self.stats.inc_value("ktpwatch/lost", len(batch))
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
        if self._engine is not None:
            self._engine.dispose()
