"""Tokopedia: the sandbox shop answers in the parser's shape, and the spider finds planted listings."""

from __future__ import annotations

import json
import math
from pathlib import Path

import httpx
import pytest

from sandbox.server import SandboxHandle, run_sandbox
from sandbox.shops import load_shops
from sandbox.shops.tokopedia import SHOP
from spiders.parsers import tokopedia
from spiders.tokopedia import product_key
from tests.spiders.sandbox_roundtrip import crawl, crawl_every_page, one_shop_fixture, planted_ids

QUERY = "ktp"


sandbox = one_shop_fixture("tokopedia")


def _search(base: str, params: str) -> httpx.Response:
    body = [{"operationName": "SearchProductV5Query", "variables": {"params": params}, "query": "q"}]
    return httpx.post(f"{base}/graphql/SearchProductV5Query", json=body)


def test_search_pages_paginate_newest_first_and_match_the_catalogue(sandbox: SandboxHandle) -> None:
    base = sandbox.shop_url("tokopedia")
    truth = list(sandbox.catalogue.search("tokopedia", QUERY, sort="newest"))
    assert len(truth) > 4
    seen = []
    for page in range(1, math.ceil(len(truth) / 4) + 1):
        answer = _search(base, f"q={QUERY}&ob=9&rows=4&page={page}&start={(page - 1) * 4}")
        items, outcome = tokopedia.parse_search(answer.content, url=str(answer.url), base_url=base, query=QUERY)
        assert outcome.status == "ok" and outcome.total == len(truth) and outcome.has_next
        seen += items
    for item, record in zip(seen, truth, strict=True):
        assert (item.external_id, item.title, item.price, item.seller_id, item.seller_name, item.seller_city) == (
            record.external_id, record.title, record.price, record.seller_id, record.seller_name, record.seller_city)
        assert item.url == SHOP.listing_url(record, sandbox.server.site("tokopedia"))
        assert SHOP.external_id_from_url(item.url) == record.external_id
    beyond = _search(base, f"q={QUERY}&ob=9&rows=4&page=999&start=99999")
    assert tokopedia.parse_search(beyond.content, url="", base_url=base)[1].status == "empty"


def test_pdp_layout_gives_the_description_and_not_found_for_unknown(sandbox: SandboxHandle) -> None:
    base = sandbox.shop_url("tokopedia")
    record = next(iter(sandbox.catalogue.search("tokopedia", QUERY)))
    url = SHOP.listing_url(record, sandbox.server.site("tokopedia"))
    key = product_key(url)
    assert key is not None
    body = [{"operationName": "PDPGetLayoutQuery", "variables": {"shopDomain": key[0], "productKey": key[1]}}]
    answer = httpx.post(f"{base}/graphql/PDPGetLayoutQuery", json=body)
    item, outcome = tokopedia.parse_detail(answer.content, url=str(answer.url), base_url=base)
    assert outcome.status == "ok" and item is not None
    assert (item.external_id, item.title, item.description, item.price, item.url) == (
        record.external_id, record.title, record.description, record.price, url)
    body[0]["variables"]["productKey"] = "blanko-ktp-1"
    gone = httpx.post(f"{base}/graphql/PDPGetLayoutQuery", json=body)
    assert tokopedia.parse_detail(gone.content, url="", base_url=base)[1].status == "not_found"


def test_api_crawl_finds_planted_listings_with_details(sandbox: SandboxHandle, tmp_path: Path) -> None:
    truth, items = crawl_every_page(sandbox, "tokopedia", QUERY, tmp_path)
    found = {i["external_id"] for i in items}
    assert {r.external_id for r in truth} <= found
    assert planted_ids(sandbox, "tokopedia", QUERY) <= found
    assert all(i["detail_fetched"] and i["description"] for i in items)
    by_id = {r.external_id: r for r in truth}
    assert all(i["description"] == by_id[i["external_id"]].description for i in items)


@pytest.mark.browser
def test_browser_crawl_reads_the_pages_own_graphql_answer(sandbox: SandboxHandle, tmp_path: Path) -> None:
    query = "blangko"
    items = crawl("tokopedia", sandbox.base_url, query, tmp_path, transport="browser", max_pages=1,
                  details=False)
    assert planted_ids(sandbox, "tokopedia", query)
    assert planted_ids(sandbox, "tokopedia", query) <= {i["external_id"] for i in items}
    assert json.dumps(items)  # exported cleanly (exchanges are not part of the feed)


@pytest.mark.browser
def test_browser_pages_by_scrolling_the_infinite_search_page(tmp_path: Path) -> None:
    """The real search page ignores ?page=N (page 2 is an empty grid): page N is N-1 scrolls."""
    with run_sandbox(shops=load_shops(["tokopedia"]), listings=3000, admin=False) as big:
        newest = [hit.external_id for hit in big.catalogue.search("tokopedia", "ktp", sort="newest")]
        assert len(newest) > 120  # the page asks for 60 a scroll: two pages do not exhaust it
        items = crawl("tokopedia", big.base_url, "ktp", tmp_path, transport="browser", max_pages=2,
                      details=False)
        paged = httpx.get(f"{big.shop_url('tokopedia')}/search", params={"st": "product", "q": "ktp", "page": 2})
    assert [i["external_id"] for i in items] == newest[:120]
    assert "Oops, produk nggak ditemukan" in paged.text
