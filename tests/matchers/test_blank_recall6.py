"""Blank offers and hard negatives of ``corpus/blank_recall6*.jsonl`` held to their labels, and the 2.6 blank
concepts as properties.

blank_recall6.jsonl was written and committed before any 2.6 change (2.5 on it: blank P 50/51, R 50/55, hard
negatives 33/34 benign), blank_recall6b.jsonl before learning from it (2.5 and the first 2.6 change alike: blank P 30/31,
R 30/35, hard negatives 18/20; 6c, 6d and 6e likewise, figures in corpus/README.md; 6b's hard negative 037 read related is kept below, out of the corpus, whose every hard
negative must be benign); ``blank_recall6_concepts.jsonl`` holds rows for the concepts then added, hard negatives
beside them.  Rows 2.6 still gets wrong are strict xfails with why (measured, not tuned away).
"""

from __future__ import annotations

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from matchers import score_listing
from matchers.lexicon import _abbreviates_blank
from matchers.normalise import normal_words
from tests.matchers.tune_rows import tune_rows

ROWS = tune_rows("blank_recall6*")
STILL_MISSED = {
    "bl6c-cat-blank-10": "a list led by another product ('Ready: sarung, kad KTP kosong …, peci') counts only the "
                         "items named before the blank: the field's reading keeps no clause that names nothing",
    "bl6d-blank-002": "'Barang kantor capil' / 'Kartunya masih kosong belum dicetak': the card is named only as 'kartunya' "
                      "under a title naming the office's goods, no ID term or chip anywhere",
}


def _param(row: dict) -> object:
    marks = [pytest.mark.xfail(strict=True, reason=STILL_MISSED[row["id"]])] if row["id"] in STILL_MISSED else []
    return pytest.param(row, id=row["id"], marks=marks)


@pytest.mark.parametrize("row", [_param(row) for row in ROWS])
def test_blank_recall6_row_gets_its_label(row: dict) -> None:
    assert score_listing(row["title"], row["description"]).verdict.value == row["label"]


#: Hard negatives of the fresh batches the related channel reads as related (measured, not learnt: that channel is
#: another helper's); kept here, out of the corpus, whose every hard negative must be benign.
RELATED_MISREADS = [
    pytest.param("Reader e-KTP USB", "Untuk baca data e-KTP di kantor, tanpa aplikasi, kosong tanpa driver CD.",
                 id="bl6b-hardneg-037", marks=pytest.mark.xfail(strict=True, reason=(
                     "an empty word apart from a reader ('kosong tanpa driver CD') reads as a kit's blank chips"))),
    pytest.param("Paket usaha fotokopi", "Isi paket: mesin fotokopi, laminating, kertas, cocok buat jasa KTP.",
                 id="bl6d-hardneg-023", marks=pytest.mark.xfail(strict=True, reason=(
                     "'cocok buat jasa KTP' (a copy shop's kit) reads as a KTP service"))),
    pytest.param("Cetak ulang e-KTP rusak", "Informasi: e-KTP rusak bisa dicetak ulang gratis di dukcapil, bawa KTP lama.",
                 id="bl6d-hardneg-025", marks=pytest.mark.xfail(strict=True, reason=(
                     "a reprint at the office ('dicetak ulang gratis di dukcapil') reads as a KTP reprinted outside it"))),
]


@pytest.mark.parametrize(("title", "description"), RELATED_MISREADS)
def test_a_hard_negative_of_the_fresh_batches_is_benign(title: str, description: str) -> None:
    assert score_listing(title, description).verdict.value == "benign"


# --- the blank word shortened by chat ------------------------------------------------------------------


@settings(max_examples=60, deadline=None)
@given(st.lists(st.booleans(), min_size=4, max_size=4))
def test_the_blank_word_with_inner_letters_dropped_is_read_as_blank(kept: list[bool]) -> None:
    inner = "".join(letter for letter, keep in zip("angk", kept, strict=True) if keep)
    word = "bl" + inner + "o"
    if len(word) < 4:
        return
    assert _abbreviates_blank(word) or word == "blangko"  # the word itself is a listed spelling
    assert score_listing(f"{word} e-KTP", "ready").verdict.value == "blank"


@pytest.mark.parametrize("word", ["blog", "blok", "blangkon", "bloko", "balok", "bola", "blo", "blanket"])
def test_words_that_only_start_like_the_blank_word_are_not_it(word: str) -> None:
    assert not _abbreviates_blank(word)


# --- a list of goods led by another product -------------------------------------------------------------

_ITEMS = ["peci", "sajadah", "minyak wangi", "charger", "headset", "kabel data", "payung", "topi"]


@settings(max_examples=40, deadline=None)
@given(st.sampled_from(["casing HP", "sarung", "dompet pria", "tempat pensil"]),
       st.lists(st.sampled_from(_ITEMS), min_size=2, max_size=4, unique=True))
def test_a_blank_item_of_a_list_led_by_another_product_is_on_offer(lead: str, items: list[str]) -> None:
    description = ", ".join([f"Ready: {lead}", *items, "blangko e-KTP kosong asli"])
    assert score_listing("Serba ada", description).verdict.value == "blank"


@settings(max_examples=40, deadline=None)
@given(st.sampled_from(["Casing e-KTP", "Holder KTP", "Dompet e-KTP"]),
       st.lists(st.sampled_from(["bahan tebal", "jahitan rapi", "anti air", "warna hitam"]), min_size=2, max_size=4,
                unique=True))
def test_an_id_accessory_leading_its_own_features_stays_benign(lead: str, features: list[str]) -> None:
    # the lead names an ID's accessory: what follows describes it, it is no list of goods
    description = ", ".join([lead, *features, "cocok untuk blangko e-KTP kosong"])
    assert score_listing("Ready kak", description).verdict.value == "benign"


# --- a piece glued by a symbol to the letter before it ends that word ------------------------------------


@pytest.mark.parametrize("symbol", ["🔥", "*", "~", "_"])
@pytest.mark.parametrize("id_term", ["e-K*T*P", "e.k-t.p", "e-K🔥T🔥P", "e-KTP"])
def test_the_last_letter_of_a_word_spelled_with_a_symbol_stays_with_it(symbol: str, id_term: str) -> None:
    spelled = symbol.join("blanko")
    assert normal_words(f"{spelled} {id_term}")[0] == "blanko"
