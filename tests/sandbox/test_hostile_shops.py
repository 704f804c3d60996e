"""The real shop modules answer as hostile as the shops do: blocks with status 200, login walls,
empty shells, resets, drifted shapes and an unknown layout, each switched by the fault plan."""

from __future__ import annotations

import json
import smtplib
import time
from email.message import EmailMessage
from typing import Any

import httpx
import pytest

from sandbox.faults import HOSTILE_SHARES, FaultKind, FaultPlan, ShapeDrift
from sandbox.probes import search_request
from sandbox.server import SandboxHandle
from sandbox.shops import load_shops

QUERY = "blangko e-ktp"
LOADED = sorted(load_shops())
HTML_KINDS = ("captcha", "login_wall", "empty_shell")


def _search(sandbox: SandboxHandle, marketplace: str, **extra: Any) -> httpx.Response:
    method, path, kwargs = search_request(marketplace, QUERY)
    return httpx.request(method, f"{sandbox.shop_url(marketplace)}{path}", timeout=15, **kwargs, **extra)


def _ids_in(text: str, sandbox: SandboxHandle, marketplace: str) -> list[str]:
    return [hit.external_id for hit in sandbox.catalogue.search(marketplace, QUERY) if hit.external_id in text]


@pytest.mark.parametrize("kind", HTML_KINDS)
@pytest.mark.parametrize("marketplace", LOADED)
def test_hostile_pages_answer_200_html_without_any_product(
    sandbox: SandboxHandle, marketplace: str, kind: str
) -> None:
    sandbox.set_faults({"rates": {kind: 1.0}})
    answer = _search(sandbox, marketplace)
    assert answer.status_code == 200 and "text/html" in answer.headers["content-type"]
    assert not _ids_in(answer.text, sandbox, marketplace)
    if kind == "login_wall":
        assert "login_form" in answer.text


@pytest.mark.parametrize("marketplace", LOADED)
def test_redirect_lands_on_a_page_that_itself_answers(sandbox: SandboxHandle, marketplace: str) -> None:
    sandbox.set_faults({"rates": {"redirect": 1.0}})
    answer = _search(sandbox, marketplace)
    assert answer.status_code == 302
    landed = httpx.get(sandbox.shop_url(marketplace) + answer.headers["Location"], timeout=15)
    assert landed.status_code == 200 and "text/html" in landed.headers["content-type"]


def test_the_shops_own_block_pages() -> None:
    shops = load_shops()
    assert shops["lazada"].captcha_path == "/_____tmd_____/punish"
    assert shops["facebook"].login_path == "/login/"


@pytest.mark.parametrize("marketplace", LOADED)
def test_detail_and_photo_requests_meet_faults_too(sandbox: SandboxHandle, marketplace: str) -> None:
    record = next(p for p in sandbox.truth()["planted"] if p["marketplace"] == marketplace)
    sandbox.set_faults({"rates": {"login_wall": 1.0}})
    page = httpx.get(record["url"], timeout=15)
    assert page.status_code == 200 and "login_form" in page.text
    listing = sandbox.catalogue.get(marketplace, record["external_id"])
    assert listing is not None and listing.image_ids
    photo = httpx.get(f"{sandbox.shop_url(marketplace)}/img/{listing.image_ids[0]}.jpg", timeout=15)
    assert photo.headers["content-type"].startswith("text/html")


def test_connection_reset_has_no_status(sandbox: SandboxHandle) -> None:
    sandbox.set_faults({"rates": {"dropped": 1.0}})
    with pytest.raises(httpx.TransportError):
        _search(sandbox, "tokopedia")


def test_demo_plan_mixes_every_hostile_kind_at_a_low_rate_with_drift_on() -> None:
    plan = FaultPlan.demo(seed=3)
    assert set(plan.default.rates) == set(HOSTILE_SHARES)
    assert {FaultKind.CAPTCHA, FaultKind.LOGIN_WALL, FaultKind.EMPTY_SHELL, FaultKind.DROPPED} <= set(plan.default.rates)
    assert 0 < plan.default.total <= 0.05
    assert all(plan.default.shapes.get(shape, 0) > 0 for shape in ShapeDrift)
    assert plan.default.hidden_removals > 0
    assert FaultPlan.from_json(plan.to_json()) == plan


