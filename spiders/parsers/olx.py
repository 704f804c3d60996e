"""OLX Indonesia page parsers: relevance search API answer and the item page.

Shapes:

* search — ``GET {api}/api/relevance/v4/search?…&query=<q>&page=N&size=40`` with
  header ``x-panamera-client-id: web-desktop`` answers
  ``{"version","data":[ad…],"metadata":{"total_ads","next_page_url",…},"empty",
  "suggested_data"}``. Template: ``shared/recorded/olx/…letgo-clone.json``, a real
  capture of the same OLX Group "panamera" feed from OLX Turkey (no Indonesian
  capture exists); an ad carries ``id``/``ad_id``, ``title``, ``description``,
  ``price.value.raw``, ``locations_resolved.ADMIN_LEVEL_3_name`` (city),
  ``images[].url``, ``user_id``, ``created_at`` (ISO 8601 with offset),
  ``status.status``. Pages are numbered from 0: the captured first page's
  ``next_page_url`` asks for ``page=1``.
* item page — ``{web}/item/<slug>-iid-<id>``: panamera pages embed their state as
  ``window.__APP = {…}`` with the ad under ``states.items.elements["<id>"]`` in the
  same ad shape (the sandbox renders exactly this). A removed ad is the marketplace's
  "not found" page: no element for the id, HTTP 404, "tidak ditemukan".
* blocks — Akamai "Access Denied" HTML (HTTP 403) or a timeout; both are blocks.
"""

from __future__ import annotations

import re
from dataclasses import replace
from functools import partial
from typing import Any
from urllib.parse import parse_qs, urlsplit

from spiders.items import ListingItem, PageOutcome
from spiders.parsers import never_raises
from spiders.parsers.fallback import known_reader, read_entries, rescue
from spiders.parsers.page_signals import (
    JsonError,
    as_text,
    classify_unusable,
    dig,
    finish_search,
    int_or_none,
    load_json,
    rupiah,
    slugify,
    text_at,
    top_level_refusal,
    utc_from_iso,
    visible_text,
)

MARKETPLACE = "olx"
PAGE_SIZE = 40
_IID = re.compile(r"-iid-(\d+)")
_APP_STATE = re.compile(r"window\.__APP\s*=\s*")
#: OLX's own "ad not found / no longer available" wording, matched on visible text only
#: ("layanan tidak tersedia", a service outage, is not a removal)
_NOT_FOUND = re.compile(r"tidak ditemukan|page not found|iklan\b[^.<]{0,40}\btidak (lagi )?tersedia", re.I)


def item_url(title: str, ad_id: str, base_url: str) -> str:
    """OLX's canonical ad URL, ``{base}/item/<title slug>-iid-<id>``."""
    slug = slugify(title) or "iklan"
    return f"{base_url.rstrip('/')}/item/{slug}-iid-{ad_id}"


def ad_id_from_url(url: str) -> str | None:
    match = _IID.search(urlsplit(url).path)
    return match.group(1) if match else None


def _images(ad: dict[str, Any]) -> list[str]:
    images = ad.get("images")
    if not isinstance(images, list):
        return []
    return [u for u in (text_at(img, "url") or text_at(img, "big", "url") for img in images) if u]


def _price(ad: dict[str, Any]) -> int | None:
    """``price.value.raw``, else the display text (``"Rp 15.000"``) some panamera feeds send alone."""
    raw = int_or_none(dig(ad, "price", "value", "raw"))
    return raw if raw is not None else rupiah(dig(ad, "price", "value", "display"))


def ad_item(ad: dict[str, Any], *, base_url: str, query: str = "") -> ListingItem | None:
    """One panamera ad object as a listing (None when it has no id or title)."""
    ad_id = text_at(ad, "ad_id") or text_at(ad, "id")
    title = text_at(ad, "title")
    if not ad_id or not title:
        return None
    user_id = text_at(ad, "user_id")
    return ListingItem(
        marketplace=MARKETPLACE,
        external_id=ad_id,
        url=item_url(title, ad_id, base_url),
        title=title,
        description=text_at(ad, "description"),
        price=_price(ad),
        seller_id=user_id,
        seller_name=text_at(ad, "user", "name") or text_at(ad, "user_name"),
        seller_url=f"{base_url.rstrip('/')}/profile/{user_id}" if user_id else "",
        seller_city=text_at(ad, "locations_resolved", "ADMIN_LEVEL_3_name")
        or text_at(ad, "locations_resolved", "ADMIN_LEVEL_1_name"),
        image_urls=_images(ad),
        listed_at=utc_from_iso(ad.get("created_at")) or utc_from_iso(ad.get("display_date")),
        query=query,
        raw=ad,
    )


