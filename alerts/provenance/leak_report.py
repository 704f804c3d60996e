"""Build the leak report from the database: trace every chip seen for sale, rank the offices.

Each distinct chip UID is traced once (exactly, else through OCR confusions
when exactly one ledger entry is in reach, see :mod:`alerts.provenance.matching`);
chips that trace to nothing are counted apart, never assigned to an office.
"""

from __future__ import annotations

from dataclasses import dataclass

from sqlalchemy.orm import Session

from alerts.provenance.leaks import OfficeLeak, TracedSighting, rank_offices
from alerts.provenance.regions import RegionTable, region_table
from alerts.provenance.status_at import statuses_on
from alerts.provenance.trace import trace_chip
from config.settings import LedgerConfig
from storage.leak_sightings import (
    ChipInListing,
    chips_in_listings,
    niks_in_listings,
    sighting_times,
)
from storage.ledger import LedgerRecord, effective_histories


@dataclass(frozen=True)
class LeakReport:
    offices: list[OfficeLeak]
    #: chip UIDs seen for sale that trace to no single ledger entry
    untraced: tuple[str, ...]
    #: (province, regency, NIKs, listings) named by the NIKs seen, most NIKs first
    nik_regions: tuple[tuple[str, str, int, int], ...] = ()


def build_leak_report(session: Session, config: LedgerConfig) -> LeakReport:
    """Per consignee office, the blanks seen for sale, ranked (see :func:`rank_offices`)."""
    found = chips_in_listings(session)
    #: (reading, corrections) → (entry, the UID the entry holds that the reading became): an
    #: OCR-confused reading and the exact one are the same blank, counted once
    entries: dict[tuple[str, int], tuple[LedgerRecord | None, str]] = {}
    for chip in found:
        key = (chip.chip_uid, chip.corrected)
        if key not in entries:
            match = trace_chip(session, chip.chip_uid, config, corrected=chip.corrected)
            entries[key] = (match.entry, match.matched_uid or chip.chip_uid)
    traced = [(chip, *entries[(chip.chip_uid, chip.corrected)]) for chip in found]
    sightings = _traced_sightings(session, [(c, e, uid) for c, e, uid in traced if e is not None])
    untraced = tuple(sorted({read for (read, _), (entry, _) in entries.items() if entry is None}))
    return LeakReport(rank_offices(sightings), untraced, count_nik_regions(niks_in_listings(session)))


def _traced_sightings(session: Session,
                      traced: list[tuple[ChipInListing, LedgerRecord, str]]) -> list[TracedSighting]:
    """One sighting per traced chip and listing, with the statuses in force on the days it was seen."""
    histories = effective_histories(session, {entry.id for _, entry, _ in traced})
    times = sighting_times(session, {chip.listing_id for chip, _, _ in traced})
    sightings = []
    for chip, entry, uid in traced:
        since = chip.chip_first_seen or chip.first_seen
        days = [t.date() for t in times[chip.listing_id] if t >= since] or [since.date()]
        sightings.append(TracedSighting(  # office "": in stock at the central warehouse, no consignee yet
            entry.consignee_code, uid, chip.listing_id, chip.marketplace, chip.seller, chip.first_seen,
            chip.last_seen, entry.status, statuses_on(histories[entry.id], days)))
    return sightings


def count_nik_regions(niks: list[tuple[str, int]],
                      regions: RegionTable | None = None) -> tuple[tuple[str, str, int, int], ...]:
    """How many NIKs (and listings) name each province and regency; unknown codes are named so."""
    table = regions or region_table()
    found: dict[tuple[str, str], tuple[set[str], set[int]]] = {}
    for nik, listing_id in niks:
        place = table.decode_nik(nik)
        key = (place.province.name if place.province else "unknown province",
               place.regency.name if place.regency else "unknown regency")
        numbers, listings = found.setdefault(key, (set(), set()))
        numbers.add(nik)
        listings.add(listing_id)
    counted = [(p, r, len(n), len(ls)) for (p, r), (n, ls) in found.items()]
    return tuple(sorted(counted, key=lambda c: (-c[2], c[0], c[1])))
