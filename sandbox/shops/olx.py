"""Sandbox OLX Indonesia: panamera ``api/relevance/v4/search``, item pages, the search page.

The ad object and the answer envelope (``version``, ``data``, ``metadata.total_ads``,
``metadata.next_page_url``, ``empty``, ``not_empty``, ``suggested_data``) follow
``shared/recorded/olx/olx_platform_relevance_v4_feed_turkey_2023_letgo-clone.json``
(real OLX Group panamera answer, OLX Turkey 2023) field for field, in rupiah and
with Indonesian ``locations_resolved``. Pages count from 0, as in that capture.
The item page ``/item/<slug>-iid-<id>`` embeds the ad as ``window.__APP.states.items.
elements[<id>]`` (panamera's page state); a removed ad gets OLX's own not-found page
(HTTP 404). Blocks are Akamai's 403 "Access Denied" (shared/recorded/NOTES.md).
The search page ``/items/q-<slug>`` calls the same API from its script.
"""

from __future__ import annotations

import json
import re
from html import escape
from typing import Any
from urllib.parse import urlencode

from aiohttp import web

from sandbox.catalogue_types import SandboxListing
from sandbox.interstitial import akamai_challenge_html
from sandbox.shops.base import Shop, ShopContext
from sandbox.shops.blibli import akamai_denied, query_number
from sandbox.shops.slugs import title_slug
from sandbox.shops.unknown_layout import unknown_layout_response

PAGE_SIZE = 40
#: OLX ad URLs end in ``-iid-<ad id>`` (``/item/<title slug>-iid-<id>``)
_AD_ID = re.compile(r"-iid-(\d+)(?:[/?#]|$)")


def ad_id_from_url(url: str) -> str | None:
    match = _AD_ID.search(url)
    return match.group(1) if match else None


def rupiah(price: int) -> str:
    return "Rp " + f"{price:,}".replace(",", ".")


