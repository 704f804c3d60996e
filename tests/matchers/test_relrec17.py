"""Related recall (relrec17): relrec16's readings on 2.14, and the readings shared by the misses of two writers.

relrec16 (a person's data printed onto a blank or an ID card, an ID's card copied, data as asked) was merged onto 2.14;
these readings follow, each with hard negatives beside it in ``corpus/relrec17_concepts.jsonl`` (``rr17c-<reading>-…``):

* ``buyerid``: a blank the buyer has takes the ID it is a blank of ("udah punya blangko e-KTP", "blanko KTP bawa
  sendiri"): the ID term is the buyer's blank's too.  2.14 read "Yang sudah punya blangko e-KTP, kami isi data." as a
  blank e-KTP and, put before a title, turned 4,445 of 4,453 read-right tune hard negatives blank (after it 2,334, before
  and after the description 2,533 and 2,509); relrec16's ``BUYERBLANK`` took the blank word and left the e-KTP term to
  join the listing's own empty words (470 before a title).  Now the line moves no more than the same line without its
  blank ("Yang sudah punya, kami isi data."): what that moves is 2.14's, a first title clause naming nothing;
* ``vehicle``: a blank vehicle paper ("blanko STNK dan BPKB kosong"): a blank civil form (holdout13 and ``_a``), with a
  blank word only ("STNK kosong" is a wallet's);
* ``copy``: the spoken "gandain" as "gandakan" ("buat gandain kartu identitas", holdout13 and a concept row): an ID's card
  copied (``id_copied``); a key's or an access card's copy names no ID.

``corpus/relrec17_a.jsonl`` was committed before any matcher edit and measured on 2.14 first (corpus/README.md).
"""

from __future__ import annotations

import re

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from matchers import score_listing, score_many
from matchers.result import Assessment
from tests.matchers.lever_checks import (
    every_fifth_hard_negative,
    lowered,
    raised,
    read_blank,
    with_line,
)
from tests.matchers.line_places import PLACES
from tests.matchers.tune_rows import labelled_params, read_right_offers, tune_rows

#: Rows the readings do not reach, measured: strict xfails with why.
STILL_MISSED = {
    "rr17a-011": "a diploma set with 'nama & nilai sesuai pesanan': names and marks as ordered with no ID term; a "
                 "certificate printer's 'nama sesuai pesanan' says as much",
    "rr17a-017": "a chip writer with blank cards 'buat copy KTP-el': 'copy KTP' is a photocopy as often (job adverts ask "
                 "for one), and the writer in the title's product phrase outweighs the kit found apart",
    "rr17a-029": "a found wallet's KTP named with its owner: read as an identity traded (2.14 alike)",
    "rr17a-040": "a how-to for a lost KTP (bring a police letter and a KK copy to the office): read as a KTP service "
                 "(2.14 alike)",
    "rr17c-copy-02": "as rr16c-copy-04: the copy is read, the empty chip cards in the title's clause still read as blanks "
                     "(a copy does not take the blank channel from the title's product phrase: lever)",
}

ROWS = tune_rows("relrec17_concepts") + tune_rows("relrec17_a")


@pytest.mark.parametrize("row", labelled_params(ROWS, STILL_MISSED))
def test_a_row_gets_its_label(row: dict) -> None:
    assert score_listing(row["title"], row["description"]).verdict.value == row["label"]


_VEHICLE = re.compile(r"stnk|bpkb")
_GANDAIN = re.compile(r"(?<!\S)(?:gandain|digandain|ngegandain)(?!\S)")


def _by_a_new_reading(got: Assessment) -> bool:
    """A reason only this change gives: a blank form of vehicle papers, or an ID copied by 'gandain'."""
    return any(r.weight > 0 and ((r.rule == "blank_civil_form" and _VEHICLE.search(r.matched))
                                 or (r.rule == "id_copied" and _GANDAIN.search(r.matched))) for r in got.reasons)


def test_the_new_readings_turn_no_tune_hard_negative() -> None:
    """Rule 6: over every tune hard negative (~4,500), those read related or blank with a new reading counted: none."""
    negatives = [row for row in tune_rows() if row["label"] == "benign"]
    got = score_many((r["title"], r["description"]) for r in negatives)
    assert raised(negatives, got, by=_by_a_new_reading) == []


#: The known lever and the same line without its blank: a buyer's own blank e-KTP must move nothing the bare line
#: does not (2.14: 4,445 / 2,334 / 2,533 / 2,509 of 4,453 hard negatives turned blank in the four places).  Over all
#: read-right tune rows (lev.py, not a fifth) the branch: blank 109 / 2 / 8 / 0 (the bare line 108 / 0 / 8 / 0), offers
#: lowered 10 / 2 / 6 / 0 (bare 8 / 0 / 5 / 0).  The few beyond the bare line's are hashtag titles (p12c-tags-03,
#: h6-hardneg-0178 turned blank; lang-editfile-09, lang-reader-07 lowered, before and after the title) whose tags the
#: line's clause leaves unread as the listing's words, and v6a-045 (a NIK beside a KTP found apart at half focus, the
#: line before the description); not in the fifth this test reads.
KNOWN = "Yang sudah punya blangko e-KTP, kami isi data."
BARE = "Yang sudah punya, kami isi data."


