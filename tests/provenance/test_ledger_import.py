"""Importing the ledger: idempotent, all-or-nothing under --strict, overlaps refused, history kept."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
from hypothesis import HealthCheck, example, given, settings
from hypothesis import strategies as st
from sqlalchemy import select
from sqlalchemy.orm import Session, sessionmaker

from alerts.provenance.ledger_import import ImportReport, import_ledger
from config.settings import LedgerConfig
from storage.ledger import entry_holding, ledger_size, status_history
from storage.models import LedgerEntry, LedgerStatusChange
from tests.provenance.conftest import write_csv

CONFIG = LedgerConfig()


def run(sessions: sessionmaker[Session], path: Path, *, strict: bool = False) -> ImportReport:
    with sessions.begin() as session:
        return import_ledger(session, path, CONFIG, actor="tester", strict=strict)


def snapshot(sessions: sessionmaker[Session]) -> tuple[list[Any], list[Any]]:
    with sessions.begin() as session:
        entries = session.execute(select(LedgerEntry.id, LedgerEntry.uid_bytes, LedgerEntry.uid_start,
                                         LedgerEntry.uid_end, LedgerEntry.batch, LedgerEntry.consignee_code,
                                         LedgerEntry.status, LedgerEntry.status_date)
                                  .order_by(LedgerEntry.id)).all()
        history = session.execute(select(LedgerStatusChange.entry_id, LedgerStatusChange.status,
                                         LedgerStatusChange.status_date, LedgerStatusChange.import_row)
                                  .order_by(LedgerStatusChange.id)).all()
    return entries, history


GOOD = [
    {"chip_uid": "04A1B2C3D4E5F6", "batch": "B1", "consignee": "Kab. Bogor", "dispatch_date": "2018-01-10",
     "status": "dispatched", "status_date": "2018-01-10"},
    {"uid_start": "04000000000000", "uid_end": "040000000000FF", "batch": "B2", "consignee": "3276",
     "status": "dispatched", "status_date": "2018-02-01"},
    {"chip_uid": "04A1B2C3D4E5F6", "status": "destroyed", "status_date": "2018-06-02"},
]


def test_importing_the_same_file_twice_changes_nothing(ledger_sessions: sessionmaker[Session], tmp_path: Path) -> None:
    path = write_csv(tmp_path / "l.csv", GOOD)
    first = run(ledger_sessions, path)
    assert (first.new_entries, first.status_changes, first.rejections) == (2, 1, ())
    before = snapshot(ledger_sessions)
    second = run(ledger_sessions, path)
    assert (second.new_entries, second.status_changes, second.filled_fields) == (0, 0, 0)
    assert second.unchanged_rows == 3
    assert snapshot(ledger_sessions) == before


def test_status_changes_are_kept_as_history(ledger_sessions: sessionmaker[Session], tmp_path: Path) -> None:
    run(ledger_sessions, write_csv(tmp_path / "a.csv", GOOD[:2]))
    later = write_csv(tmp_path / "b.csv", [{"uid_start": "04000000000000", "uid_end": "040000000000FF",
                                           "status": "destroyed", "status_date": "2019-01-05"}])
    report = run(ledger_sessions, later)
    assert report.status_changes == 1
    with ledger_sessions.begin() as session:
        entry_id = session.scalar(select(LedgerEntry.id).where(LedgerEntry.batch == "B2"))
        assert entry_id is not None
        assert [(s, str(d), src) for s, d, _, src in status_history(session, entry_id)] == [
            ("dispatched", "2018-02-01", "a.csv:3"), ("destroyed", "2019-01-05", "b.csv:2")]


def test_a_status_going_backwards_is_rejected(ledger_sessions: sessionmaker[Session], tmp_path: Path) -> None:
    run(ledger_sessions, write_csv(tmp_path / "a.csv", GOOD))
    back = write_csv(tmp_path / "b.csv", [
        {"chip_uid": "04A1B2C3D4E5F6", "status": "in_stock", "status_date": "2019-01-01"},
        {"uid_start": "04000000000000", "uid_end": "040000000000FF", "status": "printed",
         "status_date": "2017-01-01"},
    ])
    report = run(ledger_sessions, back)
    reasons = [r.reason for r in report.rejections]
    assert "status going backwards: recorded destroyed on 2018-06-02, this row says in_stock" in reasons[0]
    assert "backwards in time" in reasons[1]


def test_overlapping_ranges_are_rejected_in_the_file_and_against_the_ledger(
        ledger_sessions: sessionmaker[Session], tmp_path: Path) -> None:
    run(ledger_sessions, write_csv(tmp_path / "a.csv", GOOD[1:2]))
    report = run(ledger_sessions, write_csv(tmp_path / "b.csv", [
        {"uid_start": "04000000000080", "uid_end": "04000000000180", "status": "in_stock"},  # ledger
        {"uid_start": "04000000000200", "uid_end": "040000000002FF", "status": "in_stock"},
        {"chip_uid": "04000000000250", "status": "in_stock"},  # inside the row above
        {"chip_uid": "040000000000FF", "status": "dispatched", "status_date": "2018-02-01"},  # range's last chip
        {"chip_uid": "04000000000300", "status": "in_stock"},  # fine
    ]))
    assert [(r.row, r.reason.split(":")[0]) for r in report.rejections] == [
        (2, "overlapping range"), (4, "overlapping range"), (5, "overlapping range")]
    assert "overlaps row 3" in report.rejections[1].reason
    assert report.new_entries == 2


def test_strict_imports_nothing_when_a_row_fails(ledger_sessions: sessionmaker[Session], tmp_path: Path) -> None:
    rows = [*GOOD, {"chip_uid": "nope", "status": "dispatched"}]
    report = run(ledger_sessions, write_csv(tmp_path / "l.csv", rows), strict=True)
    assert not report.written and len(report.rejections) == 1
    with ledger_sessions.begin() as session:
        assert ledger_size(session) == (0, 0)
    report = run(ledger_sessions, write_csv(tmp_path / "l.csv", rows), strict=False)
    assert report.written and report.new_entries == 2


def test_a_later_row_fills_what_the_entry_lacked_but_cannot_change_it(
        ledger_sessions: sessionmaker[Session], tmp_path: Path) -> None:
    run(ledger_sessions, write_csv(tmp_path / "a.csv", [{"chip_uid": "04A1B2C3", "status": "in_stock",
                                                         "status_date": "2017-12-01"}]))
    report = run(ledger_sessions, write_csv(tmp_path / "b.csv", [
        {"chip_uid": "04A1B2C3", "batch": "B9", "consignee": "Kota Depok", "status": "dispatched",
         "status_date": "2018-01-02"},
        {"chip_uid": "04A1B2C3", "batch": "B7", "status": "dispatched", "status_date": "2018-01-02"},
    ]))
    assert report.filled_fields == 2 and report.status_changes == 1
    assert [r.reason for r in report.rejections] == [
        "conflicts with the ledger: batch is B9, this row says B7"]


ROW = st.fixed_dictionaries({
    "chip_uid": st.sampled_from(["04A1B2C3", "04A1B2C4", "04A1B2C3D4E5F6", "04000000000010"]),
    "status": st.sampled_from(["in_stock", "dispatched", "printed", "damaged", "destroyed", "reported_lost"]),
    "status_date": st.sampled_from(["", "2018-01-01", "2018-06-02", "2019-03-03"]),
    "batch": st.sampled_from(["", "B1", "B2"]),
    "consignee": st.sampled_from(["", "Kab. Bogor", "3276"]),
})


def _row(uid: str, status: str, status_date: str = "") -> dict[str, str]:
    return {"chip_uid": uid, "status": status, "status_date": status_date, "batch": "", "consignee": ""}


@given(st.lists(ROW, max_size=8), st.lists(ROW, max_size=8))
# found by a random run: the dated row is rejected (the ledger has that status on another day) until
# the file's next row moves the entry on; judged against the current status only, it passed next time
@example(first=[_row("04000000000010", "reported_lost", "2018-01-01")],
         second=[_row("04000000000010", "reported_lost", "2018-06-02"), _row("04000000000010", "damaged")])
@settings(max_examples=25, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
def test_any_file_imported_again_changes_nothing(ledger_sessions: sessionmaker[Session], tmp_path: Path,
                                                 first: list[dict[str, str]], second: list[dict[str, str]]) -> None:
    """Property: whatever the ledger already holds, a file's second import is a no-op."""
    with ledger_sessions.begin() as session:
        session.execute(LedgerStatusChange.__table__.delete())
        session.execute(LedgerEntry.__table__.delete())
    run(ledger_sessions, write_csv(tmp_path / "a.csv", first))
    path = write_csv(tmp_path / "b.csv", second)
    run(ledger_sessions, path)
    before = snapshot(ledger_sessions)
    again = run(ledger_sessions, path)
    assert (again.new_entries, again.status_changes, again.filled_fields) == (0, 0, 0)
    assert snapshot(ledger_sessions) == before


