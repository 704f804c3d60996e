"""Sandbox Blibli: ``backend/search/products``, product ``_summary``, and the shop's own pages.

Shapes follow the real answers field for field: the search product object and
``data.paging`` from ``shared/recorded/blibli/blibli_search_2023_VladimirGOU.json``
(VladimirGOU/Web-crawlers, 2023), the product summary from
``blibli_product_summary_adefirmanf.json`` (adefirmanf/ecommerce-api, 2020; served
without the axios wrapper, as Blibli sends it), the 404 envelope
``{code:404,status:"NOT_FOUND",data:null,errors}`` and the 2026 block (HTTP 403
Akamai "Access Denied"; shared/recorded/NOTES.md). Sort code 1 is "Produk terbaru".

The search page ``/cari/<term>`` and product page ``/p/<slug>/ps--<sku>`` call the
same JSON endpoints from their own script and draw tiles, so the spider's browser
transport is exercised for real.
"""

from __future__ import annotations

import json
import random
import re
import string
from html import escape
from typing import Any

from aiohttp import web

from sandbox.catalogue_types import SandboxListing
from sandbox.interstitial import akamai_challenge_html
from sandbox.shops.base import Shop, ShopContext
from sandbox.shops.slugs import title_slug
from sandbox.shops.unknown_layout import unknown_layout_response

PAGE_SIZE = 24
NEWEST = "1"
_SKU = re.compile(r"ps--([A-Z0-9]+-\d+-\d+)")


def price_display(price: int) -> str:
    return "Rp" + f"{price:,}".replace(",", ".")


def sold_label(sold: int) -> dict[str, str]:
    if sold < 1000:
        return {"en": str(sold), "id": str(sold)}
    short = f"{sold / 1000:.1f}".replace(".", ",").replace(",0", "")
    return {"en": f"{short} k", "id": f"{short} rb"}


def akamai_denied(request: web.Request) -> web.Response:
    """Akamai's HTTP 403 "Access Denied" page, the block Blibli and OLX send (NOTES.md)."""
    body = (
        "<HTML><HEAD><TITLE>Access Denied</TITLE></HEAD><BODY><H1>Access Denied</H1>\n"
        f"You don't have permission to access \"{escape(request.path)}\" on this server.<P>\n"
        "Reference&#32;&#35;18&#46;sandbox</BODY></HTML>\n"
    )
    return web.Response(status=403, text=body, content_type="text/html")


def query_number(value: str | None, default: int) -> int:
    """A non-negative integer query parameter, or ``default`` when absent or malformed."""
    return int(value) if value and value.isdigit() and len(value) < 9 else default


def _json(data: Any, status: int = 200) -> web.Response:
    return web.json_response(data, status=status, dumps=lambda d: json.dumps(d, ensure_ascii=False))


