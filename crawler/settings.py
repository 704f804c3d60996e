"""Scrapy settings for ktpwatch, built from the typed configuration.

:func:`build_scrapy_settings` turns a :class:`config.Settings` into the dict of
Scrapy settings every ktpwatch crawl uses: politeness (AutoThrottle, per-domain
concurrency, delay, retries on 429/5xx with ``Retry-After`` honoured), the
stated User-Agent, size limits, the asyncio reactor, scrapy-playwright's
download handlers and Chromium launch options, and the host filter. The scan
calls it with its own settings (already pointed at the sandbox when needed)
and adds its pipelines.

The module also defines the same settings at module level, from
``config.load_config()``, so ``scrapy list`` and
``scrapy crawl tokopedia -a query="blanko ktp"`` work in the repository root
(``scrapy.cfg`` names this module). A broken configuration does not break
``scrapy list``: the module falls back to Scrapy-only settings and the spider
reports the configuration error when it starts.
"""

from __future__ import annotations

import logging
from collections.abc import Iterable
from dataclasses import fields
from typing import Any

from alerts.evidence.hosts import HostPolicy
from config import ConfigError, load_config
from config.browser import find_browser
from config.settings import Settings, Transport
from crawler.middlewares import BrowserRequestFilter
from spiders.items import ListingItem

#: ListingItem fields a feed export writes (exchanges hold bytes and go to WARC instead).
FEED_FIELDS = [f.name for f in fields(ListingItem) if f.name != "exchanges"]

BASE_SETTINGS: dict[str, Any] = {
    "BOT_NAME": "ktpwatch",
    "SPIDER_MODULES": ["spiders"],
    "NEWSPIDER_MODULE": "spiders",
    "ROBOTSTXT_OBEY": False,
    "TWISTED_REACTOR": "twisted.internet.asyncioreactor.AsyncioSelectorReactor",
    "REQUEST_FINGERPRINTER_IMPLEMENTATION": "2.7",
    "FEED_EXPORT_ENCODING": "utf-8",
    "FEED_EXPORT_FIELDS": FEED_FIELDS,
    "TELNETCONSOLE_ENABLED": False,
    "LOG_LEVEL": "INFO",
}


def needs_browser(settings: Settings, marketplaces: Iterable[str], transport: str | None = None) -> bool:
    """Whether a crawl of ``marketplaces`` uses the browser transport (the override, else their configuration)."""
    if transport:
        return transport == Transport.BROWSER.value
    return any(
        settings.marketplaces[name].transport == Transport.BROWSER
        for name in marketplaces
        if name in settings.marketplaces
    )


def build_scrapy_settings(settings: Settings, *, browser: bool = True) -> dict[str, Any]:
    """Every Scrapy setting ktpwatch needs for one crawl, from the typed configuration.

    ``browser=False`` (a crawl on the api transport only) leaves out
    scrapy-playwright's download handlers: they start a Playwright driver (a
    Node.js process of ~120 MB) per crawler and scheme even when no request
    needs a browser — twelve of them, 1.4 GB, for a six-shop api scan.
    """
    crawl = settings.crawl
    launch: dict[str, Any] = {"headless": True, "args": list(settings.browser.args)}
    executable = find_browser(settings.browser.executable)
    if executable:
        launch["executable_path"] = executable
    policy = HostPolicy.from_settings(settings)
    return {
        **BASE_SETTINGS,
        "KTPWATCH_SETTINGS": settings,
        "USER_AGENT": crawl.user_agent,
        "CONCURRENT_REQUESTS": crawl.concurrent_requests,
        "CONCURRENT_REQUESTS_PER_DOMAIN": crawl.concurrent_requests_per_domain,
        "DOWNLOAD_DELAY": crawl.download_delay,
        "DOWNLOAD_TIMEOUT": crawl.download_timeout,
        "DOWNLOAD_MAXSIZE": crawl.download_maxsize,
        "DOWNLOAD_WARNSIZE": crawl.download_warnsize,
        "AUTOTHROTTLE_ENABLED": crawl.autothrottle,
        "AUTOTHROTTLE_START_DELAY": max(crawl.download_delay, 0.1),
        "AUTOTHROTTLE_MAX_DELAY": 60.0,
        "AUTOTHROTTLE_TARGET_CONCURRENCY": crawl.autothrottle_target_concurrency,
        "RETRY_ENABLED": crawl.retry_times > 0,
        "RETRY_TIMES": crawl.retry_times,
        "RETRY_HTTP_CODES": [429, 500, 502, 503, 504, 522, 524, 408],
        "DOWNLOADER_MIDDLEWARES": {
            "crawler.middlewares.ConfiguredHostsMiddleware": 50,
            "crawler.middlewares.RetryAfterMiddleware": 560,
        },
        "DOWNLOAD_HANDLERS": {
            "http": "scrapy_playwright.handler.ScrapyPlaywrightDownloadHandler",
            "https": "scrapy_playwright.handler.ScrapyPlaywrightDownloadHandler",
        } if browser else {},
        "PLAYWRIGHT_BROWSER_TYPE": "chromium",
        "PLAYWRIGHT_LAUNCH_OPTIONS": launch,
        "PLAYWRIGHT_DEFAULT_NAVIGATION_TIMEOUT": crawl.download_timeout * 1000,
        "PLAYWRIGHT_MAX_PAGES_PER_CONTEXT": max(1, crawl.concurrent_requests_per_domain),
        "PLAYWRIGHT_ABORT_REQUEST": BrowserRequestFilter(policy),
        "PLAYWRIGHT_CONTEXTS": {},
    }


def _module_settings() -> dict[str, Any]:
    try:
        return build_scrapy_settings(load_config().settings)
    except ConfigError as exc:
        logging.getLogger(__name__).error("ktpwatch configuration: %s", exc)
        return dict(BASE_SETTINGS)


globals().update(_module_settings())
