"""The abuse desk: a real SMTP notice takes the named listing down after the delay."""

from __future__ import annotations

import smtplib
import time
from email.message import EmailMessage

import httpx

from sandbox.abuse_desk import extract_urls
from sandbox.server import SandboxHandle


def _notice(subject: str, body: str, html: str = "", attached: EmailMessage | None = None) -> EmailMessage:
    message = EmailMessage()
    message["From"] = "ktpwatch@example.org"
    message["To"] = "legal@toyshop.test"
    message["Subject"] = subject
    message.set_content(body)
    if html:
        message.add_alternative(html, subtype="html")
    if attached is not None:
        message.add_attachment(bytes(attached), maintype="application", subtype="octet-stream",
                               filename="notice.eml")
    return message


def test_extract_urls_reads_text_html_and_attached_eml() -> None:
    inner = _notice("inner", "see https://shop.test/item/3.")
    outer = _notice("outer", "listing https://shop.test/item/1, thanks",
                    html='<a href="https://shop.test/item/2?a=1&amp;b=2">x</a>', attached=inner)
    assert extract_urls(outer) == [
        "https://shop.test/item/1", "https://shop.test/item/2?a=1&b=2", "https://shop.test/item/3",
    ]


def _detail(toy: SandboxHandle, external_id: str) -> int:
    return httpx.get(f"{toy.shop_url('toyshop')}/api/item/{external_id}").status_code


def test_notice_over_smtp_takes_the_listing_down_after_the_delay(toy: SandboxHandle) -> None:
    truth = toy.truth()
    target = next(p for p in truth["planted"] if p["marketplace"] == "toyshop" and p["label"] == "blank")
    other = next(p for p in truth["planted"] if p["marketplace"] == "othertoy")
    query = toy.catalogue.get("toyshop", target["external_id"]).title  # type: ignore[union-attr]
    toy.set_takedown_delay(0.6)

    notice = _notice("Permohonan penurunan konten", f"Mohon turunkan:\n{target['url']}\n{other['url']}",
                     html=f"<p><a href='{target['url']}'>listing</a></p>")
    with smtplib.SMTP("127.0.0.1", toy.smtp_ports["toyshop"], timeout=10) as smtp:
        smtp.send_message(notice)
    sent_at = time.monotonic()

    desk = toy.truth()["abuse_desk"]
    assert [n["subject"] for n in desk["notices"]] == ["Permohonan penurunan konten"]
    assert desk["notices"][0]["listing_ids"] == [target["external_id"]]  # othertoy's URL is not ours
    assert desk["notices"][0]["from"] == "ktpwatch@example.org"
    assert [p["external_id"] for p in desk["pending"]] == [target["external_id"]]
    if time.monotonic() - sent_at < 0.5:
        assert _detail(toy, target["external_id"]) == 200

    time.sleep(max(0.0, 0.7 - (time.monotonic() - sent_at)))
    assert _detail(toy, target["external_id"]) == 404
    results = httpx.get(f"{toy.shop_url('toyshop')}/api/search", params={"q": query, "rows": 1000}).json()
    assert target["external_id"] not in {item["id"] for item in results["data"]["items"]}
    after = toy.truth()
    assert [r["external_id"] for r in after["abuse_desk"]["removed"]] == [target["external_id"]]
    assert next(p for p in after["planted"] if p["external_id"] == target["external_id"])["removed"]
    assert httpx.get(f"{toy.shop_url('othertoy')}/api/item/{other['external_id']}").status_code == 200

    toy.reset()
    assert _detail(toy, target["external_id"]) == 200
    assert toy.truth()["abuse_desk"]["notices"] == []


def test_smtp_login_and_unrelated_mail_are_accepted(toy: SandboxHandle) -> None:
    with smtplib.SMTP("127.0.0.1", toy.smtp_ports["othertoy"], timeout=10) as smtp:
        smtp.login("user", "secret")
        smtp.send_message(_notice("hello", "no links here"))
    notices = toy.truth()["abuse_desk"]["notices"]
    assert notices[0]["marketplace"] == "othertoy" and notices[0]["listing_ids"] == []
