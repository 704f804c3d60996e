"""A changed layout still yields listings (marked degraded), and the spider counts them per marketplace."""

from __future__ import annotations

import json

from scrapy.utils.test import get_crawler

from config import load_config
from crawler.settings import build_scrapy_settings
from spiders.items import HttpExchange, ListingItem
from spiders.shopee import ShopeeSpider

EXCHANGE = HttpExchange("u", "GET", (), b"", 200, (), b"")


def _spider() -> ShopeeSpider:
    crawler = get_crawler(ShopeeSpider, build_scrapy_settings(load_config().settings))
    spider = ShopeeSpider.from_crawler(crawler, query="ktp")
    assert isinstance(spider, ShopeeSpider)
    spider.detail_filter = None  # search items only: this test is about the search page
    return spider


def test_an_unknown_layout_yields_degraded_listings_and_counts_them() -> None:
    spider = _spider()
    body = json.dumps({"error": 0, "cards": [
        {"itemid": 1, "name": "Blanko KTP el", "price": 5_000_000_000, "shopid": 2},
        {"itemid": 3, "name": "Map plastik", "price": 1_000_000_000, "shopid": 2},
    ]}).encode()
    out = list(spider.handle_search(body, "https://shopee.co.id/api/v4/search/search_items?keyword=ktp", 200, "ktp", 1, EXCHANGE))
    items = [o for o in out if isinstance(o, ListingItem)]
    assert [(i.external_id, i.price, i.degraded, i.url) for i in items] == [
        ("1", 50000, True, "https://shopee.co.id/product/2/1"), ("3", 10000, True, "https://shopee.co.id/product/2/3")]
    stats = spider.crawler.stats
    assert stats.get_value("ktpwatch/shopee/degraded") == 2
    assert stats.get_value("ktpwatch/shopee/degraded_pages") == 1
    assert stats.get_value("ktpwatch/shopee/items") == 2
    assert stats.get_value("ktpwatch/shopee/parse_failures") is None
    assert stats.get_value("ktpwatch/shopee/retried_pages/count") is None


def test_a_block_is_never_degraded_results() -> None:
    spider = _spider()
    body = json.dumps({"error": 90309999, "action_type": 2,
                       "cards": [{"itemid": 1, "name": "Blanko KTP el", "price": 5, "shopid": 2}]}).encode()
    out = list(spider.handle_search(body, "u", 200, "ktp", 1, EXCHANGE))
    assert not [o for o in out if isinstance(o, ListingItem)]
    assert spider.crawler.stats.get_value("ktpwatch/shopee/degraded") in (None, 0)
    assert spider.crawler.stats.get_value("ktpwatch/shopee/blocked") == 1


def test_a_listing_without_a_url_asks_no_detail_page_and_is_kept() -> None:
    # before: the Lazada spider built Request("") for it, which raised inside the
    # search callback and lost every listing of the page
    from spiders.lazada import LazadaSpider

    crawler = get_crawler(LazadaSpider, build_scrapy_settings(load_config().settings))
    spider = LazadaSpider.from_crawler(crawler, query="ktp")
    assert isinstance(spider, LazadaSpider)
    bare = ListingItem(marketplace="lazada", external_id="1", url="", title="Blanko KTP el")
    assert spider.detail_request(bare) is None
    spider.detail_filter = lambda item: True
    assert list(spider._maybe_detail(bare)) == [bare]
