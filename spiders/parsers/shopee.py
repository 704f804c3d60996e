"""Shopee Indonesia page parsers: ``search_items`` (v4 and v2) and item detail.

Shapes (``shared/recorded/NOTES.md``; fixtures' SOURCE.txt):

* Search v4 — ``GET /api/v4/search/search_items?...`` answers ``{error, total_count,
  nomore, items: [{itemid, shopid, item_basic: {name, price (IDR x 100000), image,
  images[], shop_location, sold, historical_sold, ctime, shop_name?}}]}``
  (median314/ext-1688-single-product 2024 capture; ricodnr/shopbee). No results:
  ``items: null`` with ``total_count: 0``.
* Search v2 — the same item fields directly on ``items[]`` (adefirmanf/ecommerce-api 2020).
* Search card (2025-26, a growing share of items) — ``item_basic: null``; the product is
  split into ``item_card_displayed_asset {name, image, images[], shop_location,
  display_price{price}, sold_count{text}}`` and ``item_data {itemid, shopid,
  item_card_display_price{price (x 100000)}, item_card_display_sold_count
  {historical_sold_count, historical_sold_count_text}, shop_data{shop_name},
  item_rating, ctime}``; collection/microsite endpoints nest both under
  ``customised_item_card``, shop pages put ``item_card_display_price`` beside the
  asset. Public clients of 2025-26 document it (fixture ``search/card_2026`` SOURCE.txt).
* Any item the known shapes cannot read is walked by the shape-agnostic fallback
  (:mod:`spiders.parsers.fallback`); a listing without a shop id is kept without URL.
* Blocked — HTTP 200 ``{"error": 90309999, "action_type": 2, "tracking_id": ...}``
  (lthoangg/shopee-crawler#16/#17).
* Detail — ``/api/v2/item/get`` answers ``{"item": {..., description}, "error"}``
  (adefirmanf capture); ``/api/v4/item/get`` returns the same item object under
  ``data``; ``/api/v4/pdp/get_pc`` (2024-26) under ``data.item`` as ``{item_id, shop_id,
  title, description, shop_location}`` with the price in ``data.product_price.price
  {single_value, range_min}`` and the seller in ``data.shop_detailed{shopid, name, place}``.
  All three are read. Not found (the marketplace's own state): ``item``/``data`` null, or
  Shopee's "produk ini tidak ada" product page; a block is never a removal.

Listing URL: ``{web_base}/product/<shopid>/<itemid>``; images: answers name an
image id only, and the web client prefixes the marketplace's CDN
``https://down-id.img.susercontent.com/file/<image>``. The spider moves them to
the configured ``image_base_url`` when a deployment fetches that CDN elsewhere.
"""

from __future__ import annotations

import re
from dataclasses import replace
from typing import Any
from urllib.parse import parse_qs, urlparse

from spiders.items import ListingItem, PageOutcome
from spiders.parsers import never_raises
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
    sold_count,
    text_at,
    top_level_refusal,
    utc_from_epoch,
)

MARKETPLACE = "shopee"
REAL_IMAGE_CDN = "https://down-id.img.susercontent.com/file/"
BLOCK_ERROR = 90309999
#: Shopee's own "this product does not exist" page, on the visible text of a product page
NOT_FOUND_PAGE = re.compile(r"produk ini tidak ada|this product doesn.t exist|produk tidak ditemukan", re.I)
PRICE_SCALE = 100_000
DEFAULT_LIMIT = 60


def image_url(image: str, base_url: str) -> str:
    if not image:
        return ""
    if image.startswith(("http://", "https://")):
        return image
    return REAL_IMAGE_CDN + image


def _refusal(doc: dict[str, Any]) -> PageOutcome | None:
    error = doc.get("error")
    if error == BLOCK_ERROR or (doc.get("action_type") is not None and error):
        return PageOutcome(status="blocked", reason=f"Shopee anti-bot answer (error {error})")
    return None


def _load(
    body: bytes | str, not_found: re.Pattern[str] | None = None
) -> tuple[dict[str, Any] | None, PageOutcome | None]:
    try:
        doc = load_json(body)
    except JsonError as exc:
        reason = "HTML page instead of Shopee JSON" if looks_like_html(body) else str(exc)
        return None, classify_unusable(body, default_reason=reason, not_found=not_found)
    if not isinstance(doc, dict):
        return None, PageOutcome(status="layout_changed", reason="Shopee answer is not a JSON object")
    return doc, _refusal(doc) or top_level_refusal(doc)


def _price(basic: dict[str, Any]) -> int | None:
    raw = int_or_none(basic.get("price"))
    if raw is None:
        raw = int_or_none(basic.get("price_min"))
    return raw // PRICE_SCALE if raw is not None else None


