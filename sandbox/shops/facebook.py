"""Sandbox Facebook Marketplace: logged-out search page, GraphQL pagination, item pages.

Shapes follow 2scraper/facebook-marketplace-scraper's real logged-out captures of
2026-10 (``tests/fixtures/fb_mp_search_bike_nyc_20261006.html``, ``fb_mp_item_20261005.html``,
``fb_mp_not_found_20261006.html``, ``fb_mp_search_empty_20261006.html``,
``fb_mp_pagination_form_20261006.txt``; trimmed copies in ``tests/fixtures/facebook``)
and ``shared/recorded/facebook`` (the GraphQL pagination answer): the search page
embeds ``{"require":[[{"marketplace_search":{"feed_units":{"edges","page_info"}}}]]}``
in ``<script type="application/json">``; ``POST /api/graphql/`` answers
``{"data":{"marketplace_search":{"feed_units":…}}}`` for the cursor in the form's
``variables``; the item page embeds ``{"target":{…}}`` and ``{"media":{listing_photos}}``;
a gone listing is the ``CometErrorRoute`` page (HTTP 200, as the real one). The
block is GraphQL's 200 "Rate limit exceeded" after rapid pagination, the login wall
(``/login/``, status 200) what some proxy pools get for any page, and the
challenge Facebook's ``/checkpoint/`` (2scraper TESTING.md). Cursors keep
the real one's JSON-in-a-string form, with the offset in ``c2c.it``.
"""

from __future__ import annotations

import json
import random
import re
from html import escape
from typing import Any

from aiohttp import web

from sandbox.catalogue_types import SandboxListing
from sandbox.shops.base import Shop, ShopContext
from sandbox.shops.unknown_layout import unknown_layout_json, unknown_layout_response

PAGE_SIZE = 24
#: The GraphQL operation the search page's "see more" posts (NOTES.md, 2022-2026 clients).
PAGINATION_NAME = "CometMarketplaceSearchContentPaginationQuery"
_ITEM_ID = re.compile(r"/marketplace/item/(\d+)")


def rupiah(price: int) -> str:
    return "Rp" + f"{price:,}".replace(",", ".")


def cursor_for(offset: int) -> str:
    return json.dumps({"pg": offset // PAGE_SIZE, "b2c": {"br": "", "it": 0, "hmsr": False, "tbi": 0},
                       "c2c": {"br": "sandbox", "it": offset},
                       "sms_cursor": {"page_index": 0, "total_index": 0}}, separators=(",", ":"))


def offset_of(cursor: Any) -> int:
    try:
        value = json.loads(cursor)["c2c"]["it"] if isinstance(cursor, str) else 0
    except (ValueError, KeyError, TypeError):
        return 0
    return value if isinstance(value, int) and value >= 0 else 0


def script_json(data: Any) -> str:
    """JSON safe inside a ``<script>`` element."""
    return json.dumps(data, ensure_ascii=False).replace("</", "<\\/")