def _page_of(url: str) -> int:
    values = parse_qs(urlsplit(url).query).get("page") or ["0"]
    return int_or_none(values[0]) or 0


@never_raises([])
def parse_search(
    body: bytes | str, *, url: str, base_url: str, query: str = ""
) -> tuple[list[ListingItem], PageOutcome]:
    """Items and outcome of one relevance/v4 search answer (pages numbered from 0)."""
    try:
        doc = load_json(body)
    except JsonError as exc:
        return [], classify_unusable(body, default_reason=str(exc))
    refused = top_level_refusal(doc)
    if refused is not None:
        return [], refused
    ads = dig(doc, "data")
    if not isinstance(ads, list):
        if isinstance(doc, dict) and (int_or_none(doc.get("status")) in (401, 403, 429) or "error" in doc):
            return [], PageOutcome(status="blocked", reason=f"OLX error answer: {str(doc)[:120]}")
        return _rescue(doc, "no data list in the answer", base_url, query)
    total = int_or_none(dig(doc, "metadata", "total_ads"))
    if not ads:
        return [], PageOutcome(status="empty", reason="no ads", total=total or 0)
    items, missing = read_entries(
        ads, known_reader(partial(ad_item, base_url=base_url, query=query), title_key="title", id_key="id"),
        path="data", marketplace=MARKETPLACE, base_url=base_url, query=query,
        url_for=lambda ad_id, title, _obj: item_url(title, ad_id, base_url),
    )
    if not items:
        return _rescue(doc, f"{len(missing)} ads unreadable: missing {', '.join(missing[:3])}", base_url, query)
    next_url = text_at(doc, "metadata", "next_page_url")
    next_page = _page_of(next_url) if next_url else None
    outcome = PageOutcome(
        status="ok",
        total=total,
        has_next=bool(next_url),
        next_token=str(next_page if next_page else _page_of(url) + 1) if next_url else None,
    )
    return finish_search(items, missing, outcome, what="ads")


def _rescue(doc: Any, why: str, base_url: str, query: str) -> tuple[list[ListingItem], PageOutcome]:
    return rescue(
        doc, why=why, marketplace=MARKETPLACE, base_url=base_url, query=query,
        url_for=lambda ad_id, title, _obj: item_url(title, ad_id, base_url),
    )



def app_state(page: str) -> Any:
    """The ``window.__APP`` object embedded in an OLX page, or None."""
    match = _APP_STATE.search(page)
    if not match:
        return None
    try:
        return load_json(page[match.end():])
    except JsonError:
        return None


@never_raises(None)
def parse_detail(
    body: bytes | str, *, url: str, base_url: str, item: ListingItem | None = None
) -> tuple[ListingItem | None, PageOutcome]:
    """The ad as its item page shows it (follow-up re-checks; search already has the text)."""
    page = as_text(body)
    state = app_state(page)
    wanted = ad_id_from_url(url) or (item.external_id if item else "")
    elements = dig(state, "states", "items", "elements")
    if not isinstance(elements, dict):
        return None, classify_unusable(
            body, default_reason="no window.__APP item state in the page", not_found=_NOT_FOUND
        )
    ad = elements.get(wanted) if wanted else next(iter(elements.values()), None)
    if ad is None:
        if _NOT_FOUND.search(visible_text(page)):
            return None, PageOutcome(status="not_found", reason="OLX shows its not-found page")
        return None, PageOutcome(status="layout_changed", reason=f"ad {wanted} not in the page state")
    found = ad_item(ad, base_url=base_url, query=item.query if item else "") if isinstance(ad, dict) else None
    if found is None:
        return None, PageOutcome(status="layout_changed", reason="ad in the page has no id or title")
    if item is not None:
        found = replace(found, query=item.query, raw={**item.raw, "_detail": ad})
    return replace(found, detail_fetched=True), PageOutcome(status="ok")

