"""The sandbox server: every shop under its prefix on one aiohttp server, plus faults and admin.

Why aiohttp: it is already a dependency (scrapy-playwright's stack and our
tests use it), one asyncio process comfortably serves well over a thousand
small JSON answers a second, and its sub-applications give each shop its own
router mounted at ``/<marketplace>`` — exactly the prefix scheme
``config.point_at_sandbox`` expects. The abuse desks' SMTP servers share the
same event loop, so all state lives on one thread.

Faults apply to shop routes only: never to ``/_sandbox/*`` admin paths, the
generic product images (``/<mp>/img/…``), the captcha page itself (a redirect
to it must land), or static assets ending in ``.js``/``.css`` (a browser page
whose script failed to load tests nothing about the spider). The JSON and HTML
answers a spider parses are what faults are for.

Tests, the demo and the benchmarks use :func:`run_sandbox`, which runs the
server on its own thread and yields a :class:`SandboxHandle`.
"""

from __future__ import annotations

import asyncio
import json
import socket
import threading
from collections.abc import Awaitable, Callable, Iterator, Mapping, Sequence
from contextlib import contextmanager
from dataclasses import dataclass
from typing import Any

from aiohttp import web

from sandbox.abuse_desk import AbuseDesk
from sandbox.catalogue import DEFAULT_LISTINGS, Catalogue, build_catalogue
from sandbox.catalogue_types import SandboxListing
from sandbox.faults import FaultDice, FaultKind, FaultPlan, rename_keys
from sandbox.images import PhotoPlan
from sandbox.interstitial import captcha_html
from sandbox.request_stats import RequestStats
from sandbox.shops import Shop, load_shops

Handler = Callable[[web.Request], Awaitable[web.StreamResponse]]
EXEMPT_SUFFIXES = (".js", ".css", ".map", ".ico")


class SandboxContext:
    """The :class:`~sandbox.shops.base.ShopContext` the shops see."""

    def __init__(self, catalogue: Catalogue, desk: AbuseDesk, base_url: str = "") -> None:
        self.catalogue = catalogue
        self.desk = desk
        self.base_url = base_url

    def search(self, marketplace: str, query: str, *, sort: str = "newest") -> Sequence[SandboxListing]:
        hits = self.catalogue.search(marketplace, query, sort="relevance" if sort == "relevance" else "newest")
        removed = self.desk.removed_ids(marketplace)
        if not removed:
            return hits
        return tuple(hit for hit in hits if hit.external_id not in removed)

    def get(self, marketplace: str, external_id: str) -> SandboxListing | None:
        return self.catalogue.get(marketplace, external_id)

    def is_removed(self, marketplace: str, external_id: str) -> bool:
        return self.desk.is_removed(marketplace, external_id)

    def image_url(self, marketplace: str, image_id: str) -> str:
        return f"{self.base_url}/{marketplace}/img/{image_id}.jpg"


