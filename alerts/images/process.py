"""Process queued listing photos in a bounded worker pool, off the crawl's hot path.

The scan only queues photo URLs (:func:`storage.images.queue_listing_images`,
a cheap insert). :func:`process_pending_images` — called after the crawl and by
``ktpwatch images process`` — fetches each distinct URL once, stores the bytes
once by SHA-256 in the evidence store, decodes them safely, hashes them and
reads them with OCR in ``settings.images.workers`` threads (Tesseract runs as
a subprocess, so threads use the cores). Each photo's result is committed as
soon as it is known, so an interrupted run loses at most the photos in flight
and the next run takes up what is still ``pending``. Then every listing whose
photos changed is re-scored with the image text and linked by photo. An alert
opened by photo text alone gets an evidence bundle queued like any other first
hit (the crawl's exchanges are gone by then, so the bundle's WARC is what the
capture browser fetches), to be completed by the next evidence capture.

A hostile photo (not an image, truncated, a decompression bomb, 30,000 ×
30,000 pixels, too many bytes, a host that is not configured) settles as
``failed`` or ``refused`` with the reason; it never stops the run.
"""

from __future__ import annotations

import hashlib
import logging
from collections import defaultdict
from collections.abc import Callable, Iterator, Sequence
from concurrent.futures import FIRST_COMPLETED, Future, ThreadPoolExecutor, wait
from dataclasses import dataclass, field
from datetime import UTC, datetime

import httpx
from sqlalchemy.orm import Session, sessionmaker

from alerts.evidence.capture import listing_snapshot, record_capture_request
from alerts.evidence.hosts import HostPolicy
from alerts.evidence.store import EvidenceStore, EvidenceWriteError
from alerts.host_pacing import HostPacer
from alerts.images.decode import ImageRefused, decode_image
from alerts.images.fetch import FetchRefused, fetch_image, make_client
from alerts.images.linking import FineHashCache, link_by_photo
from alerts.images.ocr import OcrUnavailable, read_text
from alerts.images.phash import photo_hashes
from alerts.images.rescore import rescore_listing
from config import Settings
from storage.images import (
    REFUSED,
    ImageFacts,
    alert_for_listing,
    image_by_sha256,
    pending_images,
    save_image,
    settle_listing_images,
    settled_image_for_url,
)
from storage.models import CaptureStatus, Listing

log = logging.getLogger("ktpwatch.images")

#: progress(done, total) after each photo
ProgressCallback = Callable[[int, int], None]


@dataclass
class ImageReport:
    """What one processing run did; ``ktpwatch images process`` prints it."""

    photos: int = 0
    ok: int = 0
    failed: int = 0
    refused: int = 0
    reused: int = 0
    listings_rescored: int = 0
    alerts_opened: int = 0
    evidence_queued: int = 0
    photo_links: int = 0
    errors: list[str] = field(default_factory=list)
    #: photos not read because a stop was asked for (SIGTERM); they stay pending
    left: int = 0

    def to_dict(self) -> dict[str, object]:
        return {
            "left": self.left,
            "photos": self.photos, "ok": self.ok, "failed": self.failed, "refused": self.refused,
            "reused": self.reused, "listings_rescored": self.listings_rescored,
            "alerts_opened": self.alerts_opened, "evidence_queued": self.evidence_queued,
            "photo_links": self.photo_links,
            "errors": list(self.errors),
        }


@dataclass(frozen=True)
class _Job:
    url: str
    row_ids: tuple[int, ...]


def analyse_bytes(data: bytes, url: str, settings: Settings, store: EvidenceStore | None) -> ImageFacts:
    """Everything processing learns from one photo's bytes (no database): store, decode, hash, OCR."""
    sha = hashlib.sha256(data).hexdigest()
    now = datetime.now(UTC)
    limits = settings.images
    try:
        decoded = decode_image(data, max_pixels=limits.max_pixels, max_bytes=limits.max_bytes)
    except ImageRefused as exc:
        return ImageFacts(sha, url, CaptureStatus.FAILED.value, error=str(exc), size=len(data), processed_at=now)
    path = ""
    if store is not None:
        path = str(store.put_bytes(data).path)
    hashes = photo_hashes(decoded.image)
    text = read_text(decoded.image).text
    return ImageFacts(
        sha, url, CaptureStatus.OK.value, path=path, size=len(data), width=decoded.width,
        height=decoded.height, phash=hashes.phash, dhash=hashes.dhash, ocr_text=text, processed_at=now,
    )


