"""Ingest: what a scan writes through — sellers, listings, sightings, assessments, identifiers.

The scan pipeline calls :func:`record_sighting` for every listing a spider
yields and :func:`record_assessment` with the matcher's result. Both are safe
when several workers write the same listing at once, on SQLite and on
PostgreSQL: rows are created with ``INSERT … ON CONFLICT DO NOTHING`` and then
read back, so the loser of a race reads the winner's row instead of failing.

Nothing is overwritten silently: the :class:`~storage.models.Listing` row keeps
the latest view (for fast listing), every scan that saw the listing keeps its
own :class:`~storage.models.Sighting` with the content and its hash. A second
record of the same listing in the same scan adds nothing (``sighting=None``).
"""

from __future__ import annotations

import hashlib
import json
from collections.abc import Sequence
from dataclasses import dataclass, field
from datetime import UTC, datetime
from typing import Any

from sqlalchemy import Table, func, select
from sqlalchemy.dialects import postgresql, sqlite
from sqlalchemy.orm import Session

from storage.models import Assessment, Base, Identifier, Listing, Seller, Sighting


@dataclass(frozen=True)
class SellerData:
    marketplace: str
    external_id: str
    name: str = ""
    url: str = ""
    city: str = ""


@dataclass(frozen=True)
class ListingData:
    marketplace: str
    external_id: str
    url: str
    title: str
    description: str = ""
    price: int | None = None
    seller: SellerData | None = None
    image_urls: tuple[str, ...] = ()
    sold_count: int | None = None
    listed_at: datetime | None = None
    query: str = ""
    raw: dict[str, Any] = field(default_factory=dict)
    #: SHA-256 of what a person would notice changing; computed when empty
    content_hash: str = ""

    def effective_hash(self) -> str:
        """The given hash, else the same recipe as ``ListingItem.content_hash``."""
        if self.content_hash:
            return self.content_hash
        seller_id = self.seller.external_id if self.seller else ""
        seller_name = self.seller.name if self.seller else ""
        payload = json.dumps(
            [self.title, self.description, self.price, seller_id, seller_name],
            ensure_ascii=False,
            separators=(",", ":"),
        )
        return hashlib.sha256(payload.encode("utf-8")).hexdigest()


@dataclass(frozen=True)
class IdentifierData:
    kind: str
    value: str
    source: str = "description"
    image_sha256: str | None = None


@dataclass(frozen=True)
class AssessmentData:
    score: float
    verdict: str
    reasons: list[dict[str, Any]]
    matcher_version: str
    identifiers: tuple[IdentifierData, ...] = ()


@dataclass
class SightingOutcome:
    listing: Listing
    #: None when this scan had already recorded this listing
    sighting: Sighting | None
    new_listing: bool
    #: the content differs from the listing's previous latest view
    changed: bool


def insert_ignoring_conflicts(
    session: Session, model: type[Base] | Table, conflict_columns: Sequence[str]
) -> Any:
    """``INSERT … ON CONFLICT (cols) DO NOTHING`` for the session's dialect (SQLite or PostgreSQL)."""
    dialect = session.get_bind().dialect.name
    if dialect == "postgresql":
        return postgresql.insert(model).on_conflict_do_nothing(index_elements=list(conflict_columns))
    if dialect == "sqlite":
        return sqlite.insert(model).on_conflict_do_nothing(index_elements=list(conflict_columns))
    raise NotImplementedError(f"ktpwatch supports SQLite and PostgreSQL, not {dialect}")


def upsert_seller(session: Session, data: SellerData, *, seen_at: datetime) -> Seller:
    """The seller row for (marketplace, external id), created or refreshed with non-empty fields."""
    stmt = insert_ignoring_conflicts(session, Seller, ("marketplace", "external_id")).values(
        marketplace=data.marketplace,
        external_id=data.external_id,
        name=data.name,
        url=data.url,
        city=data.city,
        first_seen_at=seen_at,
    )
    session.execute(stmt)
    seller = session.scalars(
        select(Seller).where(
            Seller.marketplace == data.marketplace, Seller.external_id == data.external_id
        )
    ).one()
    for attr in ("name", "url", "city"):
        value = getattr(data, attr)
        if value and getattr(seller, attr) != value:
            setattr(seller, attr, value)
    return seller


