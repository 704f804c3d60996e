"""Related recall (relrec16): readings shared by the misses of four independent writers.

The related rows 2.13 misread in the retired holdouts 9-12 (``retired_misreads*.txt``, shapes only) and in the fresh batch
``corpus/relrec16_a.jsonl`` (measured unseen on 2.13 first) were grouped by why they are missed; these readings serve the
reasons at least two writers share, each with hard negatives beside it in ``corpus/relrec16_concepts.jsonl``
(``rr16c-<reading>-…``):

* ``print``: a person's data printed or filled by the poster ("kami cetak data kakak", "datamu kami printkan") onto a
  blank, the buyer's or any, or onto an ID card ("cetak data ke kartu e-KTP"), in one clause or apart
  (``data_printed_on_blank``, ``data_printed_on_blank_in_listing``): a KTP made on a blank (holdouts 9, 11, 12 and ``_a``);
* ``buyerblank``: a blank the buyer has or brings ("blanko bawa sendiri", "blangko dari customer", "kalau udah punya
  blangko"), lexicon ``BUYERBLANK``: the material of a print service, no blank on offer; beside a print shop's KTPs
  (``id_printed_on_buyers_blank_in_listing``);
* ``copy``: a verb of copying a card's contents with an ID as its object ("salin kartu identitas", "tulis ulang chip
  e-KTP", "copy data kartu ID"), ``id_copied``: a tool to copy IDs (holdouts 9, 11, 12 and ``_a``);
* ``place``: "di tempat kami" is a place, not a holder (``tempat`` is spelled ``dompet``): 2.13 read "Ambil di tempat
  kami." before or after a title as a holder heading it, hiding ~5,000 read-right offers;
* ``firstperson``: a clause the poster speaks in the first person ("Bawa blangkonya, saya cetakin datanya") is no item of
  a list the reader prepares.

``corpus/relrec16_b.jsonl`` was written with ``_a`` and committed before any matcher edit, then measured once at the end.
"""

from __future__ import annotations

import json

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from matchers import score_listing, score_many
from matchers.result import Assessment
from tests.matchers.lever_checks import lowered, raised, read_benign, with_line
from tests.matchers.line_places import PLACES
from tests.matchers.tune_rows import CORPUS, labelled_params, read_right_offers, tune_rows

#: Rows the readings do not reach, measured: strict xfails with why.
STILL_MISSED = {
    "rr16a-023": "a cloning kit whose cards name no ID ('kartu chip identitas' is no ID term): a kit for access cards says "
                 "the same",
    "rr16a-032": "a vague title ('kartu pengenal custom') and claims of passing checks with no ID term: a name-tag maker's "
                 "'custom' card says as much",
    "rr16a-033": "'Identitas pengganti' with 'seperti asli, ada chip' and no ID term: read as no ID named",
    # rr16c-copy-04 (told18): read related, as rr15c-clone-11
}

#: The rules this change added: what the precision count below looks for among a misread hard negative's reasons.
NEW_RULES = frozenset({"data_printed_on_blank", "data_printed_on_blank_in_listing", "id_printed_on_buyers_blank_in_listing",
                       "id_copied"})

ROWS = tune_rows("relrec16_concepts") + tune_rows("relrec16_a") + tune_rows("relrec16_b")


@pytest.mark.parametrize("row", labelled_params(ROWS, STILL_MISSED))
def test_a_row_gets_its_label(row: dict) -> None:
    assert score_listing(row["title"], row["description"]).verdict.value == row["label"]


def _by_a_new_reading(got: Assessment) -> bool:
    return got.verdict.value != "benign" and any(r.rule in NEW_RULES and r.weight > 0 for r in got.reasons)


def test_the_new_readings_turn_no_tune_hard_negative() -> None:
    """Rule 4: over every tune hard negative (~4,500), the ones read related or blank with a new reading counted: none."""
    negatives = [row for row in tune_rows() if row["label"] == "benign"]
    got = score_many((r["title"], r["description"]) for r in negatives)
    assert raised(negatives, got, by=_by_a_new_reading) == []


#: A line built from each reading's own part, placed where a seller adds a line.
LEVER_LINES = ("Blanko bawa sendiri.", "Kami cetak datanya.", "Ambil di tempat kami.", "Bisa salin data.",
               "Tulis ulang chip.", "Yang sudah punya blangko e-KTP bisa tanya dulu.")


