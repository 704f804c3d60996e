"""Identifier spellings sellers use (issue 15): every way of writing one phone number,
chip UID or NIK extracts the same value, and the decoys next to them (order numbers,
courier receipts, bank accounts, dates and times) stay out.

Decided here: the letter O is read as a zero only in a number right after a phone
cue (WA, HP, telp …) that starts like a mobile number; full-width digits are digits.
"""

from __future__ import annotations

import pytest

from matchers import extract_identifiers

_KINDS = frozenset({"phone", "url", "nik", "chip_uid"})
PHONE = ("phone", "+6281234567890")
WA_URL = ("url", "https://wa.me/6281234567890")
UID7 = ("chip_uid", "04A23B1C5D807E")
NIK = ("nik", "3201014506900002")


def _pairs(text: str) -> list[tuple[str, str]]:
    return [(i.kind, i.value) for i in extract_identifiers(text) if i.kind in _KINDS]


@pytest.mark.parametrize("spelling", [
    "WA 0812 3456 7890", "WA 0812-3456-7890", "+62 812.3456.7890", "hubungi 6281234567890",
    "(0812) 3456 7890", "wa 08 12 34 56 78 90", "WA: 0812 345 678 90", "HP +62 (812) 3456 7890",
    "WA ０８１２３４５６７８９０", "WA O812 3456 789O", "hp: o812-3456-7890",
])
def test_every_phone_spelling_gives_one_number(spelling: str) -> None:
    assert _pairs(spelling) == [PHONE]


@pytest.mark.parametrize("spelling", [
    "https://wa.me/6281234567890", "wa.me/6281234567890?text=halo",
    "https://api.whatsapp.com/send?phone=6281234567890&text=ktp",
])
def test_whatsapp_links_give_the_link_and_its_number(spelling: str) -> None:
    assert _pairs(spelling) == [WA_URL, PHONE]


@pytest.mark.parametrize("spelling", [
    "UID 04:a2:3b:1c:5d:80:7e", "SN: 0x04A23B1C5D807E", "nomor chip 04a23b1c5d807e",
    "no chip: 04-A2-3B-1C-5D-80-7E", "uid 04 A2 3B 1C 5D 80 7E", "serial chip 04A23B1C5D807E",
])
def test_every_chip_uid_spelling_gives_one_uid(spelling: str) -> None:
    assert _pairs(spelling) == [UID7]


def test_a_numbered_uid_list_across_lines_gives_every_uid() -> None:
    text = "serial chip:\n1) 04A23B1C5D807E\n2) 04A23B1C5D807F\n3) 04a23b1c5d8080"
    assert [v for _, v in _pairs(text)] == ["04A23B1C5D807E", "04A23B1C5D807F", "04A23B1C5D8080"]


@pytest.mark.parametrize("spelling", [
    "NIK: 3201-01-450690-0002", "NIK/No KTP 3201.0145.0690.0002", "no ktp 3201 0145 0690 0002",
    "nik 3201014506900002",
])
def test_every_nik_spelling_gives_one_nik(spelling: str) -> None:
    assert _pairs(spelling) == [NIK]


def test_telegram_links_are_lower_cased() -> None:
    assert _pairs("tele t.me/Blangko_Center") == [("url", "https://t.me/blangko_center")]


@pytest.mark.parametrize("decoy", [
    "resi JP1234567890123", "no pesanan 2312061234567890", "rek BCA 1234567890",
    "tanggal 06-12-2026", "order 0812 2023 pukul 08.12", "tgl 08-12-2023 jam 10.30 wib",
    "wa o8l2345678gO", "SO 0812 ukuran L", "PO 08 12 dikirim",
])
def test_decoys_are_no_identifiers(decoy: str) -> None:
    assert _pairs(decoy) == []


def test_o_is_a_zero_only_after_a_phone_cue() -> None:
    assert _pairs("kode O812 3456 789O") == []


@pytest.mark.parametrize("spelling", [
    "t.me/blangko_center", "t.me/@blangko_center", "https://t.me/s/blangko_center", "telegram.me/Blangko_Center",
])
def test_every_telegram_channel_spelling_gives_one_link(spelling: str) -> None:
    assert _pairs(spelling) == [("url", "https://t.me/blangko_center")]


def test_a_telegram_invite_hash_keeps_its_case() -> None:
    assert _pairs("grup: https://t.me/+AbCdEf123") == [("url", "https://t.me/+AbCdEf123")]
