"""precision14: who speaks of the blank — asked, refused, quoted under a report, or said by an office.

:func:`matchers.others_voices.blank_spoken_of_by_others` reads a listing read blank as no offer when every sentence
naming the blank asks for it ("Kak ada blangko KTP?"), refuses its sale ("toko ini tidak jual blangko"), frames a quoted
scam ("Akun itu posting: '…'"), reports an office speaking ("Kepolisian menyatakan …") or tells of it as notice_speaker
reads a notice, and no sentence prices or offers it.  Rule 3 (no new lever), both directions, each trigger put before
and after the description of every offer the tune rows read right (hides none, beyond what the line hides without the
reading) and of every hard negative read right (turns none blank); the counts are printed (``-s``).
"""

from __future__ import annotations

import pytest

from matchers import score_listing
from matchers.others_voices import blank_spoken_of_by_others
from tests.matchers.lever_checks import moved_with_and_without, read_benign, read_blank
from tests.matchers.tune_rows import labelled_params, read_right_offers, tune_rows

OFFERS = read_right_offers()
#: The benign rows read benign: a trigger line must turn none of them blank.
HARD_NEGATIVES = read_benign([row for row in tune_rows() if row["label"] == "benign"])
#: One line of each reading: a question, a question labelled, a refusal, a shop's refusal banner, a quoted scam under
#: its frame, an office said, a warning's headline, a refusal of something else.
TRIGGERS = ["Kak ada blangko e-KTP?", "Q: berapa harga blangko KTP-el?", "Toko ini tidak jual blangko KTP.",
            "PERHATIAN: kami TIDAK menjual blangko e-KTP dalam bentuk apapun.",
            "Hati-hati penipuan, akun itu posting: \"Ready blangko e-KTP 150rb\".",
            "Kepolisian menyatakan jual beli blangko e-KTP dilarang.", "Modus penipuan blangko e-KTP: contoh chat",
            "Kami tidak melayani pembuatan KTP jadi.", "Contoh chat penipu yang beredar:\n'Blangko KTP ready kak, 160rb'",
            "Fakta soal blangko e-KTP", "Ditjen Dukcapil menegaskan blangko e-KTP tidak diperjualbelikan.",
            "T: kak blangko e-KTP ada?\nJ: Blangko tersedia di kantor Disdukcapil, gratis.",
            "Viral 'blangko e-KTP murah 100rb', ternyata penipuan.", "Bukan kartu PVC biasa, bukan blangko KTP.",
            "- Stok: 320", "Saya transfer 900rb terus diblokir.", "Ceunah blangko KTP teu aya wae.",
            "Blangko KTP habis mulu di kecamatan.", "Silakan datang ke kantor Dukcapil, cetak KTP gratis.",
            "Tulisan tentang blangko e-KTP.", "Toko Serba Kartu - Makassar",
            "Barusan liat live jualan \"blanko ktp\" di tiktok, jelas itu scam."]


@pytest.mark.parametrize("line", TRIGGERS)
@pytest.mark.parametrize("where", ["tp", "dp", "da"])
def test_a_trigger_added_to_an_offer_hides_none(line: str, where: str, monkeypatch: pytest.MonkeyPatch) -> None:
    """Each trigger before the title, before and after the description of every read-right offer: what it hides with
    the reading is what it hides without it."""
    with_reading, without = moved_with_and_without(OFFERS, line, where, monkeypatch)
    assert with_reading - without <= KNOWN_HIDDEN.get(line, set())


#: Measured, not tuned away: a two-line Q&A with an office's answer hides the two offers whose only blank words stand
#: in a headed tag or search list ("Tag:", "Cari:"), which the reading reads as nobody's words (tags13's hard negatives
#: need that); a one-line trigger hides none.  relrec16: put before the title it hides two print shops over a blank the
#: buyer has ("Jasa cetak kartu" / "Punya blangko sendiri? … kami cetakin data kakak"): their only blank is the buyer's,
#: which the reading counts among the blanks others speak of.
#: (told18) Put before the title of t18c-own-02 (a print service over the buyer's blank under a why-question title),
#: "Tulisan tentang blangko e-KTP." heads the poster's own words with a blank named as a topic, so they read no related
#: offer of their own and the listing stays told: 2.15 hides it alike (measured); the row is told18's, new to this count.
KNOWN_HIDDEN = {"T: kak blangko e-KTP ada?\nJ: Blangko tersedia di kantor Disdukcapil, gratis.": {
    "t13a-023", "t13c-search-02", "rr16c-print-01", "rr16c-buyerblank-01"},
    "Tulisan tentang blangko e-KTP.": {"t18c-own-02"}}


