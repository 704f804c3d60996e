"""Ledger tests work on the already-upgraded test database (KTPWATCH_DB_URL), one per test."""

from __future__ import annotations

import os
from collections.abc import Iterator
from pathlib import Path

import pytest
from sqlalchemy.orm import Session, sessionmaker

from storage.session import make_engine, make_session_factory
from tests.alerts.conftest import alert_db  # noqa: F401  (the alert database, for alerts show)

HEADER = ["chip_uid", "uid_start", "uid_end", "serial", "batch", "contract", "consignee",
          "dispatch_date", "status", "status_date"]


@pytest.fixture
def ledger_sessions() -> Iterator[sessionmaker[Session]]:
    engine = make_engine(os.environ["KTPWATCH_DB_URL"])
    yield make_session_factory(engine)
    engine.dispose()


def write_csv(path: Path, rows: list[dict[str, str]], header: list[str] = HEADER) -> Path:
    """A ledger CSV with ``header``; cells missing from a row are empty."""
    import csv

    with path.open("w", newline="", encoding="utf-8") as handle:
        out = csv.writer(handle)
        out.writerow(header)
        for row in rows:
            out.writerow([row.get(h, "") for h in header])
    return path
