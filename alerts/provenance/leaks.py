"""The leak report's core: blanks seen for sale, grouped by the consignee office they were sent to.

Pure: it takes the traced sightings (one per chip per listing, already matched
against the ledger) and returns one row per office, ranked. Offices whose
destroyed or in-stock cards appear for sale come first, because those cards
should not exist outside the warehouse or the shredder: the leak is inside.
Then more traced chips, then more listings, then the region code (stable).
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from datetime import datetime

from alerts.provenance.ledger_rows import LedgerStatus

#: statuses that mean the card should not be anywhere a buyer can reach
ALARMING_STATUSES = frozenset({LedgerStatus.DESTROYED.value, LedgerStatus.IN_STOCK.value})


@dataclass(frozen=True)
class TracedSighting:
    """One chip UID in one listing, traced to a ledger entry."""

    office_code: str
    chip_uid: str
    listing_id: int
    marketplace: str
    seller: str
    first_seen: datetime
    last_seen: datetime
    status: str


@dataclass(frozen=True)
class OfficeLeak:
    office_code: str
    chips: tuple[str, ...]
    listings: int
    shops: tuple[str, ...]
    sellers: tuple[str, ...]
    first_seen: datetime
    last_seen: datetime
    #: ledger status → number of distinct chips in it
    statuses: tuple[tuple[str, int], ...]
    listing_ids: tuple[int, ...] = ()
    #: (chip UID, ledger status) of each chip
    chip_statuses: tuple[tuple[str, str], ...] = ()

    @property
    def alarming(self) -> int:
        """Chips recorded destroyed or in stock: the count that ranks an office first."""
        return sum(n for status, n in self.statuses if status in ALARMING_STATUSES)


def _office_row(code: str, sightings: list[TracedSighting]) -> OfficeLeak:
    status_of_chip = {s.chip_uid: s.status for s in sightings}
    counts: dict[str, int] = {}
    for status in status_of_chip.values():
        counts[status] = counts.get(status, 0) + 1
    return OfficeLeak(
        office_code=code,
        chips=tuple(sorted(status_of_chip)),
        listings=len({s.listing_id for s in sightings}),
        shops=tuple(sorted({s.marketplace for s in sightings})),
        sellers=tuple(sorted({s.seller for s in sightings if s.seller})),
        first_seen=min(s.first_seen for s in sightings),
        last_seen=max(s.last_seen for s in sightings),
        statuses=tuple(sorted(counts.items())),
        listing_ids=tuple(sorted({s.listing_id for s in sightings})),
        chip_statuses=tuple(sorted(status_of_chip.items())),
    )


def rank_offices(sightings: Iterable[TracedSighting]) -> list[OfficeLeak]:
    """One row per consignee office, ranked: alarming chips first, then chips, listings, code."""
    by_office: dict[str, list[TracedSighting]] = {}
    for sighting in sightings:
        by_office.setdefault(sighting.office_code, []).append(sighting)
    rows = [_office_row(code, found) for code, found in by_office.items()]
    return sorted(rows, key=lambda r: (-r.alarming, -len(r.chips), -r.listings, r.office_code))