class SandboxServer:
    """All shops, the abuse desks and (optionally) the admin API, on one event loop."""

    def __init__(
        self,
        *,
        catalogue_seed: int = 0,
        listings: int = DEFAULT_LISTINGS,
        faults: FaultPlan | None = None,
        takedown_delay: float = 60.0,
        admin: bool = False,
        shops: Mapping[str, Shop] | None = None,
        smtp_base_port: int = 0,
        access_log: bool = False,
    ) -> None:
        self.shops = dict(shops) if shops is not None else load_shops()
        if not self.shops:
            raise RuntimeError("no shop modules found under sandbox/shops")
        self.seed = catalogue_seed
        self.listings = listings
        self.initial_faults = faults or FaultPlan.none(seed=catalogue_seed)
        self.dice = FaultDice(self.initial_faults)
        self.admin = admin
        self.smtp_base_port = smtp_base_port
        self.access_log = access_log
        self.catalogue = build_catalogue(catalogue_seed, listings, self.shops)
        self.photos = PhotoPlan(self.catalogue)
        self.initial_takedown_delay = takedown_delay
        self.desk = AbuseDesk(
            self.shops,
            listing_exists=lambda mp, ext: self.catalogue.get(mp, ext) is not None,
            takedown_delay=takedown_delay,
        )
        self.ctx = SandboxContext(self.catalogue, self.desk)
        self.stats = RequestStats()
        self.base_url = ""
        self._runner: web.AppRunner | None = None

    # --- lifecycle -----------------------------------------------------------

    def build_app(self) -> web.Application:
        app = web.Application(middlewares=[self._fault_middleware])
        for name, shop in self.shops.items():
            sub = web.Application()
            # core routes first: aiohttp resolves in registration order, so a shop's
            # catch-all pattern can never shadow images or the captcha page
            sub.router.add_get("/img/{image_id}.jpg", self._image)
            sub.router.add_route("*", shop.captcha_path, self._captcha)
            sub.add_routes(shop.routes(self.ctx))
            app.add_subapp(f"/{name}", sub)
        if self.admin:
            app.router.add_get("/_sandbox/truth", self._truth)
            app.router.add_get("/_sandbox/stats", self._stats)
            app.router.add_post("/_sandbox/reset", self._reset)
            app.router.add_post("/_sandbox/faults", self._set_faults)
            app.router.add_get("/_sandbox/faults", self._get_faults)
        return app

    async def start(self, host: str = "127.0.0.1", port: int = 0) -> str:
        """Bind (a free port when ``port`` is 0), start the SMTP desks; returns the base URL."""
        sock = socket.socket(socket.AF_INET, socket.SOCK_STREAM)
        sock.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
        sock.bind((host, port))
        bound_port = sock.getsockname()[1]
        url_host = "127.0.0.1" if host in ("0.0.0.0", "") else host
        self.base_url = self.ctx.base_url = f"http://{url_host}:{bound_port}"
        self._runner = web.AppRunner(
            self.build_app(), access_log=web.AccessLogger if self.access_log else None,
            handle_signals=False,
        )
        await self._runner.setup()
        await web.SockSite(self._runner, sock).start()
        await self.desk.start(host, self.smtp_base_port)
        return self.base_url

    async def stop(self) -> None:
        await self.desk.stop()
        if self._runner is not None:
            await self._runner.cleanup()
            self._runner = None

    # --- state the admin API and the handle expose -------------------------

    def truth(self) -> dict[str, Any]:
        def record(listing: SandboxListing) -> dict[str, Any]:
            shop = self.shops[listing.marketplace]
            return {
                "marketplace": listing.marketplace,
                "external_id": listing.external_id,
                "url": shop.listing_url(listing, self.ctx),
                "title": listing.title,
                "label": listing.label,
                "kind": listing.kind,
                "detail_only": listing.detail_only,
                "identifiers": [{"kind": k, "value": v} for k, v in listing.identifiers],
                "seller_id": listing.seller_id,
                "removed": self.desk.is_removed(listing.marketplace, listing.external_id),
            }

        return {
            "seed": self.seed,
            "listings": len(self.catalogue),
            "base_url": self.base_url,
            "planted": [record(item) for item in self.catalogue if item.kind == "planted"],
            "hard_negatives": [record(item) for item in self.catalogue if item.kind == "hard_negative"],
            "abuse_desk": self.desk.to_json(),
            "photos": self.photos.truth(),
        }

    def set_faults(self, plan: FaultPlan) -> None:
        self.dice = FaultDice(plan)

    def reset(self) -> None:
        """Back to the seed state: no notices or removals, initial faults, zero stats."""
        self.desk.reset()
        self.desk.takedown_delay = self.initial_takedown_delay
        self.stats.reset()
        self.dice = FaultDice(self.initial_faults)

    # --- handlers ------------------------------------------------------------

    @web.middleware
    async def _fault_middleware(self, request: web.Request, handler: Handler) -> web.StreamResponse:
        marketplace = request.path.split("/", 2)[1] if request.path.count("/") >= 1 else ""
        shop = self.shops.get(marketplace)
        if shop is None:
            return await handler(request)
        fault: FaultKind | None = None
        rng = None
        if not self._exempt(request.path, marketplace, shop):
            fault, rng = self.dice.roll(marketplace)
        rates = self.dice.plan.for_marketplace(marketplace)
        try:
            if fault is FaultKind.DROPPED:
                self.stats.record(marketplace, 0, fault.value)
                if request.transport is not None:
                    request.transport.abort()
                raise asyncio.CancelledError  # aiohttp treats this as a dropped client; nothing is sent
            response = await self._answer(request, handler, shop, fault, rng)
            if rates.layout_changed and shop.layout_renames:
                response = _renamed(response, shop.layout_renames)
        except web.HTTPException as exc:
            self.stats.record(marketplace, exc.status, fault.value if fault else None)
            raise
        self.stats.record(marketplace, response.status, fault.value if fault else None)
        return response

    def _exempt(self, path: str, marketplace: str, shop: Shop) -> bool:
        local = path[len(marketplace) + 1:]
        return local.startswith("/img/") or local == shop.captcha_path or path.endswith(EXEMPT_SUFFIXES)

    async def _answer(
        self, request: web.Request, handler: Handler, shop: Shop, fault: FaultKind | None, rng: Any
    ) -> web.StreamResponse:
        rates = self.dice.plan.for_marketplace(shop.name)
        if fault is FaultKind.SERVER_ERROR:
            status = rng.choice((500, 502, 503))
            return web.json_response({"error": "internal error", "status": status}, status=status)
        if fault is FaultKind.RATE_LIMITED:
            return web.Response(status=429, text="Too Many Requests",
                                headers={"Retry-After": str(rates.retry_after_seconds)})
        if fault is FaultKind.CAPTCHA:
            return web.Response(text=captcha_html(shop.name), content_type="text/html")
        if fault is FaultKind.BLOCKED:
            return shop.blocked_response(request)
        if fault is FaultKind.REDIRECT:
            return web.Response(status=302, headers={"Location": f"/{shop.name}{shop.captcha_path}"})
        if fault is FaultKind.SLOW:
            await asyncio.sleep(rates.slow_seconds)
        response = await handler(request)
        if fault is FaultKind.TRUNCATED and isinstance(response, web.Response) and isinstance(response.body, bytes):
            response.body = response.body[: len(response.body) // 2]
        return response

    async def _image(self, request: web.Request) -> web.Response:
        marketplace = request.path.split("/", 2)[1]
        image_id = request.match_info["image_id"]
        shop_catalogue = self.catalogue.shops.get(marketplace)
        listing = shop_catalogue.by_image.get(image_id) if shop_catalogue else None
        if listing is None:
            raise web.HTTPNotFound(text="image not found")
        # Rendered off the event loop: a card photo takes ~40 ms of PIL work, and a loop stalled
        # that long would hold back (then bunch up) every other shop's answers.
        body = await asyncio.to_thread(self.photos.render, marketplace, image_id, listing.title)
        return web.Response(body=body, content_type="image/jpeg",
                            headers={"Cache-Control": "public, max-age=86400"})

    async def _captcha(self, request: web.Request) -> web.Response:
        return web.Response(text=captcha_html(request.path.split("/", 2)[1]), content_type="text/html")

    async def _truth(self, request: web.Request) -> web.Response:
        return web.json_response(self.truth())

    async def _stats(self, request: web.Request) -> web.Response:
        return web.json_response(self.stats.to_json())

    async def _reset(self, request: web.Request) -> web.Response:
        self.reset()
        return web.json_response({"reset": True})

    async def _get_faults(self, request: web.Request) -> web.Response:
        return web.json_response(self.dice.plan.to_json())

    async def _set_faults(self, request: web.Request) -> web.Response:
        try:
            plan = FaultPlan.parse(await request.text(), seed=self.seed)
        except ValueError as exc:
            return web.json_response({"error": str(exc)}, status=400)
        unknown = set(plan.per_marketplace) - set(self.shops)
        if unknown:
            return web.json_response({"error": f"unknown marketplace {sorted(unknown)[0]!r}"}, status=400)
        self.set_faults(plan)
        return web.json_response(plan.to_json())


def _renamed(response: web.StreamResponse, renames: Mapping[str, str]) -> web.StreamResponse:
    """"Layout changed": JSON answers come back with keys renamed (other answers untouched)."""
    if not isinstance(response, web.Response) or not isinstance(response.body, bytes):
        return response
    if response.content_type != "application/json":
        return response
    try:
        data = json.loads(response.body)
    except ValueError:
        return response
    response.body = json.dumps(rename_keys(data, renames), ensure_ascii=False).encode()
    return response


@dataclass
class SandboxHandle:
    """A running sandbox, as seen from the thread that started it."""

    server: SandboxServer
    loop: asyncio.AbstractEventLoop

    @property
    def base_url(self) -> str:
        return self.server.base_url

    @property
    def smtp_ports(self) -> dict[str, int]:
        return dict(self.server.desk.ports)

    @property
    def catalogue(self) -> Catalogue:
        return self.server.catalogue

    def _call(self, fn: Callable[[], Any]) -> Any:
        async def wrapper() -> Any:
            return fn()

        return asyncio.run_coroutine_threadsafe(wrapper(), self.loop).result(timeout=30)

    def truth(self) -> dict[str, Any]:
        """Same data as ``GET /_sandbox/truth`` (works without ``admin``)."""
        return self._call(self.server.truth)

    def stats(self) -> dict[str, Any]:
        return self._call(self.server.stats.to_json)

    def set_faults(self, plan: FaultPlan | Mapping[str, Any]) -> None:
        if not isinstance(plan, FaultPlan):
            plan = FaultPlan.from_json(plan, seed=self.server.seed)
        self._call(lambda: self.server.set_faults(plan))

    def reset(self) -> None:
        self._call(self.server.reset)

    def set_takedown_delay(self, seconds: float) -> None:
        """Delay for notices received from now on (``reset`` restores the start value)."""
        self._call(lambda: setattr(self.server.desk, "takedown_delay", seconds))


@contextmanager
def run_sandbox(
    *,
    host: str = "127.0.0.1",
    port: int = 0,
    catalogue_seed: int = 0,
    listings: int = DEFAULT_LISTINGS,
    faults: FaultPlan | None = None,
    takedown_delay: float = 60.0,
    admin: bool = True,
    shops: Mapping[str, Shop] | None = None,
    startup_timeout: float = 120.0,
) -> Iterator[SandboxHandle]:
    """Run a sandbox on a background thread for the duration of the ``with`` block."""
    ready = threading.Event()
    box: dict[str, Any] = {}

    def serve() -> None:
        loop = asyncio.new_event_loop()
        box["loop"] = loop
        try:
            server = SandboxServer(
                catalogue_seed=catalogue_seed, listings=listings, faults=faults,
                takedown_delay=takedown_delay, admin=admin, shops=shops,
            )
            loop.run_until_complete(server.start(host, port))
            box["server"] = server
        except BaseException as exc:  # reported to the caller, not lost on this thread
            box["error"] = exc
            ready.set()
            loop.close()
            return
        ready.set()
        try:
            loop.run_forever()
        finally:
            loop.run_until_complete(server.stop())
            loop.close()

    thread = threading.Thread(target=serve, name="ktpwatch-sandbox", daemon=True)
    thread.start()
    if not ready.wait(startup_timeout):
        raise TimeoutError(f"sandbox did not start within {startup_timeout:.0f}s")
    if "error" in box:
        thread.join()
        raise box["error"]
    handle = SandboxHandle(server=box["server"], loop=box["loop"])
    try:
        yield handle
    finally:
        handle.loop.call_soon_threadsafe(handle.loop.stop)
        thread.join(timeout=30)
