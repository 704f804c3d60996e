"""Follow-up against a local shop: gone after the notice, still live → escalation, undecided → retried.

Every re-check answer is the one the follow-up's own request gets (the
spider's detail request), served by a stand-in shop on 127.0.0.1 from the
recorded fixtures in ``tests/fixtures/<shop>/detail/``.
"""

from __future__ import annotations

import email
from datetime import timedelta
from email import policy

import pytest
from sqlalchemy import select
from sqlalchemy.orm import Session, sessionmaker

from alerts.followup import run_followup
from config import Settings
from crawler.recheck import SpiderListingReader
from storage.alerts import activity_report
from storage.models import Listing, Recheck
from tests.notices.conftest import T0, AlertFactory, RecordingHandler
from tests.notices.followup_helpers import alert_on_shop, escalations_due, notify, status_of
from tests.notices.shop_server import (
    SHOP_CASES,
    Answer,
    ShopServer,
    fixture_body,
    served_by,
)

MARKETPLACES = sorted(SHOP_CASES)


@pytest.fixture
def local(settings: Settings, shop: ShopServer) -> Settings:
    """Every marketplace served by the test shop; complaint channel on; quick retries."""
    pointed = served_by(settings, shop.base)
    notices = pointed.notices.model_copy(
        update={"escalate_to_complaint_channel": True, "complaint_channel_email": "aduan@example.go.id"}
    )
    followup = pointed.followup.model_copy(update={"retry_first_seconds": 600, "retry_max_seconds": 3600})
    return pointed.model_copy(update={"notices": notices, "followup": followup})


@pytest.fixture
def reader(local: Settings) -> SpiderListingReader:
    return SpiderListingReader(local)


def test_listing_gone_after_notice_is_removed_with_time(
    session_factory: sessionmaker[Session], local: Settings, make_alert: AlertFactory,
    shop: ShopServer, smtp_server: RecordingHandler, reader: SpiderListingReader,
) -> None:
    aid, _path = alert_on_shop(make_alert, session_factory, local, shop, "tokopedia", Answer(404, b"gone"))
    notify(session_factory, local)
    early = run_followup(session_factory, local, reader=reader, now=T0 + timedelta(hours=23))
    assert early.rows == [] and shop.requests == []  # before the deadline nothing is fetched
    report = run_followup(session_factory, local, reader=reader, now=T0 + timedelta(hours=25))
    (row,) = report.rows
    assert row.outcome == "removed" and row.status_after == "removed" and row.reason == "http_404"
    assert row.time_to_removal == timedelta(hours=25)
    assert shop.requests == ["POST /graphql/PDPGetLayoutQuery"]  # the scan's own detail request
    with session_factory() as session:
        (recheck,) = session.scalars(select(Recheck).where(Recheck.alert_id == aid)).all()
        assert recheck.outcome == "removed" and recheck.http_status == 404
        assert session.scalars(select(Listing)).one().state == "removed"
    assert status_of(session_factory, aid) == "removed"
    # a removed alert is not fetched again
    assert run_followup(session_factory, local, reader=reader, now=T0 + timedelta(hours=48)).rows == []


def test_still_live_then_escalation_cites_first_notice(
    session_factory: sessionmaker[Session], local: Settings, make_alert: AlertFactory,
    shop: ShopServer, smtp_server: RecordingHandler, reader: SpiderListingReader,
) -> None:
    live, gone = SHOP_CASES["shopee"]
    aid, path = alert_on_shop(make_alert, session_factory, local, shop, "shopee", Answer(200, fixture_body(live)))
    (first,) = notify(session_factory, local)
    (row,) = run_followup(session_factory, local, reader=reader, now=T0 + timedelta(hours=30)).rows
    assert row.outcome == "live" and row.status_after == "still_live"
    assert row.evidence.startswith("fresh evidence bundle")

    later = T0 + timedelta(hours=31)
    escalations = notify(session_factory, local, escalate=True, at=later)
    kinds = sorted((n.kind, n.recipient) for n in escalations)
    assert kinds == [("complaint", "aduan@example.go.id"), ("escalation", "legal@shopee.co.id")]
    assert all(n.parent_notice_id == first.id for n in escalations)
    assert status_of(session_factory, aid) == "escalated"
    received = [email.message_from_bytes(m.original_content, policy=policy.default)  # type: ignore[arg-type]
                for m in smtp_server.messages]
    assert len(received) == 3
    for msg in received[1:]:
        assert msg["In-Reply-To"] == first.message_id
        body = msg.get_body(preferencelist=("plain",))
        assert body is not None and first.notice_uid in body.get_content()
    assert escalations_due(session_factory, local, later) == []  # drafted once only

    # the shop now answers with its own "not found" JSON: removed, timed from the first notice
    shop.route(path, Answer(200, fixture_body(gone)))
    (row,) = run_followup(session_factory, local, reader=reader, now=later + timedelta(hours=25)).rows
    assert row.outcome == "removed" and row.reason == "not_found"
    assert row.time_to_removal == timedelta(hours=56)


@pytest.mark.parametrize("marketplace", MARKETPLACES)
def test_each_shop_live_page_is_still_live(
    session_factory: sessionmaker[Session], local: Settings, make_alert: AlertFactory,
    shop: ShopServer, smtp_server: RecordingHandler, reader: SpiderListingReader, marketplace: str,
) -> None:
    live, _gone = SHOP_CASES[marketplace]
    alert_on_shop(make_alert, session_factory, local, shop, marketplace, Answer(200, fixture_body(live)))
    notify(session_factory, local)
    (row,) = run_followup(session_factory, local, reader=reader, now=T0 + timedelta(days=2)).rows
    assert (row.outcome, row.reason, row.status_after) == ("live", "ok", "still_live"), row.detail


