"""Reading ledger files: one meaning whatever the format, headers from [ledger.columns], one reason per bad row."""

from __future__ import annotations

import json
from datetime import date, datetime
from pathlib import Path
from typing import Any

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from openpyxl import Workbook

from alerts.provenance.ledger_file import LedgerFileError, read_ledger_file
from alerts.provenance.ledger_rows import LedgerRow, LedgerStatus, RowRejection, judge_row
from alerts.provenance.regions import region_table
from config.settings import LedgerColumnsConfig, LedgerConfig
from matchers import chip_uid, extract_identifiers
from tests.provenance.conftest import HEADER, write_csv

CONFIG = LedgerConfig()
FORMATS = tuple(CONFIG.date_formats)

ROWS: list[dict[str, Any]] = [
    {"chip_uid": "04:A1:B2:C3:D4:E5:F6", "serial": "S1", "batch": "B-18", "contract": "K1",
     "consignee": "Kab. Bogor", "dispatch_date": "2018-01-10", "status": "dispatched", "status_date": "2018-01-10"},
    {"uid_start": "04000000000000", "uid_end": "040000000000FF", "batch": "B-18", "consignee": "3276",
     "dispatch_date": "02/03/2018", "status": "Destroyed", "status_date": "2018-06-02"},
    {"chip_uid": "04ZZ", "status": "dispatched"},
    {"chip_uid": "0411223344", "status": "dispatched"},
    {"chip_uid": "04112233", "consignee": "Atlantis", "status": "dispatched"},
    {"chip_uid": "04112234", "status": "lost"},
    {"uid_start": "04000000", "uid_end": "04000000000000", "status": "in_stock"},
    {"uid_start": "0400000F", "uid_end": "04000001", "status": "in_stock"},
    {"chip_uid": "04112235", "consignee": "32.76.01", "status": "in_stock"},
    {"chip_uid": "04112236", "status": "printed", "status_date": "June 2018"},
]


def judged(path: Path, columns: LedgerColumnsConfig = CONFIG.columns) -> list[LedgerRow | RowRejection]:
    return [judge_row(n, cells, regions=region_table(), date_formats=FORMATS)
            for n, cells in read_ledger_file(path, columns)]


def write_xlsx(path: Path, rows: list[dict[str, Any]], header: list[str] = HEADER) -> Path:
    book = Workbook()
    sheet = book.active
    assert sheet is not None
    sheet.append(header)
    for row in rows:
        sheet.append([row.get(h) for h in header])
    book.save(path)
    return path


def write_jsonl(path: Path, rows: list[dict[str, Any]]) -> Path:
    path.write_text("".join(json.dumps({k: v for k, v in row.items()}) + "\n" for row in rows), encoding="utf-8")
    return path


def test_the_same_rows_mean_the_same_in_csv_xlsx_and_jsonl(tmp_path: Path) -> None:
    """Differential: the three readers agree row by row (JSON Lines counts lines, the others the header too)."""
    from_csv = judged(write_csv(tmp_path / "l.csv", ROWS))
    from_xlsx = judged(write_xlsx(tmp_path / "l.xlsx", ROWS))
    from_jsonl = judged(write_jsonl(tmp_path / "l.jsonl", ROWS))
    assert from_csv == from_xlsx
    assert [r._replace(row=r.row - 1) if isinstance(r, LedgerRow) else RowRejection(r.row - 1, r.reason)
            for r in from_csv] == from_jsonl


def test_each_bad_row_gets_one_clear_reason(tmp_path: Path) -> None:
    found = judged(write_csv(tmp_path / "l.csv", ROWS))
    reasons = {r.row: r.reason for r in found if isinstance(r, RowRejection)}
    assert set(reasons) == {4, 5, 6, 7, 8, 9, 10, 11}
    assert "bad chip UID '04ZZ'" in reasons[4]
    assert "4, 7 or 8 bytes" in reasons[5]
    assert "unknown region 'Atlantis'" in reasons[6]
    assert "bad status 'lost'" in reasons[7]
    assert "different lengths" in reasons[8]
    assert "starts after it ends" in reasons[9]
    assert "is a district" in reasons[10]
    assert "bad status date 'June 2018'" in reasons[11]


