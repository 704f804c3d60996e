"""The shared spider base and the politeness middlewares: arguments, stats, host filter, Retry-After."""

from __future__ import annotations

from datetime import UTC, datetime

import pytest
from scrapy.exceptions import IgnoreRequest
from scrapy.http import Request
from scrapy.utils.test import get_crawler

from alerts.evidence.hosts import HostPolicy
from config import load_config
from crawler.middlewares import BrowserRequestFilter, ConfiguredHostsMiddleware, retry_after_seconds
from crawler.settings import build_scrapy_settings
from spiders.base import split_queries
from spiders.items import HttpExchange
from spiders.shopee import ShopeeSpider
from spiders.tokopedia import TokopediaSpider
from tests.marketplace_hosts import every_marketplace_under

EXCHANGE = HttpExchange("u", "GET", (), b"", 200, (), b"")


def _spider(cls: type, **kwargs: str) -> object:
    settings = every_marketplace_under(load_config().settings, "http://127.0.0.1:9")
    crawler = get_crawler(cls, build_scrapy_settings(settings))
    return cls.from_crawler(crawler, **kwargs)


def test_queries_arguments() -> None:
    assert split_queries("blanko ktp", " a, b ,a,,") == ["blanko ktp", "a", "b"]
    spider = _spider(TokopediaSpider)
    assert spider.queries == list(load_config().settings.queries.lexicon)  # type: ignore[attr-defined]
    assert _spider(TokopediaSpider, query="x", transport="api", max_pages="2").max_pages == 2  # type: ignore[attr-defined]
    with pytest.raises(ValueError, match="transport"):
        TokopediaSpider(transport="carrier-pigeon")
    with pytest.raises(ValueError, match="max_pages"):
        TokopediaSpider(max_pages="0")


def test_blocked_page_is_counted_not_read_as_empty() -> None:
    spider = _spider(ShopeeSpider, query="ktp")
    out = list(spider.handle_search(b'{"error": 90309999, "action_type": 2}', "u", 200, "ktp", 1, EXCHANGE))  # type: ignore[attr-defined]
    stats = spider.crawler.stats  # type: ignore[attr-defined]
    assert out == []
    assert stats.get_value("ktpwatch/shopee/blocked") == 1
    assert stats.get_value("ktpwatch/shopee/status/200") == 1
    assert stats.get_value("ktpwatch/shopee/empty_pages") is None
    list(spider.handle_search(b'{"error":0,"items":null,"total_count":0}', "u", 200, "ktp", 1, EXCHANGE))  # type: ignore[attr-defined]
    assert stats.get_value("ktpwatch/shopee/empty_pages") == 1
    list(spider.handle_search(b"<html>Access Denied</html>", "u", 403, "ktp", 1, EXCHANGE))  # type: ignore[attr-defined]
    assert stats.get_value("ktpwatch/shopee/blocked") == 2


def test_offsite_requests_are_refused_and_counted() -> None:
    settings = every_marketplace_under(load_config().settings, "http://127.0.0.1:9")
    crawler = get_crawler(TokopediaSpider, build_scrapy_settings(settings))
    middleware = ConfiguredHostsMiddleware.from_crawler(crawler)
    assert middleware.process_request(Request("http://127.0.0.1:9/tokopedia/search")) is None
    with pytest.raises(IgnoreRequest):
        middleware.process_request(Request("https://evil.example/redirected"))
    assert crawler.stats.get_value("ktpwatch/refused_offsite") == 1
    browser_filter = BrowserRequestFilter(HostPolicy(frozenset({("http", "127.0.0.1", 9)})))

    class FakeRequest:
        def __init__(self, url: str, kind: str) -> None:
            self.url, self.resource_type = url, kind

    assert browser_filter(FakeRequest("https://tracker.example/x.js", "script"))
    assert not browser_filter(FakeRequest("http://127.0.0.1:9/tokopedia/search", "document"))


def test_retry_after_values() -> None:
    now = datetime(2026, 1, 1, tzinfo=UTC)
    assert retry_after_seconds("7") == 7.0
    assert retry_after_seconds("Thu, 01 Jan 2026 00:00:30 GMT", now) == 30.0
    assert retry_after_seconds("soon") is None


def test_scrapy_settings_carry_politeness_from_configuration() -> None:
    settings = load_config().settings
    built = build_scrapy_settings(settings)
    assert built["USER_AGENT"] == settings.crawl.user_agent
    assert built["AUTOTHROTTLE_ENABLED"] is True and 429 in built["RETRY_HTTP_CODES"]
    assert built["CONCURRENT_REQUESTS_PER_DOMAIN"] == settings.crawl.concurrent_requests_per_domain
    assert "exchanges" not in built["FEED_EXPORT_FIELDS"]


def test_playwright_handlers_only_for_crawls_that_use_the_browser() -> None:
    from config.settings import Transport
    from crawler.settings import needs_browser

    settings = load_config().settings
    shops = list(settings.marketplaces)
    api = {name: m.model_copy(update={"transport": Transport.API}) for name, m in settings.marketplaces.items()}
    all_api = settings.model_copy(update={"marketplaces": api})
    assert not needs_browser(all_api, shops)
    assert needs_browser(all_api, shops, "browser") and not needs_browser(settings, shops, "api")
    one = api[shops[0]].model_copy(update={"transport": Transport.BROWSER})
    mixed = settings.model_copy(update={"marketplaces": {**api, shops[0]: one}})
    assert needs_browser(mixed, shops) and not needs_browser(mixed, shops[1:])
    assert build_scrapy_settings(settings, browser=False)["DOWNLOAD_HANDLERS"] == {}
    handlers = build_scrapy_settings(settings, browser=True)["DOWNLOAD_HANDLERS"]
    assert set(handlers) == {"http", "https"} and all("Playwright" in h for h in handlers.values())


def test_a_captcha_detail_answer_is_asked_again_then_the_search_item_is_kept() -> None:
    from pathlib import Path

    from spiders.items import ListingItem

    fixtures = Path(__file__).resolve().parent.parent / "fixtures" / "tokopedia" / "detail"
    captcha = (fixtures / "captcha" / "body.html").read_bytes()
    spider = _spider(TokopediaSpider, query="ktp", transport="api")
    item = ListingItem(marketplace="tokopedia", external_id="1", url="https://www.tokopedia.com/t/p",
                       title="Blangko e-KTP", description="")
    request = spider.detail_request(item)  # type: ignore[attr-defined]
    assert isinstance(request, Request)
    request.meta["max_retry_times"] = 2
    answers = []
    for _ in range(3):
        out = spider.handle_detail(captcha, request.url, 200, item, EXCHANGE, request=request)  # type: ignore[attr-defined]
        answers.append(out)
        if isinstance(out, Request):
            request = out
    # two retries (max_retry_times), then the search item rather than nothing
    assert [type(a).__name__ for a in answers] == [type(request).__name__] * 2 + ["ListingItem"]
    assert answers[-1] is item
    stats = spider.crawler.stats  # type: ignore[attr-defined]
    assert stats.get_value("ktpwatch/tokopedia/retried_pages/count") == 2
    assert stats.get_value("ktpwatch/tokopedia/blocked") == 3
    # the detail answer that comes through is merged as before
    good = (fixtures / "pdp_etawalin" / "body.json").read_bytes()
    merged = spider.handle_detail(good, request.url, 200, item, EXCHANGE, request=request)  # type: ignore[attr-defined]
    assert isinstance(merged, ListingItem) and merged.detail_fetched
