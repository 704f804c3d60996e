"""Hand-made listing records for the actor tests."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

from hypothesis import strategies as st

from alerts.actors import ListingRecord

DAY0 = datetime(2026, 1, 1, tzinfo=UTC)


def rec(
    alert_id: int,
    *,
    marketplace: str = "tokopedia",
    seller: str | None = None,
    name: str | None = None,
    ids: tuple[tuple[str, str], ...] = (),
    photos: tuple[str, ...] = (),
    day: int | None = None,
    days: int = 0,
) -> ListingRecord:
    """A listing record; ``seller`` defaults to one seller per alert, ``day`` to the alert id."""
    first = DAY0 + timedelta(days=alert_id if day is None else day)
    return ListingRecord(
        alert_id=alert_id,
        marketplace=marketplace,
        seller_id=seller if seller is not None else f"s{alert_id}",
        seller_name=name if name is not None else f"Toko {alert_id}",
        first_seen=first,
        last_seen=first + timedelta(days=days),
        identifiers=ids,
        photo_phashes=photos,
    )


BCA = ("bank_account", "BCA:1234567890")
PHONE = ("phone", "+6281234567890")
CHIP = ("chip_uid", "04A23B1C5D807E")
PHOTO = "c3d4e5f6a7b8c9d0"
#: two bits from PHOTO: the same picture re-encoded
PHOTO_NEAR = "c3d4e5f6a7b8c9d3"


_SHARED = st.sampled_from([BCA, PHONE, CHIP, ("nik", "3201014506900002"), ("email", "a@b.id")])


@st.composite
def records_strategy(draw):  # type: ignore[no-untyped-def]
    n = draw(st.integers(1, 12))
    return [rec(i, seller=draw(st.sampled_from(["a", "b", "c", "d", "e", "f"])),
                marketplace=draw(st.sampled_from(["tokopedia", "shopee"])),
                ids=tuple(draw(st.lists(_SHARED, max_size=2, unique=True))),
                photos=tuple(draw(st.lists(st.sampled_from([PHOTO, PHOTO_NEAR, "0f0f0f0f0f0f0f0f"]), max_size=1))))
            for i in range(1, n + 1)]
