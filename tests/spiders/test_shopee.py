"""Shopee: the sandbox shop answers in the parser's shape, and the spider finds planted listings."""

from __future__ import annotations

from pathlib import Path

import httpx
import pytest

from sandbox.server import SandboxHandle
from sandbox.shops.shopee import SHOP
from spiders.parsers import shopee
from spiders.shopee import rebased_photos
from tests.spiders.sandbox_roundtrip import crawl, crawl_every_page, one_shop_fixture, planted_ids

QUERY = "ktp"


sandbox = one_shop_fixture("shopee")


def test_search_pages_follow_the_newest_offset_and_match_the_catalogue(sandbox: SandboxHandle) -> None:
    base = sandbox.shop_url("shopee")
    truth = list(sandbox.catalogue.search("shopee", QUERY, sort="newest"))
    assert len(truth) > 4
    seen = []
    token: str | None = "0"
    while token is not None:
        params = {"by": "ctime", "keyword": QUERY, "limit": 4, "newest": token, "order": "desc"}
        answer = httpx.get(f"{base}/api/v4/search/search_items", params=params)
        items, outcome = shopee.parse_search(answer.content, url=str(answer.url), base_url=base, query=QUERY)
        assert outcome.status == "ok" and outcome.total == len(truth)
        seen += items
        token = outcome.next_token if outcome.has_next else None
    assert len(seen) == len(truth)
    for item, record in zip(seen, truth, strict=True):
        assert (item.external_id, item.title, item.price, item.seller_id, item.seller_city, item.listed_at) == (
            record.external_id, record.title, record.price, record.seller_id, record.seller_city,
            record.created_at.replace(microsecond=0))
        assert item.url == SHOP.listing_url(record, sandbox.server.site("shopee"))
        assert SHOP.external_id_from_url(item.url) == record.external_id
    photo = rebased_photos(item, f"{base}/file/").image_urls[0]
    assert httpx.get(photo, follow_redirects=True).status_code == 200
    none = httpx.get(f"{base}/api/v4/search/search_items", params={"keyword": "zzqxv", "limit": 4})
    assert shopee.parse_search(none.content, url=str(none.url), base_url=base)[1].status == "empty"
    assert shopee.parse_search(SHOP.blocked_response(None).body, url="", base_url=base)[1].status == "blocked"  # type: ignore[arg-type]


def test_item_get_gives_the_description_and_not_found_for_unknown(sandbox: SandboxHandle) -> None:
    base = sandbox.shop_url("shopee")
    record = next(iter(sandbox.catalogue.search("shopee", QUERY)))
    answer = httpx.get(f"{base}/api/v4/item/get", params={"itemid": record.external_id, "shopid": record.seller_id})
    item, outcome = shopee.parse_detail(answer.content, url=str(answer.url), base_url=base)
    assert outcome.status == "ok" and item is not None
    assert (item.external_id, item.title, item.description, item.price) == (
        record.external_id, record.title, record.description, record.price)
    gone = httpx.get(f"{base}/api/v4/item/get", params={"itemid": "1", "shopid": "2"})
    assert shopee.parse_detail(gone.content, url="", base_url=base)[1].status == "not_found"


def test_api_crawl_finds_planted_listings_with_details(sandbox: SandboxHandle, tmp_path: Path) -> None:
    truth, items = crawl_every_page(sandbox, "shopee", QUERY, tmp_path)
    assert {r.external_id for r in truth} <= {i["external_id"] for i in items}
    by_id = {r.external_id: r for r in truth}
    assert all(i["detail_fetched"] and i["description"] == by_id[i["external_id"]].description for i in items)


@pytest.mark.browser
def test_browser_crawl_reads_the_pages_own_search_items_answer(sandbox: SandboxHandle, tmp_path: Path) -> None:
    query = "blangko"
    items = crawl("shopee", sandbox.base_url, query, tmp_path, transport="browser", max_pages=1, details=False)
    assert planted_ids(sandbox, "shopee", query)
    assert planted_ids(sandbox, "shopee", query) <= {i["external_id"] for i in items}