class FacebookShop(Shop):
    name = "facebook"
    captcha_path = "/checkpoint/"
    login_path = "/login/"
    layout_renames = {"marketplace_search": "marketplace_search_v2", "marketplace_listing_title": "listing_title"}

    def external_id(self, index: int, rng: random.Random) -> str:
        return str(rng.randint(1, 9) * 10**15 + index * 104_729 + rng.randrange(104_729))

    def listing_url(self, listing: SandboxListing, ctx: ShopContext) -> str:
        return f"{ctx.base_url}/marketplace/item/{listing.external_id}/"

    def external_id_from_url(self, url: str) -> str | None:
        match = _ITEM_ID.search(url)
        return match.group(1) if match else None

    def blocked_response(self, request: web.Request) -> web.StreamResponse:
        """What rapid pagination replays get (2scraper TESTING.md): 200 and "Rate limit exceeded"."""
        return web.json_response({"errors": [{"message": "Rate limit exceeded", "severity": "CRITICAL",
                                              "code": 1675004}]})

    def login_wall_response(self, request: web.Request) -> web.StreamResponse:
        """Facebook's login wall, status 200: what some proxy pools get for any page."""
        return web.Response(text=_LOGIN_WALL, content_type="text/html")

    def seller_json(self, listing: SandboxListing) -> dict[str, str]:
        return {"__typename": "User", "name": listing.seller_name, "id": listing.seller_id}

    def listing_json(self, listing: SandboxListing, ctx: ShopContext) -> dict[str, Any]:
        """One ``node.listing`` of a search edge."""
        photo = ctx.image_url(self.name, listing.image_ids[0]) if listing.image_ids else ""
        return {
            "__typename": "GroupCommerceProductItem",
            "id": listing.external_id,
            "marketplace_listing_title": listing.title,
            "listing_price": {"formatted_amount": rupiah(listing.price),
                              "amount_with_offset_in_currency": str(listing.price * 100),
                              "amount": f"{listing.price}.00"},
            "strikethrough_price": None,
            "location": {"reverse_geocode": {"city": listing.seller_city, "state": "",
                                             "city_page": {"display_name": listing.seller_city}}},
            "primary_listing_photo": {"image": {"uri": photo}},
            "creation_time": int(listing.created_at.timestamp()),
            "is_sold": False,
            "is_pending": False,
            "is_live": True,
            "marketplace_listing_category_id": "1792291877663080",
            "custom_sub_titles_with_rendering_flags": [],
            "delivery_types": ["IN_PERSON"],
            "marketplace_listing_seller": self.seller_json(listing),
        }

    def feed_units(self, ctx: ShopContext, query: str, offset: int, count: int) -> dict[str, Any]:
        found = list(ctx.search(self.name, query, sort="newest")) if query.strip() else []
        chunk = found[offset:offset + count]
        if not chunk:
            edges: list[dict[str, Any]] = [{"node": {"__typename": "MarketplaceSearchFeedNoResults",
                                                     "story_type": "SERP_NO_RESULTS"}}]
        else:
            edges = [{"node": {"__typename": "MarketplaceFeedListingStoryObject", "story_type": "POST",
                               "listing": self.listing_json(p, ctx)}} for p in chunk]
        more = offset + count < len(found)
        return {"edges": edges,
                "page_info": {"end_cursor": cursor_for(offset + count) if more else None, "has_next_page": more}}

    def item_html(self, listing: SandboxListing, ctx: ShopContext) -> str:
        target = {
            "__typename": "GroupCommerceProductItem",
            "id": listing.external_id,
            "redacted_description": {"text": listing.description},
            "creation_time": int(listing.created_at.timestamp()),
            "location_text": {"text": listing.seller_city},
            "listing_price": {"formatted_amount_zeros_stripped": rupiah(listing.price),
                              "amount_with_offset_in_currency": str(listing.price * 100),
                              "amount": f"{listing.price}.00", "currency": "IDR"},
            "marketplace_listing_title": listing.title,
            "is_sold": False, "is_pending": False, "is_live": True,
            "delivery_types": ["IN_PERSON"],
            "renderable_listing_status": "AVAILABLE",
            "marketplace_listing_seller": self.seller_json(listing),
        }
        media = {"id": listing.external_id,
                 "listing_photos": [{"image": {"uri": ctx.image_url(self.name, i)}} for i in listing.image_ids]}
        return (
            f"<!DOCTYPE html><html><head><title>{escape(listing.title)} | Facebook Marketplace | Facebook</title>"
            "</head><body>\n<script type=\"application/json\">"
            "{\"canonicalRouteName\":\"comet.fbweb.CometMarketplaceHoistedPermalinkRoute\"}</script>\n"
            f"<script type=\"application/json\">{script_json({'require': [[{'target': target}, {'media': media}]]})}</script>\n"
            f"<h1>{escape(listing.title)}</h1><div>{escape(listing.description)}</div>\n</body></html>\n"
        )

    def routes(self, ctx: ShopContext) -> list[web.RouteDef]:
        async def search_page(request: web.Request) -> web.Response:
            query = request.query.get("query", "")
            feed = self.feed_units(ctx, query, 0, PAGE_SIZE)
            state: dict[str, Any] = {"require": [[{"marketplace_search": {"feed_units": feed}}]]}
            if ctx.unknown_layout(self.name):
                found = list(ctx.search(self.name, query, sort="newest"))
                state = {"require": [[unknown_layout_json(
                    found[:PAGE_SIZE], len(found), url_of=lambda p: self.listing_url(p, ctx),
                    image_of=lambda p: ctx.image_url(self.name, p.image_ids[0]) if p.image_ids else "")]]}
            html = (_SEARCH_PAGE.replace("__STATE__", script_json(state))
                    .replace("__API__", f"{ctx.base_url}"))
            return web.Response(text=html, content_type="text/html")

        async def graphql(request: web.Request) -> web.Response:
            form = await request.post()
            if form.get("fb_api_req_friendly_name") != PAGINATION_NAME:
                return web.json_response({"errors": [{"message": "Unsupported query", "code": 1675030}]})
            try:
                variables = json.loads(str(form.get("variables", "{}")))
            except ValueError:
                variables = {}
            if not isinstance(variables, dict):
                variables = {}
            query = str(((variables.get("params") or {}).get("bqf") or {}).get("query", ""))
            count = variables.get("count")
            count = count if isinstance(count, int) else PAGE_SIZE
            offset = offset_of(variables.get("cursor"))
            if ctx.unknown_layout(self.name):
                found = list(ctx.search(self.name, query, sort="newest"))
                return unknown_layout_response(
                    found[offset:offset + max(1, min(count, 48))], len(found),
                    url_of=lambda p: self.listing_url(p, ctx),
                    image_of=lambda p: ctx.image_url(self.name, p.image_ids[0]) if p.image_ids else "")
            feed = self.feed_units(ctx, query, offset, max(1, min(count, 48)))
            answer = {"data": {"marketplace_search": {"feed_units": feed}}, "extensions": {"is_final": True}}
            return web.json_response(answer, dumps=lambda d: json.dumps(d, ensure_ascii=False))

        async def item_page(request: web.Request) -> web.Response:
            listing_id = request.match_info["listing_id"]
            listing = ctx.get(self.name, listing_id)
            if listing is None or ctx.is_removed(self.name, listing_id):
                return web.Response(text=_GONE_PAGE, content_type="text/html")
            return web.Response(text=self.item_html(listing, ctx), content_type="text/html")

        return [
            web.get("/marketplace/{city}/search/", search_page),
            web.get("/marketplace/{city}/search", search_page),
            web.post("/api/graphql/", graphql),
            web.get(r"/marketplace/item/{listing_id:\d+}/", item_page),
            web.get(r"/marketplace/item/{listing_id:\d+}", item_page),
        ]


