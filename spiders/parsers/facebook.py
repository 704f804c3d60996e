"""Facebook Marketplace page parsers: logged-out search page, GraphQL pagination, item page.

Shapes, from 2scraper/facebook-marketplace-scraper's real logged-out captures
(2026-10, read through the search tools; trimmed copies with their source are in
``tests/fixtures/facebook``) and ``shared/recorded/facebook``:

* search page — ``{web}/marketplace/<city>/search/?query=<q>&sortBy=creation_time_descend``
  is server-rendered; the first 24 listings sit in a ``<script type="application/json">``
  block as ``…"marketplace_search":{"feed_units":{"edges":[{"node":{"listing":{…}}}],
  "page_info":{"end_cursor","has_next_page"}}}``. No results is one edge whose node is
  ``{"__typename":"MarketplaceSearchFeedNoResults"}``.
* next pages — ``POST {web}/api/graphql/`` (``fb_api_req_friendly_name=
  CometMarketplaceSearchContentPaginationQuery``) answers
  ``{"data":{"marketplace_search":{"feed_units":…}}}`` with the same edges.
* listing — ``id``, ``marketplace_listing_title``, ``listing_price{formatted_amount,
  amount}``, ``location.reverse_geocode{city,state}``, ``primary_listing_photo.image.uri``,
  ``creation_time`` (epoch seconds), ``marketplace_listing_seller`` (null when logged out,
  else ``{id,name}``). URL ``{web}/marketplace/item/<id>/``.
* item page — ``{web}/marketplace/item/<id>/`` embeds ``{"target":{id,
  marketplace_listing_title, redacted_description{text}, listing_price, location_text
  {text}, creation_time, marketplace_listing_seller}}`` and ``{"media":{listing_photos[]}}``.
  A gone listing is the ``CometErrorRoute`` page ("This content isn't available right now").
* blocks — a login wall (``login_form`` / "Log in to Facebook") and "Rate limit exceeded"
  (HTML, or GraphQL ``{"errors":[…]}``) are blocks (2scraper TESTING.md, 2026-10-06).
"""

from __future__ import annotations

import re
from dataclasses import replace
from functools import partial
from typing import Any

from spiders.items import ListingItem, PageOutcome
from spiders.parsers import never_raises
from spiders.parsers.fallback import known_reader, read_entries, rescue
from spiders.parsers.page_signals import (
    EMPTY_SHELL_REASON,
    JsonError,
    as_text,
    classify_unusable,
    dig,
    finish_search,
    int_or_none,
    load_json,
    looks_like_html,
    rupiah,
    text_at,
    top_level_refusal,
    utc_from_epoch,
    walk_dicts,
)

MARKETPLACE = "facebook"
PAGE_SIZE = 24
#: GraphQL persisted query for search pagination (2scraper 2026 capture; it changes over time)
PAGINATION_DOC_ID = "28383824837986211"
PAGINATION_NAME = "CometMarketplaceSearchContentPaginationQuery"
_JSON_SCRIPT = re.compile(
    r"<script[^>]*type=\"application/json\"[^>]*>(.*?)</script>", re.S | re.I
)
_ITEM_ID = re.compile(r"/marketplace/item/(\d+)")
_LOGIN_WALL = re.compile(r"id=\"login_form\"|Log in to Facebook|You must log in to continue|/login/\?next=", re.I)
_RATE_LIMIT = re.compile(r"rate limit exceeded", re.I)
_GONE = re.compile(
    r"CometErrorRoute|This content isn.t available|this listing is no longer available|"
    r"tidak lagi tersedia",
    re.I,
)


def item_url(listing_id: str, base_url: str) -> str:
    return f"{base_url.rstrip('/')}/marketplace/item/{listing_id}/"


def listing_id_from_url(url: str) -> str | None:
    match = _ITEM_ID.search(url)
    return match.group(1) if match else None


def embedded_json(page: str) -> list[Any]:
    """Every parseable ``<script type="application/json">`` document of a page."""
    docs: list[Any] = []
    for block in _JSON_SCRIPT.findall(page):
        try:
            docs.append(load_json(block))
        except JsonError:
            continue
    return docs


def _block_outcome(text: str) -> PageOutcome | None:
    if _RATE_LIMIT.search(text):
        return PageOutcome(status="blocked", reason="Facebook: rate limit exceeded")
    if _LOGIN_WALL.search(text):
        return PageOutcome(status="blocked", reason="Facebook login wall")
    return None


