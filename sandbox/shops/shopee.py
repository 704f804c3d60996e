"""Sandbox Shopee Indonesia: v4 ``search_items``, v4 ``item/get``, search and product pages.

Shapes: the search answer and ``item_basic`` fields follow the real v4 capture
(``tests/fixtures/shopee/search/v4_jiniso``: median314/ext-1688-single-product
2024), prices in IDR x 100000; the item answer is the v2 ``item/get`` object of
the adefirmanf/ecommerce-api capture placed under ``data`` as v4 does, with
``description``. Requests are the real ones: ``keyword``, ``limit``,
``newest`` (offset), ``by=ctime&order=desc`` for newest first. No results are
``items: null``; a removed item is ``data: null`` with ``error: 4``; blocks are
Shopee's HTTP 200 ``{"error": 90309999, "action_type": 2}``. Images are served
under ``/file/<image>`` like Shopee's CDN paths (redirected to the core's image
route; published as ``image_base_url``). The search page
``/search?keyword=..&sortBy=ctime`` and the product page ``/product/<shopid>/<itemid>``
call the same API from their scripts. Drift: on a share of items or whole
pages the search card shape of 2025-2026 public clients (``item_basic: null``,
``item_card_displayed_asset`` + ``item_data``, half of them nested under
``customised_item_card``); the challenge page is ``/verify/traffic``, login
``/buyer/login``.
"""

from __future__ import annotations

import json
import random
from typing import Any

from aiohttp import web

from sandbox.catalogue_types import SandboxListing
from sandbox.faults import ShapeDrift
from sandbox.interstitial import captcha_html
from sandbox.shops.base import Shop, ShopContext
from sandbox.shops.blibli import query_number
from sandbox.shops.unknown_layout import unknown_layout_response

PRICE_SCALE = 100_000
MAX_LIMIT = 100


def _json(data: Any) -> web.Response:
    return web.json_response(data, dumps=lambda d: json.dumps(d, ensure_ascii=False))


def _digits(value: str, fallback: int) -> int:
    return int(value) if value.isdigit() and len(value) < 19 else fallback


class ShopeeShop(Shop):
    name = "shopee"
    layout_renames = {"items": "itemList", "item_basic": "itemBasic"}
    captcha_path = "/verify/traffic"
    login_path = "/buyer/login"

    def listing_url(self, listing: SandboxListing, ctx: ShopContext) -> str:
        return f"{ctx.base_url}/product/{listing.seller_id}/{listing.external_id}"

    def external_id_from_url(self, url: str) -> str | None:
        parts = url.split("?", 1)[0].rstrip("/").split("/")
        if len(parts) >= 3 and parts[-3] == "product" and parts[-1].isdigit():
            return parts[-1]
        tail = parts[-1].rsplit(".", 1)[-1] if parts else ""  # /<slug>-i.<shopid>.<itemid>
        return tail if tail.isdigit() else None

    def directory_entry(self, base_url: str) -> dict[str, Any]:
        """Search and item answers name photos by id: clients put them under ``/file/``."""
        return {**super().directory_entry(base_url), "image_base_url": f"{base_url}/file/"}

    def blocked_response(self, request: web.Request) -> web.StreamResponse:
        return _json({"error": 90309999, "action_type": 2, "error_msg": None,
                      "tracking_id": "sandbox-0000", "is_customized": False, "is_login": False})

    def captcha_response(self, request: web.Request) -> web.StreamResponse:
        """Shopee's traffic verification page, status 200, in place of the page or the JSON."""
        return web.Response(text=captcha_html("Shopee Indonesia | Verifikasi", self.captcha_path),
                            content_type="text/html")

    def card_json(self, listing: SandboxListing, *, nested: bool) -> dict[str, Any]:
        """The search card shape of 2025-2026: ``item_basic`` null, the product split in two.

        ``item_card_displayed_asset`` holds what the card shows (name, image(s), shop
        location, display price); ``item_data`` the numbers (ids, price x 100000, sold
        counts, shop, rating). Some endpoints nest both under ``customised_item_card``.
        """
        price = listing.price * PRICE_SCALE
        asset = {"name": listing.title, "image": listing.image_ids[0] if listing.image_ids else "",
                 "images": list(listing.image_ids), "shop_location": listing.seller_city,
                 "display_price": {"price": price, "strikethrough_price": None},
                 "sold_count": {"text": f"{listing.sold} terjual"},
                 "rating": {"rating_text": f"{listing.rating:.1f}"}}
        data = {"itemid": _digits(listing.external_id, 0), "shopid": _digits(listing.seller_id, 0),
                "catid": 100000, "ctime": int(listing.created_at.timestamp()),
                "item_card_display_price": {"price": price, "strikethrough_price": None, "discount": 0},
                "item_card_display_sold_count": {"historical_sold_count": listing.sold,
                                                 "monthly_sold_count": min(listing.sold, 30),
                                                 "historical_sold_count_text": f"{listing.sold} terjual"},
                "shop_data": {"shop_name": listing.seller_name},
                "item_rating": {"rating_star": listing.rating, "rating_count": [0, 0, 0, 0, 0, 0]}}
        card = {"item_card_displayed_asset": asset, "item_data": data}
        return {"item_basic": None, "customised_item_card": card} if nested else {"item_basic": None, **card}

    def search_entry(self, listing: SandboxListing, ctx: ShopContext, *, card_page: bool) -> dict[str, Any]:
        """One ``items[]`` entry: the classic ``item_basic`` or, on a share, the card shape."""
        key = listing.external_id
        if card_page or ctx.shape(self.name, ShapeDrift.CARD, key):
            # about half the card items come nested, as some endpoints send them
            return self.card_json(listing, nested=random.Random(f"nested:{key}").random() < 0.5)
        return {"itemid": _digits(listing.external_id, 0), "shopid": _digits(listing.seller_id, 0),
                "item_basic": self.basic_json(listing), "adsid": None, "campaignid": None}

    def basic_json(self, listing: SandboxListing) -> dict[str, Any]:
        price = listing.price * PRICE_SCALE
        return {
            "itemid": _digits(listing.external_id, 0),
            "shopid": _digits(listing.seller_id, 0),
            "name": listing.title,
            "image": listing.image_ids[0] if listing.image_ids else "",
            "images": list(listing.image_ids),
            "currency": "IDR",
            "stock": 10,
            "status": 1,
            "ctime": int(listing.created_at.timestamp()),
            "sold": min(listing.sold, 30),
            "historical_sold": listing.sold,
            "liked": False,
            "catid": 100000,
            "item_status": "normal",
            "price": price,
            "price_min": price,
            "price_max": price,
            "price_before_discount": 0,
            "item_rating": {"rating_star": listing.rating, "rating_count": [0, 0, 0, 0, 0, 0]},
            "shop_location": listing.seller_city,
            "shop_name": listing.seller_name,
            "is_official_shop": False,
        }

    def routes(self, ctx: ShopContext) -> list[web.RouteDef]:
        origin = ctx.base_url

        async def search(request: web.Request) -> web.Response:
            keyword = request.query.get("keyword", "")
            limit = max(1, min(query_number(request.query.get("limit"), 60), MAX_LIMIT))
            newest = query_number(request.query.get("newest"), 0)
            sort = "newest" if request.query.get("by") == "ctime" else "relevance"
            found = list(ctx.search(self.name, keyword, sort=sort)) if keyword.strip() else []
            chunk = found[newest:newest + limit]
            if ctx.unknown_layout(self.name):
                return unknown_layout_response(
                    chunk, len(found), url_of=lambda p: self.listing_url(p, ctx),
                    image_of=lambda p: f"{ctx.base_url}/file/{p.image_ids[0]}" if p.image_ids else "")
            card_page = ctx.shape(self.name, ShapeDrift.CARD, f"page:{keyword}:{newest}")
            items = [self.search_entry(p, ctx, card_page=card_page) for p in chunk]
            return _json({"error": 0, "error_msg": None, "total_count": len(found),
                          "nomore": newest + limit >= len(found), "items": items or None,
                          "query_rewrite": {}, "show_disclaimer": False})

        async def item_get(request: web.Request) -> web.Response:
            item_id = request.query.get("itemid", "")
            listing = ctx.get(self.name, item_id)
            if (listing is None or ctx.is_removed(self.name, item_id)
                    or listing.seller_id != request.query.get("shopid", "")):
                return _json({"error": 4, "error_msg": None, "data": None})
            return _json({"error": 0, "error_msg": None,
                          "data": {**self.basic_json(listing), "description": listing.description}})

        async def image(request: web.Request) -> web.StreamResponse:
            raise web.HTTPFound(ctx.image_url(self.name, request.match_info["image"]))

        async def page(request: web.Request) -> web.Response:
            template = _SEARCH_PAGE if request.path.endswith("/search") else _PRODUCT_PAGE
            return web.Response(text=template.replace("__API__", origin), content_type="text/html")

        return [
            web.get("/api/v4/search/search_items", search),
            web.get("/api/v4/item/get", item_get),
            web.get("/file/{image}", image),
            web.get("/search", page),
            web.get("/product/{shopid}/{itemid}", page),
        ]


