"""One parser module per marketplace, one function per page kind (search results, listing detail).

Every parser has the contract signature
``parse_search(body, *, url, base_url, query="")`` /
``parse_detail(body, *, url, base_url, item=None)`` and returns items plus a
``PageOutcome`` that says blocked / captcha / empty / layout_changed /
not_found itself.

What ``parse_detail`` returns, for every marketplace (``crawler.recheck.reading_of`` maps it
for the follow-up):

* ``(item, ok)`` — the listing was read;
* ``(None, not_found)`` — the marketplace's own removed state, never a gate: Tokopedia
  ``pdpGetLayout: null``, a "not found" GraphQL error, status DELETED/BANNED/REMOVED or
  its "Produk tidak ditemukan" page; Shopee ``item``/``data`` null or "Produk ini tidak
  ada"; Lazada's "tidak ditemukan"/"no longer available" page; Blibli ``code 404`` /
  ``NOT_FOUND`` or "Produk tidak ditemukan"; OLX's "iklan … tidak tersedia"/"tidak
  ditemukan" page; Facebook's ``CometErrorRoute`` /
  "This content isn't available" / "no longer available" (page texts matched on the
  visible text only);
* ``(None, captcha)`` — captcha, slider, Lazada punish / RGV587, Facebook checkpoint;
* ``(None, blocked)`` — a refusal (Access Denied, rate limit, Shopee ``90309999``, 401/403/429
  codes in the body), a login wall;
* ``(None, layout_changed)`` — unreadable; an empty shell (the page before its scripts
  ran) is this status with ``page_signals.EMPTY_SHELL_REASON``;
* ``(item, degraded)`` — only when a search ``item`` is given and the known layout
  failed: its description read by the shape-agnostic fallback.

:func:`never_raises` is the last line of that promise: a
parser wrapped in it turns any unexpected exception into ``parser_error``
(logged with its traceback), never into ``layout_changed``: a bug in our code
and a change in the marketplace's page need different people to act.
:func:`canonical_url` puts a marketplace's listing path under the configured web base
URL, so a listing read through a mirror, a relative link or the API host is
named by the one URL the marketplace's web pages use.
"""

from __future__ import annotations

import functools
import logging
from collections.abc import Callable
from typing import Any, ParamSpec, TypeVar
from urllib.parse import urlparse

from spiders.items import PageOutcome

log = logging.getLogger(__name__)

P = ParamSpec("P")
T = TypeVar("T")


def never_raises(
    empty: Any,
) -> Callable[[Callable[P, tuple[T, PageOutcome]]], Callable[P, tuple[T, PageOutcome]]]:
    """Decorate a parser so any exception becomes ``(empty, parser_error)`` with the reason.

    The traceback is logged (at ERROR) so the bug can be found; the crawl goes on.

    ``empty`` is what the parser returns for "nothing": ``[]`` (a fresh list each time) or ``None``.
    """

    def wrap(parser: Callable[P, tuple[T, PageOutcome]]) -> Callable[P, tuple[T, PageOutcome]]:
        @functools.wraps(parser)
        def guarded(*args: P.args, **kwargs: P.kwargs) -> tuple[T, PageOutcome]:
            try:
                return parser(*args, **kwargs)
            except (Exception, RecursionError) as exc:
                reason = f"parser error: {type(exc).__name__}: {str(exc)[:200]}"
                log.exception("%s raised on %s", parser.__qualname__, kwargs.get("url", "?"))
                value: Any = [] if isinstance(empty, list) else empty
                return value, PageOutcome(status="parser_error", reason=reason)

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