def test_shopee_card_shape_carries_the_same_product(sandbox: SandboxHandle) -> None:
    sandbox.set_faults({"shapes": {"card": 1.0}})
    items = _search(sandbox, "shopee").json()["items"]
    assert items and all(item["item_basic"] is None for item in items)
    nested = [item for item in items if "customised_item_card" in item]
    assert 0 < len(nested) < len(items)  # both the flat and the nested card
    for item in items:
        card = item.get("customised_item_card", item)
        data, asset = card["item_data"], card["item_card_displayed_asset"]
        listing = sandbox.catalogue.get("shopee", str(data["itemid"]))
        assert listing is not None and str(data["shopid"]) == listing.seller_id
        assert asset["name"] == listing.title and asset["shop_location"] == listing.seller_city
        assert data["item_card_display_price"]["price"] == listing.price * 100_000
        assert data["shop_data"]["shop_name"] == listing.seller_name


def test_shopee_card_shape_comes_on_a_share_of_items(sandbox: SandboxHandle) -> None:
    sandbox.set_faults({"shapes": {"card": 0.3}})
    items = _search(sandbox, "shopee").json()["items"]
    cards = sum(item["item_basic"] is None for item in items)
    assert len(items) > 20 and 0 < cards < len(items)


def test_tokopedia_products_without_url_and_with_text_prices(sandbox: SandboxHandle) -> None:
    sandbox.set_faults({"shapes": {"no_url": 1.0, "price_text_only": 1.0}})
    products = _search(sandbox, "tokopedia").json()[0]["data"]["searchProductV5"]["data"]["products"]
    assert products
    for product in products:
        assert "url" not in product and set(product["price"]) == {"original", "text"}
        assert product["id"] and product["name"] and product["shop"]["id"]


def test_renamed_optional_fields_keep_id_title_and_price(sandbox: SandboxHandle) -> None:
    sandbox.set_faults({"shapes": {"renamed_optional": 1.0}})
    products = _search(sandbox, "tokopedia").json()[0]["data"]["searchProductV5"]["data"]["products"]
    assert products and all("ratingAverage" in p and "rating" not in p for p in products)
    assert all(p["id"] and p["name"] and p["price"]["number"] for p in products)


def _ids_of(marketplace: str, answer: httpx.Response) -> list[str]:
    if marketplace == "facebook":  # the search page embeds its first results in a script
        state = answer.text.split('id="ssr-state">', 1)[1].split("</script>", 1)[0]
        tiles = json.loads(state)["require"][0][0]["result"]["catalog"]["tiles"]
    else:
        tiles = answer.json()["result"]["catalog"]["tiles"]
    assert all({"id", "title", "price"} <= set(tile) for tile in tiles)
    return [tile["id"] for tile in tiles]


@pytest.mark.parametrize("marketplace", LOADED)
def test_admin_switch_flips_one_shop_to_an_unknown_layout(sandbox: SandboxHandle, marketplace: str) -> None:
    before = _search(sandbox, marketplace)
    known_ids = _ids_in(before.text, sandbox, marketplace)
    answer = httpx.post(f"{sandbox.base_url}/_sandbox/layout", json={"marketplace": marketplace, "layout": "unknown"})
    assert answer.status_code == 200
    flipped = _ids_of(marketplace, _search(sandbox, marketplace))
    assert flipped and set(flipped) == set(known_ids)  # same products, new shape
    other = next(m for m in LOADED if m != marketplace and m != "facebook")
    assert '"tiles"' not in _search(sandbox, other).text  # only that shop
    httpx.post(f"{sandbox.base_url}/_sandbox/layout", json={"marketplace": marketplace, "layout": "known"})
    assert _search(sandbox, marketplace).text == before.text


def _take_down(sandbox: SandboxHandle, marketplace: str, records: list[dict[str, Any]]) -> None:
    sandbox.set_takedown_delay(0.0)
    message = EmailMessage()
    message["From"], message["To"], message["Subject"] = "a@example.org", "legal@shop.test", "takedown"
    message.set_content("\n".join(f"Listing: {r['url']}" for r in records))
    with smtplib.SMTP("127.0.0.1", sandbox.smtp_ports[marketplace], timeout=10) as smtp:
        smtp.send_message(message)
    time.sleep(0.1)


@pytest.mark.parametrize("marketplace", LOADED)
def test_removed_listings_can_hide_behind_a_block(sandbox: SandboxHandle, marketplace: str) -> None:
    records = [p for p in sandbox.truth()["planted"] if p["marketplace"] == marketplace][:12]
    _take_down(sandbox, marketplace, records)
    sandbox.set_faults({"hidden_removals": 0.5})
    hidden = 0
    for record in records:
        page = httpx.get(record["url"], timeout=15)
        assert record["title"] not in page.text  # removed either way
        shown_gone = page.status_code in (404, 410) or "tidak" in page.text.lower() or "isn't available" in page.text
        hidden += not shown_gone
    assert 0 < hidden < len(records)
    sandbox.set_faults({})
    assert all(httpx.get(r["url"], timeout=15).status_code != 302 for r in records)
