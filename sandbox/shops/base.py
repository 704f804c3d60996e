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
from typing import ClassVar, Protocol

from aiohttp import web

from sandbox.catalogue_types import SandboxListing


class ShopContext(Protocol):
    """What a shop module may ask the sandbox core while answering a request."""

    #: e.g. ``"http://127.0.0.1:8900"``, no trailing slash
    base_url: str

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
        """``f"{base_url}/{marketplace}/img/{image_id}.jpg"`` (served by the core)."""
        ...


class Shop(abc.ABC):
    """One marketplace, mounted by the core under ``/<name>``."""

    #: marketplace name (one of ``config.KNOWN_MARKETPLACES``) == path prefix
    name: ClassVar[str]
    #: renames applied to JSON keys by the "layout changed" fault,
    #: e.g. ``{"products": "productList", "name": "productName"}``
    layout_renames: ClassVar[dict[str, str]] = {}
    #: where the "redirect to captcha" fault sends clients (relative to the prefix);
    #: the core serves a captcha HTML page there
    captcha_path: ClassVar[str] = "/captcha"

    @abc.abstractmethod
    def routes(self, ctx: ShopContext) -> list[web.RouteDef]:
        """The shop's routes; paths are relative to the ``/<name>`` prefix."""

    @abc.abstractmethod
    def listing_url(self, listing: SandboxListing, ctx: ShopContext) -> str:
        """The canonical, absolute URL the spiders report for ``listing`` (under the prefix)."""

    @abc.abstractmethod
    def external_id_from_url(self, url: str) -> str | None:
        """Inverse of :meth:`listing_url`; used by the abuse desk to read notices."""

    @abc.abstractmethod
    def blocked_response(self, request: web.Request) -> web.StreamResponse:
        """The shop's own block answer (e.g. Shopee: 200 ``{"error": 90309999, ...}``)."""

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