@pytest.mark.parametrize("where", PLACES)
@pytest.mark.parametrize("line", LEVER_LINES)
def test_a_reading_line_hides_no_offer(line: str, where: str) -> None:
    """Rule 3: each reading's part added to every fifth read-right offer of the tune rows lowers none of them to benign
    by a new reading, and the place line lowers none at all (2.13's holder reading hid ~5,000 with it)."""
    offers = read_right_offers()[::5]
    got = with_line(offers, line, where)
    if line == "Ambil di tempat kami.":  # 2.13 hid 5,006 of the 5,337 with it before a title, 4,185 after (all, not a fifth)
        assert len(lowered(offers, got)) <= 1
    assert lowered(offers, got, by=_by_a_new_reading) == []


#: (relrec17) The hard negatives the lines are added to, pinned by id: every fifth tune hard negative in file order as
#: relrec16 sampled them on 2.13.  Sampled afresh, the batches merged since (levers16's, relrec17's) sort in among the
#: files and shift the fifth: merged on 2.14 eight of these checks failed with no line read differently (the fifth
#: then held lang14w-19, "Jasa print KTP di kertas", the same print shop's KTPs as lang11-042, and neither lang11-042
#: nor rr16c-print-11).
PINNED = json.loads((CORPUS / "relrec16_pool.json").read_text(encoding="utf-8"))["hard_negatives"]


def _pinned_negatives() -> list[dict]:
    by_id = {row["id"]: row for row in tune_rows() if row["label"] == "benign"}
    return [by_id[row_id] for row_id in PINNED]


#: Hard negatives a reading's line does turn, measured: a blank the buyer has beside a shop that prints KTPs ("print KTP
#: KK dari HP") or a buyer's data ("Data pembeli kami cetak ke label") is what the reading reads; the label shop's line
#: and its printing stand apart only where the line is put at the title's or the description's head.
_BUYERS_BLANK_TURNS = {"tp": ["lang11-042", "rr16c-print-11"], "ta": ["lang11-042"], "dp": ["lang11-042", "rr16c-print-11"],
                       "da": ["lang11-042"]}
TURNED = {(line, where): ids for line in ("Blanko bawa sendiri.", "Yang sudah punya blangko e-KTP bisa tanya dulu.")
          for where, ids in _BUYERS_BLANK_TURNS.items()}


@pytest.mark.parametrize("where", PLACES)
@pytest.mark.parametrize("line", LEVER_LINES)
def test_a_reading_line_turns_no_hard_negative(line: str, where: str) -> None:
    """Rule 3, the other way: each reading's part added to every fifth tune hard negative (pinned) read benign turns none of them
    related or blank by a new reading, but those named in ``TURNED``."""
    kept = read_benign(_pinned_negatives())
    assert raised(kept, with_line(kept, line, where), by=_by_a_new_reading) == TURNED.get((line, where), [])


@settings(max_examples=60, deadline=None)
@given(verb=st.sampled_from(["cetak", "cetakin", "print", "printkan"]),
       owner=st.sampled_from(["kakak", "kamu", "customer", "nya"]),
       blank=st.sampled_from(["blanko bawa sendiri", "blangko dari customer", "kalau udah punya blangko"]),
       paper=st.sampled_from(["kertas HVS", "kartu PVC", "label thermal", "undangan"]))
def test_data_printed_is_related_onto_a_blank_only(verb: str, owner: str, blank: str, paper: str) -> None:
    """The same print shop's sentence: onto a blank the buyer brings it makes a KTP; onto paper, PVC or a label nothing."""
    data = "datanya" if owner == "nya" else f"data {owner}"
    assert score_listing("Jasa cetak", f"Kami {verb} {data} rapi, {blank}.").verdict.value == "related"
    assert score_listing("Jasa cetak", f"Kami {verb} {data} rapi di {paper}.").verdict.value == "benign"


@settings(max_examples=60, deadline=None)
@given(verb=st.sampled_from(["salin", "menyalin", "copy isi", "tulis ulang chip"]),
       other=st.sampled_from(["kartu akses apartemen", "kartu parkir", "kartu member gym", "tag NFC"]))
def test_a_card_copied_is_related_for_an_id_only(verb: str, other: str) -> None:
    """Copying a card's contents is a tool to copy IDs only with an ID as its object: an access card's is a locksmith's."""
    assert score_listing("Reader writer + kartu kosong", f"Bisa {verb} {other} ke kartu baru.").verdict.value == "benign"
    assert score_listing("Reader writer + kartu kosong", f"Bisa {verb} e-KTP ke kartu baru.").verdict.value == "related"
