"""Is a listing still there? One shop answer read into a :class:`PageOutcome` the follow-up can trust.

The follow-up re-checks confirmed listings after the platform's deadline. A
captcha, Facebook's login wall, Lazada's punish page and Shopee's page before
its scripts run all answer HTTP 200, so "2xx means live" turns a block into
``still_live`` and drafts an escalation against a platform that did act. This
module is the one place that reads a re-check answer, through each shop's own
detail parser (which holds that shop's not-found detector):

===================  ==========================================  ==================
``status``           when                                        follow-up reads
===================  ==========================================  ==================
``not_found``        HTTP 404/410, or the shop's own removed     removed
                     state (see each parser's ``parse_detail``)
``ok``               the detail parser read the listing          live
``captcha``          a captcha / punish / slider page            unknown (retry)
``blocked``          refusal, login wall, rate limit, HTTP       unknown (retry)
                     401/403/429/5xx, empty shell
``layout_changed``   an answer nothing could read                unknown (retry)
``degraded``         only the shape-agnostic fallback read it    unknown (retry)
===================  ==========================================  ==================

A captcha, refusal or login page wins over a 404/410 status: it is the shop's
gate talking, not the listing's page. Pure: no I/O, no clock.
"""

from __future__ import annotations

import importlib

from crawler.items import ListingItem, PageOutcome
from spiders.parsers.page_signals import EMPTY_SHELL_REASON

#: HTTP statuses that are by themselves a positive sign the listing is gone
GONE_STATUSES = frozenset({404, 410})
#: HTTP statuses that say only that the shop would not answer
REFUSED_STATUSES = frozenset({401, 403, 407, 429})
MARKETPLACES = ("tokopedia", "shopee", "lazada", "blibli", "olx", "facebook")


def listing_state(
    marketplace: str,
    body: bytes | str,
    *,
    status: int,
    url: str,
    base_url: str,
    item: ListingItem | None = None,
) -> PageOutcome:
    """What one re-check answer (``status``, ``body`` fetched from ``url``) says about the listing.

    ``marketplace`` names the parser module; ``base_url`` is the shop's configured
    web base URL. See the module table for the statuses returned.
    """
    if marketplace not in MARKETPLACES:
        raise ValueError(f"unknown marketplace {marketplace!r}; known: {', '.join(MARKETPLACES)}")
    parser = importlib.import_module(f"spiders.parsers.{marketplace}")
    _found, outcome = parser.parse_detail(body, url=url, base_url=base_url, item=item)
    if outcome.status in ("blocked", "captcha") and (
        outcome.reason != EMPTY_SHELL_REASON or status not in GONE_STATUSES
    ):
        return outcome  # the shop's gate talking (an empty shell with 404 is the 404's)
    if status in GONE_STATUSES:
        return PageOutcome(status="not_found", reason=f"HTTP {status}")
    if status in REFUSED_STATUSES or status >= 500:
        return PageOutcome(status="blocked", reason=f"HTTP {status}")
    return outcome
