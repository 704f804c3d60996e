"""Lazada Indonesia page parsers: catalogue search (``ajax=true`` JSON) and the product page.

Shapes (``shared/recorded/NOTES.md``; fixtures' SOURCE.txt):

* Search — ``GET /catalog/?ajax=true&isFirstRequest=true&page=N&q=...`` answers
  ``{mainInfo: {totalResults, pageSize, page, q}, mods: {listItems: [{name,
  itemId|nid, productUrl|itemUrl ("//www.lazada.co.id/products/<slug>-i<item>-s<sku>.html"),
  image, price, priceShow, location, sellerName, sellerId, itemSoldCntShow,
  description[]}]}}`` (iqbalme/nusantarads-backend 2020 capture). No results: no
  (or an empty) ``listItems`` beside a ``mainInfo`` with ``totalResults`` 0.
  2023-26 clients also see ``itemId`` without ``nid``, ``itemUrl`` for
  ``productUrl``, grouped price strings (``"199,000"``) or ``priceShow`` alone; an
  item without a link is kept at Lazada's id-only address ``/-i<itemId>.html``.
* Blocked — Alibaba "Baxia": JSON ``{"ret": ["RGV587_ERROR::SM::..."]}`` or
  ``{"rgv587_flag": "sm", "url": ".../_____tmd_____/punish?x5secdata=..."}``, or the
  punish slider HTML itself (webbrain-one/webbrain PR#2673).
* Detail — the product page HTML; Lazada's PDP (the shared Lazada/Daraz
  front end) renders from a module JSON object assigned in an inline script,
  ``var __moduleData__ = {...}`` / ``app.run({...})``, whose ``data.root.fields``
  holds ``product{title, desc (HTML), highlights (HTML)}``, ``seller{name,
  sellerId, url}``, ``primaryKey{itemId, skuId}``, ``skuInfos{"0": {price{salePrice{value}}}}``
  and ``skuGalleries{"0": [{src}]}`` (seen in public Daraz PDP captures, e.g.
  haruBlank00/cherry-client). A removed product shows Lazada's "page not found" page.
"""

from __future__ import annotations

import json
import re
from dataclasses import replace
from typing import Any

from spiders.items import ListingItem, PageOutcome
from spiders.parsers import canonical_url, never_raises
from spiders.parsers.fallback import read_entries, rescue
from spiders.parsers.page_signals import (
    JsonError,
    as_text,
    classify_unusable,
    dig,
    finish_search,
    html_to_text,
    int_or_none,
    load_json,
    looks_like_html,
    missing_path,
    rupiah,
    sold_count,
    text_at,
    top_level_refusal,
)

MARKETPLACE = "lazada"
_ITEM_SKU = re.compile(r"-i(\d+)(?:-s(\d+))?\.html")
_MODULE_START = re.compile(r"(?:__moduleData__\s*=|app\.run\()\s*(?=\{)")
#: Lazada's own "product/page not found" wording, matched on visible text only (not "halaman tidak
#: dapat dimuat", an error page, nor a bare "404" that a script name can hold)
_NOT_FOUND = re.compile(
    r"tidak ditemukan|page not found|produk ini tidak lagi tersedia|no longer available", re.I
)


def _refusal(doc: dict[str, Any]) -> PageOutcome | None:
    ret = doc.get("ret")
    if isinstance(ret, list) and any(isinstance(r, str) and "RGV587" in r for r in ret):
        return PageOutcome(status="captcha", reason="Lazada anti-bot (RGV587_ERROR)")
    if doc.get("rgv587_flag") or "_____tmd_____/punish" in str(doc.get("url", "")):
        return PageOutcome(status="captcha", reason="Lazada punish (slider captcha) redirect")
    return None


def _ids(entry: dict[str, Any], url: str) -> tuple[str, str]:
    match = _ITEM_SKU.search(url)
    item_id = text_at(entry, "itemId") or text_at(entry, "nid") or (match.group(1) if match else "")
    sku = (match.group(2) or "") if match else ""
    if not sku:
        cheapest = text_at(entry, "cheapest_sku")
        sku = cheapest.rsplit("-", 1)[-1] if "-" in cheapest else text_at(entry, "skuId")
    return item_id, sku


def id_only_url(item_id: str, base_url: str) -> str:
    """Lazada's id-only product address ``{web}/-i<itemId>.html`` (public clients build it so)."""
    return f"{base_url.rstrip('/')}/-i{item_id}.html"


def _image(src: str) -> str:
    return f"https:{src}" if src.startswith("//") else src


def _search_item(entry: Any, base_url: str, query: str, where: str = "") -> ListingItem | str:
    """One ``listItems`` entry as a listing, or the JSON path that was missing.

    Without ``productUrl``/``itemUrl`` the listing is kept with Lazada's id-only
    address ``{web}/-i<itemId>.html``, which public clients build the same way.
    """
    if not isinstance(entry, dict):
        return where
    name = text_at(entry, "name")
    link = text_at(entry, "productUrl") or text_at(entry, "itemUrl")
    item_id, _sku = _ids(entry, link)
    if not name:
        return missing_path(entry, where, ("name",))
    if not item_id:
        return f"{where}.itemId"
    if not link:
        link = id_only_url(item_id, "")
    described = entry.get("description")
    description = "\n".join(d for d in described if isinstance(d, str)) if isinstance(described, list) else ""
    image = text_at(entry, "image")
    sold_text = text_at(entry, "itemSoldCntShow")
    return ListingItem(
        marketplace=MARKETPLACE,
        external_id=item_id,
        url=canonical_url(link, base_url) if link else "",
        title=name,
        description=description,
        price=rupiah(entry.get("price")) if entry.get("price") not in (None, "") else rupiah(entry.get("priceShow")),
        seller_id=text_at(entry, "sellerId"),
        seller_name=text_at(entry, "sellerName"),
        seller_city=text_at(entry, "location"),
        image_urls=[_image(image)] if image else [],
        sold_count=sold_count(sold_text) if sold_text else None,
        query=query,
        raw=entry,
    )


