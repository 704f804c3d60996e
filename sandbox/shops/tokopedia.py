"""Sandbox Tokopedia: GraphQL ``SearchProductV5Query`` and ``PDPGetLayoutQuery``, search and product pages.

Shapes follow the recorded answers (``tests/fixtures/tokopedia``): the search
product object is the SearchProductV5 one (hilmiazizi/tokopaedi field list,
pricealert testdata envelope), the PDP layout is the ``pdpGetLayout`` object of
appvidlab/tokopedia-api's README capture (``basicInfo`` + ``components``
``product_content`` / ``product_detail`` / ``product_media``). Requests are the
real ones: a JSON array with one operation, search params as one URL-encoded
string (``q``, ``page``, ``rows``, ``start``, ``ob=9`` newest first).
``header.additionalParams`` carries a ``unique_id`` the client merges into the
next page, as the real V5 answer does. A removed product answers
``pdpGetLayout: null`` with a GraphQL error; blocks are Akamai's 403 page.
The search page ``/search?st=product&q=...`` and the product page
``/<shop>/<product>`` call the same GraphQL endpoints from their scripts.
"""

from __future__ import annotations

import json
from html import escape
from typing import Any
from urllib.parse import parse_qsl

from aiohttp import web

from sandbox.catalogue_types import SandboxListing
from sandbox.faults import ShapeDrift
from sandbox.interstitial import akamai_challenge_html
from sandbox.shops.base import Shop, ShopContext
from sandbox.shops.blibli import akamai_denied, query_number
from sandbox.shops.slugs import title_slug
from sandbox.shops.unknown_layout import unknown_layout_response

MAX_ROWS = 200


def rupiah(price: int) -> str:
    return "Rp" + f"{price:,}".replace(",", ".")


def _json(data: Any) -> web.Response:
    return web.json_response(data, dumps=lambda d: json.dumps(d, ensure_ascii=False))


async def _operation(request: web.Request) -> dict[str, Any]:
    """The first operation of a GraphQL batch body (``{}`` when unreadable)."""
    try:
        doc = await request.json()
    except (ValueError, UnicodeDecodeError):
        return {}
    if isinstance(doc, list) and doc and isinstance(doc[0], dict):
        return doc[0]
    return doc if isinstance(doc, dict) else {}