def _price(listing: dict[str, Any]) -> int | None:
    """``listing_price.amount``, else its ``formatted_amount``, else the older ``formatted_price.text``."""
    price = int_or_none(dig(listing, "listing_price", "amount"))
    if price is None:
        price = rupiah(text_at(listing, "listing_price", "formatted_amount") or None)
    if price is None:
        price = rupiah(text_at(listing, "formatted_price", "text") or None)
    return price


def _seller(listing: dict[str, Any], base_url: str) -> tuple[str, str, str]:
    seller_id = text_at(listing, "marketplace_listing_seller", "id")
    name = text_at(listing, "marketplace_listing_seller", "name")
    url = f"{base_url.rstrip('/')}/marketplace/profile/{seller_id}/" if seller_id.isdigit() else ""
    return seller_id, name, url


def listing_item(listing: dict[str, Any], *, base_url: str, query: str = "") -> ListingItem | None:
    """One search-result ``listing`` object as a listing (None without id or title)."""
    listing_id = text_at(listing, "id")
    title = text_at(listing, "marketplace_listing_title") or text_at(listing, "title")
    if not listing_id or not title:
        return None
    seller_id, seller_name, seller_url = _seller(listing, base_url)
    photo = text_at(listing, "primary_listing_photo", "image", "uri")
    return ListingItem(
        marketplace=MARKETPLACE,
        external_id=listing_id,
        url=item_url(listing_id, base_url),
        title=title,
        price=_price(listing),
        seller_id=seller_id,
        seller_name=seller_name,
        seller_url=seller_url,
        seller_city=text_at(listing, "location", "reverse_geocode", "city")
        or text_at(listing, "location", "reverse_geocode", "city_page", "display_name"),
        image_urls=[photo] if photo else [],
        listed_at=utc_from_epoch(listing.get("creation_time")),
        query=query,
        raw=listing,
    )


def _feed_units(docs: list[Any]) -> dict[str, Any] | None:
    for doc in docs:
        for node in walk_dicts(doc):
            feed = dig(node, "marketplace_search", "feed_units")
            if isinstance(feed, dict):
                return feed
    return None


def _search_docs(body: bytes | str) -> tuple[list[Any], str]:
    if looks_like_html(body):
        page = as_text(body)
        return embedded_json(page), page
    try:
        return [load_json(body)], ""
    except JsonError:
        return [], as_text(body)


@never_raises([])
def parse_search(
    body: bytes | str, *, url: str, base_url: str, query: str = ""
) -> tuple[list[ListingItem], PageOutcome]:
    """Listings of a search page (HTML with embedded JSON) or of a GraphQL pagination answer."""
    docs, page = _search_docs(body)
    refused = next((r for r in map(top_level_refusal, docs) if r is not None), None) if not page else None
    if refused is not None:
        return [], refused
    feed = _feed_units(docs)
    if feed is None:
        errors = [dig(d, "errors") for d in docs if isinstance(dig(d, "errors"), list)]
        blocked = _block_outcome(page or str(errors)[:2000])
        if blocked is not None:
            return [], blocked
        if errors:
            return [], PageOutcome(status="blocked", reason=f"GraphQL error: {str(errors)[:160]}")
        unusable = classify_unusable(body, default_reason="no marketplace_search.feed_units in the page")
        if unusable.status != "layout_changed" or unusable.reason == EMPTY_SHELL_REASON or not docs:
            return [], unusable
        return rescue(
            docs, why=unusable.reason, marketplace=MARKETPLACE, base_url=base_url, query=query,
            url_for=lambda listing_id, _title, _obj: item_url(listing_id, base_url), paged=False,
        )
    edges = feed.get("edges")
    if not isinstance(edges, list):
        return [], PageOutcome(status="layout_changed", reason="feed_units without an edges list")
    has_next = dig(feed, "page_info", "has_next_page") is True
    cursor = text_at(feed, "page_info", "end_cursor") or None
    listings = [dig(edge, "node", "listing") for edge in edges]
    no_results = any(
        text_at(dig(edge, "node"), "__typename") == "MarketplaceSearchFeedNoResults" for edge in edges
    )
    entries = [(i, listing) for i, listing in enumerate(listings) if listing is not None]
    items, missing = read_entries(
        [listing for _i, listing in entries],
        known_reader(
            partial(listing_item, base_url=base_url, query=query), title_key="marketplace_listing_title", id_key="id"
        ),
        path="feed_units.edges", marketplace=MARKETPLACE, base_url=base_url, query=query,
        url_for=lambda listing_id, _title, _obj: item_url(listing_id, base_url),
    )
    missing = [_edge_path(path, entries) for path in missing]
    if not items and not missing:
        if no_results or not edges:
            return [], PageOutcome(status="empty", reason="no listings", total=0)
        return rescue(
            docs, why="feed edges carry no node.listing objects", marketplace=MARKETPLACE,
            base_url=base_url, query=query,
            url_for=lambda listing_id, _title, _obj: item_url(listing_id, base_url), paged=False,
        )
    outcome = PageOutcome(status="ok", has_next=has_next and cursor is not None, next_token=cursor)
    return finish_search(items, missing, outcome, what="listings")


