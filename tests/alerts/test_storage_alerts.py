"""Ingest, alert lifecycle and relisting links, called as the scan pipeline calls them."""

from __future__ import annotations

from datetime import timedelta

import pytest
from sqlalchemy import func, select
from sqlalchemy.orm import Session

from storage.alerts import (
    AlertFilters,
    IllegalTransition,
    activity_report,
    add_event,
    get_alert_detail,
    link_alerts,
    list_alerts,
    percentile,
    transition,
)
from storage.batch_ingest import record_sightings_batch
from storage.listings import ListingData
from storage.models import (
    ALERT_TRANSITIONS,
    Alert,
    AlertEvent,
    AlertLink,
    AlertStatus,
    Identifier,
    Listing,
    Seller,
    Sighting,
)
from tests.alerts.builders import T0, ingest, new_scan


def test_record_sighting_creates_then_attaches_and_keeps_history(session: Session) -> None:
    scan1, scan2 = new_scan(session), new_scan(session, T0 + timedelta(days=3))
    first, _ = ingest(session, "p1", scan_id=scan1)
    assert first.new_listing and first.sighting is not None and not first.changed
    again, _ = ingest(session, "p1", scan_id=scan1)
    assert again.sighting is None and not again.new_listing
    later, _ = ingest(session, "p1", scan_id=scan2, title="Blangko KTP-el ready",
                      seen_at=T0 + timedelta(days=3))
    assert later.changed and later.sighting is not None
    assert later.listing.id == first.listing.id
    assert later.listing.title == "Blangko KTP-el ready"
    titles = session.scalars(
        select(Sighting.title).where(Sighting.listing_id == first.listing.id).order_by(Sighting.seen_at)
    ).all()
    assert titles == ["Blangko e-KTP asli dukcapil", "Blangko KTP-el ready"]
    assert session.scalar(select(func.count()).select_from(Seller)) == 1


def test_unchanged_content_is_not_changed_and_old_view_does_not_win(session: Session) -> None:
    ingest(session, "p1", scan_id=new_scan(session), seen_at=T0 + timedelta(days=5))
    out, _ = ingest(session, "p1", scan_id=new_scan(session), title="older text", seen_at=T0)
    assert out.changed and out.sighting is not None
    assert out.listing.title == "Blangko e-KTP asli dukcapil"  # the later view stays the latest
    same, _ = ingest(session, "p1", scan_id=new_scan(session), seen_at=T0 + timedelta(days=6))
    assert not same.changed


def test_record_assessment_upserts_identifiers(session: Session) -> None:
    ids = (("chip_uid", "04A1B2C3D4E5F6"), ("phone", "+6281234567890"))
    out, _ = ingest(session, "p1", identifiers=ids, scan_id=new_scan(session))
    ingest(session, "p1", identifiers=ids, scan_id=new_scan(session))
    rows = session.scalars(select(Identifier).where(Identifier.listing_id == out.listing.id)).all()
    assert sorted((i.kind, i.value) for i in rows) == sorted(ids)


def test_benign_opens_nothing_hit_opens_and_later_sightings_attach(session: Session) -> None:
    _, none = ingest(session, "b1", verdict="benign", score=3.0, scan_id=new_scan(session))
    assert none is None
    _, opened = ingest(session, "p1", scan_id=new_scan(session))
    assert opened is not None and opened.opened and opened.alert.status == "new"
    _, attached = ingest(session, "p1", score=70.0, scan_id=new_scan(session),
                         seen_at=T0 + timedelta(days=3))
    assert attached is not None and not attached.opened
    alert = attached.alert
    assert alert.id == opened.alert.id
    assert alert.sighting_count == 2 and alert.score == 70.0
    assert alert.last_seen_at == T0 + timedelta(days=3)
    actions = session.scalars(select(AlertEvent.action).where(AlertEvent.alert_id == alert.id)).all()
    assert actions == ["opened"]


def test_every_transition_follows_the_state_machine(session: Session) -> None:
    _, out = ingest(session, "p1", scan_id=new_scan(session))
    assert out is not None
    alert = out.alert
    for current in AlertStatus:
        for target in AlertStatus:
            alert.status = current.value
            if target in ALERT_TRANSITIONS[current]:
                event = transition(session, alert, target, actor="ana", note="n")
                assert (event.from_status, event.to_status) == (current.value, target.value)
                assert alert.status == target.value
            else:
                with pytest.raises(IllegalTransition) as err:
                    transition(session, alert, target, actor="ana")
                assert current.value in str(err.value) and target.value in str(err.value)
                assert alert.status == current.value


def test_notified_and_removed_times_are_set(session: Session) -> None:
    _, out = ingest(session, "p1", scan_id=new_scan(session))
    assert out is not None
    alert = out.alert
    transition(session, alert, "confirmed", actor="ana", at=T0 + timedelta(hours=1))
    transition(session, alert, "notified", actor="ktpwatch", at=T0 + timedelta(hours=5))
    transition(session, alert, "removed", actor="ktpwatch", at=T0 + timedelta(hours=29))
    assert alert.notified_at == T0 + timedelta(hours=5)
    assert alert.removed_at == T0 + timedelta(hours=29)
    report = activity_report(session, now=T0 + timedelta(days=2))
    (row,) = report.marketplaces
    assert (row.opened, row.confirmed, row.removed) == (1, 1, 1)
    assert row.first_seen_to_notice_median_hours == 5.0
    assert row.notice_to_removal_p90_hours == 24.0
    assert row.precision == 1.0


