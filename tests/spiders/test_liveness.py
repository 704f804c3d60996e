"""``listing_state``: a re-check answer is "removed" only on a positive sign, and a block is never "live".

Issue 16: a captcha, a login wall, Lazada's punish page and an empty shell all
answer HTTP 200; reading them as live drafted escalations against platforms that
had removed the listing.
"""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from spiders.parsers.liveness import MARKETPLACES, listing_state
from tests.spiders.test_parser_shapes import BASE, refusal_pages

FIXTURES = Path(__file__).resolve().parent.parent / "fixtures"
DETAIL_CASES = sorted(FIXTURES.glob("*/detail/*"))
ITEM_URLS = {
    "tokopedia": "https://gql.tokopedia.com/graphql/PDPGetLayoutQuery",
    "shopee": "https://shopee.co.id/api/v4/pdp/get_pc?item_id=1&shop_id=2",
    "lazada": "https://www.lazada.co.id/products/x-i123-s456.html",
    "blibli": "https://www.blibli.com/backend/product-detail/products/ABC-1/_summary",
    "olx": "https://www.olx.co.id/item/x-iid-123",
    "facebook": "https://www.facebook.com/marketplace/item/123/",
}
EMPTY_SHELL = ('<!DOCTYPE html><html><head><script src="/static/js/main.404.js"></script></head>'
               '<body><div id="root"></div></body></html>')


def state(marketplace: str, body: bytes | str, status: int = 200) -> str:
    return listing_state(
        marketplace, body, status=status, url=ITEM_URLS[marketplace], base_url=BASE[marketplace]
    ).status


def _body(case: Path) -> bytes:
    return next(case / n for n in ("body.json", "body.html") if (case / n).is_file()).read_bytes()


@pytest.mark.parametrize("case", DETAIL_CASES, ids=[str(c.relative_to(FIXTURES)) for c in DETAIL_CASES])
def test_every_recorded_detail_answer_reads_as_its_fixture_says(case: Path) -> None:
    expected = json.loads((case / "output.json").read_text())["outcome"]["status"]
    url = (case / "url.txt").read_text().strip()
    marketplace = case.parent.parent.name
    got = listing_state(marketplace, _body(case), status=200, url=url, base_url=BASE[marketplace])
    assert got.status == expected


@pytest.mark.parametrize("marketplace", MARKETPLACES)
def test_http_404_and_410_are_removals_unless_the_body_is_a_gate(marketplace: str) -> None:
    assert state(marketplace, "Not Found", 404) == "not_found"
    assert state(marketplace, "", 410) == "not_found"
    assert state(marketplace, EMPTY_SHELL, 404) == "not_found"
    captcha = "<html><body><div class='g-recaptcha'>captcha</div></body></html>"
    assert state(marketplace, captcha, 404) == "captcha"


@pytest.mark.parametrize("marketplace", MARKETPLACES)
def test_a_200_gate_is_unknown_never_live_never_removed(marketplace: str) -> None:
    assert state(marketplace, EMPTY_SHELL) == "blocked"
    assert state(marketplace, '<html><body><form id="login_form" action="/login/">Log in</form></body></html>') == "blocked"
    punish = '{"rgv587_flag": "sm", "url": "https://www.lazada.co.id/_____tmd_____/punish?x5secdata=x"}'
    assert state(marketplace, punish) == "captcha"
    assert state(marketplace, "<html><body>Access Denied</body></html>", 403) == "blocked"
    assert state(marketplace, "upstream error", 503) == "blocked"


def test_shopee_block_answer_is_not_a_removal() -> None:
    # the old follow-up counted error 90309999 (Shopee's anti-bot answer) as "gone"
    assert state("shopee", '{"error": 90309999, "action_type": 2, "tracking_id": "t"}') == "blocked"


@pytest.mark.parametrize(("marketplace", "page"), [
    ("tokopedia", "<html><body><h1>Produk tidak ditemukan</h1></body></html>"),
    ("shopee", "<html><body><div>Produk ini tidak ada</div></body></html>"),
    ("blibli", "<html><body><h1>Produk tidak ditemukan</h1></body></html>"),
    ("lazada", "<html><body><h1>Maaf, halaman tidak ditemukan</h1></body></html>"),
    ("olx", "<html><body><h1>Iklan ini sudah tidak tersedia</h1></body></html>"),
    ("facebook", "<html><body><span>This listing is no longer available</span></body></html>"),
])
def test_each_shops_own_removed_page_is_a_removal(marketplace: str, page: str) -> None:
    assert state(marketplace, page) == "not_found"


@pytest.mark.parametrize(("marketplace", "page"), [
    ("lazada", "<html><body><h1>Halaman tidak dapat dimuat</h1><p>Coba lagi nanti</p></body></html>"),
    ("olx", "<html><body><h1>Layanan tidak tersedia sementara</h1></body></html>"),
    ("blibli", "<html><body><h1>Produk tidak tersedia</h1><p>Stok habis</p></body></html>"),
])
def test_outage_and_out_of_stock_pages_are_not_removals(marketplace: str, page: str) -> None:
    assert state(marketplace, page) != "not_found"


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(marketplace=st.sampled_from(MARKETPLACES), page=refusal_pages(), status=st.sampled_from((200, 403, 429)))
def test_no_gate_answer_is_ever_live_or_removed(
    marketplace: str, page: tuple[str, bytes | str], status: int
) -> None:
    _kind, body = page
    assert state(marketplace, body, status) not in ("ok", "not_found")


def test_unknown_marketplace_is_an_error() -> None:
    with pytest.raises(ValueError, match="unknown marketplace"):
        listing_state("bukalapak", b"", status=200, url="u", base_url="b")
