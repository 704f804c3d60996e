"""Issue 15: seller language the first matcher broke on.  52 of these 63 cases
failed on ktpwatch-matchers/1.0; the others (typos it listed verbatim, a
bracketed operator code it already read) guard what was right."""

from __future__ import annotations

import pytest

from matchers import Verdict, extract_identifiers, score_listing

BLANK_LISTINGS = [
    ("Blangko e-KTP original dinas", "Chip aktif, belum tercetak."),
    ("Blanko KTP-el asli", ""),
    ("kartu chip original dinas", "Isi: blangko e-KTP asli, belum tercetak"),
]
EVERYDAY = ["Bisa COD di tempat.", "Packing aman pakai bubble wrap dan plastik.", "Dikirim dalam map coklat.",
            "Free cover.", "Bonus tali lanyard.", "Bisa bayar pakai e-wallet."]


@pytest.mark.parametrize("sentence", EVERYDAY)
@pytest.mark.parametrize(("title", "description"), BLANK_LISTINGS)
def test_one_everyday_sentence_does_not_erase_a_blank(title: str, description: str, sentence: str) -> None:
    assert score_listing(title, f"{description} {sentence}").verdict is Verdict.BLANK


def test_discounted_context_is_a_reason_that_says_why() -> None:
    reasons = score_listing("Blangko e-KTP original dinas", "Bisa COD di tempat.").reasons
    cod = next(r for r in reasons if r.rule == "neg_holder")
    assert cod.weight == 0.0 and cod.field == "description"
    assert cod.matched == "tempat" and "'tempat' in a COD sentence: not the product" in cod.detail


@pytest.mark.parametrize("disclaimer", ["bukan mainan, bukan kartu PVC, bukan blangkon", "tanpa holder", "non-PVC",
                                        "tidak termasuk casing", "bkn stiker", "gak pakai printer"])
def test_negated_hard_negatives_are_not_negatives(disclaimer: str) -> None:
    assert score_listing("KTP-el kosong", disclaimer).verdict is Verdict.BLANK


def test_a_negated_positive_is_not_a_positive() -> None:
    assessment = score_listing("Holder KTP", "Bukan blangko e-KTP, ini holder.")
    assert assessment.verdict is Verdict.BENIGN
    assert all(r.weight == 0.0 for r in assessment.reasons if r.rule == "blank_ektp")


def test_one_weak_negative_never_cancels_a_strong_blank_rule() -> None:
    assert score_listing("Blangko KTP + holder KTP", "").verdict is Verdict.BLANK
    assert score_listing("Blangko KTP", "Holder KTP bisa ditambah.").verdict is Verdict.BLANK


@pytest.mark.parametrize(("title", "description"), [
    ("Blangko original dinas", "Produk: e-KTP chip aktif."),
    ("E-KTP original dinas", "Kondisi masih blangko, chip aktif."),
])
def test_title_and_description_evidence_combine(title: str, description: str) -> None:
    assert score_listing(title, description).verdict is Verdict.BLANK


def test_a_long_description_of_many_products_does_not_combine_into_a_hit() -> None:
    description = ("Toko alat tulis: kwitansi, nota, map plastik, holder, stiker, kartu nama blank. "
                   "Fotokopi KTP dan laminating. Printer dan tinta.")
    assert score_listing("Aneka ATK murah", description).verdict is Verdict.BENIGN


@pytest.mark.parametrize("title", ["#jualblankoektp #ready", "BLANKOOO E-KTPPP", "e-ktp kosoooong chip",
                                   "blnko e-ktp", "blangco ektp", "belangko e-KTP", "blankoo ktp el"])
def test_hashtags_stretched_letters_and_typos(title: str) -> None:
    assert score_listing(title).verdict is Verdict.BLANK


@pytest.mark.parametrize("title", ["Jasa gawe KTP", "Nyieun KTP gancang", "Damel KTP enggal",
                                   "KTP bisa dipake verifikasi", "E-KTP seperti asli", "KTP lolos verifikasi bank",
                                   "KTP palsu bahan PVC", "KTP palsu kertas"])
def test_forgery_in_regional_verbs_words_and_materials_is_related(title: str) -> None:
    assert score_listing(title).verdict is Verdict.RELATED


@pytest.mark.parametrize("title", ["Koran Kompas berita blangko e-KTP", "Majalah liputan blangko e-KTP kosong",
                                   "Buku polemik blangko e-KTP", "Skripsi blangko e-KTP", "Jurnal e-KTP kosong",
                                   "Ebook blangko e-KTP", "Kliping berita blangko e-KTP",
                                   "Cetak pas foto KTP 3x4", "Jasa edit foto KTP", "KTP kucing custom",
                                   "KTP anabul lucu"])
def test_publications_photo_services_and_pet_cards_are_benign(title: str) -> None:
    assert score_listing(title).verdict is Verdict.BENIGN


def test_a_pet_card_offered_as_a_usable_id_is_related() -> None:
    assert score_listing("KTP kucing lolos verifikasi pinjol").verdict is Verdict.RELATED


@pytest.mark.parametrize("text", ["Hub (+62) 812-3456-7890", "WA +62 (812) 3456 7890", "wa (62)81234567890",
                                  "+62 (0)812 3456 7890", "(0812) 3456 7890"])
def test_phones_with_bracketed_country_or_operator_codes(text: str) -> None:
    assert [(i.kind, i.value) for i in extract_identifiers(text)] == [("phone", "+6281234567890")]


def test_every_chip_uid_of_a_list_after_one_chip_word() -> None:
    uids = ["04A23B1C5D807E", "04112233445566", "04AABBCCDD1122", "04010203040506", "04FFEEDDCCBBAA"]
    text = "Daftar UID chip: " + ", ".join(":".join(u[i:i + 2] for i in range(0, 14, 2)) for u in uids)
    assert len(text) > 100
    assert [i.value for i in extract_identifiers(text) if i.kind == "chip_uid"] == uids


@pytest.mark.parametrize(("title", "description"), [
    ("Samsung Galaxy A15", "Syarat kredit cukup KTP. Box kosong tidak ada."),
    ("Rumah dijual", "Tanah kosong, sertifikat SHM. Siapkan KTP dan KK."),
    ("Lowongan kerja", "Kirim CV, KTP, blangko isian terlampir."),
    ("Kartu perdana kosong", "Registrasi pakai KTP."),
    ("Promo cicilan cukup KTP", "Barang bisa dipakai langsung."),
    ("Blanko surat kuasa", "Isi nama dan nomor KTP."),
])
def test_words_apart_in_an_ordinary_listing_are_not_evidence(title: str, description: str) -> None:
    assert score_listing(title, description).verdict is Verdict.BENIGN


@pytest.mark.parametrize(("title", "description"), [
    ("Rental mobil lepas kunci", "Syarat: foto KTP dan selfie, jaminan KTP asli."),
    ("Kredit HP tanpa DP", "Lampirkan foto KTP, upload selfie dengan KTP."),
])
def test_a_ktp_asked_of_the_buyer_is_not_on_offer(title: str, description: str) -> None:
    assessment = score_listing(title, description)
    assert assessment.verdict is Verdict.BENIGN
    assert any("asked of the buyer" in r.detail for r in assessment.reasons)
