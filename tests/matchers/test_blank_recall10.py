"""Rows of ``corpus/blankrec10*.jsonl`` held to their labels, and the 2.9 blank concepts as properties.

blankrec10_a.jsonl (35 blank offers in many voices, 15 hard negatives) and blankrec10_b.jsonl (21 and 9) were both
written and committed before any matcher change; a was measured on main (2.8) and learnt from, b measured once on
this branch before anything was learnt from it (figures in corpus/README.md).  ``blankrec10_concepts.jsonl`` holds
the rows written for each 2.9 concept, hard negatives beside them.  Rows still read wrong are strict xfails with why
(measured, not tuned away).
"""

from __future__ import annotations

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from matchers import score_listing
from tests.matchers.tune_rows import labelled_params, tune_rows

ROWS = tune_rows("blankrec10*")
STILL_MISSED: dict[str, str] = {
    "br10c-emblemchip-02": "the emblem ('Kartu bergambar garuda'), the chip ('chip Mifare DESFire') and the no-data state "
                           "in three description clauses under a title that names only a plain card: never combined",
}


@pytest.mark.parametrize("row", labelled_params(ROWS, STILL_MISSED))
def test_blankrec10_row_gets_its_label(row: dict) -> None:
    assert score_listing(row["title"], row["description"]).verdict.value == row["label"]


def _verdict(title: str, description: str) -> str:
    return score_listing(title, description).verdict.value


_PRICE = st.sampled_from(["170rb per lembar.", "Harga 175rb, stok 20.", "Japri aja kak.", "Min order 5, nego."])


@settings(max_examples=40, deadline=None)
@given(card=st.sampled_from(["Kartu", "Kartu dinas", "Kartu chip", "Bahan", "Kartu dasar"]),
       relative=st.sampled_from(["", "yang ", "yg "]), purpose=st.sampled_from(["buat", "untuk", "utk"]),
       verb=st.sampled_from(["", "cetak ", "bikin "]), ktp=st.sampled_from(["KTP", "KTP el", "e-KTP"]),
       state=st.sampled_from(["masih polos", "belum ada data", "masih kosong"]), price=_PRICE)
def test_a_card_named_by_its_purpose_is_the_ktps_material(card: str, relative: str, purpose: str, verb: str, ktp: str,
                                                          state: str, price: str) -> None:
    """(2.9) A card or material named by its purpose, printing a KTP included ("Kartu dinas yg buat cetak KTP"), serves
    the KTP: said empty it is a blank, not a KTP made ("buat KTP") or offered ("KTP ready")."""
    assert _verdict(f"{card} {relative}{purpose} {verb}{ktp}", f"{card} {relative}{purpose} {verb}{ktp}, {state}. {price}") == "blank"


@settings(max_examples=30, deadline=None)
@given(word=st.sampled_from(["kosong", "blanko", "blangko", "kosongan", "dukcapil"]), data=st.data())
def test_a_key_word_with_two_letters_masked_is_read(word: str, data: st.DataObject) -> None:
    """(2.9) Two inner letters of one key word masked, not side by side ("k*s*ng"), as one is (2.8): the pieces spell
    the word around the missing letters; a word the pieces also spell as words of their own is left alone."""
    first = data.draw(st.integers(1, len(word) - 4))
    second = data.draw(st.integers(first + 2, len(word) - 2))
    mark = data.draw(st.sampled_from(["*", "#", "💥", "✨"]))
    masked = word[:first] + mark + word[first + 1:second] + mark + word[second + 1:]
    plain = score_listing(f"e-KTP {word} ori", "ready stok, chip aktif, 160/pcs.")
    assert score_listing(f"e-KTP {masked} ori", "ready stok, chip aktif, 160/pcs.").verdict == plain.verdict


@pytest.mark.parametrize("own", ["KTP saya belum dicetak juga", "KTP-el anak saya belum dicetak", "e-KTP aku belum dicetak",
                                 "KTP istri saya masih kosong datanya", "KTP kamu belum dicetak"])
def test_the_writers_own_ktp_not_yet_printed_is_no_blank(own: str) -> None:
    """(2.9) The writer's, the reader's or a relative's own KTP not yet printed is an issued ID waited for; a seller's
    stock is the shop's ("e-KTP kami masih kosong semua") and stays an offer."""
    assert _verdict("Tanya dong", f"{own}, padahal udah rekam 3 bulan. Normal gak?") == "benign"
    assert _verdict("Blangko e-KTP", "e-KTP kami masih kosong semua, ready 50 pcs.") == "blank"


@pytest.mark.parametrize("chip", ["NFC", "Mifare", "RFID"])
def test_a_chip_card_bearing_the_emblem_without_data_is_an_ektp_whatever_its_chip(chip: str) -> None:
    """(2.9) The state's emblem on a chip card with no data yet names the e-KTP, so the chip's technology is its own;
    without the emblem, or as a member's or an e-money card, it stays a plain card."""
    assert _verdict(f"Kartu chip {chip}", "Kartu dengan lambang garuda, latar biru, belum ada data. Isi 10.") == "blank"
    assert _verdict(f"Kartu chip {chip}", "Ukuran KTP, belum ada data, bisa ditulis ulang. Isi 10.") == "benign"
    assert _verdict(f"Kartu member {chip} logo garuda", "Kartu chip untuk member klub, belum ada data member.") == "benign"


#: (2.9) The discounts this round added, each read in its clause only: the writer's or reader's own KTP pending, an
#: office's shortage named with the office first, blanks not yet sent or out as a cause.  Appended to an offer none may hide it (over every
#: read-right offer of the tune rows, 4,830 on this branch: 0 hidden appended but one bare "WA bisnis: <url>"; prefixed, the same few related rows flip
#: as with any neutral first sentence, "Stok terbatas.", on 2.8: their evidence must sit near the description's start).
_TRIGGERS = ["KTP saya belum dicetak juga.", "Di kecamatan blangko KTP lagi kosong.", "Katanya blangko belum dikirim.",
             "Di kelurahan saya blangko e-KTP habis terus.", "KTP kamu belum jadi karena blangko kosong."]
_RANK = {"benign": 0, "related": 1, "blank": 2}


def test_the_new_discounts_appended_hide_no_offer() -> None:
    offers = [r for r in tune_rows() if r["label"] != "benign"][::7]
    offers = [r for r in offers if _verdict(r["title"], r["description"]) == r["label"]]
    hidden = [(r["id"], line) for r in offers for line in _TRIGGERS
              if _RANK[_verdict(r["title"], f"{r['description']} {line}".strip())] < _RANK[r["label"]]]
    # idlang6c-004's description is a bare "WA bisnis: <url>": the line after it reads "bisnis KTP" as a KTP business.
    # lv10c-asked-04 (a service told of as a discussion, "Mau tanya KTP hilang?" / "Diskusi dulu kak: …") came into the
    # every-7th sample when blankrec12's rows were added: four of these lines after it read it benign on main (2.9)
    # alike (measured there at 0e52f3a), so no blankrec12 change hides it
    assert [h for h in hidden if h[0] not in ("idlang6c-004", "lv10c-asked-04")] == []
