"""Follow-up against a local listing server: gone after the notice, or still live → escalation."""

from __future__ import annotations

import email
import json
from datetime import timedelta
from email import policy

import pytest
from sqlalchemy import select
from sqlalchemy.orm import Session, sessionmaker

from alerts.followup import FetchResult, classify, fetch_listing, run_followup
from alerts.notices import draft_notices, send_notice
from config import Settings
from storage.models import Alert, Listing, Notice, Recheck
from tests.marketplace_hosts import every_marketplace_under
from tests.notices.conftest import T0, AlertFactory, ListingServer, RecordingHandler


@pytest.fixture
def local(settings: Settings, listing_server: ListingServer) -> Settings:
    """Every marketplace served by the local listing server; complaint channel on."""
    pointed = every_marketplace_under(settings, listing_server.base)
    notices = pointed.notices.model_copy(
        update={"escalate_to_complaint_channel": True, "complaint_channel_email": "aduan@example.go.id"}
    )
    return pointed.model_copy(update={"notices": notices})


def _notify(factory: sessionmaker[Session], settings: Settings, *, escalate: bool = False, at=T0) -> list[Notice]:  # type: ignore[no-untyped-def]
    with factory.begin() as session:
        drafted = draft_notices(session, settings, escalate=escalate, now=at).notices
        for notice in drafted:
            assert send_notice(session, settings, notice, actor="tester", now=at).ok
        return drafted


def _alert(factory: sessionmaker[Session], alert_id: int) -> Alert:
    with factory() as session:
        alert = session.get(Alert, alert_id)
        assert alert is not None
        return alert


def test_listing_gone_after_notice_is_removed_with_time(
    session_factory: sessionmaker[Session],
    local: Settings,
    make_alert: AlertFactory,
    listing_server: ListingServer,
    smtp_server: RecordingHandler,
) -> None:
    url = f"{listing_server.base}/tokopedia/p/1"
    aid = make_alert("tokopedia", url=url)
    listing_server.page("/tokopedia/p/1", 200, "<h1>Blangko e-KTP</h1>")
    _notify(session_factory, local)
    # before the deadline nothing is fetched
    early = run_followup(session_factory, local, now=T0 + timedelta(hours=23))
    assert early.rows == [] and listing_server.requests == []
    listing_server.page("/tokopedia/p/1", 404, "gone")
    report = run_followup(session_factory, local, now=T0 + timedelta(hours=25))
    (row,) = report.rows
    assert row.outcome == "removed" and row.status_after == "removed"
    assert row.time_to_removal == timedelta(hours=25)
    alert = _alert(session_factory, aid)
    assert alert.status == "removed" and alert.removed_at == T0 + timedelta(hours=25)
    with session_factory() as session:
        (recheck,) = session.scalars(select(Recheck).where(Recheck.alert_id == aid)).all()
        assert recheck.outcome == "removed" and recheck.http_status == 404
        listing = session.scalars(select(Listing)).one()
        assert listing.state == "removed"
    # a removed alert is not fetched again
    assert run_followup(session_factory, local, now=T0 + timedelta(hours=48)).rows == []