class BlibliShop(Shop):
    name = "blibli"
    layout_renames = {"products": "productList", "name": "productName"}

    def external_id(self, index: int, rng: random.Random) -> str:
        letters = "".join(rng.choice(string.ascii_uppercase) for _ in range(3))
        return f"{letters}-{rng.randint(60000, 69999)}-{index:05d}"

    def product_path(self, listing: SandboxListing) -> str:
        return f"/p/{title_slug(listing.title)}/ps--{listing.external_id}"

    def listing_url(self, listing: SandboxListing, ctx: ShopContext) -> str:
        return f"{ctx.base_url}{self.product_path(listing)}"

    def external_id_from_url(self, url: str) -> str | None:
        match = _SKU.search(url)
        return match.group(1) if match else None

    def blocked_response(self, request: web.Request) -> web.StreamResponse:
        return akamai_denied(request)

    def captcha_response(self, request: web.Request) -> web.StreamResponse:
        """The bot-manager challenge page, status 200, where the JSON should be."""
        return web.Response(text=akamai_challenge_html("Blibli.com"), content_type="text/html")

    def product_json(self, listing: SandboxListing, ctx: ShopContext) -> dict[str, Any]:
        """One ``data.products[]`` entry in Blibli's 2023 search shape."""
        sku = listing.external_id
        merchant = listing.seller_id
        return {
            "id": sku,
            "sku": sku,
            "merchantCode": merchant,
            "status": "AVAILABLE",
            "name": listing.title,
            "price": {
                "priceDisplay": price_display(listing.price),
                "strikeThroughPriceDisplay": None,
                "discount": 0,
                "minPrice": float(listing.price),
                "offerPriceDisplay": price_display(listing.price),
                "isPriceRange": False,
            },
            "images": [ctx.image_url(self.name, i) for i in listing.image_ids],
            "rootCategory": {"id": "BL-1000001", "name": listing.category or "Lainnya"},
            "brand": "",
            "review": {"rating": round(listing.rating), "count": listing.sold // 3,
                       "absoluteRating": listing.rating},
            "itemCount": 1,
            "defaultSku": f"{sku}-00001",
            "itemSku": f"{sku}-00001",
            "tags": ["REGULAR"],
            "formattedId": f"ps--{sku}",
            "url": f"{self.product_path(listing)}?ds={sku}-00001&source=SEARCH&pid={sku}",
            "attributes": [{"count": 0}],
            "productFeatures": "",
            "storeClosingInfo": {"storeClosed": False, "endDate": 0, "delayShipping": False},
            "merchantName": listing.seller_name,
            "merchantVoucherCount": 0,
            "location": listing.seller_city,
            "numLocations": 1,
            "official": False,
            "soldRangeCount": sold_label(listing.sold),
            "uniqueSellingPoint": "",
            "preorder": False,
        }

    def summary_json(self, listing: SandboxListing, ctx: ShopContext) -> dict[str, Any]:
        """``data`` of ``_summary`` in the recorded 2020 shape."""
        sku = listing.external_id
        paragraphs = "".join(f"<p>{escape(line)}</p>\n" for line in listing.description.splitlines() if line)
        return {
            "name": listing.title,
            "url": f"{ctx.base_url}{self.product_path(listing)}?ds={sku}",
            "urlFriendlyName": title_slug(listing.title),
            "categories": [{"level": 1, "id": "BL-1000001", "label": listing.category or "Lainnya"}],
            "brand": {"name": "", "logo": "", "code": "", "official": False},
            "images": [{"full": ctx.image_url(self.name, i), "thumbnail": ctx.image_url(self.name, i)}
                       for i in listing.image_ids],
            "conditions": ["ONLINE"],
            "type": "REGULAR",
            "attributes": {},
            "uniqueSellingPoint": "",
            "warranty": "",
            "description": f"<!DOCTYPE html>\n<html>\n<head>\n</head>\n<body>\n{paragraphs}</body>\n</html>",
            "specifications": [],
            "sku": sku,
            "code": f"MTA-{sku}",
            "itemSku": f"{sku}-00001",
            "review": {"rating": listing.rating, "count": listing.sold // 3},
            "merchantCode": listing.seller_id,
            "itemSkus": [f"{sku}-00001"],
            "idType": "ps",
        }

    def routes(self, ctx: ShopContext) -> list[web.RouteDef]:
        async def search(request: web.Request) -> web.Response:
            query = request.query.get("searchTerm", "")
            size = max(1, min((query_number(request.query.get("itemPerPage"), PAGE_SIZE)), 100))
            page = max(1, (query_number(request.query.get("page"), 1)))
            start = max(0, (query_number(request.query.get("start"), (page - 1) * size)))
            sort = "newest" if request.query.get("sort") == NEWEST else "relevance"
            found = list(ctx.search(self.name, query, sort=sort)) if query.strip() else []
            chunk = found[start:start + size]
            if ctx.unknown_layout(self.name):
                return unknown_layout_response(
                    chunk, len(found), url_of=lambda p: self.listing_url(p, ctx),
                    image_of=lambda p: ctx.image_url(self.name, p.image_ids[0]) if p.image_ids else "")
            total_pages = (len(found) + size - 1) // size
            return _json({
                "code": 200,
                "status": "OK",
                "data": {
                    "pageType": "SEARCH",
                    "searchTerm": query,
                    "products": [self.product_json(p, ctx) for p in chunk],
                    "paging": {"page": page, "total_page": total_pages, "item_per_page": size,
                               "total_item": len(found)},
                    "sorting": {"parameter": "sort", "options": [
                        {"label": "Produk terbaru", "name": "newest", "value": 1, "selected": sort == "newest"},
                    ]},
                },
            })

        async def summary(request: web.Request) -> web.Response:
            sku = request.match_info["sku"]
            listing = ctx.get(self.name, sku)
            if listing is None or ctx.is_removed(self.name, sku):
                return _json({"code": 404, "status": "NOT_FOUND", "data": None,
                              "errors": {"product": ["PRODUCT_NOT_FOUND"]}}, status=404)
            return _json({"code": 200, "status": "OK", "data": self.summary_json(listing, ctx)})

        async def search_page(request: web.Request) -> web.Response:
            return web.Response(text=_SEARCH_PAGE.replace("__API__", f"{ctx.base_url}"),
                                content_type="text/html")

        async def product_page(request: web.Request) -> web.Response:
            html = _PRODUCT_PAGE.replace("__API__", f"{ctx.base_url}").replace(
                "__SKU__", escape(request.match_info["sku"]))
            return web.Response(text=html, content_type="text/html")

        return [
            web.get("/backend/search/products", search),
            web.get("/backend/product-detail/products/{sku}/_summary", summary),
            web.get("/cari/{term}", search_page),
            web.get(r"/p/{slug}/ps--{sku}", product_page),
        ]


_SEARCH_PAGE = """<!DOCTYPE html><html lang="id"><head><meta charset="utf-8"><title>Jual Produk | Blibli</title></head>
<body><div id="catalog"><p class="loading">Memuat produk…</p></div>
<script>
(async () => {
  const term = decodeURIComponent(location.pathname.split('/cari/')[1] || '');
  const qs = new URLSearchParams(location.search);
  const page = parseInt(qs.get('page') || '1', 10);
  const params = new URLSearchParams({sort: qs.get('sort') || '1', page: String(page), start: String((page - 1) * 24),
    searchTerm: term, intent: 'true', merchantSearch: 'true', multiCategory: 'true', customUrl: '',
    channelId: 'web', showFacet: 'false', itemPerPage: '24'});
  const answer = await fetch('__API__/backend/search/products?' + params, {headers: {accept: 'application/json', channelid: 'web'}});
  const box = document.getElementById('catalog');
  box.textContent = '';
  const doc = await answer.json().catch(() => ({}));
  for (const p of ((doc.data || {}).products || [])) {
    const a = document.createElement('a');
    a.className = 'product-card'; a.href = '__API__' + p.url.split('?')[0];
    a.textContent = p.name + ' — ' + p.price.priceDisplay + ' — ' + p.merchantName;
    box.appendChild(a);
  }
})();
</script></body></html>
"""

_PRODUCT_PAGE = """<!DOCTYPE html><html lang="id"><head><meta charset="utf-8"><title>Blibli</title></head>
<body><h1 id="name"></h1><div id="description"></div>
<script>
(async () => {
  const answer = await fetch('__API__/backend/product-detail/products/__SKU__/_summary', {headers: {accept: 'application/json', channelid: 'web'}});
  const doc = await answer.json().catch(() => ({}));
  const data = doc.data || {};
  document.getElementById('name').textContent = data.name || 'Produk tidak ditemukan';
  document.getElementById('description').textContent = (data.description || '').replace(/<[^>]*>/g, ' ');
})();
</script></body></html>
"""

SHOP = BlibliShop()
