"""Blibli page parsers: search API answer and product summary answer.

Shapes, from ``shared/recorded/blibli`` (see tests/fixtures/blibli/*/SOURCE.txt):

* search — ``GET {api}/backend/search/products?...`` answers
  ``{"code":200,"status":"OK","data":{"products":[…],"paging":{page,total_page,
  item_per_page,total_item}, …}}`` (VladimirGOU/Web-crawlers 2023 capture; the
  2020 adefirmanf capture has the same product keys). A product carries ``sku``,
  ``name``, ``price.minPrice``/``priceDisplay``, ``images[]``, ``url`` (relative
  ``/p/<slug>/ps--<sku>?…``), ``merchantCode``, ``merchantName``, ``location``,
  ``soldRangeCount.id`` ("85,2 rb") and ``uniqueSellingPoint`` (HTML highlights).
* detail — ``GET {api}/backend/product-detail/products/<sku>/_summary`` answers
  ``{"code":200,"status":"OK","data":{name,url,description(HTML),images[{full}],
  sku,merchantCode,brand,…}}`` (adefirmanf mock_get_detail.json, which saved the
  axios wrapper ``{"data": <answer>}``; both forms are read). A missing product is
  ``{"code":404,"status":"NOT_FOUND","data":null}`` (Blibli's error envelope; no
  public capture, so the sandbox and this parser agree on it).
* blocks — since 2026 Blibli answers non-Indonesian traffic with HTTP 403 and an
  Akamai "Access Denied" HTML page (2scraper control measurement); the spider
  treats the 403 status itself as blocked, this parser recognises the body.
"""

from __future__ import annotations

import re
from dataclasses import replace
from functools import partial
from typing import Any

from spiders.items import ListingItem, PageOutcome
from spiders.parsers import canonical_url, never_raises
from spiders.parsers.fallback import UrlRule, degraded_detail, known_reader, read_entries, rescue
from spiders.parsers.page_signals import (
    JsonError,
    classify_unusable,
    dig,
    finish_search,
    html_to_text,
    int_or_none,
    load_json,
    rupiah,
    slugify,
    sold_count,
    text_at,
    top_level_refusal,
)

MARKETPLACE = "blibli"
#: Blibli's sort code for "Produk terbaru" (from ``data.sorting.options`` of the 2023 capture)
SORT_NEWEST = 1
PAGE_SIZE = 24
_BLOCK_CODES = {401, 403, 429}
#: Blibli's own missing-product page, on the visible text of a product page ("produk tidak
#: tersedia" is left out: Blibli says it of a live product that is out of stock)
NOT_FOUND_PAGE = re.compile(r"produk tidak ditemukan|halaman tidak ditemukan", re.I)


def seller_url(merchant_code: str, merchant_name: str, base_url: str) -> str:
    if not merchant_code:
        return ""
    return f"{base_url.rstrip('/')}/merchant/{slugify(merchant_name) or 'toko'}/{merchant_code}"


def _envelope(
    body: bytes | str, not_found: re.Pattern[str] | None = None
) -> tuple[Any, PageOutcome | None]:
    """The answer's ``{"code","status","data"}`` envelope, or the outcome explaining its absence."""
    try:
        doc = load_json(body)
    except JsonError as exc:
        return None, classify_unusable(body, default_reason=str(exc), not_found=not_found)
    if isinstance(doc, dict) and set(doc) == {"data"} and isinstance(doc["data"], dict) and "code" in doc["data"]:
        doc = doc["data"]  # the axios-wrapped form some captures saved
    if not isinstance(doc, dict):
        return None, PageOutcome(status="layout_changed", reason="answer is not a JSON object")
    code = int_or_none(doc.get("code"))
    if code in _BLOCK_CODES:
        return None, PageOutcome(status="blocked", reason=f"Blibli error code {code} {text_at(doc, 'status')}")
    return doc, top_level_refusal(doc)


