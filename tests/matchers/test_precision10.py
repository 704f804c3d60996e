"""What is not a blank offer must not read blank; offers in the same words stay offers (precision10).

Each concept was measured first on fresh rows (``corpus/precision10_a.jsonl``, written and committed before any
change: 2.8 read 7 of its 34 related and benign rows blank, and one blank offer benign) and has true offers beside
it that use its words.  ``corpus/precision10_concepts.jsonl`` holds the hard negatives and hard positives of each
concept.  The concepts are read in their clause only (a cue governs the rest of its clause, as 2.8's report and
warning cues do), so a seller adding such a line to an offer hides nothing: the lever tests below add each trigger
to the read-right offers of the tune rows.
"""

from __future__ import annotations

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from matchers import score_listing
from tests.matchers.tune_rows import RANK, labelled_params, read_right_offers, tune_rows

#: Text that tells of blanks without offering them, one per concept: 2.8 read each as a blank offer.
TOLD_OF = {
    # someone else's sale told of: a cheat or an unknown account as the one selling, the trade's prevalence, a scheme
    "a cheat selling": ("Penipu jual blanko e-KTP di Telegram", "Rekeningnya sudah dilaporkan ke bank."),
    "an account claiming to sell": ("Info grup", "Saya transfer ke akun yang ngaku jual blanko KTP kosong, lalu diblok."),
    "prevalence": ("Berita daerah", "Menanggapi maraknya penawaran blangko KTP-el di marketplace, dinas bersurat ke platform."),
    "a scheme": ("Modus penipuan: akun IG jual blangko KTP kosong", "Korban diminta transfer DP dulu."),
    # an authority acting on the blanks, as news tells it
    "the ministry distributing": ("Kemendagri distribusikan blangko KTP-el", "Dukcapil mendistribusikan blangko KTP-el ke daerah."),
    "the ministry denying": ("Kemendagri bantah blanko e-KTP dijual bebas", "Warga diminta melapor."),
    "a council asking": ("DPRD minta Dukcapil tambah stok blangko KTP-el", "Antrean warga makin panjang."),
    "the state's scale": ("Pengadaan nasional", "Tahun ini 2 juta keping blangko KTP-el dikirim ke daerah."),
    # a cheat named after what it tells of
    "called a cheat": ("Peringatan", "Penjual blanko e-KTP di IG itu penipu."),
    # the office's supply said available there, in Javanese too; a shortage as hearsay
    "available at the office": ("Info pelayanan", "Blangko e-KTP sudah tersedia kembali di Kecamatan Cibinong."),
    "available, Javanese": ("Kabar warga", "Blangko KTP-el wis ana maneh ing kecamatan."),
    "shortage as hearsay": ("Sudah rekam, blangko katanya habis", "Sudah tiga bulan menunggu e-KTP."),
}

#: Offers that use the same words: they must stay what they are.
OFFERS = {
    "own account sells": ("Blanko e-KTP kosong asli", "Akun ini jual blanko e-KTP kosong asli, chip aktif. 180rb.", "blank"),
    "not a cheat": ("Blanko e-KTP kosong ready", "Kami jual blanko e-KTP kosong, bukan penipu. Harga 175rb.", "blank"),
    "not a cheat, run on": ("Kami bukan penipu jual blanko e-KTP asli", "Harga 180rb, chip aktif.", "blank"),
    "others' cheats warned of": ("Blangko KTP-el kosongan", "Banyak akun yang ngaku jual tapi tidak kirim. Blangko KTP-el kosongan "
                                 "ready 30 keping.", "blank"),
    "from the office": ("Blanko e-KTP asli dari dukcapil", "Masih kosong, 200rb, stok 100 keping.", "blank"),
    "ready again": ("Blanko e-KTP kosong ready lagi", "Kirim ke seluruh Indonesia, 185rb.", "blank"),
    "shortage answered": ("Blangko di kecamatan habis terus?", "Kami ready blanko e-KTP kosong asli, 180rb.", "blank"),
    "printed with a printer": ("Blanko e-KTP kosong bisa dicetak printer kartu", "Blanko asli, chip aktif, 195rb.", "blank"),
    "tested on a reader": ("Blanko e-KTP kosong chip aktif", "Sudah dites pakai Omnikey, chip terbaca. 195rb.", "blank"),
    # (2.10, the integrator's kit labels) the blank e-KTP named among a reader's goods is on offer: blank
    "a reader with blanks": ("Omnikey 5422 + blanko KTP-el 5 pcs", "Reader dan blanko e-KTP kosongan sepaket.", "blank"),
    "a reader with blank chips": ("Omnikey 5422 + chip blangko e-KTP 5 pcs", "Reader dan chip e-KTP kosong sepaket.", "related"),
}

