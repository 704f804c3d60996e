"""Evidence records of the HTTP exchanges a spider saw through Scrapy.

Both transports need this: the api transport keeps every answer it parses,
and the browser transport falls back to the page document Scrapy handed it
when the page fetched no JSON the spider wanted (``spiders.browser``). It sits
apart from ``spiders.items`` so the item types stay plain Python, free of Scrapy.
"""

from __future__ import annotations

from datetime import UTC, datetime
from typing import Any

from scrapy.http import Response

from spiders.items import HttpExchange


def header_pairs(headers: Any) -> tuple[tuple[str, str], ...]:
    """Scrapy's multi-valued header mapping (bytes or str) as ordered (name, value) text pairs."""
    pairs: list[tuple[str, str]] = []
    for key, values in headers.items():
        name = key.decode("latin-1") if isinstance(key, bytes) else str(key)
        for value in values if isinstance(values, list) else [values]:
            pairs.append(
                (name, value.decode("latin-1") if isinstance(value, bytes) else str(value))
            )
    return tuple(pairs)


def exchange_from_response(response: Response) -> HttpExchange:
    """Evidence record of a Scrapy request/response pair."""
    request = response.request
    return HttpExchange(
        url=response.url,
        method=request.method if request is not None else "GET",
        request_headers=header_pairs(request.headers) if request is not None else (),
        request_body=request.body if request is not None else b"",
        status=response.status,
        response_headers=header_pairs(response.headers),
        response_body=response.body,
        fetched_at=datetime.now(UTC).isoformat(),
    )
