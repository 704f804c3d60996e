"""``ktpwatch ledger import`` and ``ledger show`` as a person runs them."""

from __future__ import annotations

import json
import os
from pathlib import Path

from sqlalchemy import select
from typer.testing import CliRunner

from crawler.cli import app
from storage.models import LedgerAccessEvent
from storage.session import make_engine, make_session_factory
from tests.provenance.conftest import write_csv

ROWS = [
    {"chip_uid": "04A1B2C3D4E5F6", "batch": "B1", "consignee": "Kab. Bogor", "dispatch_date": "2018-01-10",
     "status": "dispatched", "status_date": "2018-01-10"},
    {"chip_uid": "04A1B2C3D4E5F6", "status": "destroyed", "status_date": "2018-06-02"},
    {"chip_uid": "04ZZ", "status": "dispatched"},
]


def invoke(*args: str) -> tuple[int, str, str]:
    result = CliRunner().invoke(app, list(args))
    return result.exit_code, result.stdout, result.stderr


def access_events() -> list[tuple[str, str, str]]:
    engine = make_engine(os.environ["KTPWATCH_DB_URL"])
    with make_session_factory(engine).begin() as session:
        rows = session.execute(select(LedgerAccessEvent.actor, LedgerAccessEvent.action,
                                      LedgerAccessEvent.subject)).all()
    engine.dispose()
    return [tuple(r) for r in rows]


def test_import_reports_each_rejected_row_and_strict_imports_nothing(tmp_path: Path) -> None:
    path = write_csv(tmp_path / "stock.csv", ROWS)
    code, out, err = invoke("ledger", "import", str(path), "--strict")
    assert code == 1
    assert "row 4: rejected: bad chip UID '04ZZ': expected 4, 7 or 8 bytes of hex" in err
    assert "imported nothing (--strict)" in out and "1 rejected" in out
    code, out, _ = invoke("ledger", "show", "04A1B2C3D4E5F6", "--as", "ana", "--format", "json")
    assert code == 0 and json.loads(out)["match"] == "absent"
    code, out, err = invoke("ledger", "import", str(path))
    assert code == 0 and "2 rows read" not in out and "1 new entries" in out and "1 status changes" in out
    code, out, _ = invoke("ledger", "import", str(path))
    assert code == 0 and "0 new entries, 0 status changes, 0 fields filled, 2 rows unchanged" in out


def test_show_traces_a_chip_and_is_audited(tmp_path: Path) -> None:
    invoke("ledger", "import", str(write_csv(tmp_path / "stock.csv", ROWS[:2])))
    code, out, _ = invoke("ledger", "show", "O4:A1:B2:C3:D4:E5:F6", "--as", "ana", "--format", "json")
    assert code == 0
    found = json.loads(out)
    assert (found["match"], found["confidence"], found["consignee"], found["province"]) == (
        "fuzzy", 0.8, "Kabupaten Bogor", "Jawa Barat")
    assert found["meaning"] == "recorded destroyed on 2018-06-02: this card should not exist"
    assert [h["status"] for h in found["history"]] == ["dispatched", "destroyed"]
    code, out, _ = invoke("ledger", "show", "04A1B2C3D4E5F6", "--as", "budi")
    assert code == 0 and "recorded destroyed on 2018-06-02" in out and "Kabupaten Bogor" in out
    assert access_events() == [("ana", "show", "O4:A1:B2:C3:D4:E5:F6"), ("budi", "show", "04A1B2C3D4E5F6")]


def test_an_unreadable_file_is_one_line_and_exit_1(tmp_path: Path) -> None:
    bad = tmp_path / "stock.txt"
    bad.write_text("x", encoding="utf-8")
    code, _, err = invoke("ledger", "import", str(bad))
    assert code == 1 and err.strip().splitlines()[-1].startswith("error: ") and "unknown ledger format" in err
    headerless = write_csv(tmp_path / "s.csv", [], header=["serial"])
    code, _, err = invoke("ledger", "import", str(headerless))
    assert code == 1 and "no chip UID column" in err


def test_broken_files_are_one_line_each(tmp_path: Path) -> None:
    fake = tmp_path / "stock.xlsx"
    fake.write_bytes(b"PK\x03\x04 not really a workbook")
    code, _, err = invoke("ledger", "import", str(fake))
    assert code == 1 and "not a readable .xlsx workbook" in err
    latin = tmp_path / "latin.csv"
    latin.write_bytes("chip_uid,status,batch\n04A1B2C3,in_stock,Kab. Bogor \xe9\n".encode("latin-1"))
    code, _, err = invoke("ledger", "import", str(latin))
    assert code == 1 and "latin.csv" in err and "utf-8" in err


def test_long_files_report_progress(tmp_path: Path, monkeypatch: object) -> None:
    import alerts.provenance.ledger_import as importer

    monkeypatch.setattr(importer, "PROGRESS_EVERY", 2)  # type: ignore[attr-defined]
    rows = [{"chip_uid": f"04A1B2{i:02X}", "status": "in_stock"} for i in range(5)]
    code, _, err = invoke("ledger", "import", str(write_csv(tmp_path / "s.csv", rows)))
    assert code == 0 and "read 2 rows" in err and "read 4 rows" in err
