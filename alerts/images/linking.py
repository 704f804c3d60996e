"""Relisting by photo: link an alert to earlier alerts that show the same picture.

Sellers who are taken down come back under another name, often on another
marketplace, with the same photos. A photo of the new alert's listing that is
byte-identical (same SHA-256) to a photo of an earlier alert is linked at
once; otherwise both its pHash and dHash must be within
``settings.images.phash_max_distance`` bits (see :mod:`alerts.images.phash`).
The link goes from the newer alert to the earlier one, reason ``same_photo``,
detail "same photo as alert N (distance d)", so ``alerts show`` and
``alerts list --linked-to N`` list it like every other link.
"""

from __future__ import annotations

from sqlalchemy.orm import Session

from alerts.images.phash import PhotoHashes, photo_distance
from storage.alerts import link_alerts
from storage.images import AlertPhoto, alert_photos, listing_photos
from storage.models import Alert, AlertLink


def photo_matches(
    mine: list[AlertPhoto], others: list[AlertPhoto], *, max_distance: int
) -> dict[int, tuple[int, bool]]:
    """Other alert id → (smallest distance to any photo of ``mine``, whether a file is identical)."""
    best: dict[int, tuple[int, bool]] = {}
    for other in others:
        for own in mine:
            identical = own.sha256 == other.sha256
            if identical:
                distance = 0
            else:
                distance = photo_distance(PhotoHashes(own.phash, own.dhash), PhotoHashes(other.phash, other.dhash))
                if distance > max_distance:
                    continue
            held_distance, held_identical = best.get(other.alert_id, (65, False))
            if (distance, not identical) < (held_distance, not held_identical):
                best[other.alert_id] = (distance, identical)
    return best


def link_by_photo(session: Session, alert: Alert, *, max_distance: int) -> list[AlertLink]:
    """Link ``alert`` to every other alert with the same or a near-identical photo; returns new links."""
    mine = [
        AlertPhoto(alert.id, img.id, img.sha256, img.phash, img.dhash)
        for img in listing_photos(session, alert.listing_id)
        if img.sha256 and img.phash and img.dhash
    ]
    if not mine:
        return []
    matches = photo_matches(mine, alert_photos(session, exclude_alert_id=alert.id), max_distance=max_distance)
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

