"""Relisting by photo: link an alert to earlier alerts that show the same picture.

Sellers who are taken down come back under another name, often on another
marketplace, with the same photos. A photo of the new alert's listing that is
byte-identical (same SHA-256) to a photo of an earlier alert is linked at
once. Otherwise the stored 64-bit pHash finds candidates (within twice
``settings.images.phash_max_distance``) and the close comparison of
:func:`alerts.images.phash.fine_distance` on the stored files must come within
``phash_max_distance``. The link goes from the newer alert to the earlier one,
reason ``same_photo``, detail "same photo as alert N (distance d)", so
``alerts show`` and ``alerts list --linked-to N`` list it like any other link.
"""

from __future__ import annotations

from pathlib import Path

from PIL import Image
from sqlalchemy.orm import Session

from alerts.images.phash import FineHashes, fine_distance, fine_hashes, hamming
from storage.alerts import link_alerts
from storage.images import AlertPhoto, alert_photos, listing_photos
from storage.models import Alert, AlertLink


class FineHashCache:
    """Fine hashes of stored photos, computed once per processing run."""

    def __init__(self) -> None:
        self._by_image: dict[int, FineHashes | None] = {}

    def get(self, photo: AlertPhoto) -> FineHashes | None:
        if photo.image_id not in self._by_image:
            self._by_image[photo.image_id] = self._load(photo.path)
        return self._by_image[photo.image_id]

    @staticmethod
    def _load(path: str) -> FineHashes | None:
        if not path or not Path(path).is_file():
            return None
        try:
            with Image.open(path) as image:
                return fine_hashes(image.convert("RGB"))
        except (OSError, ValueError, Image.DecompressionBombError):
            return None


def _distance(own: AlertPhoto, other: AlertPhoto, max_distance: int, cache: FineHashCache) -> int | None:
    """The photos' distance when it is within ``max_distance``, else None."""
    coarse = hamming(own.phash, other.phash)
    if coarse > 2 * max_distance:
        return None
    a, b = cache.get(own), cache.get(other)
    if a is None or b is None:  # files gone: only the stored hashes can speak
        distance = max(coarse, hamming(own.dhash, other.dhash))
    else:
        distance = fine_distance(a, b)
    return distance if distance <= max_distance else None


def photo_matches(
    mine: list[AlertPhoto], others: list[AlertPhoto], *, max_distance: int, cache: FineHashCache | None = None
) -> dict[int, tuple[int, bool]]:
    """Other alert id → (smallest distance to any photo of ``mine``, whether a file is identical)."""
    cache = cache or FineHashCache()
    best: dict[int, tuple[int, bool]] = {}
    for other in others:
        for own in mine:
            identical = own.sha256 == other.sha256
            found = 0 if identical else _distance(own, other, max_distance, cache)
            if found is None:
                continue
            held_distance, held_identical = best.get(other.alert_id, (65, False))
            if (found, not identical) < (held_distance, not held_identical):
                best[other.alert_id] = (found, identical)
    return best


def link_by_photo(
    session: Session, alert: Alert, *, max_distance: int, cache: FineHashCache | None = None
) -> list[AlertLink]:
    """Link ``alert`` to every other alert with the same or a near-identical photo; returns new links."""
    mine = [
        AlertPhoto(alert.id, img.id, img.sha256, img.phash, img.dhash, img.path)
        for img in listing_photos(session, alert.listing_id)
        if img.sha256 and img.phash and img.dhash
    ]
    if not mine:
        return []
    others = alert_photos(session, exclude_alert_id=alert.id)
    matches = photo_matches(mine, others, max_distance=max_distance, cache=cache)
    links: list[AlertLink] = []
    for other_id, (distance, identical) in sorted(matches.items()):
        other = session.get_one(Alert, other_id)
        newer, earlier = (alert, other) if (alert.opened_at, alert.id) > (other.opened_at, other.id) else (other, alert)
        how = "identical file" if identical else f"distance {distance}"
        link = link_alerts(session, newer, earlier, reason="same_photo",
                           detail=f"same photo as alert {earlier.id} ({how})")
        if link is not None:
            links.append(link)
    return links
