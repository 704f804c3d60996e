"""Build listings, assessments and alerts through the same ingest API the scan uses."""

from __future__ import annotations

from datetime import UTC, datetime
from typing import Any

from sqlalchemy.orm import Session

from storage.alerts import AlertOutcome, open_or_attach_alert
from storage.listings import (
    AssessmentData,
    IdentifierData,
    ListingData,
    SellerData,
    SightingOutcome,
    record_assessment,
    record_sighting,
)
from storage.models import Scan

T0 = datetime(2025, 3, 3, 8, 0, tzinfo=UTC)

REASONS: list[dict[str, Any]] = [
    {"rule": "target:blangko_ektp", "field": "title", "matched": "blangko e-ktp", "weight": 70.0,
     "detail": ""},
]


def new_scan(session: Session, at: datetime = T0) -> int:
    scan = Scan(started_at=at, trigger="manual", status="running")
    session.add(scan)
    session.flush()
    return scan.id


def ingest(
    session: Session,
    external_id: str,
    *,
    title: str = "Blangko e-KTP asli dukcapil",
    description: str = "",
    marketplace: str = "tokopedia",
    seller: str | None = "shop-1",
    seller_name: str = "Toko Satu",
    price: int | None = 150000,
    verdict: str = "blank",
    score: float = 88.0,
    identifiers: tuple[tuple[str, str], ...] = (),
    scan_id: int | None = None,
    seen_at: datetime = T0,
    reasons: list[dict[str, Any]] | None = None,
) -> tuple[SightingOutcome, AlertOutcome | None]:
    data = ListingData(
        marketplace=marketplace,
        external_id=external_id,
        url=f"https://{marketplace}.example/p/{external_id}",
        title=title,
        description=description,
        price=price,
        seller=SellerData(marketplace, seller, name=seller_name) if seller else None,
        query="blangko e-ktp",
    )
    outcome = record_sighting(session, data, scan_id=scan_id, seen_at=seen_at)
    assessment = record_assessment(
        session,
        outcome,
        AssessmentData(
            score=score,
            verdict=verdict,
            reasons=REASONS if reasons is None else reasons,
            matcher_version="test/1",
            identifiers=tuple(IdentifierData(k, v) for k, v in identifiers),
        ),
    )
    alert = open_or_attach_alert(session, outcome.listing, assessment, at=seen_at)
    return outcome, alert
