"""Related recall (relrec15): identity trade that is not the blank itself.

Readings added from the fresh batch ``corpus/relrec15_a.jsonl`` (measured unseen on 2.12 first) and the shapes of the
retired holdouts' misreads, each with hard negatives beside it in ``corpus/relrec15_concepts.jsonl`` (``rr15c-<reading>-…``):

* ``clone``: cards, chips or software copying a card's chip, for an ID named after them (``id_clone``); a cloning line beside
  empty cards named with an ID where a machine or software is sold (``clone_tool_with_id_in_listing``), cards made copies
  beside a reader or writer of e-KTPs (``clone_cards_with_id_machine_in_listing``); the empty cards of such a kit are the
  copies' material, not blank e-KTPs (``_blank_cards_to_clone_onto``);
* ``bought``: a person's KTP or KK bought up in the poster's own voice (lexicon ``IDDATA``);
* ``school``: a state school's or university's blank certificate (``blank_school_form``), a kindergarten's is none;
* ``stamp``: an office's stamp and words saying it passes as real found apart (``office_stamp_passing_in_listing``);
* ``papers``: a document made without the papers it needs (``document_without_papers``);
* ``name``: an account sold in another person's name, in one clause under a sale word (``anothers_name``);
* ``madefor``: a KTP named in the title and made for the buyer in the description: tried and dropped (a seller's "Kami
  buatkan." line turned 100–140 more hard negatives in each place than 2.12), its rows kept as strict xfails;
* ``lent``: a name lent for a purpose ("untuk dipinjam namanya").

``corpus/relrec15_b.jsonl`` was written with ``_a`` and committed before any matcher edit, then measured once at the end.
"""

from __future__ import annotations

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from matchers import score_listing, score_many
from matchers.result import Assessment
from tests.matchers.lever_checks import every_fifth_hard_negative, lowered, raised, with_line
from tests.matchers.line_places import PLACES
from tests.matchers.tune_rows import labelled_params, read_right_offers, tune_rows

#: Rows the readings do not reach, measured: strict xfails with why.
STILL_MISSED = {
    "rr15c-school-07": "a school's notice that the state diplomas' blanks have not come from the office reads as a blank "
                       "form on offer, as 2.12 reads the same notice of blank KKs and birth certificates (blank_civil_form)",
    "rr15c-name-02": "'rekening' opens a payment sentence, so the other person's name said of it is a payment's",
    "rr15c-clone-02": "the empty cards and the e-KTP they suit stand in two clauses ('kartu kosong UID changeable, cocok "
                      "untuk e-KTP'): the kit found apart needs the cards named with the ID in one",
    "rr15c-madefor-01": "the reading was dropped: a KTP in the title and 'Kami buatkan' apart turned 100-140 more hard "
                        "negatives than 2.12 wherever a seller puts that line",
    "rr15c-madefor-02": "as rr15c-madefor-01",
    # rr15c-clone-11 (told18): read related; the e-KTP in the title that the copy names is the copied ID's, no blank's
    # relrec15_b, measured once at 113bff4 (main 2.12 misreads the same three): not learnt from
    "rr15b-010": "relrec15_b, measured once: a WTB of KTP + selfie sets in a buyer's voice reads benign",
    "rr15b-013": "relrec15_b, measured once: a made S1 diploma ('Ijazah S1 jadi … terdaftar') reads benign",
    "rr15b-019": "relrec15_b, measured once: a lost-KTP post reads as an identity traded (related)",
}

#: The rules this change added: what the precision count below looks for among a misread hard negative's reasons.
NEW_RULES = frozenset({"id_clone", "clone_tool_with_id_in_listing", "clone_cards_with_id_machine_in_listing",
                       "blank_school_form", "office_stamp_passing_in_listing", "document_without_papers", "anothers_name",
                       "identity_data"})
#: What the cloning kit's discount of the blank channel says in a reason.
KIT_CARDS = "empty cards of a cloning kit"


def _by_a_new_reading(got: Assessment) -> bool:
    """Whether a new reading made this verdict: a related one with a new rule counted, or the kit's cards discounted (a
    blank verdict is the blank channel's, which no new rule raises)."""
    return any(KIT_CARDS in r.detail for r in got.reasons) or (
        got.verdict.value == "related" and any(r.rule in NEW_RULES - {"identity_data"} and r.weight > 0 for r in got.reasons))

ROWS = tune_rows("relrec15_concepts") + tune_rows("relrec15_a") + tune_rows("relrec15_b")


@pytest.mark.parametrize("row", labelled_params(ROWS, STILL_MISSED))
def test_a_row_gets_its_label(row: dict) -> None:
    assert score_listing(row["title"], row["description"]).verdict.value == row["label"]


