"""Write ``labels.jsonl``: the labelled set that judges bank-account extraction.

Written (and its output committed, SHA-256 pinned by test_bank_accounts.py)
before ``matchers/bank_accounts.py`` existed, so the extractor could not be
tuned to it.  Each row: ``id``, ``text`` and ``accounts`` (the values the
extractor must report, ``BANK:digits``; ``REK:digits`` when the text names no
bank).  Sentences are the ways Indonesian sellers write payment details; the
numbers are random with a fixed seed.  About half the rows are decoys: order,
invoice and tracking numbers, phone numbers, dates, NIKs, prices, virtual
accounts and numbers of the wrong length for the bank named.

Run: ``python tests/matchers/bank_accounts/write_labels.py`` (deterministic).
"""

from __future__ import annotations

import json
import random
from pathlib import Path

OUT = Path(__file__).with_name("labels.jsonl")

#: (code, ways sellers write the name, account length) for the labelled set.
BANKS = [
    ("BCA", ["BCA", "bca", "Bank BCA", "B C A"], 10),
    ("BRI", ["BRI", "bri", "Bank BRI", "Bank Rakyat Indonesia"], 15),
    ("BNI", ["BNI", "bni", "Bank BNI 46"], 10),
    ("MANDIRI", ["Mandiri", "MANDIRI", "bank mandiri", "Bank Mandiri"], 13),
    ("BSI", ["BSI", "bsi", "Bank Syariah Indonesia"], 10),
    ("CIMB_NIAGA", ["CIMB Niaga", "CIMB", "cimb niaga"], 13),
    ("PERMATA", ["Permata", "PERMATA", "Bank Permata"], 10),
    ("BTN", ["BTN", "btn", "Bank BTN"], 16),
    ("DANAMON", ["Danamon", "DANAMON", "bank danamon"], 10),
    ("JAGO", ["Jago", "Bank Jago", "JAGO"], 12),
    ("SEABANK", ["SeaBank", "Seabank", "SEABANK", "Sea Bank"], 12),
]
NAMES = ["Budi Santoso", "Siti Rahma", "Ahmad Fauzi", "Dewi Lestari", "Rudi H", "Nur Aini",
         "Agus Salim", "Rina Wati", "Hendra K", "Yuli Astuti", "Eko P", "Sri Wahyuni"]


def _digits(rng: random.Random, n: int) -> str:
    # An account written in a listing never starts with "08" here: that is how a
    # phone number starts, and the phone extractor owns such numbers.
    while True:
        d = "".join(rng.choice("0123456789") for _ in range(n))
        if not d.startswith("08") and not d.startswith("62"):
            return d


def _written(rng: random.Random, d: str) -> str:
    """The number as sellers write it: plain, spaced, dashed or dotted groups."""
    style = rng.choice(["plain", "plain", "space4", "space3", "dash", "dot"])
    if style == "plain":
        return d
    size = 4 if style in ("space4", "dash") else 3
    groups = [d[i:i + size] for i in range(0, len(d), size)]
    sep = {"space4": " ", "space3": " ", "dash": "-", "dot": "."}[style]
    return sep.join(groups)


POSITIVE = [
    "Pembayaran via transfer {bank} {num} a.n. {name}",
    "No. Rek {bank}: {num} ({name})",
    "norek {bank} {num}",
    "rek {bank} {num} an {name}",
    "{bank} - {num} a/n {name}",
    "TF ke {bank} {num} an {name}, konfirmasi via chat",
    "Rekening {bank} nomor {num}",
    "{num} ({bank}) a.n {name}",
    "a.n. {name} {bank} {num}",
    "Transfer ke rekening {bank} no {num} atas nama {name}. Barang dikirim setelah dana masuk.",
    "💳 {bank} {num}\nA/N {name}",
    "pembayaran: {bank}\nno rek: {num}\na.n: {name}",
    "bisa tf {bank} ya kak {num} a.n {name}",
    "Rek. {bank} {num}",
    "Melayani pembayaran lewat {bank} ({num}) dan COD.",
]
TWO = [
    "Bisa transfer ke rekening {bank} {num} atau {bank2} {num2} a.n. {name}",
    "Rek: {bank} {num} / {bank2} {num2}",
    "{bank}: {num}\n{bank2}: {num2}\nsemua a.n {name}",
]
UNKNOWN_BANK = [
    "No rek: {num} a.n {name}",
    "norek {num} an {name}",
    "Rekening: {num} atas nama {name}",
]
DECOY = [
    "No. pesanan {order} sudah dikirim, terima kasih.",
    "Transfer BCA ya kak. Invoice {inv10}",
    "Order ID {ord13}. Bayar via Mandiri virtual account.",
    "INV/2024{mmdd}/MPL/{inv10}",
    "Resi JNE {resi15} sudah diinput, cek berkala.",
    "No resi J&T JP{resi10}",
    "resi SiCepat {resi12} (BRI atau BCA bisa)",
    "Transfer BCA, konfirmasi ke WA {phone}",
    "Pembayaran BNI / BRI / Mandiri. Hubungi {phone} untuk no rek.",
    "tgl {date} transfer BCA sudah masuk",
    "Promo sampai {date}, bayar lewat rekening Mandiri.",
    "NIK {nik} sesuai KTP, rekening BRI atas nama sendiri.",
    "Harga Rp {price} transfer BCA/BRI",
    "harga {price_plain} bisa transfer ke rekening",
    "BCA Virtual Account {va16}",
    "BCA {short8} (nomor lama, jangan dipakai)",
    "Rekening Mandiri sudah tidak aktif, pakai COD saja.",
    "kode booking {booking} bayar BRI",
    "Tracking number {resi12}, pengirim rek BNI",
    "Stok {stock} pcs, transfer BSI atau DANA",
    "Berat 1000 gram, ukuran 85,6 x 54 mm, bayar Permata",
    "ID transaksi {trx14} (CIMB Niaga)",
    "No HP {phone} / rek BCA menyusul",
    "Serial number {serial} — transfer Jago atau SeaBank",
    "No resi {resi10} sudah dikirim, pembayaran masuk BCA",
    "Rekening BRI. Resi {resi15}",
]


