"""precision16: precision15's tellers on 2.13, and what they must not hide (:mod:`matchers.tellers`, read by
others_voices).

* Recall: over every tune offer (blank and related rows), the offers read below their label with the tellers' readings
  and read right without them are counted (``-s`` prints the count): none.
* Rule 3, in every place (before and after the title, before and after the description): lines in an office's, a
  reporter's, an asker's and a victim's voice added to every read-right offer hide none beyond what the line hides
  with no others-voices reading at all.
* A holder told to make contact ("yang punya hubungi saya") is a buyer's wanted advert, read as it stands: an office's
  answer beside it ("J: Blangko tersedia di kantor Disdukcapil, gratis.") takes no wanted advert away; a seller's
  "yang minat japri" invites buyers and is no wanting.
* A handle's inner dot before a word spelled out ("@ektp. k o s o n g") ends no sentence: a spelled-out listing reads
  as the written one (``test_blank_evasions``).
"""

from __future__ import annotations

from collections.abc import Callable
from functools import partial

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from matchers import others_voices, score_listing
from tests.matchers.lever_checks import moved_with_and_without
from tests.matchers.line_places import PLACES
from tests.matchers.others_voices_afresh import hidden_by_the_readings, readings_off
from tests.matchers.tune_rows import labelled_params, read_right_offers, tune_rows

OFFERS = read_right_offers()
TUNE_OFFERS = [row for row in tune_rows() if row["label"] != "benign"]


def _false(*_args: object) -> bool:
    return False


#: precision15's readings as others_voices calls them, each put out of play (the title read as written)
_TELLERS_OFF: dict[str, Callable[..., object]] = {
    "tells_as_reporter": _false, "tells_as_teller": _false, "tells_of_law": _false, "tells_without_goods": _false,
    "names_only_other_documents": _false, "opens_asking": _false, "is_price_header": _false, "is_money_lost": _false,
    "opens_chat_log": _false, "is_chat_turn": _false, "_gated_by_tellers": _false,
    "said_title": lambda title: title, "without_chat_log": lambda sentence: sentence}


def test_tellers_hide_no_tune_offer(monkeypatch: pytest.MonkeyPatch) -> None:
    """Every tune offer (blank and related): what the tellers' readings read below its label that 2.13's reading
    without them reads right.  Measured at the branch: 0 of the tune offers."""
    assert hidden_by_the_readings(TUNE_OFFERS, partial(readings_off, monkeypatch, _TELLERS_OFF), "tellers") == []


#: One line in each voice that speaks of the blank and offers none: an office answering, an office's notice, a
#: reporter's headline, reported speech priced, an asker, a victim, a buyer wanting.
LINES = ["J: Blangko KTP-el ada di kantor Dukcapil, tidak dipungut biaya.",
         "Disdukcapil mengumumkan stok blangko e-KTP sudah aman.",
         "Polres amankan 200 keping blangko KTP-el dari penjual online.",
         "Penjualnya bilang blangko asli, harga 150rb per lembar.",
         "Ada yang tahu blangko e-KTP di kecamatan sudah datang?",
         "Saya korban penipuan jual beli blangko e-KTP.",
         "Cari blangko e-KTP kosong, yang punya hubungi saya."]


@pytest.mark.parametrize("where", PLACES)
@pytest.mark.parametrize("line", LINES)
def test_a_voice_line_hides_no_offer(line: str, where: str, monkeypatch: pytest.MonkeyPatch) -> None:
    """Rule 3: each line in each place over every read-right offer hides none beyond what it hides with no reading of
    others' voices at all."""
    with_reading, without = moved_with_and_without(OFFERS, line, where, monkeypatch)
    assert sorted(with_reading - without) == []


@settings(max_examples=120, deadline=None)
@given(st.sampled_from(["punya", "ada", "ready", "jual", "jualan"]), st.sampled_from(["", " stok", " barangnya"]),
       st.sampled_from(["hubungi saya", "japri", "pm", "dm", "wa", "kontak", "chat", "inbox", "kabari"]))
def test_a_holder_told_to_make_contact_is_wanting(holder: str, what: str, contact: str) -> None:
    """The poster tells whoever holds the goods to make contact: a buyer's voice, read as it stands."""
    assert others_voices._WANTS.search(f"cari blangko e-ktp kosong, yang {holder}{what} {contact}")


@settings(max_examples=60, deadline=None)
@given(st.sampled_from(["minat", "mau", "butuh", "berminat", "serius"]), st.sampled_from(["japri", "pm", "hubungi saya"]))
def test_a_buyer_invited_is_no_wanting(buyer: str, contact: str) -> None:
    """A seller invites buyers to make contact ("yang minat japri"): no wanting of the goods."""
    assert not others_voices._WANTS.search(f"blangko e-ktp kosong ready, yang {buyer} {contact}")


@settings(max_examples=120, deadline=None)
@given(st.from_regex(r"[a-z]{2,8}", fullmatch=True), st.from_regex(r"[a-z]{3,8}", fullmatch=True))
def test_a_handles_dot_before_a_spelled_word_ends_no_sentence(head: str, tail: str) -> None:
    """"@head. t a i l" is "@head.tail" spelled out: one sentence; "@head. Tail" stays two."""
    spelled = " ".join(tail)
    assert others_voices._handle_run_on(f"akun @{head}. {spelled} jualan") == f"akun @{head}  {spelled} jualan"
    assert others_voices._handle_run_on(f"akun @{head}. {tail} jualan") == f"akun @{head}. {tail} jualan"


CONCEPT_ROWS = tune_rows("precision16_concepts")


@pytest.mark.parametrize("row", labelled_params(CONCEPT_ROWS, {}))
def test_precision16_concept_row(row: dict) -> None:
    assert score_listing(row["title"], row["description"]).verdict.value == row["label"]
