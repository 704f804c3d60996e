"""Facebook: the sandbox shop answers in the shape the parser reads, and the spider finds planted listings."""

from __future__ import annotations

import json
from pathlib import Path

import httpx
import pytest

from config.browser import find_browser
from sandbox.server import SandboxHandle
from sandbox.shops.facebook import SHOP
from spiders.parsers import facebook
from tests.spiders.sandbox_roundtrip import (
    crawl,
    crawl_finding_the_catalogue,
    gone_page,
    one_shop_fixture,
    read_item_page,
)

QUERY = "ktp"


sandbox = one_shop_fixture("facebook")


def graphql(base: str, query: str, cursor: str, count: int) -> httpx.Response:
    variables = {"count": count, "cursor": cursor, "params": {"bqf": {"query": query}}}
    form = {"fb_api_req_friendly_name": facebook.PAGINATION_NAME, "variables": json.dumps(variables),
            "doc_id": facebook.PAGINATION_DOC_ID}
    return httpx.post(f"{base}/api/graphql/", data=form)


def test_search_page_then_graphql_pages_match_the_catalogue(sandbox: SandboxHandle) -> None:
    base = sandbox.shop_url("facebook")
    truth = list(sandbox.catalogue.search("facebook", QUERY, sort="newest"))
    assert len(truth) > 5
    url = f"{base}/marketplace/jakarta/search/?query={QUERY}&sortBy=creation_time_descend"
    answer = httpx.get(url)
    items, outcome = facebook.parse_search(answer.content, url=url, base_url=base, query=QUERY)
    assert outcome.status == "ok"
    seen = list(items)
    if outcome.has_next:  # the page held 24; the rest come 3 at a time through GraphQL
        token = outcome.next_token
        while token:
            answer = graphql(base, QUERY, token, 3)
            items, outcome = facebook.parse_search(answer.content, url=str(answer.url), base_url=base)
            assert outcome.status == "ok"
            seen += items
            token = outcome.next_token if outcome.has_next else None
    assert [i.external_id for i in seen] == [t.external_id for t in truth]
    for item, record in zip(seen, truth, strict=True):
        assert (item.title, item.price, item.seller_name, item.seller_city) == (
            record.title, record.price, record.seller_name, record.seller_city)
        assert item.url == SHOP.listing_url(record, sandbox.server.site("facebook"))
        assert SHOP.external_id_from_url(item.url) == record.external_id


def test_graphql_pagination_from_a_cursor(sandbox: SandboxHandle) -> None:
    base = sandbox.shop_url("facebook")
    truth = list(sandbox.catalogue.search("facebook", QUERY, sort="newest"))
    answer = graphql(base, QUERY, '{"c2c":{"it":2}}', 2)
    items, outcome = facebook.parse_search(answer.content, url=str(answer.url), base_url=base)
    assert [i.external_id for i in items] == [t.external_id for t in truth[2:4]]
    assert outcome.has_next == (len(truth) > 4)


def test_item_page_and_the_gone_page(sandbox: SandboxHandle) -> None:
    base = sandbox.shop_url("facebook")
    record, item = read_item_page(sandbox, SHOP, QUERY, facebook.parse_detail)
    assert (item.external_id, item.description, item.listed_at) == (
        record.external_id, record.description, record.created_at.replace(microsecond=0))
    gone = f"{base}/marketplace/item/1/"
    assert gone_page(facebook.parse_detail, gone, base)[1] == "not_found"


def test_spider_api_transport_finds_every_planted_listing(sandbox: SandboxHandle, tmp_path: Path) -> None:
    query = "blanko ktp"
    rows = crawl_finding_the_catalogue(sandbox, "facebook", query, tmp_path)
    assert all(r["detail_fetched"] and r["description"] for r in rows)


@pytest.mark.browser
@pytest.mark.skipif(find_browser() is None, reason="no Chromium installed")
def test_spider_browser_transport_reads_the_embedded_json(sandbox: SandboxHandle, tmp_path: Path) -> None:
    query = "blanko ktp"
    expected = {r.external_id for r in sandbox.catalogue.search("facebook", query)}
    rows = crawl("facebook", sandbox.base_url, query, tmp_path, transport="browser", details=False)
    assert {r["external_id"] for r in rows} == expected


def test_spider_pagination_form_is_answered_by_the_shop(sandbox: SandboxHandle) -> None:
    from config import load_config
    from crawler.marketplace_addresses import point_at
    from spiders.facebook import FacebookSpider

    spider = FacebookSpider(query=QUERY)
    spider.configure(point_at(load_config().settings, sandbox.base_url))
    call = spider.api_search_call(QUERY, 2, '{"c2c":{"it":1}}')
    assert call.method == "POST" and call.url.endswith("/api/graphql/")
    answer = httpx.post(call.url, content=call.body, headers=call.headers)
    items, outcome = facebook.parse_search(answer.content, url=call.url, base_url=spider.base_url)
    truth = list(sandbox.catalogue.search("facebook", QUERY, sort="newest"))
    assert outcome.status == "ok"
    assert [i.external_id for i in items] == [t.external_id for t in truth[1:25]]
