"""One parser module per marketplace, one function per page kind (search results, listing detail).

Every parser has the contract signature
``parse_search(body, *, url, base_url, query="")`` /
``parse_detail(body, *, url, base_url, item=None)`` and returns items plus a
``PageOutcome`` that says blocked / captcha / empty / layout_changed /
not_found itself. :func:`never_raises` is the last line of that promise: a
parser wrapped in it turns any unexpected exception into ``layout_changed``.
:func:`canonical_url` puts a shop's listing path under the configured web base
URL, so a listing read through a mirror, a relative link or the API host is
named by the one URL the shop's web pages use.
"""

from __future__ import annotations

import functools
from collections.abc import Callable
from typing import Any, ParamSpec, TypeVar
from urllib.parse import urlparse

from crawler.items import PageOutcome

P = ParamSpec("P")
T = TypeVar("T")


def never_raises(
    empty: Any,
) -> Callable[[Callable[P, tuple[T, PageOutcome]]], Callable[P, tuple[T, PageOutcome]]]:
    """Decorate a parser so any exception becomes ``(empty, layout_changed)`` with the reason.

    ``empty`` is what the parser returns for "nothing": ``[]`` (a fresh list each time) or ``None``.
    """

    def wrap(parser: Callable[P, tuple[T, PageOutcome]]) -> Callable[P, tuple[T, PageOutcome]]:
        @functools.wraps(parser)
        def guarded(*args: P.args, **kwargs: P.kwargs) -> tuple[T, PageOutcome]:
            try:
                return parser(*args, **kwargs)
            except (Exception, RecursionError) as exc:
                reason = f"parser error: {type(exc).__name__}: {str(exc)[:200]}"
                value: Any = [] if isinstance(empty, list) else empty
                return value, PageOutcome(status="layout_changed", reason=reason)

        return guarded

    return wrap


def canonical_url(url: str, base_url: str) -> str:
    """``url``'s path (query and fragment dropped) under ``base_url``.

    Accepts absolute URLs of the real shop, protocol-relative ``//host/path`` and
    relative paths.
    """
    if not url:
        return ""
    path = urlparse(url if "://" in url or url.startswith("//") else "http://x" + ("" if url.startswith("/") else "/") + url).path
    return base_url.rstrip("/") + path
