"""``alerts show`` names where a listing's blank came from, and the regions its NIKs name."""

from __future__ import annotations

import json
from pathlib import Path

from typer.testing import CliRunner

from crawler.cli import app
from tests.alerts.conftest import NIK, AlertDb
from tests.provenance.conftest import write_csv


def show(alert_id: int, *extra: str) -> dict:  # type: ignore[type-arg]
    result = CliRunner().invoke(app, ["alerts", "show", str(alert_id), "--format", "json", *extra])
    assert result.exit_code == 0, result.stderr
    return json.loads(result.stdout)["provenance"]  # type: ignore[no-any-return]


def test_without_a_ledger_the_block_says_so(alert_db: AlertDb) -> None:
    (chip,) = show(alert_db.ids["first"])["chips"]
    assert chip["uid"] == "04A1B2C3D4E5F6" and chip["match"] == "no_ledger" and not chip["traced"]


def test_a_traced_chip_names_batch_office_and_what_its_status_means(alert_db: AlertDb, tmp_path: Path) -> None:
    ledger = write_csv(tmp_path / "stock.csv", [
        {"chip_uid": "04A1B2C3D4E5F6", "batch": "B-2017-11", "consignee": "Kab. Bogor",
         "dispatch_date": "2018-01-10", "status": "dispatched", "status_date": "2018-01-10"},
        {"chip_uid": "04A1B2C3D4E5F6", "status": "destroyed", "status_date": "2018-06-02"},
    ])
    assert CliRunner().invoke(app, ["ledger", "import", str(ledger), "--as", "ana"]).exit_code == 0
    (chip,) = show(alert_db.ids["first"])["chips"]
    assert chip["traced"] and chip["match"] == "exact"
    assert (chip["batch"], chip["office"], chip["province"], chip["dispatch_date"]) == (
        "B-2017-11", "Kabupaten Bogor", "Jawa Barat", "2018-01-10")
    assert chip["meaning"] == "recorded destroyed on 2018-06-02: this card should not exist"
    text = CliRunner().invoke(app, ["alerts", "show", str(alert_db.ids["first"])]).stdout
    assert "Provenance" in text and "B-2017-11" in text


def test_a_chip_missing_from_the_ledger_is_said_to_be(alert_db: AlertDb, tmp_path: Path) -> None:
    ledger = write_csv(tmp_path / "stock.csv", [{"chip_uid": "04FFFFFF", "status": "in_stock"}])
    assert CliRunner().invoke(app, ["ledger", "import", str(ledger)]).exit_code == 0
    (chip,) = show(alert_db.ids["first"])["chips"]
    assert chip["match"] == "absent" and chip["detail"] == "not in the ledger (a counterfeit or a ledger gap)"


def test_nik_regions_are_named_and_the_nik_stays_masked(alert_db: AlertDb) -> None:
    (nik,) = show(alert_db.ids["first"])["niks"]
    assert nik["nik"] != NIK and nik["nik"].startswith("3174")
    assert (nik["province"], nik["regency"]) == ("Daerah Khusus Ibukota Jakarta",
                                                 "Kota Administrasi Jakarta Selatan")
    assert nik["district"] == "Tebet"
    (revealed,) = show(alert_db.ids["first"], "--reveal", "--as", "ana")["niks"]
    assert revealed["nik"] == NIK
