"""The one ingest join on a scan's awkward cases: alerts, audit events and links a batch leaves.

These cases once compared the set-based batch with an ORM twin (one listing
at a time); the twin is gone, and what it left is now the expectation,
spelled out.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
from sqlalchemy import func, select, update
from sqlalchemy.orm import Session, sessionmaker

from crawler.ingest import ingest_batch, listing_data
from matchers import score_listing
from spiders.items import ListingItem
from storage.listings import AssessmentData
from storage.migrate import upgrade
from storage.models import Alert, AlertEvent, AlertLink, AlertStatus, Listing
from storage.scans import start_scan
from storage.session import make_engine, make_session_factory

BLANK = "Jual blanko e-KTP kosong original chip siap cetak"
RELATED = "Jasa KTP jadi cepat, data NIK asli"
BENIGN = "Dompet kulit tempat KTP dan kartu ATM"


def _item(ext: str, title: str, seller: str, phone: str = "") -> ListingItem:
    description = f"hubungi wa {phone}" if phone else "stok banyak"
    return ListingItem(marketplace="tokopedia", external_id=ext, url=f"https://shop.test/p/{ext}", title=title,
                       description=description, price=25_000, seller_id=seller, seller_name=f"Toko {seller}",
                       query="blanko ktp")


# a previous scan: alerts 1 (seller A), 2 (seller B, phone P1), a benign listing of seller C
EARLIER = [_item("1", BLANK, "A"), _item("2", RELATED, "B", "081234567801"), _item("3", BENIGN, "C")]
# this scan: A's alert seen again; a new hit by A (alert 1 is removed: relisted); hits sharing
# seller D among themselves; a hit with B's phone under another seller; the benign listing now a
# hit; a new benign listing; one listing twice
NOW = [
    _item("1", BLANK, "A"), _item("10", BLANK, "A"),
    _item("11", BLANK, "D", "081234567899"), _item("12", RELATED, "D", "081234567899"),
    _item("13", BLANK, "E", "081234567801"), _item("3", BLANK, "C"),
    _item("14", BENIGN, "F"), _item("11", BLANK, "D", "081234567899"),
]


def _scored(items: list[ListingItem]) -> list[tuple[ListingItem, Any]]:
    return [(i, score_listing(i.title, i.description, price=i.price)) for i in items]


def _run(sessions: sessionmaker[Session], *, one_at_a_time: bool) -> tuple[list[bool], dict[str, Any]]:
    with sessions.begin() as session:
        first = start_scan(session, trigger="t", queries=["q"], marketplaces=["tokopedia"]).id
        second = start_scan(session, trigger="t", queries=["q"], marketplaces=["tokopedia"]).id
    with sessions.begin() as session:
        ingest_batch(session, _scored(EARLIER), scan_id=first, evidence_root=None)
        listing_one = session.scalar(select(Listing.id).where(Listing.external_id == "1"))
        session.execute(update(Alert).where(Alert.listing_id == listing_one)
                        .values(status=AlertStatus.REMOVED.value))
    with sessions.begin() as session:
        if one_at_a_time:  # a single listing is a batch of one
            outcomes = [o for scored in _scored(NOW)
                        for o in ingest_batch(session, [scored], scan_id=second, evidence_root=None)]
        else:
            outcomes = ingest_batch(session, _scored(NOW), scan_id=second, evidence_root=None)
    with sessions() as session:
        ext = {row.id: row.external_id for row in session.execute(select(Listing.id, Listing.external_id))}
        alerts = {a.id: ext[a.listing_id] for a in session.scalars(select(Alert))}
        state = {
            "alerts": sorted((ext[a.listing_id], a.status, a.verdict, a.score, a.sighting_count)
                             for a in session.scalars(select(Alert))),
            "events": sorted((alerts[e.alert_id], e.action, e.from_status or "", e.to_status or "",
                              e.note.split(": ")[-1] if e.action == "relist" else e.note)
                             for e in session.scalars(select(AlertEvent))),
            "links": sorted((alerts[lk.alert_id], alerts[lk.linked_alert_id], lk.reason,
                             tuple(sorted(lk.detail.split("; "))))
                            for lk in session.scalars(select(AlertLink))),
        }
    return [o.new_alert for o in outcomes], state


def _opened(verdict: str, score: float) -> str:
    return f"{verdict} score {score:.1f} ({MATCHER})"


def _check(url: str, *, one_at_a_time: bool) -> None:
    engine = make_engine(url)
    upgrade(engine)
    try:
        flags, state = _run(make_session_factory(engine), one_at_a_time=one_at_a_time)
    finally:
        engine.dispose()
    blank, related = _score(BLANK), _score(RELATED)
    # "1" attaches to its alert; "11" twice is one listing; "14" is benign
    assert flags == [False, True, True, True, True, True, False, False]
    assert state["alerts"] == [
        # removed, then relisted by the new listing "10" of the same seller; seen again: two sightings
        ("1", "relisted", "blank", blank, 2),
        ("10", "new", "blank", blank, 1), ("11", "new", "blank", blank, 1),
        ("12", "new", "related", related, 1), ("13", "new", "blank", blank, 1),
        ("2", "new", "related", related, 1),
        ("3", "new", "blank", blank, 2),  # benign in the earlier scan, a hit now
    ]
    assert state["events"] == sorted(
        [(ext, "opened", "", "new", _opened("blank", blank)) for ext in ("1", "10", "11", "13", "3")]
        + [(ext, "opened", "", "new", _opened("related", related)) for ext in ("12", "2")]
        + [("1", "relist", "removed", "relisted", "seller tokopedia:A (Toko A)")]
    )
    assert state["links"] == [
        ("10", "1", "relisted", ("seller tokopedia:A (Toko A)",)),
        ("12", "11", "same_identifier", ("phone +6281234567899",)),
        ("12", "11", "same_seller", ("seller tokopedia:D (Toko D)",)),
        ("13", "2", "same_identifier", ("phone +6281234567801",)),
    ]


MATCHER = score_listing(BLANK, "").matcher_version


def _score(title: str) -> float:
    return score_listing(title, "stok banyak", price=25_000).score


@pytest.mark.parametrize("one_at_a_time", [False, True], ids=["batch", "batches-of-one"])
def test_a_batch_opens_attaches_links_and_relists(tmp_path: Path, one_at_a_time: bool) -> None:
    _check(f"sqlite:///{tmp_path / 'db.db'}", one_at_a_time=one_at_a_time)


@pytest.mark.postgres
def test_a_batch_opens_attaches_links_and_relists_on_postgresql(pg_server: Any) -> None:
    _check(pg_server.create_database("ingest_batch"), one_at_a_time=False)


def test_an_alert_is_opened_when_decided_not_when_the_listing_was_seen(tmp_path: Path) -> None:
    """The two old write paths disagreed: one wrote opened_at = now, the other the sighting's time.

    The audit trail says when ktpwatch opened the alert; when the shop showed the
    listing is the sighting's time and the alert's ``last_seen_at``.
    """
    from datetime import UTC, datetime, timedelta

    from storage.batch_ingest import record_sightings_batch
    from storage.verdicts import ScoredSighting, record_verdicts

    seen = datetime(2026, 1, 5, 9, 0, tzinfo=UTC)
    decided = seen + timedelta(days=2)
    engine = make_engine(f"sqlite:///{tmp_path / 'db.db'}")
    upgrade(engine)
    try:
        with make_session_factory(engine).begin() as session:
            scan = start_scan(session, trigger="t", queries=["q"], marketplaces=["tokopedia"]).id
            [rec] = record_sightings_batch(session, [listing_data(_item("1", BENIGN, "A"))], scan_id=scan,
                                           seen_at=seen)
            # a verdict that comes later (photo text read after the crawl, a spooled batch)
            verdict = AssessmentData.from_result(score_listing(BLANK, ""))
            [decision] = record_verdicts(session, [ScoredSighting(rec, "tokopedia", verdict)], at=decided)
            assert decision is not None and decision.opened
            alert = session.get_one(Alert, decision.alert_id)
            assert (alert.opened_at, alert.updated_at, alert.last_seen_at) == (decided, decided, seen)
            event = session.scalars(select(AlertEvent).where(AlertEvent.alert_id == alert.id)).one()
            assert (event.action, event.at) == ("opened", decided)
    finally:
        engine.dispose()


def test_writer_kind_falls_back_to_the_child_process_with_a_warning(caplog: Any) -> None:
    from crawler.pipelines import _writer_kind

    assert _writer_kind("Thread ") == "thread"
    assert _writer_kind("process") == "process"
    assert _writer_kind("threads") == "process"
    assert "KTPWATCH_WRITER='threads'" in caplog.text


def test_both_writers_store_a_job_and_stop_when_released(tmp_path: Path) -> None:
    from crawler.writer import WriteJob, acquire_writer, release_writer, write_job

    for kind in ("thread", "process"):
        url = f"sqlite:///{tmp_path / f'{kind}.db'}"
        engine = make_engine(url)
        upgrade(engine)
        with make_session_factory(engine).begin() as session:
            scan = start_scan(session, trigger="t", queries=["q"], marketplaces=["tokopedia"]).id
        writer = acquire_writer(url, kind)
        assert acquire_writer(url, kind) is writer  # one writer per process and database
        job = WriteJob(url=url, scan_id=scan, evidence_root=None, images_threshold=None,
                       batch=_scored([_item("1", BLANK, "A"), _item("2", BENIGN, "B")]))
        assert writer.submit(write_job, job).result(timeout=60) == [True, False]
        release_writer(url, kind)
        release_writer(url, kind)
        with make_session_factory(engine)() as session:
            assert session.scalar(select(func.count()).select_from(Alert)) == 1
            assert session.scalar(select(func.count()).select_from(Listing)) == 2
        engine.dispose()
