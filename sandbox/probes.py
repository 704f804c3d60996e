"""One sample search request per marketplace, as that shop's spider sends it.

Used by the tests that check every shop module answers from the catalogue and
by the sandbox benchmark; the shapes come from ``shared/recorded/NOTES.md``.
"""

from __future__ import annotations

from typing import Any
from urllib.parse import urlencode


def search_request(marketplace: str, query: str) -> tuple[str, str, dict[str, Any]]:
    """``(method, path at the shop's root, httpx/aiohttp keyword arguments)`` for a first-page search."""
    if marketplace == "tokopedia":
        params = urlencode({"device": "desktop", "ob": 9, "page": 1, "q": query, "rows": 60, "start": 0})
        return "POST", "/graphql/SearchProductV5Query", {"json": [{
            "operationName": "SearchProductV5Query",
            "variables": {"params": params},
            "query": "query SearchProductV5Query($params: String!) "
                     "{ searchProductV5(params: $params) { header { totalData } } }",
        }]}
    table: dict[str, tuple[str, dict[str, Any]]] = {
        "shopee": ("/api/v4/search/search_items", {
            "by": "ctime", "keyword": query, "limit": 60, "newest": 0, "order": "desc",
            "page_type": "search", "scenario": "PAGE_GLOBAL_SEARCH", "version": 2}),
        "lazada": ("/catalog/", {"ajax": "true", "isFirstRequest": "true", "page": 1, "q": query}),
        "blibli": ("/backend/search/products", {
            "sort": "", "page": 1, "start": 0, "searchTerm": query, "channelId": "web"}),
        "olx": ("/api/relevance/v4/search", {
            "query": query, "page": 0, "size": 40, "platform": "web-desktop"}),
        "facebook": ("/marketplace/jakarta/search/", {"query": query}),
    }
    if marketplace not in table:
        raise KeyError(f"no sample search request for {marketplace!r}")
    route, query_params = table[marketplace]
    return "GET", route, {"params": query_params}
