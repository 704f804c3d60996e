"""precision17: precision16's tellers on 2.14, and five more readings of who tells of the blank
(:mod:`matchers.tellers`, read by others_voices).

* Residents told to fetch their own e-KTP or to bring their registration's proof ("silakan ambil KTP Anda", "KTP
  bisa diambil di kantor desa", "dengan membawa bukti rekam"): an office's instruction, told of.
* A victim's amount paid ("saya tertipu …, udah transfer 900rb") is no seller's price.
* "Ada yang …?" asks the readers: no yes of the poster to its own question.
* A marketplace's discussion block ("Diskusi:" / "Putu: masih ada kak?" / "Toko: ready kak"): a goods-less answer
  under it is the page's chatter, not a stock of the blank.
* A run of hashtags holding a warning's tag ("#waspada #blangko #ektp #penipuan") tags the warning's subject: it is
  no product phrase of a shop (tags13's hashtags read under a told-of title).
* Why the goods are scarce or late ("kenapa sih blangko KTP sering langka?") is a discussion's question; the readers'
  opinion asked ("Menurut agan gimana?") backs a telling.

Recall: over every tune offer (blank and related rows), the offers these readings read below their label that the
reading without them reads right are counted (``-s`` prints the count): none.  Rule 3: a line in each reading's voice
in every place (before and after the title, before and after the description) over every read-right offer hides
none beyond what it hides with no reading of others' voices at all.  precision17_a (fresh, measured unseen on 2.14
first) is held row by row: each misread a strict xfail in ``test_corpus.STILL_MISREAD``.
"""

from __future__ import annotations

from collections.abc import Callable
from functools import partial

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from matchers import score, score_listing, tellers
from tests.matchers.lever_checks import moved_with_and_without
from tests.matchers.line_places import PLACES
from tests.matchers.others_voices_afresh import hidden_by_the_readings, readings_off
from tests.matchers.test_corpus import STILL_MISREAD
from tests.matchers.tune_rows import labelled_params, read_right_offers, tune_rows

OFFERS = read_right_offers()
TUNE_OFFERS = [row for row in tune_rows() if row["label"] != "benign"]


def _false(*_args: object) -> bool:
    return False


#: precision17's readings as others_voices calls them, each put out of play (the residents' pick-up read by
#: tells_as_teller is put out of play in tellers itself)
_READINGS_OFF: dict[str, Callable[..., object]] = {
    "asks_anyone": _false, "asks_why_short": _false, "opens_discussion": _false, "tags_a_warning": _false,
    "is_a_warnings_tag_line": _false,
    "without_victims_payment": lambda sentence, _names_blank: sentence}


def _tellers_off(patched: pytest.MonkeyPatch) -> None:
    """The residents' pick-up and the readers' opinion asked, which tellers reads, put out of play."""
    patched.setattr(tellers, "_TELLINGS", tuple(p for p in tellers._TELLINGS if p is not tellers._COLLECTED))
    patched.setattr(tellers, "_OPINION_ASKED", tellers.re.compile(r"(?!)"))


def test_the_readings_hide_no_tune_offer(monkeypatch: pytest.MonkeyPatch) -> None:
    """Every tune offer (blank and related): what precision17's readings read below its label that the reading
    without them reads right.  Measured at the branch: 0 of the tune offers."""
    off = partial(readings_off, monkeypatch, _READINGS_OFF, _tellers_off)
    assert hidden_by_the_readings(TUNE_OFFERS, off, "precision17's readings") == []


#: One line in each reading's voice: an office's pick-up instruction, a victim's amount, a question to the readers, a
#: discussion block, a why-question of the shortage with the readers' opinion asked.
LINES = ["Silakan ambil KTP Anda di kantor kelurahan dengan membawa bukti rekam.",
         "KTP bisa diambil di kantor kecamatan, bawa resi rekam.",
         "Saya tertipu penjual blangko e-KTP, sudah transfer 500rb.",
         "Ada yang pernah?",
         "Diskusi:\nBudi: masih ada kak?\nToko: ready kak",
         "Kenapa sih blangko e-KTP sering langka? Menurut agan gimana?",
         "#waspada #blangko #ektp #penipuan"]


#: Merged with relrec16/17 (integ17): three print services over the buyer's own blank, which a victim's or a why-line
#: in the title turned from blank (2.14, relrec17 alone) to benign: the others'-voices reading re-read the whole listing
#: as told, its related offer with it.  (told18) The poster's own words are read apart (score._others_blank_told):
#: rr16c-buyerblank-01 and rr16c-print-01 under the why-line read related again.  rr17a-003 stays: the victim's line run
#: on after its title is one sentence with the product phrase ("Layanan isi data kartu penduduk Saya tertipu …"), so
#: the poster's own words hold no title; named here so no other row joins it.
KNOWN_HIDDEN = {("Saya tertipu penjual blangko e-KTP, sudah transfer 500rb.", "ta"): ("rr17a-003",)}


@pytest.mark.parametrize("where", PLACES)
@pytest.mark.parametrize("line", LINES)
def test_a_voice_line_hides_no_offer(line: str, where: str, monkeypatch: pytest.MonkeyPatch) -> None:
    """Rule 3: each line in each place over every read-right offer hides none beyond what it hides with no reading of
    others' voices at all."""
    with_reading, without = moved_with_and_without(OFFERS, line, where, monkeypatch)
    assert sorted(with_reading - without) == sorted(KNOWN_HIDDEN.get((line, where), ()))


