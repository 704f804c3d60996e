"""Benign text that tells of blanks stays benign, offers in the same voices stay offers (ktpwatch-matchers/2.8).

Each concept was measured first on fresh rows (``corpus/precision8_a.jsonl``: 2.7 read 4 of its 28
benign rows blank and 4 related) and has true offers beside it that use its words.  The rows of
``corpus/precision8_concepts.jsonl`` are the hard negatives and hard positives of these concepts; the
tests below name each concept once, fail on 2.7 and hold every offer.
"""

from __future__ import annotations

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from matchers import score_listing
from tests.matchers.tune_rows import labelled_params, tune_rows

#: Text that tells of blanks or IDs without offering them, one per concept: 2.7 read each as an offer.
TOLD_OF = {
    # a report of a crime or a court case, the cue before or after what it tells of
    "police report": ("Polres Ungkap Peredaran Blangko KTP-el", "Polisi mengamankan pria yang menjual blangko KTP elektronik kosong."),
    "seized, said after": ("Gudang Blangko e-KTP Digerebek", "Ratusan keping blangko KTP-el kosong disita."),
    "court": ("Sidang Korupsi Pengadaan Blanko e-KTP", "Terdakwa membantah menerima uang."),
    # a forum's discussion, a question of cause, an offer the poster was given
    "discussion": ("[Diskusi] Kenapa blanko e-KTP bisa bocor?", "Gan, ane mau diskusi soal kasus blanko e-KTP yang dijual online."),
    "offered to the poster": ("Ditawari blanko e-KTP di grup jual beli", "Ada akun di grup jual beli nawarin blanko KTP kosong."),
    # a prohibition or an appeal to the reader
    "prohibition": ("Jangan pinjamkan KTP ke orang lain", "Jangan pernah pinjamkan KTP kamu, bisa dipakai pinjol."),
    "appeal": ("Imbauan camat", "Camat mengimbau warga tidak memakai calo yang menawarkan KTP jadi sehari."),
    # a sale denied after what it names
    "sale denied": ("Tanya jawab warga", "Jawaban: Blanko KTP tidak dijual, pencetakan gratis di kecamatan."),
    # an office's shortage and its free service
    "shortage again": ("Blangko KTP sering kosong", "Warga menunggu berbulan-bulan."),
    "free public service": ("Info pelayanan", "Blangko e-KTP tersedia kembali di kecamatan. Tidak dipungut biaya."),
    "office's mobile service": ("Jadwal Pelayanan Keliling KTP-el", "Blangko tersedia 300 keping."),
    # search words on another product's listing
    "tag list on a ribbon": ("Ribbon printer kartu YMCKO", "Isi 200 cetakan.\n#printerktp #cetakktp #blankoektp #idcard"),
    # (after precision8_c) a debunked rumour, police news in English, things found scattered, "not for sale" on its own,
    # papers the reader prepares, population data as a topic
    "hoax": ("[BROADCAST] Hoaks penjualan blanko e-KTP", "Pesan berantai soal blanko e-KTP dijual murah itu tidak benar."),
    "English police news": ("Police bust ring selling blank e-KTP cards", "Four men were arrested; 500 blank cards were seized."),
    "found scattered": ("Blangko KTP-el berserakan di pinggir jalan", "Warga menemukan ratusan blangko."),
    "not for sale": ("Kenangan KTP jadul", "Koleksi foto KTP lama, bukan untuk dijual, cuma nostalgia."),
    "papers prepared": ("Verifikasi akun dompet digital", "Cara upgrade: siapkan e-KTP asli, foto KTP dan selfie, tunggu 1x24 jam."),
    "data as a topic": ("Konsultasi hukum", "Sengketa data kependudukan lewat jalur pengadilan."),
    # (after voices8, measured first) a photo for a KTP, a KTP photo and a selfie a sign-up asks for
    "photo for a KTP": ("Foto 3x4 buat KTP", "Background merah biru, buka sampai sore."),
    "sign-up asks": ("Asuransi jiwa, daftar online", "Daftar cukup foto KTP dan selfie, premi mulai 50rb."),
    # (after precision8_d, measured first) a residents' thread, a fact-check, others claiming to sell, a press release
    "thread": ("Thread: info blanko KTP-el tiap kecamatan", "Kec. A blanko ada, Kec. B habis."),
    "fact-check": ("Cek fakta: blanko e-KTP dijual online?", "Kami telusuri iklan yang mengaku menjual blanko e-KTP kosong."),
    "press release": ("Siaran pers Kemendagri soal blangko KTP-el", "Stok nasional aman hingga akhir tahun."),
}

