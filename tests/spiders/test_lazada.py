"""Lazada: the sandbox shop answers in the parser's shape, and the spider finds planted listings."""

from __future__ import annotations

from pathlib import Path

import httpx

from sandbox.server import SandboxHandle
from sandbox.shops.lazada import SHOP
from spiders.parsers import lazada
from tests.spiders.sandbox_roundtrip import crawl, gone_page, one_shop_fixture, read_item_page

QUERY = "ktp"


sandbox = one_shop_fixture("lazada")


def test_catalogue_pages_match_the_catalogue(sandbox: SandboxHandle) -> None:
    base = sandbox.shop_url("lazada")
    truth = list(sandbox.catalogue.search("lazada", QUERY, sort="relevance"))
    assert truth
    answer = httpx.get(f"{base}/catalog/", params={"ajax": "true", "isFirstRequest": "true", "page": 1, "q": QUERY})
    items, outcome = lazada.parse_search(answer.content, url=str(answer.url), base_url=base, query=QUERY)
    assert outcome.status == "ok" and outcome.total == len(truth)
    assert outcome.has_next == (len(truth) > 40)
    for item, record in zip(items, truth[:40], strict=True):
        assert (item.external_id, item.title, item.price, item.seller_id, item.seller_city, item.sold_count) == (
            record.external_id, record.title, record.price, record.seller_id, record.seller_city, record.sold)
        assert item.url == SHOP.listing_url(record, sandbox.server.site("lazada"))
        assert SHOP.external_id_from_url(item.url) == record.external_id
    none = httpx.get(f"{base}/catalog/", params={"ajax": "true", "page": 1, "q": "zzqxv"})
    assert lazada.parse_search(none.content, url="", base_url=base)[1].status == "empty"


def test_product_page_gives_the_description_and_not_found_for_unknown(sandbox: SandboxHandle) -> None:
    base = sandbox.shop_url("lazada")
    record, item = read_item_page(sandbox, SHOP, QUERY, lazada.parse_detail)
    assert (item.external_id, item.title, item.description, item.price, item.seller_name) == (
        record.external_id, record.title, record.description, record.price, record.seller_name)
    gone = f"{base}/products/blanko-ktp-i1-s2.html"
    assert gone_page(lazada.parse_detail, gone, base, parsed_url="") == (404, "not_found")


def test_api_crawl_finds_planted_listings_with_details(sandbox: SandboxHandle, tmp_path: Path) -> None:
    truth = list(sandbox.catalogue.search("lazada", QUERY))
    items = crawl("lazada", sandbox.base_url, QUERY, tmp_path, max_pages=3)
    assert {r.external_id for r in truth} <= {i["external_id"] for i in items}
    by_id = {r.external_id: r for r in truth}
    assert all(i["detail_fetched"] and i["description"] == by_id[i["external_id"]].description for i in items)
