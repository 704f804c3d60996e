"""Follow-up: after a notice's deadline, fetch each listing again and record whether it is gone.

For every alert that is ``notified``, ``still_live`` or ``escalated`` and past
its deadline, the listing URL is fetched with httpx (only configured
marketplace hosts; a redirect to any other host is refused; the body is read
up to a size limit; the crawl's User-Agent, timeout and per-host delay apply).
The answer is classified by :func:`classify`:

* ``removed`` — 404/410, or the shop's own "not found" page or JSON
  (:data:`GONE_MARKERS`, one small table per shop, kept here so a changed
  shop page is a one-line fix);
* ``live`` — any other 2xx;
* ``error`` — network failure, refused host, 429/5xx: nothing changes, the
  next run tries again.

Removed alerts move to ``removed`` with the time from notice to removal in
the audit note; live ones move to ``still_live`` (or stay there), get a fresh
evidence request when the evidence module is installed, and
``ktpwatch notices draft --escalate`` then drafts the escalation. Every fetch
is a :class:`Recheck` row. Each alert is its own transaction, so a crash
halfway loses nothing already checked; the network is never awaited inside a
transaction.
"""

from __future__ import annotations

import json
import logging
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import UTC, datetime, timedelta
from typing import Any
from urllib.parse import urljoin, urlsplit

import httpx
from sqlalchemy.orm import Session, sessionmaker

from alerts.evidence import EvidenceStore, record_capture_request
from alerts.host_pacing import HostPacer
from config import Settings
from storage.alerts import transition
from storage.models import Alert, AlertStatus
from storage.notices import RECHECK_STATUSES, add_recheck, alerts_due_for_recheck

log = logging.getLogger("ktpwatch.followup")

MAX_REDIRECTS = 5
#: A listing page is small; anything much larger is not worth reading to the end.
DEFAULT_MAX_BYTES = 4 * 1024 * 1024


@dataclass(frozen=True)
class GoneMarker:
    """A sign in a 2xx answer that the shop itself says the listing is gone."""

    #: text found in the body (case-insensitive), or
    text: str = ""
    #: a JSON check: the body parses and this returns True
    json_check: Callable[[Any], bool] | None = None
    why: str = ""


def _shopee_gone(doc: Any) -> bool:
    if not isinstance(doc, dict):
        return False
    if doc.get("error") in (4, 90309999) or doc.get("error_msg") == "item not found":
        return True
    data = doc.get("data", doc)
    return isinstance(data, dict) and "item" in data and data["item"] is None


def _status_inactive(doc: Any) -> bool:
    """Generic JSON: ``{"status": "inactive"|"deleted"|"removed"}`` anywhere at the top."""
    if not isinstance(doc, dict):
        return False
    data = doc.get("data")
    inner: dict[str, Any] = data if isinstance(data, dict) else doc
    status = str(inner.get("status", "")).lower()
    return status in {"inactive", "deleted", "removed", "banned", "not_found"}


#: Per-shop "gone" signs, as the shops answer today (a 404/410 is always "gone").
GONE_MARKERS: dict[str, tuple[GoneMarker, ...]] = {
    "shopee": (
        GoneMarker(json_check=_shopee_gone, why='Shopee JSON {"error": 4} / item null'),
        GoneMarker(text="produk ini tidak ada", why="Shopee page: produk tidak ada"),
        GoneMarker(text="this product doesn't exist", why="Shopee page: product doesn't exist"),
    ),
    "tokopedia": (
        GoneMarker(text="produk tidak ditemukan", why="Tokopedia: produk tidak ditemukan"),
        GoneMarker(text="produk ini sudah tidak tersedia", why="Tokopedia: produk tidak tersedia"),
        GoneMarker(text="yah, halaman ini tidak ditemukan", why="Tokopedia: halaman tidak ditemukan"),
    ),
    "lazada": (
        GoneMarker(text="produk ini tidak lagi tersedia", why="Lazada: produk tidak lagi tersedia"),
        GoneMarker(text="this product is no longer available", why="Lazada: no longer available"),
        GoneMarker(text="maaf, halaman tidak ditemukan", why="Lazada: halaman tidak ditemukan"),
    ),
    "blibli": (
        GoneMarker(text="produk tidak ditemukan", why="Blibli: produk tidak ditemukan"),
        GoneMarker(text="produk tidak tersedia", why="Blibli: produk tidak tersedia"),
    ),
    "olx": (
        GoneMarker(text="iklan ini sudah tidak tersedia", why="OLX: iklan sudah tidak tersedia"),
        GoneMarker(text="iklan tidak ditemukan", why="OLX: iklan tidak ditemukan"),
    ),
    "facebook": (
        GoneMarker(text="this listing is no longer available", why="Facebook: listing no longer available"),
        GoneMarker(text="tidak lagi tersedia", why="Facebook: tidak lagi tersedia"),
        GoneMarker(text="this content isn't available", why="Facebook: content isn't available"),
    ),
}
#: Applies to every shop: a JSON answer that marks the listing inactive.
COMMON_MARKERS = (GoneMarker(json_check=_status_inactive, why="listing marked inactive"),)