class TokopediaShop(Shop):
    name = "tokopedia"
    layout_renames = {"products": "productList", "pdpGetLayout": "pdpLayout"}
    # SearchProductQueryV4 (2021-2024) named these so; some answers still do
    optional_renames = {"rating": "ratingAverage", "badge": "badges"}

    def shop_domain(self, listing: SandboxListing) -> str:
        return title_slug(listing.seller_name, fallback=f"shop{listing.seller_id}")

    def product_key(self, listing: SandboxListing) -> str:
        return f"{title_slug(listing.title, max_length=70)}-{listing.external_id}"

    def listing_url(self, listing: SandboxListing, ctx: ShopContext) -> str:
        return f"{ctx.base_url}/{self.shop_domain(listing)}/{self.product_key(listing)}"

    def external_id_from_url(self, url: str) -> str | None:
        last = url.split("?", 1)[0].rstrip("/").rsplit("/", 1)[-1]
        tail = last.rsplit("-", 1)[-1]
        return tail if tail.isdigit() else None

    def blocked_response(self, request: web.Request) -> web.StreamResponse:
        return akamai_denied(request)

    def captcha_response(self, request: web.Request) -> web.StreamResponse:
        """Akamai's challenge page, status 200 (2scraper/tokopedia-scraper README, 2026)."""
        return web.Response(text=akamai_challenge_html("Tokopedia"), content_type="text/html")

    def first_image(self, listing: SandboxListing, ctx: ShopContext) -> str:
        return ctx.image_url(self.name, listing.image_ids[0]) if listing.image_ids else ""

    def product_json(self, listing: SandboxListing, ctx: ShopContext) -> dict[str, Any]:
        image = ctx.image_url(self.name, listing.image_ids[0]) if listing.image_ids else ""
        product = {
            "id": listing.external_id,
            "ttsProductID": "",
            "name": listing.title,
            "url": self.listing_url(listing, ctx) + "?extParam=src%3Dsearch",
            "mediaURL": {"image": image, "image300": image, "image700": image},
            "shop": {"id": listing.seller_id, "ttsSellerID": "", "name": listing.seller_name,
                     "url": f"{ctx.base_url}/{self.shop_domain(listing)}",
                     "city": listing.seller_city},
            "badge": {"title": "", "url": ""},
            "price": {"text": rupiah(listing.price), "number": listing.price, "original": "",
                      "discountPercentage": 0},
            "labelGroups": [{"position": "integrity", "title": f"{listing.sold} terjual",
                             "type": "textDarkGrey", "url": ""}],
            "rating": listing.rating,
            "category": {"id": 0, "name": listing.category, "breadcrumb": ""},
            "stock": {"sold": listing.sold, "ttsSKUID": ""},
        }
        # Shapes public clients meet too: products without url (only id, name, price, shop),
        # and price queried as { original text } with no number.
        if ctx.shape(self.name, ShapeDrift.NO_URL, listing.external_id):
            del product["url"]
        if ctx.shape(self.name, ShapeDrift.PRICE_TEXT_ONLY, listing.external_id):
            product["price"] = {"original": "", "text": rupiah(listing.price)}
        return product

    def layout_json(self, listing: SandboxListing, ctx: ShopContext) -> dict[str, Any]:
        media = [{"type": "image", "urlOriginal": ctx.image_url(self.name, i),
                  "urlThumbnail": ctx.image_url(self.name, i), "urlMaxRes": ctx.image_url(self.name, i)}
                 for i in listing.image_ids]
        return {
            "name": "pdp_layout",
            "basicInfo": {
                "alias": self.product_key(listing), "createdAt": listing.created_at.isoformat(),
                "id": listing.external_id, "shopID": listing.seller_id, "shopName": listing.seller_name,
                "minOrder": 1, "condition": "NEW", "status": "ACTIVE",
                "url": self.listing_url(listing, ctx),
                "category": {"id": "0", "name": listing.category, "breadcrumbURL": ""},
                "txStats": {"transactionSuccess": str(listing.sold), "countSold": str(listing.sold),
                            "itemSoldFmt": str(listing.sold)},
                "stats": {"countView": "0", "countReview": "0", "rating": listing.rating},
            },
            "components": [
                {"name": "product_media", "type": "product_media", "data": [{"media": media}]},
                {"name": "product_content", "type": "product_content", "data": [{
                    "name": listing.title,
                    "price": {"value": listing.price, "currency": "IDR", "priceFmt": rupiah(listing.price)},
                }]},
                {"name": "product_detail", "type": "product_detail", "data": [{"content": [
                    {"title": "Kondisi", "subtitle": "Baru", "applink": "", "showAtFront": True},
                    {"title": "Kategori", "subtitle": listing.category, "applink": "", "showAtFront": False},
                    {"title": "Deskripsi", "subtitle": listing.description, "applink": "",
                     "showAtFront": False},
                ]}]},
            ],
        }

    def routes(self, ctx: ShopContext) -> list[web.RouteDef]:
        origin = ctx.base_url

        async def search(request: web.Request) -> web.Response:
            operation = await _operation(request)
            raw = operation.get("variables", {}).get("params", "") if isinstance(operation.get("variables"), dict) else ""
            params = dict(parse_qsl(raw if isinstance(raw, str) else "", keep_blank_values=True))
            query = params.get("q", "")
            rows = max(1, min(query_number(params.get("rows"), 60), MAX_ROWS))
            start = query_number(params.get("start"), (query_number(params.get("page"), 1) - 1) * rows)
            sort = "newest" if params.get("ob") == "9" else "relevance"
            found = list(ctx.search(self.name, query, sort=sort)) if query.strip() else []
            chunk = found[start:start + rows]
            if ctx.unknown_layout(self.name):
                return unknown_layout_response(chunk, len(found), url_of=lambda p: self.listing_url(p, ctx),
                                               image_of=lambda p: self.first_image(p, ctx))
            header = {"totalData": len(found), "responseCode": 0, "keywordProcess": "0",
                      "additionalParams": "&unique_id=sandbox0000" if chunk else "",
                      "backendFilters": "&ob=9" if sort == "newest" else ""}
            return _json([{"data": {"searchProductV5": {
                "header": header,
                "data": {"totalDataText": str(len(found)),
                         "products": [self.product_json(p, ctx) for p in chunk]},
            }}}])

        async def pdp(request: web.Request) -> web.Response:
            operation = await _operation(request)
            found_vars = operation.get("variables")
            variables: dict[str, Any] = found_vars if isinstance(found_vars, dict) else {}
            external_id = self.external_id_from_url(str(variables.get("productKey", "")))
            listing = ctx.get(self.name, external_id) if external_id else None
            if listing is None or ctx.is_removed(self.name, listing.external_id):
                return _json([{"errors": [{"message": "product not found", "path": ["pdpGetLayout"],
                                           "extensions": {"code": 404}}],
                               "data": {"pdpGetLayout": None}}])
            return _json([{"data": {"pdpGetLayout": self.layout_json(listing, ctx)}}])

        async def search_page(request: web.Request) -> web.Response:
            return web.Response(text=_SEARCH_PAGE.replace("__API__", origin), content_type="text/html")

        async def product_page(request: web.Request) -> web.Response:
            page = _PRODUCT_PAGE.replace("__API__", origin).replace(
                "__TITLE__", escape(request.match_info["product"]))
            return web.Response(text=page, content_type="text/html")

        return [
            web.post("/graphql/SearchProductV5Query", search),
            web.post("/graphql/PDPGetLayoutQuery", pdp),
            web.get("/search", search_page),
            web.get("/{shop:(?!img/)[^/]+}/{product}", product_page),  # /img/ is the core's
        ]