_SEARCH_PAGE = """<!DOCTYPE html><html lang="id"><head><meta charset="utf-8"><title>Shopee Indonesia</title></head>
<body><ul class="shopee-search-item-result__items" id="items"></ul>
<script>
(async () => {
  const qs = new URLSearchParams(location.search);
  const page = parseInt(qs.get('page') || '0', 10);
  const params = new URLSearchParams({by: qs.get('sortBy') || 'relevancy', keyword: qs.get('keyword') || '',
    limit: '60', newest: String(page * 60), order: 'desc', page_type: 'search',
    scenario: 'PAGE_GLOBAL_SEARCH', version: '2'});
  const answer = await fetch('__API__/api/v4/search/search_items?' + params,
    {headers: {'x-api-source': 'pc', 'x-shopee-language': 'id', 'x-requested-with': 'XMLHttpRequest'}});
  const doc = await answer.json().catch(() => ({}));
  const list = document.getElementById('items');
  for (const it of (doc.items || [])) {
    const li = document.createElement('li');
    li.className = 'shopee-search-item-result__item';
    const card = it.customised_item_card || it;
    const shown = it.item_basic || card.item_card_displayed_asset || {};
    const price = it.item_basic ? it.item_basic.price : ((card.item_data || {}).item_card_display_price || {}).price;
    li.textContent = (shown.name || '') + ' Rp' + ((price || 0) / 100000);
    list.appendChild(li);
  }
})();
</script></body></html>
"""

_PRODUCT_PAGE = """<!DOCTYPE html><html lang="id"><head><meta charset="utf-8"><title>Shopee Indonesia</title></head>
<body><h1 id="name"></h1><div id="desc"></div>
<script>
(async () => {
  const parts = location.pathname.split('/').filter(Boolean);
  const params = new URLSearchParams({itemid: parts[parts.length - 1], shopid: parts[parts.length - 2]});
  const answer = await fetch('__API__/api/v4/item/get?' + params, {headers: {'x-api-source': 'pc'}});
  const doc = await answer.json().catch(() => ({}));
  document.getElementById('name').textContent = doc.data ? doc.data.name : 'Produk ini tidak ada';
  document.getElementById('desc').textContent = doc.data ? doc.data.description : '';
})();
</script></body></html>
"""

SHOP = ShopeeShop()
