"""Facebook Marketplace spider: logged-out search page, GraphQL pagination, item pages.

Shapes and requests from 2scraper/facebook-marketplace-scraper's 2026 captures
(see ``spiders/parsers/facebook.py``): page 1 is the server-rendered search page
``{web}/marketplace/<city>/search/?query=…&sortBy=creation_time_descend`` whose
embedded JSON carries the first 24 listings and the end cursor; later pages are
``POST {web}/api/graphql/`` forms (``fb_api_req_friendly_name=
CometMarketplaceSearchContentPaginationQuery``, ``variables`` with the cursor,
``doc_id``). Details are the item page ``{web}/marketplace/item/<id>/``.

Transports: ``api`` fetches the page HTML and the GraphQL answers with plain
requests; ``browser`` loads the search page and item pages in Chromium and reads
the page document's embedded JSON (the spider matches the document response).
Later result pages replay the GraphQL form in both transports, as the page's
own infinite scroll would send it; Facebook may answer that with "Rate limit
exceeded", which the parser reports as blocked.
"""

from __future__ import annotations

import json
from typing import Any
from urllib.parse import urlencode

from scrapy.http import Request

from spiders.base import ApiCall, MarketplaceSpider
from spiders.items import ListingItem
from spiders.parsers import facebook as parser

#: Marketplace city slugs Facebook uses in URLs, with the coordinates its search form sends.
CITY_COORDINATES: dict[str, tuple[float, float]] = {
    "jakarta": (-6.2088, 106.8456),
    "surabaya": (-7.2575, 112.7521),
    "bandung": (-6.9175, 107.6191),
    "medan": (3.5952, 98.6722),
    "semarang": (-6.9667, 110.4167),
    "makassar": (-5.1477, 119.4327),
}
PAGE_HEADERS = {"Accept": "text/html,application/xhtml+xml", "Accept-Language": "id-ID,id;q=0.9,en;q=0.8"}


class FacebookSpider(MarketplaceSpider):
    name = "facebook"
    marketplace = "facebook"
    search_parser = staticmethod(parser.parse_search)
    detail_parser = staticmethod(parser.parse_detail)

    @property
    def city(self) -> str:
        return self.market.city or "jakarta"

    def search_page_url(self, query: str) -> str:
        params = urlencode({"query": query, "sortBy": "creation_time_descend"})
        return f"{self.base_url}/marketplace/{self.city}/search/?{params}"

    def pagination_variables(self, query: str, cursor: str) -> dict[str, Any]:
        browse: dict[str, Any] = {
            "commerce_enable_local_pickup": True,
            "commerce_enable_shipping": True,
            "commerce_search_and_rp_available": True,
            "commerce_search_and_rp_category_id": [],
            "commerce_search_and_rp_condition": None,
            "commerce_search_and_rp_ctime_days": None,
            "commerce_search_sort_by": "CREATION_TIME_DESCEND",
            "filter_price_lower_bound": 0,
            "filter_price_upper_bound": 214748364700,
            "filter_radius_km": 65,
        }
        if self.city in CITY_COORDINATES:
            lat, lon = CITY_COORDINATES[self.city]
            browse["filter_location_latitude"] = lat
            browse["filter_location_longitude"] = lon
        return {
            "count": self.market.page_size or parser.PAGE_SIZE,
            "cursor": cursor,
            "params": {
                "bqf": {"callsite": "COMMERCE_MKTPLACE_WWW", "query": query},
                "browse_request_params": browse,
                "custom_request_params": {"search_vertical": "C2C", "surface": "SEARCH"},
            },
            "scale": 2,
        }

    def api_search_call(self, query: str, page: int, token: str | None) -> ApiCall:
        if page == 1 or not token:
            return ApiCall(self.search_page_url(query), headers=PAGE_HEADERS)
        form = {
            "av": "0",
            "__user": "0",
            "__a": "1",
            "__comet_req": "15",
            "fb_api_caller_class": "RelayModern",
            "fb_api_req_friendly_name": parser.PAGINATION_NAME,
            "server_timestamps": "true",
            "variables": json.dumps(self.pagination_variables(query, token), separators=(",", ":")),
            "doc_id": parser.PAGINATION_DOC_ID,
        }
        headers = {
            "Content-Type": "application/x-www-form-urlencoded",
            "Accept": "*/*",
            "x-fb-friendly-name": parser.PAGINATION_NAME,
            "Origin": self.base_url,
            "Referer": self.search_page_url(query),
        }
        return ApiCall(f"{self.api_base}/api/graphql/", "POST", headers, urlencode(form).encode())

    def search_request(self, query: str, page: int, token: str | None) -> Request:
        """Page 1 through the configured transport; later pages replay the GraphQL form."""
        if page > 1 and token:
            return self._api_request(
                self.api_search_call(query, page, token), self.parse_api_search,
                {"query": query, "page": page},
            )
        return super().search_request(query, page, token)

    def browser_search_url(self, query: str, page: int, token: str | None) -> str:
        return self.search_page_url(query)

    def is_search_api_url(self, url: str) -> bool:
        return ("/marketplace/" in url and "/search" in url) or url.split("?")[0].endswith("/api/graphql/")

    def api_detail_call(self, item: ListingItem) -> ApiCall | None:
        url = item.url or parser.item_url(item.external_id, self.base_url)
        return ApiCall(url, headers=PAGE_HEADERS)

    def is_detail_api_url(self, url: str) -> bool:
        return "/marketplace/item/" in url
