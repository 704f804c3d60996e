"""Every shop's search parser keeps every listing with an id and a title, in any shape, and never reads a block.

Properties (hypothesis) rather than examples: for a product object carrying an id
and a title — in the shop's known shape with any optional field missing, or in a
shape the parser has never seen — the parser yields a listing with that id and
title (marked ``degraded`` when only the shape-agnostic fallback could read it);
and no captcha, login wall, refusal or empty shell ever yields a listing.
"""

from __future__ import annotations

import importlib
import json
from collections.abc import Callable
from typing import Any

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from spiders.items import ListingItem, PageOutcome
from spiders.parsers.fallback import degraded_listings, product_like
from spiders.parsers.page_signals import EMPTY_SHELL_REASON, rupiah

MARKETPLACES = ("tokopedia", "shopee", "lazada", "blibli", "olx", "facebook")
BASE = {
    "tokopedia": "https://www.tokopedia.com",
    "shopee": "https://shopee.co.id",
    "lazada": "https://www.lazada.co.id",
    "blibli": "https://www.blibli.com",
    "olx": "https://www.olx.co.id",
    "facebook": "https://www.facebook.com",
}
URLS = {
    "tokopedia": "https://gql.tokopedia.com/graphql/SearchProductV5Query",
    "shopee": "https://shopee.co.id/api/v4/search/search_items?keyword=ktp&limit=60&newest=0",
    "lazada": "https://www.lazada.co.id/catalog/?ajax=true&page=1&q=ktp",
    "blibli": "https://www.blibli.com/backend/search/products?page=1&searchTerm=ktp",
    "olx": "https://www.olx.co.id/api/relevance/v4/search?query=ktp&page=0",
    "facebook": "https://www.facebook.com/api/graphql/",
}


def search(marketplace: str, body: Any) -> tuple[list[ListingItem], PageOutcome]:
    raw = body if isinstance(body, (bytes, str)) else json.dumps(body)
    parser = importlib.import_module(f"spiders.parsers.{marketplace}")
    items, outcome = parser.parse_search(raw, url=URLS[marketplace], base_url=BASE[marketplace], query="ktp")
    return items, outcome


# ----- pages of each shop, around a list of entries ---------------------------------------------

PAGES: dict[str, Callable[[list[Any]], Any]] = {
    "tokopedia": lambda e: [{"data": {"searchProductV5": {"header": {"totalData": len(e)}, "data": {"products": e}}}}],
    "shopee": lambda e: {"error": 0, "total_count": len(e), "nomore": True, "items": e},
    "lazada": lambda e: {"mainInfo": {"totalResults": len(e), "page": 1, "pageSize": 40}, "mods": {"listItems": e}},
    "blibli": lambda e: {"code": 200, "status": "OK", "data": {"products": e, "paging": {"page": 1, "total_page": 1}}},
    "olx": lambda e: {"data": e, "metadata": {"total_ads": len(e)}},
    "facebook": lambda e: {"data": {"marketplace_search": {"feed_units": {
        "edges": [{"node": {"listing": x}} for x in e], "page_info": {"has_next_page": False}}}}},
}

titles = st.text(
    alphabet=st.characters(whitelist_categories=("Ll", "Lu", "Nd", "Zs")), min_size=2, max_size=60
).filter(lambda t: sum(c.isalpha() for c in t) >= 2 and t.strip() == t)
ids = st.one_of(st.integers(min_value=1, max_value=10**13), st.from_regex(r"[1-9][0-9]{3,15}", fullmatch=True))
prices = st.integers(min_value=1, max_value=10**9)
optional = st.fixed_dictionaries({}, optional={
    "price": prices, "image": st.just("https://img.example/a.jpg"), "seller": st.just("Toko Contoh"),
    "url": st.just("x"), "city": st.just("Kota Bandung"),
})


