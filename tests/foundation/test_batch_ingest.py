"""The one write path of listings, sightings and assessments, on a scan's awkward cases.

These cases once compared the set-based write with an ORM twin of it; the
twin is gone, and the rows it wrote are now the expectations, spelled out.
"""

from __future__ import annotations

from datetime import UTC, datetime, timedelta
from typing import Any

import pytest
from sqlalchemy import Engine, select
from sqlalchemy.orm import Session, sessionmaker

from storage.batch_ingest import record_assessments_batch, record_sightings_batch
from storage.listings import AssessmentData, IdentifierData, ListingData, SellerData
from storage.migrate import upgrade
from storage.models import AssessmentRecord, Identifier, Listing, Seller, Sighting
from storage.scans import start_scan
from storage.session import make_engine, make_session_factory

T0 = datetime(2026, 11, 1, 8, 0, tzinfo=UTC)


def _listing(ext: str, title: str, *, seller: str = "s1", seller_name: str = "", price: int = 100) -> ListingData:
    return ListingData(
        marketplace="tokopedia", external_id=ext, url=f"https://shop.test/{ext}", title=title,
        description=f"desc {title}", price=price,
        seller=SellerData("tokopedia", seller, name=seller_name, url=f"https://shop.test/s/{seller}"),
        image_urls=(f"https://img.test/{ext}.jpg",), query="blanko ktp", raw={"id": ext},
    )


def _assessment(n: int) -> AssessmentData:
    return AssessmentData(score=float(n), verdict="benign", reasons=[{"rule": "r", "n": n}],
                          matcher_version="m1",
                          identifiers=(IdentifierData("phone", f"+62812000{n:04d}", "description"),))


def _snapshot(session: Session) -> dict[str, Any]:
    """Every row that matters, keyed by business keys (ids differ between the two databases)."""
    listings = {row.id: row.external_id for row in session.scalars(select(Listing))}
    sellers = {row.id: row.external_id for row in session.scalars(select(Seller))}
    return {
        "sellers": sorted((s.external_id, s.name, s.url, s.city) for s in session.scalars(select(Seller))),
        "listings": sorted(
            (r.external_id, r.title, r.description, r.price, sellers.get(r.seller_id or -1), r.image_urls,
             r.first_seen_at, r.last_seen_at, r.content_hash, r.state)
            for r in session.scalars(select(Listing))),
        "sightings": sorted(
            (listings[r.listing_id], r.scan_id, r.seen_at, r.query, r.title, r.price, r.content_hash, r.raw)
            for r in session.scalars(select(Sighting))),
        "assessments": sorted(
            (listings[r.listing_id], r.score, r.verdict, r.reasons, r.matcher_version, r.created_at)
            for r in session.scalars(select(AssessmentRecord))),
        "identifiers": sorted(
            (listings[r.listing_id], r.kind, r.value, r.source) for r in session.scalars(select(Identifier))),
    }


def _scenario(sessions: sessionmaker[Session]) -> dict[str, Any]:
    with sessions.begin() as session:
        first = start_scan(session, trigger="test", queries=["q"], marketplaces=["tokopedia"]).id
        second = start_scan(session, trigger="test", queries=["q"], marketplaces=["tokopedia"]).id
    assert (first, second) == (1, 2)
    # scan 1 sees three listings; scan 2 sees one unchanged, one changed (new seller name), one
    # new, one twice, and one it had already recorded (an earlier batch of the same scan)
    rounds: list[tuple[int, datetime, list[ListingData]]] = [
        (first, T0, [_listing("1", "a"), _listing("2", "b"), _listing("3", "c", seller="s2")]),
        (second, T0 + timedelta(days=3), [_listing("4", "d", seller="s3", seller_name="Toko D")]),
        (second, T0 + timedelta(days=3, seconds=5), [
            _listing("1", "a"), _listing("2", "b changed", seller_name="Toko B", price=90),
            _listing("4", "d again"), _listing("5", "e"), _listing("5", "e twice"),
        ]),
        # a slow worker's older view of scan 1: kept as history, never replaces the latest view
        (first, T0 - timedelta(hours=1), [_listing("5", "e old view")]),
    ]
    flags: list[tuple[str, bool, bool, bool]] = []
    n = 0
    for scan_id, seen, batch in rounds:
        with sessions.begin() as session:
            recorded = record_sightings_batch(session, batch, scan_id=scan_id, seen_at=seen)
            rows = []
            for data, rec in zip(batch, recorded, strict=True):
                n += 1
                flags.append((data.external_id, rec.sighting_id is not None, rec.new_listing, rec.changed))
                if rec.sighting_id is not None or rec.new_listing:
                    rows.append((rec, _assessment(n)))
            record_assessments_batch(session, rows)
    with sessions() as session:
        return {"flags": flags, **_snapshot(session)}


def _fresh(url: str) -> tuple[Engine, sessionmaker[Session]]:
    engine = make_engine(url)
    upgrade(engine)
    return engine, make_session_factory(engine)


