"""A minimal shop for testing the sandbox core without any real marketplace module.

Search: ``GET /api/search?q=&page=&rows=&sort=`` answers
``{"data": {"items": [...], "total": N, "page": p, "has_more": bool}}``;
detail: ``GET /api/item/{id}`` (404 ``{"error": "not_found"}`` once removed);
block: 200 ``{"error": 90309999}`` like Shopee's.
"""

from __future__ import annotations

import re
from typing import ClassVar

from aiohttp import web

from sandbox.catalogue_types import SandboxListing
from sandbox.shops.base import Shop, ShopContext


class ToyShop(Shop):
    name = "toyshop"
    layout_renames: ClassVar[dict[str, str]] = {"items": "productList", "title": "productName"}

    def routes(self, ctx: ShopContext) -> list[web.RouteDef]:
        async def search(request: web.Request) -> web.Response:
            q = request.query.get("q", "")
            page = int(request.query.get("page", "1"))
            rows = int(request.query.get("rows", "20"))
            hits = ctx.search(self.name, q, sort=request.query.get("sort", "newest"))
            chunk = hits[(page - 1) * rows: page * rows]
            return web.json_response({"data": {
                "items": [self._card(h, ctx) for h in chunk],
                "total": len(hits), "page": page, "has_more": page * rows < len(hits),
            }})

        async def item(request: web.Request) -> web.Response:
            ext = request.match_info["id"]
            listing = ctx.get(self.name, ext)
            if listing is None or ctx.is_removed(self.name, ext):
                return web.json_response({"error": "not_found"}, status=404)
            return web.json_response({"data": {**self._card(listing, ctx),
                                               "description": listing.description}})

        async def page(request: web.Request) -> web.Response:
            return web.Response(text="<html><script src='app.js'></script></html>",
                                content_type="text/html")

        async def script(request: web.Request) -> web.Response:
            return web.Response(text="console.log('toy')", content_type="application/javascript")

        return [web.get("/api/search", search), web.get("/api/item/{id}", item),
                web.get("/search", page), web.get("/static/app.js", script)]

    def _card(self, listing: SandboxListing, ctx: ShopContext) -> dict[str, object]:
        return {"id": listing.external_id, "title": listing.title, "price": listing.price,
                "url": self.listing_url(listing, ctx),
                "images": [ctx.image_url(self.name, i) for i in listing.image_ids]}

    def listing_url(self, listing: SandboxListing, ctx: ShopContext) -> str:
        return f"{ctx.base_url}/item/{listing.external_id}"

    def external_id_from_url(self, url: str) -> str | None:
        match = re.search(r"/item/(\d+)", url)
        return match.group(1) if match else None

    def blocked_response(self, request: web.Request) -> web.StreamResponse:
        return web.json_response({"error": 90309999, "action_type": 2})


class OtherToyShop(ToyShop):
    name = "othertoy"
