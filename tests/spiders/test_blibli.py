"""Blibli: the sandbox shop answers in the shape the parser reads, and the spider finds planted listings."""

from __future__ import annotations

from pathlib import Path

import httpx

from sandbox.server import SandboxHandle
from sandbox.shops.blibli import SHOP
from spiders.parsers import blibli
from tests.spiders.sandbox_roundtrip import crawl_finding_the_catalogue, gone_page, one_shop_fixture

QUERY = "ktp"


sandbox = one_shop_fixture("blibli")


def search(sandbox: SandboxHandle, page: int, size: int = 24, query: str = QUERY) -> httpx.Response:
    params = {"sort": 1, "page": page, "start": (page - 1) * size, "searchTerm": query, "itemPerPage": size,
              "channelId": "web"}
    return httpx.get(f"{sandbox.shop_url('blibli')}/backend/search/products", params=params,
                     headers={"channelid": "web"})


def test_search_pages_parse_to_the_catalogue_records(sandbox: SandboxHandle) -> None:
    base = sandbox.shop_url("blibli")
    truth = list(sandbox.catalogue.search("blibli", QUERY, sort="newest"))
    assert len(truth) > 5
    seen = []
    page, outcome_next = 1, True
    while outcome_next:
        answer = search(sandbox, page, size=5)
        items, outcome = blibli.parse_search(answer.content, url=str(answer.url), base_url=base, query=QUERY)
        assert outcome.status == "ok" and outcome.total == len(truth)
        seen += items
        outcome_next, page = outcome.has_next, page + 1
    assert [i.external_id for i in seen] == [t.external_id for t in truth]
    for item, record in zip(seen, truth, strict=True):
        assert (item.title, item.price, item.seller_id, item.seller_name, item.seller_city) == (
            record.title, record.price, record.seller_id, record.seller_name, record.seller_city)
        assert item.url == SHOP.listing_url(record, sandbox.server.site("blibli"))
        assert SHOP.external_id_from_url(item.url) == record.external_id
        assert len(item.image_urls) == len(record.image_ids)


def test_no_match_is_empty_not_ok(sandbox: SandboxHandle) -> None:
    answer = search(sandbox, 1, query="zqxwvjk")
    items, outcome = blibli.parse_search(answer.content, url=str(answer.url), base_url=sandbox.shop_url("blibli"))
    assert (items, outcome.status) == ([], "empty")


def test_detail_gives_the_full_description_and_removed_is_not_found(sandbox: SandboxHandle) -> None:
    base = sandbox.shop_url("blibli")
    record = next(iter(sandbox.catalogue.search("blibli", QUERY)))
    url = f"{base}/backend/product-detail/products/{record.external_id}/_summary"
    answer = httpx.get(url)
    item, outcome = blibli.parse_detail(answer.content, url=url, base_url=base)
    assert outcome.status == "ok" and item is not None
    assert item.description == "\n".join(line for line in record.description.splitlines() if line.strip())
    missing = f"{base}/backend/product-detail/products/XXX-00000-99999/_summary"
    assert gone_page(blibli.parse_detail, missing, base) == (404, "not_found")


def test_spider_api_transport_finds_every_planted_listing(sandbox: SandboxHandle, tmp_path: Path) -> None:
    query = "blangko ktp"
    rows = crawl_finding_the_catalogue(sandbox, "blibli", query, tmp_path)
    assert all(r["detail_fetched"] and r["description"] for r in rows)
