"""The shape-agnostic fallback: listings from a search answer whose known layout no longer fits.

Marketplaces change their answers without notice (Shopee's card shape, Tokopedia's
renamed fields). A parser that only knows the old paths then reads nothing,
and a marketplace that sells blank e-KTP cards looks clean until someone rewrites the
parser. The fallback walks the whole JSON answer for *product-like* objects —
one object holding an id, a name/title and a price — and turns each into a bare
listing marked ``degraded``: the matchers still see its title, the alert still
opens, and the ``degraded`` count tells the operator the parser needs work.

It runs only after the parser has ruled out a refusal: :func:`rescue` checks
the answer's envelope (:func:`page_signals.top_level_refusal`) first, so a
captcha, login wall or block is never read as results, degraded or not.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterator
from dataclasses import replace
from typing import Any

from spiders.items import ListingItem, PageOutcome
from spiders.parsers import canonical_url
from spiders.parsers.page_signals import (
    html_to_text,
    missing_path,
    rupiah,
    text_at,
    top_level_refusal,
    walk_dicts,
)

#: Most objects the walk looks at (hostile answers stay cheap)
WALK_LIMIT = 200_000

#: Keys a shop names a listing's id with, most specific first
ID_KEYS = (
    "itemid", "item_id", "itemId", "product_id", "productId", "listing_id", "listingId",
    "ad_id", "adId", "nid", "sku", "id",
)
#: Renamed id keys: ``<thing>id`` / ``<thing>_id`` of a sellable thing (``goodsId``, ``offer_id``)
ID_KEY = re.compile(r"^(item|product|listing|ad|goods|offer|sku|post)_?id$", re.I)
#: Keys a shop names a listing's title with
TITLE_KEYS = (
    "name", "title", "product_name", "productName", "item_name", "itemName",
    "marketplace_listing_title", "displayName", "display_name",
)
#: Renamed title keys: any ``…title`` (``ad_title``, ``listing_title``, ``itemTitle``) but a
#: subtitle, and ``<sellable thing>name`` (``goodsName``); never a seller shop's, brand's or city's name
TITLE_KEY = re.compile(r"^(?!.*sub_?title$).*title$|^(item|product|listing|ad|goods|offer)_?name$", re.I)
#: Keys of a link to the listing
URL_KEYS = ("url", "productUrl", "itemUrl", "product_url", "item_url", "link", "href", "permalink")
#: Renamed link keys (``itemLink``, ``detailUrl``, ``listing_uri``); never an image's, shop's or seller's
URL_KEY = re.compile(r"^(product|item|listing|ad|detail|goods|offer|canonical|web|page)_?(url|link|href|uri)$", re.I)
#: Keys of a picture of the listing
IMAGE_KEYS = ("image", "imageUrl", "image_url", "img", "thumbnail", "mainImage", "photo")
#: Keys inside a price object that hold the amount (number first, display text last)
PRICE_VALUE_KEYS = (
    "number", "value", "amount", "raw", "price", "single_value", "minPrice", "min",
    "salePrice", "text", "priceDisplay", "formatted_amount", "display",
)
#: Keys of the seller's id and name beside a listing (or inside its ``shop``/``seller`` object)
SELLER_ID_KEYS = ("shopid", "shop_id", "shopId", "sellerId", "seller_id", "merchantCode", "merchant_id", "user_id")
SELLER_NAME_KEYS = ("shop_name", "shopName", "sellerName", "seller_name", "merchantName", "merchant_name")
SELLER_OBJECT_KEYS = ("shop", "seller", "merchant", "store", "shop_data")
#: Keys of a listing's own text
DESCRIPTION_KEYS = ("description", "desc", "productDescription", "product_description", "details")
#: Fewest letters a title needs: ids and codes are not titles
MIN_TITLE_LETTERS = 2

UrlRule = Callable[[str, str, dict[str, Any]], str]


def _scalar_id(value: Any) -> str:
    if isinstance(value, bool) or not isinstance(value, (str, int)):
        return ""
    text = str(value).strip()
    return text if 0 < len(text) <= 64 else ""


def _keys(obj: dict[str, Any], exact: tuple[str, ...], pattern: re.Pattern[str]) -> list[str]:
    """``obj``'s keys that name a field: the known names in order, then renamed ones matching ``pattern``."""
    renamed = [k for k in obj if isinstance(k, str) and k not in exact and pattern.match(k)]
    return [k for k in exact if k in obj] + sorted(renamed)


def _title(obj: dict[str, Any]) -> str:
    for key in _keys(obj, TITLE_KEYS, TITLE_KEY):
        value = obj.get(key)
        if isinstance(value, str) and sum(c.isalpha() for c in value) >= MIN_TITLE_LETTERS:
            return value.strip()
    return ""