@pytest.mark.parametrize("where", PLACES)
def test_a_buyers_blank_turns_no_hard_negative_blank(where: str) -> None:
    """Rule 3: over every fifth read-benign tune hard negative, the known line turns blank only what the bare line does."""
    kept = every_fifth_hard_negative()
    assert read_blank(kept, with_line(kept, KNOWN, where)) <= read_blank(kept, with_line(kept, BARE, where))


@pytest.mark.parametrize("where", PLACES)
def test_a_buyers_blank_hides_no_offer(where: str) -> None:
    """Rule 3, the other way: over every fifth read-right offer, the known line lowers only what the bare line does."""
    offers = read_right_offers()[::5]
    assert set(lowered(offers, with_line(offers, KNOWN, where))) <= set(lowered(offers, with_line(offers, BARE, where)))


@settings(max_examples=40, deadline=None)
@given(have=st.sampled_from(["Yang sudah punya blangko e-KTP", "Udah punya blanko KTP", "Blangko e-KTP bawa sendiri",
                             "Bawa blangko KTP-el"]),
       goods=st.sampled_from(["Sampul e-KTP kosong", "Kartu ucapan kosong", "Kartu garansi blanko", "Map dokumen polos"]))
def test_a_buyers_blank_is_no_blank_on_offer(have: str, goods: str) -> None:
    """The buyer's own blank, ID named, beside goods with their own empty word: never a blank e-KTP on offer."""
    assert score_listing(goods, f"{have}? Simpan rapi di sini. {goods}, isi 10.").verdict.value != "blank"


@settings(max_examples=40, deadline=None)
@given(paper=st.sampled_from(["STNK", "BPKB", "STNK dan BPKB"]),
       holder=st.sampled_from(["Dompet", "Map", "Sampul", "Cover"]))
def test_vehicle_papers_are_a_blank_form_with_a_blank_word_only(paper: str, holder: str) -> None:
    """A blank word with vehicle papers is a blank form; a holder of them, empty, is a holder."""
    assert score_listing(f"Blanko {paper}", f"Blanko {paper} masih polos, nomor seri lengkap.").verdict.value == "related"
    assert score_listing(f"{holder} {paper}", f"{holder} {paper} kulit, masih kosong.").verdict.value == "benign"


@settings(max_examples=40, deadline=None)
@given(verb=st.sampled_from(["gandain", "digandain", "ngegandain"]),
       other=st.sampled_from(["kunci motor", "kartu akses kos", "kartu parkir", "kunci rumah"]))
def test_gandain_copies_an_id_only_with_an_id(verb: str, other: str) -> None:
    """'Gandain' is a tool to copy IDs only with an ID as its object: a key's or an access card's copy is a locksmith's."""
    assert score_listing("Jasa duplikat", f"Bisa {verb} {other}, 15 menit jadi.").verdict.value == "benign"
    assert score_listing("Kartu magic UID", f"Bisa {verb} kartu identitas ke kartu baru.").verdict.value == "related"


#: A line of each new reading and a line 2.14 already read the same way: the new one turns blank no read-benign hard
#: negative its sibling leaves.  Measured over all ~4,450 (lev.py): the vehicle line 351 / 155 / 133 / 124 in the four
#: places, 2.14 351 / 155 / 133 / 121; the copy line 241 / 101 / 93 / 90, 2.14 241 / 105 / 93 / 87.  The three more
#: after the description (bl5c-hardneg-013, bl6c-cat-hardneg-08, p12a-003: a map for blanks, a catalogue, a kelurahan's
#: notice) are what a second related offer beside a listing's own blank e-KTP words does on 2.14 ("Blanko KK juga ada.",
#: "Blanko akta juga ada." turn the same three): the line is an offer, and those words become its goods.  Neither line
#: hides an offer 2.14 does not (vehicle 3 / 2 / 0 / 0, 2.14 6 / 5 / 5 / 0; copy 3 / 0 / 0 / 0, 2.14 10 / 8 / 1 / 0).
SIBLINGS = (("Blanko STNK dan BPKB juga ada.", "Blanko KK dan akta juga ada."),
            ("Bisa gandain kartu identitas.", "Bisa salin kartu identitas."))


@pytest.mark.parametrize("where", PLACES)
@pytest.mark.parametrize(("line", "sibling"), SIBLINGS)
def test_a_new_reading_turns_blank_only_what_its_sibling_does(line: str, sibling: str, where: str) -> None:
    kept = every_fifth_hard_negative()
    assert read_blank(kept, with_line(kept, line, where)) <= read_blank(kept, with_line(kept, sibling, where))
