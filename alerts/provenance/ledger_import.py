"""``ktpwatch ledger import``: read a ledger file, judge every row, plan, and write (or refuse).

The caller owns the transaction (``with Session.begin()``); this writes nothing
when ``strict`` is set and any row was rejected, so a strict import is all or nothing.
"""

from __future__ import annotations

import hashlib
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from pathlib import Path

from sqlalchemy.orm import Session

from alerts.provenance.ledger_file import read_ledger_file
from alerts.provenance.ledger_plan import ImportPlan, plan_import
from alerts.provenance.ledger_rows import LedgerRow, RowRejection, judge_row
from alerts.provenance.regions import RegionTable, region_table
from alerts.provenance.stored_trace import TraceCounts, store_traces
from config.settings import LedgerConfig
from storage.ledger import (
    finish_import,
    load_entry_states,
    recorded_statuses,
    start_import,
    write_entry_updates,
    write_new_entries,
)

#: How often (rows) progress is reported while reading.
PROGRESS_EVERY = 100_000


@dataclass(frozen=True)
class ImportReport:
    path: str
    rows: int
    new_entries: int
    status_changes: int
    filled_fields: int
    unchanged_rows: int
    rejections: tuple[RowRejection, ...]
    #: False when ``strict`` refused the file
    written: bool
    #: the chips already recorded, traced again against the ledger as it now is
    traces: TraceCounts = field(default_factory=TraceCounts)


def _judged(path: Path, config: LedgerConfig, regions: RegionTable,
            counter: list[int], on_progress: Callable[[int], None] | None) -> Iterator[LedgerRow | RowRejection]:
    formats = tuple(config.date_formats)
    for number, cells in read_ledger_file(path, config.columns):
        counter[0] += 1
        if on_progress is not None and counter[0] % PROGRESS_EVERY == 0:
            on_progress(counter[0])
        yield judge_row(number, cells, regions=regions, date_formats=formats)


def file_sha256(path: Path) -> str:
    digest = hashlib.sha256()
    with path.open("rb") as handle:
        for block in iter(lambda: handle.read(1 << 20), b""):
            digest.update(block)
    return digest.hexdigest()


def import_ledger(session: Session, path: Path, config: LedgerConfig, *, actor: str, strict: bool = False,
                  regions: RegionTable | None = None,
                  on_progress: Callable[[int], None] | None = None) -> ImportReport:
    """Import ``path`` into the ledger as ``actor``; LedgerFileError when it cannot be read as a ledger.

    Every import is recorded (file name, SHA-256, who, rows, rejections), a
    refused ``--strict`` one too; its entries and history rows point at it. A
    written import re-traces every chip recorded so far (:func:`store_traces`).
    """
    counter = [0]
    existing = load_entry_states(session)
    plan: ImportPlan = plan_import(
        _judged(path, config, regions or region_table(), counter, on_progress), existing,
        recorded=lambda entry_id: recorded_statuses(session, entry_id),
    )
    write = not (strict and plan.rejections)
    import_id = start_import(session, actor=actor, file_name=path.name, file_sha256=file_sha256(path))
    finish_import(session, import_id, rows=counter[0], rejected=len(plan.rejections))
    traces = TraceCounts()
    if write:
        write_new_entries(session, plan.new_entries, import_id)
        write_entry_updates(session, plan.changed_entries, import_id)
        traces = store_traces(session, config)
    return ImportReport(
        path=str(path), rows=counter[0], new_entries=len(plan.new_entries),
        status_changes=plan.status_changes, filled_fields=plan.filled_fields,
        unchanged_rows=plan.unchanged_rows, rejections=tuple(plan.rejections), written=write,
        traces=traces,
    )
