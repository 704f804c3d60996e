"""The leak report's core: blanks seen for sale, grouped by the consignee office they were sent to.

Pure: it takes the traced sightings (one per chip per listing, already matched
against the ledger) and returns one row per office, ranked. Offices whose
destroyed or in-stock cards appear for sale come first (recorded so now, or on
a day the card was seen: :mod:`alerts.provenance.status_at`), because those
cards should not exist outside the warehouse or the shredder: the leak is inside.
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
    #: the statuses in force on the days this listing was seen with the chip (history order)
    statuses_then: tuple[str, ...] = ()


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
    #: ledger status → distinct chips in it on a day they were seen for sale
    statuses_then: tuple[tuple[str, int], ...] = ()
    #: (chip UID, the statuses in force on the days it was seen) of each chip
    chip_statuses_then: tuple[tuple[str, tuple[str, ...]], ...] = ()

    @property
    def alarming(self) -> int:
        """Chips recorded destroyed or in stock, now or on a day they were seen: the count that ranks an office first."""
        then = dict(self.chip_statuses_then)
        return sum(1 for chip, status in self.chip_statuses
                   if status in ALARMING_STATUSES or ALARMING_STATUSES.intersection(then.get(chip, ())))


def _counted(values: Iterable[str]) -> tuple[tuple[str, int], ...]:
    counts: dict[str, int] = {}
    for value in values:
        counts[value] = counts.get(value, 0) + 1
    return tuple(sorted(counts.items()))


def _office_row(code: str, sightings: list[TracedSighting]) -> OfficeLeak:
    status_of_chip = {s.chip_uid: s.status for s in sightings}
    then_of_chip: dict[str, dict[str, None]] = {}
    for s in sightings:
        then_of_chip.setdefault(s.chip_uid, {}).update(dict.fromkeys(s.statuses_then))
    return OfficeLeak(
        office_code=code,
        chips=tuple(sorted(status_of_chip)),
        listings=len({s.listing_id for s in sightings}),
        shops=tuple(sorted({s.marketplace for s in sightings})),
        sellers=tuple(sorted({s.seller for s in sightings if s.seller})),
        first_seen=min(s.first_seen for s in sightings),
        last_seen=max(s.last_seen for s in sightings),
        statuses=_counted(status_of_chip.values()),
        listing_ids=tuple(sorted({s.listing_id for s in sightings})),
        chip_statuses=tuple(sorted(status_of_chip.items())),
        statuses_then=_counted(status for then in then_of_chip.values() for status in then),
        chip_statuses_then=tuple(sorted((chip, tuple(then)) for chip, then in then_of_chip.items())),
    )


def rank_offices(sightings: Iterable[TracedSighting]) -> list[OfficeLeak]:
    """One row per consignee office, ranked: alarming chips first, then chips, listings, code."""
    by_office: dict[str, list[TracedSighting]] = {}
    for sighting in sightings:
        by_office.setdefault(sighting.office_code, []).append(sighting)
    rows = [_office_row(code, found) for code, found in by_office.items()]
    return sorted(rows, key=lambda r: (-r.alarming, -len(r.chips), -r.listings, r.office_code))
