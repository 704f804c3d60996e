"""Listings as storage sees them: what a scan hands in, and the small reads about one listing.

The data classes here are the input of the one write path
(:mod:`storage.batch_ingest` for sellers, listings, sightings and assessments;
:mod:`storage.verdicts` for a verdict and its alert). Writes are safe when
several workers write the same listing at once, on SQLite and on PostgreSQL:
rows are created with ``INSERT … ON CONFLICT DO NOTHING`` and then read back,
so the loser of a race reads the winner's row instead of failing.

Nothing is overwritten silently: the :class:`~storage.models.Listing` row keeps
the latest view (for fast listing), every scan that saw the listing keeps its
own :class:`~storage.models.Sighting` with the content and its hash.
"""

from __future__ import annotations

import hashlib
import json
from collections.abc import Sequence
from dataclasses import dataclass, field
from datetime import datetime
from typing import Any, Protocol

from sqlalchemy import Table, func, select
from sqlalchemy.orm import Session

from storage.models import AssessmentRecord, Base, Identifier, Listing, Sighting


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




class FoundIdentifier(Protocol):
    """An identifier as a matcher reports it (``matchers.Identifier`` has this shape)."""

    @property
    def kind(self) -> str: ...
    @property
    def value(self) -> str: ...
    @property
    def source(self) -> str: ...
    @property
    def image_sha256(self) -> str | None: ...
    @property
    def corrected(self) -> int: ...


class MatcherResult(Protocol):
    """What storage reads of a matcher's verdict (``matchers.Assessment`` has this shape).

    Described here rather than imported: storage imports nothing of ours but
    ``config``, and this is the one place a verdict becomes rows.
    """

    @property
    def score(self) -> float: ...
    @property
    def verdict(self) -> Any: ...
    @property
    def matcher_version(self) -> str: ...
    @property
    def identifiers(self) -> Sequence[FoundIdentifier]: ...
    def reasons_as_dicts(self) -> list[dict[str, Any]]: ...


@dataclass(frozen=True)
class IdentifierData:
    kind: str
    value: str
    source: str = "description"
    image_sha256: str | None = None
    #: chip UIDs: characters read from a lookalike letter (the matcher's ``corrected``)
    corrected: int = 0

    @classmethod
    def of(cls, found: FoundIdentifier) -> IdentifierData:
        """The row of an identifier a matcher found."""
        return cls(kind=found.kind, value=found.value, source=found.source, image_sha256=found.image_sha256,
                   corrected=found.corrected)


@dataclass(frozen=True)
class AssessmentData:
    score: float
    verdict: str
    reasons: list[dict[str, Any]]
    matcher_version: str
    identifiers: tuple[IdentifierData, ...] = ()

    @classmethod
    def from_result(cls, result: MatcherResult) -> AssessmentData:
        """The rows of a matcher's verdict."""
        return cls(
            score=float(result.score),
            verdict=str(result.verdict),
            reasons=result.reasons_as_dicts(),
            matcher_version=result.matcher_version,
            identifiers=tuple(IdentifierData.of(i) for i in result.identifiers),
        )


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
    """``INSERT … ON CONFLICT (cols) DO NOTHING`` for the session's dialect (SQLite or PostgreSQL).

    The dialect modules are imported here, not at module level: PostgreSQL's alone
    took a tenth of ``alerts list``'s start-up, which never writes a listing.
    """
    from sqlalchemy.dialects import postgresql, sqlite

    dialect = session.get_bind().dialect.name
    if dialect == "postgresql":
        return postgresql.insert(model).on_conflict_do_nothing(index_elements=list(conflict_columns))
    if dialect == "sqlite":
        return sqlite.insert(model).on_conflict_do_nothing(index_elements=list(conflict_columns))
    raise NotImplementedError(f"ktpwatch supports SQLite and PostgreSQL, not {dialect}")


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
            "corrected": ident.corrected,
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


def latest_assessment(session: Session, listing_id: int) -> AssessmentRecord | None:
    return session.scalars(
        select(AssessmentRecord)
        .where(AssessmentRecord.listing_id == listing_id)
        .order_by(AssessmentRecord.created_at.desc(), AssessmentRecord.id.desc())
        .limit(1)
    ).first()
