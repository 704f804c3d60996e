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
from alerts.provenance.trace import trace_chip
from config.settings import LedgerConfig
from storage.leak_sightings import chips_in_listings, niks_in_listings
from storage.ledger import LedgerRecord


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
    #: reading → (entry, the UID the entry holds that the reading became): an OCR-confused
    #: reading and the exact one are the same blank, counted once
    entries: dict[str, tuple[LedgerRecord | None, str]] = {}
    for chip in found:
        if chip.chip_uid not in entries:
            match = trace_chip(session, chip.chip_uid, config)
            entries[chip.chip_uid] = (match.entry, match.matched_uid or chip.chip_uid)
    sightings = []
    for chip in found:
        entry, uid = entries[chip.chip_uid]
        if entry is None:
            continue  # office "" below: in stock at the central warehouse, no consignee yet
        sightings.append(TracedSighting(entry.consignee_code, uid, chip.listing_id,
                                        chip.marketplace, chip.seller, chip.first_seen,
                                        chip.last_seen, entry.status))
    untraced = tuple(sorted(read for read, (entry, _) in entries.items() if entry is None))
    return LeakReport(rank_offices(sightings), untraced, count_nik_regions(niks_in_listings(session)))


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