def _card_fields(card: dict[str, Any], entry: dict[str, Any]) -> dict[str, Any]:
    """A card-shaped item (``item_data`` + ``item_card_displayed_asset``) in ``item_basic``'s field names."""
    data: dict[str, Any] = card["item_data"] if isinstance(card.get("item_data"), dict) else {}
    asset: dict[str, Any] = (
        card["item_card_displayed_asset"] if isinstance(card.get("item_card_displayed_asset"), dict) else {}
    )
    price = next(
        (p for p in (
            dig(data, "item_card_display_price", "price"),
            dig(card, "item_card_display_price", "price"),  # shop pages put it beside the asset
            dig(asset, "display_price", "price"),
        ) if int_or_none(p) is not None),
        None,
    )
    sold = dig(data, "item_card_display_sold_count", "historical_sold_count")
    if int_or_none(sold) is None:
        sold = sold_count(
            text_at(data, "item_card_display_sold_count", "historical_sold_count_text")
            or text_at(asset, "sold_count", "text")
        )
    return {
        "itemid": text_at(data, "itemid") or text_at(card, "itemid") or text_at(entry, "itemid"),
        "shopid": text_at(data, "shopid") or text_at(card, "shopid") or text_at(entry, "shopid"),
        "name": text_at(asset, "name"),
        "price": price,
        "image": text_at(asset, "image"),
        "images": asset.get("images"),
        "shop_location": text_at(asset, "shop_location"),
        "shop_name": text_at(data, "shop_data", "shop_name"),
        "historical_sold": sold,
        "ctime": data.get("ctime"),
    }


def _fields(entry: dict[str, Any], where: str) -> tuple[dict[str, Any], str]:
    """(item_basic-style fields, path prefix of the name) for every search item shape.

    v4 ``item_basic``; v2 fields on the entry itself; the 2025-26 card
    (``item_basic: null`` with ``item_data`` + ``item_card_displayed_asset``), also
    nested under ``customised_item_card``.
    """
    basic = entry.get("item_basic")
    if isinstance(basic, dict):
        return basic, f"{where}.item_basic"
    custom = entry.get("customised_item_card")
    card = custom if isinstance(custom, dict) else entry
    if "item_card_displayed_asset" in card or "item_data" in card:
        prefix = f"{where}.customised_item_card" if card is custom else where
        return _card_fields(card, entry), f"{prefix}.item_card_displayed_asset"
    if "item_basic" in entry and "name" not in entry:
        return {}, f"{where}.item_basic"
    return entry, where


def _item(entry: Any, base_url: str, query: str, where: str = "") -> ListingItem | str:
    """The listing in one search/detail item, or the JSON path that was missing."""
    if not isinstance(entry, dict):
        return where or "item"
    basic, prefix = _fields(entry, where)
    item_id = text_at(basic, "itemid") or text_at(entry, "itemid")
    shop_id = text_at(basic, "shopid") or text_at(entry, "shopid")
    name = text_at(basic, "name")
    if not basic:
        return prefix
    if not name:
        return missing_path(basic, prefix, ("name",))
    if not item_id:
        return f"{where}.itemid" if where else "itemid"
    images = [i for i in basic.get("images") or [] if isinstance(i, str)] or (
        [text_at(basic, "image")] if text_at(basic, "image") else []
    )
    sold = int_or_none(basic.get("historical_sold"))
    return ListingItem(
        marketplace=MARKETPLACE,
        external_id=item_id,
        url=item_url(shop_id, item_id, base_url),
        title=name,
        price=_price(basic),
        seller_id=shop_id,
        seller_name=text_at(basic, "shop_name"),
        seller_url=f"{base_url.rstrip('/')}/shop/{shop_id}" if shop_id else "",
        seller_city=text_at(basic, "shop_location"),
        image_urls=[image_url(i, base_url) for i in images],
        sold_count=sold if sold is not None else int_or_none(basic.get("sold")),
        listed_at=utc_from_epoch(basic.get("ctime")),
        query=query,
        raw=entry,
    )


def item_url(shop_id: str, item_id: str, base_url: str) -> str:
    """Shopee's listing URL ``{web}/product/<shopid>/<itemid>``; "" without a shop id (kept, not dropped)."""
    return f"{base_url.rstrip('/')}/product/{shop_id}/{item_id}" if shop_id and item_id else ""


def _fallback_url(base_url: str) -> Any:
    def url_for(item_id: str, _title: str, obj: dict[str, Any]) -> str:
        return item_url(text_at(obj, "shopid") or text_at(obj, "shop_id"), item_id, base_url)
    return url_for


def _next_offset(url: str, count: int) -> int:
    params = parse_qs(urlparse(url).query)
    newest = int_or_none((params.get("newest") or ["0"])[0]) or 0
    limit = int_or_none((params.get("limit") or [str(DEFAULT_LIMIT)])[0]) or DEFAULT_LIMIT
    return newest + max(limit, count)


