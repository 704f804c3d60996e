"""Render a listing page in headless Chromium: rendered HTML, full-page PNG, every exchange.

One browser is shared by a bounded pool of captures; each capture gets a fresh
browser context (no cookies or cache carried from one listing to the next) with
a fixed viewport, so two captures of the same page look alike and nothing but
the page is drawn (the capture time lives in the manifest, never on the image).

Every request the page makes goes through one route handler that
(a) refuses hosts the configuration does not name (:mod:`alerts.evidence.hosts`),
(b) fetches allowed ones itself and walks any redirect chain hop by hop before
the browser sees it, refusing the whole request when a hop leaves the
configured hosts (Playwright never routes redirect hops, so the browser would
otherwise follow them unchecked), and (c) keeps every exchange for the page
WARC, which makes the exported WACZ replayable.
"""

from __future__ import annotations

import asyncio
import contextlib
import logging
from dataclasses import dataclass, field
from datetime import UTC, datetime
from types import TracebackType
from typing import Any
from urllib.parse import urljoin

from alerts.evidence.hosts import HostPolicy
from alerts.evidence.manifest import package_version
from alerts.evidence.warc import CapturedExchange
from config import Settings
from config.browser import require_browser

log = logging.getLogger("ktpwatch.evidence")

#: Longest wait for the page to go quiet after ``load`` (lazy images, XHR-rendered prices).
SETTLE_SECONDS = 3.0
MAX_REDIRECTS = 10


class CaptureError(Exception):
    """One page could not be captured; the message is the reason kept on the bundle."""


class CaptureUnavailable(Exception):
    """No browser can be started here (missing Chromium): nothing was attempted."""


@dataclass
class RenderedPage:
    url: str
    final_url: str
    status: int | None
    html: bytes
    screenshot: bytes
    rendered_at: datetime
    exchanges: list[CapturedExchange] = field(default_factory=list)
    refused: list[str] = field(default_factory=list)


def _now_iso() -> str:
    return datetime.now(UTC).isoformat()


