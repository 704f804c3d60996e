"""The leak report: offices ranked by the blanks of theirs seen for sale."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta
from pathlib import Path

from hypothesis import given
from hypothesis import strategies as st
from sqlalchemy.orm import Session, sessionmaker

from alerts.provenance.leak_report import build_leak_report
from alerts.provenance.leaks import ALARMING_STATUSES, TracedSighting, rank_offices
from alerts.provenance.ledger_import import import_ledger
from config.settings import LedgerConfig
from tests.alerts.builders import ingest, new_scan
from tests.provenance.conftest import write_csv

T = datetime(2026, 1, 1, tzinfo=UTC)
STATUSES = ("in_stock", "dispatched", "printed", "damaged", "destroyed", "reported_lost")

sightings = st.builds(
    TracedSighting,
    office_code=st.sampled_from(["32.01", "32.76", "31.74", ""]),
    chip_uid=st.sampled_from([f"04A1B2C3{i:02X}" for i in range(12)]),
    listing_id=st.integers(1, 8),
    marketplace=st.sampled_from(["tokopedia", "shopee"]),
    seller=st.sampled_from(["", "kios", "toko"]),
    first_seen=st.integers(0, 30).map(lambda d: T + timedelta(days=d)),
    last_seen=st.integers(31, 60).map(lambda d: T + timedelta(days=d)),
    status=st.sampled_from(STATUSES),
)


@given(st.lists(sightings, max_size=30))
def test_offices_with_destroyed_or_in_stock_cards_come_first(found: list[TracedSighting]) -> None:
    rows = rank_offices(found)
    alarming = [row.alarming > 0 for row in rows]
    assert alarming == sorted(alarming, reverse=True)
    assert sorted(r.office_code for r in rows) == sorted({s.office_code for s in found})


@given(st.lists(sightings, max_size=30), st.randoms())
def test_ranking_ignores_the_order_sightings_arrive_in(found: list[TracedSighting], rnd) -> None:  # type: ignore[no-untyped-def]
    shuffled = list(found)
    rnd.shuffle(shuffled)
    # one status per chip, as the ledger gives it: differing statuses would depend on order
    status = {s.chip_uid: s.status for s in found}
    fixed = [TracedSighting(**{**s.__dict__, "status": status[s.chip_uid]}) for s in found]
    refixed = [TracedSighting(**{**s.__dict__, "status": status[s.chip_uid]}) for s in shuffled]
    assert rank_offices(fixed) == rank_offices(refixed)


@given(st.lists(sightings, min_size=1, max_size=30))
def test_every_chip_is_counted_once_under_its_office(found: list[TracedSighting]) -> None:
    rows = rank_offices(found)
    for row in rows:
        mine = [s for s in found if s.office_code == row.office_code]
        assert set(row.chips) == {s.chip_uid for s in mine}
        assert sum(n for _, n in row.statuses) == len(row.chips)
        assert row.first_seen == min(s.first_seen for s in mine)
        if len({s.status for s in mine}) == 1:  # the ledger gives each chip one status
            assert (row.alarming > 0) == (mine[0].status in ALARMING_STATUSES)


def test_report_traces_listed_chips_and_ranks_the_destroying_office_first(
        ledger_sessions: sessionmaker[Session], tmp_path: Path) -> None:
    with ledger_sessions.begin() as session:
        scan = new_scan(session)
        for n, uid in enumerate(["04A1B2C3D4E5F6", "04A1B2C3D4E5F7", "04A1B2C3D4E5F8", "0411223344556B"]):
            ingest(session, f"tp-{n}", scan_id=scan, identifiers=(("chip_uid", uid),))
        # OCR read "0" as "O": one substitution, one entry in reach → traced, fuzzy
        ingest(session, "tp-ocr", scan_id=scan, identifiers=(("chip_uid", "O4A1B2C3D4E5F8"),))
    ledger = write_csv(tmp_path / "stock.csv", [
        {"uid_start": "04A1B2C3D4E5F0", "uid_end": "04A1B2C3D4E5F7", "consignee": "Kab. Bogor",
         "status": "dispatched", "status_date": "2018-01-10"},
        {"chip_uid": "04A1B2C3D4E5F8", "consignee": "Kota Bekasi", "status": "destroyed",
         "status_date": "2018-06-02"},
    ])
    with ledger_sessions.begin() as session:
        import_ledger(session, ledger, LedgerConfig(), actor="ana")
    with ledger_sessions() as session:
        report = build_leak_report(session, LedgerConfig())
    assert [row.office_code for row in report.offices] == ["32.75", "32.01"]
    bekasi, bogor = report.offices
    # the OCR-confused reading is the same blank: one chip, two listings
    assert bekasi.chips == ("04A1B2C3D4E5F8",) and bekasi.listings == 2
    assert bekasi.statuses == (("destroyed", 1),)
    assert bogor.chips == ("04A1B2C3D4E5F6", "04A1B2C3D4E5F7")
    assert report.untraced == ("0411223344556B",)


def test_cli_report_leaks_writes_rows_and_a_province_map(alert_db, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    import csv
    import io
    import json

    from typer.testing import CliRunner

    from crawler.cli import app

    ledger = write_csv(tmp_path / "stock.csv", [
        {"chip_uid": "04A1B2C3D4E5F6", "consignee": "Kab. Bogor", "status": "destroyed",
         "status_date": "2018-06-02"}])
    assert CliRunner().invoke(app, ["ledger", "import", str(ledger), "--as", "ana"]).exit_code == 0
    svg = tmp_path / "map.svg"
    result = CliRunner().invoke(app, ["report", "leaks", "--format", "json", "--map", str(svg), "--as", "ana"])
    assert result.exit_code == 0, result.stderr
    found = json.loads(result.stdout)
    (row,) = found["offices"]
    assert found["nik_regions"] == [{"province": "Daerah Khusus Ibukota Jakarta",
                                     "regency": "Kota Administrasi Jakarta Selatan", "niks": 1, "listings": 1}]
    assert (row["office_code"], row["province"], row["destroyed_or_in_stock"]) == ("32.01", "Jawa Barat", 1)
    assert svg.read_text().startswith("<svg") and "Jawa Barat: 1" in svg.read_text()
    csv_out = CliRunner().invoke(app, ["report", "leaks", "--format", "csv", "--map", str(svg)]).stdout
    assert next(csv.DictReader(io.StringIO(csv_out)))["office"] == "Kabupaten Bogor"
    plain = CliRunner().invoke(app, ["report", "--format", "json"])
    assert plain.exit_code == 0 and "marketplaces" in json.loads(plain.stdout)


def test_an_alert_whose_chip_is_traced_opens_at_the_top_of_the_queue(alert_db, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    import json

    from typer.testing import CliRunner

    from crawler.cli import app

    def queue(*extra: str) -> list[int]:
        result = CliRunner().invoke(app, ["alerts", "list", "--format", "json", *extra])
        assert result.exit_code == 0, result.stderr
        return [row["id"] for row in json.loads(result.stdout)]

    traced = alert_db.ids["first"]
    before = queue()
    assert before[0] != traced  # newest first: the traced alert is the oldest
    ledger = write_csv(tmp_path / "stock.csv", [
        {"chip_uid": "04A1B2C3D4E5F6", "consignee": "Kab. Bogor", "status": "dispatched"}])
    assert CliRunner().invoke(app, ["ledger", "import", str(ledger), "--as", "ana"]).exit_code == 0
    for extra in ((), ("--sort", "score", "--asc"), ("--limit", "1")):
        found = queue(*extra)
        assert found[0] == traced
    # the rest keep their order
    assert queue()[1:] == [i for i in before if i != traced]


def test_leak_notice_letters_the_offices_inspectorate_with_chips_and_evidence_hashes(
        alert_db, tmp_path: Path, monkeypatch) -> None:  # type: ignore[no-untyped-def]
    from typer.testing import CliRunner

    from crawler.cli import app

    config = tmp_path / "ktpwatch.toml"
    config.write_text('[ledger]\ninspectorate_email = "itjen@kemendagri.example"\n'
                      '[ledger.inspectorates]\n"32.01" = "inspektorat@bogorkab.example"\n')
    monkeypatch.setenv("KTPWATCH_CONFIG", str(config))
    monkeypatch.setenv("KTPWATCH_EVIDENCE_DIR", str(tmp_path / "evidence"))
    ledger = write_csv(tmp_path / "stock.csv", [
        {"chip_uid": "04A1B2C3D4E5F6", "consignee": "Kab. Bogor", "status": "destroyed",
         "status_date": "2018-06-02"}])
    assert CliRunner().invoke(app, ["ledger", "import", str(ledger), "--as", "ana"]).exit_code == 0
    result = CliRunner().invoke(app, ["notices", "draft", "--leak", "Kab. Bogor"])
    assert result.exit_code == 0, result.stderr
    (letter,) = (tmp_path / "evidence" / "notices").glob("leak-32.01-*.txt")
    text = letter.read_text()
    assert "inspektorat@bogorkab.example" in text and "04A1B2C3D4E5F6: destroyed" in text
    assert "ab" * 32 in text  # the evidence screenshot's SHA-256
    assert text.index("Perihal") < text.index("English") < text.index("DRAFT")
    missing = CliRunner().invoke(app, ["notices", "draft", "--leak", "Kota Bekasi"])
    assert missing.exit_code != 0 and "no blank traced" in missing.stderr