@pytest.mark.parametrize("marketplace", MARKETPLACES)
@pytest.mark.parametrize("how", ["own_not_found", "http_404", "http_410"])
def test_each_shop_removed_only_on_a_positive_sign(
    session_factory: sessionmaker[Session], local: Settings, make_alert: AlertFactory,
    shop: ShopServer, smtp_server: RecordingHandler, reader: SpiderListingReader, marketplace: str, how: str,
) -> None:
    _live, gone = SHOP_CASES[marketplace]
    answer = {
        "own_not_found": Answer(200, fixture_body(gone)),
        "http_404": Answer(404, b"<html><body>404 Not Found</body></html>"),
        "http_410": Answer(410, b""),
    }[how]
    alert_on_shop(make_alert, session_factory, local, shop, marketplace, answer)
    notify(session_factory, local)
    (row,) = run_followup(session_factory, local, reader=reader, now=T0 + timedelta(days=2)).rows
    assert (row.outcome, row.status_after) == ("removed", "removed"), row.detail
    assert escalations_due(session_factory, local, T0 + timedelta(days=3)) == []


def test_undecided_recheck_waits_and_backs_off_then_decides(
    session_factory: sessionmaker[Session], local: Settings, make_alert: AlertFactory,
    shop: ShopServer, smtp_server: RecordingHandler, reader: SpiderListingReader,
) -> None:
    aid, path = alert_on_shop(make_alert, session_factory, local, shop, "lazada",
                              Answer(200, fixture_body("lazada/detail/captcha")))
    notify(session_factory, local)
    start = T0 + timedelta(days=2)
    (first,) = run_followup(session_factory, local, reader=reader, now=start).rows
    assert (first.outcome, first.reason, first.attempt) == ("unknown", "captcha", 1)
    assert first.retry_after == timedelta(seconds=600) and first.status_after == "notified"
    # within the wait nothing is asked
    assert run_followup(session_factory, local, reader=reader, now=start + timedelta(seconds=599)).rows == []
    (second,) = run_followup(session_factory, local, reader=reader, now=start + timedelta(seconds=600)).rows
    assert (second.outcome, second.attempt, second.retry_after) == ("unknown", 2, timedelta(seconds=1200))
    assert run_followup(session_factory, local, reader=reader, now=start + timedelta(seconds=1700)).rows == []
    shop.route(path, Answer(404, b"gone"))
    (third,) = run_followup(session_factory, local, reader=reader, now=start + timedelta(seconds=1800)).rows
    assert (third.outcome, third.attempt, third.retry_after) == ("removed", 1, None)
    with session_factory() as session:
        rows = session.scalars(select(Recheck).where(Recheck.alert_id == aid).order_by(Recheck.id)).all()
        assert [(r.outcome, r.attempt, r.retry_after_seconds) for r in rows] == [
            ("unknown", 1, 600.0), ("unknown", 2, 1200.0), ("removed", 1, None)]


def test_refused_redirect_and_server_errors_change_nothing(
    session_factory: sessionmaker[Session], local: Settings, make_alert: AlertFactory,
    shop: ShopServer, smtp_server: RecordingHandler, reader: SpiderListingReader,
) -> None:
    a, _ = alert_on_shop(make_alert, session_factory, local, shop, "olx",
                         Answer(302, headers=(("Location", "http://169.254.169.254/latest/meta-data"),)))
    b, _ = alert_on_shop(make_alert, session_factory, local, shop, "lazada", Answer(503, b"busy"))
    notify(session_factory, local)
    rows = {r.alert_id: r for r in run_followup(session_factory, local, reader=reader,
                                                 now=T0 + timedelta(days=2)).rows}
    assert rows[a].outcome == "unknown" and rows[a].reason == "refused"
    assert "not a configured marketplace host" in rows[a].detail
    assert rows[b].outcome == "unknown" and rows[b].reason == "http_503"
    assert status_of(session_factory, a) == status_of(session_factory, b) == "notified"
    assert not any("169.254" in r for r in shop.requests)


def test_report_counts_unknown_rechecks_per_marketplace(
    session_factory: sessionmaker[Session], local: Settings, make_alert: AlertFactory,
    shop: ShopServer, smtp_server: RecordingHandler, reader: SpiderListingReader,
) -> None:
    alert_on_shop(make_alert, session_factory, local, shop, "shopee",
                  Answer(200, fixture_body("shopee/detail/blocked")))
    alert_on_shop(make_alert, session_factory, local, shop, "facebook",
                  Answer(200, fixture_body("facebook/search/login_wall")))
    alert_on_shop(make_alert, session_factory, local, shop, "tokopedia", Answer(404, b""))
    notify(session_factory, local)
    start = T0 + timedelta(days=2)
    run_followup(session_factory, local, reader=reader, now=start)
    run_followup(session_factory, local, reader=reader, now=start + timedelta(hours=1))
    with session_factory() as session:
        report = activity_report(session, now=start + timedelta(hours=2))
    counts = {m.marketplace: m.unknown_rechecks for m in report.marketplaces}
    assert counts == {"facebook": 2, "shopee": 2, "tokopedia": 0}
    assert report.total.unknown_rechecks == 4
