"""The blank-stock ledger's tables: load what is there, write an import's changes, find a UID.

Set-based on purpose: an issuer's ledger has millions of rows, so an import
writes with one executemany per table (never an ORM object per row) and reads
the existing entries once. UIDs cross this module as unsigned integers;
:data:`UID_OFFSET` shifts them into a signed BIGINT (see ``LedgerEntry``).
"""

from __future__ import annotations

from collections.abc import Collection, Sequence
from dataclasses import dataclass, field
from datetime import UTC, date, datetime
from typing import Any

from sqlalchemy import func, insert, select, update
from sqlalchemy.orm import Session

from storage.models import LedgerAccessEvent, LedgerEntry, LedgerImport, LedgerStatusChange

UID_OFFSET = 2**63
_CHUNK = 20_000
#: the tables themselves: Core inserts skip the ORM's per-row work
_ENTRY_TABLE = LedgerEntry.metadata.tables["ledger_entries"]
_HISTORY_TABLE = LedgerEntry.metadata.tables["ledger_status_changes"]


@dataclass(slots=True)
class EntryState:
    """A ledger entry as an import sees and changes it (``id`` None until written)."""

    id: int | None
    uid_bytes: int
    start: int
    end: int
    serial: str
    batch: str
    contract: str
    consignee_code: str
    dispatch_date: date | None
    status: str
    status_date: date | None
    #: the file row that created the entry (0 for entries already in the ledger)
    row: int = 0
    #: (status, status date, file row) not yet written, oldest first
    new_history: list[tuple[str, date | None, int]] = field(default_factory=list)

    @property
    def key(self) -> tuple[int, int]:
        return (self.uid_bytes, self.start)


_STATE_COLUMNS = (
    LedgerEntry.id, LedgerEntry.uid_bytes, LedgerEntry.uid_start, LedgerEntry.uid_end,
    LedgerEntry.serial, LedgerEntry.batch, LedgerEntry.contract, LedgerEntry.consignee_code,
    LedgerEntry.dispatch_date, LedgerEntry.status, LedgerEntry.status_date,
)


def _state(row: Any) -> EntryState:
    return EntryState(row[0], row[1], row[2] + UID_OFFSET, row[3] + UID_OFFSET, row[4], row[5],
                      row[6], row[7], row[8], row[9], row[10])


def load_entry_states(session: Session) -> dict[tuple[int, int], EntryState]:
    """Every ledger entry by (uid_bytes, start): what an import compares its rows with."""
    result = session.execute(select(*_STATE_COLUMNS))
    return {(row[1], row[2] + UID_OFFSET): _state(row) for row in result}


def recorded_statuses(session: Session, entry_id: int) -> set[tuple[str, date | None]]:
    """The (status, status date) pairs an entry's history already holds."""
    rows = session.execute(select(LedgerStatusChange.status, LedgerStatusChange.status_date)
                           .where(LedgerStatusChange.entry_id == entry_id))
    return {(status, when) for status, when in rows}


def start_import(session: Session, *, actor: str, file_name: str, file_sha256: str) -> int:
    """Record that an import begins; its id tags every entry and history row it writes."""
    result = session.execute(insert(LedgerImport).returning(LedgerImport.id),
                             [{"at": datetime.now(UTC), "actor": actor, "file_name": file_name[:300],
                               "file_sha256": file_sha256, "rows": 0, "rejected": 0}])
    return int(result.scalar_one())


def finish_import(session: Session, import_id: int, *, rows: int, rejected: int) -> None:
    session.execute(update(LedgerImport).where(LedgerImport.id == import_id)
                    .values(rows=rows, rejected=rejected))


_ENTRY_COLUMNS = ("uid_bytes", "uid_start", "uid_end", "serial", "batch", "contract", "consignee_code",
                  "dispatch_date", "status", "status_date", "import_id", "import_row")
_HISTORY_COLUMNS = ("entry_id", "status", "status_date", "import_id", "import_row")


def _entry_values(state: EntryState, import_id: int) -> tuple[Any, ...]:
    return (state.uid_bytes, state.start - UID_OFFSET, state.end - UID_OFFSET, state.serial, state.batch,
            state.contract, state.consignee_code, state.dispatch_date, state.status, state.status_date,
            import_id, state.row)


def _insert_many(session: Session, table: Any, columns: tuple[str, ...], rows: list[tuple[Any, ...]]) -> None:
    """Insert ``rows`` (tuples in ``columns`` order) in chunks.

    On SQLite straight through the driver's ``executemany``: SQLAlchemy's
    per-parameter processing was two thirds of a million-row import. Dates go
    in as ISO text, the form SQLAlchemy's ``Date`` stores on SQLite and reads
    back (a test reads every written field back through the ORM). Other
    databases get Core's executemany with the same values.
    """
    connection = session.connection()
    sqlite = connection.dialect.name == "sqlite"
    sql = (f"INSERT INTO {table.name} ({', '.join(columns)}) "
           f"VALUES ({', '.join('?' * len(columns))})")
    for i in range(0, len(rows), _CHUNK):
        chunk = rows[i : i + _CHUNK]
        if sqlite:
            connection.exec_driver_sql(
                sql, [tuple(v.isoformat() if isinstance(v, date) else v for v in row) for row in chunk])
        else:
            connection.execute(insert(table), [dict(zip(columns, row, strict=True)) for row in chunk])


