"""Listings the sandbox or a scan taught us, kept so they stay right."""

from __future__ import annotations

import pytest

from matchers import Verdict, score_listing


@pytest.mark.parametrize(
    ("title", "description", "verdict"),
    [
        # a card "readable by the Dukcapil reader" is a selling point, not a card reader for sale
        ("Kartu KTP el Chip NFC Ready Stok",
         "blanko KTP el asli kosong, chip aktif dan bisa dibaca reader Dukcapil.", Verdict.BLANK),
        ("Card Reader E-KTP USB Dukcapil", "reader ektp untuk baca chip", Verdict.BENIGN),
        ("Card reader ektp", "bisa baca ktp el", Verdict.BENIGN),
    ],
)
def test_scan_regressions(title: str, description: str, verdict: Verdict) -> None:
    assert score_listing(title, description).verdict is verdict