def _price_value(value: Any, depth: int = 0) -> int | None:
    if isinstance(value, dict) and depth < 2:
        for key in PRICE_VALUE_KEYS:
            if key in value:
                found = _price_value(value[key], depth + 1)
                if found is not None:
                    return found
        return None
    if isinstance(value, str) and not any(c.isdigit() for c in value):
        return None
    return rupiah(value)


def _price(obj: dict[str, Any]) -> tuple[bool, int | None]:
    """(has a price field, its amount): a product offers a price, even one we cannot read."""
    keys = [k for k in obj if isinstance(k, str) and "price" in k.lower()]
    keys.sort(key=lambda k: (k.lower() != "price", len(k)))
    for key in keys:
        amount = _price_value(obj[key])
        if amount is not None:
            return True, amount
    return bool(keys), None


def product_like(obj: dict[str, Any]) -> tuple[str, str, int | None] | None:
    """(id, title, price) when one object holds all three, else None."""
    title = _title(obj)
    if not title:
        return None
    has_price, price = _price(obj)
    if not has_price:
        return None
    for key in _keys(obj, ID_KEYS, ID_KEY):
        found = _scalar_id(obj.get(key))
        if found:
            return found, title, price
    return None


def product_objects(doc: Any) -> Iterator[tuple[dict[str, Any], tuple[str, str, int | None]]]:
    """Product-like objects in ``doc``, breadth first, without looking inside one found.

    A product's own variants and models (``models[]``, ``tier_variations``) are
    parts of it, not more listings, so the walk stops at the first product-like
    object on each branch. No recursion: hostile nesting is safe.
    """
    products: set[int] = set()
    for obj in walk_dicts(doc, limit=WALK_LIMIT, stop_at=lambda seen: id(seen) in products):
        found = product_like(obj)
        if found is not None:
            products.add(id(obj))
            yield obj, found


def _first_text(obj: dict[str, Any], keys: tuple[str, ...]) -> str:
    for key in keys:
        value = obj.get(key)
        if isinstance(value, str) and value.strip():
            return value.strip()
    return ""


def _seller(obj: dict[str, Any]) -> tuple[str, str]:
    """(seller id, seller name) beside the listing or in its ``shop``/``seller`` object."""
    seller_id = next((i for i in (_scalar_id(obj.get(k)) for k in SELLER_ID_KEYS) if i), "")
    name = _first_text(obj, SELLER_NAME_KEYS)
    for key in SELLER_OBJECT_KEYS:
        inner = obj.get(key)
        if isinstance(inner, dict):
            seller_id = seller_id or _scalar_id(inner.get("id")) or next(
                (i for i in (_scalar_id(inner.get(k)) for k in SELLER_ID_KEYS) if i), "")
            name = name or _first_text(inner, ("name", *SELLER_NAME_KEYS))
    return seller_id, name


def description_of(obj: dict[str, Any]) -> str:
    """A listing's own text: a description string (HTML read as text) or a list of lines."""
    for key in DESCRIPTION_KEYS:
        value = obj.get(key)
        if isinstance(value, list):
            value = "\n".join(v for v in value if isinstance(v, str))
        if isinstance(value, str) and value.strip():
            return html_to_text(value) if "<" in value else value.strip()
    return ""


def _listing_url(obj: dict[str, Any], item_id: str, title: str, base_url: str, url_for: UrlRule | None) -> str:
    link = _first_text(obj, tuple(_keys(obj, URL_KEYS, URL_KEY)))
    if link.startswith(("http://", "https://", "//", "/")):
        return canonical_url(link, base_url)
    return url_for(item_id, title, obj) if url_for is not None else ""


def degraded_listings(
    doc: Any,
    *,
    marketplace: str,
    base_url: str,
    query: str = "",
    url_for: UrlRule | None = None,
    price_divisor: int = 1,
) -> list[ListingItem]:
    """Every product-like object in ``doc`` (breadth first, first of each id) as a degraded listing.

    ``url_for(id, title, obj)`` is the marketplace's own rule for a listing URL when the
    object carries no link; ``price_divisor`` undoes a marketplace's fixed price scale
    (Shopee's × 100000).
    """
    items: list[ListingItem] = []
    seen: set[str] = set()
    for obj, found in product_objects(doc):
        if found[0] in seen:
            continue
        item_id, title, price = found
        seen.add(item_id)
        image = _first_text(obj, IMAGE_KEYS)
        seller_id, seller_name = _seller(obj)
        items.append(ListingItem(
            marketplace=marketplace,
            external_id=item_id,
            url=_listing_url(obj, item_id, title, base_url, url_for),
            title=title,
            description=description_of(obj),
            seller_id=seller_id,
            seller_name=seller_name,
            price=price // price_divisor if price is not None and price_divisor > 1 else price,
            image_urls=[image] if image.startswith(("http://", "https://")) else [],
            query=query,
            raw=obj,
            degraded=True,
        ))
    return items


