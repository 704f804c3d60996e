"""Shopee Indonesia: v4 ``search_items`` sorted by creation time, item detail via v4 ``item/get``.

Requests follow Shopee's own web client (``shared/recorded/NOTES.md``): headers
``x-api-source: pc``, ``x-shopee-language: id``, ``x-requested-with:
XMLHttpRequest`` and the search page as referer; ``by=ctime&order=desc`` is
newest first; pagination is the item offset ``newest`` in steps of ``limit``.
Shopee answers plain API clients with HTTP 200 ``{"error": 90309999}``, which
the parser reports as blocked; the ``browser`` transport (the default in
configuration) loads ``{web_base}/search?keyword=...&sortBy=ctime`` and reads
the page's own ``/api/v4/search/search_items`` response.

Photos: answers name an image id, which the parser puts on Shopee's CDN
(``parser.REAL_IMAGE_CDN``); a deployment that fetches that CDN's files from
elsewhere (a mirror, a stand-in) says so with ``image_base_url``, and the
spider moves the photo URLs there. Configuration is the only switch.

Detail: ``{api_base}/api/v4/item/get?itemid=..&shopid=..`` (the v2 shape is the
recorded one; v4 carries the same object under ``data``). On the browser
transport the product page ``/product/<shopid>/<itemid>`` is loaded and its own
``item/get`` or ``pdp/get_pc`` answer captured.
"""

from __future__ import annotations

import functools
from dataclasses import replace
from typing import Any, ClassVar
from urllib.parse import urlencode

from config.settings import Settings
from spiders.base import ApiCall, DetailParser, MarketplaceSpider, SearchParser
from spiders.items import ListingItem, PageOutcome
from spiders.parsers import shopee as parser


def rebased_photos(item: ListingItem, image_base_url: str) -> ListingItem:
    """``item`` with photos on Shopee's CDN moved to ``image_base_url`` (unchanged when empty)."""
    if not image_base_url or image_base_url == parser.REAL_IMAGE_CDN:
        return item
    cdn = parser.REAL_IMAGE_CDN
    urls = [image_base_url + u[len(cdn):] if u.startswith(cdn) else u for u in item.image_urls]
    return replace(item, image_urls=urls)


def _search(body: bytes | str, *, url: str, base_url: str, query: str = "",
            image_base_url: str = "") -> tuple[list[ListingItem], PageOutcome]:
    items, outcome = parser.parse_search(body, url=url, base_url=base_url, query=query)
    return [rebased_photos(i, image_base_url) for i in items], outcome


def _detail(body: bytes | str, *, url: str, base_url: str, item: ListingItem | None = None,
            image_base_url: str = "") -> tuple[ListingItem | None, PageOutcome]:
    found, outcome = parser.parse_detail(body, url=url, base_url=base_url, item=item)
    return (rebased_photos(found, image_base_url) if found is not None else None), outcome


class ShopeeSpider(MarketplaceSpider):
    name = "shopee"
    marketplace = "shopee"
    search_parser: ClassVar[SearchParser] = staticmethod(parser.parse_search)
    detail_parser: ClassVar[DetailParser | None] = staticmethod(parser.parse_detail)

    def configure(self, ktp_settings: Settings | None, detail_filter: Any = None) -> None:
        """Read configuration, then read photos from the configured ``image_base_url``."""
        super().configure(ktp_settings, detail_filter)
        image_base = self.market.image_base_url
        # Instance attributes shadow the class's plain parsers for this spider only.
        self.search_parser = functools.partial(_search, image_base_url=image_base)  # type: ignore[misc]
        self.detail_parser = functools.partial(_detail, image_base_url=image_base)  # type: ignore[misc]

    def _headers(self, referer: str) -> dict[str, str]:
        return {
            "Accept": "application/json",
            "Referer": referer,
            "X-Api-Source": "pc",
            "X-Shopee-Language": "id",
            "X-Requested-With": "XMLHttpRequest",
        }

    def browser_search_url(self, query: str, page: int, token: str | None) -> str:
        params = {"keyword": query, "sortBy": "ctime"}
        if page > 1:
            params["page"] = str(page - 1)  # Shopee's web pages count from 0
        return f"{self.base_url}/search?{urlencode(params)}"

    def api_search_call(self, query: str, page: int, token: str | None) -> ApiCall:
        limit = self.market.page_size
        params = {
            "by": "ctime",
            "keyword": query,
            "limit": str(limit),
            "newest": token or str((page - 1) * limit),
            "order": "desc",
            "page_type": "search",
            "scenario": "PAGE_GLOBAL_SEARCH",
            "version": "2",
        }
        return ApiCall(
            url=f"{self.api_base}/api/v4/search/search_items?{urlencode(params)}",
            headers=self._headers(self.browser_search_url(query, 1, None)),
        )

    def is_search_api_url(self, url: str) -> bool:
        return "/api/v4/search/search_items" in url or "/api/v2/search_items" in url

    def api_detail_call(self, item: ListingItem) -> ApiCall | None:
        if not item.seller_id:
            return None
        params = urlencode({"itemid": item.external_id, "shopid": item.seller_id})
        return ApiCall(
            url=f"{self.api_base}/api/v4/item/get?{params}", headers=self._headers(item.url)
        )

    def is_detail_api_url(self, url: str) -> bool:
        return "/api/v4/item/get" in url or "/api/v4/pdp/get_pc" in url or "/api/v2/item/get" in url
