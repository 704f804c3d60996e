"""The Provenance block and the leak report read well at 80 columns (issue 18).

The bug: at 80 columns ``alerts show`` drew the chip table as seven one-word
columns ("Kabupat…", a status sentence wrapped over nine lines) and ``report
leaks`` drew all its columns as "dispa…", "provi…".
"""

from __future__ import annotations

import io
import re
from pathlib import Path

from hypothesis import given
from hypothesis import strategies as st
from rich.cells import cell_len
from rich.console import Console
from typer.testing import CliRunner

from alerts.provenance.block import ChipProvenance, NikProvenance
from crawler.cli import app
from crawler.cli.provenance_view import WIDE_TERMINAL, chip_cells, provenance_view
from crawler.cli.report_leaks import CENTRAL_WAREHOUSE, TABLE_COLUMNS, leak_table
from tests.alerts.conftest import AlertDb
from tests.provenance.conftest import write_csv

runner = CliRunner()
#: the analyst's first columns of the leak table: they show at 80 columns, whole
FIRST_LEAK_COLUMNS = ("rank", "office", "blanks", "listings")
#: the shortest cut cell the issue accepts ("dispa…" is the bug)
SHORTEST_CUT = 6


def _import_destroyed_chip(tmp_path: Path) -> None:
    ledger = write_csv(tmp_path / "stock.csv", [
        {"chip_uid": "04A1B2C3D4E5F6", "batch": "B-2017-11", "consignee": "Kab. Bogor",
         "dispatch_date": "2018-01-10", "status": "dispatched", "status_date": "2018-01-10"},
        {"chip_uid": "04A1B2C3D4E5F6", "status": "destroyed", "status_date": "2018-06-02"},
    ])
    assert runner.invoke(app, ["ledger", "import", str(ledger), "--as", "ana"]).exit_code == 0


def _output(width: int, *args: str) -> str:
    result = runner.invoke(app, list(args), env={"COLUMNS": str(width)})
    assert result.exit_code == 0, result.output
    return result.stdout


def _headers(text: str) -> list[str]:
    row = next(line for line in text.splitlines() if line.startswith("┃"))
    return [cell.strip() for cell in row.strip("┃").split("┃")]


def _cells(text: str) -> list[str]:
    return [cell.strip() for line in text.splitlines() if line.startswith("│")
            for cell in line.strip("│").split("│")]


def test_alerts_show_at_80_columns_names_the_office_and_status_on_whole_lines(
        alert_db: AlertDb, tmp_path: Path) -> None:
    _import_destroyed_chip(tmp_path)
    text = _output(80, "alerts", "show", str(alert_db.ids["first"]))
    assert max(cell_len(line) for line in text.splitlines()) <= 80
    provenance = text[text.index("Provenance"):]
    assert "…" not in provenance
    assert re.search(r"^office\s+Kabupaten Bogor \(32\.01\), Jawa Barat\s*$", provenance, re.MULTILINE)
    assert re.search(r"^status\s+recorded destroyed on 2018-06-02: this card should not exist\s*$",
                     provenance, re.MULTILINE)
    assert re.search(r"^district\s+Tebet\s*$", provenance, re.MULTILINE)


def test_alerts_show_on_a_wide_terminal_keeps_the_table(alert_db: AlertDb, tmp_path: Path) -> None:
    _import_destroyed_chip(tmp_path)
    text = _output(WIDE_TERMINAL + 40, "alerts", "show", str(alert_db.ids["first"]))
    assert _headers(text[text.index("Provenance"):]) == list(chip_cells(_chip("x", "y", "z")))


def _chip(office: str, province: str, meaning: str) -> ChipProvenance:
    return ChipProvenance(uid="04BB5BF647A07A", source="image", match="fuzzy", detail="", confidence=0.8,
                          batch="B-2018-01", office_code="32.01", office=office, province=province,
                          dispatch_date="2018-01-10", status="dispatched", meaning=meaning)


words = st.lists(st.text(alphabet="abcdefghijklmnopqrstuvwxyz().,:-0123456789", min_size=1, max_size=14),
                 min_size=1, max_size=12).map(" ".join)


@given(words, words, words, st.integers(min_value=40, max_value=WIDE_TERMINAL - 1))
def test_narrow_blocks_fit_and_keep_every_word_whole(office: str, province: str, meaning: str, width: int) -> None:
    """Below the wide width, every word of every value shows whole and no line overflows."""
    chip = _chip(office, province, meaning)
    niks = [NikProvenance("3174xxxxxxxxxxxx", province, office, meaning)]
    console = Console(width=width, record=True, file=io.StringIO())
    console.print(provenance_view([chip], niks, lambda value: value, width=width))
    lines = console.export_text().splitlines()
    assert max(cell_len(line) for line in lines) <= width
    shown = {word for line in lines for word in line.split()}
    for value in [*chip_cells(chip).values(), province, office, meaning]:
        assert set(value.split()) <= shown


def _leak_row(rank: int, office: str, province: str) -> dict[str, object]:
    return {"rank": rank, "office_code": "32.01" if province else "", "office": office, "province": province,
            "blanks": 6, "destroyed_or_in_stock": 3, "listings": 8, "shops": "Toko Makmur Jaya, Blangko Murah",
            "sellers": "Makmur Jaya, Sumber Rejeki", "first_seen": "2026-11-02T10:00:00",
            "last_seen": "2026-12-01T10:00:00", "statuses": "destroyed 3, dispatched 3",
            "statuses_when_seen": "destroyed 3, dispatched 3", "chips": "04A1B2C3D4E5F6 04A1B2C3D4E5F7"}


def test_the_leak_table_at_80_columns_shows_the_first_columns_and_cuts_nothing_short() -> None:
    rows = [_leak_row(1, "Kabupaten Bogor", "Jawa Barat"), _leak_row(2, CENTRAL_WAREHOUSE, ""),
            _leak_row(3, "Kota Administrasi Jakarta Selatan", "Daerah Khusus Ibukota Jakarta")]
    console = Console(width=80, record=True, file=io.StringIO())
    console.print(leak_table(rows, 80, title="Blanks seen for sale"))
    text = console.export_text()
    assert max(cell_len(line) for line in text.splitlines()) <= 80
    headers = _headers(text)
    assert [h for h in headers if h in FIRST_LEAK_COLUMNS] == list(FIRST_LEAK_COLUMNS)
    assert set(headers) <= {column.label for column in TABLE_COLUMNS}  # every header whole
    assert all(len(cell) >= SHORTEST_CUT for cell in _cells(text) if cell.endswith("…"))
    assert "Kabupaten Bogor" in text


def test_report_leaks_at_80_columns_fits_and_a_wide_terminal_shows_more(alert_db: AlertDb, tmp_path: Path) -> None:
    _import_destroyed_chip(tmp_path)
    narrow = _output(80, "report", "leaks", "--map", str(tmp_path / "map.svg"))
    wide = _output(200, "report", "leaks", "--map", str(tmp_path / "map.svg"))
    assert max(cell_len(line) for line in narrow.splitlines()) <= 80
    assert set(FIRST_LEAK_COLUMNS) <= set(_headers(narrow)) < set(_headers(wide))
    assert "Kabupaten Bogor" in narrow and "Jawa Barat" in wide
    assert all(len(cell) >= SHORTEST_CUT for cell in _cells(narrow) if cell.endswith("…"))
