"""The digest lists an actor back after a takedown: once, in the scan that saw it return, NIK masked."""

from __future__ import annotations

from datetime import timedelta

from sqlalchemy import select
from sqlalchemy.orm import Session, sessionmaker

from alerts.actors.rebuild import rebuild_actors
from alerts.actors.returning import returning_after_takedown
from config import Settings, load_config
from crawler.scan.after_crawl import send_scan_digest
from crawler.scan.summary import ScanSummary
from storage.models import Alert, Listing
from tests.alerts.builders import T0, ingest, new_scan
from tests.notify.sinks import JsonSink
from tests.notify.test_notify import NIK, _digit_runs

PHONE = ("phone", "+6281377771234")
OTHER_PHONE = ("phone", "+6285611112222")


def _settings(url: str) -> Settings:
    settings = load_config().settings
    notify = settings.notify.model_copy(update={"urls": [url], "score_threshold": 99.0})
    return settings.model_copy(update={"notify": notify})


def _summary(scan_id: int) -> ScanSummary:
    return ScanSummary(scan_id=scan_id, status="finished", trigger="test", queries=[], new_alerts=0,
                       marketplaces=[], duration_seconds=1.0)


def _take_down(session: Session, external_id: str, days_after: int) -> None:
    alert = session.scalars(select(Alert).join(Listing).where(Listing.external_id == external_id)).one()
    alert.notified_at = T0 + timedelta(days=days_after)
    alert.removed_at = T0 + timedelta(days=days_after + 2)


def _scan(db: sessionmaker[Session], day: int, *listings: tuple[str, str, str, tuple[str, str]]) -> int:
    """A scan on ``day`` seeing ``listings`` (external id, marketplace, seller, identifier); actors rebuilt."""
    with db.begin() as session:
        scan = new_scan(session, at=T0 + timedelta(days=day))
        for external_id, marketplace, seller, identifier in listings:
            ingest(session, external_id, marketplace=marketplace, seller=seller, seller_name=f"Toko {seller}",
                   identifiers=(identifier,), scan_id=scan, seen_at=T0 + timedelta(days=day), score=80.0)
        rebuild_actors(session, load_config().settings.actors.risk_weights)
    return scan


def test_an_actor_back_after_a_takedown_is_in_that_scans_digest_once(
    db: sessionmaker[Session], json_sink: JsonSink
) -> None:
    settings = _settings(json_sink.url)
    _scan(db, 0, ("a-1", "tokopedia", f"NIK {NIK}", PHONE), ("b-1", "shopee", "plain", OTHER_PHONE))
    with db.begin() as session:
        _take_down(session, "a-1", days_after=1)
    # the taken-down seller returns under a new shop name on another marketplace; b is back but was never taken down
    returned = _scan(db, 10, ("a-2", "lazada", f"Makmur {NIK}", PHONE), ("b-2", "shopee", "plain-2", OTHER_PHONE))
    summary = _summary(returned)
    send_scan_digest(db, settings, summary, returning_after_takedown)
    assert summary.problems == [] and len(json_sink.posts) == 1
    body = json_sink.posts[0]["message"]
    assert "1 actor(s) back after a takedown" in body and "lazada" in body
    assert NIK not in _digit_runs(body)
    with db() as session:
        [back] = returning_after_takedown(session, returned)
        a2 = session.scalars(select(Alert.id).join(Listing).where(Listing.external_id == "a-2")).one()
    assert back.alert_id == a2 and f"alert #{a2}" in body
    assert NIK in back.label  # seller text carried a NIK: masked in the body, above
    # the next scan sees the same listings again: nothing new, the return is not told twice
    later = _scan(db, 11, ("a-2", "lazada", f"Makmur {NIK}", PHONE))
    send_scan_digest(db, settings, _summary(later), returning_after_takedown)
    assert len(json_sink.posts) == 1


def test_a_listing_seen_before_the_takedown_is_not_a_return(db: sessionmaker[Session]) -> None:
    _scan(db, 0, ("a-1", "tokopedia", "one", PHONE), ("a-2", "shopee", "two", PHONE))
    with db.begin() as session:
        _take_down(session, "a-1", days_after=1)
    scan = _scan(db, 5, ("a-1", "tokopedia", "one", PHONE), ("a-2", "shopee", "two", PHONE))
    with db() as session:
        assert returning_after_takedown(session, scan) == []
