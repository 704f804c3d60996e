"""told18: what the poster offers beside a blank only others speak of; data as asked and another's blank words are no
goods of the blank.

* A blank only others speak of (an asker, a victim, a why-question, an office: precision14's reading) no longer takes
  the poster's own offer with it: the sentences others speak are left out and the rest judged as the listing
  (``score._others_blank_told``, ``others_voices.posters_own_words``); related evidence a news item's, a warning's or a
  story's own sentences hold stays told with the blank.
* Data or contents as the buyer asks ("Data apa saja bisa.", "Isi sesuai permintaan.") names no goods of its own: it
  does not end a notice's reading (``notice_speaker.names_id_goods``).  (Kept out of ``score._SILENT_PARTS``: a silent
  part loses its own support, and custom data's 5 points carry h5-related-0268 over the related bar.)
* A blank word a blank form of another document holds ("Blanko STNK ready.") and an ID a copy service names as its
  object ("Bisa salin kartu identitas.") are those goods' words: no part of a blank e-KTP found apart, nor a blank
  offered (``score._Claims``).

Lever counts (every read-right tune row of told18's tree, /tmp/told18/lev2.py; base = main 2.15 at 21211bb):
"Data apa saja bisa." (and six twins of data as asked, alike) turns read-right hard negatives blank after the
description 84 -> 2, before it 92 -> 10, after the title 30 -> 11; hides offers before / after the title 8 / 79, as on
2.15 (relrec16's custom KTP of a chip card), none in the description.  "Blanko STNK ready." (and "Blangko
BPKB ready.", "Blangko akta kelahiran ready.") 292 / 323 / 305 -> 185 / 243 / 192 (after the description, after the
title, before the description), "Bisa salin kartu identitas." 141 / 113 / 146 -> 85 / 86 / 90; neither hides an offer
2.15 does not in any place.  The voice lines (a victim's, a why-question, "Ada yang pernah ketipu …?", hearsay, a
refusal, an office) hide no offer 2.15 does not and turn no hard negative blank or related that 2.15 does not.
"""

from __future__ import annotations

import pytest
from hypothesis import assume, given, settings
from hypothesis import strategies as st

from matchers import score_listing
from tests.matchers.lever_checks import every_fifth_hard_negative, lowered, read_blank, with_line
from tests.matchers.line_places import PLACES
from tests.matchers.tune_rows import labelled_params, read_right_offers, tune_rows

#: told18_a's offers still read below their label (measured unseen on 2.15: related R 12/22; the branch alike), and
#: why; its hard negatives misread are named in test_corpus.STILL_MISREAD.
STILL_MISSED = {
    "t18a-001": "a print service over the buyer's blank under a why-question in the title: no related rule reads 'data "
                "dan foto kakak kami cetak … di atasnya' with 'blanko sendiri' two sentences up",
    "t18a-005": "blank KK and akta forms sold under a warning's title: the warning's 'awas penipuan' is the title's "
                "product phrase, a publication's negative",
    "t18a-007": "'Tanya: … Jawab: gak ada, adanya SIM tembak' in the title: the answer's 'gak ada' denies the blank, "
                "no reading takes it",
    "t18a-009": "a title's hearsay ('Blangko e-KTP katanya langka') run on into the offer's own phrase in one sentence",
    "t18a-010": "a FAQ line's denied blank ('jual blangko e-KTP kosong? Tidak.'): the denial in the next sentence",
    "t18a-013": "a Sundanese shortage ('blangko KTP teu aya wae') headed by 'Dulur-dulur': the title is read as the blank",
    "t18a-016": "'Info blangko KTP dari dukcapil: masih kosong' as the title of a stand-in letter's offer: no telling "
                "reads an 'Info … : masih kosong' heading",
    "t18a-018": "a news headline of a seizure as the title of a forged KTP's offer: 'dipalsukan' is no seizure's word",
    "t18a-019": "an asker's title answered in the description ('Gak ada gan, tapi …'): the 'no' answer is no seller's yes",
    "t18a-020": "a news headline ('Warga mengeluh blangko e-KTP kosong') over a KTP printed on a chip card: 'mengeluh' "
                "is no teller's word",
}
ROWS = tune_rows("told18_concepts") + [row for row in tune_rows("told18_a") if row["label"] != "benign"]


@pytest.mark.parametrize("row", labelled_params(ROWS, STILL_MISSED))
def test_a_row_gets_its_label(row: dict) -> None:
    assert score_listing(row["title"], row["description"]).verdict.value == row["label"]