@dataclass(frozen=True)
class FetchResult:
    url: str
    final_url: str
    status: int | None
    body: bytes = b""
    headers: tuple[tuple[str, str], ...] = ()
    error: str = ""
    truncated: bool = False
    fetched_at: str = ""
    request_headers: tuple[tuple[str, str], ...] = ()


def host_refusal(url: str, allowed: set[str]) -> str | None:
    parts = urlsplit(url)
    host = (parts.hostname or "").lower()
    if parts.scheme not in ("http", "https") or not host:
        return f"refused URL {url[:200]!r}: not an http(s) URL with a host"
    if host not in allowed:
        return f"refused host {host!r}: not a configured marketplace host"
    return None


def fetch_listing(
    client: httpx.Client, url: str, allowed: set[str], *, max_bytes: int = DEFAULT_MAX_BYTES
) -> FetchResult:
    """GET ``url`` following at most :data:`MAX_REDIRECTS` redirects, each to an allowed host."""
    current = url
    for _ in range(MAX_REDIRECTS + 1):
        refusal = host_refusal(current, allowed)
        if refusal:
            return FetchResult(url, current, None, error=refusal)
        try:
            with client.stream("GET", current, follow_redirects=False) as response:
                if response.is_redirect and "location" in response.headers:
                    current = urljoin(current, response.headers["location"])
                    continue
                body = bytearray()
                truncated = False
                for chunk in response.iter_bytes():
                    body.extend(chunk)
                    if len(body) > max_bytes:
                        truncated = True
                        del body[max_bytes:]
                        break
                return FetchResult(
                    url,
                    current,
                    response.status_code,
                    bytes(body),
                    tuple(response.headers.multi_items()),
                    truncated=truncated,
                    fetched_at=datetime.now(UTC).isoformat(),
                    request_headers=tuple(response.request.headers.multi_items()),
                )
        except httpx.HTTPError as exc:
            return FetchResult(url, current, None, error=f"{type(exc).__name__}: {exc}")
    return FetchResult(url, current, None, error=f"more than {MAX_REDIRECTS} redirects")


def classify(marketplace: str, fetched: FetchResult) -> tuple[str, str]:
    """``(outcome, detail)``: outcome is ``removed``, ``live`` or ``error``. Pure."""
    if fetched.error:
        return "error", fetched.error
    status = fetched.status or 0
    if status in (404, 410):
        return "removed", f"HTTP {status}"
    if not 200 <= status < 300:
        return "error", f"HTTP {status}: no decision, will try again"
    text = fetched.body.decode("utf-8", "replace")
    lowered = text.lower()
    doc: Any = None
    if lowered.lstrip()[:1] in ("{", "["):
        try:
            doc = json.loads(text)
        except ValueError:
            doc = None
    for marker in GONE_MARKERS.get(marketplace, ()) + COMMON_MARKERS:
        if marker.text and marker.text in lowered:
            return "removed", f"HTTP {status}, {marker.why}"
        if marker.json_check is not None and doc is not None and marker.json_check(doc):
            return "removed", f"HTTP {status}, {marker.why}"
    return "live", f"HTTP {status}" + (" (body truncated)" if fetched.truncated else "")