@never_raises([])
def parse_search(
    body: bytes | str, *, url: str, base_url: str, query: str = ""
) -> tuple[list[ListingItem], PageOutcome]:
    """Listings on one Shopee ``search_items`` answer."""
    doc, problem = _load(body)
    if doc is None or problem is not None:
        return [], problem or PageOutcome(status="layout_changed", reason="unreadable")
    total = int_or_none(doc.get("total_count"))
    if "items" not in doc:
        return _rescue(doc, "search answer has no items key", base_url, query)
    entries = doc["items"]
    if entries is None or entries == []:
        if doc.get("error") not in (None, 0):
            return [], PageOutcome(status="layout_changed", reason=f"error {doc.get('error')} and no items")
        return [], PageOutcome(status="empty", reason="no items", total=total)
    if not isinstance(entries, list):
        return _rescue(doc, "items is not a list", base_url, query)
    items, missing = read_entries(
        entries, lambda entry, where: _item(entry, base_url, query, where),
        path="items", marketplace=MARKETPLACE, base_url=base_url, query=query,
        url_for=_fallback_url(base_url), price_divisor=PRICE_SCALE,
    )
    nomore = doc.get("nomore")
    has_next = bool(items) and (not nomore if isinstance(nomore, bool) else len(entries) >= DEFAULT_LIMIT)
    outcome = PageOutcome(
        status="ok", total=total, has_next=has_next,
        next_token=str(_next_offset(url, len(entries))) if has_next else None,
    )
    if not items and missing:
        return _rescue(doc, f"{len(missing)} items unreadable: missing {', '.join(missing[:3])}", base_url, query)
    return finish_search(items, missing, outcome, what="items")


def _rescue(doc: dict[str, Any], why: str, base_url: str, query: str) -> tuple[list[ListingItem], PageOutcome]:
    return rescue(
        doc, why=why, marketplace=MARKETPLACE, base_url=base_url, query=query,
        url_for=_fallback_url(base_url), price_divisor=PRICE_SCALE,
    )


def _detail_object(doc: dict[str, Any]) -> tuple[str, Any]:
    """(where, object) of the item in a v2 item/get, v4 item/get or pdp/get_pc answer."""
    if "item" in doc:
        return "item", doc["item"]
    data = doc.get("data")
    if isinstance(data, dict) and isinstance(data.get("item"), dict):
        return "data.item", data["item"]
    if "data" in doc:
        return "data", data
    return "", None


def _pdp_fields(obj: dict[str, Any], doc: dict[str, Any]) -> dict[str, Any]:
    """A ``pdp/get_pc`` item (``item_id``, ``shop_id``, ``title``; price in ``data.product_price``)
    in ``item_basic``'s field names."""
    price = next(
        (p for p in (
            dig(doc, "data", "product_price", "price", "single_value"),
            dig(doc, "data", "product_price", "price", "range_min"),
            obj.get("price"),
        ) if (int_or_none(p) or 0) > 0),
        None,
    )
    return {
        **obj,
        "itemid": text_at(obj, "item_id") or text_at(obj, "itemid"),
        "shopid": text_at(obj, "shop_id") or text_at(obj, "shopid"),
        "name": text_at(obj, "title"),
        "price": price,
        "shop_location": text_at(obj, "shop_location") or text_at(doc, "data", "shop_detailed", "place"),
    }


@never_raises(None)
def parse_detail(
    body: bytes | str, *, url: str, base_url: str, item: ListingItem | None = None
) -> tuple[ListingItem | None, PageOutcome]:
    """The full listing (description included) from a Shopee item answer, merged over ``item``."""
    doc, problem = _load(body, NOT_FOUND_PAGE)
    if doc is None or problem is not None:
        return None, problem or PageOutcome(status="layout_changed", reason="unreadable")
    where, obj = _detail_object(doc)
    if not where:
        return degraded_detail(doc, item, why="no item/data in detail answer")
    if obj is None:
        return None, PageOutcome(status="not_found", reason=f"{where} is null (item removed)")
    fields = _pdp_fields(obj, doc) if isinstance(obj, dict) and "name" not in obj and "title" in obj else obj
    found = _item(fields, base_url, item.query if item else "", where)
    if isinstance(found, str) or not isinstance(obj, dict):
        return degraded_detail(doc, item, why=f"missing {found}")
    shop = dig(doc, "data", "shop_detailed") or {}
    description = obj.get("description")
    base = item or found
    merged = replace(
        base,
        title=found.title or base.title,
        description=description.strip() if isinstance(description, str) else base.description,
        price=found.price if found.price is not None else base.price,
        seller_name=text_at(shop, "name") or found.seller_name or base.seller_name,
        seller_city=found.seller_city or text_at(shop, "shop_location") or base.seller_city,
        image_urls=found.image_urls or list(base.image_urls),
        sold_count=found.sold_count if found.sold_count is not None else base.sold_count,
        listed_at=found.listed_at or base.listed_at,
        raw={**base.raw, "detail": obj} if item else obj,
        exchanges=list(base.exchanges),
    )
    return merged, PageOutcome(status="ok")
