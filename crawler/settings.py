"""Scrapy settings for ktpwatch, built by functions from the typed configuration.

:func:`build_scrapy_settings` turns a :class:`config.Settings` into the dict of
Scrapy settings every ktpwatch crawl uses: politeness (AutoThrottle, per-domain
concurrency, delay, retries on 429/5xx with ``Retry-After`` honoured), the
stated User-Agent, size limits, the asyncio reactor, scrapy-playwright's
download handlers and Chromium launch options, and the host filter.
:func:`storing_crawl_settings` adds what a crawl that stores its listings needs
(a local scan and a distributed worker both use it).

``scrapy.cfg`` names this module, so Scrapy reads its upper-case names as the
project settings of ``scrapy list`` and ``scrapy crawl tokopedia -a
query="blanko ktp"``. Importing it does no work (reads no configuration file,
looks for no browser): the module holds only constants, and the configuration
is applied when a crawler is built, by the :class:`ConfiguredCrawl` add-on it
lists in ``ADDONS``. ``scrapy list`` builds no crawler, so it never reads the
configuration; ``scrapy crawl`` reads it once, when the crawl starts, and a
broken configuration stops the crawl with its error.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import fields
from typing import Any

from alerts.evidence.hosts import HostPolicy
from config.browser import find_browser
from config.settings import Settings, Transport
from crawler.middlewares import BrowserRequestFilter
from spiders.items import ListingItem
from spiders.keys import SETTINGS_KEY

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

# --- the project settings Scrapy's command line reads (scrapy.cfg): constants only -------------
BOT_NAME = BASE_SETTINGS["BOT_NAME"]
SPIDER_MODULES = BASE_SETTINGS["SPIDER_MODULES"]
NEWSPIDER_MODULE = BASE_SETTINGS["NEWSPIDER_MODULE"]
ROBOTSTXT_OBEY = BASE_SETTINGS["ROBOTSTXT_OBEY"]
TWISTED_REACTOR = BASE_SETTINGS["TWISTED_REACTOR"]
REQUEST_FINGERPRINTER_IMPLEMENTATION = BASE_SETTINGS["REQUEST_FINGERPRINTER_IMPLEMENTATION"]
FEED_EXPORT_ENCODING = BASE_SETTINGS["FEED_EXPORT_ENCODING"]
FEED_EXPORT_FIELDS = BASE_SETTINGS["FEED_EXPORT_FIELDS"]
TELNETCONSOLE_ENABLED = BASE_SETTINGS["TELNETCONSOLE_ENABLED"]
LOG_LEVEL = BASE_SETTINGS["LOG_LEVEL"]
ADDONS = {"crawler.settings.ConfiguredCrawl": 0}


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
    needs a browser — twelve of them, 1.4 GB, for a six-marketplace api scan.
    """
    crawl = settings.crawl
    launch: dict[str, Any] = {"headless": True, "args": list(settings.browser.args)}
    executable = find_browser(settings.browser.executable)
    if executable:
        launch["executable_path"] = executable
    policy = HostPolicy.from_settings(settings)
    return {
        **BASE_SETTINGS,
        SETTINGS_KEY: settings,
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


def storing_crawl_settings(
    settings: Settings,
    *,
    marketplaces: Iterable[str],
    transport: str | None,
    scan_id: int,
    capture_evidence: bool,
    process_images: bool = True,
    log_level: str = "WARNING",
) -> dict[str, Any]:
    """The Scrapy settings of a crawl whose listings are stored under scan ``scan_id``.

    One builder for the two crawls that store: a local scan and a distributed
    worker; each adds only its own extension.
    """
    from crawler.candidates import CandidateFilter  # imports the matchers: only crawls that store

    built = build_scrapy_settings(settings, browser=needs_browser(settings, marketplaces, transport))
    built.update({
        "KTPWATCH_STORE": True,
        "KTPWATCH_SCAN_ID": scan_id,
        "KTPWATCH_EVIDENCE": capture_evidence,
        "KTPWATCH_IMAGES": process_images,
        "KTPWATCH_DETAIL_FILTER": CandidateFilter(settings.matching.candidate_threshold),
        "ITEM_PIPELINES": {"crawler.pipelines.StoragePipeline": 300},
        "LOG_LEVEL": log_level,
    })
    return built


class ConfiguredCrawl:
    """Scrapy add-on: applies the configuration to a ``scrapy crawl`` started from the command line.

    A crawl whose settings already carry the configuration (``ktpwatch scan``,
    workers, tests: they call :func:`build_scrapy_settings` themselves) is left
    as it is. Settings given on the command line (``-s``) still win: the
    add-on's priority is below the command line's.
    """

    def update_settings(self, settings: Any) -> None:
        if settings.get(SETTINGS_KEY) is not None:
            return
        from config import load_config

        settings.update(build_scrapy_settings(load_config().settings), priority="addon")
