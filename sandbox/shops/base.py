"""The contract between the sandbox core and each marketplace's shop module.

The core (:mod:`sandbox.server`) owns the catalogue, the search index,
faults, images, the abuse desk and the admin API. A shop module owns only what
makes its marketplace look like itself: its routes and response shapes, its
URL scheme, its own way of saying "blocked" or "not found". Keeping the split
here means a shop module never needs to know how faults or takedowns work —
it asks :class:`ShopContext` and renders.
"""

from __future__ import annotations

import abc
import random
from collections.abc import Sequence
from typing import Any, ClassVar, Protocol
from urllib.parse import quote, urlsplit

from aiohttp import web

from sandbox.catalogue_types import SandboxListing
from sandbox.faults import ShapeDrift
from sandbox.interstitial import captcha_html, empty_shell_html, login_html


class ShopContext(Protocol):
    """What a shop module may ask the sandbox core while answering a request."""

    @property
    def base_url(self) -> str:
        """This shop's own origin, e.g. ``"http://127.0.0.2:8901"``, no trailing slash."""
        ...

    def search(
        self, marketplace: str, query: str, *, sort: str = "newest"
    ) -> Sequence[SandboxListing]:
        """Live listings of ``marketplace`` matching ``query`` (word match, small typos allowed).

        ``sort`` is ``"newest"`` (created_at descending) or ``"relevance"``.
        Removed listings are already left out; the shop paginates the result.
        """
        ...

    def get(self, marketplace: str, external_id: str) -> SandboxListing | None:
        """The listing with this id, removed or not (``None`` when it never existed)."""
        ...

    def is_removed(self, marketplace: str, external_id: str) -> bool:
        """True once the abuse desk has taken the listing down."""
        ...

    def image_url(self, marketplace: str, image_id: str) -> str:
        """``f"{shop origin}/img/{image_id}.jpg"`` (served by the core on the shop's port)."""
        ...

    def shape(self, marketplace: str, shape: ShapeDrift, key: str) -> bool:
        """Whether the answer part ``key`` (an item id, a page) is served in the drifted ``shape``."""
        ...

    def unknown_layout(self, marketplace: str) -> bool:
        """Whether search answers come in a JSON shape no parser knows (same products)."""
        ...


class Shop(abc.ABC):
    """One marketplace, served by the core on its own host and port, at the shop's real paths."""

    #: marketplace name (one of ``config.KNOWN_MARKETPLACES``)
    name: ClassVar[str]
    #: renames applied to JSON keys by the "layout changed" fault,
    #: e.g. ``{"products": "productList", "name": "productName"}``
    layout_renames: ClassVar[dict[str, str]] = {}
    #: optional fields the shop has also been seen to send under another name
    #: (the ``renamed_optional`` shape drift); never the id, title or price
    optional_renames: ClassVar[dict[str, str]] = {}
    #: the shop's challenge page; the core serves :meth:`captcha_response` there, fault-free
    captcha_path: ClassVar[str] = "/captcha"
    #: the shop's login page; the core serves :meth:`login_wall_response` there, fault-free
    login_path: ClassVar[str] = "/login"
    #: the script an empty app shell loads (:meth:`empty_shell_response`)
    app_script: ClassVar[str] = "/static/js/main.js"

    @abc.abstractmethod
    def routes(self, ctx: ShopContext) -> list[web.RouteDef]:
        """The shop's routes, at the real shop's paths."""

    @abc.abstractmethod
    def listing_url(self, listing: SandboxListing, ctx: ShopContext) -> str:
        """The canonical, absolute URL of ``listing``, as the shop writes it."""

    @abc.abstractmethod
    def external_id_from_url(self, url: str) -> str | None:
        """Inverse of :meth:`listing_url`; used by the abuse desk to read notices."""

    @abc.abstractmethod
    def blocked_response(self, request: web.Request) -> web.StreamResponse:
        """The shop's own block answer (e.g. Shopee: 200 ``{"error": 90309999, ...}``)."""

    def captcha_response(self, request: web.Request) -> web.StreamResponse:
        """The shop's challenge page, status 200 (override with the shop's own)."""
        return web.Response(text=captcha_html("Verifikasi keamanan", self.captcha_path),
                            content_type="text/html")

    def login_wall_response(self, request: web.Request) -> web.StreamResponse:
        """The shop's login page in place of the answer, status 200."""
        action = f"{self.login_path}?next={quote(request.path_qs, safe='')}"
        return web.Response(text=login_html("Masuk", action), content_type="text/html")

    def login_redirect(self, request: web.Request) -> web.StreamResponse:
        """A 302 to the shop's login page, coming back to the asked URL afterwards."""
        return web.Response(status=302, headers={
            "Location": f"{self.login_path}?next={quote(request.path_qs, safe='')}"})

    def empty_shell_response(self, request: web.Request) -> web.StreamResponse:
        """The single-page app's shell before its scripts run: status 200, no content."""
        return web.Response(text=empty_shell_html(self.name.capitalize(), self.app_script),
                            content_type="text/html")

    def exempt_paths(self) -> tuple[str, ...]:
        """Paths faults never touch: where a hostile answer sends a client must load."""
        return (self.captcha_path, self.login_path)

    def directory_entry(self, base_url: str) -> dict[str, Any]:
        """How a client reaches this shop: configuration keys of ``[marketplaces.<name>]``.

        Addresses only. The page size stays the client's choice (tests ask for
        small pages to exercise pagination); every shop answers any size up to
        its own maximum.
        """
        parts = urlsplit(base_url)
        origin = f"{parts.scheme}://{parts.netloc}"  # photos come from the shop's own port
        return {"api_base_url": base_url, "web_base_url": base_url, "image_hosts": [origin]}

    def extra_fields(self, index: int, rng: random.Random) -> tuple[tuple[str, str], ...]:
        """Shop-specific ids drawn at catalogue build time (e.g. Lazada sku id)."""
        return ()

    def external_id(self, index: int, rng: random.Random) -> str:
        """A listing id in the shop's style; the default is a 10+ digit number.

        ``index`` is the listing's position in this shop's catalogue; ids must be
        unique within a shop (the catalogue checks), so the default gives each
        index its own disjoint band of 7919 numbers and picks one at random.
        """
        return default_external_id(index, rng)


def default_external_id(index: int, rng: random.Random) -> str:
    """See :meth:`Shop.external_id`; also used when the catalogue is built without shop modules."""
    return str(1_000_000_000 + index * 7919 + rng.randrange(7919))