def _analyse_url(
    job: _Job, settings: Settings, client: httpx.Client, policy: HostPolicy, pacer: HostPacer,
    store: EvidenceStore, known: Callable[[str], ImageFacts | None],
) -> ImageFacts:
    try:
        fetched = fetch_image(client, job.url, policy=policy, max_bytes=settings.images.max_bytes,
                              pacer=pacer, deadline_seconds=settings.images.fetch_deadline_seconds)
    except FetchRefused as exc:
        return ImageFacts(None, job.url, REFUSED, error=str(exc))
    except ImageRefused as exc:
        return ImageFacts(None, job.url, CaptureStatus.FAILED.value, error=str(exc))
    sha = hashlib.sha256(fetched.data).hexdigest()
    seen = known(sha)
    if seen is not None:
        return seen
    return analyse_bytes(fetched.data, job.url, settings, store)


def _jobs(session: Session, listing_ids: Sequence[int] | None, limit: int | None) -> list[_Job]:
    by_url: dict[str, list[int]] = defaultdict(list)
    for row in pending_images(session, listing_ids=listing_ids, limit=limit):
        by_url[row.url].append(row.id)
    return [_Job(url, tuple(ids)) for url, ids in by_url.items()]


def _reuse_settled(session: Session, job: _Job) -> list[int] | None:
    """Settle ``job`` from a photo an earlier run already processed for the same URL."""
    image = settled_image_for_url(session, job.url)
    if image is None:
        return None
    return settle_listing_images(session, job.url, status=image.status, error=image.error,
                                 image_id=image.id, ids=job.row_ids)


def _record(session: Session, job: _Job, facts: ImageFacts) -> list[int]:
    image = save_image(session, facts)
    return settle_listing_images(session, job.url, status=facts.status, error=facts.error,
                                 image_id=image.id if image else None, ids=job.row_ids)


def process_pending_images(
    session_factory: sessionmaker[Session],
    settings: Settings,
    *,
    listing_ids: Sequence[int] | None = None,
    limit: int | None = None,
    progress: ProgressCallback | None = None,
    queue_evidence: bool = True,
    should_stop: Callable[[], bool] | None = None,
) -> ImageReport:
    """Fetch, store, hash and OCR every pending photo (of ``listing_ids``, if given); re-score and link.

    Once ``should_stop()`` is true (SIGTERM) no photo is started or recorded
    any more: the rest stay pending for the next run (``report.left``); the
    photos already read are still re-scored and linked.

    Example: ``process_pending_images(sessions, settings).to_dict()``.
    """
    report = ImageReport()
    if not settings.images.enabled:
        return report
    touched: set[int] = set()
    fresh = _fresh_jobs(session_factory, listing_ids, limit, report, touched)
    done = report.reused
    if progress:
        progress(done, report.photos)
    known = _known_photo_lookup(session_factory)
    policy = HostPolicy.from_settings(settings)
    pacer = HostPacer(settings.crawl.download_delay)
    store = EvidenceStore(settings.evidence.dir)
    pool = ThreadPoolExecutor(max_workers=settings.images.workers, thread_name_prefix="ktpwatch-image")
    with make_client(settings.crawl.user_agent, policy) as client:
        futures: dict[Future[ImageFacts], _Job] = {
            pool.submit(_analyse_url, job, settings, client, policy, pacer, store, known): job for job in fresh
        }
        try:
            for future in _completed_until(futures, should_stop):
                job = futures[future]
                facts = _facts_or_error(future, job, report)
                if facts is None:
                    continue
                with session_factory.begin() as session:
                    touched.update(_record(session, job, facts))
                _count(report, facts.status)
                done += 1
                if progress:
                    progress(done, report.photos)
        except BaseException:
            pool.shutdown(wait=False, cancel_futures=True)
            raise
        stopped = bool(should_stop and should_stop())
        # on a stop, photos in flight are abandoned (their threads end on their own deadlines)
        pool.shutdown(wait=not stopped, cancel_futures=True)
    if stopped:
        report.left = report.photos - done
        log.warning("photo reading stopped: %d photo(s) left pending", report.left)
    _rescore_and_link(session_factory, settings, sorted(touched), report, queue_evidence=queue_evidence)
    return report


