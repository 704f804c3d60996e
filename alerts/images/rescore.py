"""Score a listing again with the words read off its photos.

The scan scored the title and description; sellers who keep those neutral
write "BLANKO E-KTP" and the chip number on the photo instead. The OCR text
of every processed photo becomes the matcher's third field, so image words can
raise the score (reasons say "image text") and identifiers found in a photo
are stored with ``source="image"`` and that photo's SHA-256. When the verdict
becomes ``blank`` or ``related`` the alert is opened (or the existing one
updated) through the same storage functions the scan uses.
"""

from __future__ import annotations

from dataclasses import dataclass

from sqlalchemy.orm import Session

from config import Settings
from matchers import Assessment as MatcherAssessment
from matchers import Verdict, extract_identifiers, score_listing
from storage.alerts import AlertOutcome, open_or_attach_alert
from storage.images import alert_for_listing, listing_photos
from storage.listings import (
    AssessmentData,
    IdentifierData,
    SightingOutcome,
    latest_assessment,
    listing_identifiers,
    record_assessment,
)
from storage.models import Listing, Sighting


@dataclass(frozen=True)
class RescoreOutcome:
    listing_id: int
    verdict: str
    score: float
    #: False when the photos changed nothing worth a new assessment
    recorded: bool
    alert_id: int | None = None
    opened: bool = False


def _identifiers(listing: Listing, result: MatcherAssessment, photos: list[tuple[str, str]]) -> tuple[IdentifierData, ...]:
    """Text identifiers from the matcher, image identifiers per photo (each with its own hash)."""
    found = [IdentifierData(i.kind, i.value, i.source, i.image_sha256)
             for i in result.identifiers if i.source != "image"]
    for sha, text in photos:
        found += [IdentifierData(i.kind, i.value, "image", sha)
                  for i in extract_identifiers(text, source="image", image_sha256=sha)]
    return tuple(dict.fromkeys(found))


def rescore_listing(session: Session, listing: Listing, settings: Settings) -> RescoreOutcome | None:
    """Re-score ``listing`` with its photos' OCR text; None when no photo has text."""
    photos = [(img.sha256, img.ocr_text) for img in listing_photos(session, listing.id)
              if img.sha256 and img.ocr_text.strip()]
    if not photos:
        return None
    result = score_listing(
        listing.title, listing.description, price=listing.price,
        image_text="\n".join(text for _, text in photos), image_sha256=photos[0][0],
        blank_threshold=settings.matching.blank_threshold,
        related_threshold=settings.matching.related_threshold,
    )
    identifiers = _identifiers(listing, result, photos)
    alert = alert_for_listing(session, listing.id)
    verdict = str(result.verdict)
    previous = latest_assessment(session, listing.id)
    known = {(i.kind, i.value, i.source) for i in listing_identifiers(session, listing.id)}
    new_identifiers = any((i.kind, i.value, i.source) not in known for i in identifiers)
    unchanged = previous is not None and previous.verdict == verdict and previous.score == result.score
    if (alert is None and result.verdict is Verdict.BENIGN) or (unchanged and not new_identifiers):
        return RescoreOutcome(listing.id, verdict, result.score, recorded=False,
                              alert_id=alert.id if alert else None)
    sighting = session.get(Sighting, previous.sighting_id) if previous and previous.sighting_id else None
    outcome = SightingOutcome(listing=listing, sighting=sighting, new_listing=False, changed=False)
    assessment = record_assessment(session, outcome, AssessmentData(
        score=result.score, verdict=verdict, reasons=result.reasons_as_dicts(),
        matcher_version=result.matcher_version, identifiers=identifiers,
    ))
    opened: AlertOutcome | None = open_or_attach_alert(session, listing, assessment, actor="ktpwatch-images")
    return RescoreOutcome(
        listing.id, verdict, result.score, recorded=True,
        alert_id=opened.alert.id if opened else None, opened=bool(opened and opened.opened),
    )
