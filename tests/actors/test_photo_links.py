"""A photo joins two sellers in storage only when the close photo comparison confirmed it.

The demo joined unrelated planted sellers whose different card photos (a white
card on a wooden table) came within 6 bits in the 64-bit pHash: the rebuild now
keeps a photo edge only between alerts the stored ``same_photo`` links join.
"""

from __future__ import annotations

from datetime import UTC, datetime

from sqlalchemy import select
from sqlalchemy.orm import Session

from alerts.actors.rebuild import rebuild_actors
from config.settings import RiskWeights
from storage.actors import members_of
from storage.models import (
    ActorRow,
    Alert,
    AlertLink,
    CaptureStatus,
    Image,
    Listing,
    ListingImage,
    Seller,
)

T0 = datetime(2026, 11, 1, tzinfo=UTC)
#: two different photos whose 64-bit pHashes are 4 bits apart (as two of the demo's card photos were)
PHASH_A, PHASH_B = "85957a6a3e6ac09d", "85957a6aae6ac0b9"


def _alert_with_photo(session: Session, n: int, phash: str) -> int:
    listing = Listing(marketplace="tokopedia", external_id=str(n), url=f"https://x/{n}", title="blangko e-ktp",
                      seller=Seller(marketplace="tokopedia", external_id=f"s{n}", name=f"Toko {n}"),
                      first_seen_at=T0, last_seen_at=T0)
    image = Image(sha256=f"{n:064x}", phash=phash, status=CaptureStatus.OK.value)
    session.add_all([listing, image])
    session.flush()
    session.add(ListingImage(listing_id=listing.id, url=f"https://x/{n}.jpg", image_id=image.id,
                             status=CaptureStatus.OK.value))
    alert = Alert(listing_id=listing.id, marketplace="tokopedia", verdict="blank", score=0.9,
                  opened_at=T0, last_seen_at=T0)
    session.add(alert)
    session.flush()
    return alert.id


def _groups(session: Session) -> list[list[int]]:
    return sorted(members_of(session, i) for i in session.scalars(select(ActorRow.id).where(ActorRow.status == "active")))


def test_near_phashes_without_a_confirmed_photo_link_join_no_one(session: Session) -> None:
    a, b = _alert_with_photo(session, 1, PHASH_A), _alert_with_photo(session, 2, PHASH_B)
    rebuild_actors(session, RiskWeights())
    assert _groups(session) == [[a], [b]]


def test_a_confirmed_photo_link_joins_the_two_sellers(session: Session) -> None:
    a, b = _alert_with_photo(session, 1, PHASH_A), _alert_with_photo(session, 2, PHASH_B)
    session.add(AlertLink(alert_id=b, linked_alert_id=a, reason="same_photo", detail=f"same photo as alert {a}"))
    session.flush()
    rebuild_actors(session, RiskWeights())
    assert _groups(session) == [[a, b]]
    [row] = session.scalars(select(ActorRow).where(ActorRow.status == "active"))
    assert [link["reason"] for link in row.links] == ["photo"]


def test_the_configured_photo_reach_is_the_one_the_rebuild_uses(session: Session) -> None:
    """``[images] phash_max_distance`` and ``[actors] common_photo_sellers`` reach the rebuild
    (it used the defaults 6 and 3 whatever the configuration said)."""
    from alerts.actors.rebuild import rebuild_from_settings
    from config.loader import load_config

    a, b = _alert_with_photo(session, 1, PHASH_A), _alert_with_photo(session, 2, PHASH_B)
    session.add(AlertLink(alert_id=b, linked_alert_id=a, reason="same_photo", detail=f"same photo as alert {a}"))
    session.flush()
    defaults = load_config(env={}).settings
    strict = defaults.model_copy(update={"images": defaults.images.model_copy(update={"phash_max_distance": 2})})
    rebuild_from_settings(session, strict)
    assert _groups(session) == [[a], [b]]  # 4 bits apart: beyond a reach of 2
    rebuild_from_settings(session, defaults)
    assert _groups(session) == [[a, b]]