#: Offers that use the same words: they must stay what they are.
OFFERS = {
    "why buy here": ("Blanko e-KTP kosong ready", "Kenapa harus beli di kami? Blanko e-KTP asli chip aktif, 150rb.", "blank"),
    "urgency": ("Jangan sampai kehabisan! Blangko KTP-el kosong", "Stok tinggal 20 keping.", "blank"),
    "no hesitation": ("Blanko KTP el kosongan asli", "Jangan ragu order blanko KTP-el kosongan di sini.", "blank"),
    "others' fakes warned of": ("Blanko e-KTP kosong original", "Banyak beredar blanko palsu. Di kami blanko e-KTP asli kosong.", "blank"),
    "sold together": ("Blanko KTP-el kosong + holder", "Paket blanko e-KTP kosong dan holder, tidak dijual terpisah.", "blank"),
    "no extra charge": ("Blanko e-KTP kosong", "Harga 150rb, tidak dipungut biaya tambahan.", "blank"),
    "hashtags under a vague title": ("Kartu chip original", "Belum ada data sama sekali.\n#blankoektp #ektpkosong", "blank"),
    "hashtags sell a service": ("terima order", "#jasaktp #ktpjadi #ktpkilat hari ini jadi besok, data bebas.", "related"),
    "not sold to minors": ("Blanko e-KTP kosong", "Blanko e-KTP kosong asli, tidak dijual ke anak di bawah umur. 150rb.", "blank"),
    "data sold": ("Jual data kependudukan", "Data kependudukan valid, NIK + KK, per 1000 data 500rb.", "related"),
    "a seller's thread": ("Thread jualan: blanko ktp el kosong", "Lapak ane jual blanko ktp el kosongan, ready banyak.", "blank"),
    "a seller's facts": ("Fakta: blanko kami asli dinas", "Blanko KTP-el kosong asli, bukan PVC biasa. Stok ready.", "blank"),
    "photo for a forged KTP": ("Edit foto buat KTP palsu", "Hasil rapi, bisa dipakai.", "related"),
    "forgery, prohibition run on": ("Jasa KTP jadi tanpa antri", "Jangan pusing antri, kami bantu KTP-el jadi 1 hari.", "related"),
}


#: told-of cases that relied on a whole-listing discount (a headline title, an office's free service, a listing "not
#: for sale"), taken out at integration: one everyday line pulled each to hide almost any offer (hostile8,
#: test_evasion_levers8.py); strict, so a discount that tells a seller's voice from a report's must clear them
WHOLE_LISTING = "its headline or notice no longer discounts the whole listing (an evasion lever, hostile8)"
# (precision10) "free public service" and "offered to the poster" are read in their clauses again: the office's supply
# said available there ("tersedia kembali di kecamatan"), an account offering told of ("akun … nawarin blanko")
STILL_TOLD_AS_OFFERS = {"hoax": WHOLE_LISTING, "not for sale": WHOLE_LISTING}
STILL_MISSED = {row_id: WHOLE_LISTING for row_id in ("p8c-014", "p8c-024")} | {
    "p8c-035": "read right by precision10's hoax cue, lifted again at merge by levers10's seller voice: the title's 'blanko "
               "e-KTP dijual di grup WA' names a shop term (WA) beside the goods, so the listing reads as a seller's"}


@pytest.mark.parametrize("name", [pytest.param(name, marks=[pytest.mark.xfail(strict=True, reason=STILL_TOLD_AS_OFFERS[name])]
                                               if name in STILL_TOLD_AS_OFFERS else []) for name in sorted(TOLD_OF)])
def test_text_that_tells_of_blanks_is_benign(name: str) -> None:
    assert score_listing(*TOLD_OF[name]).verdict == "benign"


@pytest.mark.parametrize("name", sorted(OFFERS))
def test_an_offer_in_the_same_words_stays_an_offer(name: str) -> None:
    title, description, label = OFFERS[name]
    assert score_listing(title, description).verdict == label


@pytest.mark.parametrize("row", labelled_params(tune_rows("precision8_concepts"), STILL_MISSED))
def test_precision8_concept_row_gets_its_label(row: dict) -> None:
    assert score_listing(row["title"], row["description"]).verdict == row["label"]


#: Lines a seller adds that use the told-of words about something else: they never take an offer away.
SELLER_LINES = ("Kenapa pilih kami? Pengiriman cepat.", "Jangan ragu tanya stok.", "Banyak beredar barang palsu, hati-hati.",
                "Tidak dijual terpisah.", "Tidak dipungut biaya tambahan.", "Tag: kartu, chip, original.",
                "Pengalaman 5 tahun jualan.", "Ada pertanyaan? Chat admin.")


@settings(max_examples=60, deadline=None)
@given(line=st.sampled_from(SELLER_LINES), name=st.sampled_from(sorted(OFFERS)))
def test_a_seller_line_with_told_of_words_keeps_an_offer(line: str, name: str) -> None:
    title, description, label = OFFERS[name]
    assert score_listing(title, f"{description}\n{line}").verdict == label
