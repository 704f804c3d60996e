"""Read the chip UIDs found in listings, with what the leak report needs about each listing.

One query over identifiers ⨝ listings ⟕ sellers; tracing against the ledger
is :mod:`alerts.provenance.leak_report`'s job.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

from sqlalchemy import select
from sqlalchemy.orm import Session

from storage.models import Evidence, Identifier, Listing, Seller


@dataclass(frozen=True)
class ChipInListing:
    chip_uid: str
    listing_id: int
    marketplace: str
    seller: str
    first_seen: datetime
    last_seen: datetime


def chips_in_listings(session: Session) -> list[ChipInListing]:
    """Every (chip UID, listing) pair the crawler recorded, oldest listing first."""
    rows = session.execute(
        select(Identifier.value, Listing.id, Listing.marketplace, Seller.name, Seller.external_id,
               Listing.first_seen_at, Listing.last_seen_at)
        .join(Listing, Listing.id == Identifier.listing_id)
        .outerjoin(Seller, Seller.id == Listing.seller_id)
        .where(Identifier.kind == "chip_uid")
        .distinct()
        .order_by(Listing.first_seen_at, Listing.id, Identifier.value)
    )
    return [ChipInListing(uid, lid, market, name or external or "", first, last)
            for uid, lid, market, name, external, first, last in rows]


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