def _product_item(product: dict[str, Any], *, base_url: str, query: str) -> ListingItem | None:
    sku = text_at(product, "sku") or text_at(product, "id")
    title = text_at(product, "name")
    if not sku or not title:
        return None
    price = int_or_none(dig(product, "price", "minPrice"))
    if price is None:
        price = rupiah(dig(product, "price", "priceDisplay") or dig(product, "price", "offerPriceDisplay"))
    images = [u for u in (product.get("images") or []) if isinstance(u, str)] if isinstance(
        product.get("images"), list) else []
    merchant_code = text_at(product, "merchantCode")
    merchant_name = text_at(product, "merchantName")
    highlights = text_at(product, "uniqueSellingPoint")
    return ListingItem(
        marketplace=MARKETPLACE,
        external_id=sku,
        url=canonical_url(text_at(product, "url"), base_url)
        or f"{base_url.rstrip('/')}/p/{slugify(title)}/ps--{sku}",
        title=title,
        description=html_to_text(highlights) if highlights else "",
        price=price,
        seller_id=merchant_code,
        seller_name=merchant_name,
        seller_url=seller_url(merchant_code, merchant_name, base_url),
        seller_city=text_at(product, "location"),
        image_urls=images,
        sold_count=sold_count(text_at(product, "soldRangeCount", "id")),
        query=query,
        raw=product,
    )


@never_raises([])
def parse_search(
    body: bytes | str, *, url: str, base_url: str, query: str = ""
) -> tuple[list[ListingItem], PageOutcome]:
    """Items and outcome of one ``backend/search/products`` answer."""
    doc, problem = _envelope(body)
    if problem is not None:
        return [], problem
    data = doc.get("data")
    products = dig(data, "products")
    if not isinstance(products, list):
        return _rescue(doc, "no data.products list in the answer", base_url, query)
    page = int_or_none(dig(data, "paging", "page")) or 1
    total_pages = int_or_none(dig(data, "paging", "total_page")) or 0
    total = int_or_none(dig(data, "paging", "total_item"))
    if not products:
        return [], PageOutcome(status="empty", reason="no products", total=total or 0)
    items, missing = read_entries(
        products,
        known_reader(partial(_product_item, base_url=base_url, query=query), title_key="name", id_key="sku"),
        path="data.products", marketplace=MARKETPLACE, base_url=base_url, query=query,
        url_for=_url_rule(base_url),
    )
    if not items:
        return _rescue(doc, f"{len(missing)} products unreadable: missing {', '.join(missing[:3])}", base_url, query)
    has_next = page < total_pages
    outcome = PageOutcome(
        status="ok", total=total, has_next=has_next, next_token=str(page + 1) if has_next else None
    )
    return finish_search(items, missing, outcome, what="products")


def _url_rule(base_url: str) -> UrlRule:
    """A product's address from its SKU and name, for entries that carry no ``url``."""
    return lambda sku, title, _obj: f"{base_url.rstrip('/')}/p/{slugify(title)}/ps--{sku}"


def _rescue(doc: Any, why: str, base_url: str, query: str) -> tuple[list[ListingItem], PageOutcome]:
    return rescue(doc, why=why, marketplace=MARKETPLACE, base_url=base_url, query=query, url_for=_url_rule(base_url))



@never_raises(None)
def parse_detail(
    body: bytes | str, *, url: str, base_url: str, item: ListingItem | None = None
) -> tuple[ListingItem | None, PageOutcome]:
    """A listing completed from its ``_summary`` answer (full description, seller code)."""
    doc, problem = _envelope(body, NOT_FOUND_PAGE)
    if problem is not None:
        return None, problem
    code = int_or_none(doc.get("code"))
    data = doc.get("data")
    if code == 404 or text_at(doc, "status") == "NOT_FOUND":
        return None, PageOutcome(status="not_found", reason="Blibli says the product does not exist")
    if not isinstance(data, dict) or not text_at(data, "name"):
        return degraded_detail(doc, item, why="no data.name in the product summary")
    sku = text_at(data, "sku") or (item.external_id if item else "")
    images = [text_at(img, "full") for img in data.get("images") or [] if text_at(img, "full")] if isinstance(
        data.get("images"), list) else []
    description = html_to_text(text_at(data, "description"))
    merchant_code = text_at(data, "merchantCode")
    base = item or ListingItem(marketplace=MARKETPLACE, external_id=sku, url="", title="")
    merged = replace(
        base,
        external_id=base.external_id or sku,
        url=base.url or canonical_url(text_at(data, "url"), base_url),
        title=text_at(data, "name"),
        description=description or base.description,
        seller_id=merchant_code or base.seller_id,
        seller_url=base.seller_url or seller_url(merchant_code, base.seller_name, base_url),
        image_urls=images or base.image_urls,
        detail_fetched=True,
        raw={**base.raw, "_detail": data} if base.raw else data,
    )
    return merged, PageOutcome(status="ok")

