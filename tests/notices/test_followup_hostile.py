"""A removed listing hidden behind a block is never read as live: every shop, every hostile answer.

The real shops answer a blocked client with status 200: captcha and punish
pages, Facebook's login wall, Shopee's ``error 90309999``, a page shell before
its scripts run, a redirect to a login page; Akamai resets the connection with
no status at all. Each of them, served to the re-check of a listing the shop
has in fact removed, must leave the alert ``notified`` with an ``unknown``
re-check and draft no escalation. (The old follow-up read any 2xx as live and
drafted an escalation against a platform that had acted.)
"""

from __future__ import annotations

from datetime import timedelta

import pytest
from hypothesis import given
from hypothesis import strategies as st
from sqlalchemy.orm import Session, sessionmaker

from alerts.followup import retry_delay, run_followup
from config import Settings
from crawler.recheck import SpiderListingReader, reading_of
from spiders.items import ListingItem, PageOutcome
from storage.models import RecheckOutcome
from tests.notices.conftest import T0, AlertFactory, RecordingHandler
from tests.notices.followup_helpers import alert_on_shop, escalations_due, notify, status_of
from tests.notices.shop_server import (
    SHOP_CASES,
    Answer,
    ShopServer,
    fixture_body,
    served_by,
)

EMPTY_SHELL = (
    b'<!DOCTYPE html><html lang="id"><head><meta charset="utf-8"><title>Belanja Online</title>'
    b'<script defer src="/static/js/main.8f3a.js"></script></head>'
    b'<body><noscript>You need to enable JavaScript to run this app.</noscript><div id="root"></div></body></html>'
)
#: Hostile answers: (fixture folder or literal body, status, mode)
HOSTILE: dict[str, Answer] = {
    "tokopedia_challenge": Answer(200, fixture_body("tokopedia/detail/captcha")),
    "lazada_punish": Answer(200, fixture_body("lazada/search/punish_html")),
    "lazada_captcha": Answer(200, fixture_body("lazada/detail/captcha")),
    "recaptcha_page": Answer(200, fixture_body("olx/search/captcha")),
    "facebook_login_wall": Answer(200, fixture_body("facebook/search/login_wall")),
    "shopee_90309999": Answer(200, fixture_body("shopee/detail/blocked")),
    "akamai_access_denied": Answer(200, fixture_body("tokopedia/search/blocked_akamai")),
    "empty_shell": Answer(200, EMPTY_SHELL),
    "empty_body": Answer(200, b""),
    "connection_reset": Answer(mode="reset"),
    "rate_limited_429": Answer(429, b"Too Many Requests", (("Retry-After", "60"),)),
    "forbidden_403": Answer(403, fixture_body("blibli/search/blocked_403")),
}


@pytest.fixture
def local(settings: Settings, shop: ShopServer) -> Settings:
    return served_by(settings, shop.base)


@pytest.mark.parametrize("hostile", sorted(HOSTILE))
def test_block_over_a_removed_listing_is_unknown_everywhere(
    session_factory: sessionmaker[Session], local: Settings, make_alert: AlertFactory,
    shop: ShopServer, smtp_server: RecordingHandler, hostile: str,
) -> None:
    alerts = {
        mp: alert_on_shop(make_alert, session_factory, local, shop, mp, HOSTILE[hostile])[0]
        for mp in sorted(SHOP_CASES)
    }
    notify(session_factory, local)
    now = T0 + timedelta(days=2)
    rows = run_followup(session_factory, local, reader=SpiderListingReader(local), now=now).rows
    assert len(rows) == len(alerts)
    for row in rows:
        assert row.outcome == "unknown", (row.marketplace, row.reason, row.detail)
        assert row.status_after == "notified" and row.retry_after is not None
    assert {status_of(session_factory, a) for a in alerts.values()} == {"notified"}
    assert escalations_due(session_factory, local, now) == []


def test_redirect_to_a_login_page_is_unknown(
    session_factory: sessionmaker[Session], local: Settings, make_alert: AlertFactory,
    shop: ShopServer, smtp_server: RecordingHandler,
) -> None:
    alerts = []
    for mp in sorted(SHOP_CASES):
        login = f"/{mp}/login?next=%2Fitem"
        shop.route(login, Answer(200, fixture_body("facebook/search/login_wall")))
        alerts.append(alert_on_shop(make_alert, session_factory, local, shop, mp,
                                    Answer(302, headers=(("Location", login),)))[0])
    notify(session_factory, local)
    now = T0 + timedelta(days=2)
    rows = run_followup(session_factory, local, reader=SpiderListingReader(local), now=now).rows
    assert [r.outcome for r in rows] == ["unknown"] * len(alerts), [(r.marketplace, r.detail) for r in rows]
    assert sum(1 for r in shop.requests if "/login" in r) == len(alerts)
    assert escalations_due(session_factory, local, now) == []


OUTCOMES = st.sampled_from(["ok", "empty", "blocked", "captcha", "layout_changed", "not_found", ""])
STATUSES = st.one_of(st.sampled_from([200, 204, 301, 403, 404, 410, 429, 500, 503]), st.integers(100, 599))


@given(status=STATUSES, said=OUTCOMES, has_item=st.booleans())
def test_reading_decides_only_on_positive_signs(status: int, said: str, has_item: bool) -> None:
    item = ListingItem(marketplace="shopee", external_id="1", url="u", title="t") if has_item else None
    reading = reading_of(status, item, PageOutcome(status=said))
    if reading.outcome is RecheckOutcome.LIVE:
        assert 200 <= status < 300 and said == "ok" and has_item
    if reading.outcome is RecheckOutcome.REMOVED:
        assert said not in ("blocked", "captcha")
        assert status in (404, 410) or (200 <= status < 300 and said == "not_found")
    if said in ("blocked", "captcha", "layout_changed", "empty", ""):
        assert reading.outcome is not RecheckOutcome.LIVE


@given(attempt=st.integers(1, 200), first=st.floats(1, 1e5), cap=st.floats(1, 1e6))
def test_retry_wait_doubles_and_never_exceeds_the_cap(attempt: int, first: float, cap: float) -> None:
    wait = retry_delay(attempt, first=first, cap=cap)
    after = retry_delay(attempt + 1, first=first, cap=cap)
    assert timedelta(0) < wait <= timedelta(seconds=max(cap, 0)) and after >= wait
