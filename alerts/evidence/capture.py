"""Evidence bundles from first request to finished manifest.

Two steps, so capture never blocks a scan:

1. :func:`record_capture_request` runs inside the scan's transaction, needs no
   browser and is fast: it stores the raw HTTP exchanges as a WARC file and the
   parsed listing as JSON, and leaves the bundle ``pending``.
2. :func:`capture_pending` runs afterwards (scan end, scheduler, ``ktpwatch
   evidence retry``): a bounded pool of browser pages renders each pending
   listing (HTML, full-page PNG, the browser's own exchanges as a second WARC),
   then writes the manifest and marks the bundle ``ok`` — or ``failed`` with the
   reason and one more attempt counted, to be retried up to
   ``evidence.max_attempts``. A local error (disk full, permission denied) is
   recorded but uses no attempt; ``force`` retries a bundle out of attempts.

Files reach the store before any row points at them, and all rows of one step
are added in one transaction: a crash or a full disk leaves at worst an
unreferenced file, never a row pointing at nothing. The listing is never touched.
"""

from __future__ import annotations

import asyncio
import json
import logging
import time
from collections.abc import Callable, Coroutine, Sequence
from dataclasses import dataclass, field
from datetime import UTC, datetime
from pathlib import Path
from typing import Any, ParamSpec, TypeVar

from sqlalchemy.orm import Session, sessionmaker

from alerts.evidence.browser import CaptureBrowser, CaptureError, RenderedPage
from alerts.evidence.hosts import HostPolicy
from alerts.evidence.manifest import (
    MANIFEST_NAME,
    Manifest,
    ManifestFile,
    ktpwatch_version,
    package_version,
    tool_versions,
    utc_iso,
)
from alerts.evidence.store import EvidenceStore, EvidenceWriteError, StoredFile
from alerts.evidence.viewing import VIEW_KIND, VIEW_NAME, viewing_copy
from alerts.evidence.warc import ExchangeLike, exchanges_to_warc
from alerts.host_pacing import HostPacer
from config import Settings
from storage import evidence as evidence_db
from storage.models import CaptureStatus, Evidence, EvidenceBundle, Listing

P = ParamSpec("P")
T = TypeVar("T")

log = logging.getLogger("ktpwatch.evidence")

EXCHANGES_WARC = "exchanges.warc.gz"
PAGE_WARC = "page.warc.gz"
LISTING_JSON = "listing.json"
PAGE_HTML = "page.html"
SCREENSHOT = "screenshot.png"


@dataclass(frozen=True)
class BundleResult:
    bundle_id: int
    status: str
    reason: str = ""
    seconds: float = 0.0


@dataclass
class CaptureReport:
    results: list[BundleResult] = field(default_factory=list)
    seconds: float = 0.0
    pool_size: int = 0
    #: bundles not captured because a stop was asked for; they stay queued as they were
    left: int = 0

    @property
    def ok(self) -> int:
        return sum(1 for r in self.results if r.status == CaptureStatus.OK.value)

    @property
    def failed(self) -> int:
        return sum(1 for r in self.results if r.status == CaptureStatus.FAILED.value)

    @property
    def per_minute(self) -> float:
        return 60.0 * self.ok / self.seconds if self.seconds > 0 else 0.0


@dataclass(frozen=True)
class _PendingFile:
    kind: str
    name: str
    stored: StoredFile
    url: str = ""
    http_status: int | None = None
    tool_version: str = ""


def _warc_tool() -> str:
    return f"ktpwatch {ktpwatch_version()}; warcio {package_version('warcio')}"


def _listing_json_bytes(listing_json: dict[str, Any]) -> bytes:
    return (
        json.dumps(listing_json, ensure_ascii=False, sort_keys=True, indent=2, default=str) + "\n"
    ).encode("utf-8")


def _add_files(
    session: Session, bundle: EvidenceBundle, files: Sequence[_PendingFile], when: datetime
) -> None:
    for f in files:
        evidence_db.add_file(
            session,
            bundle,
            kind=f.kind,
            name=f.name,
            path=str(f.stored.path),
            sha256=f.stored.sha256,
            size=f.stored.size,
            captured_at=when,
            url=f.url,
            http_status=f.http_status,
            tool_version=f.tool_version,
        )


