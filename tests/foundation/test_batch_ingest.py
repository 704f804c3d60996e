"""The set-based batch write leaves the database exactly as one record_sighting per listing would."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta
from typing import Any

import pytest
from sqlalchemy import Engine, select
from sqlalchemy.orm import Session, sessionmaker

from storage.batch_ingest import record_assessments_batch, record_sightings_batch
from storage.listings import (
    AssessmentData,
    IdentifierData,
    ListingData,
    SellerData,
    record_assessment,
    record_sighting,
)
from storage.migrate import upgrade
from storage.models import Assessment, Identifier, Listing, Seller, Sighting
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
            for r in session.scalars(select(Assessment))),
        "identifiers": sorted(
            (listings[r.listing_id], r.kind, r.value, r.source) for r in session.scalars(select(Identifier))),
    }


def _scenario(sessions: sessionmaker[Session], *, batched: bool) -> dict[str, Any]:
    with sessions.begin() as session:
        first = start_scan(session, trigger="test", queries=["q"], marketplaces=["tokopedia"]).id
        second = start_scan(session, trigger="test", queries=["q"], marketplaces=["tokopedia"]).id
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
            if batched:
                recorded = record_sightings_batch(session, batch, scan_id=scan_id, seen_at=seen)
                rows = []
                for data, rec in zip(batch, recorded, strict=True):
                    n += 1
                    flags.append((data.external_id, rec.sighting_id is not None, rec.new_listing, rec.changed))
                    if rec.sighting_id is not None or rec.new_listing:
                        rows.append((rec, _assessment(n)))
                record_assessments_batch(session, rows)
            else:
                for data in batch:
                    n += 1
                    outcome = record_sighting(session, data, scan_id=scan_id, seen_at=seen)
                    flags.append((data.external_id, outcome.sighting is not None, outcome.new_listing,
                                  outcome.changed))
                    if outcome.sighting is not None or outcome.new_listing:
                        record_assessment(session, outcome, _assessment(n))
    with sessions() as session:
        return {"flags": flags, **_snapshot(session)}


def _fresh(url: str) -> tuple[Engine, sessionmaker[Session]]:
    engine = make_engine(url)
    upgrade(engine)
    return engine, make_session_factory(engine)


def _compare(url_a: str, url_b: str) -> None:
    (engine_a, one_by_one), (engine_b, batched) = _fresh(url_a), _fresh(url_b)
    try:
        expected = _scenario(one_by_one, batched=False)
        got = _scenario(batched, batched=True)
    finally:
        engine_a.dispose()
        engine_b.dispose()
    # the scenario exercises what it says: a repeat in one scan, a change, new listings
    assert ("5", False, False, False) in expected["flags"]
    assert ("2", True, False, True) in expected["flags"]
    assert ("1", True, False, False) in expected["flags"]
    for key in expected:
        assert got[key] == expected[key], key


def test_batch_write_equals_one_by_one_on_sqlite(tmp_path: Any) -> None:
    _compare(f"sqlite:///{tmp_path / 'a.db'}", f"sqlite:///{tmp_path / 'b.db'}")


@pytest.mark.postgres
def test_batch_write_equals_one_by_one_on_postgresql(pg_server: Any) -> None:
    _compare(pg_server.create_database("batch_a"), pg_server.create_database("batch_b"))