_SEARCH_PAGE = """<!DOCTYPE html><html lang="id"><head><meta charset="utf-8"><title>Jual | Tokopedia</title></head>
<body><div data-testid="divSRPContentProducts" id="grid"></div><div id="sentinel" style="height:1px"></div>
<script>
// Infinite scroll, as the real search page: ?page=N is ignored except that N > 1 shows an empty
// grid; reaching the bottom asks for the next page with page/start (and the last answer's
// header.additionalParams) in the GraphQL params string.
(() => {
  const qs = new URLSearchParams(location.search);
  const grid = document.getElementById('grid');
  if (parseInt(qs.get('page') || '1', 10) > 1) {
    grid.textContent = 'Oops, produk nggak ditemukan';
    return;
  }
  let page = 0, extra = '', loading = false, done = false;
  async function more() {
    if (loading || done) return;
    loading = true;
    page += 1;
    const params = new URLSearchParams({device: 'desktop', ob: qs.get('ob') || '23', page: String(page),
      q: qs.get('q') || '', rows: '60', source: 'search', st: 'product', start: String((page - 1) * 60)});
    for (const [k, v] of new URLSearchParams(extra)) if (!['page', 'start', 'q', 'ob'].includes(k)) params.set(k, v);
    const body = [{operationName: 'SearchProductV5Query', variables: {params: params.toString()},
      query: 'query SearchProductV5Query($params: String!) { searchProductV5(params: $params) { header { totalData } } }'}];
    const answer = await fetch('__API__/graphql/SearchProductV5Query', {method: 'POST',
      headers: {'Content-Type': 'application/json', 'X-Source': 'tokopedia-lite', 'X-Tkpd-Lite-Service': 'zeus'},
      body: JSON.stringify(body)});
    const doc = await answer.json().catch(() => []);
    const result = ((doc[0] || {}).data || {}).searchProductV5 || {header: {}, data: {}};
    const products = (result.data || {}).products || [];
    extra = (result.header || {}).additionalParams || '';
    done = products.length === 0;
    for (const p of products) {
      const a = document.createElement('a');
      a.href = p.url || '#'; a.textContent = p.name + ' ' + ((p.price || {}).text || '');
      a.style.display = 'block'; a.style.height = '400px';
      grid.appendChild(a);
    }
    loading = false;
  }
  window.addEventListener('scroll', () => {
    if (window.innerHeight + window.scrollY >= document.body.scrollHeight - 2) more();
  });
  more();
})();
</script></body></html>
"""

_PRODUCT_PAGE = """<!DOCTYPE html><html lang="id"><head><meta charset="utf-8"><title>__TITLE__ | Tokopedia</title></head>
<body><h1 data-testid="lblPDPDetailProductName"></h1><div data-testid="lblPDPDescriptionProduk"></div>
<script>
(async () => {
  const parts = location.pathname.split('/').filter(Boolean);
  const body = [{operationName: 'PDPGetLayoutQuery', variables: {shopDomain: parts[parts.length - 2],
    productKey: parts[parts.length - 1], layoutID: '', apiVersion: 1},
    query: 'query PDPGetLayoutQuery { pdpGetLayout { basicInfo { id } } }'}];
  const answer = await fetch('__API__/graphql/PDPGetLayoutQuery', {method: 'POST',
    headers: {'Content-Type': 'application/json', 'X-Source': 'tokopedia-lite'}, body: JSON.stringify(body)});
  const doc = await answer.json().catch(() => []);
  const layout = ((doc[0] || {}).data || {}).pdpGetLayout;
  if (!layout) { document.querySelector('h1').textContent = 'Produk tidak ditemukan'; return; }
  document.querySelector('h1').textContent = layout.basicInfo.shopName;
})();
</script></body></html>
"""

SHOP = TokopediaShop()
