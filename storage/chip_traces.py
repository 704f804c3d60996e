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

from storage.models import Identifier

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
