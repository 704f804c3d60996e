"""Blibli spider: ``backend/search/products`` (newest first), product ``_summary`` for details.

Request shape from ``shared/recorded/NOTES.md`` (Blibli section): query string
``sort=<code>&page=N&start=(N-1)*24&searchTerm=…&intent=true&merchantSearch=true&
multiCategory=true&customUrl=&channelId=web&showFacet=false&itemPerPage=24`` with
``Accept: application/json`` and ``channelid: web``. The browser transport loads
Blibli's own search page ``{web}/cari/<term>`` whose script calls the same API;
the product page ``{web}/p/<slug>/ps--<sku>`` calls ``_summary`` the same way.
In 2026 Blibli answers 403 to non-Indonesian traffic: the base reads it as blocked.
"""

from __future__ import annotations

from urllib.parse import quote, urlencode

from spiders.base import ApiCall, MarketplaceSpider
from spiders.items import ListingItem
from spiders.parsers import blibli as parser

API_HEADERS = {"Accept": "application/json, text/plain, */*", "channelid": "web"}


class BlibliSpider(MarketplaceSpider):
    name = "blibli"
    marketplace = "blibli"
    search_parser = staticmethod(parser.parse_search)
    detail_parser = staticmethod(parser.parse_detail)

    def _page_size(self) -> int:
        return self.market.page_size or parser.PAGE_SIZE

    def search_params(self, query: str, page: int) -> dict[str, str | int]:
        return {
            "sort": parser.SORT_NEWEST,
            "page": page,
            "start": (page - 1) * self._page_size(),
            "searchTerm": query,
            "intent": "true",
            "merchantSearch": "true",
            "multiCategory": "true",
            "customUrl": "",
            "channelId": "web",
            "showFacet": "false",
            "itemPerPage": self._page_size(),
        }

    def api_search_call(self, query: str, page: int, token: str | None) -> ApiCall:
        url = f"{self.api_base}/backend/search/products?{urlencode(self.search_params(query, page))}"
        referer = f"{self.base_url}/cari/{quote(query)}"
        return ApiCall(url, headers={**API_HEADERS, "Referer": referer})

    def browser_search_url(self, query: str, page: int, token: str | None) -> str:
        return f"{self.base_url}/cari/{quote(query)}?{urlencode({'sort': parser.SORT_NEWEST, 'page': page})}"

    def is_search_api_url(self, url: str) -> bool:
        return "/backend/search/products" in url

    def api_detail_call(self, item: ListingItem) -> ApiCall | None:
        url = f"{self.api_base}/backend/product-detail/products/{quote(item.external_id)}/_summary"
        return ApiCall(url, headers={**API_HEADERS, "Referer": item.url or self.base_url})

    def is_detail_api_url(self, url: str) -> bool:
        return "/backend/product-detail/products/" in url and url.split("?")[0].endswith("/_summary")
