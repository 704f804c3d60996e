"""Stock-ledger import: 1,000,000 rows into a fresh SQLite database in under a minute, and again unchanged.

The file is written by the benchmark (seeded): one chip per row, 7-byte UIDs,
offices given half by code and half by name, statuses of every kind. Measured:
the first import (everything new), the second import of the same file (must
change nothing), and chip lookups through the index. ``KTPWATCH_BENCH_LEDGER_ROWS``
sets a smaller size for a quick look.
"""

from __future__ import annotations

import csv
import os
import random
import tempfile
import time
from pathlib import Path
from typing import Any

from alerts.provenance.ledger_import import import_ledger
from alerts.provenance.regions import RegionLevel, region_table
from alerts.provenance.trace import trace_chip
from config.settings import LedgerConfig
from storage.ledger import ledger_size
from storage.migrate import upgrade
from storage.session import make_engine, make_session_factory

ROWS = int(os.environ.get("KTPWATCH_BENCH_LEDGER_ROWS", "1000000"))
STATUSES = ("dispatched", "dispatched", "dispatched", "printed", "in_stock", "destroyed", "damaged",
            "reported_lost")


def write_ledger_csv(path: Path, rows: int, *, seed: int = 19) -> list[str]:
    """A ledger CSV of ``rows`` single chips; returns a sample of its UIDs."""
    rng = random.Random(seed)
    offices = [r for r in region_table().by_code.values() if r.level is RegionLevel.REGENCY][:60]
    sample: list[str] = []
    uid = 0x04_0000_0000_0000
    with path.open("w", newline="", encoding="utf-8") as handle:
        out = csv.writer(handle)
        out.writerow(["chip_uid", "serial", "batch", "contract", "consignee", "dispatch_date", "status",
                      "status_date"])
        for i in range(rows):
            uid += rng.randint(1, 40)
            hexuid = format(uid, "014X")
            office = offices[i % len(offices)]
            out.writerow([hexuid, f"S{i:09d}", f"B{2018 + i % 6}-{i // 5000:04d}", "KTR-2017-001",
                          office.code if i % 2 else office.name, "2018-03-01", STATUSES[i % len(STATUSES)],
                          "2018-06-02"])
            if i % max(1, rows // 1000) == 0:
                sample.append(hexuid)
    return sample


def run() -> dict[str, Any]:
    config = LedgerConfig()
    with tempfile.TemporaryDirectory(prefix="ktpwatch-bench-ledger-") as tmp:
        folder = Path(tmp)
        ledger = folder / "ledger.csv"
        start = time.perf_counter()
        sample = write_ledger_csv(ledger, ROWS)
        write_seconds = time.perf_counter() - start
        engine = make_engine(f"sqlite:///{folder / 'bench.db'}")
        upgrade(engine)
        sessions = make_session_factory(engine)
        region_table()  # loaded once per process; not part of an import's cost
        start = time.perf_counter()
        with sessions.begin() as session:
            first = import_ledger(session, ledger, config, actor="bench")
        first_seconds = time.perf_counter() - start
        start = time.perf_counter()
        with sessions.begin() as session:
            second = import_ledger(session, ledger, config, actor="bench")
        second_seconds = time.perf_counter() - start
        with sessions.begin() as session:
            entries, history = ledger_size(session)
            start = time.perf_counter()
            traced = sum(trace_chip(session, uid, config).traced for uid in sample)
            lookup_ms = (time.perf_counter() - start) * 1000 / max(1, len(sample))
        engine.dispose()
    return {
        "rows": ROWS,
        "write_csv_seconds": round(write_seconds, 2),
        "import_seconds": round(first_seconds, 2),
        "rows_per_second": round(ROWS / first_seconds),
        "reimport_seconds": round(second_seconds, 2),
        "reimport_changes": second.new_entries + second.status_changes + second.filled_fields,
        "entries": entries,
        "history_rows": history,
        "rejected": len(first.rejections),
        "lookup_ms": round(lookup_ms, 3),
        "lookups_traced": f"{traced}/{len(sample)}",
        "targets": {"import_seconds": "< 60", "reimport_changes": "<= 0", "lookup_ms": "< 50"},
    }
