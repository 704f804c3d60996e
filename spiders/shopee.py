"""Shopee Indonesia: v4 ``search_items`` sorted by creation time, item detail via v4 ``item/get``.

Requests follow Shopee's own web client (``shared/recorded/NOTES.md``): headers
``x-api-source: pc``, ``x-shopee-language: id``, ``x-requested-with:
XMLHttpRequest`` and the search page as referer; ``by=ctime&order=desc`` is
newest first; pagination is the item offset ``newest`` in steps of ``limit``.
Shopee answers plain API clients with HTTP 200 ``{"error": 90309999}``, which
the parser reports as blocked; the ``browser`` transport (the default in
configuration) loads ``{web_base}/search?keyword=...&sortBy=ctime`` and reads
the page's own ``/api/v4/search/search_items`` response.

Detail: ``{api_base}/api/v4/item/get?itemid=..&shopid=..`` (the v2 shape is the
recorded one; v4 carries the same object under ``data``). On the browser
transport the product page ``/product/<shopid>/<itemid>`` is loaded and its own
``item/get`` or ``pdp/get_pc`` answer captured.
"""

from __future__ import annotations

from typing import ClassVar
from urllib.parse import urlencode

from crawler.items import ListingItem
from spiders.base import ApiCall, DetailParser, MarketplaceSpider, SearchParser
from spiders.parsers import shopee as parser


class ShopeeSpider(MarketplaceSpider):
    name = "shopee"
    marketplace = "shopee"
    search_parser: ClassVar[SearchParser] = staticmethod(parser.parse_search)
    detail_parser: ClassVar[DetailParser | None] = staticmethod(parser.parse_detail)

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
