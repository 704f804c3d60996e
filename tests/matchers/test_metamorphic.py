"""Metamorphic suite: everyday shop sentences never change a verdict.

Every positive (blank, related) and every hard negative of the tune corpus is
scored again with each everyday marketplace sentence below appended to its
description: shipping, payment, COD, packing, store hours and policy,
greetings, "bukan …" disclaimers for each hard-negative concept, and
cross-selling lines that name other products.  A seller's boilerplate says
nothing about what is on offer, so no verdict may flip.  The flip rate is
printed (run with ``-s``).
"""

from __future__ import annotations

import pytest

from matchers import score_many
from tests.matchers.tune_rows import tune_rows

#: every tune row, the independent sets' tune parts, identifier and hostile files included:
#: a file left off a list here would be a file the suite never guards
ROWS = tune_rows()

SHIPPING = [
    "Pengiriman setiap hari Senin sampai Sabtu.",
    "Order sebelum jam 2 siang dikirim hari yang sama.",
    "Kirim pakai JNE, J&T, SiCepat atau AnterAja.",
    "Resi diinput maksimal H+1 setelah pembayaran.",
    "Dikirim dalam map coklat.",
    "Barang dikirim dari Jakarta Timur.",
    "Bisa same day dan instan via GoSend atau GrabExpress.",
    "Gratis ongkir untuk seluruh Indonesia dengan voucher.",
    "Pengiriman luar pulau pakai kargo lebih hemat.",
    "Ekspedisi dipilih sesuai permintaan pembeli.",
]
COD = [
    "Bisa COD di tempat.",
    "Bisa bayar di tempat (COD) untuk area Jabodetabek.",
    "COD tersedia, silakan pilih saat checkout.",
    "Melayani COD, barang dicek dulu baru bayar.",
]
PAYMENT = [
    "Pembayaran bisa transfer BCA, BRI atau Mandiri.",
    "Bisa bayar pakai e-wallet seperti OVO, DANA dan GoPay.",
    "Terima pembayaran QRIS dan ShopeePay.",
    "Bisa cicilan tanpa kartu kredit lewat PayLater.",
    "Transfer ke rekening a.n. toko, konfirmasi lewat chat.",
]
PACKING = [
    "Packing aman pakai bubble wrap dan plastik.",
    "Dikemas rapi dengan kardus tebal.",
    "Kemasan double plastik dan lakban, dijamin aman.",
    "Free bubble wrap untuk setiap pesanan.",
    "Packing kayu tersedia dengan biaya tambahan.",
]
STORE = [
    "Jam operasional toko 08.00 - 17.00 WIB.",
    "Hari Minggu dan tanggal merah toko libur.",
    "Admin online setiap hari pukul 9 pagi sampai 9 malam.",
    "Chat admin dulu untuk tanya stok ya kak.",
    "Pesanan di hari libur diproses hari kerja berikutnya.",
]
POLICY = [
    "Wajib video unboxing untuk komplain.",
    "Garansi uang kembali jika barang tidak sesuai.",
    "Retur maksimal 3 hari setelah barang diterima.",
    "Jangan lupa beri ulasan dan rating bintang 5 ya.",
    "Komplain tanpa video unboxing tidak kami layani.",
]
GREETING = [
    "Selamat datang di toko kami.",
    "Terima kasih sudah berbelanja, happy shopping!",
    "Halo kak, selamat berbelanja.",
    "Salam hangat dari kami sekeluarga.",
]
BONUS = [
    "Free cover.",
    "Bonus tali lanyard.",
    "Gratis stiker untuk pembelian hari ini.",
    "Bonus gantungan kunci setiap pembelian.",
]
DISCLAIMERS = [
    "Bukan mainan.",
    "Bukan blangkon.",
    "Bukan kartu PVC biasa.",
    "Tanpa holder.",
    "Tidak termasuk casing dan dompet.",
    "Bukan jasa fotokopi atau laminating.",
    "Bukan kwitansi atau nota.",
    "Bukan template atau stiker.",
    "Tanpa printer.",
    "Bukan buku atau majalah.",
    "Bukan jasa pas foto.",
    "Non PVC.",
]
CROSS_SELLING = [
    "Cek juga etalase kami untuk holder KTP dan casing HP.",
    "Tersedia juga dompet kartu dan tali ID card.",
    "Kami juga menjual kaos polos dan kemeja batik.",
    "Lihat produk lainnya: kabel data, charger dan powerbank.",
    "Toko kami juga jual printer dan tinta.",
    "Tersedia juga buku tulis dan kertas HVS.",
    "Cek juga mainan anak di etalase sebelah.",
    "Kami juga menyediakan jasa fotokopi dan jilid.",
]
#: (hostile8) a seller's urgency, reassurance, own warnings and questions, and terms: the words 2.8's discounts read
#: (a warning, an appeal, a question, a sale denied, a free service), said in the seller's own voice
SELLER_VOICE = [
    "Jangan sampai kehabisan!",
    "Jangan ragu untuk order.",
    "Mohon jangan PHP ya kak.",
    "Hati-hati penipuan, kami seller terpercaya.",
    "Tidak dijual terpisah.",
    "Gratis ongkir, tidak dipungut biaya tambahan.",
    "Mau tanya stok? Chat aja kak.",
    "Kenapa harus beli di sini? Karena amanah.",
]
EVERYDAY = (SHIPPING + COD + PAYMENT + PACKING + STORE + POLICY + GREETING + BONUS + DISCLAIMERS + CROSS_SELLING
            + SELLER_VOICE)


