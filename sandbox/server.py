"""The sandbox server: each shop on its own host and port at its real paths, plus faults and admin.

Why aiohttp: it is already a dependency (scrapy-playwright's stack and our
tests use it), one asyncio process comfortably serves well over a thousand
small JSON answers a second, and one event loop can hold a site per shop. The
abuse desks' SMTP servers share the same loop, so all state lives on one thread.

Each shop listens on its own address (:mod:`sandbox.addresses`) and answers
at the root, the paths its real counterpart uses, so per-host pacing,
allow-lists and evidence capture see six hosts, as they do in production. The
*front* (the host and port given to :meth:`SandboxServer.start`) tells
clients where the shops are (``GET /_sandbox/marketplaces``: per marketplace
the configuration keys that point a client at it) and, with ``admin``, serves
the admin API (:mod:`sandbox.admin_guard` says who may use it).

Faults apply to every shop route, photos included (real image CDNs block and
reset too), but never to the front, the pages a hostile answer sends a client
to (the shop's captcha and login paths), or static assets ending in
``.js``/``.css`` (a browser page whose script failed to load tests nothing
about the spider). A taken-down listing's own page may answer a block instead
of "not found" (``hidden_removals``), as it does when a re-check is refused.

Tests, the demo and the benchmarks use :func:`run_sandbox`, which runs the
server on its own thread and yields a :class:`SandboxHandle`.
"""

from __future__ import annotations

import asyncio
import errno
import json
import socket
import threading
from collections.abc import Awaitable, Callable, Iterator, Mapping, Sequence
from contextlib import contextmanager
from dataclasses import dataclass, replace
from typing import Any

from aiohttp import web

from sandbox.abuse_desk import AbuseDesk
from sandbox.addresses import WILDCARD_HOSTS, ShopAddress, plan_addresses
from sandbox.admin_guard import admin_refusal
from sandbox.catalogue import DEFAULT_LISTINGS, Catalogue, build_catalogue
from sandbox.catalogue_types import SandboxListing
from sandbox.faults import FaultDice, FaultKind, FaultPlan, ShapeDrift, rename_keys
from sandbox.images import PhotoPlan
from sandbox.planted_actors import actors_truth, relisted_hits
from sandbox.request_stats import RequestStats
from sandbox.shops import Shop, load_shops

Handler = Callable[[web.Request], Awaitable[web.StreamResponse]]
EXEMPT_SUFFIXES = (".js", ".css", ".map", ".ico")
#: where every shop serves its photos (its image host)
PHOTO_PREFIX = "/img/"
DIRECTORY_PATH = "/_sandbox/marketplaces"


class SandboxContext:
    """What every shop shares: the catalogue, the abuse desk, the current fault plan."""

    def __init__(self, catalogue: Catalogue, desk: AbuseDesk, plan: Callable[[], FaultPlan]) -> None:
        self.catalogue = catalogue
        self.desk = desk
        self.plan = plan
        self.shop_urls: dict[str, str] = {}

    def search(self, marketplace: str, query: str, *, sort: str = "newest") -> Sequence[SandboxListing]:
        hits = self.catalogue.search(marketplace, query, sort="relevance" if sort == "relevance" else "newest")
        shop = self.catalogue.shops.get(marketplace)
        hits = relisted_hits(shop.later if shop else (), query, self.is_listed) + hits
        removed = self.desk.removed_ids(marketplace)
        if not removed:
            return hits
        return tuple(hit for hit in hits if hit.external_id not in removed)

    def get(self, marketplace: str, external_id: str) -> SandboxListing | None:
        listing = self.catalogue.get(marketplace, external_id)
        return listing if listing is not None and self.is_listed(listing) else None

    def is_listed(self, listing: SandboxListing) -> bool:
        """False for a relist whose earlier listing the platform has not taken down yet."""
        return not listing.listed_after or self.desk.is_removed(listing.marketplace, listing.listed_after)

    def is_removed(self, marketplace: str, external_id: str) -> bool:
        return self.desk.is_removed(marketplace, external_id)

    def image_url(self, marketplace: str, image_id: str) -> str:
        """The shop's own photo address, or the one the listing's seller chose (fault plan)."""
        plan = self.plan()
        chosen = plan.for_marketplace(marketplace).seller_photo(f"{marketplace}:{image_id}", seed=plan.seed)
        if chosen is not None:
            return chosen.replace("{image_id}", image_id)
        return f"{self.shop_urls[marketplace]}/img/{image_id}.jpg"

    def shape(self, marketplace: str, shape: ShapeDrift, key: str) -> bool:
        plan = self.plan()
        return plan.for_marketplace(marketplace).drifts(shape, f"{marketplace}:{key}", seed=plan.seed)

    def unknown_layout(self, marketplace: str) -> bool:
        return self.plan().for_marketplace(marketplace).unknown_layout