def _edge_path(path: str, entries: list[tuple[int, Any]]) -> str:
    """``feed_units.edges[k]…`` of the k-th listing back to its edge's index and ``node.listing``."""
    head, _, rest = path.partition("]")
    position = int(head.rsplit("[", 1)[1])
    return f"feed_units.edges[{entries[position][0]}].node.listing{rest}"



#: Where an item page keeps its listing: ``target`` (2scraper 2026 capture) or
#: ``marketplace_product_details_page`` (the item page's GraphQL answer public clients read)
TARGET_KEYS = ("target", "marketplace_product_details_page")


def _target(docs: list[Any], wanted: str | None) -> dict[str, Any] | None:
    for doc in docs:
        for node in walk_dicts(doc):
            for key in TARGET_KEYS:
                target = node.get(key)
                if (
                    isinstance(target, dict)
                    and "marketplace_listing_title" in target
                    and (wanted is None or text_at(target, "id") == wanted)
                ):
                    return target
    return None


def _photos(docs: list[Any], wanted: str) -> list[str]:
    for doc in docs:
        for node in walk_dicts(doc):
            media = node.get("media")
            photos = dig(media, "listing_photos")
            if isinstance(photos, list) and text_at(media, "id") in (wanted, ""):
                return [u for u in (text_at(p, "image", "uri") for p in photos) if u]
    return []


@never_raises(None)
def parse_detail(
    body: bytes | str, *, url: str, base_url: str, item: ListingItem | None = None
) -> tuple[ListingItem | None, PageOutcome]:
    """The listing as its item page (HTML with embedded JSON) or its GraphQL answer shows it."""
    docs, html_page = _search_docs(body)
    page = html_page or as_text(body)
    wanted = listing_id_from_url(url) or (item.external_id if item else None)
    target = _target(docs, wanted)
    if target is None:
        blocked = _block_outcome(page)
        if blocked is not None:
            return None, blocked
        if _GONE.search(page):
            return None, PageOutcome(status="not_found", reason="Facebook: content isn't available")
        return None, classify_unusable(body, default_reason="no listing target in the item page")
    listing_id = text_at(target, "id") or wanted or ""
    title = text_at(target, "marketplace_listing_title")
    if not listing_id or not title:
        return None, PageOutcome(status="layout_changed", reason="item target without id or title")
    base = item or ListingItem(
        marketplace=MARKETPLACE, external_id=listing_id, url=item_url(listing_id, base_url), title=title
    )
    seller_id, seller_name, seller_url = _seller(target, base_url)
    photos = _photos(docs, listing_id) or [
        u for u in (text_at(p, "image", "uri") for p in dig(target, "listing_photos") or []) if u
    ]
    merged = replace(
        base,
        title=title,
        description=text_at(target, "redacted_description", "text") or base.description,
        price=_price(target) if _price(target) is not None else base.price,
        seller_id=seller_id or base.seller_id,
        seller_name=seller_name or base.seller_name,
        seller_url=seller_url or base.seller_url,
        seller_city=base.seller_city or text_at(target, "location_text", "text"),
        image_urls=photos or base.image_urls,
        listed_at=utc_from_epoch(target.get("creation_time")) or base.listed_at,
        detail_fetched=True,
        raw={**base.raw, "_detail": target} if base.raw else target,
    )
    return merged, PageOutcome(status="ok")