#: precision10's rows still misread, each with why (measured, not tuned away)
STILL_MISSED = {
    "p10c-supply-02": "Javanese 'enggal mrana' (go there soon) after 'KTP' reads as a KTP made fast (document_shortcut)",
}


@pytest.mark.parametrize("name", sorted(TOLD_OF))
def test_text_that_tells_of_blanks_is_not_an_offer(name: str) -> None:
    assert score_listing(*TOLD_OF[name]).verdict == "benign"


@pytest.mark.parametrize("name", sorted(OFFERS))
def test_an_offer_in_the_same_words_stays_an_offer(name: str) -> None:
    title, description, label = OFFERS[name]
    assert score_listing(title, description).verdict == label


@pytest.mark.parametrize("row", labelled_params(tune_rows("precision10_a", "precision10_concepts"), STILL_MISSED))
def test_precision10_row_gets_its_label(row: dict) -> None:
    assert score_listing(row["title"], row["description"]).verdict == row["label"]


#: the offers of the tune corpus the matcher reads right (label = verdict)
READ_RIGHT = read_right_offers()

#: each concept's trigger as a line a seller could add (appended to the description, or before it)
TRIGGERS = {
    "someone else's sale": "Banyak akun yang ngaku jual blanko e-KTP palsu.",
    "a cheat selling": "Hati-hati penipu jual barang palsu.",
    "a third party offering": "Awas oknum yang menawarkan barang KW.",
    "prevalence": "Maraknya penjualan barang palsu bikin pembeli ragu.",
    "a scheme": "Waspadai modus penipuan di luar sana.",
    "an authority": "Dukcapil menegaskan stok aman.",
    "the state's scale": "Kemendagri kirim 1,5 juta keping blangko ke daerah.",
    "a council": "DPRD minta dukcapil tambah stok.",
    "called a cheat": "Yang jual murah itu penipu.",
    "the office's supply": "Blangko e-KTP hanya ada di dinas, tapi kami bantu.",
    "a shortage": "Di kecamatan blangko katanya habis, di sini ready.",
}


def _weaker(row: dict, title: str, description: str) -> bool:
    return RANK[score_listing(title, description).verdict.value] < RANK[row["label"]]


@pytest.mark.parametrize("trigger", sorted(TRIGGERS))
def test_a_trigger_appended_hides_no_offer(trigger: str) -> None:
    """Appended to every 10th read-right offer (the whole count, over all of them, is in the module's history:
    0 for every trigger)."""
    line = TRIGGERS[trigger]
    assert [r["id"] for r in READ_RIGHT[::10] if _weaker(r, r["title"], f"{r['description']} {line}".strip())] == []


@settings(max_examples=200, deadline=None)
@given(st.sampled_from(READ_RIGHT), st.sampled_from(sorted(TRIGGERS)))
def test_a_trigger_before_the_description_hides_no_offer_it_did_not_before(row: dict, trigger: str) -> None:
    """Put before the description, a trigger hides only what a neutral line there hides too (adding any sentence
    first moves the description's evidence a clause on: 5 such offers for every line, 2.8 alike)."""
    neutral = "Pengiriman cepat ke seluruh Indonesia."
    hides = _weaker(row, row["title"], f"{TRIGGERS[trigger]} {row['description']}".strip())
    assert not hides or _weaker(row, row["title"], f"{neutral} {row['description']}".strip())
