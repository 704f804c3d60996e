"""The "unknown layout" switch: a shop's search answers the same products in a JSON shape never seen.

Shops redesign their APIs without notice. When one does, the known JSON paths
all miss, yet each product still sits in one object with an id, a title and
a price: that is what a shape-agnostic fallback can find, and all this answer
promises. The nesting is unlike any shop's documented shape
(``result.catalog.tiles[].{id, title, price, link, visual, merchant}``), so
only a parser that looks for product-like objects reads it.
"""

from __future__ import annotations

import json
from collections.abc import Callable, Sequence
from typing import Any

from aiohttp import web

from sandbox.catalogue_types import SandboxListing


def unknown_layout_response(
    listings: Sequence[SandboxListing], total: int, *,
    url_of: Callable[[SandboxListing], str], image_of: Callable[[SandboxListing], str],
) -> web.Response:
    """Search results for ``listings`` (``total`` matches in all) in the unknown shape, as JSON."""
    body = unknown_layout_json(listings, total, url_of=url_of, image_of=image_of)
    return web.json_response(body, dumps=lambda d: json.dumps(d, ensure_ascii=False))


def unknown_layout_json(
    listings: Sequence[SandboxListing], total: int, *,
    url_of: Callable[[SandboxListing], str], image_of: Callable[[SandboxListing], str],
) -> dict[str, Any]:
    """The unknown shape itself (for pages that embed their data in the HTML)."""
    tiles = [{
        "id": listing.external_id,
        "title": listing.title,
        "price": listing.price,
        "currency": "IDR",
        "link": url_of(listing),
        "visual": image_of(listing),
        "merchant": {"ref": listing.seller_id, "label": listing.seller_name, "area": listing.seller_city},
    } for listing in listings]
    return {"result": {"catalog": {"tiles": tiles}, "count": total}, "ok": True}