def _fresh_jobs(
    session_factory: sessionmaker[Session], listing_ids: Sequence[int] | None, limit: int | None,
    report: ImageReport, touched: set[int],
) -> list[_Job]:
    """The photos still to fetch; a URL an earlier run already read is settled from it, not fetched again.

    Counts every photo and every reuse on ``report`` and adds the reused
    photos' listings to ``touched`` so they are still re-scored and linked.
    """
    with session_factory.begin() as session:
        jobs = _jobs(session, listing_ids, limit)
        fresh: list[_Job] = []
        for job in jobs:
            listings = _reuse_settled(session, job)
            if listings is None:
                fresh.append(job)
            else:
                report.reused += 1
                touched.update(listings)
    report.photos = len(jobs)
    return fresh


def _known_photo_lookup(session_factory: sessionmaker[Session]) -> Callable[[str], ImageFacts | None]:
    """A lookup of already-read photos by SHA-256, so the same bytes at a new URL are not decoded and OCRed again.

    Each call opens its own short session: it runs in the worker threads.
    """

    def known(sha: str) -> ImageFacts | None:
        with session_factory() as session:
            image = image_by_sha256(session, sha)
            if image is None or image.status != CaptureStatus.OK.value:
                return None
            return ImageFacts(sha, image.first_url, image.status, path=image.path, size=image.size,
                              width=image.width, height=image.height, phash=image.phash,
                              dhash=image.dhash, ocr_text=image.ocr_text, processed_at=image.processed_at)

    return known


def _facts_or_error(future: Future[ImageFacts], job: _Job, report: ImageReport) -> ImageFacts | None:
    """The photo's facts; None (noted on ``report``) when an install or disk problem should leave it pending.

    Any other error becomes a FAILED photo, because one photo never stops the run.
    """
    try:
        return future.result()
    except (OcrUnavailable, EvidenceWriteError) as exc:
        # an install or disk problem: the photo stays pending for the next run
        report.errors.append(f"{job.url[:200]}: {exc}")
        return None
    except Exception as exc:  # one photo never stops the run
        log.exception("image %s failed", job.url[:200])
        return ImageFacts(None, job.url, CaptureStatus.FAILED.value,
                          error=f"processing error: {type(exc).__name__}: {exc}"[:500])


def _completed_until(
    futures: dict[Future[ImageFacts], _Job], should_stop: Callable[[], bool] | None
) -> Iterator[Future[ImageFacts]]:
    """``as_completed``, ending early once ``should_stop()`` is true (checked every 0.2 s)."""
    pending: set[Future[ImageFacts]] = set(futures)
    while pending:
        if should_stop is not None and should_stop():
            return
        finished, pending = wait(pending, timeout=0.2, return_when=FIRST_COMPLETED)
        yield from finished


def _count(report: ImageReport, status: str) -> None:
    if status == CaptureStatus.OK.value:
        report.ok += 1
    elif status == REFUSED:
        report.refused += 1
    else:
        report.failed += 1


def _rescore_and_link(
    session_factory: sessionmaker[Session],
    settings: Settings,
    listing_ids: list[int],
    report: ImageReport,
    *,
    queue_evidence: bool,
) -> None:
    """Each listing in its own transaction, so one bad listing never undoes the others."""
    cache = FineHashCache()
    store = EvidenceStore(settings.evidence.dir) if queue_evidence else None
    for listing_id in listing_ids:
        with session_factory.begin() as session:
            listing = session.get(Listing, listing_id)
            if listing is None:
                continue
            outcome = rescore_listing(session, listing, settings)
            if outcome is not None and outcome.recorded:
                report.listings_rescored += 1
                report.alerts_opened += int(outcome.opened)
                if outcome.opened and outcome.alert_id is not None and store is not None:
                    queue_photo_evidence(session, listing, outcome.alert_id, store)
                    report.evidence_queued += 1
            alert = alert_for_listing(session, listing_id)
            if alert is not None:
                links = link_by_photo(
                    session, alert, max_distance=settings.images.phash_max_distance, cache=cache
                )
                report.photo_links += len(links)


def queue_photo_evidence(session: Session, listing: Listing, alert_id: int, store: EvidenceStore) -> None:
    """Open the first-hit bundle of an alert that photo text opened; the browser capture completes it."""
    snapshot = listing_snapshot(listing)
    snapshot["source"] = "database (alert opened by the text in the listing's photos)"
    record_capture_request(
        session, listing_id=listing.id, alert_id=alert_id, url=listing.url,
        marketplace=listing.marketplace, external_id=listing.external_id,
        exchanges=(), listing_json=snapshot, store=store, purpose="first_hit",
    )
