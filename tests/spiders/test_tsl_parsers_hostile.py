"""Tokopedia, Shopee and Lazada parsers never raise, whatever the body: they say layout_changed instead."""

from __future__ import annotations

import json

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from spiders.parsers import blibli, facebook, lazada, olx, shopee, tokopedia

PARSERS = [tokopedia, shopee, lazada, blibli, olx, facebook]
BASE = "http://127.0.0.1:1/x"
HOSTILE = [
    b"",
    b"\x00\x00\x00",
    b"\xff\xfe\xfa not utf-8",
    b"[" * 100_000 + b"]" * 100_000,
    json.dumps({"data": {"searchProductV5": {"data": {"products": [None, 1, "x", {"name": None}]}}}}).encode(),
    json.dumps({"items": [{"item_basic": {"itemid": [], "name": {}}}], "error": 0}).encode(),
    json.dumps({"mods": {"listItems": [{"name": 5, "productUrl": None}]}, "mainInfo": {}}).encode(),
    b"var __moduleData__ = {" + b'"a":' * 50_000,
    json.dumps([[[[]]]]).encode(),
]


@pytest.mark.parametrize("module", PARSERS, ids=lambda m: m.__name__.rsplit(".", 1)[-1])
@pytest.mark.parametrize("body", HOSTILE, ids=range(len(HOSTILE)))
def test_hostile_bodies_are_reported_not_raised(module: object, body: bytes) -> None:
    items, outcome = module.parse_search(body, url=BASE, base_url=BASE, query="q")  # type: ignore[attr-defined]
    assert outcome.status != "ok" or items
    item, detail_outcome = module.parse_detail(body, url=BASE, base_url=BASE)  # type: ignore[attr-defined]
    assert (item is None) == (detail_outcome.status != "ok")


@settings(max_examples=60, deadline=None)
@given(st.recursive(
    st.none() | st.booleans() | st.integers() | st.text(max_size=20),
    lambda children: st.lists(children, max_size=4) | st.dictionaries(
        st.sampled_from(["data", "items", "item_basic", "mods", "listItems", "products", "name",
                         "itemid", "shopid", "url", "price", "searchProductV5", "pdpGetLayout",
                         "mainInfo", "error", "header"]), children, max_size=5),
    max_leaves=30,
))
def test_random_json_never_raises(doc: object) -> None:
    body = json.dumps(doc).encode()
    for module in PARSERS:
        items, outcome = module.parse_search(body, url=BASE, base_url=BASE)
        assert outcome.status in {"ok", "empty", "blocked", "captcha", "layout_changed", "not_found"}
        assert outcome.status != "ok" or items
        module.parse_detail(body, url=BASE, base_url=BASE)