def record_sighting(
    session: Session, data: ListingData, *, scan_id: int | None, seen_at: datetime | None = None
) -> SightingOutcome:
    """Upsert seller and listing, and record that scan ``scan_id`` saw this content.

    ``scan_id=None`` (a manual one-off) always records a new sighting. An older
    ``seen_at`` than the listing's latest view (a slow worker) is kept as
    history without replacing the latest view.
    """
    seen = (seen_at or datetime.now(UTC)).astimezone(UTC)
    content_hash = data.effective_hash()
    seller = upsert_seller(session, data.seller, seen_at=seen) if data.seller else None
    view = {
        "url": data.url,
        "title": data.title,
        "description": data.description,
        "price": data.price,
        "seller_id": seller.id if seller else None,
        "image_urls": list(data.image_urls),
        "sold_count": data.sold_count,
        "listed_at": data.listed_at,
        "content_hash": content_hash,
    }
    inserted = session.execute(
        insert_ignoring_conflicts(session, Listing, ("marketplace", "external_id"))
        .values(
            marketplace=data.marketplace,
            external_id=data.external_id,
            first_seen_at=seen,
            last_seen_at=seen,
            state="live",
            **view,
        )
        .returning(Listing.id)
    ).first()
    listing = session.scalars(
        select(Listing).where(
            Listing.marketplace == data.marketplace, Listing.external_id == data.external_id
        )
    ).one()
    new_listing = inserted is not None

    sighting_id = session.execute(
        insert_ignoring_conflicts(session, Sighting, ("listing_id", "scan_id"))
        .values(
            listing_id=listing.id,
            scan_id=scan_id,
            seen_at=seen,
            query=data.query,
            title=data.title,
            description=data.description,
            price=data.price,
            content_hash=content_hash,
            raw=data.raw,
        )
        .returning(Sighting.id)
    ).scalar()
    if sighting_id is None:
        return SightingOutcome(listing=listing, sighting=None, new_listing=False, changed=False)
    sighting = session.get_one(Sighting, sighting_id)

    changed = not new_listing and listing.content_hash != content_hash
    if not new_listing and seen >= listing.last_seen_at:
        for attr, value in view.items():
            if getattr(listing, attr) != value:
                setattr(listing, attr, value)
        listing.last_seen_at = seen
        if listing.state != "live":
            # Seen again by a scan: whatever a re-check said, it is live now.
            listing.state = "live"
    session.flush()
    return SightingOutcome(
        listing=listing, sighting=sighting, new_listing=new_listing, changed=changed
    )


def record_assessment(session: Session, outcome: SightingOutcome, data: AssessmentData) -> Assessment:
    """Store the matcher's verdict on this sighting and upsert the identifiers it found."""
    assessment = Assessment(
        listing_id=outcome.listing.id,
        sighting_id=outcome.sighting.id if outcome.sighting else None,
        created_at=outcome.sighting.seen_at if outcome.sighting else datetime.now(UTC),
        score=float(data.score),
        verdict=str(data.verdict),
        reasons=list(data.reasons),
        matcher_version=data.matcher_version,
    )
    session.add(assessment)
    rows = identifier_rows(outcome.listing.id, data.identifiers, assessment.created_at)
    if rows:
        upsert_identifiers(session, rows)
    session.flush()
    return assessment


def identifier_rows(
    listing_id: int, identifiers: Sequence[IdentifierData], first_seen_at: datetime
) -> list[dict[str, Any]]:
    """The ``identifiers`` rows of one assessment (each identifier once)."""
    return [
        {
            "listing_id": listing_id,
            "kind": ident.kind,
            "value": ident.value,
            "source": ident.source,
            "image_sha256": ident.image_sha256,
            "first_seen_at": first_seen_at,
        }
        for ident in dict.fromkeys(identifiers)
    ]


def upsert_identifiers(session: Session, rows: Sequence[dict[str, Any]]) -> None:
    """Insert identifier rows; one already known for the listing is left as first seen.

    A Core statement on the table: the ORM's bulk-insert bookkeeping costs more
    than the insert itself, and nothing here needs ORM objects back.
    """
    table: Table = Identifier.__table__  # type: ignore[assignment]
    session.execute(
        insert_ignoring_conflicts(session, table, ("listing_id", "kind", "value", "source")), list(rows)
    )


def listing_identifiers(session: Session, listing_id: int) -> list[Identifier]:
    """Every identifier found in a listing, in a stable order."""
    return list(
        session.scalars(
            select(Identifier)
            .where(Identifier.listing_id == listing_id)
            .order_by(Identifier.kind, Identifier.value, Identifier.source)
        )
    )


def sighting_count(session: Session, listing_id: int) -> int:
    """How many sightings a listing has (every scan that saw it)."""
    return int(
        session.scalar(select(func.count()).select_from(Sighting).where(Sighting.listing_id == listing_id))
        or 0
    )


def latest_assessment(session: Session, listing_id: int) -> Assessment | None:
    return session.scalars(
        select(Assessment)
        .where(Assessment.listing_id == listing_id)
        .order_by(Assessment.created_at.desc(), Assessment.id.desc())
        .limit(1)
    ).first()
