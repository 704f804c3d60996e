"""The base every marketplace spider subclasses: arguments, configuration, transports, details, stats.

A marketplace spider is declarative. It says *what* to ask the marketplace and *which
parser* reads the answer; this base decides *how* (plain Scrapy request or a
headless-browser page), follows pagination, fetches detail pages for the
candidates the scan cares about, attaches the HTTP exchanges kept as evidence
and counts everything in the crawler stats the scan reads.

How to write a marketplace spider
=================================

Subclass :class:`MarketplaceSpider` and set/implement:

``name`` / ``marketplace``
    The Scrapy spider name and the configuration key (``[marketplaces.<name>]``);
    normally the same string.
``search_parser`` (required) / ``detail_parser`` (``None`` when the marketplace has no detail page kind)
    The pure parser functions from ``spiders/parsers/<marketplace>.py`` with the
    contract signatures ``parse_search(body, *, url, base_url, query)`` and
    ``parse_detail(body, *, url, base_url, item)``. Wrap them in ``staticmethod``.
``api_search_call(query, page, token) -> ApiCall``
    The request for result page ``page`` (1-based) of ``query`` on the ``api``
    transport. ``token`` is the previous page's ``PageOutcome.next_token``
    (``None`` on page 1): put cursors / offsets / merged params there.
``browser_search_url(query, page, token) -> str``
    The marketplace's own search page the ``browser`` transport loads for that page.
``is_search_api_url(url) -> bool``
    Which of that page's network responses carries the JSON the search parser
    reads (match the API path). It may also match the page document itself
    when the marketplace embeds its JSON in the HTML (Facebook).
``api_detail_call(item) -> ApiCall | None`` / ``browser_detail_url(item)`` / ``is_detail_api_url(url)``
    The same three for the listing detail page kind. ``browser_detail_url``
    defaults to ``item.url``; ``is_detail_api_url`` may match the product page
    document itself when the description is embedded in its HTML (Lazada).
``browser_page_methods(page) -> list``  (optional)
    Extra ``PlaywrightPageMethod``s to run after navigation (e.g. scrolling an
    infinite-scroll page).

The browser transport (:mod:`spiders.browser`) captures every network response
whose URL the matcher accepts, reads its body in the callback and feeds the
*same* parser as the api transport. If the page produced no matching response,
the rendered HTML goes to the parser instead, so a captcha or block page is
reported as such rather than as an empty result. Pages are closed in callbacks
and errbacks. This module only chooses the transport of each request.

Spider arguments: ``query`` (one query) or ``queries`` (comma-separated),
``max_pages`` and ``transport`` (``api`` | ``browser``; default from
``marketplaces.<name>.transport``). Without a query, every query in
``[queries] lexicon`` is searched.

Configuration: the ``Settings`` object under the Scrapy setting
``KTPWATCH_SETTINGS`` when present (the scan sets it), else
``config.load_config()``. Detail pages are fetched only for items accepted by
the callable (or import path) in the Scrapy setting ``KTPWATCH_DETAIL_FILTER``.

Stats (``ktpwatch/<marketplace>/<key>``): requests, pages, items, details,
parse_failures (layout changed), parser_errors (our parser raised), blocked,
empty_pages, errors and errors/<cause> (dns | connect | tls | timeout | other,
see :mod:`spiders.failures`), status/<code>.
"""

from __future__ import annotations

from collections.abc import AsyncIterator, Callable, Iterator, Sequence
from dataclasses import dataclass, field, replace
from typing import Any, ClassVar, Protocol

import scrapy
from scrapy.downloadermiddlewares.retry import get_retry_request
from scrapy.http import Request, Response
from scrapy.utils.misc import load_object
from twisted.python.failure import Failure

from config import load_config
from config.settings import MarketplaceConfig, Settings, Transport
from spiders import browser
from spiders.exchanges import exchange_from_response
from spiders.failures import failure_cause
from spiders.items import HttpExchange, ListingItem, PageOutcome
from spiders.keys import SETTINGS_KEY, marketplace_stat_key