class CaptureBrowser:
    """``async with CaptureBrowser(settings, policy) as browser: await browser.render(url)``."""

    def __init__(self, settings: Settings, policy: HostPolicy) -> None:
        self.settings = settings
        self.policy = policy
        self.playwright_version = package_version("playwright")
        self.chromium_version = ""
        self._pw: Any = None
        self._browser: Any = None

    async def __aenter__(self) -> CaptureBrowser:
        from playwright.async_api import async_playwright

        try:
            executable = require_browser(self.settings.browser.executable)
        except Exception as exc:
            raise CaptureUnavailable(str(exc)) from None
        self._pw = await async_playwright().start()
        try:
            self._browser = await self._pw.chromium.launch(
                executable_path=executable,
                headless=True,
                args=[*self.settings.browser.args, "--dns-prefetch-disable"],
            )
        except Exception as exc:
            await self._pw.stop()
            raise CaptureUnavailable(f"cannot start Chromium at {executable}: {exc}") from None
        self.chromium_version = str(self._browser.version)
        return self

    async def __aexit__(
        self,
        exc_type: type[BaseException] | None,
        exc: BaseException | None,
        tb: TracebackType | None,
    ) -> None:
        try:
            if self._browser is not None:
                await self._browser.close()
        finally:
            if self._pw is not None:
                await self._pw.stop()

    async def render(self, url: str) -> RenderedPage:
        """Load ``url`` and keep what a person sees; raises :class:`CaptureError`."""
        reason = self.policy.check(url)
        if reason is not None:
            raise CaptureError(reason)
        timeout = self.settings.evidence.capture_timeout_seconds
        try:
            return await asyncio.wait_for(self._render(url, timeout), timeout=timeout + 5)
        except TimeoutError:
            raise CaptureError(f"timed out after {timeout:g}s loading {url}") from None

    async def _render(self, url: str, timeout: float) -> RenderedPage:
        """Capture in a fresh context (no cookies or cache from the last listing), always closed after."""
        ev = self.settings.evidence
        context = await self._browser.new_context(
            viewport={"width": ev.viewport_width, "height": ev.viewport_height},
            service_workers="block",
            user_agent=self.settings.crawl.user_agent,
            locale="id-ID",
            timezone_id="Asia/Jakarta",
        )
        page_result = RenderedPage(
            url=url, final_url=url, status=None, html=b"", screenshot=b"",
            rendered_at=datetime.now(UTC),
        )
        ms = timeout * 1000

        async def handle(route: Any) -> None:
            await self._handle_route(route, page_result, ms)

        try:
            await context.route("**/*", handle)
            await context.route_web_socket("**/*", lambda ws: ws.close())
            await self._load_page(context, url, page_result, ms)
        except CaptureError:
            raise
        except Exception as exc:
            message = str(exc).strip().splitlines()[0] if str(exc).strip() else type(exc).__name__
            raise CaptureError(f"browser could not capture {url}: {message}") from None
        finally:
            await context.close()
        return page_result

    async def _load_page(self, context: Any, url: str, page_result: RenderedPage, ms: float) -> None:
        """Open ``url`` and fill ``page_result``; a page that ends on a refused host is no evidence."""
        page = await context.new_page()
        response = await page.goto(url, wait_until="load", timeout=ms)
        if response is None:
            raise CaptureError(f"no response loading {url}")
        page_result.status = response.status
        page_result.final_url = page.url
        if self.policy.refusal(page.url) is not None:
            raise CaptureError(f"page moved to a refused host: {page.url[:200]}")
        # A page that never goes quiet is still captured as it is.
        with contextlib.suppress(Exception):
            await page.wait_for_load_state("networkidle", timeout=SETTLE_SECONDS * 1000)
        page_result.html = (await page.content()).encode("utf-8")
        page_result.screenshot = await page.screenshot(
            full_page=True, type="png", animations="disabled", timeout=ms
        )
        page_result.rendered_at = datetime.now(UTC)

    async def _handle_route(self, route: Any, page_result: RenderedPage, ms: float) -> None:
        """Fetch one allowed request ourselves so every exchange lands in the WARC; refuse the rest."""
        request = route.request
        if self.policy.check(request.url, allow_local_schemes=True) is not None:
            page_result.refused.append(request.url)
            await route.abort("blockedbyclient")
            return
        try:
            headers = await request.all_headers()
            response = await route.fetch(max_redirects=0, timeout=ms)
            body = await response.body()
            _keep(page_result, request, request.url, headers, response, body)
            if not await self._redirects_allowed(route, headers, response, page_result, ms):
                await route.abort("blockedbyclient")
                return
        except Exception as exc:
            log.warning("evidence sub-request failed %s: %s", request.url, exc)
            await route.abort("failed")
            return
        await route.fulfill(response=response, body=body)

    async def _redirects_allowed(
        self, route: Any, headers: dict[str, str], response: Any, page_result: RenderedPage, ms: float
    ) -> bool:
        """Walk the redirect chain hop by hop, keeping each hop; False when a hop leaves the configured hosts.

        Playwright does not route redirect hops, so without this walk the browser
        would follow them unchecked.
        """
        request = route.request
        url, hop = request.url, response
        for _ in range(MAX_REDIRECTS):
            location = hop.headers.get("location") if 300 <= hop.status < 400 else None
            if not location:
                break
            url = urljoin(url, location)
            if self.policy.check(url) is not None:
                page_result.refused.append(url)
                return False
            hop = await route.fetch(url=url, method="GET", max_redirects=0, timeout=ms)
            _keep(page_result, request, url, headers, hop, await hop.body())
        return True


def _keep(
    page_result: RenderedPage, request: Any, url: str, headers: dict[str, str], response: Any,
    body: bytes,
) -> None:
    """Record one exchange for the page WARC; a redirect hop is a GET without the original body."""
    page_result.exchanges.append(
        CapturedExchange(
            url=url,
            method=request.method if url == request.url else "GET",
            request_headers=tuple(headers.items()),
            request_body=(request.post_data_buffer or b"") if url == request.url else b"",
            status=response.status,
            response_headers=tuple((h["name"], h["value"]) for h in response.headers_array),
            response_body=body,
            fetched_at=_now_iso(),
        )
    )
