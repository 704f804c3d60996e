"""Downloader middlewares that keep ktpwatch polite and on its configured hosts.

* :class:`ConfiguredHostsMiddleware` refuses any request (redirects included,
  since a redirect re-enters the downloader as a new request) whose scheme,
  host and port are not a configured marketplace origin, or whose configured
  host name resolves to a private address (:mod:`alerts.evidence.hosts`);
  counted as ``ktpwatch/refused_offsite``.
* :class:`RetryAfterMiddleware` waits what a 429/503 ``Retry-After`` header asks
  (capped) before Scrapy's ``RetryMiddleware`` schedules the retry.
* :class:`BrowserRequestFilter` is the ``PLAYWRIGHT_ABORT_REQUEST`` predicate:
  the browser transport's pages never reach hosts outside the configuration and
  never download images, fonts or media (the evidence capture renders those).
"""

from __future__ import annotations

import asyncio
from dataclasses import dataclass
from datetime import UTC, datetime
from email.utils import parsedate_to_datetime
from typing import Any

from scrapy.exceptions import IgnoreRequest, NotConfigured
from scrapy.http import Request, Response

from alerts.evidence.hosts import HostPolicy
from config.settings import Settings

SETTINGS_KEY = "KTPWATCH_SETTINGS"
#: Longest Retry-After ktpwatch honours in one wait (seconds); longer asks are capped.
MAX_RETRY_AFTER_SECONDS = 120.0


def host_allowed(url: str, policy: HostPolicy) -> bool:
    """True when the URL's scheme, host and port are a configured origin whose host does not
    resolve inward (see :class:`~alerts.evidence.hosts.HostPolicy`), or a data:/about:/blob: URL."""
    return policy.refusal(url, allow_local_schemes=True) is None


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
        if not host_allowed(request.url, self.config.policy):
            if self.stats is not None:
                self.stats.inc_value("ktpwatch/refused_offsite")
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
    """Wait the shop's ``Retry-After`` on 429/503 before the retry middleware retries."""

    def __init__(self, max_wait: float, retry_times: int) -> None:
        self.max_wait = max_wait
        self.retry_times = retry_times

    @classmethod
    def from_crawler(cls, crawler: Any) -> RetryAfterMiddleware:
        settings = crawler.settings
        if not settings.getbool("RETRY_ENABLED", True):
            raise NotConfigured("retries are off")
        return cls(
            settings.getfloat("KTPWATCH_MAX_RETRY_AFTER", MAX_RETRY_AFTER_SECONDS),
            settings.getint("RETRY_TIMES", 2),
        )

    async def process_response(
        self, request: Request, response: Response, spider: Any = None
    ) -> Response:
        if response.status not in (429, 503):
            return response
        if request.meta.get("retry_times", 0) >= request.meta.get("max_retry_times", self.retry_times):
            return response
        header = response.headers.get(b"Retry-After")
        if not header:
            return response
        wait = retry_after_seconds(header.decode("latin-1", "replace"))
        if wait:
            await asyncio.sleep(min(wait, self.max_wait))
        return response


class BrowserRequestFilter:
    """``PLAYWRIGHT_ABORT_REQUEST``: abort offsite and heavy resource requests in browser pages."""

    heavy = frozenset({"image", "font", "media"})

    def __init__(self, policy: HostPolicy) -> None:
        self.policy = policy

    def __call__(self, request: Any) -> bool:
        if request.resource_type in self.heavy:
            return True
        return not host_allowed(request.url, self.policy)