def test_good_rows_are_normalised(tmp_path: Path) -> None:
    first, second = judged(write_csv(tmp_path / "l.csv", ROWS))[:2]
    assert isinstance(first, LedgerRow) and isinstance(second, LedgerRow)
    assert (first.uid_bytes, first.start, first.end) == (7, 0x04A1B2C3D4E5F6, 0x04A1B2C3D4E5F6)
    assert first.consignee_code == "32.01" and first.status is LedgerStatus.DISPATCHED
    assert (second.start, second.end, second.consignee_code) == (0x04000000000000, 0x040000000000FF, "32.76")
    assert second.dispatch_date == date(2018, 3, 2) and second.status is LedgerStatus.DESTROYED


def test_a_real_exports_headers_are_named_in_the_column_map(tmp_path: Path) -> None:
    columns = LedgerColumnsConfig(chip_uid="No. Seri Chip", consignee="Kode Wilayah Tujuan",
                                  status="Status Blangko", dispatch_date="Tgl Kirim")
    header = ["No. Seri Chip", "kode wilayah  tujuan", "STATUS BLANGKO", "Tgl Kirim", "Keterangan"]
    path = tmp_path / "ekspor.csv"
    path.write_text(";".join(header) + "\n04A1B2C3;32.01;dispatched;2018-01-10;-\n", encoding="utf-8-sig")
    (row,) = judged(path, columns)
    assert isinstance(row, LedgerRow)
    assert (row.start, row.consignee_code, row.dispatch_date) == (0x04A1B2C3, "32.01", date(2018, 1, 10))


def test_a_file_without_uid_or_status_columns_is_refused_whole(tmp_path: Path) -> None:
    with pytest.raises(LedgerFileError, match="no chip UID column"):
        judged(write_csv(tmp_path / "a.csv", [], header=["serial", "status"]))
    with pytest.raises(LedgerFileError, match="no status column"):
        judged(write_csv(tmp_path / "b.csv", [], header=["chip_uid"]))
    with pytest.raises(LedgerFileError, match="unknown ledger format"):
        judged(tmp_path / "c.txt")


def test_a_broken_json_line_is_one_rejected_row(tmp_path: Path) -> None:
    path = tmp_path / "l.jsonl"
    path.write_text('{"chip_uid": "04A1B2C3", "status": "in_stock"}\n{broken\n[1, 2]\n', encoding="utf-8")
    found = judged(path)
    assert isinstance(found[0], LedgerRow)
    assert found[1:] == [RowRejection(2, "not a JSON object"), RowRejection(3, "not a JSON object")]


def test_a_uid_stored_as_a_number_is_refused_not_padded(tmp_path: Path) -> None:
    found = judged(write_xlsx(tmp_path / "l.xlsx", [{"chip_uid": 4123456, "status": "in_stock"}]))
    assert isinstance(found[0], RowRejection) and "format the column as text" in found[0].reason


def test_spreadsheet_dates_need_no_format(tmp_path: Path) -> None:
    rows = [{"chip_uid": "04A1B2C3", "status": "dispatched", "status_date": datetime(2018, 6, 2, 0, 0)}]
    (row,) = judged(write_xlsx(tmp_path / "l.xlsx", rows))
    assert isinstance(row, LedgerRow) and row.status_date == date(2018, 6, 2)


@given(st.integers(min_value=0, max_value=2**56 - 1), st.sampled_from([":", "-", " ", ""]),
       st.booleans())
@settings(max_examples=200, deadline=None)
def test_ledger_uids_are_the_matchers_chip_uids(value: int, sep: str, lower: bool) -> None:
    """A UID written in a listing and the same UID in the ledger normalise to one form."""
    canonical = format(value, "014X")
    written = sep.join(canonical[i:i + 2] for i in range(0, 14, 2))
    written = written.lower() if lower else written
    row = judge_row(2, {"chip_uid": written, "status": "in_stock"}, regions=region_table(), date_formats=FORMATS)
    assert isinstance(row, LedgerRow) and format(row.start, "014X") == chip_uid(written) == canonical
    extracted = [i.value for i in extract_identifiers(f"chip UID: {written}") if i.kind == "chip_uid"]
    if extracted:  # the extractor also needs a hex letter or mark when digits only
        assert extracted == [canonical]


@pytest.mark.parametrize("sep", [",", ";", "\t"])
def test_the_header_line_names_the_separator(tmp_path: Path, sep: str) -> None:
    """Quoted cells holding the other separators do not confuse it."""
    path = tmp_path / "l.csv"
    path.write_text(sep.join(["chip_uid", "batch", "status"]) + "\n"
                    + sep.join(["04A1B2C3", '"B,1;x\ty"', "in_stock"]) + "\n", encoding="utf-8")
    (row,) = judged(path)
    assert isinstance(row, LedgerRow) and row.batch == "B,1;x\ty"
