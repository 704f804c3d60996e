"""Every loaded shop module, mounted by the core: its search answers from the catalogue,
its URLs round-trip through the abuse desk's parser, and a notice takes a listing down."""

from __future__ import annotations

import smtplib
import time
from email.message import EmailMessage

import httpx
import pytest

from sandbox.probes import search_request
from sandbox.server import SandboxHandle
from sandbox.shops import load_shops

QUERY = "blangko e-ktp"

LOADED = sorted(load_shops())


@pytest.mark.parametrize("marketplace", LOADED)
def test_shop_search_answers_from_the_catalogue(sandbox: SandboxHandle, marketplace: str) -> None:
    method, path, kwargs = search_request(marketplace, QUERY)
    answer = httpx.request(method, f"{sandbox.shop_url(marketplace)}{path}", timeout=15, **kwargs)
    assert answer.status_code == 200, answer.text[:300]
    hits = sandbox.catalogue.search(marketplace, QUERY)
    assert hits
    body = answer.text
    shown = [hit.external_id for hit in hits if hit.external_id in body]
    assert shown, f"{marketplace}: none of {len(hits)} catalogue hits in the answer"


@pytest.mark.parametrize("marketplace", LOADED)
def test_listing_urls_round_trip_through_the_shop(sandbox: SandboxHandle, marketplace: str) -> None:
    shop = sandbox.server.shops[marketplace]
    planted = [p for p in sandbox.truth()["planted"] if p["marketplace"] == marketplace]
    assert planted
    for record in planted:
        assert record["url"].startswith(f"{sandbox.shop_url(marketplace)}/")
        assert shop.external_id_from_url(record["url"]) == record["external_id"]


@pytest.mark.parametrize("marketplace", LOADED)
def test_notice_removes_a_listing_from_search(sandbox: SandboxHandle, marketplace: str) -> None:
    sandbox.set_takedown_delay(0.0)
    target = next(p for p in sandbox.truth()["planted"]
                  if p["marketplace"] == marketplace and p["label"] == "blank")
    message = EmailMessage()
    message["From"], message["To"], message["Subject"] = "a@example.org", "legal@shop.test", "takedown"
    message.set_content(f"Listing: {target['url']}")
    with smtplib.SMTP("127.0.0.1", sandbox.smtp_ports[marketplace], timeout=10) as smtp:
        smtp.send_message(message)
    time.sleep(0.05)
    assert sandbox.truth()["abuse_desk"]["removed"][0]["external_id"] == target["external_id"]
    title = sandbox.catalogue.get(marketplace, target["external_id"]).title  # type: ignore[union-attr]
    assert target["external_id"] not in {
        hit.external_id for hit in sandbox.server.ctx.search(marketplace, title)
    }


def test_the_fixture_resets_between_tests(sandbox: SandboxHandle) -> None:
    assert sandbox.truth()["abuse_desk"]["notices"] == []
    assert sandbox.stats()["total_requests"] == 0
