"""The README's ledger example imports as the README says, and its column map is valid configuration."""

from __future__ import annotations

import re
import tomllib
from pathlib import Path

from sqlalchemy.orm import Session, sessionmaker

from alerts.provenance.ledger_import import import_ledger
from config.settings import LedgerColumnsConfig, LedgerConfig

README = (Path(__file__).resolve().parents[2] / "README.md").read_text(encoding="utf-8")
SECTION = README.split("## The stock ledger", 1)[1].split("\n## ", 1)[0]


def test_the_example_ledger_imports_cleanly(ledger_sessions: sessionmaker[Session], tmp_path: Path) -> None:
    example = re.search(r"```csv\n(.*?)```", SECTION, flags=re.S)
    assert example is not None
    path = tmp_path / "example.csv"
    path.write_text(example.group(1), encoding="utf-8")
    with ledger_sessions.begin() as session:
        report = import_ledger(session, path, LedgerConfig(), actor="readme")
    assert (report.rows, report.new_entries, report.status_changes, report.rejections) == (3, 2, 1, ())


def test_the_example_column_map_is_valid_configuration() -> None:
    block = re.search(r"```toml\n(.*?)```", SECTION, flags=re.S)
    assert block is not None
    columns = LedgerColumnsConfig(**tomllib.loads(block.group(1))["ledger"]["columns"])
    assert columns.chip_uid == "No. Seri Chip"
