"""Lazada Indonesia: catalogue search with ``ajax=true`` (newest first is not offered), product pages.

Requests follow Lazada's own web client (``shared/recorded/NOTES.md``):
``{api_base}/catalog/?ajax=true&isFirstRequest=true&page=N&q=...`` with the
catalogue page as referer; 40 items a page. Lazada's sort options are
popularity and price only, so ktpwatch keeps the default (best match) and
relies on the page limit. Alibaba's "Baxia" anti-bot answers with
``RGV587_ERROR`` JSON or a redirect to ``/_____tmd_____/punish`` (a slider
captcha), both reported as captcha by the parser; the ``browser`` transport
(the default in configuration) loads ``{web_base}/catalog/?q=...`` and reads
the page's own ``ajax=true`` response.

Detail: the product page itself (``/products/<slug>-i<item>-s<sku>.html``),
whose inline module JSON carries the full description; on the browser
transport the same document response is captured.
"""

from __future__ import annotations

from typing import ClassVar
from urllib.parse import urlencode

from spiders.base import ApiCall, DetailParser, MarketplaceSpider, SearchParser
from spiders.items import ListingItem
from spiders.parsers import lazada as parser


class LazadaSpider(MarketplaceSpider):
    name = "lazada"
    marketplace = "lazada"
    search_parser: ClassVar[SearchParser] = staticmethod(parser.parse_search)
    detail_parser: ClassVar[DetailParser | None] = staticmethod(parser.parse_detail)

    def browser_search_url(self, query: str, page: int, token: str | None) -> str:
        params = {"q": query}
        if page > 1:
            params["page"] = str(page)
        return f"{self.base_url}/catalog/?{urlencode(params)}"

    def api_search_call(self, query: str, page: int, token: str | None) -> ApiCall:
        params = {"ajax": "true", "isFirstRequest": "true", "page": str(page), "q": query}
        return ApiCall(
            url=f"{self.api_base}/catalog/?{urlencode(params)}",
            headers={
                "Accept": "application/json, text/plain, */*",
                "Referer": self.browser_search_url(query, 1, None),
                "X-Requested-With": "XMLHttpRequest",
            },
        )

    def is_search_api_url(self, url: str) -> bool:
        return "/catalog/" in url and "ajax=true" in url

    def api_detail_call(self, item: ListingItem) -> ApiCall | None:
        return ApiCall(url=item.url, headers={"Accept": "text/html,application/xhtml+xml"})

    def is_detail_api_url(self, url: str) -> bool:
        return "/products/" in url and url.split("?", 1)[0].endswith(".html")
