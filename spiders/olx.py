"""OLX Indonesia spider: panamera ``api/relevance/v4/search``, newest first, no detail fetch.

Request shape from ``shared/recorded/NOTES.md`` (OLX section, after fdciabdul/OLX-SCRAPER):
``facet_limit=100&location=1000001&location_facet_limit=20&platform=web-desktop&
query=…&relaxedFilters=true&spellcheck=true&page=N&size=40&sorting=desc-creation`` with
header ``x-panamera-client-id: web-desktop``. Pages count from 0 (the next page
number is read from ``metadata.next_page_url``). Search ads already carry their
description, so no detail page is fetched during a scan; ``parsers.olx.parse_detail``
reads the item page for follow-up re-checks. The browser transport loads OLX's own
search page ``{web}/items/q-<query slug>``, whose script calls the same API.
"""

from __future__ import annotations

from urllib.parse import urlencode

from spiders.base import ApiCall, MarketplaceSpider
from spiders.parsers import olx as parser
from spiders.parsers.page_signals import slugify

API_HEADERS = {"Accept": "application/json", "x-panamera-client-id": "web-desktop"}
#: ``location=1000001`` is the whole of Indonesia in OLX's location tree
INDONESIA = "1000001"


class OlxSpider(MarketplaceSpider):
    name = "olx"
    marketplace = "olx"
    search_parser = staticmethod(parser.parse_search)
    detail_parser = None

    @staticmethod
    def olx_page(page: int, token: str | None) -> int:
        """OLX's 0-based page number for the base's 1-based ``page``."""
        return int(token) if token and token.isdigit() else page - 1

    def api_search_call(self, query: str, page: int, token: str | None) -> ApiCall:
        params = {
            "facet_limit": 100,
            "location": INDONESIA,
            "location_facet_limit": 20,
            "platform": "web-desktop",
            "query": query,
            "relaxedFilters": "true",
            "spellcheck": "true",
            "page": self.olx_page(page, token),
            "size": self.market.page_size or parser.PAGE_SIZE,
            "sorting": "desc-creation",
        }
        url = f"{self.api_base}/api/relevance/v4/search?{urlencode(params)}"
        return ApiCall(url, headers={**API_HEADERS, "Referer": self.browser_search_url(query, 1, None)})

    def browser_search_url(self, query: str, page: int, token: str | None) -> str:
        params = {"sorting": "desc-creation"}
        if page > 1:
            params["page"] = str(self.olx_page(page, token))
        return f"{self.base_url}/items/q-{slugify(query) or 'iklan'}?{urlencode(params)}"

    def is_search_api_url(self, url: str) -> bool:
        return "/api/relevance/v4/search" in url
