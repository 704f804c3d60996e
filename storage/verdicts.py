"""A verdict on a recorded sighting becomes rows: the assessment, its identifiers, and the listing's alert.

The one storage step of the ingest join ("score → record assessment → open
alert → queue evidence"): the crawl's pipeline (``crawler.ingest``) and the
photo re-score (``alerts.images.rescore``) both write a verdict through
:func:`record_verdicts`, a single listing being a batch of one, so the two
cannot drift apart.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import datetime

from sqlalchemy.orm import Session

from storage.alerts.opening import AlertCandidate, AlertDecision, open_or_attach_alerts
from storage.batch_ingest import BatchSighting, record_assessments_batch
from storage.listings import AssessmentData


@dataclass(frozen=True)
class ScoredSighting:
    """A recorded sighting with the verdict on it."""

    sighting: BatchSighting
    marketplace: str
    assessment: AssessmentData

    def candidate(self) -> AlertCandidate:
        s, a = self.sighting, self.assessment
        return AlertCandidate(
            listing_id=s.listing_id, marketplace=self.marketplace, seller_id=s.seller_id,
            verdict=a.verdict, score=float(a.score), matcher_version=a.matcher_version,
            seen_at=s.last_seen_at or s.seen_at, new_listing=s.new_listing,
        )


def record_verdicts(
    session: Session, scored: Sequence[ScoredSighting], *, actor: str = "ktpwatch", at: datetime | None = None
) -> list[AlertDecision | None]:
    """Store each verdict and open or attach its listing's alert; one answer per verdict, in order.

    None where a benign verdict met a listing without an alert.
    """
    record_assessments_batch(session, [(s.sighting, s.assessment) for s in scored])
    return open_or_attach_alerts(session, [s.candidate() for s in scored], actor=actor, at=at)
