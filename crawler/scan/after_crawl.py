"""What a scan does once its crawl is over: health checks, photos, evidence, webhook, digest.

These stages run after the crawl so they never slow it. None of them fails
the scan: each failure is reported in the summary (``problems``) and the work
it left stays queued for ``ktpwatch evidence retry`` or the next scan.
SIGTERM/SIGINT stop the photo and evidence stages between units of work.
"""

from __future__ import annotations

import logging
from collections.abc import Callable
from typing import Any

from alerts.actors.rebuild import rebuild_from_settings
from alerts.evidence import capture_pending_sync
from alerts.images import process_pending_images
from alerts.notify import ReturningActorsProvider, build_digest, new_alerts_since, send_digest
from alerts.webhook import post_new_alerts
from config import Settings
from config.secrets import redact_urls
from crawler.monitors import check_scan_health
from crawler.scan.options import ScanOptions
from crawler.scan.summary import MarketplaceSummary, ScanSummary
from crawler.shutdown import StopRequest
from storage.models import Scan

log = logging.getLogger(__name__)


def check_health(
    sessions: Any, scan_id: int, settings: Settings, summaries: list[MarketplaceSummary]
) -> list[str]:
    """The scan's health flags as lines (each also added to its marketplace's summary)."""
    try:
        with sessions.begin() as session:
            flags = check_scan_health(session, scan_id, settings)
    except Exception as exc:  # the scan's numbers are stored; say the check did not run
        log.exception("health check failed for scan %s", scan_id)
        return [f"health check failed: {type(exc).__name__}: {exc}"]
    out = [f"{s.marketplace}: {flag}" for s in summaries for flag in s.flags]
    for flag in flags:
        text = str(getattr(flag, "message", flag))
        mp = getattr(flag, "marketplace", "")
        out.append(f"{mp}: {text}" if mp and not text.startswith(mp) else text)
        for s in summaries:
            if s.marketplace == mp:
                s.flags.append(text)
    return out


def photos_and_evidence(
    sessions: Any, settings: Settings, options: ScanOptions, stop: StopRequest
) -> tuple[dict[str, Any], dict[str, Any]]:
    """Read photos, then capture evidence; SIGTERM/SIGINT stop both, leaving the rest queued.

    Photos first: an alert opened by photo text alone queues its evidence
    bundle, which the capture then completes with the others.
    """
    images: dict[str, Any] = {}
    evidence: dict[str, Any] = {}
    if options.process_images and settings.images.enabled:
        images = _process_images(sessions, settings, queue_evidence=options.capture_evidence,
                                 should_stop=stop)
    if options.capture_evidence and not stop():
        evidence = _capture_evidence(sessions, settings, should_stop=stop)
    return images, evidence


def stopped_after_crawl(images: dict[str, Any], evidence: dict[str, Any]) -> str:
    """Why a scan whose crawl finished is recorded as interrupted, and what it left queued."""
    left = [f"{what}: {data['left']} left queued" for what, data in
            (("photos", images), ("evidence", evidence)) if data.get("left")]
    return "stopped by a signal after the crawl" + (f" ({'; '.join(left)})" if left else "")


def _capture_evidence(
    sessions: Any, settings: Settings, *, should_stop: Callable[[], bool]
) -> dict[str, Any]:
    try:
        report = capture_pending_sync(sessions, settings, should_stop=should_stop)
    except Exception as exc:  # capture problems never fail a scan; `evidence retry` fixes them
        log.exception("evidence capture failed")
        return {"error": f"{type(exc).__name__}: {exc}"}
    return {"captured": report.ok, "failed": report.failed, "seconds": round(report.seconds, 1),
            "pool_size": report.pool_size, "left": report.left}


def _process_images(
    sessions: Any, settings: Settings, *, queue_evidence: bool, should_stop: Callable[[], bool]
) -> dict[str, Any]:
    """OCR and hash the photos queued by this scan; photo problems never fail a scan."""
    try:
        return dict(process_pending_images(sessions, settings, queue_evidence=queue_evidence,
                                           should_stop=should_stop).to_dict())
    except Exception as exc:
        log.exception("photo processing failed")
        return {"error": f"{type(exc).__name__}: {exc}"}


def post_webhook(settings: Settings, summary: ScanSummary) -> None:
    """Tell the configured webhook about new alerts or health flags (nothing to tell: no post)."""
    if not settings.webhook.url or (summary.new_alerts == 0 and not summary.health_flags):
        return
    post_new_alerts(settings, summary.to_dict())


def rebuild_actor_network(sessions: Any, settings: Settings) -> list[str]:
    """Rebuild actors from every alert (after photos: pHashes link them); a failure is a scan problem."""
    try:
        with sessions.begin() as session:
            rebuild_from_settings(session, settings)
    except Exception as exc:  # the alerts are stored; `ktpwatch actors rebuild` redoes this
        log.exception("actor rebuild failed")
        return [f"actor rebuild failed: {type(exc).__name__}: {exc}"]
    return []
def send_scan_digest(
    sessions: Any,
    settings: Settings,
    summary: ScanSummary,
    returning_actors: ReturningActorsProvider | None = None,
) -> None:
    """Send the scan's notification digest; a failed delivery becomes a problem in ``summary``.

    The digest holds the new alerts scoring at least ``[notify] score_threshold``,
    the actors ``returning_actors`` reports back after a takedown, and the health
    flags. A failure never touches the scan's stored data, but it is loud: the
    scan's summary lists it and ``ktpwatch scan`` exits 1.
    """
    if not settings.notify.urls:
        return
    try:
        with sessions.begin() as session:
            started = session.get(Scan, summary.scan_id)
            since = started.started_at if started is not None else None
            alerts = new_alerts_since(session, since, settings.notify.score_threshold) if since else []
            returning = list(returning_actors(session, summary.scan_id)) if returning_actors else []
        digest = build_digest(summary.scan_id, alerts, summary.health_flags, returning)
        result = send_digest(settings, digest)
    except Exception as exc:  # reported as a problem below, never raised into the scan's data
        log.exception("notification digest failed for scan %s", summary.scan_id)
        summary.problems.append(redact_urls(f"notification failed: {type(exc).__name__}: {exc}"))
        return
    if result.error:
        summary.problems.append(result.error)
