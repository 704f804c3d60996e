"""Downloader middlewares that keep ktpwatch polite and on its configured hosts.

* :class:`ConfiguredHostsMiddleware` refuses any request (redirects included,
  since a redirect re-enters the downloader as a new request) whose scheme,
  host and port are not a configured marketplace origin, or whose configured
  host name resolves to a private address — the one allow-list,
  :meth:`alerts.evidence.hosts.HostPolicy.allows`, that photo fetches,
  re-checks and evidence capture use too; counted as ``ktpwatch/refused_offsite``.
* :class:`RetryAfterMiddleware` pauses the host a 429/503 ``Retry-After`` came
  from for the time it asks (capped): no request to that host starts meanwhile.
* :class:`BrowserRequestFilter` is the ``PLAYWRIGHT_ABORT_REQUEST`` predicate:
  the browser transport's pages never reach hosts outside the configuration and
  never download images, fonts or media (the evidence capture renders those).
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import UTC, datetime
from email.utils import parsedate_to_datetime
from time import monotonic
from typing import Any

from scrapy import signals
from scrapy.exceptions import IgnoreRequest, NotConfigured
from scrapy.http import Request, Response
from scrapy.utils.asyncio import call_later

from alerts.evidence.hosts import HostPolicy
from config.settings import Settings
from spiders.keys import SETTINGS_KEY, stat_key

#: Longest Retry-After ktpwatch honours in one wait (seconds); longer asks are capped.
MAX_RETRY_AFTER_SECONDS = 120.0


@dataclass(frozen=True)
class HostsConfig:
    policy: HostPolicy

    @classmethod
    def from_settings(cls, settings: Any) -> HostsConfig:
        ktp = settings.get(SETTINGS_KEY)
        if not isinstance(ktp, Settings):
            raise NotConfigured(f"{SETTINGS_KEY} is not set")
        return cls(policy=HostPolicy.from_settings(ktp))


class ConfiguredHostsMiddleware:
    """Refuse requests to hosts no configured marketplace uses."""

    def __init__(self, config: HostsConfig, stats: Any) -> None:
        self.config = config
        self.stats = stats

    @classmethod
    def from_crawler(cls, crawler: Any) -> ConfiguredHostsMiddleware:
        return cls(HostsConfig.from_settings(crawler.settings), crawler.stats)

    def process_request(self, request: Request, spider: Any = None) -> None:
        if not self.config.policy.allows(request.url):
            if self.stats is not None:
                self.stats.inc_value(stat_key("refused_offsite"))
            raise IgnoreRequest(f"refused {request.url}: host is not a configured marketplace host")
        return None


def retry_after_seconds(value: str, now: datetime | None = None) -> float | None:
    """Seconds asked by a ``Retry-After`` header (delta-seconds or HTTP date), or None."""
    value = value.strip()
    if not value:
        return None
    if value.isdigit():
        return float(value)
    try:
        when = parsedate_to_datetime(value)
    except (TypeError, ValueError, IndexError):
        return None
    if when.tzinfo is None:
        when = when.replace(tzinfo=UTC)
    return max(0.0, (when - (now or datetime.now(UTC))).total_seconds())


class RetryAfterMiddleware:
    """Pause the host a 429/503 ``Retry-After`` came from, before any other request goes to it.

    The pause is taken when the response is downloaded (Scrapy's
    ``response_downloaded`` signal), which Scrapy sends before it frees the
    request's place in the host's download slot: the slot is held shut for the
    asked time, so neither the retry nor any other request queued for that
    host starts meanwhile, while other hosts go on. (Waiting in
    ``process_response`` instead paused only the one request, after the slot
    had already let the next ones go.) In a distributed scan the pause is also
    shared with every worker through :mod:`crawler.pacing`.

    Reaching into Scrapy: the slot's ``latercall`` (its "wait until" timer) and
    ``Downloader._process_queue`` are what ``DOWNLOAD_DELAY`` itself uses.
    """

    def __init__(self, crawler: Any, max_wait: float) -> None:
        self.crawler = crawler
        self.max_wait = max_wait
        #: slot key -> monotonic time its pause ends
        self._paused_until: dict[str, float] = {}

    @classmethod
    def from_crawler(cls, crawler: Any) -> RetryAfterMiddleware:
        settings = crawler.settings
        if not settings.getbool("RETRY_ENABLED", True):
            raise NotConfigured("retries are off")
        middleware = cls(crawler, settings.getfloat("KTPWATCH_MAX_RETRY_AFTER", MAX_RETRY_AFTER_SECONDS))
        crawler.signals.connect(middleware.response_downloaded, signal=signals.response_downloaded)
        return middleware

    def response_downloaded(self, response: Response, request: Request, spider: Any = None) -> None:
        if response.status not in (429, 503):
            return
        header = response.headers.get(b"Retry-After")
        wait = retry_after_seconds(header.decode("latin-1", "replace")) if header else None
        if not wait:
            return
        wait = min(wait, self.max_wait)
        self._pause_slot(request, wait)
        from crawler.pacing import host_key, pacer_for

        pacer = pacer_for(self.crawler)
        if pacer is not None:
            pacer.pause(host_key(request.url), wait)

    def _pause_slot(self, request: Request, seconds: float) -> None:
        downloader = getattr(self.crawler.engine, "downloader", None)
        if downloader is None:
            return
        key = request.meta.get("download_slot") or downloader.get_slot_key(request)
        slot = downloader.slots.get(key)
        if slot is None:
            return
        until = monotonic() + seconds
        if until <= self._paused_until.get(key, 0.0):
            return  # already paused longer
        self._paused_until[key] = until
        if slot.latercall is not None:
            slot.latercall.cancel()
        # also what DOWNLOAD_DELAY counts from, and what keeps the idle slot from being collected
        slot.lastseen = max(slot.lastseen, until - slot.delay)

        def resume() -> None:
            slot.latercall = None
            downloader._process_queue(slot)

        slot.latercall = call_later(seconds, resume)


class BrowserRequestFilter:
    """``PLAYWRIGHT_ABORT_REQUEST``: abort offsite and heavy resource requests in browser pages."""

    heavy = frozenset({"image", "font", "media"})

    def __init__(self, policy: HostPolicy) -> None:
        self.policy = policy

    def __call__(self, request: Any) -> bool:
        if request.resource_type in self.heavy:
            return True
        return not self.policy.allows(request.url)
