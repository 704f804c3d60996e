"""Tokopedia page parsers: GraphQL search (SearchProductV5Query and ace_search_product_v4) and PDP layout.

Shapes (see ``/work/shared/recorded/NOTES.md`` and ``tests/fixtures/tokopedia/*/SOURCE.txt``):

* Search V5 — ``POST gql.tokopedia.com/graphql/SearchProductV5Query`` answers
  ``[{"data": {"searchProductV5": {"header": {totalData, responseCode,
  additionalParams}, "data": {"products": [{id, name, url, mediaURL{image,
  image300, image700}, shop{id, name, url, city}, price{text, number},
  labelGroups[], stock{sold}}]}}}}]`` (hilmiazizi/tokopaedi search.py;
  gurunsetiawan2017-crypto/pricealert testdata). The next page merges
  ``header.additionalParams`` into the request params.
* Search V4 — ``ace_search_product_v4{header, data{products[{id, name, url,
  imageUrl, price "Rp5.719.000", shop{shopId, name, url, city}, labelGroups}]}}``
  (roniwahyu/shopee-dataset 2024 capture; appvidlab/tokopedia-api README).
  Sold counts exist only as text in ``labelGroups[position=integrity]``.
* CategoryProducts (2023, AceSearchProduct) — ``data.CategoryProducts{count, data[{id,
  name, url, price "Rp12.000", priceInt, imageUrlLarge, gaKey, shop{id, url, name,
  location}}]}`` (median314/ext-1688-single-product capture).
* Variants every reader accepts: no ``url`` (derived from ``gaKey``, else the listing
  is kept without URL — see :func:`product_url`), ``price{text, original}`` without
  ``number``, ``price`` as a plain or range string, ``imageUrl`` for ``mediaURL``,
  ``shop.shopId``/``shop.location`` for ``shop.id``/``shop.city``. An entry none of
  this reads is walked by the shape-agnostic fallback; the page names the exact
  JSON path that was missing.
* Detail — ``POST gql.tokopedia.com/graphql/PDPGetLayoutQuery`` answers
  ``[{"data": {"pdpGetLayout": {basicInfo{id, shopID, shopName, url, createdAt,
  txStats{countSold}}, components[{name, data[]}]}}}]``; the description is the
  ``subtitle`` of the ``"Deskripsi"`` row in the ``product_detail`` component,
  the title and price are in ``product_content``, photos in ``product_media``
  (appvidlab/tokopedia-api README "Product Detail", which passes the
  ``pdpGetLayout`` object through as ``results``). A removed product answers
  ``pdpGetLayout: null`` with a GraphQL error.
"""

from __future__ import annotations

import re
from dataclasses import replace
from typing import Any
from urllib.parse import urlparse

from spiders.items import ListingItem, PageOutcome
from spiders.parsers import canonical_url, never_raises
from spiders.parsers.fallback import degraded_detail, read_entries, rescue
from spiders.parsers.page_signals import (
    JsonError,
    classify_unusable,
    dig,
    finish_search,
    int_or_none,
    load_json,
    looks_like_html,
    missing_path,
    rupiah,
    sold_count,
    text_at,
    top_level_refusal,
    utc_from_iso,
)

MARKETPLACE = "tokopedia"
SEARCH_FIELDS = ("searchProductV5", "ace_search_product_v4")
#: Tokopedia's own removed-product page, on the visible text of a product page
NOT_FOUND_PAGE = re.compile(
    r"produk tidak ditemukan|produk ini sudah tidak tersedia|halaman ini tidak ditemukan", re.I
)
_NOT_FOUND = re.compile(r"not found|tidak ditemukan|does not exist|sudah dihapus", re.I)
_BLOCK_WORDS = ("too many", "rate limit", "forbidden", "denied", "unauthori", "blocked")


def _envelope(doc: Any) -> Any:
    """GraphQL answers are a one-element list when the request was a batch (as Tokopedia's are)."""
    if isinstance(doc, list) and doc:
        return doc[0]
    return doc


def _graphql_errors(doc: Any) -> PageOutcome | None:
    errors = dig(doc, "errors")
    if not isinstance(errors, list) or not errors:
        return None
    message = " ".join(text_at(e, "message") for e in errors if isinstance(e, dict))[:200]
    if any(word in message.lower() for word in _BLOCK_WORDS):
        return PageOutcome(status="blocked", reason=f"GraphQL error: {message}")
    return None


def _says_not_found(doc: Any) -> bool:
    """A GraphQL error whose message says the product does not exist (Tokopedia's removed-product answer)."""
    errors = dig(doc, "errors")
    return isinstance(errors, list) and any(
        _NOT_FOUND.search(text_at(e, "message")) for e in errors if isinstance(e, dict)
    )