class OlxShop(Shop):
    name = "olx"
    layout_renames = {"data": "ads", "title": "ad_title"}

    def listing_url(self, listing: SandboxListing, ctx: ShopContext) -> str:
        return f"{ctx.base_url}/item/{title_slug(listing.title, fallback='iklan')}-iid-{listing.external_id}"

    def external_id_from_url(self, url: str) -> str | None:
        return ad_id_from_url(url)

    def blocked_response(self, request: web.Request) -> web.StreamResponse:
        return akamai_denied(request)  # OLX sits behind Akamai too

    def captcha_response(self, request: web.Request) -> web.StreamResponse:
        return web.Response(text=akamai_challenge_html("OLX.co.id"), content_type="text/html")

    def ad_json(self, listing: SandboxListing, ctx: ShopContext) -> dict[str, Any]:
        """One ad in the panamera relevance v4 shape."""
        created = listing.created_at.isoformat()
        images = []
        for n, image_id in enumerate(listing.image_ids):
            url = ctx.image_url(self.name, image_id)
            images.append({
                "id": f"{listing.external_id}{n}", "external_id": image_id, "width": 800, "height": 600,
                "url": url, "full": {"width": 800, "height": 600, "url": url},
                "big": {"width": 505, "height": 379, "url": url},
                "medium": {"width": 120, "height": 90, "url": url},
                "small": {"width": 120, "height": 90, "url": url},
            })
        return {
            "id": listing.external_id,
            "score": 1.0,
            "status": {"status": "active", "allow_edit": False, "ban_reason_id": None, "display": "new",
                       "translated_display": "Aktif", "link": None,
                       "flags": {"new": True, "hot": False}, "message": None},
            "category_id": "4827",
            "ad_id": listing.external_id,
            "favorites": {"count": 0, "count_label_next": "1"},
            "has_phone_param": False,
            "description": listing.description,
            "created_at": created,
            "created_at_first": created,
            "display_date": created,
            "package_id": None,
            "title": listing.title,
            "price": {"value": {"raw": float(listing.price),
                                "currency": {"iso_4217": "IDR", "pre": "Rp", "locale": "id-ID"},
                                "display": rupiah(listing.price)},
                      "key_name": "Harga", "key": "price"},
            "images": images,
            "locations_resolved": {
                "COUNTRY_id": "1000001", "COUNTRY_name": "Indonesia",
                "ADMIN_LEVEL_3_id": "4000030", "ADMIN_LEVEL_3_name": listing.seller_city,
            },
            "user_id": listing.seller_id,
            "main_info": "",
            "parameters": [],
            "user_type": "Regular",
        }

    def routes(self, ctx: ShopContext) -> list[web.RouteDef]:
        origin = ctx.base_url

        async def search(request: web.Request) -> web.Response:
            query = request.query.get("query", "")
            size = max(1, min(query_number(request.query.get("size"), PAGE_SIZE), 100))
            page = query_number(request.query.get("page"), 0)
            sort = "newest" if request.query.get("sorting") == "desc-creation" else "relevance"
            found = list(ctx.search(self.name, query, sort=sort)) if query.strip() else []
            chunk = found[page * size:(page + 1) * size]
            if ctx.unknown_layout(self.name):
                return unknown_layout_response(
                    chunk, len(found), url_of=lambda p: self.listing_url(p, ctx),
                    image_of=lambda p: ctx.image_url(self.name, p.image_ids[0]) if p.image_ids else "")
            more = (page + 1) * size < len(found)
            next_url = f"{origin}/api/relevance/v4/search?{urlencode({**request.query, 'page': page + 1})}"
            data = {
                "version": "100.9",
                "data": [self.ad_json(p, ctx) for p in chunk],
                "metadata": {"total_ads": len(found), "next_page_url": next_url if more else None,
                             "feed_version": "100.9", "sections": [], "filters": [], "applied_filters": []},
                "empty": not found,
                "not_empty": bool(found),
                "suggested_data": [],
            }
            return web.json_response(data, dumps=lambda d: json.dumps(d, ensure_ascii=False))

        async def item_page(request: web.Request) -> web.Response:
            ad_id = ad_id_from_url(request.path) or ""
            listing = ctx.get(self.name, ad_id)
            if listing is None or ctx.is_removed(self.name, ad_id):
                return web.Response(status=404, text=_NOT_FOUND_PAGE, content_type="text/html")
            state = {"states": {"items": {"elements": {ad_id: self.ad_json(listing, ctx)}}},
                     "config": {"siteCode": "olxid"}}
            script = json.dumps(state, ensure_ascii=False).replace("</", "<\\/")
            html = (f"<!DOCTYPE html><html lang=\"id\"><head><meta charset=\"utf-8\"><title>{escape(listing.title)}"
                    f" | OLX.co.id</title></head><body><h1>{escape(listing.title)}</h1>"
                    f"<p>{escape(rupiah(listing.price))}</p><div>{escape(listing.description)}</div>\n"
                    f"<script>window.__APP = {script};</script>\n</body></html>\n")
            return web.Response(text=html, content_type="text/html")

        async def search_page(request: web.Request) -> web.Response:
            return web.Response(text=_SEARCH_PAGE.replace("__API__", origin), content_type="text/html")

        return [
            web.get("/api/relevance/v4/search", search),
            web.get(r"/item/{slug_id:.+-iid-\d+}", item_page),
            web.get("/items/{q}", search_page),
        ]


_NOT_FOUND_PAGE = """<!DOCTYPE html><html lang="id"><head><meta charset="utf-8"><title>Halaman tidak ditemukan - OLX.co.id</title></head>
<body><div><h1>Oops! Iklan yang kamu cari tidak ditemukan</h1></div>
<script>window.__APP = {"states":{"items":{"elements":{}}},"config":{"siteCode":"olxid"}};</script>
</body></html>
"""

_SEARCH_PAGE = """<!DOCTYPE html><html lang="id"><head><meta charset="utf-8"><title>OLX.co.id</title></head>
<body><ul id="listing" data-aut-id="itemsList"></ul>
<script>
(async () => {
  const slug = (location.pathname.split('/items/q-')[1] || '');
  const qs = new URLSearchParams(location.search);
  const params = new URLSearchParams({facet_limit: '100', location: '1000001', location_facet_limit: '20',
    platform: 'web-desktop', query: decodeURIComponent(slug).replace(/-/g, ' '), relaxedFilters: 'true',
    spellcheck: 'true', page: qs.get('page') || '0', size: '40', sorting: qs.get('sorting') || 'desc-creation'});
  const answer = await fetch('__API__/api/relevance/v4/search?' + params, {headers: {'x-panamera-client-id': 'web-desktop'}});
  const doc = await answer.json().catch(() => ({}));
  const list = document.getElementById('listing');
  for (const ad of (doc.data || [])) {
    const li = document.createElement('li');
    li.setAttribute('data-aut-id', 'itemBox');
    li.textContent = ad.title + ' — ' + ad.price.value.display;
    list.appendChild(li);
  }
})();
</script></body></html>
"""

SHOP = OlxShop()