_SEARCH_PAGE = """<!DOCTYPE html><html><head><meta charset="utf-8"><title>Marketplace | Facebook</title></head><body>
<script type="application/json">{"canonicalRouteName":"comet.fbweb.CometMarketplaceSearchRoute"}</script>
<script type="application/json" id="ssr-state">__STATE__</script>
<div id="feed" role="main"></div><button id="more" hidden>Lihat selengkapnya</button>
<script>
(() => {
  const query = new URLSearchParams(location.search).get('query') || '';
  const feedBox = document.getElementById('feed');
  const more = document.getElementById('more');
  let cursor = null;
  function draw(feed) {
    for (const edge of (feed.edges || [])) {
      const l = (edge.node || {}).listing;
      if (!l) continue;
      const a = document.createElement('a');
      a.href = '__API__/marketplace/item/' + l.id + '/';
      a.textContent = l.marketplace_listing_title + ' — ' + l.listing_price.formatted_amount;
      feedBox.appendChild(a);
    }
    cursor = (feed.page_info || {}).end_cursor || null;
    more.hidden = !cursor;
  }
  const state = JSON.parse(document.getElementById('ssr-state').textContent);
  draw(state.require[0][0].marketplace_search.feed_units);
  more.addEventListener('click', async () => {
    const body = new URLSearchParams({av: '0', __user: '0', __a: '1', fb_api_caller_class: 'RelayModern',
      fb_api_req_friendly_name: 'CometMarketplaceSearchContentPaginationQuery', server_timestamps: 'true',
      variables: JSON.stringify({count: 24, cursor: cursor, params: {bqf: {callsite: 'COMMERCE_MKTPLACE_WWW', query: query}}}),
      doc_id: '28383824837986211'});
    const answer = await fetch('__API__/api/graphql/', {method: 'POST', body: body});
    draw(((await answer.json()).data.marketplace_search || {}).feed_units || {});
  });
})();
</script></body></html>
"""

_GONE_PAGE = """<!DOCTYPE html><html><head><title>Facebook</title></head><body>
<script type="application/json">{"canonicalRouteName":"comet.fbweb.CometErrorRoute"}</script>
<span>This content isn't available right now</span>
</body></html>
"""

_LOGIN_WALL = """<!DOCTYPE html><html><head><title>Log in to Facebook</title></head><body>
<div><h2>You must log in to continue.</h2>
<form id="login_form" action="/login/device-based/regular/login/" method="post"><input name="email"><input name="pass" type="password"></form></div>
</body></html>
"""

SHOP = FacebookShop()
