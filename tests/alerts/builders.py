"""Build listings, assessments and alerts through the same write path the scan uses (a batch of one)."""

from __future__ import annotations

from datetime import UTC, datetime
from typing import Any

from sqlalchemy.orm import Session

from storage.alerts import AlertOutcome, alert_outcome
from storage.batch_ingest import load_outcome, record_sightings_batch
from storage.listings import (
    AssessmentData,
    IdentifierData,
    ListingData,
    SellerData,
    SightingOutcome,
)
from storage.models import Scan
from storage.verdicts import ScoredSighting, record_verdicts

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
    [recorded] = record_sightings_batch(session, [data], scan_id=scan_id, seen_at=seen_at)
    outcome = load_outcome(session, recorded)
    if recorded.sighting_id is None and not recorded.new_listing:
        return outcome, None  # this scan had already seen it: nothing is assessed
    assessment = AssessmentData(
        score=score,
        verdict=verdict,
        reasons=REASONS if reasons is None else reasons,
        matcher_version="test/1",
        identifiers=tuple(IdentifierData(k, v) for k, v in identifiers),
    )
    [decision] = record_verdicts(session, [ScoredSighting(recorded, marketplace, assessment)], at=seen_at)
    return outcome, alert_outcome(session, decision)
