"""The browser transport: a headless-Chromium page per request, through scrapy-playwright.

The marketplaces block plain API clients, so this transport loads the marketplace's own
search or product page and keeps the network responses whose URL the spider
wants (the same JSON the api transport asks for directly); the spider then
feeds that body to the *same* parser. When the page fetched nothing the
spider wants, the rendered HTML goes to the parser instead, so a captcha or
block page is reported as such rather than as an empty result.

Everything Playwright-shaped lives here — the request meta, the response
capture, reading and closing the page — so ``spiders.base`` only decides
*which* transport a request takes. Playwright is opt-in per request
(``meta["playwright"]``), never for all traffic. A page is closed by whoever
reads it (:func:`read_page`) or by the errback (:func:`close_page`).
"""

from __future__ import annotations

import asyncio
import contextlib
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field, replace
from datetime import UTC, datetime
from typing import Any

from scrapy.http import Request, Response

from spiders.exchanges import exchange_from_response
from spiders.items import HttpExchange

#: How long a browser callback waits for the marketplace's API answer when networkidle came first.
BROWSER_CAPTURE_WAIT_SECONDS = 10.0
#: The request meta key holding the request's :class:`BrowserCapture`.
CAPTURE_KEY = "ktpwatch_capture"


@dataclass
class BrowserCapture:
    """Collects the Playwright responses a browser page received that the spider wants.

    It travels in the request's meta (pickled with it in distributed mode), so
    ``wanted`` is a bound spider method, never a lambda.
    """

    wanted: Callable[[str], bool]
    responses: list[Any] = field(default_factory=list)

    def on_response(self, response: Any) -> None:
        try:
            if self.wanted(response.url):
                self.responses.append(response)
        except Exception:  # a page event handler that raises breaks the page itself
            pass


def browser_meta(
    context: str, wanted: Callable[[str], bool], page_methods: Sequence[Any] = ()
) -> dict[str, Any]:
    """The scrapy-playwright meta of one page load that captures the responses ``wanted`` accepts."""
    capture = BrowserCapture(wanted)
    meta: dict[str, Any] = {
        "playwright": True,
        "playwright_include_page": True,
        "playwright_context": context,
        "playwright_page_event_handlers": {"response": capture.on_response},
        "playwright_page_goto_kwargs": {"wait_until": "networkidle"},
        CAPTURE_KEY: capture,
    }
    if page_methods:
        meta["playwright_page_methods"] = list(page_methods)
    return meta


def renew_capture(retry: Request) -> None:
    """Make a retried copy of a browser request load a fresh page with an empty capture.

    The copy's meta still names the first try's page (closed by then) and
    capture (holding its responses); an api request is left as it is.
    """
    retry.meta.pop("playwright_page", None)
    capture = retry.meta.get(CAPTURE_KEY)
    if isinstance(capture, BrowserCapture):
        fresh = BrowserCapture(capture.wanted)
        retry.meta[CAPTURE_KEY] = fresh
        retry.meta["playwright_page_event_handlers"] = {"response": fresh.on_response}


async def exchange_from_playwright(response: Any, body: bytes) -> HttpExchange:
    """Evidence record of a network response a browser page received."""
    request = response.request
    try:
        request_headers = tuple((h["name"], h["value"]) for h in await request.headers_array())
        response_headers = tuple((h["name"], h["value"]) for h in await response.headers_array())
    except Exception:  # a page closed under us keeps the body, without headers
        request_headers, response_headers = (), ()
    return HttpExchange(
        url=response.url,
        method=request.method,
        request_headers=request_headers,
        request_body=request.post_data_buffer or b"",
        status=response.status,
        response_headers=response_headers,
        response_body=body,
        fetched_at=datetime.now(UTC).isoformat(),
    )


async def _wait_for_wanted(page: Any, capture: BrowserCapture) -> None:
    """Give a page that reached networkidle before the marketplace's API answered a little longer."""
    try:
        await page.wait_for_response(
            lambda r: capture.wanted(r.url), timeout=BROWSER_CAPTURE_WAIT_SECONDS * 1000
        )
        await asyncio.sleep(0)
    except Exception:  # no answer in time: the rendered page is read instead
        pass


async def _last_wanted_body(capture: BrowserCapture) -> tuple[bytes, str, int, HttpExchange] | None:
    for captured in reversed(capture.responses):
        try:
            body = await captured.body()
        except Exception:  # a redirect or a response evicted by the page has no body: try the one before
            continue
        exchange = await exchange_from_playwright(captured, body)
        return body, captured.url, captured.status, exchange
    return None


async def read_page(response: Response) -> tuple[bytes, str, int, HttpExchange]:
    """(body, url, status, exchange) of the marketplace's own API answer the page received, else of the page.

    Closes the page whatever happens.
    """
    page = response.meta.get("playwright_page")
    capture: BrowserCapture = response.meta[CAPTURE_KEY]
    try:
        if not capture.responses and page is not None:
            await _wait_for_wanted(page, capture)
        wanted = await _last_wanted_body(capture)
        if wanted is not None:
            return wanted
        html = response.body
        if page is not None:
            with contextlib.suppress(Exception):  # a crashed page: Scrapy's copy of the document stands
                html = (await page.content()).encode("utf-8")
        exchange = replace(exchange_from_response(response), response_body=html)
        return html, response.url, response.status, exchange
    finally:
        await close_page(response.meta)


async def close_page(meta: dict[str, Any]) -> None:
    """Close the Playwright page a request's meta holds, if any (callbacks and errbacks alike)."""
    page = meta.get("playwright_page")
    if page is not None:
        with contextlib.suppress(Exception):  # already closed with its context or browser
            await page.close()