def _mark_failed(bundle: EvidenceBundle, reason: str, *, local: bool) -> None:
    """Mark a bundle failed; only a failure of the capture itself uses up an attempt.

    A local error (disk full, permission denied) says nothing about the page:
    counting it would leave a bundle "out of attempts" once the disk is freed.
    """
    bundle.status = CaptureStatus.FAILED.value
    bundle.reason = (f"local error (attempt not counted): {reason}" if local else reason)[:2000]
    if not local:
        bundle.attempts += 1


def record_capture_request(
    session: Session,
    *,
    listing_id: int,
    alert_id: int | None,
    url: str,
    marketplace: str,
    external_id: str,
    exchanges: Sequence[ExchangeLike],
    listing_json: dict[str, Any],
    store: EvidenceStore,
    purpose: str = "first_hit",
) -> EvidenceBundle:
    """Open a bundle and store the crawler's exchanges (WARC) and the listing (JSON) now.

    No browser, no network. A full disk does not raise: the bundle comes back
    ``failed`` with the reason, to be completed by :func:`capture_pending`.
    """
    bundle = evidence_db.create_bundle(
        session, listing_id=listing_id, alert_id=alert_id, purpose=purpose
    )
    now = datetime.now(UTC)
    info = {
        "software": f"ktpwatch {ktpwatch_version()}",
        "description": f"HTTP exchanges behind {marketplace} listing {external_id}",
        "isPartOf": f"ktpwatch-bundle-{bundle.id}",
    }
    try:
        files: list[_PendingFile] = []
        if exchanges:
            warc = exchanges_to_warc(exchanges, filename=EXCHANGES_WARC, info=info)
            main = next((e for e in exchanges if e.url == url), exchanges[-1])
            files.append(
                _PendingFile("warc", EXCHANGES_WARC, store.put_bytes(warc), url=main.url,
                             http_status=main.status, tool_version=_warc_tool())
            )
        files.append(
            _PendingFile("listing_json", LISTING_JSON,
                         store.put_bytes(_listing_json_bytes(listing_json)), url=url,
                         tool_version=f"ktpwatch {ktpwatch_version()}")
        )
    except EvidenceWriteError as exc:
        log.error("evidence for listing %s not written: %s", listing_id, exc)
        _mark_failed(bundle, str(exc), local=True)
        return bundle
    _add_files(session, bundle, files, now)
    return bundle


@dataclass(frozen=True)
class _Job:
    bundle_id: int
    url: str
    marketplace: str
    external_id: str


def _job_for(session: Session, bundle: EvidenceBundle) -> _Job | None:
    listing = evidence_db.bundle_listing(session, bundle)
    if listing is None:
        return None
    url = listing.url
    for f in evidence_db.bundle_files(session, bundle.id):
        if f.kind == "listing_json" and f.url:
            url = f.url
    return _Job(bundle.id, url, listing.marketplace, listing.external_id)


def listing_snapshot(listing: Listing) -> dict[str, Any]:
    """The listing as stored, for a bundle without the crawler's own listing JSON."""
    return {
        "marketplace": listing.marketplace,
        "external_id": listing.external_id,
        "url": listing.url,
        "title": listing.title,
        "description": listing.description,
        "price": listing.price,
        "image_urls": listing.image_urls,
        "sold_count": listing.sold_count,
        "source": "database (original listing JSON was not written)",
    }


