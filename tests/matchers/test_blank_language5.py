"""Blank offers by concept (``corpus/blank_language5*.jsonl``) and the 2.5 blank concepts as properties.

blank_language5.jsonl, 5b, 5c and 5e were each written and committed before the change they
measured (figures in corpus/README.md); the ``_concepts``, ``_words``, ``_independent4`` and
``5e_words`` files hold rows for the concepts then added, hard negatives beside them.  Every row is
held to its label here; the rows 2.5 still gets wrong are strict xfails with why.
"""

from __future__ import annotations

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from matchers import score_listing
from matchers.normalise import _fold, _normalise_by_regex, normal_words
from tests.matchers.tune_rows import labelled_params, tune_rows

ROWS = tune_rows("blank_language5*")
#: Rows 2.5 still gets wrong, with why (measured, not tuned away).
STILL_MISSED = {
    "bl5-blank-020": "'Kartu kosong' / 'buat e-KTP, …': 'buat e-KTP' at a clause's start reads as making a KTP (related)",
}


@pytest.mark.parametrize("row", labelled_params(ROWS, STILL_MISSED))
def test_blank_language5_row_gets_its_label(row: dict) -> None:
    assert score_listing(row["title"], row["description"]).verdict.value == row["label"]


# --- one word spelled in pieces with separators of more than one kind ------------------------------

_SEPARATORS = [". ", "-", ".", "_", " ", "*", "~", "/"]


@st.composite
def _pieces(draw: st.DrawFn, word: str) -> str:
    """``word`` cut into pieces of one or two letters, joined by separators of two kinds or more."""
    cuts, at = [], 0
    while at < len(word):
        size = draw(st.integers(1, 2))
        cuts.append(word[at : at + size])
        at += size
    joins = draw(st.lists(st.sampled_from(_SEPARATORS), min_size=len(cuts) - 1, max_size=len(cuts) - 1))
    kinds = {mark.strip() for mark in joins} - {""}
    if len(cuts) < 3 or len(kinds) < 2:
        joins = [". ", "-"] + ["."] * (len(cuts) - 3) if len(cuts) >= 3 else joins
    return cuts[0] + "".join(mark + piece for mark, piece in zip(joins, cuts[1:], strict=True))


@settings(max_examples=80, deadline=None)
@given(_pieces("blanko"), st.sampled_from(["e-KTP", "KTP-el", "ektp"]))
def test_a_blank_word_spelled_with_mixed_separators_stays_blank(spelled: str, id_term: str) -> None:
    # 2.4 cut "b. l-a n.k o" at its full stop and read "la", "n", "koe": benign
    assert score_listing(f"{spelled} {id_term}", "ready").verdict.value == "blank", spelled


@settings(max_examples=80, deadline=None)
@given(st.sampled_from(["blanko", "kosong", "ektp", "ktpel"]).flatmap(_pieces),
       st.sampled_from(["", "Jual ", "ready ya. ", "Ok. "]), st.sampled_from(["", " e-KTP", " ga bs nego", " k.t.p"]))
def test_the_fast_reading_of_pieces_agrees_with_the_definition(spelled: str, before: str, after: str) -> None:
    text = before + spelled + after
    assert normal_words(text) == _normalise_by_regex(_fold(text)).split(), text


@settings(max_examples=40, deadline=None)
@given(_pieces("blanko"))
def test_a_pvc_card_spelled_with_mixed_separators_stays_benign(spelled: str) -> None:
    assert score_listing(f"Kartu PVC {spelled} ukuran e-KTP", "isi 100, untuk printer ID card").verdict.value == "benign"


# --- wanted adverts ask for blanks; a seller's question opens an offer ------------------------------

_OFFERS = ["blanko e-KTP kosong", "blangko KTP-el", "e-KTP kosong belum tercetak"]


@pytest.mark.parametrize("wanted", ["Dicari", "WTB", "Siapa punya", "Yang punya", "Butuh", "Mencari"])
@pytest.mark.parametrize("offer", _OFFERS)
def test_a_wanted_advert_is_a_demand_not_a_blank(wanted: str, offer: str) -> None:
    # 2.4 read every one of these as a blank on offer
    assert score_listing(f"{wanted} {offer}", "butuh banyak, hubungi saya").verdict.value == "related"


