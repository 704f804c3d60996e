"""The follow-up's eyes: the scan's own detail request and detail parser, for one listing at a time.

``alerts.followup`` may not import the spiders (layer rule), so it takes a
:class:`~alerts.followup.ListingReader`; this is the one the CLI, the scheduler
and the demo pass. It keeps no marketplace knowledge of its own: the request is the
spider's ``api_detail_call`` (the listing URL when a marketplace has none, as OLX),
and the verdict is the marketplace's ``parse_detail`` outcome, so there is one
not-found detector per marketplace, in its parser.

Mapping, strictest first:

* the parser says blocked or captcha → ``unknown``, whatever the status;
* HTTP 404/410 → ``removed``;
* any other non-2xx (429, 5xx, 403 …) → ``unknown``;
* the parser's ``not_found`` → ``removed``;
* the parser read the product (``ok`` with an item) → ``live``;
* anything else (layout change, empty shell, login page) → ``unknown``.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from typing import Any

from alerts.followup import ListingRef, PageReading, RecheckRequest
from config import Settings
from spiders.base import MarketplaceSpider
from spiders.blibli import BlibliSpider
from spiders.facebook import FacebookSpider
from spiders.items import ListingItem, PageOutcome
from spiders.lazada import LazadaSpider
from spiders.olx import OlxSpider
from spiders.parsers import olx as olx_parser
from spiders.shopee import ShopeeSpider
from spiders.tokopedia import TokopediaSpider
from storage.models import RecheckOutcome

SPIDERS: dict[str, type[MarketplaceSpider]] = {
    cls.marketplace: cls
    for cls in (TokopediaSpider, ShopeeSpider, LazadaSpider, BlibliSpider, OlxSpider, FacebookSpider)
}
#: Marketplaces whose scan fetches no detail page still have an item page the follow-up can read.
ITEM_PAGE_PARSERS: dict[str, Callable[..., tuple[ListingItem | None, PageOutcome]]] = {
    "olx": olx_parser.parse_detail,
}
REFUSALS = frozenset({"blocked", "captcha"})


def reading_of(status: int, item: ListingItem | None, outcome: PageOutcome) -> PageReading:
    """Turn an HTTP status and a detail parser's result into the follow-up's verdict. Pure."""
    said = f"HTTP {status}, {outcome.status}" + (f": {outcome.reason}" if outcome.reason else "")
    if outcome.status in REFUSALS:
        return PageReading(RecheckOutcome.UNKNOWN, outcome.status, said)
    if status in (404, 410):
        return PageReading(RecheckOutcome.REMOVED, f"http_{status}", said)
    if not 200 <= status < 300:
        return PageReading(RecheckOutcome.UNKNOWN, f"http_{status}", said)
    if outcome.status == "not_found":
        return PageReading(RecheckOutcome.REMOVED, "not_found", said)
    if outcome.status == "ok" and item is not None:
        return PageReading(RecheckOutcome.LIVE, "ok", said)
    return PageReading(RecheckOutcome.UNKNOWN, outcome.status or "unreadable", said)


class SpiderListingReader:
    """A :class:`~alerts.followup.ListingReader` over the configured marketplace spiders."""

    def __init__(self, settings: Settings) -> None:
        self.settings = settings
        self._spiders: dict[str, MarketplaceSpider] = {}

    def _spider(self, marketplace: str) -> MarketplaceSpider:
        spider = self._spiders.get(marketplace)
        if spider is None:
            try:
                cls = SPIDERS[marketplace]
            except KeyError:
                raise KeyError(f"no spider for marketplace {marketplace!r}") from None
            spider = cls()
            spider.configure(self.settings)
            self._spiders[marketplace] = spider
        return spider

    def request(self, listing: ListingRef) -> RecheckRequest:
        spider = self._spider(listing.marketplace)
        item = ListingItem(
            marketplace=listing.marketplace, external_id=listing.external_id, url=listing.url,
            title="", seller_id=listing.seller_external_id,
        )
        call = spider.api_detail_call(item) if spider.detail_parser is not None else None
        if call is None:
            return RecheckRequest(listing.url)
        return RecheckRequest(call.url, call.method, tuple(call.headers.items()), call.body)

    def read(
        self, marketplace: str, url: str, status: int, headers: Sequence[tuple[str, str]], body: bytes
    ) -> PageReading:
        spider = self._spider(marketplace)
        parse: Any = spider.detail_parser or ITEM_PAGE_PARSERS.get(marketplace)
        if parse is None:
            return PageReading(RecheckOutcome.UNKNOWN, "no_parser", f"no detail parser for {marketplace}")
        item, outcome = parse(body, url=url, base_url=spider.base_url, item=None)
        return reading_of(status, item, outcome)
