"""Shopee Indonesia page parsers: ``search_items`` (v4 and v2) and item detail.

Shapes (``shared/recorded/NOTES.md``; fixtures' SOURCE.txt):

* Search v4 — ``GET /api/v4/search/search_items?...`` answers ``{error, total_count,
  nomore, items: [{itemid, shopid, item_basic: {name, price (IDR x 100000), image,
  images[], shop_location, sold, historical_sold, ctime, shop_name?}}]}``
  (median314/ext-1688-single-product 2024 capture; ricodnr/shopbee). No results:
  ``items: null`` with ``total_count: 0``.
* Search v2 — the same item fields directly on ``items[]`` (adefirmanf/ecommerce-api 2020).
* Blocked — HTTP 200 ``{"error": 90309999, "action_type": 2, "tracking_id": ...}``
  (lthoangg/shopee-crawler#16/#17).
* Detail — ``/api/v2/item/get`` answers ``{"item": {..., description}, "error"}``
  (adefirmanf capture); ``/api/v4/item/get`` returns the same item object under
  ``data``; ``/api/v4/pdp/get_pc`` under ``data.item`` with ``data.shop_detailed``.
  All three are read. A removed item answers ``item``/``data`` null.

Listing URL: ``{web_base}/product/<shopid>/<itemid>``; images: answers name an
image id only, and the web client prefixes the shop's CDN
``https://down-id.img.susercontent.com/file/<image>``. The spider moves them to
the configured ``image_base_url`` when a deployment fetches that CDN elsewhere.
"""

from __future__ import annotations

from dataclasses import replace
from typing import Any
from urllib.parse import parse_qs, urlparse

from crawler.items import ListingItem, PageOutcome
from spiders.parsers import never_raises
from spiders.parsers.page_signals import (
    JsonError,
    classify_unusable,
    dig,
    finish_search,
    int_or_none,
    load_json,
    looks_like_html,
    text_at,
    utc_from_epoch,
)

MARKETPLACE = "shopee"
REAL_IMAGE_CDN = "https://down-id.img.susercontent.com/file/"
BLOCK_ERROR = 90309999
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


def _load(body: bytes | str) -> tuple[dict[str, Any] | None, PageOutcome | None]:
    try:
        doc = load_json(body)
    except JsonError as exc:
        if looks_like_html(body):
            return None, classify_unusable(body, default_reason="HTML page instead of Shopee JSON")
        return None, classify_unusable(body, default_reason=str(exc))
    if not isinstance(doc, dict):
        return None, PageOutcome(status="layout_changed", reason="Shopee answer is not a JSON object")
    return doc, _refusal(doc)


def _price(basic: dict[str, Any]) -> int | None:
    raw = int_or_none(basic.get("price"))
    if raw is None:
        raw = int_or_none(basic.get("price_min"))
    return raw // PRICE_SCALE if raw is not None else None


def _item(entry: Any, base_url: str, query: str) -> ListingItem | None:
    if not isinstance(entry, dict):
        return None
    nested = entry.get("item_basic")
    basic: dict[str, Any] = nested if isinstance(nested, dict) else entry
    item_id = text_at(basic, "itemid") or text_at(entry, "itemid")
    shop_id = text_at(basic, "shopid") or text_at(entry, "shopid")
    name = text_at(basic, "name")
    if not item_id or not shop_id or not name:
        return None
    images = [i for i in basic.get("images") or [] if isinstance(i, str)] or (
        [text_at(basic, "image")] if text_at(basic, "image") else []
    )
    sold = int_or_none(basic.get("historical_sold"))
    return ListingItem(
        marketplace=MARKETPLACE,
        external_id=item_id,
        url=f"{base_url.rstrip('/')}/product/{shop_id}/{item_id}",
        title=name,
        price=_price(basic),
        seller_id=shop_id,
        seller_name=text_at(basic, "shop_name"),
        seller_url=f"{base_url.rstrip('/')}/shop/{shop_id}",
        seller_city=text_at(basic, "shop_location"),
        image_urls=[image_url(i, base_url) for i in images],
        sold_count=sold if sold is not None else int_or_none(basic.get("sold")),
        listed_at=utc_from_epoch(basic.get("ctime")),
        query=query,
        raw=entry,
    )


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
        return [], PageOutcome(status="layout_changed", reason="search answer has no items key")
    entries = doc["items"]
    if entries is None or entries == []:
        if doc.get("error") not in (None, 0):
            return [], PageOutcome(status="layout_changed", reason=f"error {doc.get('error')} and no items")
        return [], PageOutcome(status="empty", reason="no items", total=total)
    if not isinstance(entries, list):
        return [], PageOutcome(status="layout_changed", reason="items is not a list")
    items: list[ListingItem] = []
    skipped = 0
    for entry in entries:
        item = _item(entry, base_url, query)
        if item is None:
            skipped += 1
        else:
            items.append(item)
    nomore = doc.get("nomore")
    has_next = bool(items) and (not nomore if isinstance(nomore, bool) else len(entries) >= DEFAULT_LIMIT)
    outcome = PageOutcome(
        status="ok", total=total, has_next=has_next,
        next_token=str(_next_offset(url, len(entries))) if has_next else None,
    )
    return finish_search(items, skipped, outcome, what="items")


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


@never_raises(None)
def parse_detail(
    body: bytes | str, *, url: str, base_url: str, item: ListingItem | None = None
) -> tuple[ListingItem | None, PageOutcome]:
    """The full listing (description included) from a Shopee item answer, merged over ``item``."""
    doc, problem = _load(body)
    if doc is None or problem is not None:
        return None, problem or PageOutcome(status="layout_changed", reason="unreadable")
    where, obj = _detail_object(doc)
    if not where:
        return None, PageOutcome(status="layout_changed", reason="no item/data in detail answer")
    if obj is None:
        return None, PageOutcome(status="not_found", reason=f"{where} is null (item removed)")
    found = _item(obj, base_url, item.query if item else "")
    if found is None or not isinstance(obj, dict):
        return None, PageOutcome(status="layout_changed", reason=f"{where} lacks itemid/shopid/name")
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