DETAIL_FILTER_KEY = "KTPWATCH_DETAIL_FILTER"
#: Statuses handed to the parser instead of the errback, so a block page is read as a block.
PARSED_ERROR_STATUSES = [403, 404, 410]
SAMPLE_CHARS = 300
#: Search page outcomes worth asking again: they are often one-off (a captcha, a cut-off answer).
RETRIED_OUTCOMES = frozenset({"blocked", "captcha", "layout_changed", "parser_error"})
#: Page outcomes logged with a body sample.
NOTED_OUTCOMES = frozenset({"blocked", "captcha", "layout_changed", "parser_error", "degraded"})


class SearchParser(Protocol):
    def __call__(
        self, body: bytes | str, *, url: str, base_url: str, query: str = ""
    ) -> tuple[list[ListingItem], PageOutcome]: ...


class DetailParser(Protocol):
    def __call__(
        self, body: bytes | str, *, url: str, base_url: str, item: ListingItem | None = None
    ) -> tuple[ListingItem | None, PageOutcome]: ...


@dataclass(frozen=True)
class ApiCall:
    """One HTTP request a spider wants made on the api transport."""

    url: str
    method: str = "GET"
    headers: dict[str, str] = field(default_factory=dict)
    body: bytes = b""


def split_queries(query: str | None, queries: str | None) -> list[str]:
    """The queries named by the spider arguments, in order, without blanks or repeats."""
    named = [query or "", *(queries or "").split(",")]
    seen: dict[str, None] = {}
    for q in named:
        if q.strip():
            seen.setdefault(q.strip(), None)
    return list(seen)


