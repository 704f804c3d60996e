"""The trace of each chip UID is stored: written on ingest and on every ledger import, read by the queue.

Before this, ``alerts list`` traced every chip of every alert on each call; now
the queue reads ``identifiers.trace``, so these tests check when it is written
(a sighting ingested after a ledger exists, a ledger imported after the
sightings) and that a new import re-traces (a chip absent before, a fuzzy match
that a new entry makes ambiguous).
"""

from __future__ import annotations

from pathlib import Path

from hypothesis import given, settings
from hypothesis import strategies as st
from sqlalchemy import select, update
from sqlalchemy.orm import Session

from alerts.provenance.ledger_import import import_ledger
from alerts.provenance.matching import MatchKind, match_chip
from config.settings import LedgerConfig
from crawler.ingest import ingest_batch
from matchers import score_listing
from spiders.items import ListingItem
from storage.alerts.queries import AlertFilters, list_alerts
from storage.models import Identifier
from tests.provenance.conftest import write_csv

CONFIG = LedgerConfig()
TITLE = "Jual blanko e-KTP kosong original chip siap cetak"


def _ingest(session: Session, ext: str, uid: str) -> None:
    item = ListingItem(marketplace="tokopedia", external_id=ext, url=f"https://shop.test/p/{ext}", title=TITLE,
                       description=f"UID chip {uid} sudah dites", price=25_000, seller_id=f"s{ext}",
                       seller_name=f"Toko {ext}", query="blanko ktp")
    ingest_batch(session, [(item, score_listing(item.title, item.description, price=item.price))],
                 scan_id=None, evidence_root=None, ledger=CONFIG)


def _traces(session: Session) -> dict[str, tuple[str, float]]:
    rows = session.execute(select(Identifier.value, Identifier.trace, Identifier.trace_confidence)
                           .where(Identifier.kind == "chip_uid"))
    return {uid: (trace, confidence) for uid, trace, confidence in rows}


def _import(session: Session, path: Path, rows: list[dict[str, str]]) -> None:
    report = import_ledger(session, write_csv(path, rows), CONFIG, actor="test", strict=True)
    assert report.written


def test_a_ledger_import_traces_the_chips_already_recorded(session: Session, tmp_path: Path) -> None:
    _ingest(session, "1", "04A1B2C3D4E5F6")
    _ingest(session, "2", "04B1B2C3D4E5F6")  # read with B for 8: one OCR confusion from 04818…
    assert _traces(session) == {"04A1B2C3D4E5F6": ("", 0.0), "04B1B2C3D4E5F6": ("", 0.0)}
    _import(session, tmp_path / "a.csv", [
        {"chip_uid": "04A1B2C3D4E5F6", "consignee": "Kab. Bogor", "status": "dispatched"},
        {"chip_uid": "04818283D4E5F6", "consignee": "32.75", "status": "dispatched"}])
    assert _traces(session) == {"04A1B2C3D4E5F6": ("exact", 1.0), "04B1B2C3D4E5F6": ("absent", 0.0)}
    _import(session, tmp_path / "b.csv", [
        {"chip_uid": "0481B2C3D4E5F6", "consignee": "32.75", "status": "dispatched"}])
    assert _traces(session)["04B1B2C3D4E5F6"] == ("fuzzy", 0.8)


def test_a_sighting_after_the_ledger_is_traced_on_ingest(session: Session, tmp_path: Path) -> None:
    _import(session, tmp_path / "a.csv", [
        {"uid_start": "04000000000000", "uid_end": "040000000003FF", "consignee": "32.76", "status": "dispatched"}])
    _ingest(session, "1", "04:00:00:00:00:01:FF")
    _ingest(session, "2", "04999999999ABC")
    assert _traces(session) == {"040000000001FF": ("exact", 1.0), "04999999999ABC": ("absent", 0.0)}


def test_a_new_entry_within_reach_turns_a_fuzzy_trace_ambiguous(session: Session, tmp_path: Path) -> None:
    _ingest(session, "1", "04B1B2C3D4E5F6")
    _import(session, tmp_path / "a.csv", [
        {"chip_uid": "0481B2C3D4E5F6", "consignee": "32.75", "status": "dispatched"}])
    assert _traces(session)["04B1B2C3D4E5F6"] == ("fuzzy", 0.8)
    _import(session, tmp_path / "b.csv", [
        {"chip_uid": "04B182C3D4E5F6", "consignee": "32.01", "status": "dispatched"}])
    assert _traces(session)["04B1B2C3D4E5F6"][0] == "ambiguous"


def test_the_queue_reads_the_stored_trace(session: Session) -> None:
    for ext in ("1", "2", "3"):
        _ingest(session, ext, f"04{ext * 10}AB")
    newest_first = [row.id for row in list_alerts(session, AlertFilters())]
    oldest = newest_first[-1]
    # no ledger at all: only the stored fact can move the oldest alert to the top
    session.execute(update(Identifier).where(Identifier.value == "041111111111AB").values(trace="fuzzy"))
    assert [row.id for row in list_alerts(session, AlertFilters())] == [oldest, *newest_first[:-1]]
    plain = AlertFilters(traced_first=False)
    assert [row.id for row in list_alerts(session, plain)] == newest_first


class _Entry:
    def __init__(self, entry_id: int) -> None:
        self.id = entry_id


@settings(max_examples=60, deadline=None)
@given(uid=st.text("0123456789ABCDEF", min_size=14, max_size=14), corrected=st.integers(0, 4))
def test_a_corrected_reading_is_never_exact(uid: str, corrected: int) -> None:
    """Found as read, a reading made with k lookalike letters is fuzzy with confidence 0.8**k (within reach)."""
    entry = _Entry(1)
    value = int(uid, 16)
    found = match_chip(uid, lambda nbytes, v: entry if (nbytes, v) == (7, value) else None,
                       max_substitutions=2, confidence_per_substitution=0.8, corrected=corrected)
    if corrected == 0:
        assert (found.kind, found.confidence) == (MatchKind.EXACT, 1.0)
    elif corrected <= 2:
        assert (found.kind, found.substitutions, found.confidence) == (MatchKind.FUZZY, corrected,
                                                                        round(0.8 ** corrected, 4))
    else:
        assert found.kind is MatchKind.ABSENT  # beyond the reach ``ocr_max_substitutions`` allows


def test_a_uid_read_through_lookalike_letters_traces_fuzzy(session: Session, tmp_path: Path) -> None:
    """The seller wrote O for 0: the matcher reads the digit, the trace says it was a lookalike."""
    _ingest(session, "1", "04A3O1B2C4D5E6")
    [corrected] = session.scalars(select(Identifier.corrected).where(Identifier.kind == "chip_uid")).all()
    assert corrected == 1
    _import(session, tmp_path / "a.csv", [
        {"chip_uid": "04A301B2C4D5E6", "consignee": "Kab. Bogor", "status": "dispatched"}])
    assert _traces(session) == {"04A301B2C4D5E6": ("fuzzy", 0.8)}