def _unusable(body: bytes | str, reason: str, not_found: re.Pattern[str] | None = None) -> PageOutcome:
    if looks_like_html(body):
        reason = "HTML page instead of GraphQL JSON"
    return classify_unusable(body, default_reason=reason, not_found=not_found)


def _sold(product: dict[str, Any]) -> int | None:
    sold = int_or_none(dig(product, "stock", "sold"))
    if sold is not None:
        return sold
    for label in dig(product, "labelGroups") or []:
        if text_at(label, "position") == "integrity":
            return sold_count(text_at(label, "title"))
    return None


def _price(product: dict[str, Any]) -> int | None:
    """Price of every shape seen: ``price{number}``, ``price{text, original}`` without number,
    a plain ``"Rp5.719.000"`` string, or ``priceInt`` beside a text price (CategoryProducts)."""
    price = product.get("price")
    if isinstance(price, dict):
        for key in ("number", "value", "text", "original"):
            amount = rupiah(price.get(key))
            if amount is not None and not isinstance(price.get(key), bool):
                return amount
        return None
    amount = int_or_none(product.get("priceInt"))
    return amount if amount is not None else rupiah(price)


def _shop_home(shop: dict[str, Any], base_url: str) -> str:
    """The shop's page: its ``url``/``uri``, else ``{web}/<domain>`` from its ``domain``."""
    link = text_at(shop, "url") or text_at(shop, "uri")
    if link:
        return canonical_url(link, base_url)
    domain = text_at(shop, "domain")
    return f"{base_url.rstrip('/')}/{domain}" if domain else ""


def product_url(product: dict[str, Any], base_url: str) -> str:
    """The listing URL as Tokopedia writes it, ``{web}/<shop domain>/<product slug>``, or "".

    From ``url``, else ``relative_uri`` (TopAds), else the last two segments of
    ``gaKey`` (``/searchproduct/<category…>/<query>/<shop domain>/<slug>``), which
    equal the product URL's path in every one of 300 recorded products (2023-24).
    A slug made from the name is NOT used: it matches the real one in only 105 of
    those 300 (Tokopedia appends variant words and ids), and a wrong URL would
    later read as a removed listing.
    """
    link = text_at(product, "url") or text_at(product, "relative_uri")
    if link:
        return canonical_url(link if "://" in link or link.startswith("/") else "/" + link, base_url)
    segments = [s for s in text_at(product, "gaKey").split("/") if s]
    if len(segments) >= 3:
        return f"{base_url.rstrip('/')}/{segments[-2]}/{segments[-1]}"
    return ""


def _search_item(product: Any, base_url: str, query: str, where: str) -> ListingItem | str:
    """One search product as a listing, or the JSON path that was missing."""
    if not isinstance(product, dict):
        return where
    name = text_at(product, "name")
    url = product_url(product, base_url)
    external_id = text_at(product, "id") or urlparse(url).path.strip("/")
    if not name:
        return missing_path(product, where, ("name",))
    if not external_id:
        return f"{where}.id"
    shop = dig(product, "shop") if isinstance(dig(product, "shop"), dict) else {}
    image = (
        text_at(product, "mediaURL", "image700") or text_at(product, "mediaURL", "image")
        or text_at(product, "imageUrlLarge") or text_at(product, "imageUrl")
        or text_at(product, "image", "m_url")
    )
    return ListingItem(
        marketplace=MARKETPLACE,
        external_id=external_id,
        url=url,
        title=name,
        price=_price(product),
        seller_id=text_at(shop, "id") or text_at(shop, "shopId"),
        seller_name=text_at(shop, "name"),
        seller_url=_shop_home(shop, base_url),
        seller_city=text_at(shop, "city") or text_at(shop, "location"),
        image_urls=[image] if image else [],
        sold_count=_sold(product),
        query=query,
        raw=product,
    )


def _products(doc: Any) -> tuple[list[Any] | None, dict[str, Any], str, str]:
    """(products, header, JSON path of the list, why not found) across the search fields.

    ``searchProductV5`` / ``ace_search_product_v4`` keep them at ``data.products``;
    the older ``CategoryProducts`` (AceSearchProduct) at ``data`` itself.
    """
    for field in SEARCH_FIELDS:
        result = dig(doc, "data", field)
        if isinstance(result, dict):
            products = dig(result, "data", "products")
            path = f"data.{field}.data.products"
            if isinstance(products, list):
                return products, dig(result, "header") or {}, path, ""
            return None, {}, path, f"{missing_path(result, f'data.{field}', ('data', 'products'))} is not a list"
    legacy = dig(doc, "data", "CategoryProducts")
    if isinstance(dig(legacy, "data"), list):
        return legacy["data"], {"totalData": dig(legacy, "count")}, "data.CategoryProducts.data", ""
    return None, {}, "", "no searchProductV5 / ace_search_product_v4 / CategoryProducts in data"