def rescue(
    doc: Any,
    *,
    why: str,
    marketplace: str,
    base_url: str,
    query: str = "",
    url_for: UrlRule | None = None,
    price_divisor: int = 1,
    paged: bool = True,
) -> tuple[list[ListingItem], PageOutcome]:
    """What a search parser returns when its known paths failed on a parsed JSON answer.

    A refusal in the answer's envelope wins; else the degraded listings, if any
    (status ``degraded``, reason naming ``why`` the known layout failed); else
    ``layout_changed`` with ``why``. ``paged``: the marketplace's next page is asked by
    number (the spider builds it without a token), so a degraded page that found
    listings says there may be a next one; the spider stops at the first page
    without any (or at ``max_pages``). Cursor-paged marketplaces pass False.
    """
    refused = top_level_refusal(doc)
    if refused is not None:
        return [], refused
    items = degraded_listings(
        doc, marketplace=marketplace, base_url=base_url, query=query,
        url_for=url_for, price_divisor=price_divisor,
    )
    if not items:
        return [], PageOutcome(status="layout_changed", reason=why)
    return items, PageOutcome(
        status="degraded",
        reason=f"{why}; {len(items)} listings read by the shape-agnostic fallback",
        has_next=paged,
    )


def read_entries(
    entries: list[Any],
    read: Callable[[Any, str], ListingItem | str],
    *,
    path: str,
    marketplace: str,
    base_url: str,
    query: str = "",
    url_for: UrlRule | None = None,
    price_divisor: int = 1,
) -> tuple[list[ListingItem], list[str]]:
    """(listings, missing paths) of a result list, never dropping an entry with an id and a title.

    ``read(entry, where)`` is the parser's reader for the known shapes: a listing
    or the JSON path that was missing. An entry it cannot read is walked by the
    fallback (a degraded listing when it holds an id, a title and a price);
    only an entry without one is reported by its missing path.
    """
    items: list[ListingItem] = []
    missing: list[str] = []
    for index, entry in enumerate(entries):
        read_item = read(entry, f"{path}[{index}]")
        if isinstance(read_item, ListingItem):
            items.append(read_item)
            continue
        rescued = degraded_listings(
            entry, marketplace=marketplace, base_url=base_url, query=query,
            url_for=url_for, price_divisor=price_divisor,
        )
        if rescued:
            items.append(rescued[0])
        else:
            missing.append(read_item)
    return items, missing


def known_reader(
    read: Callable[[dict[str, Any]], ListingItem | None], *, title_key: str, id_key: str
) -> Callable[[Any, str], ListingItem | str]:
    """A ``read_entries`` reader over ``read`` (a parser's known shape, None when it cannot).

    What it reports when ``read`` fails is the first field a listing needs that
    the entry lacks: the entry itself when it is not an object, then its title
    (``title_key``), else its id (``id_key``).
    """

    def reader(entry: Any, where: str) -> ListingItem | str:
        if not isinstance(entry, dict):
            return where
        item = read(entry)
        if item is not None:
            return item
        if not text_at(entry, title_key):
            return missing_path(entry, where, (title_key,))
        return f"{where}.{id_key}"

    return reader


def degraded_detail(doc: Any, item: ListingItem | None, *, why: str) -> tuple[ListingItem | None, PageOutcome]:
    """A detail answer whose known layout failed, read for the one thing search lacks: the description.

    Looks for the object carrying the listing's own id (any id key) and a
    description, else the first object with a title and a description. The
    search ``item`` comes back with that text and ``degraded`` set (status
    ``degraded``); without ``item`` or any such object: ``layout_changed``
    with ``why``. A refusal in the answer's envelope wins, as for search.
    """
    refused = top_level_refusal(doc)
    if refused is not None:
        return None, refused
    if item is None:
        return None, PageOutcome(status="layout_changed", reason=why)
    own: dict[str, Any] | None = None
    titled: dict[str, Any] | None = None
    for obj in walk_dicts(doc, limit=WALK_LIMIT):
        if not description_of(obj):
            continue
        if any(_scalar_id(obj.get(k)) == item.external_id for k in _keys(obj, ID_KEYS, ID_KEY)):
            own = obj
            break
        if titled is None and _title(obj):
            titled = obj
    found = own or titled
    if found is None:
        return None, PageOutcome(status="layout_changed", reason=why)
    merged = replace(
        item, description=description_of(found), title=item.title or _title(found),
        raw={**item.raw, "degraded_detail": found}, exchanges=list(item.exchanges), degraded=True,
    )
    return merged, PageOutcome(status="degraded", reason=f"{why}; description read by the shape-agnostic fallback")