#: A line of data as asked, and a seller's line naming nothing ("Semua bisa."): data as asked names no goods of its own,
#: so where it turns a hard negative blank the bare line does too, but for the tag lists and sleeves named here (a
#: shop's tag run holding 'blanko ktp' and a name tag's, read as the listing's words, p12c-tags-01 and t13b-001 in every
#: place; a sleeve and a catalogue whose product phrase a title naming data moves, after the title).
ASKED = ("Data apa saja bisa.", "Isi sesuai permintaan.")
BARE = "Semua bisa."
KNOWN_TURNED = {"p12c-tags-01", "t13b-001"}


@pytest.mark.parametrize("where", ["dp", "da"])
@pytest.mark.parametrize("line", ASKED)
def test_data_as_asked_turns_blank_only_what_a_bare_line_does(line: str, where: str) -> None:
    kept = every_fifth_hard_negative()
    turned = read_blank(kept, with_line(kept, line, where))
    assert turned <= read_blank(kept, with_line(kept, BARE, where)) | KNOWN_TURNED


#: A blank of another document or a copy of an ID put in each place (before / after the title, before / after the
#: description): read-right hard negatives of every fifth turned blank, 2.15 -> told18 (measured with the branch's rows).
BOUNDS = {"Blanko STNK ready.": {"tp": 59, "ta": 49, "dp": 37, "da": 36},  # 2.15: 99 / 69 / 61 / 56
          "Bisa salin kartu identitas.": {"tp": 51, "ta": 20, "dp": 20, "da": 19}}  # 2.15: 75 / 24 / 40 / 38


@pytest.mark.parametrize("where", PLACES)
@pytest.mark.parametrize("line", sorted(BOUNDS))
def test_another_goods_words_turn_fewer_hard_negatives_blank(line: str, where: str) -> None:
    kept = every_fifth_hard_negative()
    turned = len(read_blank(kept, with_line(kept, line, where)))
    print(f"\n{where} {line!r}: {turned} of {len(kept)} hard negatives blank")
    assert turned <= BOUNDS[line][where]


#: The voice lines of precision17 and three more: over every fifth read-right offer, what each hides in each place is
#: what 2.15 hides (pinned: a line run on after a title as one sentence with it).
VOICES = {"Saya tertipu penjual blangko e-KTP, sudah transfer 500rb.": {"ta": {"rr17a-003"}},
          "Kenapa sih blangko e-KTP sering langka? Menurut agan gimana?": {},
          "Ada yang pernah ketipu beli blangko e-KTP?": {}}


@pytest.mark.parametrize("where", PLACES)
@pytest.mark.parametrize("line", sorted(VOICES))
def test_a_voice_line_hides_only_what_is_known(line: str, where: str) -> None:
    offers = read_right_offers()
    known = {"h6-blank-0013", "h4-blank-0249"}  # hidden by these lines on 2.15 alike (before / after the title)
    assert set(lowered(offers, with_line(offers, line, where))) <= known | VOICES[line].get(where, set())


@settings(max_examples=40, deadline=None)
@given(voice=st.sampled_from(["Kenapa sih blangko e-KTP sering langka? Menurut agan gimana?",
                              "Kenapa blangko e-KTP di capil kosong terus? Menurut kalian gimana?"]),
       service=st.sampled_from(["Jasa print KTP", "Jasa cetak kartu"]),
       own=st.sampled_from(["Blanko bawa sendiri, data dirapikan, ongkos cetak murah.",
                            "Sudah punya blangko sendiri? Kirim ke kami, kami cetakin data kakak di atasnya."]))
def test_a_print_service_under_others_words_of_the_blank_is_related(voice: str, service: str, own: str) -> None:
    """The poster's own print service beside a why-question of the shortage: related as without it, never benign."""
    assume(score_listing(service, f"{service}. {own}").verdict.value == "related")
    assert score_listing(f"{voice} {service}", f"{service}. {own}").verdict.value == "related"


@settings(max_examples=40, deadline=None)
@given(voice=st.sampled_from(["Kenapa sih blangko e-KTP sering langka? Menurut agan gimana?",
                              "Saya tertipu penjual blangko e-KTP, sudah transfer 300rb."]),
       told=st.sampled_from([("Berita: sindikat pemalsu KTP pakai blangko asli dibongkar",
                              "Dilansir dari detikcom, polisi membongkar sindikat yang mencetak KTP palsu menggunakan "
                              "blangko e-KTP asli. "
                              "Barang bukti 500 keping blangko disita dari rumah tersangka."),
                             ("Waspada jual beli data KTP", "Hati-hati, sekarang banyak yang jual data KTP dan selfie "
                              "di Telegram. Jangan pernah kirim foto KTP ke orang yang tidak dikenal.")]))
def test_goods_others_speak_of_stay_told(voice: str, told: tuple[str, str]) -> None:
    """A news item's forged KTPs or a warning's data trade under another's line about the blank: benign still."""
    title, description = told
    assert score_listing(f"{voice} {title}", description).verdict.value == "benign"
