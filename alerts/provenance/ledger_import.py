"""``ktpwatch ledger import``: read a ledger file, judge every row, plan, and write (or refuse).

The caller owns the transaction (``with Session.begin()``); this writes nothing
when ``strict`` is set and any row was rejected, so a strict import is all or nothing.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from dataclasses import dataclass
from pathlib import Path

from sqlalchemy.orm import Session

from alerts.provenance.ledger_file import read_ledger_file
from alerts.provenance.ledger_plan import ImportPlan, plan_import
from alerts.provenance.ledger_rows import LedgerRow, RowRejection, judge_row
from alerts.provenance.regions import RegionTable, region_table
from config.settings import LedgerConfig
from storage.ledger import (
    load_entry_states,
    recorded_statuses,
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


def _judged(path: Path, config: LedgerConfig, regions: RegionTable,
            counter: list[int], on_progress: Callable[[int], None] | None) -> Iterator[LedgerRow | RowRejection]:
    formats = tuple(config.date_formats)
    for number, cells in read_ledger_file(path, config.columns):
        counter[0] += 1
        if on_progress is not None and counter[0] % PROGRESS_EVERY == 0:
            on_progress(counter[0])
        yield judge_row(number, cells, regions=regions, date_formats=formats)


def import_ledger(session: Session, path: Path, config: LedgerConfig, *, strict: bool = False,
                  regions: RegionTable | None = None,
                  on_progress: Callable[[int], None] | None = None) -> ImportReport:
    """Import ``path`` into the ledger; LedgerFileError when the file cannot be read as a ledger."""
    counter = [0]
    existing = load_entry_states(session)
    plan: ImportPlan = plan_import(
        _judged(path, config, regions or region_table(), counter, on_progress), existing,
        recorded=lambda entry_id: recorded_statuses(session, entry_id), source=path.name,
    )
    write = not (strict and plan.rejections)
    if write:
        write_new_entries(session, plan.new_entries)
        write_entry_updates(session, plan.changed_entries)
    return ImportReport(
        path=str(path), rows=counter[0], new_entries=len(plan.new_entries),
        status_changes=plan.status_changes, filled_fields=plan.filled_fields,
        unchanged_rows=plan.unchanged_rows, rejections=tuple(plan.rejections), written=write,
    )