def _finish_bundle(
    session: Session,
    store: EvidenceStore,
    settings: Settings,
    job: _Job,
    page: RenderedPage,
    browser: CaptureBrowser,
) -> None:
    """Write the rendered files and the manifest, then mark the bundle ok (one transaction)."""
    bundle = evidence_db.get_bundle(session, job.bundle_id)
    if bundle is None:
        return
    existing = evidence_db.bundle_files(session, bundle.id)
    browser_tool = (
        f"ktpwatch {ktpwatch_version()}; Chromium {browser.chromium_version}; "
        f"Playwright {browser.playwright_version}"
    )
    new = _rendered_files(store, job, page, bundle.id, browser_tool)
    fallback, notes = _listing_fallback(session, store, job, bundle, {f.kind for f in existing})
    new += fallback
    if page.refused:
        notes.append(f"{len(page.refused)} request(s) to unconfigured hosts refused: "
                     + ", ".join(sorted(set(page.refused))[:10]))
    when = page.rendered_at
    manifest = _bundle_manifest(settings, job, bundle, browser, existing, new, notes, when)
    stored_manifest = store.put_bytes(manifest.to_bytes())
    new.append(_PendingFile("manifest", MANIFEST_NAME, stored_manifest, url=job.url,
                            tool_version=f"ktpwatch {ktpwatch_version()}"))
    _add_files(session, bundle, new, when)
    bundle.status = CaptureStatus.OK.value
    bundle.reason = ""
    bundle.attempts += 1
    bundle.captured_at = when
    bundle.manifest_sha256 = stored_manifest.sha256


def _rendered_files(
    store: EvidenceStore, job: _Job, page: RenderedPage, bundle_id: int, browser_tool: str
) -> list[_PendingFile]:
    """Store what the browser produced: HTML, its viewing copy, the screenshot and (if any) the page WARC."""
    html = store.put_bytes(page.html)
    view = store.put_bytes(viewing_copy(page.html, source_url=page.final_url, sha256=html.sha256))
    files: list[_PendingFile] = [
        _PendingFile("html", PAGE_HTML, html, url=page.final_url,
                     http_status=page.status, tool_version=browser_tool),
        _PendingFile(VIEW_KIND, VIEW_NAME, view, url=page.final_url,
                     http_status=page.status, tool_version=f"ktpwatch {ktpwatch_version()}"),
        _PendingFile("screenshot", SCREENSHOT, store.put_bytes(page.screenshot),
                     url=page.final_url, http_status=page.status, tool_version=browser_tool),
    ]
    if page.exchanges:
        warc = exchanges_to_warc(
            page.exchanges,
            filename=PAGE_WARC,
            info={"software": browser_tool, "isPartOf": f"ktpwatch-bundle-{bundle_id}",
                  "description": f"what the capture browser fetched for {job.url}"},
        )
        files.append(_PendingFile("warc", PAGE_WARC, store.put_bytes(warc), url=job.url,
                                  http_status=page.status, tool_version=browser_tool))
    return files


def _listing_fallback(
    session: Session, store: EvidenceStore, job: _Job, bundle: EvidenceBundle, kinds: set[str]
) -> tuple[list[_PendingFile], list[str]]:
    """Rebuild listing.json from the database when the crawler never wrote it, and say so in the notes.

    A bundle must still show what was listed; the notes keep a court from
    mistaking the rebuilt copy (or a missing crawler WARC) for the original.
    """
    files: list[_PendingFile] = []
    notes: list[str] = []
    if "listing_json" not in kinds:
        listing = evidence_db.bundle_listing(session, bundle)
        if listing is not None:
            files.append(_PendingFile("listing_json", LISTING_JSON,
                                      store.put_bytes(_listing_json_bytes(listing_snapshot(listing))),
                                      url=job.url, tool_version=f"ktpwatch {ktpwatch_version()}"))
            notes.append("listing.json rebuilt from the database: the original was not written")
        if "warc" not in kinds:
            notes.append("the crawler's own HTTP exchanges could not be written to WARC")
    return files, notes


