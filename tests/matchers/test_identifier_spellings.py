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


# Chip UIDs as card readers print them and sellers retype them (issue 15 holdout 2: all six
# misses were chip UIDs).  Every spelling below is UID7 and nothing else.
@pytest.mark.parametrize("spelling", [
    "0x04A23B1C5D807E (uid)", "id chip 04A23B1C5D807E", "kode chip 04A23B1C5D807E", "chip id: 04A23B1C5D807E",
    "chipnya 04A23B1C5D807E", "04A23B1C5D807E ini uid chipnya", "Serial number: 04:A2:3B:1C:5D:80:7E",
    "s/n 04A23B1C5D807E blanko ktp", "no. seri chip: 04A23B1C5D807E", "NFC Tools: Serial number 04:a2:3b:1c:5d:80:7e",
    "UID ０４Ａ２３Ｂ１Ｃ５Ｄ８０７Ｅ", "ＵＩＤ　０４:Ａ２:３Ｂ:１Ｃ:５Ｄ:８０:７Ｅ",      # full-width
    "UID 04А23В1С5D807Е", "UІD: 04 А2 3В 1С 5D 80 7Е",                                  # Cyrillic А В С Е І
    "UID 04A2\u200b3B1C\u200b5D80\u200b7E", "ch\u200bip 04A23B1C5D807E",              # zero-width
    "UID 04A23B1C\n5D807E", "uid:\n04:A2:3B:1C:\n5D:80:7E",                             # broken across a line
    "U.I.D 04A23B1C5D807E", "u i d: 04A23B1C5D807E", "c h i p 04A23B1C5D807E", "ch1p 04A23B1C5D807E",
    "UlD 04A23B1C5D807E", "cip 04A23B1C5D807E", "chp 04A23B1C5D807E",                  # spelled out, leet, typos
    "nochip 04A23B1C5D807E", "nomorchip04A23B1C5D807E", "UID:04A23B1C5D807E", "uid=04A23B1C5D807E",
    "UID#04A23B1C5D807E", "No.Chip:04A23B1C5D807E",                                    # joined words
    "0 4 A 2 3 B 1 C 5 D 8 0 7 E uid", "uid 0.4.A.2.3.B.1.C.5.D.8.0.7.E", "UID 04.A2.3B.1C.5D.80.7E",
    "UID 04A2 3B1C 5D80 7E", "UID 0x04 0xA2 0x3B 0x1C 0x5D 0x80 0x7E", "UID : 04 : A2 : 3B : 1C : 5D : 80 : 7E",
    "UID 04_A2_3B_1C_5D_80_7E", "UID 04–A2–3B–1C–5D–80–7E",                             # spaced, dotted, dashed
    "Tag ID: 04:A2:3B:1C:5D:80:7E", "Card UID: 04A23B1C5D807E", "uid chip [04A23B1C5D807E]",
    "UID chip (cek pakai NFC Tools di hp android, pastikan NFC nyala dulu ya kak): 04A23B1C5D807E",
])
def test_every_reader_and_seller_spelling_of_a_chip_uid(spelling: str) -> None:
    assert _pairs(spelling) == [UID7]


def test_a_chip_number_named_in_the_title_cues_the_description() -> None:
    from matchers import score_listing
    found = score_listing("Blanko e-KTP, nomor chip di deskripsi", "Stok ready.\n04A23B1C5D807E")
    assert [(i.kind, i.value, i.source) for i in found.identifiers] == [("chip_uid", UID7[1], "description")]
    assert [i.value for i in score_listing("Blanko e-KTP chip aktif", "Stok ready. 04A23B1C5D807E").identifiers] == []


def test_uids_in_a_table_after_one_header() -> None:
    text = "| No | UID | Status |\n| 1 | 04A23B1C5D807E | ready |\n| 2 | 04A23B1C5D807F | ready |"
    assert [v for _, v in _pairs(text)] == ["04A23B1C5D807E", "04A23B1C5D807F"]


@pytest.mark.parametrize("decoy", [
    "Blanko e-KTP chip aktif. Warna tersedia #A2B3C4 dan #A2B3C4D5",             # colour hex
    "Kartu chip NFC. Pilihan warna: A2B3C4D5",
    "Router ZTE F609 chip Broadcom. MAC: 04:A2:3B:1C:5D:80, SN: ZTEGC8A1B2C3",   # MAC, router serial
    "Router Huawei chipset bagus. MAC address 04-A2-3B-1C-5D-80. Password wifi: A1B2C3D4",
    "SN router 2150083234ABCDEF",                                                # a serial, no chip topic
    "Modem chip Qualcomm IMEI 356938035643809",                                  # IMEI
    "Blanko chip. No invoice INV/20231206/04A23B1C. No pesanan 2312061234567890",  # invoice, order
    "Kartu chip ready. Resi JP04A23B1C5D", "Kartu chip ready. SKU: 04A23B1C",    # resi, SKU
    "Kartu chip ready. Barcode EAN 8991234567890, EAN-8 12345670",               # EAN barcodes
    "Chip kosong. md5: d41d8cd98f00b204e9800998ecf8427e",                        # hashes, UUID
    "Chip kosong. sha1 da39a3ee5e6b4b0d3255bfef95601890afd80709",
    "Chip kosong. uuid 123e4567-e89b-12d3-a456-426614174000",
    "Chip kosong. file: IMG_04A23B1C.jpg", "Chip kosong. link https://toko.id/p/04a23b1c5d807e",
    "Blanko chip original. Kode produk 04A23B1C", "Chip ok. Kode booking 04A23B1C",
    "Chip aktif. Tanggal 06-12-2026 jam 10:30:45", "e-KTP chip. Harga Rp 150.000 / 1.250.000 untuk 10 pcs",
    "Kartu chip. IP kamera 192.168.100.101", "Kartu chip. Voucher game 8A2B-3C4D-5E6F-7A8B",
    "Kartu chip. token listrik 1234-5678-9012-3456-7890", "nfc chip, kode warna 0A0B0C0D",
    "chip DISABLED", "UID SOLDOUT",                                              # words are never "corrected"
])
def test_chip_uid_decoys_are_no_identifiers(decoy: str) -> None:
    assert [p for p in _pairs(decoy) if p[0] == "chip_uid"] == []