class ShopSite:
    """:class:`~sandbox.shops.base.ShopContext` for one shop: the shared context at its own origin."""

    def __init__(self, shared: SandboxContext, marketplace: str) -> None:
        self._shared = shared
        self.marketplace = marketplace

    @property
    def base_url(self) -> str:
        return self._shared.shop_urls[self.marketplace]

    def search(self, marketplace: str, query: str, *, sort: str = "newest") -> Sequence[SandboxListing]:
        return self._shared.search(marketplace, query, sort=sort)

    def get(self, marketplace: str, external_id: str) -> SandboxListing | None:
        return self._shared.get(marketplace, external_id)

    def is_removed(self, marketplace: str, external_id: str) -> bool:
        return self._shared.is_removed(marketplace, external_id)

    def image_url(self, marketplace: str, image_id: str) -> str:
        return self._shared.image_url(marketplace, image_id)

    def shape(self, marketplace: str, shape: ShapeDrift, key: str) -> bool:
        return self._shared.shape(marketplace, shape, key)

    def unknown_layout(self, marketplace: str) -> bool:
        return self._shared.unknown_layout(marketplace)


def _bind(host: str, port: int) -> socket.socket:
    family = socket.AF_INET6 if ":" in host else socket.AF_INET
    sock = socket.socket(family, socket.SOCK_STREAM)
    sock.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
    try:
        sock.bind((host, port))
    except OSError:
        sock.close()
        raise
    return sock


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
        self.photos = PhotoPlan([*self.catalogue, *self.catalogue.later()])
        self.initial_takedown_delay = takedown_delay
        self.desk = AbuseDesk(
            self.shops,
            listing_exists=lambda mp, ext: self.catalogue.get(mp, ext) is not None,
            takedown_delay=takedown_delay,
        )
        self.ctx = SandboxContext(self.catalogue, self.desk, lambda: self.dice.plan)
        self.stats = RequestStats()
        self.base_url = ""
        self.front_host = ""
        self.front_port = 0
        #: what the operator should know about where the shops listen (printed by ``sandbox serve``)
        self.notes: list[str] = []
        self._runners: list[web.AppRunner] = []

    @property
    def shop_urls(self) -> dict[str, str]:
        """Each shop's origin, e.g. ``{"shopee": "http://127.0.0.3:8902"}``."""
        return dict(self.ctx.shop_urls)

    def site(self, marketplace: str) -> ShopSite:
        """The context ``marketplace``'s shop module answers in (its own origin)."""
        return ShopSite(self.ctx, marketplace)

    # --- lifecycle -----------------------------------------------------------

    def build_shop_app(self, name: str, shop: Shop) -> web.Application:
        app = web.Application(middlewares=[self._fault_middleware(name, shop)])
        # core routes first: aiohttp resolves in registration order, so a shop's
        # catch-all pattern can never shadow images or the pages faults send clients to
        app.router.add_get(PHOTO_PREFIX + "{image_id}.jpg", self._image(name))
        app.router.add_route("*", shop.captcha_path, _handler(shop.captcha_response))
        if shop.login_path != shop.captcha_path:
            app.router.add_route("*", shop.login_path, _handler(shop.login_wall_response))
        app.add_routes(shop.routes(ShopSite(self.ctx, name)))
        return app

    def build_front_app(self) -> web.Application:
        app = web.Application(middlewares=[self._admin_guard])
        app.router.add_get(DIRECTORY_PATH, self._directory)
        if self.admin:
            app.router.add_get("/_sandbox/truth", self._truth)
            app.router.add_get("/_sandbox/stats", self._stats)
            app.router.add_post("/_sandbox/reset", self._reset)
            app.router.add_post("/_sandbox/faults", self._set_faults)
            app.router.add_get("/_sandbox/faults", self._get_faults)
            app.router.add_post("/_sandbox/layout", self._set_layout)
        return app

    def _bind_shops(self, host: str, port: int) -> dict[str, tuple[ShopAddress, socket.socket]]:
        """A socket per shop at its planned address; a shared address when the own one is refused."""
        bound: dict[str, tuple[ShopAddress, socket.socket]] = {}
        try:
            for name, address in plan_addresses(host, port, list(self.shops)).items():
                try:
                    sock = _bind(address.bind_host, address.port)
                except OSError as exc:
                    if exc.errno != errno.EADDRNOTAVAIL or address.bind_host == host:
                        raise
                    self.notes.append(f"{name}: cannot listen on {address.bind_host} ({exc.strerror}); "
                                      f"it shares {host} with the front, so per-host pacing sees one host")
                    address = ShopAddress(bind_host=host, port=address.port)
                    sock = _bind(host, address.port)
                bound[name] = (ShopAddress(address.bind_host, sock.getsockname()[1]), sock)
        except BaseException:
            for _address, sock in bound.values():
                sock.close()
            raise
        return bound

    async def start(self, host: str = "127.0.0.1", port: int = 0) -> str:
        """Bind the front and every shop, start the SMTP desks; returns the front's base URL."""
        front = _bind(host, port)
        try:
            shops = self._bind_shops(host, port)
        except BaseException:
            front.close()
            raise
        self.front_host, self.front_port = host, front.getsockname()[1]
        self.base_url = f"http://{ShopAddress(host, self.front_port).url_host}:{self.front_port}"
        for name, (address, _sock) in shops.items():
            self.ctx.shop_urls[name] = f"http://{address.url_host}:{address.port}"
        sites = [(self.build_front_app(), front)]
        sites += [(self.build_shop_app(name, self.shops[name]), sock) for name, (_a, sock) in shops.items()]
        for app, sock in sites:
            runner = web.AppRunner(app, access_log=web.AccessLogger if self.access_log else None,
                                   handle_signals=False)
            await runner.setup()
            await web.SockSite(runner, sock).start()
            self._runners.append(runner)
        await self.desk.start(host, self.smtp_base_port)
        return self.base_url

    async def stop(self) -> None:
        await self.desk.stop()
        for runner in self._runners:
            await runner.cleanup()
        self._runners.clear()

    # --- state the admin API and the handle expose -------------------------

    def directory(self, url_host: str | None = None) -> dict[str, Any]:
        """Per marketplace, the configuration that points a client at this sandbox's shop.

        ``url_host`` replaces the host in every address (a wildcard bind answers
        with the host name the client used to reach the front).
        """
        entries = {}
        for name, shop in self.shops.items():
            url = self.ctx.shop_urls[name]
            if url_host:
                url = url.replace("//127.0.0.1:", f"//{url_host}:", 1)
            entries[name] = shop.directory_entry(url)
        return {"marketplaces": entries}

    def truth(self) -> dict[str, Any]:
        def record(listing: SandboxListing) -> dict[str, Any]:
            shop = self.shops[listing.marketplace]
            return {
                "marketplace": listing.marketplace,
                "external_id": listing.external_id,
                "url": shop.listing_url(listing, ShopSite(self.ctx, listing.marketplace)),
                "title": listing.title,
                "label": listing.label,
                "kind": listing.kind,
                "detail_only": listing.detail_only,
                "identifiers": [{"kind": k, "value": v} for k, v in listing.identifiers],
                "seller_id": listing.seller_id,
                "actor": listing.actor or None,
                "removed": self.desk.is_removed(listing.marketplace, listing.external_id),
            }

        return {
            "seed": self.seed,
            "listings": len(self.catalogue),
            "base_url": self.base_url,
            "shops": self.shop_urls,
            "planted": [record(item) for item in (*self.catalogue, *self.catalogue.later())
                        if item.kind == "planted" and self.ctx.is_listed(item)],
            "actors": actors_truth((*self.catalogue, *self.catalogue.later()), self.ctx.is_listed),
            "hard_negatives": [record(item) for item in self.catalogue if item.kind == "hard_negative"],
            "abuse_desk": self.desk.to_json(),
            "photos": self.photos.truth(),
        }

    def set_faults(self, plan: FaultPlan) -> None:
        self.dice = FaultDice(plan)

    def set_layout(self, marketplace: str, unknown: bool) -> FaultPlan:
        """Flip one shop to (or back from) the unknown layout, keeping the rest of its plan."""
        plan = self.dice.plan
        rates = plan.for_marketplace(marketplace)
        plan = plan.with_marketplace(marketplace, replace(rates, unknown_layout=unknown))
        self.dice.plan = plan
        return plan

    def reset(self) -> None:
        """Back to the seed state: no notices or removals, initial faults, zero stats."""
        self.desk.reset()
        self.desk.takedown_delay = self.initial_takedown_delay
        self.stats.reset()
        self.dice = FaultDice(self.initial_faults)

    # --- handlers ------------------------------------------------------------

    def _fault_middleware(self, marketplace: str, shop: Shop) -> Callable[..., Awaitable[web.StreamResponse]]:
        exempt = shop.exempt_paths()

        @web.middleware
        async def middleware(request: web.Request, handler: Handler) -> web.StreamResponse:
            fault: FaultKind | None = None
            rng = None
            if not (request.path in exempt or request.path.endswith(EXEMPT_SUFFIXES)):
                fault, rng = self.dice.roll(marketplace, photo=request.path.startswith(PHOTO_PREFIX))
                fault = self._hidden_removal(request, marketplace, shop) or fault
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
                elif (shop.optional_renames and fault is None
                      and self.ctx.shape(marketplace, ShapeDrift.RENAMED_OPTIONAL, request.path_qs)):
                    response = _renamed(response, shop.optional_renames)
            except web.HTTPException as exc:
                self.stats.record(marketplace, exc.status, fault.value if fault else None)
                raise
            self.stats.record(marketplace, response.status, fault.value if fault else None)
            return response

        return middleware

    def _hidden_removal(self, request: web.Request, marketplace: str, shop: Shop) -> FaultKind | None:
        """A hostile answer for a taken-down listing's own page, when the plan hides that removal."""
        if request.method != "GET" or not self.dice.plan.for_marketplace(marketplace).hidden_removals:
            return None
        external_id = shop.external_id_from_url(str(request.rel_url))
        if not external_id or not self.desk.is_removed(marketplace, external_id):
            return None
        return self.dice.plan.hiding_kind(marketplace, external_id)

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
        hostile = {
            FaultKind.CAPTCHA: shop.captcha_response,
            FaultKind.BLOCKED: shop.blocked_response,
            FaultKind.REDIRECT: shop.login_redirect,
            FaultKind.LOGIN_WALL: shop.login_wall_response,
            FaultKind.EMPTY_SHELL: shop.empty_shell_response,
        }
        if fault in hostile:
            return hostile[fault](request)
        if fault is FaultKind.SLOW:
            await asyncio.sleep(rates.slow_seconds)
        response = await handler(request)
        if fault is FaultKind.TRUNCATED and isinstance(response, web.Response) and isinstance(response.body, bytes):
            response.body = response.body[: len(response.body) // 2]
        if fault is FaultKind.TRICKLE and isinstance(response, web.Response) and isinstance(response.body, bytes):
            return await _trickled(request, response, rates.trickle_seconds)
        return response

    def _image(self, marketplace: str) -> Handler:
        async def image(request: web.Request) -> web.StreamResponse:
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

        return image

    @web.middleware
    async def _admin_guard(self, request: web.Request, handler: Handler) -> web.StreamResponse:
        if self.admin and (request.path != DIRECTORY_PATH or request.method != "GET"):
            refusal = admin_refusal(method=request.method, host_header=request.host,
                                    origin=request.headers.get("Origin"),
                                    content_type=request.content_type, port=self.front_port)
            if refusal is not None:
                return web.json_response({"error": refusal[1]}, status=refusal[0])
        return await handler(request)

    async def _directory(self, request: web.Request) -> web.Response:
        url_host = None
        if self.front_host in WILDCARD_HOSTS:
            url_host = request.url.host or None
        return web.json_response(self.directory(url_host))

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

    async def _set_layout(self, request: web.Request) -> web.Response:
        """``{"marketplace": "shopee", "layout": "unknown" | "known"}``: the run-time layout switch."""
        try:
            body = json.loads(await request.text())
        except ValueError:
            return web.json_response({"error": "body is not JSON"}, status=400)
        marketplace = body.get("marketplace") if isinstance(body, dict) else None
        layout = body.get("layout") if isinstance(body, dict) else None
        if marketplace not in self.shops:
            return web.json_response({"error": f"unknown marketplace {marketplace!r}"}, status=400)
        if layout not in ("unknown", "known"):
            return web.json_response({"error": "layout must be 'unknown' or 'known'"}, status=400)
        return web.json_response(self.set_layout(marketplace, layout == "unknown").to_json())


def _handler(answer: Callable[[web.Request], web.StreamResponse]) -> Handler:
    """An aiohttp handler for a shop's synchronous page method (captcha, login page)."""

    async def handle(request: web.Request) -> web.StreamResponse:
        return answer(request)

    return handle


async def _trickled(request: web.Request, answer: web.Response, interval: float) -> web.StreamResponse:
    """``answer`` sent as a slow server sends it: status and headers now, a body byte every ``interval``.

    Ends when the body is sent or the client goes away (a client with a total
    deadline hangs up long before a photo's last byte).
    """
    body = bytes(answer.body)  # type: ignore[arg-type]  # checked to be bytes by the caller
    stream = web.StreamResponse(status=answer.status, headers={
        "Content-Type": answer.headers.get("Content-Type", "application/octet-stream"),
        "Content-Length": str(len(body)),
    })
    await stream.prepare(request)
    try:
        for i in range(len(body)):
            await stream.write(body[i : i + 1])
            await asyncio.sleep(interval)
    except (ConnectionResetError, ConnectionError):
        pass  # the client gave up: what a trickling server sees
    return stream


def _renamed(response: web.StreamResponse, renames: Mapping[str, str]) -> web.StreamResponse:
    """JSON answers come back with keys renamed (other answers untouched)."""
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
        """The front: ``/_sandbox/marketplaces`` and, with ``admin``, the admin API."""
        return self.server.base_url

    @property
    def shop_urls(self) -> dict[str, str]:
        return self.server.shop_urls

    def shop_url(self, marketplace: str) -> str:
        """``marketplace``'s own origin, e.g. ``http://127.0.0.3:8902``."""
        return self.server.shop_urls[marketplace]

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

    def set_layout(self, marketplace: str, *, unknown: bool) -> None:
        """Flip one shop to the unknown layout (``POST /_sandbox/layout`` does the same)."""
        self._call(lambda: self.server.set_layout(marketplace, unknown))

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
