"""Identifier extraction: validated, normalised, and nothing that fails validation."""

from __future__ import annotations

import pytest

from matchers import extract_identifiers
from matchers.identifiers import valid_nik


def _pairs(text: str) -> list[tuple[str, str]]:
    return [(i.kind, i.value) for i in extract_identifiers(text)]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("UID chip: 04:a2:3b:1c:5d:80:7e", [("chip_uid", "04A23B1C5D807E")]),
        ("serial 0x04A23B1C", [("chip_uid", "04A23B1C")]),
        ("no seri chip 04 A2 3B 1C 5D 80 7E 9F", [("chip_uid", "04A23B1C5D807E9F")]),
        ("kode produk 04A23B1C", []),                     # no chip/UID/serial word near it
        ("UID chip 04A23B1C5D", []),                      # 5 bytes is no UID length
        ("no seri 20230001", []),                         # a decimal serial is not a chip UID
        ("NIK 3201014506900002", [("nik", "3201014506900002")]),
        ("NIK 3201 0145 0690 0002", [("nik", "3201014506900002")]),
        ("NIK 32.01.01.450690.0002", [("nik", "3201014506900002")]),
        ("NIK 9901014506900002", []),                     # province 99 does not exist
        ("NIK 3200014506900002", []),                     # regency 00
        ("NIK 3201013506900002", []),                     # day 35
        ("NIK 3201014513900002", []),                     # month 13
        ("WA 0812-3456-7890", [("phone", "+6281234567890")]),
        ("hub +62 813 1111 2222", [("phone", "+6281311112222")]),
        ("telp kantor 021-5551234", []),                  # landline, not mobile
        ("wa.me/6281298765432", [("url", "https://wa.me/6281298765432"), ("phone", "+6281298765432")]),
        ("t.me/JualBlanko", [("url", "https://t.me/jualblanko")]),
        ("harga Rp 150.000 ukuran 85,6 x 54 mm", []),
    ],
)
def test_identifiers(text: str, expected: list[tuple[str, str]]) -> None:
    assert _pairs(text) == expected


def test_full_width_digits_and_sources() -> None:
    found = extract_identifiers("ＷＡ ０８１２３４５６７８９０", source="image", image_sha256="ab" * 32)
    assert [(i.kind, i.value, i.source, i.image_sha256) for i in found] == [
        ("phone", "+6281234567890", "image", "ab" * 32)
    ]


def test_women_have_day_plus_40() -> None:
    assert valid_nik("3201017106900002")  # 71 = day 31 + 40
    assert not valid_nik("3201017206900002")


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("DANA: 0812-3456-7890", [("phone", "+6281234567890"), ("ewallet", "DANA:+6281234567890")]),
        ("OVO/GoPay 0812 3456 7890", [("phone", "+6281234567890"), ("ewallet", "OVO:+6281234567890"),
                                      ("ewallet", "GOPAY:+6281234567890")]),
        ("+62 812 3456 7890 (ShopeePay)", [("phone", "+6281234567890"), ("ewallet", "SHOPEEPAY:+6281234567890")]),
        ("Bayar lewat DANA. WA 0812-3456-7890", [("phone", "+6281234567890")]),  # not next to the number
        ("grup t.me/+AbCdEfGhIjKl12", [("url", "https://t.me/+AbCdEfGhIjKl12")]),  # invite codes keep case
        ("t.me/joinchat/AbCdEfGhIjKl", [("url", "https://t.me/+AbCdEfGhIjKl")]),
        ("https://chat.whatsapp.com/AbCdEfGhIj1234", [("url", "https://chat.whatsapp.com/AbCdEfGhIj1234")]),
        ("email Jual.KTP@Gmail.com", [("email", "jual.ktp@gmail.com")]),
        ("foto produk@2x.png", []),
        ("dm ig @Blanko.Store", [("social_handle", "instagram:@blanko.store")]),
        ("IG: blanko_store", [("social_handle", "instagram:@blanko_store")]),
        ("tiktok @ktp.murah", [("social_handle", "tiktok:@ktp.murah")]),
        ("Follow IG kami @blanko_id ya", [("social_handle", "instagram:@blanko_id")]),
        ("Big: @promo", []),                               # "ig" inside a word names no platform
        ("www.instagram.com/blanko_store/", [("social_handle", "instagram:@blanko_store")]),
        ("hubungi @blanko_store", []),                     # no platform named
        ("rek BCA 1234567890 a.n. Budi", [("bank_account", "BCA:1234567890")]),
    ],
)
def test_issue20_identifiers(text: str, expected: list[tuple[str, str]]) -> None:
    assert _pairs(text) == expected
