"""Read the chip UIDs found in listings, with what the leak report needs about each listing.

One query over identifiers ⨝ listings ⟕ sellers; tracing against the ledger
is :mod:`alerts.provenance.leak_report`'s job.
"""

from __future__ import annotations

from collections.abc import Collection
from dataclasses import dataclass
from datetime import datetime

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from storage.models import Evidence, Identifier, Listing, Seller, Sighting


@dataclass(frozen=True)
class ChipInListing:
    chip_uid: str
    listing_id: int
    marketplace: str
    seller: str
    first_seen: datetime
    last_seen: datetime
    #: characters read from a lookalike letter (the fewest of the places the UID was found)
    corrected: int = 0
    #: when the chip was first recorded in this listing
    chip_first_seen: datetime | None = None


def chips_in_listings(session: Session) -> list[ChipInListing]:
    """Every (chip UID, listing) pair the crawler recorded, oldest listing first."""
    rows = session.execute(
        select(Identifier.value, Listing.id, Listing.marketplace, Seller.name, Seller.external_id,
               Listing.first_seen_at, Listing.last_seen_at, func.min(Identifier.corrected),
               func.min(Identifier.first_seen_at))
        .join(Listing, Listing.id == Identifier.listing_id)
        .outerjoin(Seller, Seller.id == Listing.seller_id)
        .where(Identifier.kind == "chip_uid")
        .group_by(Identifier.value, Listing.id, Listing.marketplace, Seller.name, Seller.external_id,
                  Listing.first_seen_at, Listing.last_seen_at)
        .order_by(Listing.first_seen_at, Listing.id, Identifier.value)
    )
    return [ChipInListing(uid, lid, market, name or external or "", first, last, corrected, chip_first)
            for uid, lid, market, name, external, first, last, corrected, chip_first in rows]


def sighting_times(session: Session, listing_ids: Collection[int]) -> dict[int, list[datetime]]:
    """When each listing was seen (every scan's sighting), oldest first."""
    found: dict[int, list[datetime]] = {listing_id: [] for listing_id in listing_ids}
    if found:
        rows = session.execute(select(Sighting.listing_id, Sighting.seen_at)
                               .where(Sighting.listing_id.in_(sorted(found)))
                               .order_by(Sighting.listing_id, Sighting.seen_at))
        for listing_id, seen_at in rows:
            found[listing_id].append(seen_at)
    return found


def niks_in_listings(session: Session) -> list[tuple[str, int]]:
    """(NIK, listing id) for every NIK the crawler recorded (the matcher kept only valid ones)."""
    rows = session.execute(select(Identifier.value, Identifier.listing_id)
                           .where(Identifier.kind == "nik").distinct())
    return [(nik, listing_id) for nik, listing_id in rows]


def evidence_of_listings(session: Session, listing_ids: tuple[int, ...]) -> list[tuple[int, str, str, str]]:
    """(listing id, kind, file name, SHA-256) of the evidence kept for ``listing_ids``."""
    rows = session.execute(
        select(Evidence.listing_id, Evidence.kind, Evidence.name, Evidence.sha256)
        .where(Evidence.listing_id.in_(listing_ids))
        .order_by(Evidence.listing_id, Evidence.captured_at, Evidence.id)
    )
    return [(listing_id, kind, name, sha) for listing_id, kind, name, sha in rows if listing_id is not None]