def _bundle_manifest(
    settings: Settings,
    job: _Job,
    bundle: EvidenceBundle,
    browser: CaptureBrowser,
    existing: Sequence[Evidence],
    new: Sequence[_PendingFile],
    notes: list[str],
    when: datetime,
) -> Manifest:
    """The manifest lists every file of the bundle (earlier ones and this capture's) with its hash."""
    files = [
        ManifestFile(f.name, f.kind, f.size, f.sha256, f.url, f.http_status, utc_iso(f.captured_at))
        for f in existing
        if f.kind != "manifest"
    ] + [
        ManifestFile(f.name, f.kind, f.stored.size, f.stored.sha256, f.url, f.http_status,
                     utc_iso(when))
        for f in new
    ]
    return Manifest(
        bundle_id=bundle.id,
        listing_id=bundle.listing_id,
        alert_id=bundle.alert_id,
        purpose=bundle.purpose,
        listing_url=job.url,
        marketplace=job.marketplace,
        external_id=job.external_id,
        requested_at=utc_iso(bundle.requested_at),
        captured_at=utc_iso(when),
        tools=tool_versions(chromium=browser.chromium_version,
                            playwright=browser.playwright_version),
        viewport={"width": settings.evidence.viewport_width,
                  "height": settings.evidence.viewport_height},
        files=tuple(files),
        notes=tuple(notes),
    )


def _record_failure(
    sessions: sessionmaker[Session], bundle_id: int, reason: str, *, local: bool = False
) -> None:
    with sessions.begin() as session:
        bundle = evidence_db.get_bundle(session, bundle_id)
        if bundle is not None:
            _mark_failed(bundle, reason, local=local)


async def capture_pending(
    session_factory: sessionmaker[Session],
    settings: Settings,
    *,
    bundle_ids: Sequence[int] | None = None,
    pool_size: int | None = None,
    store: EvidenceStore | None = None,
    on_result: Callable[[BundleResult, int], None] | None = None,
    force: bool = False,
    should_stop: Callable[[], bool] | None = None,
) -> CaptureReport:
    """Render every pending (or retryable failed) bundle with a bounded pool of browser pages.

    ``force`` (with ``bundle_ids``) also renders failed bundles that are out of
    attempts: an operator who fixed the cause asks for one more try.
    ``on_result(result, total)`` is called after each bundle (progress bars).
    When ``should_stop()`` turns true (SIGTERM) the captures in flight are
    cancelled and no more start: those bundles stay as they were (pending, or
    failed with attempts left), counted in ``report.left``.
    Raises :class:`alerts.evidence.browser.CaptureUnavailable` when no browser
    can start; bundles are then left as they were.
    """
    started = time.perf_counter()
    store = store or EvidenceStore(Path(settings.evidence.dir))
    jobs, orphans = _pending_jobs(session_factory, settings, bundle_ids, force=force)
    report = CaptureReport(pool_size=max(1, min(pool_size or settings.evidence.screenshot_pool,
                                                len(jobs) or 1)))
    total = len(jobs) + len(orphans)

    def done(result: BundleResult) -> None:
        report.results.append(result)
        if on_result is not None:
            on_result(result, total)

    for bundle_id in orphans:
        _record_failure(session_factory, bundle_id, "listing not found")
        done(BundleResult(bundle_id, CaptureStatus.FAILED.value, "listing not found"))
    if not jobs:
        report.seconds = time.perf_counter() - started
        return report

    left = await _run_pool(session_factory, settings, store, jobs, report.pool_size, done, should_stop)
    if left is not None:
        report.left = left
        log.warning("evidence capture stopped: %d bundle(s) left queued", report.left)
    report.seconds = time.perf_counter() - started
    return report


def _pending_jobs(
    session_factory: sessionmaker[Session], settings: Settings, bundle_ids: Sequence[int] | None,
    *, force: bool,
) -> tuple[list[_Job], list[int]]:
    """Read every job up front in one short transaction, so no session stays open while pages render.

    Bundles whose listing is gone come back as orphans, to be failed rather than rendered.
    """
    with session_factory.begin() as session:
        ids = evidence_db.capturable_bundle_ids(
            session, max_attempts=settings.evidence.max_attempts, bundle_ids=bundle_ids,
            ignore_attempts=force and bundle_ids is not None,
        )
        jobs: list[_Job] = []
        orphans: list[int] = []
        for bundle_id in ids:
            bundle = evidence_db.get_bundle(session, bundle_id)
            job = _job_for(session, bundle) if bundle is not None else None
            if job is None:
                orphans.append(bundle_id)
            else:
                jobs.append(job)
    return jobs, orphans