@never_raises([])
def parse_search(
    body: bytes | str, *, url: str, base_url: str, query: str = ""
) -> tuple[list[ListingItem], PageOutcome]:
    """Listings on one Lazada catalogue ``ajax=true`` answer."""
    try:
        doc = load_json(body)
    except JsonError as exc:
        if looks_like_html(body):
            return [], classify_unusable(body, default_reason="HTML page instead of catalogue JSON")
        return [], classify_unusable(body, default_reason=str(exc))
    if not isinstance(doc, dict):
        return [], PageOutcome(status="layout_changed", reason="catalogue answer is not a JSON object")
    refused = _refusal(doc) or top_level_refusal(doc)
    if refused:
        return [], refused
    mods, info = doc.get("mods"), doc.get("mainInfo")
    if not isinstance(mods, dict) or not isinstance(info, dict):
        return _rescue(doc, "no mods/mainInfo in catalogue answer", base_url, query)
    total = int_or_none(info.get("totalResults"))
    entries = mods.get("listItems")
    if entries is None or entries == []:
        if "listItems" not in mods and total:
            return _rescue(doc, "mods has no listItems", base_url, query)
        return [], PageOutcome(status="empty", reason="no listItems", total=total)
    if not isinstance(entries, list):
        return _rescue(doc, "mods.listItems is not a list", base_url, query)
    items, missing = read_entries(
        entries, lambda entry, where: _search_item(entry, base_url, query, where),
        path="mods.listItems", marketplace=MARKETPLACE, base_url=base_url, query=query,
        url_for=lambda item_id, _title, _obj: id_only_url(item_id, base_url),
    )
    if not items:
        return _rescue(doc, f"{len(missing)} listItems unreadable: missing {', '.join(missing[:3])}", base_url, query)
    page = int_or_none(info.get("page")) or 1
    size = int_or_none(info.get("pageSize")) or len(entries)
    has_next = bool(items) and (total is None or page * size < total)
    outcome = PageOutcome(
        status="ok", total=total, has_next=has_next, next_token=str(page + 1) if has_next else None
    )
    return finish_search(items, missing, outcome, what="listItems")


def _rescue(doc: dict[str, Any], why: str, base_url: str, query: str) -> tuple[list[ListingItem], PageOutcome]:
    return rescue(
        doc, why=why, marketplace=MARKETPLACE, base_url=base_url, query=query,
        url_for=lambda item_id, _title, _obj: id_only_url(item_id, base_url),
    )


def module_data(html: str) -> dict[str, Any] | None:
    """The PDP module JSON (``__moduleData__`` / ``app.run(...)``) embedded in a product page."""
    for match in _MODULE_START.finditer(html):
        try:
            doc, _end = json.JSONDecoder().raw_decode(html, match.end())
        except (ValueError, RecursionError):
            continue
        if isinstance(doc, dict):
            return doc
    return None


@never_raises(None)
def parse_detail(
    body: bytes | str, *, url: str, base_url: str, item: ListingItem | None = None
) -> tuple[ListingItem | None, PageOutcome]:
    """The product page's title, full description, seller and price, merged over ``item``."""
    html = as_text(body)
    doc = module_data(html)
    if doc is None:
        return None, classify_unusable(
            body, default_reason="no __moduleData__ in product page", not_found=_NOT_FOUND
        )
    fields = dig(doc, "data", "root", "fields")
    product = dig(fields, "product")
    if not isinstance(product, dict):
        return None, PageOutcome(status="layout_changed", reason="no data.root.fields.product")
    seller = dig(fields, "seller") or {}
    key = dig(fields, "primaryKey") or {}
    page_url = canonical_url(url, base_url)
    item_id = text_at(key, "itemId") or _ids({}, url)[0]
    description = "\n".join(
        part for part in (
            html_to_text(text_at(product, "highlights")), html_to_text(text_at(product, "desc"))
        ) if part
    )
    gallery = dig(fields, "skuGalleries", "0") or []
    images = [_image(text_at(g, "src")) for g in gallery if text_at(g, "src")]
    price = int_or_none(dig(fields, "skuInfos", "0", "price", "salePrice", "value"))
    seller_url = text_at(seller, "url")
    base = item or ListingItem(marketplace=MARKETPLACE, external_id=item_id, url=page_url, title="")
    merged = replace(
        base,
        title=text_at(product, "title") or base.title,
        description=description or base.description,
        price=price if price is not None else base.price,
        seller_id=text_at(seller, "sellerId") or base.seller_id,
        seller_name=text_at(seller, "name") or base.seller_name,
        seller_url=canonical_url(seller_url, base_url) if seller_url else base.seller_url,
        image_urls=images or list(base.image_urls),
        raw={**base.raw, "detail": {"product": product, "seller": seller, "primaryKey": key}},
        exchanges=list(base.exchanges),
    )
    if not merged.title or not merged.external_id:
        return None, PageOutcome(status="layout_changed", reason="product page lacks title or item id")
    return merged, PageOutcome(status="ok")