def test_same_seller_and_same_chip_uid_link_new_alerts(session: Session) -> None:
    _, a = ingest(session, "p1", seller="shop-1", identifiers=(("chip_uid", "04A1B2C3D4E5F6"),))
    _, b = ingest(session, "p2", seller="shop-1", title="blanko ktp el kosongan")
    _, c = ingest(session, "p3", seller="shop-9", seller_name="Lain",
                  identifiers=(("chip_uid", "04A1B2C3D4E5F6"),))
    assert a and b and c
    assert [(lk.linked_alert_id, lk.reason) for lk in b.links] == [(a.alert.id, "same_seller")]
    assert [(lk.linked_alert_id, lk.reason) for lk in c.links] == [(a.alert.id, "same_identifier")]
    assert "04A1B2C3D4E5F6" in c.links[0].detail
    linked = list_alerts(session, AlertFilters(linked_to=a.alert.id))
    assert {r.id for r in linked} == {b.alert.id, c.alert.id}


def test_removed_alert_becomes_relisted_when_seller_returns(session: Session) -> None:
    _, a = ingest(session, "p1", identifiers=(("nik", "3174010101900003"),))
    assert a
    for status in ("confirmed", "notified", "removed"):
        transition(session, a.alert, status, actor="ana")
    _, b = ingest(session, "p2", seller="shop-2", identifiers=(("nik", "3174010101900003"),),
                  seen_at=T0 + timedelta(days=9))
    assert b and b.opened
    assert a.alert.status == "relisted"
    assert [(lk.reason, lk.linked_alert_id) for lk in b.links] == [("relisted", a.alert.id)]
    # stored as found (like the identifier itself); every output masks it (alerts.redaction)
    assert b.links[0].detail == "nik 3174010101900003"
    events = session.scalars(select(AlertEvent).where(AlertEvent.alert_id == a.alert.id)).all()
    assert events[-1].action == "relist" and str(b.alert.id) in events[-1].note


def test_same_listing_seen_after_removal_is_relisted(session: Session) -> None:
    _, a = ingest(session, "p1", scan_id=new_scan(session))
    assert a
    for status in ("confirmed", "notified", "removed"):
        transition(session, a.alert, status, actor="ana", at=T0 + timedelta(hours=1))
    ingest(session, "p1", scan_id=new_scan(session), seen_at=T0 + timedelta(days=4))
    assert a.alert.status == "relisted"


def test_link_alerts_is_idempotent_both_ways(session: Session) -> None:
    _, a = ingest(session, "p1")
    _, b = ingest(session, "p2", seller="shop-2")
    assert a and b
    assert link_alerts(session, a.alert, b.alert, reason="same_photo", detail="phash 1") is not None
    assert link_alerts(session, a.alert, b.alert, reason="same_photo") is None
    assert link_alerts(session, b.alert, a.alert, reason="same_photo") is None
    assert link_alerts(session, a.alert, a.alert, reason="same_photo") is None
    assert session.scalar(select(func.count()).select_from(AlertLink)) == 1


def test_list_filters_and_detail(session: Session) -> None:
    _, a = ingest(session, "p1", score=90, identifiers=(("phone", "+6281234567890"),))
    _, b = ingest(session, "p2", marketplace="shopee", seller="s9", seller_name="Kios Dua",
                  verdict="related", score=58, seen_at=T0 + timedelta(days=10))
    assert a and b
    def ids(**kw: object) -> list[int]:
        return [r.id for r in list_alerts(session, AlertFilters(**kw))]  # type: ignore[arg-type]
    assert ids() == [b.alert.id, a.alert.id]
    assert ids(marketplace=("shopee",)) == [b.alert.id]
    assert ids(verdict=("blank",)) == [a.alert.id]
    assert ids(min_score=60) == [a.alert.id]
    assert ids(since=T0 + timedelta(days=5)) == [b.alert.id]
    assert ids(seller="kios") == [b.alert.id]
    assert ids(seller="shop-1") == [a.alert.id]
    assert ids(identifier="0812-3456-7890") == [a.alert.id]
    assert ids(sort="score", descending=False) == [b.alert.id, a.alert.id]
    assert ids(limit=1) == [b.alert.id]
    transition(session, a.alert, "confirmed", actor="ana")
    add_event(session, a.alert, actor="ana", action="note", note="seen on WA too")
    assert ids(status=("confirmed",)) == [a.alert.id]
    detail = get_alert_detail(session, a.alert.id)
    assert detail is not None
    assert [e.action for e in detail.events] == ["opened", "confirm", "note"]
    assert detail.assessment is not None and detail.assessment.reasons[0]["matched"] == "blangko e-ktp"
    assert get_alert_detail(session, 9999) is None


def test_percentile() -> None:
    assert percentile([], 50) is None
    assert percentile([4.0], 90) == 4.0
    assert percentile([1.0, 2.0, 3.0, 4.0], 50) == 2.5
    assert percentile([float(x) for x in range(11)], 90) == pytest.approx(9.0)


def test_listing_rows_are_unique_per_marketplace(session: Session) -> None:
    data = ListingData("tokopedia", "x", "u", "t")
    record_sightings_batch(session, [data], scan_id=None)
    record_sightings_batch(session, [data], scan_id=None)
    assert session.scalar(select(func.count()).select_from(Listing)) == 1
    assert session.scalar(select(func.count()).select_from(Sighting)) == 2
    assert session.scalar(select(func.count()).select_from(Alert)) == 0
