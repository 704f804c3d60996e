"""A batch stored set-based leaves the same alerts, audit events and links as one store_listing per item."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
from sqlalchemy import func, select, update
from sqlalchemy.orm import Session, sessionmaker

from crawler.pipelines import store_batch, store_listing
from matchers import score_listing
from spiders.items import ListingItem
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


def _run(sessions: sessionmaker[Session], *, batched: bool) -> tuple[list[bool], dict[str, Any]]:
    with sessions.begin() as session:
        first = start_scan(session, trigger="t", queries=["q"], marketplaces=["tokopedia"]).id
        second = start_scan(session, trigger="t", queries=["q"], marketplaces=["tokopedia"]).id
    with sessions.begin() as session:
        for item, result in _scored(EARLIER):
            store_listing(session, item, result, scan_id=first, evidence_root=None)
        listing_one = session.scalar(select(Listing.id).where(Listing.external_id == "1"))
        session.execute(update(Alert).where(Alert.listing_id == listing_one)
                        .values(status=AlertStatus.REMOVED.value))
    with sessions.begin() as session:
        if batched:
            outcomes = store_batch(session, _scored(NOW), scan_id=second, evidence_root=None)
        else:
            outcomes = [store_listing(session, item, result, scan_id=second, evidence_root=None)
                        for item, result in _scored(NOW)]
    with sessions() as session:
        ext = {row.id: row.external_id for row in session.execute(select(Listing.id, Listing.external_id))}
        alerts = {a.id: ext[a.listing_id] for a in session.scalars(select(Alert))}
        state = {
            "alerts": sorted((ext[a.listing_id], a.status, a.verdict, a.score, a.sighting_count)
                             for a in session.scalars(select(Alert))),
            "events": sorted((alerts[e.alert_id], e.action, e.from_status or "", e.to_status or "",
                              e.note.split(": ")[-1] if e.action == "relisted" else e.note)
                             for e in session.scalars(select(AlertEvent))),
            "links": sorted((alerts[lk.alert_id], alerts[lk.linked_alert_id], lk.reason,
                             tuple(sorted(lk.detail.split("; "))))
                            for lk in session.scalars(select(AlertLink))),
        }
    return [o.new_alert for o in outcomes], state


def _compare(url_one: str, url_batch: str) -> None:
    results = []
    for batched, url in ((False, url_one), (True, url_batch)):
        engine = make_engine(url)
        upgrade(engine)
        results.append(_run(make_session_factory(engine), batched=batched))
        engine.dispose()
    (flags_one, one), (flags_batch, batch) = results
    # the scenario covers what it claims
    assert flags_one == [False, True, True, True, True, True, False, False]
    assert any(status == "relisted" for _, status, *_ in one["alerts"])
    assert {reason for *_, reason, _ in one["links"]} == {"relisted", "same_seller", "same_identifier"}
    assert flags_batch == flags_one
    assert batch == one


def test_store_batch_equals_store_listing(tmp_path: Path) -> None:
    _compare(f"sqlite:///{tmp_path / 'one.db'}", f"sqlite:///{tmp_path / 'batch.db'}")


@pytest.mark.postgres
def test_store_batch_equals_store_listing_on_postgresql(pg_server: Any) -> None:
    _compare(pg_server.create_database("store_one"), pg_server.create_database("store_batch"))


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