def _decoy_values(rng: random.Random) -> dict[str, str]:
    month, day = rng.randint(1, 12), rng.randint(1, 28)
    prov = rng.choice(["32", "35", "31", "33", "12"])
    nik = f"{prov}{rng.randint(1, 79):02d}{rng.randint(1, 30):02d}{day + rng.choice([0, 40]):02d}{month:02d}{rng.randint(60, 99):02d}{rng.randint(1, 9999):04d}"
    return {
        "order": f"24{month:02d}{day:02d}{''.join(rng.choice('ABCDEFGHJKLMNPQRSTUVWXYZ') for _ in range(4))}{rng.randint(1000, 9999)}",
        "inv10": _digits(rng, 10),
        "ord13": _digits(rng, 13),
        "mmdd": f"{month:02d}{day:02d}",
        "resi15": _digits(rng, 15),
        "resi10": _digits(rng, 10),
        "resi12": _digits(rng, 12),
        "phone": rng.choice(["0812-{}-{}", "0813 {} {}", "+62 857 {} {}", "0878{}{}"]).format(
            rng.randint(1000, 9999), rng.randint(1000, 9999)),
        "date": rng.choice(["{d:02d}-{m:02d}-2024", "{d:02d}/{m:02d}/2025", "2024-{m:02d}-{d:02d}"]).format(d=day, m=month),
        "nik": nik,
        "price": f"{rng.randint(1, 9)}.{rng.randint(100, 999)}.000",
        "price_plain": str(rng.randint(15, 999) * 1000),
        "va16": _digits(rng, 16),
        "short8": _digits(rng, 8),
        "booking": _digits(rng, 12),
        "stock": str(rng.randint(1, 999)),
        "trx14": _digits(rng, 14),
        "serial": _digits(rng, 13),
    }


def _account(rng: random.Random) -> tuple[str, str, str]:
    code, spellings, length = rng.choice(BANKS)
    digits = _digits(rng, length)
    return code, rng.choice(spellings), digits


def rows() -> list[dict]:
    rng = random.Random(20261206)
    out: list[dict] = []
    for n in range(90):
        code, bank, digits = _account(rng)
        text = rng.choice(POSITIVE).format(bank=bank, num=_written(rng, digits), name=rng.choice(NAMES))
        out.append({"id": f"pos-{n:03d}", "text": text, "accounts": [f"{code}:{digits}"]})
    for n in range(20):
        (code, bank, digits), (code2, bank2, digits2) = _account(rng), _account(rng)
        text = rng.choice(TWO).format(bank=bank, num=_written(rng, digits), bank2=bank2,
                                      num2=_written(rng, digits2), name=rng.choice(NAMES))
        accounts = [f"{code}:{digits}"] + ([f"{code2}:{digits2}"] if (code2, digits2) != (code, digits) else [])
        out.append({"id": f"two-{n:03d}", "text": text, "accounts": accounts})
    for n in range(12):
        digits = _digits(rng, rng.choice([10, 12, 13, 15]))
        text = rng.choice(UNKNOWN_BANK).format(num=digits, name=rng.choice(NAMES))
        out.append({"id": f"rek-{n:03d}", "text": text, "accounts": [f"REK:{digits}"]})
    for n, template in enumerate(DECOY * 3):
        out.append({"id": f"decoy-{n:03d}", "text": template.format(**_decoy_values(rng)), "accounts": []})
    for n in range(20):  # a real account and a decoy in one text
        code, bank, digits = _account(rng)
        decoy = rng.choice(DECOY).format(**_decoy_values(rng))
        lead = rng.choice(POSITIVE).format(bank=bank, num=_written(rng, digits), name=rng.choice(NAMES))
        text = f"{lead}. {decoy}" if n % 2 else f"{decoy}\n{lead}"
        out.append({"id": f"mixed-{n:03d}", "text": text, "accounts": [f"{code}:{digits}"]})
    return out


if __name__ == "__main__":
    with OUT.open("w", encoding="utf-8") as fh:
        for row in rows():
            fh.write(json.dumps(row, ensure_ascii=False) + "\n")