def _rescue(doc: Any, why: str, base_url: str, query: str) -> tuple[list[ListingItem], PageOutcome]:
    return rescue(
        doc, why=why, marketplace=MARKETPLACE, base_url=base_url, query=query,
        url_for=lambda _id, _title, obj: product_url(obj, base_url),
    )


@never_raises([])
def parse_search(
    body: bytes | str, *, url: str, base_url: str, query: str = ""
) -> tuple[list[ListingItem], PageOutcome]:
    """Listings on one Tokopedia search answer (V5 or V4 shape)."""
    try:
        doc = _envelope(load_json(body))
    except JsonError as exc:
        return [], _unusable(body, str(exc))
    errors = _graphql_errors(doc) or top_level_refusal(doc)
    if errors:
        return [], errors
    products, header, path, why = _products(doc)
    if products is None:
        return _rescue(doc, why, base_url, query)
    total = int_or_none(dig(header, "totalData"))
    if not products:
        return [], PageOutcome(status="empty", reason="no products", total=total)
    items, missing = read_entries(
        products, lambda product, where: _search_item(product, base_url, query, where),
        path=path, marketplace=MARKETPLACE, base_url=base_url, query=query,
        url_for=lambda _id, _title, obj: product_url(obj, base_url),
    )
    if not items:
        return _rescue(doc, f"{len(missing)} products unreadable: missing {', '.join(missing[:3])}", base_url, query)
    additional = text_at(header, "additionalParams")
    outcome = PageOutcome(
        status="ok", total=total, has_next=bool(items) and (total is None or total > 0),
        next_token=additional or None,
    )
    return finish_search(items, missing, outcome, what="products")


def _component(components: list[Any], name: str) -> dict[str, Any]:
    for component in components:
        if isinstance(component, dict) and component.get("name") == name:
            data = component.get("data")
            if isinstance(data, list) and data and isinstance(data[0], dict):
                return data[0]
    return {}


def _description(detail: dict[str, Any]) -> str:
    for row in dig(detail, "content") or []:
        if text_at(row, "title").lower() in ("deskripsi", "description"):
            value = dig(row, "subtitle")
            return value.strip() if isinstance(value, str) else ""
    return ""


@never_raises(None)
def parse_detail(
    body: bytes | str, *, url: str, base_url: str, item: ListingItem | None = None
) -> tuple[ListingItem | None, PageOutcome]:
    """One product from a PDPGetLayoutQuery answer, merged over the search ``item`` when given."""
    try:
        doc = _envelope(load_json(body))
    except JsonError as exc:
        return None, _unusable(body, str(exc), NOT_FOUND_PAGE)
    errors = _graphql_errors(doc) or top_level_refusal(doc)
    if errors:
        return None, errors
    data = dig(doc, "data")
    if not isinstance(dig(data, "pdpGetLayout"), dict) and _says_not_found(doc):
        return None, PageOutcome(status="not_found", reason="GraphQL error: product not found")
    if isinstance(data, dict) and "pdpGetLayout" in data and data["pdpGetLayout"] is None:
        return None, PageOutcome(status="not_found", reason="pdpGetLayout is null (product removed)")
    layout = dig(data, "pdpGetLayout")
    basic = dig(layout, "basicInfo")
    components = dig(layout, "components")
    if not isinstance(basic, dict) or not isinstance(components, list):
        return degraded_detail(doc, item, why="no pdpGetLayout.basicInfo/components")
    if text_at(basic, "status").upper() in ("DELETED", "BANNED", "REMOVED"):
        return None, PageOutcome(status="not_found", reason=f"product status {text_at(basic, 'status')}")
    content = _component(components, "product_content")
    detail = _component(components, "product_detail")
    media = _component(components, "product_media")
    images = [
        text_at(m, "urlOriginal") for m in dig(media, "media") or []
        if text_at(m, "type") == "image" and text_at(m, "urlOriginal")
    ]
    page_url = text_at(basic, "url")
    base = item or ListingItem(
        marketplace=MARKETPLACE, external_id=text_at(basic, "id"),
        url=canonical_url(page_url, base_url), title="",
    )
    merged = replace(
        base,
        title=text_at(content, "name") or base.title,
        description=_description(detail) or base.description,
        price=int_or_none(dig(content, "price", "value")) or base.price,
        seller_id=text_at(basic, "shopID") or base.seller_id,
        seller_name=text_at(basic, "shopName") or base.seller_name,
        image_urls=images or list(base.image_urls),
        sold_count=int_or_none(dig(basic, "txStats", "countSold")) or base.sold_count,
        listed_at=utc_from_iso(dig(basic, "createdAt")) or base.listed_at,
        raw={**base.raw, "pdpGetLayout": {"basicInfo": basic}},
        exchanges=list(base.exchanges),
    )
    if not merged.title:
        return None, PageOutcome(status="layout_changed", reason="product has no name")
    return merged, PageOutcome(status="ok")
