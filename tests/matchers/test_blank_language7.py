"""Rows of ``corpus/blank_language7*.jsonl`` held to their labels, and the 2.7 narrowing of the buyer's demand as a
metamorphic property.

blank_language7.jsonl (22 blank offers written as evaders write them, 4 related, 14 hard negatives), 7b (16 blank
offers in the language of the 2.6 blank/related boundary) and 7d (12 blank offers, 6 hard negatives) were each written
and committed before anything was learnt from them; their unseen figures are in corpus/README.md.
``blank_language7_concepts.jsonl`` holds the rows written for each 2.7 concept, hard negatives beside them.  Rows 2.7
still gets wrong are strict xfails with why (measured, not tuned away).
"""

from __future__ import annotations

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from matchers import score_listing
from tests.matchers.tune_rows import labelled_params, tune_rows

ROWS = tune_rows("blank_language7*")
STILL_MISSED = {
    "b7a-001": "'Kartu chip putih ukuran identitas nasional': 'ukuran' reads as a card's size (a holder's word), and "
               "the chip card from 'bahan yang dipakai dukcapil' names no ID term",
    "b7c-voice-11": "'E-KTP kosong sisa kantor' / 'Kami beli. Hubungi saya, cash di tempat.': 'tempat' halves the "
                    "demand's focus and the title's blank is discounted as asked for: neither channel reaches its bar",
}


@pytest.mark.parametrize("row", labelled_params(ROWS, STILL_MISSED))
def test_blank_language7_row_gets_its_label(row: dict) -> None:
    assert score_listing(row["title"], row["description"]).verdict.value == row["label"]


#: Blank offers with no sale word heading the blank (so boundary6's demand rule may govern them).
_OFFERS = [
    ("Blangko KTP-el", "Masih kosong, chip aktif. Harga 160rb."),
    ("E-KTP kosongan", "Stok 30 lembar, belum dicetak."),
    ("Blanko e-KTP kosong", "Belum ada data, 150rb per lembar."),
]
#: The poster's own voice taking, buying or needing something other than the goods: a seller's terms, where its
#: stock was bought, its own need (2.7: boundary6 read each as a buyer's demand).
_SELLER_VOICE = st.sampled_from([
    "{we} terima komplain kalau barang rusak.", "Siap terima retur jika cacat.", "{we} terima reseller dan dropshipper.",
    "{we} beli langsung dari gudang jadi harga miring.", "Barang {we} beli resmi, bukan curian.",
    "{we} butuh uang makanya dilepas murah.", "{we} membutuhkan waktu 1 hari untuk packing.",
    "Tampung pertanyaan via chat.", "{we} tampung order sampai jam 5 sore.", "{we} mencari mitra penjualan di daerah.",
])


@settings(max_examples=60, deadline=None)
@given(offer=st.sampled_from(_OFFERS), line=_SELLER_VOICE, we=st.sampled_from(["Kami", "Saya", "kita", "sy"]))
def test_a_sellers_own_voice_never_turns_a_blank_offer_into_a_demand(offer: tuple[str, str], line: str, we: str) -> None:
    title, description = offer
    assert score_listing(title, description).verdict.value == "blank"
    assert score_listing(title, f"{description} {line.format(we=we)}").verdict.value == "blank"


@pytest.mark.parametrize("description", [
    "Saya beli semua. Bayar tunai, COD Bandung.", "Kami tampung berapapun, harga tinggi.", "Kami beli. Bayar cash.",
])
def test_a_demand_apart_from_the_blank_words_stays_related(description: str) -> None:
    assert score_listing("Blanko e-KTP kosong", description).verdict.value == "related"
