"""Trace the chip UIDs found in listings against the ledger, and store each trace on its identifier.

Runs when a sighting is ingested (its listings only) and on every ledger import
(every chip recorded so far, since a new entry or status can change a trace:
a chip absent yesterday may be in today's file, and a new range may put a
second entry within an OCR reading's reach, so a fuzzy match becomes ambiguous).
Before any ledger is imported nothing is traced and traces stay empty.
"""

from __future__ import annotations

from collections.abc import Collection
from dataclasses import dataclass

from sqlalchemy.orm import Session

from alerts.provenance.trace import trace_chip
from config.settings import LedgerConfig
from storage.chip_traces import chips_to_trace, write_traces
from storage.ledger import ledger_is_empty


@dataclass(frozen=True)
class TraceCounts:
    chips: int = 0
    exact: int = 0
    fuzzy: int = 0

    @property
    def traced(self) -> int:
        return self.exact + self.fuzzy


def store_traces(session: Session, config: LedgerConfig,
                 listing_ids: Collection[int] | None = None) -> TraceCounts:
    """Trace the chips of ``listing_ids`` (None: every chip recorded) and store each trace."""
    if (listing_ids is not None and not listing_ids) or ledger_is_empty(session):
        return TraceCounts()
    chips = chips_to_trace(session, listing_ids)
    matches = {}
    rows = []
    for chip in chips:
        key = (chip.uid, chip.corrected)
        if key not in matches:
            matches[key] = trace_chip(session, chip.uid, config, corrected=chip.corrected)
        match = matches[key]
        rows.append({"id": chip.identifier_id, "trace": match.kind.value,
                     "trace_entry_id": match.entry.id if match.entry is not None else None,
                     "trace_confidence": match.confidence})
    write_traces(session, rows)
    kinds = [row["trace"] for row in rows]
    return TraceCounts(len(rows), kinds.count("exact"), kinds.count("fuzzy"))