@settings(max_examples=80, deadline=None)
@given(st.sampled_from(["ambil", "mengambil", "nyandak", "manjapuik"]), st.sampled_from(["ktp", "e ktp", "ktp-el"]),
       st.sampled_from(["anda", "di kantor kelurahan", "ke kecamatan", "di balai desa"]))
def test_a_resident_told_to_fetch_the_own_ktp_is_told(verb: str, card: str, where: str) -> None:
    sentence = f"silakan {verb} {card} {where}"
    assert tellers.tells_as_teller((sentence, sentence), lambda _text: False)


@settings(max_examples=60, deadline=None)
@given(st.sampled_from(["ambil", "diambil"]), st.sampled_from(["di toko kami", "sendiri", "10 dapat 160rb"]))
def test_goods_fetched_from_a_shop_are_no_pick_up(verb: str, where: str) -> None:
    """A buyer fetching the goods at the shop, or buying more, is no resident fetching the own KTP."""
    sentence = f"blangko e-ktp kosong bisa {verb} {where}"
    assert not tellers._COLLECTED.search(sentence)


@settings(max_examples=60, deadline=None)
@given(st.sampled_from(["transfer", "tf", "bayar"]), st.integers(100, 2000).filter(lambda amount: amount != 150))
def test_a_victims_amount_is_read_past_and_a_price_beside_it_stays(verb: str, amount: int) -> None:
    sentence = f"saya tertipu penjual blangko ktp, sudah {verb} {amount}rb, dijual lagi 150rb"
    cut = tellers.without_victims_payment(sentence, lambda _text: False)
    assert f"{amount}rb" not in cut and "150rb" in cut
    offer = f"blangko ktp kosong, sudah {verb} {amount}rb dapat 10 keping"  # no victim: the amount stays
    assert tellers.without_victims_payment(offer, lambda _text: False) == offer


def test_a_question_to_the_readers_is_no_yes() -> None:
    assert tellers.asks_anyone("ada yang pernah?")
    assert tellers.asks_anyone("ada yg tau harus ke mana?")
    assert not tellers.asks_anyone("ada. ready 30 keping")
    assert not tellers.asks_anyone("ada kak, 150rb")


def _as_written(sentence: str) -> tuple[str, str]:
    return sentence, score._spelled(sentence)


def test_a_why_question_of_a_shortage_is_told_and_a_buyers_question_is_not() -> None:
    assert tellers.asks_why_short(_as_written("kenapa sih blangko ktp sering langka?"))
    assert tellers.asks_why_short(_as_written("mengapa blangko e-ktp selalu telat datang?"))
    assert not tellers.asks_why_short(_as_written("kenapa blangko ktp sering langka"))  # no question: a seller's pitch may say it
    assert not tellers.asks_why_short(_as_written("ada blangko ktp kosong?"))
    assert tellers.asks_why_short(_as_written("opini: kenapa blangko ktp selalu langka?"))
    # a title's product phrase run on into the question is outside it
    run_on = "blangko e-ktp kosong 50 pcs kenapa sih blangko e-ktp sering langka?"
    assert not tellers.asks_why_short((run_on, run_on))
    circled = "ⓑⓛⓐⓝⓚⓞ ⓔⓚⓣⓟ kenapa sih blangko e-ktp sering langka?"  # spelled "blanko ektp …": the same run-on
    assert not tellers.asks_why_short((circled, score._spelled(circled)))


@settings(max_examples=60, deadline=None)
@given(st.sampled_from(["waspada", "penipuan", "stoppenipuan", "hoax", "awasmodus", "scam"]),
       st.sampled_from(["blangko", "ektp", "blankoektp"]))
def test_a_warnings_tag_tags_the_run_and_a_shops_tags_do_not(warning: str, goods: str) -> None:
    assert tellers.tags_a_warning(f"#{goods} #{warning} #info")
    assert not tellers.tags_a_warning(f"#{goods} #murah #ready #cod")
    assert tellers.is_a_warnings_tag_line(f"#{warning} #bl an ko #{goods}")  # a tag broken in pieces stays a tag line
    assert not tellers.is_a_warnings_tag_line(f"#{warning} blangko ektp ready 150rb")


def test_a_discussion_block_opens_only_on_its_own_line() -> None:
    assert tellers.opens_discussion("diskusi:")
    assert tellers.opens_discussion("diskusi produk")  # lines are read lower-cased
    assert not tellers.opens_discussion("diskusi: blanko e-ktp kosong stok 50")  # a heading over the goods (levers12)


BATCH_ROWS = tune_rows("precision17_a")
CONCEPT_ROWS = tune_rows("precision17_concepts")


@pytest.mark.parametrize("row", labelled_params(BATCH_ROWS, STILL_MISREAD))
def test_precision17_batch_row(row: dict) -> None:
    """precision17_a, held row by row (``test_corpus.HELD_ROW_BY_ROW``); its misreads are strict xfails with why."""
    assert score_listing(row["title"], row["description"]).verdict.value == row["label"]


@pytest.mark.parametrize("row", labelled_params(CONCEPT_ROWS, {}))
def test_precision17_concept_row(row: dict) -> None:
    assert score_listing(row["title"], row["description"]).verdict.value == row["label"]
