"""Tokopedia: GraphQL search (SearchProductV5Query), newest first, and PDPGetLayoutQuery details.

Requests follow what Tokopedia's own web client sends (NOTES.md in
``shared/recorded``; hilmiazizi/tokopaedi ``search.py``): a JSON *array* with one
GraphQL operation posted to ``{api_base}/graphql/<operationName>``, headers
``X-Source: tokopedia-lite``, ``X-Tkpd-Lite-Service: zeus``, ``X-Device``, and
Origin/Referer of the search page. Search params are one URL-encoded string;
``ob=9`` sorts newest first; page N is ``page=N&start=(N-1)*rows`` with the
previous answer's ``header.additionalParams`` merged in (V5 pagination).

Browser transport: ``{web_base}/search?st=product&q=...&ob=9`` in headless
Chromium; the page's own ``SearchProductV5Query`` (or the older
``SearchProductQueryV4``) response is captured. The real search page is
infinite scroll (``?page=2`` answers an empty grid), so result page N is the
same URL scrolled to the bottom N-1 times: the page itself asks for the next
``page``/``start`` in its GraphQL params, and the last answer captured is the
one read.

Detail: ``PDPGetLayoutQuery`` with ``shopDomain`` and ``productKey`` taken from
the listing URL ``/<shopDomain>/<productKey>``; on the browser transport the
product page itself is loaded and its own PDPGetLayoutQuery answer captured.
"""

from __future__ import annotations

import json
from typing import Any, ClassVar
from urllib.parse import parse_qsl, urlencode, urlparse

from scrapy_playwright.page import PageMethod

from spiders.base import ApiCall, DetailParser, MarketplaceSpider, SearchParser
from spiders.items import ListingItem
from spiders.parsers import tokopedia as parser

SEARCH_OPERATION = "SearchProductV5Query"
DETAIL_OPERATION = "PDPGetLayoutQuery"
SEARCH_GQL = (
    "query SearchProductV5Query($params: String!) { searchProductV5(params: $params) {"
    " header { totalData responseCode keywordProcess additionalParams backendFilters }"
    " data { totalDataText products { id ttsProductID name url"
    " mediaURL { image image300 image700 } shop { id ttsSellerID name url city }"
    " badge { title url } price { text number original discountPercentage }"
    " labelGroups { position title type url } rating category { id name breadcrumb }"
    " stock { sold ttsSKUID } } } } }"
)
DETAIL_GQL = (
    "query PDPGetLayoutQuery($shopDomain: String, $productKey: String, $layoutID: String,"
    " $apiVersion: Float, $userLocation: pdpUserLocation, $extParam: String,"
    " $tokonow: pdpTokoNow, $deviceID: String) { pdpGetLayout(shopDomain: $shopDomain,"
    " productKey: $productKey, layoutID: $layoutID, apiVersion: $apiVersion,"
    " userLocation: $userLocation, extParam: $extParam, tokonow: $tokonow, deviceID: $deviceID)"
    " { requestID name pdpSession basicInfo { alias createdAt id shopID shopName minOrder"
    " maxOrder weight condition status url category { id name breadcrumbURL }"
    " txStats { transactionSuccess countSold itemSoldFmt } stats { countView countReview rating } }"
    " components { name type position data { ...ProductMedia ...ProductContent ...ProductDetail } } } }"
    " fragment ProductMedia on pdpDataProductMedia { media { type urlOriginal: URLOriginal"
    " urlThumbnail: URLThumbnail urlMaxRes: URLMaxRes } }"
    " fragment ProductContent on pdpDataProductContent { name price { value currency priceFmt } }"
    " fragment ProductDetail on pdpDataProductDetail { content { title subtitle applink showAtFront } }"
)


#: Scroll to the bottom, then wait (up to 15 s) until one more search answer has arrived. A
#: "networkidle" wait would return at once: the page reached that state before the scroll.
SCROLL_FOR_NEXT_PAGE = """async () => {
  const answers = () => performance.getEntriesByType('resource')
    .filter(e => /SearchProduct(V5Query|QueryV4)/.test(e.name)).length;
  const before = answers();
  window.scrollTo(0, document.body.scrollHeight);
  for (let i = 0; i < 150 && answers() <= before; i++) await new Promise(r => setTimeout(r, 100));
}"""