@pytest.mark.parametrize("line", TRIGGERS)
@pytest.mark.parametrize("where", ["dp", "da"])
def test_a_trigger_added_to_a_hard_negative_turns_none_blank(line: str, where: str, monkeypatch: pytest.MonkeyPatch) -> None:
    """The other direction: the reading turns no read-right benign row blank that the line alone does not."""
    with_reading, without = moved_with_and_without(HARD_NEGATIVES, line, where, monkeypatch, moved=read_blank)
    assert with_reading - without == set()


def test_the_gate_changes_no_verdict(monkeypatch: pytest.MonkeyPatch) -> None:
    """The word gate only skips work: over every tune row, the reading with the gate says what it says without."""
    from matchers import others_voices
    from matchers.score import _spelled, _tags_in, _without_spelled_stops

    reading = others_voices.blank_spoken_of_by_others.__wrapped__
    fields = [(_without_spelled_stops(row["title"]), _without_spelled_stops(row["description"])) for row in tune_rows()]
    gated = [reading(title, description, _tags_in, _spelled) for title, description in fields]
    monkeypatch.setattr(others_voices, "_gated", lambda text: True)
    assert gated == [reading(title, description, _tags_in, _spelled) for title, description in fields]


def test_the_reading_is_asked_only_past_its_gate() -> None:
    """No question or quotation mark, refusal, office speech verb or warning word: the reading is not asked."""
    from matchers.score import _spelled, _tags_in

    assert not blank_spoken_of_by_others("Blangko e-KTP kosong", "Ready 50 keping, 170rb", _tags_in, _spelled)


#: precision14_a's rows still misread on this branch (measured, not tuned away)
STILL_MISSED = {
    "p14a-012": "a buyer's story of a scam ('nemu lapak yang nawarin blangko …, buat bikin KTP cepat'): 'bikin KTP' reads "
                "as a KTP-making service (related), which this reading of the blank does not judge",
    "p14a-016": "an office's Q&A under the title 'Info cetak e-KTP': the title names the e-KTP plainly, and 'jangan "
                "membeli blanko dari siapa pun' is a warning as an imperative, read as no one's telling",
    "p14a-019": "an own-KTP story titled 'Cerita cetak ulang e-KTP': 'cetak ulang e-KTP' reads as a KTP-making service "
                "(related)",
    "p14a-040": "a blank sold in a set under 'Holder KTP + blangko e-KTP kosong': the holder heading the title is its "
                "product phrase (misread on main as well)",
}
A_ROWS = tune_rows("precision14_a")


@pytest.mark.parametrize("row", labelled_params(A_ROWS, STILL_MISSED))
def test_precision14_a_row(row: dict) -> None:
    assert score_listing(row["title"], row["description"]).verdict.value == row["label"]


#: precision14_b, the after-measure (measured once at 8c07d24, not learnt from: main 2.11 blank P 8/10, the branch 8/9)
B_MISSED = {"p14b-013": "a court's verdict on a defendant 'yang menjual blangko KTP-el Rp 175.000': the price makes the "
                        "sentence a seller's before another's sale is read"}
B_ROWS = tune_rows("precision14_b")


@pytest.mark.parametrize("row", labelled_params(B_ROWS, B_MISSED))
def test_precision14_b_row(row: dict) -> None:
    assert score_listing(row["title"], row["description"]).verdict.value == row["label"]


CONCEPT_ROWS = tune_rows("precision14_concepts")


#: concept rows still misread: a title naming the blank as an advert's ("Screenshot iklan blangko palsu") is a product
#: phrase to this reading (an advert's word heads a seller's own title as easily)
CONCEPTS_MISSED = {"p14c-quoted-02": "the title 'Screenshot iklan blangko palsu' names the blank plainly"}


@pytest.mark.parametrize("row", labelled_params(CONCEPT_ROWS, CONCEPTS_MISSED))
def test_precision14_concept_row(row: dict) -> None:
    assert score_listing(row["title"], row["description"]).verdict.value == row["label"]
