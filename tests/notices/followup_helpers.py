"""Arranging follow-up tests: alerts on the test shop, notices sent, the exact re-check request routed."""

from __future__ import annotations

from datetime import datetime
from urllib.parse import urlsplit

from sqlalchemy.orm import Session, sessionmaker

from alerts.followup import ListingRef
from alerts.notices import draft_notices, send_notice
from config import Settings
from crawler.recheck import SpiderListingReader
from storage.models import Alert, Notice
from tests.notices.conftest import T0, AlertFactory
from tests.notices.shop_server import Answer, ShopServer, listing_url


def notify(factory: sessionmaker[Session], settings: Settings, *, escalate: bool = False,
           at: datetime = T0) -> list[Notice]:
    with factory.begin() as session:
        drafted = draft_notices(session, settings, escalate=escalate, now=at).notices
        for notice in drafted:
            assert send_notice(session, settings, notice, actor="tester", now=at).ok
        return drafted


def escalations_due(factory: sessionmaker[Session], settings: Settings, at: datetime) -> list[Notice]:
    """Draft escalations as an analyst would (and roll them back): what would go out."""
    session = factory()
    try:
        return draft_notices(session, settings, escalate=True, now=at).notices
    finally:
        session.rollback()
        session.close()


def recheck_path(factory: sessionmaker[Session], settings: Settings, alert_id: int) -> str:
    """The path (with query) of the request the follow-up makes for this alert's listing."""
    with factory() as session:
        alert = session.get_one(Alert, alert_id)
        listing = alert.listing
        ref = ListingRef(alert.id, alert.marketplace, listing.external_id, listing.url,
                         listing.seller.external_id if listing.seller else "")
    url = SpiderListingReader(settings).request(ref).url
    parts = urlsplit(url)
    return parts.path + (f"?{parts.query}" if parts.query else "")


def alert_on_shop(make_alert: AlertFactory, factory: sessionmaker[Session], settings: Settings,
                  shop: ShopServer, marketplace: str, answer: Answer | None = None) -> tuple[int, str]:
    """An alert for the marketplace's fixture listing on the test shop; its re-check answers ``answer``."""
    alert_id = make_alert(marketplace, url=listing_url(shop.base, marketplace))
    path = recheck_path(factory, settings, alert_id)
    if answer is not None:
        shop.route(path, answer)
    return alert_id, path


def status_of(factory: sessionmaker[Session], alert_id: int) -> str:
    with factory() as session:
        return session.get_one(Alert, alert_id).status
