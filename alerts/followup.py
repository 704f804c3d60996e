"""Follow-up: after a notice's deadline, ask the marketplace again and record whether the listing is gone.

For every alert that is ``notified``, ``still_live`` or ``escalated``, past its
deadline and not waiting out a retry, the listing is asked for again with the
request the scan itself makes for a detail page (Shopee's ``item/get``,
Tokopedia's PDP GraphQL, Blibli's ``_summary``, the item page for the others),
and the answer is read by that marketplace's detail parser. ``alerts/`` may not import
the spiders, so both come from a :class:`ListingReader` the caller injects
(``crawler.recheck.SpiderListingReader`` in the CLI, scheduler and demo).

The reader answers one of three :class:`~storage.models.RecheckOutcome`\\ s:

* ``removed`` — only on a positive sign the listing is gone: HTTP 404/410, or the
  marketplace's own deleted / not-found answer (one detector per marketplace, in its parser);
* ``live`` — only when the parser actually read the product;
* ``unknown`` — everything else: a captcha, punish or challenge page, a login
  wall, an empty page shell, a redirect to a login page, a connection reset, a
  refused host, 429/5xx, a layout the parser cannot read. Nothing changes and
  no escalation is drafted; the re-check is retried after a wait that doubles
  per undecided attempt (``[followup] retry_first_seconds`` up to
  ``retry_max_seconds``), recorded on the :class:`~storage.models.Recheck` row.

Fetching is limited four ways: only configured marketplace origins — scheme,
host and port, and no configured name that resolves inward
(:class:`~alerts.evidence.hosts.HostPolicy`; a redirect anywhere else is
refused, and the connection goes to the address that check judged, so DNS
rebinding cannot turn it inward) —, a body size cap, the crawl's per-read timeout, and
a total deadline for the whole fetch (``[followup] fetch_total_seconds``), so a
server trickling a byte every few seconds cannot hold a run. Each fetch runs in
its own short asyncio loop because httpx has no total timeout and only
cancellation stops a read that is still receiving bytes.

Removed alerts move to ``removed`` with the time from notice to removal in the
audit note; live ones move to ``still_live`` (or stay there) and get a fresh
evidence bundle of the re-check exchange; ``ktpwatch notices draft --escalate``
then drafts the escalation. Each alert is its own transaction, so a crash
halfway loses nothing already checked; the network is never awaited inside a
transaction.
"""

from __future__ import annotations

import asyncio
import logging
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from datetime import UTC, datetime, timedelta
from typing import Protocol
from urllib.parse import urljoin

import httpx
from sqlalchemy.orm import Session, sessionmaker

from alerts.evidence import (
    CapturedExchange,
    EvidenceStore,
    EvidenceWriteError,
    record_capture_request,
)
from alerts.evidence.hosts import HostPolicy
from alerts.evidence.pinning import AsyncPinnedTransport
from alerts.host_pacing import HostPacer
from config import Settings
from storage.alerts import transition
from storage.models import Alert, AlertStatus, RecheckOutcome
from storage.notices import RECHECK_STATUSES, add_recheck, alerts_due_for_recheck, latest_recheck

log = logging.getLogger("ktpwatch.followup")

MAX_REDIRECTS = 5
#: A listing page is small; anything much larger is not worth reading to the end.
DEFAULT_MAX_BYTES = 4 * 1024 * 1024
#: Redirects after which a browser asks with GET and no body.
_REDIRECT_TO_GET = frozenset({301, 302, 303})


# ----------------------------------------------------------------------------- what is asked


@dataclass(frozen=True)
class ListingRef:
    """What a reader needs to build the re-check request of one alert's listing."""

    alert_id: int
    marketplace: str
    external_id: str
    url: str
    seller_external_id: str = ""


@dataclass(frozen=True)
class RecheckRequest:
    url: str
    method: str = "GET"
    headers: tuple[tuple[str, str], ...] = ()
    body: bytes = b""


@dataclass(frozen=True)
class PageReading:
    """A reader's verdict on one answer: ``reason`` is a short code, ``detail`` a sentence."""

    outcome: RecheckOutcome
    reason: str
    detail: str = ""


class ListingReader(Protocol):
    """Builds the request a marketplace answers about one listing and reads that answer.

    Implemented in ``crawler/`` over the spiders' detail requests and parsers.
    ``read`` receives the answer of the request (after same-host redirects) and
    must return ``live`` only when it read the product itself.
    """

    def request(self, listing: ListingRef) -> RecheckRequest: ...

    def read(
        self, marketplace: str, url: str, status: int, headers: Sequence[tuple[str, str]], body: bytes
    ) -> PageReading: ...


# ----------------------------------------------------------------------------- fetching