@pytest.mark.parametrize("seeking", ["Cari", "Butuh", "Lagi cari", "Nyari"])
@pytest.mark.parametrize("offer", _OFFERS)
def test_seeking_asked_as_a_question_opens_an_offer(seeking: str, offer: str) -> None:
    assert score_listing(f"{seeking} {offer}?", "Ready di sini kak, stok banyak.").verdict.value == "blank"


@pytest.mark.parametrize("seller", ["Blanko e-KTP paling dicari", "Dicari reseller blanko e-KTP",
                                    "Bagi yang butuh blanko e-KTP", "Yang butuh blanko e-KTP"])
def test_a_seller_addressing_buyers_is_no_wanted_advert(seller: str) -> None:
    assert score_listing(seller, "ready stok, kosong, original").verdict.value == "blank"


# --- an ID named as what the buyer need not give is no blank ------------------------------------------

@pytest.mark.parametrize("title", ["Pinjaman online cepat cair", "Daftar akun game", "Pulsa murah", "Paylater tanpa ribet"])
@pytest.mark.parametrize("absent", ["tanpa foto KTP", "tanpa data KTP", "tidak perlu foto KTP", "tanpa scan e-KTP"])
def test_without_a_ktp_photo_is_no_blank(title: str, absent: str) -> None:
    # 2.4 read "tanpa foto KTP" as "a KTP without a photo": blank 96.8
    assert score_listing(title, f"Proses cepat, {absent}, cair 5 menit.").verdict.value != "blank"


# --- a shop's list of goods under a vague title -----------------------------------------------------

#: Goods a shop lists beside a blank: ones that are hard negatives (a list names other products in
#: two clauses or more: the catalogue concept), and plain ones.
#: (A printer is left out: a machine listed with blanks is a kit, related.)
_NEGATIVE_GOODS = ["map plastik", "kertas HVS", "holder KTP", "lanyard", "casing HP", "blangkon"]
_PLAIN_GOODS = ["stapler", "amplop coklat", "lakban bening", "pulpen", "stempel"]


@settings(max_examples=60, deadline=None)
@given(st.lists(st.sampled_from(_NEGATIVE_GOODS), min_size=2, max_size=4, unique=True),
       st.lists(st.sampled_from(_PLAIN_GOODS), max_size=3, unique=True), st.randoms(use_true_random=False),
       st.integers(1, 7), st.booleans())
def test_a_blank_in_a_shops_list_is_on_offer_and_the_list_alone_is_not(
        negative: list[str], plain: list[str], rng: object, at: int, numbered: bool) -> None:
    items = negative + plain
    rng.shuffle(items)  # type: ignore[attr-defined]

    def listed(things: list[str]) -> str:
        if numbered:
            return "Kami menyediakan: " + " ".join(f"{n}) {thing}" for n, thing in enumerate(things, 1)) + "."
        return "Ready: " + ", ".join(things) + "."

    assert score_listing("Toko ATK Sinar Jaya", listed(items)).verdict.value == "benign"
    items.insert(min(at, len(items)), "blangko KTP elektronik kosong asli")
    # 2.4 read the first item ("Ready: map plastik") as the product phrase: benign
    assert score_listing("Toko ATK Sinar Jaya", listed(items)).verdict.value == "blank", items


#: Spellings the property above found that 2.9 still reads benign (a simulation of its strategy: 3 of 3,000 draws): a
#: space, a stop and another mark mixed inside one spelled-out word, a lone letter or two-letter piece between them.
#: Named here as strict xfails, so a fix shows and the random property does not fail on what is already known.
_STILL_MISSPELLED = ["b. l an k-o e-KTP", "b l. a. n*k o e-KTP", "b*l an k. o e-KTP", "bl_a. n.k. o e-KTP"]


@pytest.mark.xfail(strict=True, reason="a spelled-out blank word whose pieces mix spaces, stops and marks is not joined")
@pytest.mark.parametrize("title", _STILL_MISSPELLED)
def test_a_blank_word_spelled_with_spaces_and_stops_mixed_is_still_lost(title: str) -> None:
    assert score_listing(title, "").verdict.value == "blank"
