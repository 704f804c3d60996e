"""Sandbox Lazada Indonesia: catalogue search (``ajax=true`` JSON and the page), product pages.

Shapes: ``mainInfo`` / ``mods.listItems`` follow the real capture
(``tests/fixtures/lazada/search/alat_terapi``: iqbalme/nusantarads-backend 2020),
40 items a page, ``page=N``; ``productUrl`` is protocol-relative
``//host/products/<slug>-i<item>-s<sku>.html``. The product page embeds
``var __moduleData__ = {data: {root: {fields: {product{title, desc, highlights},
seller, primaryKey, skuInfos, skuGalleries}}}}`` as Lazada's PDP does (see
``spiders/parsers/lazada.py``). No results: ``mods`` without ``listItems``; a
removed product answers Lazada's "Halaman tidak ditemukan" page with 404;
blocks are Baxia's ``RGV587_ERROR`` JSON. The catalogue page (same path
without ``ajax``) calls the ``ajax=true`` API from its script.
"""

from __future__ import annotations

import json
import random
from html import escape
from typing import Any

from aiohttp import web

from sandbox.catalogue_types import SandboxListing
from sandbox.shops.base import Shop, ShopContext
from sandbox.shops.blibli import query_number
from sandbox.shops.slugs import title_slug
from sandbox.shops.unknown_layout import unknown_layout_response

PAGE_SIZE = 40
_ITEM = "-i"


def _json(data: Any, status: int = 200) -> web.Response:
    return web.json_response(data, status=status, dumps=lambda d: json.dumps(d, ensure_ascii=False))


def rupiah(price: int) -> str:
    return "Rp" + f"{price:,}".replace(",", ".")


class LazadaShop(Shop):
    name = "lazada"
    layout_renames = {"listItems": "itemList", "productUrl": "itemLink"}
    # both names are in public clients' field lists (NOTES.md: productUrl|itemUrl)
    optional_renames = {"productUrl": "itemUrl"}
    captcha_path = "/_____tmd_____/punish"
    login_path = "/user/login"

    def extra_fields(self, index: int, rng: random.Random) -> tuple[tuple[str, str], ...]:
        return (("sku_id", str(2_000_000_000 + index * 7919 + rng.randrange(7919))),)

    def listing_url(self, listing: SandboxListing, ctx: ShopContext) -> str:
        slug = title_slug(listing.title, max_length=80)
        sku = listing.extra_value("sku_id", "0")
        return f"{ctx.base_url}/products/{slug}-i{listing.external_id}-s{sku}.html"

    def external_id_from_url(self, url: str) -> str | None:
        name = url.split("?", 1)[0].rsplit("/", 1)[-1]
        if _ITEM not in name:
            return None
        item = name.rsplit(_ITEM, 1)[1].split("-s", 1)[0]
        return item if item.isdigit() else None

    def blocked_response(self, request: web.Request) -> web.StreamResponse:
        return _json({"api": "mtop.lazada.catalog", "v": "1.0",
                      "ret": ["RGV587_ERROR::SM::哎哟喂,被挤爆啦,请稍后重试"],
                      "data": {"url": "/_____tmd_____/punish?x5secdata=sandbox"}})

    def captcha_response(self, request: web.Request) -> web.StreamResponse:
        """Baxia's punish page (the slider captcha), status 200, where the answer should be."""
        return web.Response(text=_PUNISH_PAGE, content_type="text/html")

    def login_redirect(self, request: web.Request) -> web.StreamResponse:
        """Lazada sends a suspected bot to the punish page rather than to a login form."""
        return web.Response(status=302, headers={
            "Location": f"{self.captcha_path}?x5secdata=xd1a9c{len(request.path_qs)}&x5step=1"})

    def item_json(self, listing: SandboxListing, ctx: ShopContext) -> dict[str, Any]:
        url = self.listing_url(listing, ctx).split(":", 1)[1]  # protocol-relative like the real one
        sku = listing.extra_value("sku_id", "0")
        image = ctx.image_url(self.name, listing.image_ids[0]) if listing.image_ids else ""
        return {
            "name": listing.title, "nid": listing.external_id, "itemId": listing.external_id,
            "productUrl": url + "?search=1", "image": image,
            "originalPrice": f"{listing.price}.00", "originalPriceShow": rupiah(listing.price),
            "price": str(listing.price), "priceShow": rupiah(listing.price), "discount": "",
            "ratingScore": f"{listing.rating:.1f}", "review": "0", "tItemType": "nt_product",
            "location": listing.seller_city, "cheapest_sku": f"{listing.external_id}_ID-{sku}",
            "sku": f"{listing.external_id}_ID", "sellerName": listing.seller_name,
            "sellerId": listing.seller_id, "brandName": "No Brand",
            "itemSoldCntShow": f"{listing.sold} Terjual", "inStock": True,
        }

    def module_json(self, listing: SandboxListing, ctx: ShopContext) -> dict[str, Any]:
        return {"data": {"root": {"fields": {
            "primaryKey": {"itemId": listing.external_id, "skuId": listing.extra_value("sku_id", "0")},
            "product": {"title": listing.title, "desc": f"<p>{escape(listing.description)}</p>",
                        "highlights": ""},
            "seller": {"name": listing.seller_name, "sellerId": listing.seller_id,
                       "url": f"{ctx.base_url}/shop/{listing.seller_id}/"},
            "skuInfos": {"0": {"price": {"salePrice": {"value": listing.price,
                                                       "text": rupiah(listing.price)}}}},
            "skuGalleries": {"0": [{"src": ctx.image_url(self.name, i)} for i in listing.image_ids]},
        }}}}

    def routes(self, ctx: ShopContext) -> list[web.RouteDef]:
        origin = ctx.base_url

        async def catalog(request: web.Request) -> web.Response:
            if request.query.get("ajax") != "true":
                return web.Response(text=_CATALOG_PAGE.replace("__API__", origin), content_type="text/html")
            query = request.query.get("q", "")
            page = max(1, query_number(request.query.get("page"), 1))
            found = list(ctx.search(self.name, query, sort="relevance")) if query.strip() else []
            chunk = found[(page - 1) * PAGE_SIZE:page * PAGE_SIZE]
            if ctx.unknown_layout(self.name):
                return unknown_layout_response(
                    chunk, len(found), url_of=lambda p: self.listing_url(p, ctx),
                    image_of=lambda p: ctx.image_url(self.name, p.image_ids[0]) if p.image_ids else "")
            mods: dict[str, Any] = {"filter": {}, "breadcrumb": [], "sortBar": {}}
            if chunk:
                mods["listItems"] = [self.item_json(p, ctx) for p in chunk]
            else:
                mods["resultTips"] = {"tips": "Maaf, kami tidak menemukan hasil untuk pencarian Anda"}
            info = {"errorMsg": "", "bizCode": 0, "totalResults": str(len(found)),
                    "pageSize": str(PAGE_SIZE), "page": str(page), "q": query, "pageType": "searchList",
                    "lang": "id", "venture": "ID", "currency": "Rp"}
            return _json({"mainInfo": info, "mods": mods})

        async def product(request: web.Request) -> web.Response:
            external_id = self.external_id_from_url(request.path) or ""
            listing = ctx.get(self.name, external_id)
            if listing is None or ctx.is_removed(self.name, external_id):
                return web.Response(status=404, text=_NOT_FOUND_PAGE, content_type="text/html")
            module = json.dumps(self.module_json(listing, ctx), ensure_ascii=False).replace("</", "<\\/")
            html = (f"<!DOCTYPE html><html lang=\"id\"><head><meta charset=\"utf-8\"><title>"
                    f"{escape(listing.title)} | Lazada Indonesia</title></head><body><div id=\"root\">"
                    f"<h1 class=\"pdp-mod-product-badge-title\">{escape(listing.title)}</h1></div>\n"
                    f"<script>\nvar __moduleData__ = {module};\n</script>\n</body></html>\n")
            return web.Response(text=html, content_type="text/html")

        return [web.get("/catalog/", catalog), web.get("/products/{slug}", product)]