@dataclass(frozen=True)
class FetchLimits:
    user_agent: str = "ktpwatch"
    #: longest wait for any single read (the crawl's download timeout)
    read_timeout: float = 30.0
    #: longest the whole fetch may take, redirects and body included
    total_seconds: float = 60.0
    max_bytes: int = DEFAULT_MAX_BYTES

    @classmethod
    def from_settings(cls, settings: Settings) -> FetchLimits:
        crawl = settings.crawl
        return cls(
            user_agent=crawl.user_agent,
            read_timeout=crawl.download_timeout,
            total_seconds=settings.followup.fetch_total_seconds,
            max_bytes=min(crawl.download_maxsize, DEFAULT_MAX_BYTES),
        )


@dataclass(frozen=True)
class FetchResult:
    url: str
    final_url: str
    status: int | None
    body: bytes = b""
    headers: tuple[tuple[str, str], ...] = ()
    error: str = ""
    #: short cause when ``error`` is set: refused, redirects, timeout, network
    error_kind: str = ""
    truncated: bool = False
    fetched_at: str = ""
    request_headers: tuple[tuple[str, str], ...] = ()
    method: str = "GET"
    request_body: bytes = b""


def fetch_listing(
    request: RecheckRequest | str, policy: HostPolicy, limits: FetchLimits | None = None
) -> FetchResult:
    """Make ``request``, following at most :data:`MAX_REDIRECTS` redirects, each to a configured origin
    (scheme, host and port; :class:`~alerts.evidence.hosts.HostPolicy`, as the crawl and photo fetches).

    Never raises for what the network or the server does: the result carries the
    error and its kind. The whole fetch ends after ``limits.total_seconds``.
    """
    wanted = RecheckRequest(request) if isinstance(request, str) else request
    limits = limits or FetchLimits()
    return asyncio.run(_fetch_within(wanted, policy, limits))


async def _fetch_within(request: RecheckRequest, policy: HostPolicy, limits: FetchLimits) -> FetchResult:
    timeout = httpx.Timeout(min(limits.read_timeout, limits.total_seconds))
    async with httpx.AsyncClient(headers={"User-Agent": limits.user_agent}, timeout=timeout,
                                 transport=AsyncPinnedTransport(policy)) as client:
        try:
            async with asyncio.timeout(limits.total_seconds):
                return await _fetch(client, request, policy, limits.max_bytes)
        except TimeoutError:
            return FetchResult(
                request.url, request.url, None, method=request.method, error_kind="timeout",
                error=f"no complete answer within {limits.total_seconds:g}s (total fetch deadline)",
            )


async def _fetch(
    client: httpx.AsyncClient, request: RecheckRequest, policy: HostPolicy, max_bytes: int
) -> FetchResult:
    current, method, body = request.url, request.method, request.body
    for _ in range(MAX_REDIRECTS + 1):
        refusal = policy.refusal(current)
        if refusal:
            return FetchResult(request.url, current, None, error=refusal, error_kind="refused", method=method)
        try:
            async with client.stream(
                method, current, headers=list(request.headers), content=body or None, follow_redirects=False
            ) as response:
                if response.is_redirect and "location" in response.headers:
                    current = urljoin(current, response.headers["location"])
                    if response.status_code in _REDIRECT_TO_GET:
                        method, body = "GET", b""
                    continue
                data, truncated = await _read_capped(response, max_bytes)
                return FetchResult(
                    request.url, current, response.status_code, data,
                    tuple(response.headers.multi_items()), truncated=truncated,
                    fetched_at=datetime.now(UTC).isoformat(),
                    request_headers=tuple(response.request.headers.multi_items()),
                    method=method, request_body=body,
                )
        except httpx.HTTPError as exc:
            return FetchResult(
                request.url, current, None, error=f"{type(exc).__name__}: {exc}", error_kind="network",
                method=method,
            )
    return FetchResult(
        request.url, current, None, error=f"more than {MAX_REDIRECTS} redirects", error_kind="redirects",
        method=method,
    )


async def _read_capped(response: httpx.Response, max_bytes: int) -> tuple[bytes, bool]:
    body = bytearray()
    async for chunk in response.aiter_bytes():
        body.extend(chunk)
        if len(body) > max_bytes:
            del body[max_bytes:]
            return bytes(body), True
    return bytes(body), False


# ----------------------------------------------------------------------------- deciding


def judge(reader: ListingReader, marketplace: str, fetched: FetchResult) -> PageReading:
    """The reading of one fetch: a fetch without an answer is ``unknown``, never a decision."""
    if fetched.error or fetched.status is None:
        return PageReading(RecheckOutcome.UNKNOWN, fetched.error_kind or "network", fetched.error)
    reading = reader.read(marketplace, fetched.url, fetched.status, fetched.headers, fetched.body)
    if fetched.truncated and reading.outcome is RecheckOutcome.LIVE:
        return PageReading(reading.outcome, reading.reason, f"{reading.detail} (body truncated)")
    return reading


def retry_delay(attempt: int, *, first: float, cap: float) -> timedelta:
    """Wait after the ``attempt``-th undecided re-check in a row: ``first`` doubled per attempt, at most ``cap``."""
    exponent = min(max(attempt - 1, 0), 62)
    return timedelta(seconds=min(first * (2**exponent), cap))


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
    reason: str = ""
    attempt: int = 1
    retry_after: timedelta | None = None