def known_entry(marketplace: str, item_id: int | str, title: str, extra: dict[str, Any], variant: int) -> Any:
    """The shop's known shape for one product, with only the fields in ``extra`` beside id and title."""
    price, seller = extra.get("price"), extra.get("seller")
    if marketplace == "shopee":
        fields = {"itemid": item_id, "name": title}
        if price is not None:
            fields["price"] = price * 100_000
        if seller:
            fields["shopid"] = 4242
        if variant % 3 == 0:
            return {"itemid": item_id, "shopid": fields.get("shopid"), "item_basic": fields}
        if variant % 3 == 1:
            data: dict[str, Any] = {"itemid": item_id}
            if price is not None:
                data["item_card_display_price"] = {"price": price * 100_000}
            card = {"item_card_displayed_asset": {"name": title}, "item_data": data}
            return {"item_basic": None, **card}
        return {"customised_item_card": {"item_card_displayed_asset": {"name": title}, "item_data": {"itemid": item_id}}}
    if marketplace == "tokopedia":
        product: dict[str, Any] = {"id": item_id, "name": title}
        if price is not None:
            product["price"] = [{"number": price}, {"text": f"Rp{price:,}".replace(",", ".")}, f"Rp{price}"][variant % 3]
        if seller:
            product["shop"] = {"name": seller, "url": "https://www.tokopedia.com/tokocontoh"}
        if "url" in extra:
            product["url"] = f"https://www.tokopedia.com/tokocontoh/p-{item_id}"
        return product
    if marketplace == "lazada":
        entry: dict[str, Any] = {"itemId": str(item_id), "name": title}
        if price is not None:
            entry["price"] = str(price)
        if "url" in extra:
            entry["productUrl"] = f"//www.lazada.co.id/products/p-i{item_id}-s1.html"
        return entry
    if marketplace == "blibli":
        entry = {"sku": str(item_id), "name": title}
        if price is not None:
            entry["price"] = {"priceDisplay": f"Rp{price}"}
        return entry
    if marketplace == "olx":
        entry = {"id": str(item_id), "title": title}
        if price is not None:
            entry["price"] = {"value": {"raw": price}}
        return entry
    listing: dict[str, Any] = {"id": str(item_id), "marketplace_listing_title": title}
    if price is not None:
        listing["listing_price"] = {"amount": str(price)}
    return listing


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(
    marketplace=st.sampled_from(MARKETPLACES), item_id=ids, title=titles, extra=optional,
    variant=st.integers(min_value=0, max_value=8),
)
def test_a_product_with_id_and_title_in_the_known_shape_is_never_dropped(
    marketplace: str, item_id: int | str, title: str, extra: dict[str, Any], variant: int
) -> None:
    filler = known_entry(marketplace, 99, "Produk Lain Biasa", {"price": 1000}, 0)
    body = PAGES[marketplace]([filler, known_entry(marketplace, item_id, title, extra, variant)])
    items, outcome = search(marketplace, body)
    assert outcome.status == "ok", outcome
    assert (str(item_id), title) in {(i.external_id, i.title) for i in items}


