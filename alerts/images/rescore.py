"""Score a listing again with the words read off its photos.

The scan scored the title and description; sellers who keep those neutral
write "BLANKO E-KTP" and the chip number on the photo instead. The OCR text
of every processed photo becomes the matcher's third field, so image words can
raise the score (reasons say "image text") and identifiers found in a photo
are stored with ``source="image"`` and that photo's SHA-256. The new verdict
is written through the same verdict write the crawl's ingest uses
(:func:`storage.verdicts.record_verdicts`, a batch of one): the assessment is
stored on the listing's latest assessed sighting, and a ``blank`` or
``related`` verdict opens the alert (or updates the existing one), opened now.
(``alerts/`` may not import ``crawler/``, so the shared step lives in storage.)
"""

from __future__ import annotations

from dataclasses import dataclass, replace
from datetime import UTC, datetime

from sqlalchemy.orm import Session

from alerts.provenance.stored_trace import store_traces
from config import Settings
from matchers import Verdict, dedupe_identifiers, extract_identifiers, score_listing
from storage.batch_ingest import BatchSighting
from storage.images import alert_for_listing, listing_photos
from storage.listings import AssessmentData, IdentifierData, latest_assessment, listing_identifiers
from storage.models import AssessmentRecord, Listing, Sighting
from storage.verdicts import ScoredSighting, record_verdicts


@dataclass(frozen=True)
class RescoreOutcome:
    listing_id: int
    verdict: str
    score: float
    #: False when the photos changed nothing worth a new assessment
    recorded: bool
    alert_id: int | None = None
    opened: bool = False


def _with_photo_identifiers(data: AssessmentData, photos: list[tuple[str, str]], title: str) -> AssessmentData:
    """Text identifiers from the matcher, image identifiers per photo (each with its own photo's hash).

    Each photo is read with the title as context, as :func:`matchers.score_listing` reads
    its image field: a bare chip number on a photo of a listing titled "blanko e-KTP, no
    chip di foto" is a chip UID in both paths. As there, each (kind, value) is kept once,
    from the first field that shows it: a phone in the title that a photo repeats stays
    the title's, and the first photo to show an identifier keeps it."""
    found = [i for i in data.identifiers if i.source != "image"]
    for sha, text in photos:
        found += [IdentifierData.of(i) for i in
                  extract_identifiers(text, source="image", image_sha256=sha, context=title)]
    return replace(data, identifiers=dedupe_identifiers(found))


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
    data = _with_photo_identifiers(AssessmentData.from_result(result), photos, listing.title)
    alert = alert_for_listing(session, listing.id)
    verdict = str(result.verdict)
    previous = latest_assessment(session, listing.id)
    known = {(i.kind, i.value, i.source) for i in listing_identifiers(session, listing.id)}
    new_identifiers = any((i.kind, i.value, i.source) not in known for i in data.identifiers)
    unchanged = previous is not None and previous.verdict == verdict and previous.score == result.score
    if (alert is None and result.verdict is Verdict.BENIGN) or (unchanged and not new_identifiers):
        return RescoreOutcome(listing.id, verdict, result.score, recorded=False,
                              alert_id=alert.id if alert else None)
    [decision] = record_verdicts(
        session,
        [ScoredSighting(_assessed_sighting(session, listing, previous), listing.marketplace,
                        data)],
        actor="ktpwatch-images",
    )
    if any(found.kind == "chip_uid" for found in data.identifiers):
        store_traces(session, settings.ledger, [listing.id])  # a chip read off a photo is traced too
    return RescoreOutcome(
        listing.id, verdict, result.score, recorded=True,
        alert_id=decision.alert_id if decision else None, opened=bool(decision and decision.opened),
    )


def _assessed_sighting(session: Session, listing: Listing, previous: AssessmentRecord | None) -> BatchSighting:
    """The sighting the new assessment belongs to: the one the previous assessment judged."""
    sighting = session.get(Sighting, previous.sighting_id) if previous and previous.sighting_id else None
    return BatchSighting(
        listing_id=listing.id, sighting_id=sighting.id if sighting else None, new_listing=False, changed=False,
        seen_at=sighting.seen_at if sighting else datetime.now(UTC), seller_id=listing.seller_id,
        last_seen_at=listing.last_seen_at,
    )