@dataclass
class FollowupReport:
    checked_at: datetime
    rows: list[RecheckRow] = field(default_factory=list)

    def count(self, outcome: str) -> int:
        return sum(1 for r in self.rows if r.outcome == outcome)


def _exchange_of(fetched: FetchResult) -> CapturedExchange:
    """A re-check fetch as the evidence module's WARC writer reads an exchange."""
    return CapturedExchange(
        fetched.final_url, fetched.method, fetched.request_headers, fetched.request_body,
        fetched.status or 0, fetched.headers, fetched.body, fetched.fetched_at,
    )


def _fresh_evidence(session: Session, settings: Settings, alert: Alert, fetched: FetchResult) -> str:
    """Keep the re-check exchange that showed the listing live as a new evidence bundle."""
    listing = alert.listing
    try:
        with session.begin_nested():
            bundle = record_capture_request(
                session, listing_id=listing.id, alert_id=alert.id, url=listing.url,
                marketplace=listing.marketplace, external_id=listing.external_id,
                exchanges=[_exchange_of(fetched)],
                listing_json={"url": listing.url, "title": listing.title, "recheck": True},
                store=EvidenceStore(settings.evidence.dir), purpose="recheck",
            )
    except (EvidenceWriteError, OSError) as exc:
        log.warning("fresh evidence for alert %s not stored: %s", alert.id, exc)
        return f"fresh evidence not stored: {exc}"
    return f"fresh evidence bundle {bundle.id} ({bundle.status})"


def _apply(
    session: Session, settings: Settings, alert: Alert, fetched: FetchResult, reading: PageReading,
    now: datetime, actor: str,
) -> RecheckRow:
    before = alert.status
    detail = reading.detail or reading.reason
    row = RecheckRow(
        alert.id, alert.marketplace, fetched.url, reading.outcome.value, fetched.status, detail,
        before, before, reason=reading.reason,
    )
    if reading.outcome is RecheckOutcome.UNKNOWN:
        last = latest_recheck(session, alert.id)
        undecided = last is not None and last.outcome == RecheckOutcome.UNKNOWN.value
        row.attempt = last.attempt + 1 if undecided and last is not None else 1
        cfg = settings.followup
        row.retry_after = retry_delay(row.attempt, first=cfg.retry_first_seconds, cap=cfg.retry_max_seconds)
    add_recheck(
        session, alert_id=alert.id, url=fetched.url, outcome=row.outcome, http_status=fetched.status,
        detail=detail, checked_at=now, reason=reading.reason, attempt=row.attempt,
        retry_after_seconds=row.retry_after.total_seconds() if row.retry_after else None,
    )
    if reading.outcome is RecheckOutcome.REMOVED:
        since = alert.notified_at or now
        row.time_to_removal = max(now - since, timedelta(0))
        note = f"re-check: {detail}; removed {format_duration(row.time_to_removal)} after notice"
        transition(session, alert, AlertStatus.REMOVED, actor=actor, note=note, at=now)
        alert.listing.state = "removed"
    elif reading.outcome is RecheckOutcome.LIVE:
        if alert.status != AlertStatus.STILL_LIVE.value:
            note = f"re-check after deadline: still live ({detail})"
            transition(session, alert, AlertStatus.STILL_LIVE, actor=actor, note=note, at=now)
        row.evidence = _fresh_evidence(session, settings, alert, fetched)
    row.status_after = alert.status
    return row


def _due(session_factory: sessionmaker[Session], now: datetime) -> list[ListingRef]:
    with session_factory.begin() as session:
        return [
            ListingRef(
                a.id, a.marketplace, a.listing.external_id, a.listing.url,
                a.listing.seller.external_id if a.listing.seller is not None else "",
            )
            for a in alerts_due_for_recheck(session, now)
        ]


def run_followup(
    session_factory: sessionmaker[Session],
    settings: Settings,
    *,
    reader: ListingReader,
    now: datetime | None = None,
    actor: str = "followup",
    progress: Callable[[RecheckRow], None] | None = None,
) -> FollowupReport:
    """Re-check every alert past its deadline and not waiting out a retry; one transaction per alert."""
    now = now or datetime.now(UTC)
    report = FollowupReport(checked_at=now)
    due = _due(session_factory, now)
    if not due:
        return report
    policy = HostPolicy.from_settings(settings)
    limits = FetchLimits.from_settings(settings)
    pacer = HostPacer(settings.crawl.download_delay)
    for ref in due:
        request = reader.request(ref)
        pacer.wait(request.url)
        fetched = fetch_listing(request, policy, limits)
        reading = judge(reader, ref.marketplace, fetched)
        with session_factory.begin() as session:
            alert = session.get(Alert, ref.alert_id)
            if alert is None or alert.status not in RECHECK_STATUSES:
                continue  # moved by someone else meanwhile
            row = _apply(session, settings, alert, fetched, reading, now, actor)
        report.rows.append(row)
        if progress is not None:
            progress(row)
    return report