async def _run_pool(
    session_factory: sessionmaker[Session],
    settings: Settings,
    store: EvidenceStore,
    jobs: Sequence[_Job],
    pool_size: int,
    done: Callable[[BundleResult], None],
    should_stop: Callable[[], bool] | None,
) -> int | None:
    """Render ``jobs`` with ``pool_size`` workers sharing one browser; how many were left if stopped, else None.

    One browser for all keeps start-up cost paid once; the pacer gives the
    marketplaces' hosts the crawl's politeness delay here too.
    """
    policy = HostPolicy.from_settings(settings)
    pacer = HostPacer(settings.crawl.download_delay)
    queue: asyncio.Queue[_Job] = asyncio.Queue()
    for job in jobs:
        queue.put_nowait(job)

    in_flight = 0

    async with CaptureBrowser(settings, policy) as browser:

        async def worker() -> None:
            nonlocal in_flight
            while not (should_stop and should_stop()):
                try:
                    job = queue.get_nowait()
                except asyncio.QueueEmpty:
                    return
                in_flight += 1
                await pacer.wait_async(job.url)  # the pages' marketplace hosts get the crawl's delay too
                result = await _capture_one(session_factory, settings, store, browser, job)
                in_flight -= 1
                done(result)

        workers = [asyncio.ensure_future(worker()) for _ in range(pool_size)]
        if await _run_until_stopped(workers, should_stop):
            return queue.qsize() + in_flight
    return None


async def _run_until_stopped(
    tasks: Sequence[asyncio.Future[None]], should_stop: Callable[[], bool] | None
) -> bool:
    """Wait for ``tasks``; cancel them once ``should_stop()`` is true. True when stopped."""
    pending: set[asyncio.Future[None]] = set(tasks)
    while pending:
        done, pending = await asyncio.wait(pending, timeout=0.2)
        for task in done:
            task.result()  # a crashed worker is loud
        if pending and should_stop is not None and should_stop():
            for task in pending:
                task.cancel()
            await asyncio.gather(*pending, return_exceptions=True)
            return True
    return bool(should_stop and should_stop())


async def _capture_one(
    sessions: sessionmaker[Session],
    settings: Settings,
    store: EvidenceStore,
    browser: CaptureBrowser,
    job: _Job,
) -> BundleResult:
    t0 = time.perf_counter()
    local = False
    try:
        page = await browser.render(job.url)
        with sessions.begin() as session:
            _finish_bundle(session, store, settings, job, page, browser)
    except CaptureError as exc:
        reason = str(exc)
    except (EvidenceWriteError, OSError) as exc:  # our disk, not the page: no attempt used
        reason, local = str(exc), True
    except Exception as exc:  # one broken page must not stop the pool
        log.exception("evidence capture of bundle %s crashed", job.bundle_id)
        reason = f"{type(exc).__name__}: {exc}"
    else:
        return BundleResult(job.bundle_id, CaptureStatus.OK.value, "", time.perf_counter() - t0)
    log.warning("evidence capture of bundle %s failed: %s", job.bundle_id, reason)
    _record_failure(sessions, job.bundle_id, reason, local=local)
    return BundleResult(job.bundle_id, CaptureStatus.FAILED.value, reason, time.perf_counter() - t0)


def _blocking(run: Callable[P, Coroutine[Any, Any, T]]) -> Callable[P, T]:
    """``run`` for callers without an event loop: each call runs it to the end on a fresh loop.

    The wrapper takes ``run``'s own parameters (``ParamSpec``), so they are
    declared once, on the coroutine.
    """

    def blocking(*args: P.args, **kwargs: P.kwargs) -> T:
        return asyncio.run(run(*args, **kwargs))

    return blocking


#: :func:`capture_pending` for callers without an event loop (CLI, scheduler)
capture_pending_sync = _blocking(capture_pending)
