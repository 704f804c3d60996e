"""The detail-page bar: disguised blanks pass, ordinary products do not."""

from __future__ import annotations

import pytest

from crawler.candidates import CandidateFilter
from spiders.items import ListingItem


def item(title: str) -> ListingItem:
    return ListingItem(marketplace="tokopedia", external_id="1", url="https://t/1", title=title)


@pytest.mark.parametrize(
    "title",
    ["Kartu KTP el Chip NFC Ready Stok", "kartu chip original dinas ktp", "BLANGKO E-KTP", "Blanko KK asli"],
)
def test_disguised_or_plain_blanks_get_their_detail_page(title: str) -> None:
    assert CandidateFilter(25.0)(item(title))


@pytest.mark.parametrize(
    "title",
    ["Beras Pandan Wangi 5 kg", "Samsung Galaxy A15 8/256 Garansi Resmi", "Batik Tulis Solo Pria"],
)
def test_ordinary_products_do_not(title: str) -> None:
    assert not CandidateFilter(25.0)(item(title))
