"""OLX: the sandbox shop answers in the shape the parser reads, and the spider finds planted listings."""

from __future__ import annotations

from pathlib import Path

import httpx

from sandbox.server import SandboxHandle
from sandbox.shops.olx import SHOP
from spiders.parsers import olx
from tests.spiders.sandbox_roundtrip import (
    crawl_finding_the_catalogue,
    gone_page,
    one_shop_fixture,
    read_item_page,
)

QUERY = "ktp"


sandbox = one_shop_fixture("olx")


def test_search_pages_follow_next_page_url_and_match_the_catalogue(sandbox: SandboxHandle) -> None:
    base = sandbox.shop_url("olx")
    truth = list(sandbox.catalogue.search("olx", QUERY, sort="newest"))
    assert len(truth) > 5
    seen = []
    token: str | None = "0"
    while token is not None:
        params = {"query": QUERY, "page": token, "size": 4, "sorting": "desc-creation", "platform": "web-desktop"}
        answer = httpx.get(f"{base}/api/relevance/v4/search", params=params,
                           headers={"x-panamera-client-id": "web-desktop"})
        items, outcome = olx.parse_search(answer.content, url=str(answer.url), base_url=base, query=QUERY)
        assert outcome.status == "ok" and outcome.total == len(truth)
        seen += items
        token = outcome.next_token if outcome.has_next else None
    assert [i.external_id for i in seen] == [t.external_id for t in truth]
    for item, record in zip(seen, truth, strict=True):
        assert (item.title, item.description, item.price, item.seller_id, item.seller_city) == (
            record.title, record.description, record.price, record.seller_id, record.seller_city)
        assert item.listed_at == record.created_at
        # The ad JSON carries no URL: the spider writes one from the title, and OLX (like the
        # sandbox) finds the ad by the id after "-iid-" whatever slug precedes it.
        assert item.url.startswith(f"{base}/item/") and SHOP.external_id_from_url(item.url) == record.external_id
        assert httpx.get(item.url).status_code == 200
        assert SHOP.external_id_from_url(item.url) == record.external_id


def test_item_page_and_the_not_found_page(sandbox: SandboxHandle) -> None:
    base = sandbox.shop_url("olx")
    record, item = read_item_page(sandbox, SHOP, QUERY, olx.parse_detail)
    assert (item.external_id, item.description) == (record.external_id, record.description)
    gone = f"{base}/item/blanko-ktp-iid-1"
    assert gone_page(olx.parse_detail, gone, base) == (404, "not_found")


def test_spider_api_transport_finds_every_planted_listing(sandbox: SandboxHandle, tmp_path: Path) -> None:
    query = "blanko ktp"
    rows = crawl_finding_the_catalogue(sandbox, "olx", query, tmp_path)
    assert all(r["description"] for r in rows)
