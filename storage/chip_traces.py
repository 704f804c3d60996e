"""The stored trace of each chip UID found in a listing: read the chips to trace, write their traces.

The trace lives on the chip's ``identifiers`` row (``trace``, ``trace_entry_id``,
``trace_confidence``), written on ingest and again on every ledger import
(:mod:`alerts.provenance.stored_trace`), so ordering the queue by it is one
subquery, not a trace of every chip on every ``alerts list``.
"""

from __future__ import annotations

from collections.abc import Collection, Sequence
from dataclasses import dataclass
from typing import Any

from sqlalchemy import Select, select, update
from sqlalchemy.orm import Session

from storage.ledger import UID_OFFSET
from storage.models import Alert, Identifier, LedgerEntry, Listing

#: the trace values that name one ledger entry
TRACED = ("exact", "fuzzy")


@dataclass(frozen=True)
class ChipToTrace:
    identifier_id: int
    listing_id: int
    uid: str
    corrected: int


def chips_to_trace(session: Session, listing_ids: Collection[int] | None = None) -> list[ChipToTrace]:
    """Every chip UID identifier (of ``listing_ids``, or all), with its correction count."""
    stmt = select(Identifier.id, Identifier.listing_id, Identifier.value, Identifier.corrected).where(
        Identifier.kind == "chip_uid")
    if listing_ids is not None:
        if not listing_ids:
            return []
        stmt = stmt.where(Identifier.listing_id.in_(sorted(listing_ids)))
    return [ChipToTrace(i, listing, uid, corrected) for i, listing, uid, corrected in session.execute(stmt)]


def write_traces(session: Session, traces: Sequence[dict[str, Any]]) -> None:
    """Store traces: dicts of ``id``, ``trace``, ``trace_entry_id``, ``trace_confidence`` (one UPDATE, executemany)."""
    if traces:
        session.execute(update(Identifier), list(traces))


def traced_listings() -> Select[int]:
    """The listings holding a chip UID traced to one ledger entry (a subquery for ordering)."""
    return select(Identifier.listing_id).where(Identifier.kind == "chip_uid", Identifier.trace.in_(TRACED))


@dataclass(frozen=True)
class StoredTrace:
    """A chip UID in a listing, with its stored trace and the entry it names (for reports and checks)."""

    alert_id: int | None
    marketplace: str
    external_id: str
    uid: str
    source: str
    trace: str
    confidence: float
    consignee_code: str | None
    uid_bytes: int | None
    start: int | None  # unsigned bounds of the entry (``storage.ledger.UID_OFFSET`` undone)
    end: int | None


def stored_traces(session: Session) -> list[StoredTrace]:
    """Every chip UID identifier with its stored trace, by listing."""
    rows = session.execute(
        select(Alert.id, Listing.marketplace, Listing.external_id, Identifier.value, Identifier.source,
               Identifier.trace, Identifier.trace_confidence, LedgerEntry.consignee_code, LedgerEntry.uid_bytes,
               LedgerEntry.uid_start, LedgerEntry.uid_end)
        .join(Listing, Listing.id == Identifier.listing_id)
        .outerjoin(Alert, Alert.listing_id == Listing.id)
        .outerjoin(LedgerEntry, LedgerEntry.id == Identifier.trace_entry_id)
        .where(Identifier.kind == "chip_uid")
        .order_by(Listing.id, Identifier.value, Identifier.source)
    )
    return [StoredTrace(alert_id, market, ext, uid, source, trace, confidence, office, nbytes,
                        None if start is None else start + UID_OFFSET, None if end is None else end + UID_OFFSET)
            for alert_id, market, ext, uid, source, trace, confidence, office, nbytes, start, end in rows]
