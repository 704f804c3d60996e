"""``report leaks`` shows the ledger status in force on the days a chip was seen, not only today's."""

from __future__ import annotations

from datetime import UTC, date, datetime, timedelta
from pathlib import Path

from hypothesis import given
from hypothesis import strategies as st
from sqlalchemy.orm import Session

from alerts.provenance.leak_report import build_leak_report
from alerts.provenance.ledger_import import import_ledger
from alerts.provenance.status_at import UNRECORDED, status_on, statuses_on
from config.settings import LedgerConfig
from tests.alerts.builders import ingest, new_scan
from tests.provenance.conftest import write_csv

STATUSES = ("in_stock", "dispatched", "printed", "destroyed")
histories = st.lists(st.tuples(st.sampled_from(STATUSES), st.dates(date(2017, 1, 1), date(2021, 1, 1))),
                     min_size=1, max_size=5).map(lambda h: sorted(h, key=lambda change: change[1]))


@given(histories, st.dates(date(2016, 1, 1), date(2022, 1, 1)))
def test_the_status_on_a_day_is_the_last_change_on_or_before_it(history: list[tuple[str, date]], day: date) -> None:
    found = status_on(history, day)
    before = [status for status, since in history if since <= day]
    assert found == (before[-1] if before else UNRECORDED)


@given(histories, st.lists(st.dates(date(2016, 1, 1), date(2022, 1, 1)), min_size=1, max_size=6))
def test_statuses_on_days_are_each_days_status_once(history: list[tuple[str, date]], days: list[date]) -> None:
    found = statuses_on(history, days)
    assert set(found) == {status_on(history, day) for day in days}
    assert len(found) == len(set(found))
    assert statuses_on(history, [max(since for _, since in history)]) == (history[-1][0],)


def _seen(session: Session, ext: str, uid: str, *days: date) -> None:
    for day in days:
        at = datetime(day.year, day.month, day.day, 9, tzinfo=UTC)
        ingest(session, ext, scan_id=new_scan(session, at), seen_at=at, seller=f"s-{ext}",
               description=f"chip {uid}", identifiers=(("chip_uid", uid),))


def test_a_chip_seen_before_and_after_its_destruction_shows_both(session: Session, tmp_path: Path) -> None:
    ledger = write_csv(tmp_path / "stock.csv", [
        {"chip_uid": "04A1B2C3D4E5F6", "consignee": "Kab. Bogor", "dispatch_date": "2018-01-10",
         "status": "dispatched", "status_date": "2018-01-10"},
        {"chip_uid": "04A1B2C3D4E5F6", "status": "destroyed", "status_date": "2018-06-02"},
        {"chip_uid": "04C1C2C3D4E5F6", "consignee": "Kota Bekasi", "dispatch_date": "2018-01-10",
         "status": "dispatched", "status_date": "2018-01-10"},
        {"chip_uid": "04C1C2C3D4E5F6", "status": "destroyed", "status_date": "2020-02-02"}])
    assert import_ledger(session, ledger, LedgerConfig(), actor="t", strict=True).written
    _seen(session, "1", "04A1B2C3D4E5F6", date(2018, 3, 1), date(2018, 6, 1) + timedelta(days=30))
    _seen(session, "2", "04C1C2C3D4E5F6", date(2018, 3, 1))
    offices = {row.office_code: row for row in build_leak_report(session, LedgerConfig()).offices}
    bogor, bekasi = offices["32.01"], offices["32.75"]
    assert bogor.statuses == (("destroyed", 1),)
    assert bogor.chip_statuses_then == (("04A1B2C3D4E5F6", ("dispatched", "destroyed")),)
    assert bogor.statuses_then == (("destroyed", 1), ("dispatched", 1))
    # destroyed in 2020, offered in 2018: today's status is alarming, the one it was sold under is not
    assert bekasi.statuses == (("destroyed", 1),) and bekasi.statuses_then == (("dispatched", 1),)
    assert bogor.alarming == bekasi.alarming == 1


def test_a_chip_seen_before_its_first_ledger_record_is_unrecorded_then(session: Session, tmp_path: Path) -> None:
    ledger = write_csv(tmp_path / "stock.csv", [
        {"chip_uid": "04A1B2C3D4E5F6", "status": "in_stock", "status_date": "2019-01-01"}])
    assert import_ledger(session, ledger, LedgerConfig(), actor="t", strict=True).written
    _seen(session, "1", "04A1B2C3D4E5F6", date(2018, 3, 1))
    (row,) = build_leak_report(session, LedgerConfig()).offices
    assert (row.office_code, row.statuses, row.statuses_then) == ("", (("in_stock", 1),), ((UNRECORDED, 1),))


def test_the_leak_letter_says_what_a_chip_was_when_it_was_for_sale() -> None:
    from alerts.notices.drafting import environment_for
    from alerts.notices.leak_letter import render_leak_letter
    from alerts.provenance.leaks import TracedSighting, rank_offices
    from config import load_config

    at = datetime(2018, 3, 1, tzinfo=UTC)
    (leak,) = rank_offices([
        TracedSighting("32.75", "04C1C2C3D4E5F6", 1, "shopee", "kios", at, at, "destroyed", ("dispatched",)),
        TracedSighting("32.75", "04A1B2C3D4E5F6", 2, "shopee", "kios", at, at, "destroyed", ("destroyed",))])
    letter = render_leak_letter(environment_for(load_config().settings), leak, recipient="itjen@example",
                                office="Kota Bekasi", province="Jawa Barat", evidence=[])
    assert "04C1C2C3D4E5F6: destroyed (saat terlihat dijual / when seen for sale: dispatched)" in letter
    assert "04A1B2C3D4E5F6: destroyed\n" in letter