DAY3 = T0 + timedelta(days=3)
LATER = T0 + timedelta(days=3, seconds=5)
OLD = T0 - timedelta(hours=1)


def _hash(ext: str, title: str, **kw: Any) -> str:
    return _listing(ext, title, **kw).effective_hash()


def _check(url: str) -> None:
    engine, sessions = _fresh(url)
    try:
        got = _scenario(sessions)
    finally:
        engine.dispose()
    # (external id, sighting recorded, new listing, content changed), in the order written
    assert got["flags"] == [
        ("1", True, True, False), ("2", True, True, False), ("3", True, True, False),
        ("4", True, True, False),
        ("1", True, False, False), ("2", True, False, True), ("4", False, False, False),  # already in scan 2
        ("5", True, True, False), ("5", False, False, False),  # twice in one batch: once
        ("5", True, False, True),  # the slow worker's view is a sighting of scan 1
    ]
    # a seller's non-empty fields refresh it; an empty one never blanks it
    assert got["sellers"] == [("s1", "Toko B", "https://shop.test/s/s1", ""),
                              ("s2", "", "https://shop.test/s/s2", ""),
                              ("s3", "Toko D", "https://shop.test/s/s3", "")]
    b_changed = _hash("2", "b changed", seller_name="Toko B", price=90)
    assert got["listings"] == [
        ("1", "a", "desc a", 100, "s1", ["https://img.test/1.jpg"], T0, LATER, _hash("1", "a"), "live"),
        ("2", "b changed", "desc b changed", 90, "s1", ["https://img.test/2.jpg"], T0, LATER, b_changed, "live"),
        ("3", "c", "desc c", 100, "s2", ["https://img.test/3.jpg"], T0, T0, _hash("3", "c", seller="s2"), "live"),
        ("4", "d", "desc d", 100, "s3", ["https://img.test/4.jpg"], DAY3, DAY3,
         _hash("4", "d", seller="s3", seller_name="Toko D"), "live"),
        # the older view did not replace the latest one
        ("5", "e", "desc e", 100, "s1", ["https://img.test/5.jpg"], LATER, LATER, _hash("5", "e"), "live"),
    ]
    assert got["sightings"] == [
        ("1", 1, T0, "blanko ktp", "a", 100, _hash("1", "a"), {"id": "1"}),
        ("1", 2, LATER, "blanko ktp", "a", 100, _hash("1", "a"), {"id": "1"}),
        ("2", 1, T0, "blanko ktp", "b", 100, _hash("2", "b"), {"id": "2"}),
        ("2", 2, LATER, "blanko ktp", "b changed", 90, b_changed, {"id": "2"}),
        ("3", 1, T0, "blanko ktp", "c", 100, _hash("3", "c", seller="s2"), {"id": "3"}),
        ("4", 2, DAY3, "blanko ktp", "d", 100, _hash("4", "d", seller="s3", seller_name="Toko D"), {"id": "4"}),
        ("5", 1, OLD, "blanko ktp", "e old view", 100, _hash("5", "e old view"), {"id": "5"}),
        ("5", 2, LATER, "blanko ktp", "e", 100, _hash("5", "e"), {"id": "5"}),
    ]
    # one assessment per recorded sighting, created at the sighting's time
    assert got["assessments"] == [
        (ext, float(n), "benign", [{"rule": "r", "n": n}], "m1", at)
        for ext, n, at in [("1", 1, T0), ("1", 5, LATER), ("2", 2, T0), ("2", 6, LATER), ("3", 3, T0),
                           ("4", 4, DAY3), ("5", 8, LATER), ("5", 10, OLD)]
    ]
    assert got["identifiers"] == [
        (ext, "phone", f"+62812000{n:04d}", "description")
        for ext, n in [("1", 1), ("1", 5), ("2", 2), ("2", 6), ("3", 3), ("4", 4), ("5", 8), ("5", 10)]
    ]


def test_batch_write_on_sqlite(tmp_path: Any) -> None:
    _check(f"sqlite:///{tmp_path / 'a.db'}")


@pytest.mark.postgres
def test_batch_write_on_postgresql(pg_server: Any) -> None:
    _check(pg_server.create_database("batch_a"))


def test_a_one_off_without_a_scan_records_a_sighting_every_time(tmp_path: Any) -> None:
    engine, sessions = _fresh(f"sqlite:///{tmp_path / 'c.db'}")
    try:
        flags = []
        for seen in (T0, T0 + timedelta(minutes=1)):
            with sessions.begin() as session:
                [rec] = record_sightings_batch(session, [_listing("1", "a")], scan_id=None, seen_at=seen)
                flags.append((rec.sighting_id is not None, rec.new_listing, rec.last_seen_at))
        with sessions() as session:
            assert len(session.scalars(select(Sighting)).all()) == 2
    finally:
        engine.dispose()
    assert flags == [(True, True, T0), (True, False, T0 + timedelta(minutes=1))]
