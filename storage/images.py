"""Listing photos in the database: the queue of photos to fetch, and what was learnt from them.

A :class:`~storage.models.ListingImage` row is one photo URL of one listing,
queued ``pending`` by the scan and settled ``ok``, ``failed`` or ``refused``
by image processing. The photo itself is an :class:`~storage.models.Image`,
stored once by SHA-256 whatever number of listings and URLs show it.

Query functions take a session and never commit; callers own the transaction.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from datetime import datetime

from sqlalchemy import func, select, update
from sqlalchemy.orm import Session

from storage.listings import insert_ignoring_conflicts
from storage.models import Alert, CaptureStatus, Image, ListingImage

#: a ListingImage whose URL was never fetched because policy forbids it
REFUSED = "refused"
#: an URL longer than this is not a photo URL worth storing
MAX_URL_LENGTH = 4096


@dataclass(frozen=True)
class PendingImage:
    id: int
    listing_id: int
    url: str


@dataclass(frozen=True)
class ImageFacts:
    """What processing learnt about one photo (everything but the row id)."""

    sha256: str | None
    url: str
    status: str
    error: str = ""
    path: str = ""
    size: int | None = None
    width: int | None = None
    height: int | None = None
    phash: str | None = None
    dhash: str | None = None
    ocr_text: str = ""
    processed_at: datetime | None = None


@dataclass(frozen=True)
class AlertPhoto:
    """A processed photo of a listing that has an alert: what photo linking compares against."""

    alert_id: int
    image_id: int
    sha256: str
    phash: str
    dhash: str
    #: the stored file (evidence store), for the close comparison
    path: str = ""


def queue_listing_images(session: Session, listing_id: int, urls: Iterable[str]) -> int:
    """Queue a listing's photo URLs as ``pending`` (known URLs are left as they are); returns how many were new."""
    wanted = [u for u in dict.fromkeys(str(u).strip() for u in urls) if u and len(u) <= MAX_URL_LENGTH]
    if not wanted:
        return 0
    rows = [{"listing_id": listing_id, "url": url, "status": CaptureStatus.PENDING.value, "error": ""}
            for url in wanted]
    before = session.scalar(select(func.count()).select_from(ListingImage).where(ListingImage.listing_id == listing_id))
    session.execute(insert_ignoring_conflicts(session, ListingImage, ("listing_id", "url")), rows)
    after = session.scalar(select(func.count()).select_from(ListingImage).where(ListingImage.listing_id == listing_id))
    return int(after or 0) - int(before or 0)


def pending_images(
    session: Session, *, listing_ids: Sequence[int] | None = None, limit: int | None = None
) -> list[PendingImage]:
    """Queued photos not yet processed, oldest queue entry first."""
    stmt = select(ListingImage.id, ListingImage.listing_id, ListingImage.url).where(
        ListingImage.status == CaptureStatus.PENDING.value
    )
    if listing_ids is not None:
        stmt = stmt.where(ListingImage.listing_id.in_(list(listing_ids)))
    stmt = stmt.order_by(ListingImage.id)
    if limit:
        stmt = stmt.limit(limit)
    return [PendingImage(*row) for row in session.execute(stmt)]


def image_by_sha256(session: Session, sha256: str) -> Image | None:
    return session.scalars(select(Image).where(Image.sha256 == sha256)).first()


def settled_image_for_url(session: Session, url: str) -> Image | None:
    """A photo already processed for this URL (another listing showed it), so it is not fetched again."""
    return session.scalars(
        select(Image)
        .join(ListingImage, ListingImage.image_id == Image.id)
        .where(ListingImage.url == url, Image.status != CaptureStatus.PENDING.value)
        .order_by(Image.id)
        .limit(1)
    ).first()


def save_image(session: Session, facts: ImageFacts) -> Image | None:
    """The image row for ``facts.sha256`` (created once; a failed row is replaced by a later success)."""
    if facts.sha256 is None:
        return None
    values = {
        "first_url": facts.url, "path": facts.path, "size": facts.size, "width": facts.width,
        "height": facts.height, "phash": facts.phash, "dhash": facts.dhash, "ocr_text": facts.ocr_text,
        "status": facts.status, "error": facts.error, "processed_at": facts.processed_at,
    }
    session.execute(
        insert_ignoring_conflicts(session, Image, ("sha256",)).values(sha256=facts.sha256, **values)
    )
    image = session.scalars(select(Image).where(Image.sha256 == facts.sha256)).one()
    if image.status != CaptureStatus.OK.value and facts.status == CaptureStatus.OK.value:
        for key, value in values.items():
            if key != "first_url":
                setattr(image, key, value)
    return image


def settle_listing_images(
    session: Session, url: str, *, status: str, error: str = "", image_id: int | None = None,
    ids: Sequence[int] | None = None,
) -> list[int]:
    """Mark the pending rows for ``url`` (or exactly ``ids``) done; returns the listing ids touched."""
    where = [ListingImage.url == url, ListingImage.status == CaptureStatus.PENDING.value]
    if ids is not None:
        where.append(ListingImage.id.in_(list(ids)))
    listing_ids = list(session.scalars(select(ListingImage.listing_id).where(*where)))
    session.execute(
        update(ListingImage).where(*where).values(status=status, error=error[:2000], image_id=image_id)
    )
    return sorted(set(listing_ids))


def listing_photos(session: Session, listing_id: int) -> list[Image]:
    """The processed (``ok``) photos of a listing, in queue order, each once."""
    rows = session.scalars(
        select(Image)
        .join(ListingImage, ListingImage.image_id == Image.id)
        .where(ListingImage.listing_id == listing_id, Image.status == CaptureStatus.OK.value)
        .order_by(ListingImage.id)
    )
    return list(dict.fromkeys(rows))


def alert_photos(session: Session, *, exclude_alert_id: int | None = None) -> list[AlertPhoto]:
    """Every processed photo of every listing with an alert (the set a new photo is compared with)."""
    stmt = (
        select(Alert.id, Image.id, Image.sha256, Image.phash, Image.dhash, Image.path)
        .join(ListingImage, ListingImage.listing_id == Alert.listing_id)
        .join(Image, Image.id == ListingImage.image_id)
        .where(Image.status == CaptureStatus.OK.value, Image.phash.is_not(None), Image.dhash.is_not(None))
        .distinct()
    )
    if exclude_alert_id is not None:
        stmt = stmt.where(Alert.id != exclude_alert_id)
    return [
        AlertPhoto(alert_id, image_id, sha or "", phash or "", dhash or "", path or "")
        for alert_id, image_id, sha, phash, dhash, path in session.execute(stmt)
    ]


def alert_for_listing(session: Session, listing_id: int) -> Alert | None:
    return session.scalars(select(Alert).where(Alert.listing_id == listing_id)).first()