UNKNOWN_ID_KEYS = ("id", "itemId", "product_id", "sku", "listing_id")
UNKNOWN_TITLE_KEYS = ("name", "title", "productName", "item_name")
UNKNOWN_PRICE_KEYS = ("price", "salePrice", "price_min", "display_price")


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(
    marketplace=st.sampled_from(MARKETPLACES), item_id=ids, title=titles, price=prices,
    keys=st.tuples(st.sampled_from(UNKNOWN_ID_KEYS), st.sampled_from(UNKNOWN_TITLE_KEYS),
                   st.sampled_from(UNKNOWN_PRICE_KEYS)),
    envelope=st.sampled_from(("results", "searchResult", "productCards")),
    depth=st.integers(min_value=0, max_value=3),
)
def test_a_product_in_an_unknown_layout_is_read_degraded(
    marketplace: str, item_id: int | str, title: str, price: int, keys: tuple[str, str, str],
    envelope: str, depth: int,
) -> None:
    id_key, title_key, price_key = keys
    product: Any = {id_key: item_id, title_key: title, price_key: {"value": price} if depth % 2 else price}
    for level in range(depth):
        product = {f"wrap{level}": product}
    body = {"newLayout": {envelope: [product]}}
    items, outcome = search(marketplace, body)
    assert outcome.status == "degraded", outcome
    assert [(i.external_id, i.title, i.price, i.degraded) for i in items] == [
        (str(item_id), title, price // 100_000 if marketplace == "shopee" else price, True)
    ]


# ----- blocks are never results -----------------------------------------------------------------

text_filler = st.text(alphabet=st.sampled_from("abcdefghij klmnop"), max_size=60)


def _product_json(item_id: int, title: str) -> str:
    return json.dumps({"products": [{"id": item_id, "name": title, "price": 15000}]})


@st.composite
def refusal_pages(draw: st.DrawFn) -> tuple[str, bytes | str]:
    """(kind, body): a captcha, login wall, refusal or empty shell, with product-like data beside it.

    The empty shell is not a refusal (``layout_changed``, "empty shell"), but like
    them it never yields a listing.
    """
    filler = draw(text_filler)
    data = _product_json(draw(st.integers(min_value=1, max_value=10**12)), draw(titles))
    kind = draw(st.sampled_from(("captcha_html", "punish_json", "rgv587", "login_wall", "denied", "shopee_block",
                                 "empty_shell", "captcha_json")))
    if kind == "captcha_html":
        return kind, (f"<html><body><p>{filler}</p><div class='g-recaptcha'>captcha</div>"
                      f"<script type='application/json'>{data}</script></body></html>")
    if kind == "punish_json":
        return kind, json.dumps({"rgv587_flag": "sm", "url": "https://www.lazada.co.id/_____tmd_____/punish?x5secdata=ab",
                                 "data": json.loads(data)})
    if kind == "rgv587":
        return kind, json.dumps({"ret": ["RGV587_ERROR::SM::" + filler], "data": json.loads(data)})
    if kind == "login_wall":
        return kind, (f"<html><body><form id=\"login_form\" action=\"/login/device-based/regular/login/\">"
                      f"{filler}</form><script type='application/json'>{data}</script></body></html>")
    if kind == "denied":
        return kind, f"<html><head><title>Access Denied</title></head><body>{filler} errors.edgesuite.net</body></html>"
    if kind == "shopee_block":
        return kind, json.dumps({"error": 90309999, "action_type": 2, "tracking_id": filler, "items": None})
    if kind == "captcha_json":
        return kind, json.dumps({"code": 200, "captcha": {"url": "/verify?" + filler}, "data": json.loads(data)})
    return kind, (f"<!DOCTYPE html><html><head><script src=\"/static/app.{filler[:8]}.js\"></script></head>"
                  f"<body><div id=\"root\">{filler[:40]}</div></body></html>")


@settings(max_examples=80, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(marketplace=st.sampled_from(MARKETPLACES), page=refusal_pages())
def test_no_block_captcha_login_or_empty_shell_ever_yields_a_listing(
    marketplace: str, page: tuple[str, bytes | str]
) -> None:
    kind, body = page
    items, outcome = search(marketplace, body)
    assert items == [], (kind, outcome)
    if kind == "empty_shell":
        assert (outcome.status, outcome.reason) == ("layout_changed", EMPTY_SHELL_REASON)
    elif kind == "shopee_block" and marketplace != "shopee":
        # Shopee's own error code means little to another shop's parser: never results
        assert outcome.status in ("layout_changed", "blocked"), outcome
    else:
        assert outcome.status in ("blocked", "captcha"), (kind, outcome)


# ----- the fallback itself ----------------------------------------------------------------------


def test_product_like_needs_id_title_and_price_in_one_object() -> None:
    assert product_like({"id": 7, "name": "Blanko KTP", "price": "Rp50.000"}) == ("7", "Blanko KTP", 50000)
    assert product_like({"id": 7, "name": "Blanko KTP"}) is None  # a category, a shop, a badge
    assert product_like({"name": "Blanko KTP", "price": 5}) is None
    assert product_like({"id": 7, "name": "12345", "price": 5}) is None  # a code is not a title
    assert product_like({"id": True, "name": "Blanko KTP", "price": 5}) is None


def test_variants_inside_a_product_are_not_more_listings() -> None:
    doc = {"x": [{"itemid": 1, "name": "Blanko KTP el", "price": 1_500_000,
                  "models": [{"modelid": 11, "name": "Merah", "price": 1_500_000}]}]}
    items = degraded_listings(doc, marketplace="shopee", base_url="https://shopee.co.id", price_divisor=100_000)
    assert [(i.external_id, i.title, i.price) for i in items] == [("1", "Blanko KTP el", 15)]


def test_a_given_up_entry_names_its_exact_missing_path() -> None:
    body = PAGES["shopee"]([
        known_entry("shopee", 1, "Map Dokumen", {"price": 1000}, 0),
        {"itemid": 2, "shopid": 3, "item_basic": None},
        {"itemid": 4, "item_basic": {"itemid": 4, "name": ""}},
    ])
    items, outcome = search("shopee", body)
    assert [i.external_id for i in items] == ["1"]
    assert outcome.reason == "2 items skipped: missing items[1].item_basic, items[2].item_basic.name"
    body = PAGES["tokopedia"]([{"id": 5, "url": "/toko/produk"}])
    items, outcome = search("tokopedia", body)
    assert (items, outcome.status) == ([], "layout_changed")
    assert "data.searchProductV5.data.products[0].name" in outcome.reason


def test_a_card_is_read_as_a_full_listing_not_a_degraded_one() -> None:
    card = known_entry("shopee", 77, "Blanko KTP El Original", {"price": 250000}, 1)
    items, outcome = search("shopee", PAGES["shopee"]([card]))
    assert outcome.status == "ok"
    assert [(i.external_id, i.title, i.price, i.degraded) for i in items] == [
        ("77", "Blanko KTP El Original", 250000, False)]


# ----- prices as shops write them ---------------------------------------------------------------


def _dotted(n: int) -> str:
    return f"{n:,}".replace(",", ".")


@given(amount=st.integers(min_value=0, max_value=10**12), other=st.integers(min_value=0, max_value=10**12))
def test_rupiah_reads_every_way_a_shop_writes_an_amount(amount: int, other: int) -> None:
    assert rupiah(amount) == amount
    assert rupiah(f"Rp{_dotted(amount)}") == amount
    assert rupiah(f"Rp {_dotted(amount)},00") == amount
    assert rupiah(f"{amount:,}") == amount
    assert rupiah(f"{amount}.00") == amount
    assert rupiah(f"Rp{_dotted(amount)} - Rp{_dotted(other)}") == amount
    assert rupiah("harga nego") is None