_PUNISH_PAGE = """<!DOCTYPE html><html><head><meta charset="utf-8">
<meta name="viewport" content="width=device-width,initial-scale=1"><title>Lazada</title></head>
<body><div id="nocaptcha" class="nc-container"></div>
<div class="warnning-text">Sorry, we have detected unusual traffic from your network.
Please slide to verify. 请拖动滑块完成验证</div>
<script>window._config_ = {"action": "captcha", "NCAPPKEY": "X82Y__sandbox", "SECDATA": "xd1a9c",
"url": "/_____tmd_____/punish", "x5secdata": "xd1a9c"};</script>
<script src="//g.alicdn.com/sd/punish/waf_nc.js"></script></body></html>
"""

_NOT_FOUND_PAGE = """<!DOCTYPE html><html lang="id"><head><meta charset="utf-8"><title>Halaman tidak ditemukan</title></head>
<body><div class="error-page"><h1>Maaf, halaman yang Anda cari tidak ditemukan</h1></div></body></html>
"""

_CATALOG_PAGE = """<!DOCTYPE html><html lang="id"><head><meta charset="utf-8"><title>Lazada Indonesia</title></head>
<body><div data-qa-locator="general-products" id="products"></div>
<script>
(async () => {
  const qs = new URLSearchParams(location.search);
  const params = new URLSearchParams({ajax: 'true', isFirstRequest: 'true', page: qs.get('page') || '1',
    q: qs.get('q') || ''});
  const answer = await fetch('__API__/catalog/?' + params, {headers: {'x-requested-with': 'XMLHttpRequest'}});
  const doc = await answer.json().catch(() => ({}));
  const box = document.getElementById('products');
  for (const it of ((doc.mods || {}).listItems || [])) {
    const div = document.createElement('div');
    div.setAttribute('data-qa-locator', 'product-item');
    div.textContent = it.name + ' ' + it.priceShow;
    box.appendChild(div);
  }
})();
</script></body></html>
"""

SHOP = LazadaShop()