EXTREMES = [*GOOD, {"uid_start": "0000000000000000", "uid_end": "00000000000000FF", "status": "in_stock"},
            {"chip_uid": "FFFFFFFFFFFFFFFF", "status": "in_stock"}]


def _import_and_look_up(sessions: sessionmaker[Session], path: Path) -> None:
    assert run(sessions, path).new_entries == 4
    assert run(sessions, path).unchanged_rows == 5
    with sessions.begin() as session:
        assert entry_holding(session, 8, 2**64 - 1) is not None
        assert entry_holding(session, 8, 0x80) is not None
        assert entry_holding(session, 8, 0x100) is None
        assert entry_holding(session, 7, 0x04A1B2C3D4E5F6) is not None


def test_eight_byte_uids_use_the_whole_bigint_range(ledger_sessions: sessionmaker[Session], tmp_path: Path) -> None:
    _import_and_look_up(ledger_sessions, write_csv(tmp_path / "l.csv", EXTREMES))


@pytest.mark.postgres
def test_import_and_lookup_on_postgresql(pg_url: str, tmp_path: Path) -> None:
    """The same import and lookups on PostgreSQL (signed BIGINT bounds, RETURNING, executemany)."""
    from storage.migrate import upgrade
    from storage.models import LedgerImport
    from storage.session import make_engine, make_session_factory

    engine = make_engine(pg_url)
    upgrade(engine)
    sessions = make_session_factory(engine)
    try:
        _import_and_look_up(sessions, write_csv(tmp_path / "l.csv", EXTREMES))
    finally:
        with sessions.begin() as session:
            session.execute(LedgerStatusChange.__table__.delete())
            session.execute(LedgerEntry.__table__.delete())
            session.execute(LedgerImport.__table__.delete())
        engine.dispose()
