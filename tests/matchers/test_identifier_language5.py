"""Identifiers as sellers write them in language 2.4 had not met (issue 15, the identifier part):
corpus/identifier_language5.jsonl was written and committed before any 2.5 change, and 2.4 scored
identifiers P 0.882 R 0.845 on it (tp=60 fp=8 fn=11).  Each concept below has its positives and
the hard negatives that share its words."""

from __future__ import annotations

import pytest

from matchers import extract_identifiers


def _pairs(text: str, kinds: tuple[str, ...] = ("chip_uid", "nik", "phone", "url")) -> list[tuple[str, str]]:
    return [(i.kind, i.value) for i in extract_identifiers(text) if i.kind in kinds]


@pytest.mark.parametrize(("text", "expected"), [
    # an order's, a payment's or a utility customer's number is built like a NIK as often as not
    ("No. pesanan: 3512 0623 1105 0012, dikirim hari ini", []),
    ("kode bayar indomaret 3175 0208 1299 0001 berlaku 1x24 jam", []),
    ("ID pelanggan PLN 3201014506900002", []),
    ("Transaksi 3201014506900002 berhasil", []),
    # a bank account's label: BTN accounts have 16 digits; the account reader reads it
    ("rek BTN 3274 0215 0893 0021 a.n. CV Maju", []),
    ("rekening BCA 0812345678 a.n. Siti", []),
    ("transfer ke norek BCA: 0812345678", []),
    # hard negatives: the NIK or phone is named as such, the label word elsewhere
    ("order NIK 3201014506900002", [("nik", "3201014506900002")]),
    ("Order via WA, NIK 3201014506900002", [("nik", "3201014506900002")]),
    ("NIK 3201014506900002 rekening BTN", [("nik", "3201014506900002")]),
    ("pesanan diproses, NIK: 3201014506900002", [("nik", "3201014506900002")]),
    ("Transfer BCA ke 0812-3456-7890", [("phone", "+6281234567890")]),
    ("bayar via BCA, WA 0812 3456 7890", [("phone", "+6281234567890")]),
    ("norek BCA: 1234567890 / hp 0812 3456 7890", [("phone", "+6281234567890")]),
    ("pesanan via WA 0812 3456 7890", [("phone", "+6281234567890")]),
])
def test_a_label_that_names_an_order_payment_or_account_claims_the_number(
    text: str, expected: list[tuple[str, str]],
) -> None:
    assert _pairs(text) == expected


def test_an_account_label_leaves_the_number_to_the_account_reader() -> None:
    assert _pairs("rekening BCA 0812345678 a.n. Siti", ("bank_account",)) == [("bank_account", "BCA:0812345678")]
    assert _pairs("rek BTN 3274 0215 0893 0021", ("bank_account",)) == [("bank_account", "BTN:3274021508930021")]


@pytest.mark.parametrize(("text", "expected"), [
    # right after a phone cue: a lookalike letter after the country code, groups joined by underscores
    ("WA +62 812-3456-789O", [("phone", "+6281234567890")]),
    ("wa +62 8l2 3456 7890", [("phone", "+6281234567890")]),
    ("wa 0812_3456_7890 (no call)", [("phone", "+6281234567890")]),
    # hard negatives: underscores elsewhere join a file name or a date, a cue alone reads no letters
    ("file IMG_0812_3456_7890.jpg", []),
    ("hp 08_12_2023 beli", []),
    ("kode +62_812_3456_7890", []),                        # no phone cue: underscores join a code
])
def test_a_number_after_a_phone_cue_is_read_leniently(text: str, expected: list[tuple[str, str]]) -> None:
    assert _pairs(text) == expected
