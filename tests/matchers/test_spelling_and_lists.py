"""2.5: phrase words in canonical spelling, documents listed over clauses, the cue a word stands under."""

from __future__ import annotations

import pytest

from matchers import score_listing
from matchers.lexicon import PHRASE_WORDS, canonical_words


def test_every_phrase_word_is_its_own_spelling() -> None:
    """Phrases match canonical words: 2.4 waited for "terima beres" where "beres" is always
    "selesai", for "kertas sekuriti" where "kertas" is always "plastik", and read "printed",
    "pass" and "kekosongan" as typos of other words, so those phrases never matched."""
    respelled = sorted(word for word in PHRASE_WORDS if canonical_words(word) != [word])
    assert respelled == []


@pytest.mark.parametrize("description", ["ganti nama, terima beres", "tinggal terima beres, 1 minggu"])
def test_a_process_handed_over_whole_is_a_fast_track(description: str) -> None:
    assert score_listing("Urus akta kelahiran", description).verdict.value == "related"


DOCUMENTS = ["KTP", "KK", "NPWP", "akta", "SIM"]


@pytest.mark.parametrize("separator", [", ", " / ", " | ", " - ", "; "])
@pytest.mark.parametrize("claim", ["hasil kayak asli", "bisa dipakai buat verifikasi", "nama bisa request"])
def test_documents_listed_over_clauses_are_one_item(separator: str, claim: str) -> None:
    """A list of documents cut by commas or slashes is one item: what the listing says of
    them next to the list is said of them (2.4 counted each document as a clause, so a claim
    after five of them was too far away)."""
    description = f"{separator.join(DOCUMENTS)}, bisa pesan, {claim}"
    assert score_listing("Jual dokumen", description).verdict.value == "related"


@pytest.mark.parametrize("separator", [", ", " / "])
@pytest.mark.parametrize(("title", "description"), [
    ("Lowongan admin gudang", "Syarat: {docs}, lamaran paling lambat Jumat"),
    ("Map dokumen plastik", "muat {docs}, bahan tebal, tidak mudah sobek"),
    ("Jasa fotokopi dan print", "{docs}, print warna, jilid skripsi, hasil rapi"),
])
def test_a_list_of_documents_alone_is_no_offer(separator: str, title: str, description: str) -> None:
    assert score_listing(title, description.format(docs=separator.join(DOCUMENTS))).verdict.value == "benign"


def test_a_cue_governs_up_to_the_next_one() -> None:
    """Run on after a free consultation, a cross-selling line's plain T-shirt ("kaos polos") is
    cross-sold, not a free add-on of the notary's deed: it is no blank form (2.4 took the clause's
    first cue for every word in it)."""
    assessment = score_listing("Jasa notaris akta tanah",
                               "akta jual beli tanah, konsultasi gratis Kami juga menjual kaos polos dan kemeja batik.")
    assert assessment.verdict.value == "benign"
    assert any("cross-selling" in reason.detail for reason in assessment.reasons if reason.matched == "kosong")


@pytest.mark.parametrize(("title", "description"), [
    ("Lowongan staf gudang", "Bawa CV, fotokopi KTP, ijazah terakhir saat interview."),
    ("Rekrutmen kurir", "Kirimkan berkas lamaran, data KTP, SIM C ke alamat kantor."),
    ("Klaim asuransi motor", "Data KTP pemilik, STNK dan foto kerusakan dibutuhkan untuk klaim."),
])
def test_papers_an_applicant_sends_are_asked_not_sold(title: str, description: str) -> None:
    """A list an imperative opens with a job application's papers, or a requirement word closes,
    is what the buyer brings (2.4 read 'data KTP' in it as data for sale)."""
    assert score_listing(title, description).verdict.value == "benign"


@pytest.mark.parametrize("description", [
    "Kirim hari ini, data KTP + selfie, fresh.",
    "Data KTP valid, siap pakai, DP diperlukan.",
    "Jual data KTP, selfie dengan KTP, dibutuhkan untuk verifikasi pinjol.",
])
def test_a_sellers_list_stays_on_offer(description: str) -> None:
    assert score_listing("Paket verifikasi", description).verdict.value == "related"