def format_duration(delta: timedelta) -> str:
    minutes = int(delta.total_seconds() // 60)
    days, rest = divmod(minutes, 24 * 60)
    hours, mins = divmod(rest, 60)
    return (f"{days}d " if days else "") + f"{hours}h {mins:02d}m"


@dataclass
class RecheckRow:
    alert_id: int
    marketplace: str
    url: str
    outcome: str
    http_status: int | None
    detail: str
    status_before: str
    status_after: str
    time_to_removal: timedelta | None = None
    evidence: str = ""


@dataclass
class FollowupReport:
    checked_at: datetime
    rows: list[RecheckRow] = field(default_factory=list)

    def count(self, outcome: str) -> int:
        return sum(1 for r in self.rows if r.outcome == outcome)


def _request_fresh_evidence(
    session: Session, settings: Settings, alert: Alert, fetched: FetchResult
) -> str:
    """Ask the evidence module for a new capture; say what happened (never raise)."""
    record = record_capture_request
    store = EvidenceStore(settings.evidence.dir)
    listing = alert.listing
    try:
        with session.begin_nested():
            bundle = record(
                session,
                listing_id=listing.id,
                alert_id=alert.id,
                url=listing.url,
                marketplace=listing.marketplace,
                external_id=listing.external_id,
                exchanges=[_Exchange.of(fetched)],
                listing_json={"url": listing.url, "title": listing.title, "recheck": True},
                store=store,
                purpose="recheck",
            )
    except Exception as exc:
        log.warning("fresh evidence for alert %s not requested: %s", alert.id, exc)
        return f"fresh evidence not requested: {type(exc).__name__}: {exc}"
    return f"fresh evidence bundle {getattr(bundle, 'id', '?')} requested"


@dataclass(frozen=True)
class _Exchange:
    """A re-check fetch in the shape the evidence module's WARC writer reads."""

    url: str
    method: str
    request_headers: tuple[tuple[str, str], ...]
    request_body: bytes
    status: int
    response_headers: tuple[tuple[str, str], ...]
    response_body: bytes
    fetched_at: str

    @classmethod
    def of(cls, fetched: FetchResult) -> _Exchange:
        return cls(
            fetched.final_url, "GET", fetched.request_headers, b"", fetched.status or 0,
            fetched.headers, fetched.body, fetched.fetched_at,
        )


def _apply(
    session: Session,
    settings: Settings,
    alert: Alert,
    fetched: FetchResult,
    now: datetime,
    actor: str,
) -> RecheckRow:
    outcome, detail = classify(alert.marketplace, fetched)
    before = alert.status
    row = RecheckRow(
        alert.id, alert.marketplace, fetched.url, outcome, fetched.status, detail, before, before
    )
    add_recheck(
        session, alert_id=alert.id, url=fetched.url, outcome=outcome,
        http_status=fetched.status, detail=detail, checked_at=now,
    )
    if outcome == "removed":
        since = alert.notified_at or now
        row.time_to_removal = max(now - since, timedelta(0))
        note = f"re-check: {detail}; removed {format_duration(row.time_to_removal)} after notice"
        transition(session, alert, AlertStatus.REMOVED, actor=actor, note=note, at=now)
        alert.listing.state = "removed"
    elif outcome == "live":
        if alert.status != AlertStatus.STILL_LIVE.value:
            note = f"re-check after deadline: still live ({detail})"
            transition(session, alert, AlertStatus.STILL_LIVE, actor=actor, note=note, at=now)
        row.evidence = _request_fresh_evidence(session, settings, alert, fetched)
    row.status_after = alert.status
    return row


def run_followup(
    session_factory: sessionmaker[Session],
    settings: Settings,
    *,
    now: datetime | None = None,
    actor: str = "followup",
    client: httpx.Client | None = None,
    progress: Callable[[RecheckRow], None] | None = None,
) -> FollowupReport:
    """Re-check every alert past its deadline; one transaction per alert."""
    now = now or datetime.now(UTC)
    with session_factory.begin() as session:
        due = [(a.id, a.listing.url) for a in alerts_due_for_recheck(session, now)]
    report = FollowupReport(checked_at=now)
    if not due:
        return report
    allowed = {h.lower() for h in settings.allowed_hosts()}
    crawl = settings.crawl
    own_client = client is None
    if client is None:
        client = httpx.Client(
            headers={"User-Agent": crawl.user_agent},
            timeout=crawl.download_timeout,
        )
    pacer = HostPacer(crawl.download_delay)
    try:
        for alert_id, url in due:
            pacer.wait(url)
            fetched = fetch_listing(
                client, url, allowed, max_bytes=min(crawl.download_maxsize, DEFAULT_MAX_BYTES)
            )
            with session_factory.begin() as session:
                alert = session.get(Alert, alert_id)
                if alert is None or alert.status not in RECHECK_STATUSES:
                    continue  # moved by someone else meanwhile
                row = _apply(session, settings, alert, fetched, now, actor)
            report.rows.append(row)
            if progress is not None:
                progress(row)
    finally:
        if own_client:
            client.close()
    return report