def test_the_new_readings_turn_no_tune_hard_negative_but_the_named_one() -> None:
    """Over every tune hard negative, the ones read related or blank with a new reading among their counted reasons:
    only the named notice (``identity_data`` is counted too, as the bought reading writes that tag; the rows it held
    before are listed by 2.12's verdicts, which this change leaves alone)."""
    negatives = [row for row in tune_rows() if row["label"] == "benign"]
    got = score_many((r["title"], r["description"]) for r in negatives)
    assert raised(negatives, got, by=_by_a_new_reading) == ["rr15c-school-07"]


#: A line built from each reading's own part, placed where a seller adds a line.
LEVER_LINES = ("Bisa copy UID.", "Software clone ikut.", "Atas nama orang lain.", "Tanpa KTP asli.", "Stempel kelurahan.")


@pytest.mark.parametrize("where", PLACES)
@pytest.mark.parametrize("line", LEVER_LINES)
def test_a_reading_line_hides_no_offer(line: str, where: str) -> None:
    """Rule 3: each reading's part added to every fifth read-right offer of the tune rows lowers none of them by a new
    reading (some of these lines lower offers on 2.12 already, by its own readings; the full counts over all ~5,300 on
    2.12 and on this branch are in the final report)."""
    offers = read_right_offers()[::5]
    assert lowered(offers, with_line(offers, line, where), by=_by_a_new_reading) == []


#: Hard negatives a reading's line does turn, measured: run into a title without a stop, "Tanpa KTP asli." makes a
#: passport agent's "… pembuatan paspor" a passport made without the KTP (the line says just that).
#: (precision16) The every-fifth sample moves as rows are added (precision15's and precision16's): it now holds
#: r7hn-031, a game account's sale ("Jual akun Mobile Legends"), which "Atas nama orang lain." run into its title makes
#: "an account sold held in another person's name", the reading's own shape (2.13 reads it related alike, measured).
#: (precision17) precision17_a and its concept rows sort in and move the sample again: r7hn-031 leaves it and lang10-072
#: joins (the same game account's sale, "Jual akun Mobile Legends"), and rr15c-clone-09 joins ("Waspada modus kloning
#: e-KTP"), which "Stempel kelurahan." before or after its title or description makes a stamp beside an e-KTP: 2.14
#: (/tmp/tm8) reads both rows with the lines exactly so (measured: benign -> related), no reading of precision17's.
TURNED = {("Tanpa KTP asli.", "ta"): ["hostile-benign-0186"], ("Atas nama orang lain.", "ta"): ["lang10-072"],
          **{("Stempel kelurahan.", where): ["rr15c-clone-09"] for where in ("tp", "dp", "da")}}


@pytest.mark.parametrize("where", PLACES)
@pytest.mark.parametrize("line", LEVER_LINES)
def test_a_reading_line_turns_no_hard_negative(line: str, where: str) -> None:
    """Rule 3, the other way: each reading's part added to every fifth tune hard negative read benign turns none of them
    related or blank by a new reading, but the one named in ``TURNED``."""
    kept = every_fifth_hard_negative()
    assert raised(kept, with_line(kept, line, where), by=_by_a_new_reading) == TURNED.get((line, where), [])


@settings(max_examples=60, deadline=None)
@given(verb=st.sampled_from(["kloning", "clone", "gandakan"]), card=st.sampled_from(["kartu", "chip"]),
       other=st.sampled_from(["kartu akses apartemen", "kartu parkir", "amiibo", "kartu member gym"]))
def test_a_card_copied_for_no_id_is_no_related_offer(verb: str, card: str, other: str) -> None:
    """Copying a card's chip is a cloning kit of IDs only with an ID term: for an access card it is a locksmith's."""
    assert score_listing(f"Jasa {verb} {card}", f"Bisa {verb} {card} {other}, tunggu 10 menit.").verdict.value == "benign"
    assert score_listing(f"Jasa {verb} {card}", f"Bisa {verb} {card} e-KTP ke kartu baru, tunggu 10 menit.").verdict.value == "related"


@settings(max_examples=40, deadline=None)
@given(level=st.sampled_from(["SMA", "SMK", "SMP", "S1", "sarjana"]), kind=st.sampled_from(["TK", "PAUD", "TPQ"]))
def test_a_blank_certificate_is_related_for_a_state_school_only(level: str, kind: str) -> None:
    assert score_listing(f"Blanko ijazah {level}", "Isi 50 lembar, kertas tebal.").verdict.value == "related"
    assert score_listing(f"Blanko ijazah {kind}", "Isi 50 lembar, kertas tebal.").verdict.value == "benign"