class MarketplaceSpider(scrapy.Spider):
    """Search one marketplace for every query, through the configured transport. See module docs."""

    marketplace: ClassVar[str] = ""
    search_parser: ClassVar[SearchParser]
    detail_parser: ClassVar[DetailParser | None] = None

    ktp_settings: Settings
    market: MarketplaceConfig

    def __init__(
        self,
        *args: Any,
        query: str | None = None,
        queries: str | None = None,
        max_pages: str | int | None = None,
        transport: str | None = None,
        **kwargs: Any,
    ) -> None:
        super().__init__(*args, **kwargs)
        self.arg_queries = split_queries(query, queries)
        self.arg_max_pages = self._positive_int("max_pages", max_pages)
        if transport is not None and transport not in {t.value for t in Transport}:
            raise ValueError(f"transport must be 'api' or 'browser', got {transport!r}")
        self.arg_transport = Transport(transport) if transport else None
        self.detail_filter: Callable[[ListingItem], bool] | None = None
        self._details_requested: set[str] = set()

    @staticmethod
    def _positive_int(name: str, value: str | int | None) -> int | None:
        if value is None or value == "":
            return None
        try:
            number = int(value)
        except (TypeError, ValueError):
            raise ValueError(f"{name} must be a whole number, got {value!r}") from None
        if number < 1:
            raise ValueError(f"{name} must be at least 1, got {number}")
        return number

    @classmethod
    def from_crawler(cls, crawler: Any, *args: Any, **kwargs: Any) -> MarketplaceSpider:
        spider: MarketplaceSpider = super().from_crawler(crawler, *args, **kwargs)
        spider.configure(crawler.settings.get(SETTINGS_KEY), crawler.settings.get(DETAIL_FILTER_KEY))
        return spider

    def configure(self, ktp_settings: Settings | None, detail_filter: Any = None) -> None:
        """Read configuration once (called by ``from_crawler``; tests may call it directly)."""
        self.ktp_settings = ktp_settings if isinstance(ktp_settings, Settings) else (
            load_config().settings
        )
        self.market = self.ktp_settings.marketplace(self.marketplace)
        if detail_filter:
            self.detail_filter = (
                load_object(detail_filter) if isinstance(detail_filter, str) else detail_filter
            )

    # ----- what the spider was asked to do -------------------------------------------------

    @property
    def transport(self) -> Transport:
        return self.arg_transport or self.market.transport

    @property
    def queries(self) -> list[str]:
        return self.arg_queries or list(self.ktp_settings.queries.lexicon)

    @property
    def max_pages(self) -> int:
        return self.arg_max_pages or self.ktp_settings.crawl.max_pages

    @property
    def base_url(self) -> str:
        return self.market.web_base_url

    @property
    def api_base(self) -> str:
        return self.market.api_base_url

    # ----- hooks a marketplace spider implements ---------------------------------------------

    def api_search_call(self, query: str, page: int, token: str | None) -> ApiCall:
        raise NotImplementedError

    def browser_search_url(self, query: str, page: int, token: str | None) -> str:
        raise NotImplementedError

    def is_search_api_url(self, url: str) -> bool:
        raise NotImplementedError

    def api_detail_call(self, item: ListingItem) -> ApiCall | None:
        return None

    def browser_detail_url(self, item: ListingItem) -> str | None:
        return item.url or None

    def is_detail_api_url(self, url: str) -> bool:
        return False

    def browser_page_methods(self, page: int) -> list[Any]:
        return []

    # ----- stats and logging ------------------------------------------------------------------

    def inc(self, key: str, count: int = 1) -> None:
        crawler = getattr(self, "crawler", None)
        if crawler is not None and crawler.stats is not None:
            crawler.stats.inc_value(marketplace_stat_key(self.marketplace, key), count)

    def _note_outcome(self, kind: str, outcome: PageOutcome, url: str, body: bytes) -> None:
        if outcome.status in ("blocked", "captcha"):
            self.inc("blocked")
        elif outcome.status == "layout_changed":
            self.inc("parse_failures")
        elif outcome.status == "parser_error":
            self.inc("parser_errors")
        elif outcome.status in ("empty", "not_found") and kind == "search":
            self.inc("empty_pages")
        elif outcome.status == "degraded":
            self.inc("degraded_pages")
        if outcome.status in NOTED_OUTCOMES:
            sample = body[:SAMPLE_CHARS].decode("utf-8", "replace")
            self.logger.warning(
                "%s %s page %s: %s (%s); body sample: %r",
                self.marketplace, kind, url, outcome.status, outcome.reason, sample,
            )

    # ----- requests ---------------------------------------------------------------------------

    async def start(self) -> AsyncIterator[Request]:
        for query in self.queries:
            yield self.search_request(query, 1, None)

    def _api_request(self, call: ApiCall, callback: Any, cb_kwargs: dict[str, Any]) -> Request:
        self.inc("requests")
        return Request(
            call.url,
            method=call.method,
            headers=call.headers or None,
            body=call.body or None,
            callback=callback,
            errback=self.on_error,
            cb_kwargs=cb_kwargs,
            meta={"handle_httpstatus_list": PARSED_ERROR_STATUSES},
            dont_filter=call.method != "GET",
        )

    def _browser_request(
        self,
        url: str,
        wanted: Callable[[str], bool],
        callback: Any,
        cb_kwargs: dict[str, Any],
        page_methods: Sequence[Any] = (),
    ) -> Request:
        self.inc("requests")
        meta = browser.browser_meta(f"ktpwatch-{self.marketplace}", wanted, page_methods)
        meta["handle_httpstatus_list"] = PARSED_ERROR_STATUSES
        return Request(
            url, callback=callback, errback=self.on_error, cb_kwargs=cb_kwargs, meta=meta,
            dont_filter=True,
        )

    def search_request(self, query: str, page: int, token: str | None) -> Request:
        kwargs = {"query": query, "page": page}
        if self.transport is Transport.BROWSER:
            return self._browser_request(
                self.browser_search_url(query, page, token), self.is_search_api_url,
                self.parse_browser_search, kwargs, self.browser_page_methods(page),
            )
        return self._api_request(
            self.api_search_call(query, page, token), self.parse_api_search, kwargs
        )

    def detail_request(self, item: ListingItem) -> Request | None:
        if self.detail_parser is None:
            return None
        if self.transport is Transport.BROWSER:
            url = self.browser_detail_url(item)
            if not url:
                return None
            return self._browser_request(
                url, self.is_detail_api_url, self.parse_browser_detail, {"item": item}
            )
        call = self.api_detail_call(item)
        if call is None or not call.url.startswith(("http://", "https://")):
            # a listing kept without a URL (the marketplace sent none and none could be derived)
            # has no detail page to ask: it goes on as the search read it
            return None
        return self._api_request(call, self.parse_api_detail, {"item": item})

    # ----- reading answers --------------------------------------------------------------------

    def _outcome_for_status(self, status: int, outcome: PageOutcome) -> PageOutcome:
        """An HTTP error status the parser did not explain becomes blocked / not_found."""
        if status in (403, 429) and outcome.status not in ("blocked", "captcha"):
            return PageOutcome(status="blocked", reason=f"HTTP {status}")
        if status in (404, 410) and outcome.status in ("ok", "empty", "layout_changed", "parser_error"):
            return PageOutcome(status="not_found", reason=f"HTTP {status}")
        return outcome

    def handle_search(
        self, body: bytes, url: str, status: int, query: str, page: int, exchange: HttpExchange,
        *, request: Request | None = None,
    ) -> Iterator[ListingItem | Request]:
        """Parse one search page; yield its items (or detail requests) and the next page.

        A blocked, captcha or unparseable page is counted, then asked again
        (``RETRY_TIMES`` at most) when ``request`` is given: a truncated answer
        or a one-off captcha must not cost the listings of this page and every
        page after it.
        """
        self.inc("pages")
        self.inc(f"status/{status}")
        items, parsed = self.search_parser(body, url=url, base_url=self.base_url, query=query)
        outcome, retry = self._judge("search", parsed, status=status, url=url, body=body, request=request)
        if retry is not None:
            yield retry
            return
        if outcome.status not in ("ok", "degraded"):
            items = []
        self.inc("items", len(items))
        # listings the shape-agnostic fallback read (whole page or single entries): the
        # scan shows them per marketplace and the health check flags the drift
        self.inc("degraded", sum(1 for item in items if item.degraded))
        for item in items:
            item.query = item.query or query
            item.exchanges.append(exchange)
            yield from self._maybe_detail(item)
        # a degraded page has no trustworthy "more" signal: ask the next page only after a full one
        more = outcome.status == "ok" or (outcome.status == "degraded" and len(items) >= self.market.page_size)
        if more and items and outcome.has_next and page < self.max_pages:
            yield self.search_request(query, page + 1, outcome.next_token)

    def _judge(
        self, kind: str, parsed: PageOutcome, *, status: int, url: str, body: bytes, request: Request | None
    ) -> tuple[PageOutcome, Request | None]:
        """A parsed page's outcome in the light of its HTTP status, counted; and its retry when one is due.

        Search and detail pages are judged alike: one place decides what a
        status means, what is counted and what is asked again.
        """
        outcome = self._outcome_for_status(status, parsed)
        self._note_outcome(kind, outcome, url, body)
        return outcome, self._retry_request(request, outcome)

    def _retry_request(self, request: Request | None, outcome: PageOutcome) -> Request | None:
        """A fresh copy of ``request`` for another try of a blocked, captcha or unparseable answer.

        None when the outcome is not one worth asking again, there is no request
        to copy, or its retries are used up.
        """
        if request is None or outcome.status not in RETRIED_OUTCOMES:
            return None
        retry = get_retry_request(
            request, spider=self, reason=f"{outcome.status} page",
            stats_base_key=marketplace_stat_key(self.marketplace, "retried_pages"),
        )
        if retry is None:
            return None
        browser.renew_capture(retry)  # that page is closed; the retry opens its own
        self.inc("requests")
        return retry

    def _maybe_detail(self, item: ListingItem) -> Iterator[ListingItem | Request]:
        if item.external_id in self._details_requested:
            # Another query found it first and its detail page is on the way: yielding the
            # bare search item now could beat the enriched one to the pipeline.
            return
        wants = self.detail_filter is not None
        if wants and self.detail_filter is not None and self._accepts(item):
            request = self.detail_request(item)
            if request is not None:
                self._details_requested.add(item.external_id)
                yield request
                return
        yield item

    def _accepts(self, item: ListingItem) -> bool:
        try:
            return bool(self.detail_filter(item)) if self.detail_filter else False
        except Exception:
            self.logger.exception("detail filter failed on %s", item.url)
            return False

    def handle_detail(
        self, body: bytes, url: str, status: int, item: ListingItem, exchange: HttpExchange,
        *, request: Request | None = None,
    ) -> ListingItem | Request:
        """Merge a detail page into its search item; on any failure keep the search item.

        A blocked, captcha or unparseable detail answer is asked again first
        (``RETRY_TIMES`` at most, as search pages are) when ``request`` is
        given: the description it holds is what often tells a blank apart.
        """
        self.inc(f"status/{status}")
        assert self.detail_parser is not None
        merged, parsed = self.detail_parser(body, url=url, base_url=self.base_url, item=item)
        outcome, retry = self._judge("detail", parsed, status=status, url=url, body=body, request=request)
        if retry is not None:
            return retry
        if outcome.status not in ("ok", "degraded") or merged is None:
            return item
        self.inc("details")
        if outcome.status == "degraded" and not item.degraded:
            self.inc("degraded")  # a listing read in full before now owes its text to the fallback
        exchanges = [*item.exchanges, exchange]
        return replace(merged, detail_fetched=True, exchanges=exchanges, query=item.query)

    # api transport callbacks
    def parse_api_search(
        self, response: Response, query: str, page: int
    ) -> Iterator[ListingItem | Request]:
        yield from self.handle_search(
            response.body, response.url, response.status, query, page,
            exchange_from_response(response), request=response.request,
        )

    def parse_api_detail(self, response: Response, item: ListingItem) -> Iterator[ListingItem | Request]:
        yield self.handle_detail(
            response.body, response.url, response.status, item, exchange_from_response(response),
            request=response.request,
        )

    # browser transport callbacks (spider methods, so a request pickles by name in distributed mode)
    async def parse_browser_search(
        self, response: Response, query: str, page: int
    ) -> AsyncIterator[ListingItem | Request]:
        body, url, status, exchange = await browser.read_page(response)
        for out in self.handle_search(
            body, url, status, query, page, exchange, request=response.request
        ):
            yield out

    async def parse_browser_detail(
        self, response: Response, item: ListingItem
    ) -> AsyncIterator[ListingItem | Request]:
        body, url, status, exchange = await browser.read_page(response)
        yield self.handle_detail(body, url, status, item, exchange, request=response.request)

    async def on_error(self, failure: Failure) -> AsyncIterator[ListingItem]:
        """Count a download error by cause, close the page, and never lose a listing whose detail failed."""
        self.inc("errors")
        self.inc(f"errors/{failure_cause(failure)}")
        request = getattr(failure, "request", None)
        meta = request.meta if request is not None else {}
        await browser.close_page(meta)
        self.logger.warning(
            "%s request failed: %s (%s)",
            self.marketplace, request.url if request is not None else "?", failure.getErrorMessage(),
        )
        item = request.cb_kwargs.get("item") if request is not None else None
        if isinstance(item, ListingItem):
            yield item