def write_new_entries(session: Session, entries: Sequence[EntryState], import_id: int) -> None:
    """Insert new entries and their history rows; sets each ``id``.

    Set-based (no RETURNING, no ORM objects): a million entries is seconds.
    The ids are read back in one query by the import's id.
    """
    if not entries:
        return
    _insert_many(session, _ENTRY_TABLE, _ENTRY_COLUMNS, [_entry_values(e, import_id) for e in entries])
    by_key = {entry.key: entry for entry in entries}
    written = session.connection().execute(
        select(LedgerEntry.id, LedgerEntry.uid_bytes, LedgerEntry.uid_start)
        .where(LedgerEntry.import_id == import_id))
    for entry_id, nbytes, start in written:
        found = by_key.get((nbytes, start + UID_OFFSET))
        if found is not None:
            found.id = entry_id
    _write_history(session, entries, import_id)


def _write_history(session: Session, entries: Sequence[EntryState], import_id: int) -> None:
    history: list[tuple[Any, ...]] = []
    for entry in entries:
        if entry.id is None:
            raise RuntimeError(f"ledger entry {entry.key} was not written")
        history.extend((entry.id, status, when, import_id, row) for status, when, row in entry.new_history)
        entry.new_history.clear()
    _insert_many(session, _HISTORY_TABLE, _HISTORY_COLUMNS, history)


_UPDATABLE = ("serial", "batch", "contract", "consignee_code", "dispatch_date", "status", "status_date")


def write_entry_updates(session: Session, entries: Sequence[EntryState], import_id: int) -> None:
    """Write the changed fields and new history of entries that already existed."""
    if not entries:
        return
    values = [{"id": e.id, **{name: getattr(e, name) for name in _UPDATABLE}} for e in entries]
    for i in range(0, len(values), _CHUNK):
        session.execute(update(LedgerEntry), values[i : i + _CHUNK])
    _write_history(session, entries, import_id)


@dataclass(frozen=True, slots=True)
class LedgerRecord:
    """A ledger entry as shown: bounds as unsigned integers, its history oldest first."""

    id: int
    uid_bytes: int
    start: int
    end: int
    serial: str
    batch: str
    contract: str
    consignee_code: str
    dispatch_date: date | None
    status: str
    status_date: date | None


def entry_holding(session: Session, uid_bytes: int, value: int) -> LedgerRecord | None:
    """The entry whose range holds the UID ``value`` of ``uid_bytes`` bytes, if any (one index seek)."""
    row = session.execute(
        select(*_STATE_COLUMNS)
        .where(LedgerEntry.uid_bytes == uid_bytes, LedgerEntry.uid_start <= value - UID_OFFSET)
        .order_by(LedgerEntry.uid_start.desc())
        .limit(1)
    ).first()
    if row is None or row[3] + UID_OFFSET < value:
        return None
    state = _state(row)
    assert state.id is not None
    return LedgerRecord(state.id, state.uid_bytes, state.start, state.end, state.serial, state.batch,
                        state.contract, state.consignee_code, state.dispatch_date, state.status,
                        state.status_date)


def status_history(session: Session, entry_id: int) -> list[tuple[str, date | None, datetime, str]]:
    """(status, status date, imported at, "file:row") of an entry, oldest first."""
    rows = session.execute(
        select(LedgerStatusChange.status, LedgerStatusChange.status_date, LedgerImport.at,
               LedgerImport.file_name, LedgerStatusChange.import_row)
        .join(LedgerImport, LedgerImport.id == LedgerStatusChange.import_id)
        .where(LedgerStatusChange.entry_id == entry_id)
        .order_by(LedgerStatusChange.id)
    )
    return [(status, when, at, f"{name}:{row}") for status, when, at, name, row in rows]


def effective_histories(session: Session, entry_ids: Collection[int]) -> dict[int, list[tuple[str, date]]]:
    """Per entry, (status, the day it took effect) oldest first: its status date, else the day it was imported."""
    found: dict[int, list[tuple[str, date]]] = {entry_id: [] for entry_id in entry_ids}
    if not found:
        return found
    rows = session.execute(
        select(LedgerStatusChange.entry_id, LedgerStatusChange.status, LedgerStatusChange.status_date,
               LedgerImport.at)
        .join(LedgerImport, LedgerImport.id == LedgerStatusChange.import_id)
        .where(LedgerStatusChange.entry_id.in_(sorted(found)))
        .order_by(LedgerStatusChange.entry_id, LedgerStatusChange.id)
    )
    for entry_id, status, when, imported in rows:
        found[entry_id].append((status, when or imported.date()))
    return found


def ledger_is_empty(session: Session) -> bool:
    """True before any entry was imported (one index probe, not a count of millions)."""
    return session.execute(select(LedgerEntry.id).limit(1)).first() is None


def ledger_size(session: Session) -> tuple[int, int]:
    """(entries, status history rows)."""
    entries = session.scalar(select(func.count()).select_from(LedgerEntry)) or 0
    changes = session.scalar(select(func.count()).select_from(LedgerStatusChange)) or 0
    return entries, changes


def record_ledger_access(session: Session, *, actor: str, action: str, subject: str,
                         note: str = "") -> None:
    """One audit event for a look into the ledger (``show``, an export), signed by the analyst."""
    session.execute(insert(LedgerAccessEvent),
                    [{"at": datetime.now(UTC), "actor": actor, "action": action,
                      "subject": subject, "note": note}])