class TokopediaSpider(MarketplaceSpider):
    name = "tokopedia"
    marketplace = "tokopedia"
    search_parser: ClassVar[SearchParser] = staticmethod(parser.parse_search)
    detail_parser: ClassVar[DetailParser | None] = staticmethod(parser.parse_detail)

    def _headers(self, referer: str) -> dict[str, str]:
        return {
            "Content-Type": "application/json",
            "Accept": "*/*",
            "Origin": self.base_url,
            "Referer": referer,
            "X-Source": "tokopedia-lite",
            "X-Tkpd-Lite-Service": "zeus",
            "X-Device": "desktop-0.0",
        }

    def search_params(self, query: str, page: int, token: str | None) -> str:
        rows = self.market.page_size
        params = {
            "device": "desktop",
            "enter_method": "normal_search",
            "navsource": "",
            "ob": "9",
            "page": str(page),
            "q": query,
            "related": "true",
            "rows": str(rows),
            "safe_search": "false",
            "scheme": "https",
            "source": "search",
            "st": "product",
            "start": str((page - 1) * rows),
            "topads_bucket": "true",
        }
        if token:
            params.update(parse_qsl(token.lstrip("&"), keep_blank_values=True))
            params.update({"page": str(page), "start": str((page - 1) * rows), "q": query, "ob": "9"})
        return urlencode(params)

    def browser_search_url(self, query: str, page: int, token: str | None) -> str:
        return f"{self.base_url}/search?{urlencode({'st': 'product', 'q': query, 'ob': '9'})}"

    def browser_page_methods(self, page: int) -> list[Any]:
        """Scroll to the bottom once per page after the first; each scroll loads the next page."""
        if page <= 1:
            return []
        return [PageMethod("evaluate", SCROLL_FOR_NEXT_PAGE) for _ in range(page - 1)]

    def api_search_call(self, query: str, page: int, token: str | None) -> ApiCall:
        payload = [{
            "operationName": SEARCH_OPERATION,
            "variables": {"params": self.search_params(query, page, token)},
            "query": SEARCH_GQL,
        }]
        return ApiCall(
            url=f"{self.api_base}/graphql/{SEARCH_OPERATION}",
            method="POST",
            headers=self._headers(self.browser_search_url(query, 1, None)),
            body=json.dumps(payload).encode("utf-8"),
        )

    def is_search_api_url(self, url: str) -> bool:
        return "/graphql/SearchProductV5Query" in url or "/graphql/SearchProductQueryV4" in url

    def api_detail_call(self, item: ListingItem) -> ApiCall | None:
        key = product_key(item.url)
        if key is None:
            return None
        shop_domain, product = key
        payload = [{
            "operationName": DETAIL_OPERATION,
            "variables": {
                "shopDomain": shop_domain,
                "productKey": product,
                "layoutID": "",
                "apiVersion": 1,
                "tokonow": {"shopID": "", "whID": "0", "serviceType": ""},
                "deviceID": "",
                "userLocation": {"cityID": "176", "addressID": "", "districtID": "2274",
                                 "postalCode": "", "latlon": ""},
                "extParam": "",
            },
            "query": DETAIL_GQL,
        }]
        return ApiCall(
            url=f"{self.api_base}/graphql/{DETAIL_OPERATION}",
            method="POST",
            headers=self._headers(item.url),
            body=json.dumps(payload).encode("utf-8"),
        )

    def is_detail_api_url(self, url: str) -> bool:
        return "/graphql/PDPGetLayoutQuery" in url


def product_key(url: str) -> tuple[str, str] | None:
    """(shopDomain, productKey) from a listing URL ``https://www.tokopedia.com/<shop>/<product>``."""
    parts = [p for p in urlparse(url).path.split("/") if p]
    if len(parts) != 2:
        return None
    return parts[0], parts[1]
