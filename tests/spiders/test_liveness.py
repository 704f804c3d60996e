"""Each shop's detail parser, read as the follow-up reads it (``crawler.recheck.reading_of``).

A re-check answer is "removed" only on a positive sign, and a block is never
"live". Issue 16: a captcha, a login wall, Lazada's punish page and an empty
shell all answer HTTP 200; reading them as live drafted escalations against
platforms that had removed the listing. These tests hold the parsers' half of
that: one not-found detector per shop, blocks recognised before anything else.
"""

from __future__ import annotations

import importlib
import json
from pathlib import Path
from typing import Any

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from crawler.recheck import reading_of
from storage.models import RecheckOutcome
from tests.spiders.test_parser_shapes import BASE, MARKETPLACES, refusal_pages

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


def parse(marketplace: str, body: bytes | str, url: str | None = None) -> tuple[Any, Any]:
    parser = importlib.import_module(f"spiders.parsers.{marketplace}")
    return parser.parse_detail(body, url=url or ITEM_URLS[marketplace], base_url=BASE[marketplace], item=None)


def state(marketplace: str, body: bytes | str, status: int = 200) -> str:
    """The follow-up's verdict on one answer: removed / live / unknown."""
    item, outcome = parse(marketplace, body)
    return str(reading_of(status, item, outcome).outcome.value)


def outcome_of(marketplace: str, body: bytes | str) -> str:
    return str(parse(marketplace, body)[1].status)


def _body(case: Path) -> bytes:
    return next(case / n for n in ("body.json", "body.html") if (case / n).is_file()).read_bytes()


@pytest.mark.parametrize("case", DETAIL_CASES, ids=[str(c.relative_to(FIXTURES)) for c in DETAIL_CASES])
def test_every_recorded_detail_answer_reads_as_its_fixture_says(case: Path) -> None:
    expected = json.loads((case / "output.json").read_text())["outcome"]["status"]
    marketplace = case.parent.parent.name
    item, outcome = parse(marketplace, _body(case), (case / "url.txt").read_text().strip())
    assert outcome.status == expected
    verdict = reading_of(200, item, outcome).outcome
    assert verdict is {"ok": RecheckOutcome.LIVE, "not_found": RecheckOutcome.REMOVED}.get(
        expected, RecheckOutcome.UNKNOWN)


@pytest.mark.parametrize("marketplace", MARKETPLACES)
def test_http_404_and_410_are_removals_unless_the_body_is_a_gate(marketplace: str) -> None:
    assert state(marketplace, "Not Found", 404) == "removed"
    assert state(marketplace, "", 410) == "removed"
    captcha = "<html><body><div class='g-recaptcha'>captcha</div></body></html>"
    assert state(marketplace, captcha, 404) == "unknown"
    assert state(marketplace, EMPTY_SHELL, 404) == "removed"  # an empty shell is no gate


@pytest.mark.parametrize("marketplace", MARKETPLACES)
def test_a_200_gate_is_unknown_never_live_never_removed(marketplace: str) -> None:
    assert outcome_of(marketplace, EMPTY_SHELL) == "layout_changed"
    login = '<html><body><form id="login_form" action="/login/">Log in</form></body></html>'
    assert outcome_of(marketplace, login) == "blocked"
    punish = '{"rgv587_flag": "sm", "url": "https://www.lazada.co.id/_____tmd_____/punish?x5secdata=x"}'
    assert outcome_of(marketplace, punish) == "captcha"
    for body in (EMPTY_SHELL, login, punish):
        assert state(marketplace, body) == "unknown"
    assert state(marketplace, "<html><body>Access Denied</body></html>", 403) == "unknown"


def test_shopee_block_answer_is_not_a_removal() -> None:
    # the old follow-up counted error 90309999 (Shopee's anti-bot answer) as "gone"
    assert outcome_of("shopee", '{"error": 90309999, "action_type": 2, "tracking_id": "t"}') == "blocked"


@pytest.mark.parametrize(("marketplace", "page"), [
    ("tokopedia", "<html><body><h1>Produk tidak ditemukan</h1></body></html>"),
    ("shopee", "<html><body><div>Produk ini tidak ada</div></body></html>"),
    ("blibli", "<html><body><h1>Produk tidak ditemukan</h1></body></html>"),
    ("lazada", "<html><body><h1>Maaf, halaman tidak ditemukan</h1></body></html>"),
    ("olx", "<html><body><h1>Iklan ini sudah tidak tersedia</h1></body></html>"),
    ("facebook", "<html><body><span>This listing is no longer available</span></body></html>"),
])
def test_each_shops_own_removed_page_is_a_removal(marketplace: str, page: str) -> None:
    assert outcome_of(marketplace, page) == "not_found"
    assert state(marketplace, page) == "removed"


@pytest.mark.parametrize(("marketplace", "page"), [
    ("lazada", "<html><body><h1>Halaman tidak dapat dimuat</h1><p>Coba lagi nanti</p></body></html>"),
    ("olx", "<html><body><h1>Layanan tidak tersedia sementara</h1></body></html>"),
    ("blibli", "<html><body><h1>Produk tidak tersedia</h1><p>Stok habis</p></body></html>"),
])
def test_outage_and_out_of_stock_pages_are_not_removals(marketplace: str, page: str) -> None:
    assert state(marketplace, page) != "removed"


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(marketplace=st.sampled_from(MARKETPLACES), page=refusal_pages(), status=st.sampled_from((200, 403, 429)))
def test_no_gate_answer_is_ever_live_or_removed(
    marketplace: str, page: tuple[str, bytes | str], status: int
) -> None:
    _kind, body = page
    assert state(marketplace, body, status) == "unknown"