def test_there_are_enough_everyday_sentences() -> None:
    assert len(EVERYDAY) >= 60 and len(set(EVERYDAY)) == len(EVERYDAY)


#: Flips known and held apart: none since levers16 (flip rate 0 % both ways).  Kept as the place to name one, with
#: why, should a tune file bring one: each (row id, sentence) then needs a strict xfail of its own.
KNOWN_FLIPS: dict[tuple[str, str], str] = {}
#: Rows whose every flip is held apart: none since levers16.
KNOWN_FLIP_ROWS: dict[str, str] = {}
#: The flips known until 2.13, read right since levers16, each with why it flipped: an appended sentence ran on with
#: no stop into a closing hashtag, whose words joined its own ("#jasalegalisirktp Pesanan di hari libur …" read "KTP
#: pesanan", a KTP made to order), or into a closing "Lihat artikel lain: …" link line, which was then no link.
ONCE_KNOWN = {"h7-hardneg-0102": "a hashtag's words joined the sentence run on after it (independent7, since 2.7)",
              "t13b-010": "a link line a sentence ran on into was no link (tags13, 64 of 70 sentences on 2.11)"}


def _flips(rows: list[dict]) -> list[tuple[str, str, str, str]]:
    """``(id, label, sentence, new verdict)`` of every row whose verdict an appended sentence changes."""
    base = [a.verdict for a in score_many((r["title"], r["description"]) for r in rows)]
    varied = score_many((r["title"], f"{r['description']} {sentence}".strip()) for r in rows for sentence in EVERYDAY)
    flips = []
    for i, assessment in enumerate(varied):
        row, sentence = rows[i // len(EVERYDAY)], EVERYDAY[i % len(EVERYDAY)]
        if assessment.verdict is not base[i // len(EVERYDAY)]:
            flips.append((row["id"], row["label"], sentence, assessment.verdict.value))
    return flips


@pytest.mark.parametrize("row_id", sorted(ONCE_KNOWN))
def test_a_once_known_flip_flips_no_more(row_id: str) -> None:
    assert _flips([next(r for r in ROWS if r["id"] == row_id)]) == [], ONCE_KNOWN[row_id]


def test_appending_an_everyday_sentence_never_flips_a_verdict() -> None:
    flips = _flips(ROWS)
    pairs = len(ROWS) * len(EVERYDAY)
    positives = sum(r["label"] != "benign" for r in ROWS) * len(EVERYDAY)
    hard = sum(r["label"] == "benign" for r in ROWS) * len(EVERYDAY)
    flips_pos = sum(label != "benign" for _, label, _, _ in flips)
    print(f"\nmetamorphic: {pairs} variants ({len(ROWS)} listings x {len(EVERYDAY)} sentences); "
          f"flip rate {len(flips) / pairs:.4%} "
          f"(positives {flips_pos}/{positives}, hard negatives {len(flips) - flips_pos}/{hard})")
    assert [f for f in flips if (f[0], f[2]) not in KNOWN_FLIPS and f[0] not in KNOWN_FLIP_ROWS] == []
    assert len(flips) == 0, "flip rate 0 % on positives and hard negatives alike (levers16)"