def test_still_live_then_escalation_cites_first_notice(
    session_factory: sessionmaker[Session],
    local: Settings,
    make_alert: AlertFactory,
    listing_server: ListingServer,
    smtp_server: RecordingHandler,
) -> None:
    aid = make_alert("shopee", url=f"{listing_server.base}/shopee/p/2")
    listing_server.page("/shopee/p/2", 200, json.dumps({"error": None, "data": {"item": {"itemid": 2}}}))
    (first,) = _notify(session_factory, local)
    report = run_followup(session_factory, local, now=T0 + timedelta(hours=30))
    (row,) = report.rows
    assert row.outcome == "live" and row.status_after == "still_live"
    assert _alert(session_factory, aid).status == "still_live"
    assert row.evidence  # fresh evidence requested, or why not

    later = T0 + timedelta(hours=31)
    escalations = _notify(session_factory, local, escalate=True, at=later)
    kinds = sorted((n.kind, n.recipient) for n in escalations)
    assert kinds == [("complaint", "aduan@example.go.id"), ("escalation", "legal@shopee.co.id")]
    assert all(n.parent_notice_id == first.id for n in escalations)
    assert _alert(session_factory, aid).status == "escalated"
    received = [email.message_from_bytes(m.original_content, policy=policy.default)  # type: ignore[arg-type]
                for m in smtp_server.messages]
    assert len(received) == 3
    for msg in received[1:]:
        assert msg["In-Reply-To"] == first.message_id
        body = msg.get_body(preferencelist=("plain",))
        assert body is not None and first.notice_uid in body.get_content()
    # escalation drafted once only
    with session_factory.begin() as session:
        assert draft_notices(session, local, escalate=True, now=later).notices == []

    # the shop now answers with its own "not found" JSON: removed, timed from the first notice
    listing_server.page("/shopee/p/2", 200, json.dumps({"error": 4, "data": None}))
    (row,) = run_followup(session_factory, local, now=later + timedelta(hours=25)).rows
    assert row.outcome == "removed" and "Shopee" in row.detail
    assert row.time_to_removal == timedelta(hours=56)


def test_refused_redirect_and_server_errors_change_nothing(
    session_factory: sessionmaker[Session],
    local: Settings,
    make_alert: AlertFactory,
    listing_server: ListingServer,
    smtp_server: RecordingHandler,
) -> None:
    a = make_alert("olx", url=f"{listing_server.base}/olx/p/3")
    b = make_alert("olx", url=f"{listing_server.base}/olx/p/4")
    listing_server.page("/olx/p/3", 302, "", Location="http://169.254.169.254/latest/meta-data")
    listing_server.page("/olx/p/4", 503, "busy")
    _notify(session_factory, local)
    rows = {r.alert_id: r for r in run_followup(session_factory, local, now=T0 + timedelta(days=2)).rows}
    assert rows[a].outcome == "error" and "not a configured marketplace host" in rows[a].detail
    assert rows[b].outcome == "error" and "503" in rows[b].detail
    assert _alert(session_factory, a).status == "notified"
    assert _alert(session_factory, b).status == "notified"
    assert not any("169.254" in r for r in listing_server.requests)


def test_fetch_follows_same_host_redirect_and_caps_size(listing_server: ListingServer) -> None:
    import httpx

    listing_server.page("/a", 301, "", Location="/b")
    listing_server.page("/b", 200, "x" * 5000)
    with httpx.Client() as client:
        fetched = fetch_listing(client, f"{listing_server.base}/a", {"127.0.0.1"}, max_bytes=1000)
    assert fetched.status == 200 and fetched.final_url.endswith("/b")
    assert len(fetched.body) == 1000 and fetched.truncated


@pytest.mark.parametrize(
    ("marketplace", "status", "body", "outcome"),
    [
        ("tokopedia", 410, "", "removed"),
        ("tokopedia", 200, "<p>Oops, produk tidak ditemukan</p>", "removed"),
        ("tokopedia", 200, "<p>Blangko e-KTP Rp150.000</p>", "live"),
        ("shopee", 200, '{"error": 4, "data": null}', "removed"),
        ("shopee", 200, '{"data": {"item": null}}', "removed"),
        ("shopee", 200, '{"data": {"item": {"itemid": 1}}}', "live"),
        ("lazada", 200, "This product is no longer available", "removed"),
        ("olx", 200, "Iklan ini sudah tidak tersedia", "removed"),
        ("facebook", 200, "This listing is no longer available", "removed"),
        ("blibli", 200, '{"data": {"status": "INACTIVE"}}', "removed"),
        ("blibli", 429, "", "error"),
    ],
)
def test_classify_gone_markers(marketplace: str, status: int, body: str, outcome: str) -> None:
    fetched = FetchResult("u", "u", status, body.encode())
    assert classify(marketplace, fetched)[0] == outcome


def test_network_error_is_never_a_removal() -> None:
    assert classify("tokopedia", FetchResult("u", "u", None, error="ConnectError"))[0] == "error"
