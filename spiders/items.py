"""The item every spider yields: one listing as one marketplace described it.

A dataclass rather than ``scrapy.Item`` so parsers stay plain, typed Python
that tests can build and compare without Scrapy (itemadapter handles both).
"""

from __future__ import annotations

import hashlib
import json
from dataclasses import asdict, dataclass, field
from datetime import datetime
from typing import Any


@dataclass(frozen=True)
class HttpExchange:
    """One HTTP request and its response, kept byte for byte for WARC evidence.

    Search pages are shared by every listing on them: items hold references to
    one exchange object, not copies.
    """

    url: str
    method: str
    request_headers: tuple[tuple[str, str], ...]
    request_body: bytes
    status: int
    response_headers: tuple[tuple[str, str], ...]
    response_body: bytes
    #: UTC ISO 8601 time the response arrived
    fetched_at: str = ""


@dataclass
class ListingItem:
    marketplace: str
    external_id: str
    url: str
    title: str
    description: str = ""
    #: price in whole Indonesian rupiah
    price: int | None = None
    seller_id: str = ""
    seller_name: str = ""
    seller_url: str = ""
    seller_city: str = ""
    image_urls: list[str] = field(default_factory=list)
    sold_count: int | None = None
    listed_at: datetime | None = None
    #: True once the listing's detail page has been read (full description)
    detail_fetched: bool = False
    #: the search query that found it
    query: str = ""
    #: the marketplace's own JSON for this listing, kept for evidence
    raw: dict[str, Any] = field(default_factory=dict)
    #: the HTTP exchanges that produced this item (search answer, detail page), for evidence
    exchanges: list[HttpExchange] = field(default_factory=list, repr=False)
    #: True when the marketplace's known layout failed and the shape-agnostic fallback read this listing
    #: (id, title, price and little else): the listing counts, the parser needs work
    degraded: bool = False

    def content_hash(self) -> str:
        """SHA-256 over what a person would notice changing: title, description, price, seller."""
        payload = json.dumps(
            [self.title, self.description, self.price, self.seller_id, self.seller_name],
            ensure_ascii=False,
            separators=(",", ":"),
        )
        return hashlib.sha256(payload.encode("utf-8")).hexdigest()

    def to_dict(self) -> dict[str, Any]:
        """JSON-ready view of the listing (exchanges are left out: they go to WARC files)."""
        data = {k: v for k, v in asdict(self).items() if k != "exchanges"}
        data["listed_at"] = self.listed_at.isoformat() if self.listed_at else None
        return data


@dataclass(frozen=True)
class PageOutcome:
    """What a parser says about a whole page besides its items.

    ``blocked`` and ``layout_changed`` exist so a block is never read as "no
    results": a spider counts them per marketplace and the scan reports them.
    ``parser_error`` is a bug in our parser (it raised), counted apart from a
    changed layout.
    """

    #: ok | degraded | empty | blocked | captcha | layout_changed | parser_error | not_found.
    #: ``degraded``: the known layout failed but the shape-agnostic fallback read listings
    #: (they carry ``ListingItem.degraded``); the items count, the drift is reported.
    status: str = "ok"
    reason: str = ""
    total: int | None = None
    has_next: bool = False
    #: opaque pagination state for the next request (cursor, offset, params)
    next_token: str | None = None
