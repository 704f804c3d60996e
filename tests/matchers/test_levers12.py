"""levers12: a genre heading before a field's subject, or two report heads, must not hide an offer (hostile10's levers).

On 2.9 "Pengumuman: " before any offer's title hid 4,692 of the 4,940 offers the tune rows read right ("Berita: ",
"Info: " alike): the heading's publication word stood in the title's product phrase (-90).  Stripping the heading
outright read real notices as blank ("Pengumuman: blanko e-KTP sudah datang" / "Warga silakan datang ke kecamatan …").
So the heading is read past unless the listing speaks as a notice and has no seller's voice
(:func:`matchers.told_voice.notice_voice`): an office or a newsroom speaks as one (residents addressed, an office acting,
a day of service, "dilansir", a dateline, "tidak dipungut biaya", the office the only place), a seller speaks as a
seller (a price with its amount, a stock with its count, "kami jual", "Ready kak", terms beside the goods).  And two
report heads ("Laporan: <title>" / "Diskusi: <description>") hid 1,805: heads over the goods now count once among a
report's tellings, which its own words must bring (another's act, a how-question, a shortage, a warning).

Counts over the 4,987 offers the tune rows read right on this branch (the levers10 tests run them over all of them:
``HOLDING`` in ``test_evasion_levers10.py``): "Pengumuman:" before the title 0 (2.9: 4,692), before the description 0
(388), "Laporan:"+"Diskusi:" 1 (1,805), as the neutral "Info produk:" heading 0.
"""

from __future__ import annotations

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from matchers import score, score_listing
from matchers.told_voice import GENRE_HEADS
from tests.matchers.test_corpus import STILL_MISREAD
from tests.matchers.test_evasion_levers10 import ANY_FIRST_LINE, OFFERS, RANK, _hidden
from tests.matchers.tune_rows import labelled_params, tune_rows

NEUTRAL = "Info produk:"
#: genre headings a seller can put before any field, as offices and newsrooms write them
HEADS = ["Pengumuman:", "PENGUMUMAN!!!", "Pengumuman", "Berita:", "Info:", "Pemberitahuan:", "Pengumuman penting:",
         "Berita terkini:", "Warta:", "Info untuk warga:", "Info dari Dukcapil:", "Siaran pers:", "P3ngumuman:",
         "Himbauan:", "Imbauan"]
#: (found by the property below) a notice's appeal ("Himbauan:") was a warning cue over the clause it heads: 1,987 of
#: 4,987 offers hidden before their titles, now read past as a genre heading is; the one it still hides says a warning
#: of its own after it ("waspada penipuan, kami asli"), which is read as told of
KNOWN_HEADED = {"bl6c-warn-blank-05"}


def _hidden_ids(rows: list[dict], line: str, where: str) -> set[str]:
    return {r["id"] for r in rows if r["id"] not in ANY_FIRST_LINE and _hidden(r, line, where)}


@pytest.mark.parametrize("head", HEADS)
@pytest.mark.parametrize("where", ["title_prefix", "prefix"])
def test_a_genre_heading_hides_no_more_than_a_neutral_one(head: str, where: str) -> None:
    """Over every 5th read-right offer: a genre heading before the title or the description hides only what "Info
    produk:" there hides (none).  A heading naming its source ("Info dari Dukcapil:") is no notice by itself."""
    rows = OFFERS[::5]
    assert _hidden_ids(rows, head, where) - _hidden_ids(rows, NEUTRAL, where) - KNOWN_HEADED == set()


#: (title head, description head) pairs a seller can put on both fields
TWO_HEADS = ["Laporan:||Diskusi:", "Mau tanya:||Diskusi:", "Diskusi:||Laporan:", "Thread:||Pengalaman:",
             "Laporan warga:||Keluhan:", "Pengumuman:||Pengumuman:", "Berita:||Laporan:"]
#: the one offer two report heads still hide: its seller's instruction "Atas nama orang lain, jangan diganti" reads as a
#: warning (CUEWARN "jangan"), a report's second telling
KNOWN_TWO_HEADS = {"v7c-035"}


@pytest.mark.parametrize("heads", TWO_HEADS)
def test_two_report_heads_hide_no_more_than_two_neutral_ones(heads: str) -> None:
    rows = OFFERS[::3]
    neutral = _hidden_ids(rows, "Info produk:||Detail:", "two_heads")
    assert _hidden_ids(rows, heads, "two_heads") - neutral - KNOWN_TWO_HEADS == set()


@settings(max_examples=120, deadline=None)
@given(row=st.sampled_from(OFFERS[::7]), word=st.sampled_from(sorted(GENRE_HEADS)),
       separator=st.sampled_from([": ", "!! ", " - ", " | ", "!!! ", " "]), upper=st.booleans())
def test_any_genre_word_heading_any_offer_keeps_it_an_offer(row: dict, word: str, separator: str, upper: bool) -> None:
    """A property over headings as sellers spell them: whatever genre word, separator and case, the heading hides the
    offer only where the neutral heading spelled alike does (a separator ending a clause moves the product phrase)."""
    head = (word.upper() if upper else word.capitalize()) + separator
    title = f"{head}{row['title']}"
    neutral = f"{'INFO PRODUK' if upper else 'Info produk'}{separator}{row['title']}"
    hidden = RANK[score_listing(title, row["description"]).verdict.value] < RANK[row["label"]]
    neutral_hidden = RANK[score_listing(neutral, row["description"]).verdict.value] < RANK[row["label"]]
    assert not hidden or neutral_hidden or row["id"] in ANY_FIRST_LINE | KNOWN_HEADED


#: the benign tune rows whose title opens with a genre heading before its subject: 69, of which 2.9 read 69 benign;
#: this branch 68 (lv12b-011, a newsroom's item quoting a fee, "Rp 50.000", read as a seller's price: measured once on
#: levers12_b, named in STILL_MISREAD)
HEADED_BENIGN = [r for r in tune_rows() if r["label"] == "benign" and r["title"]
                 and score._genre_heads(score._rules_in_field(r["title"]))]


def test_every_notice_under_a_genre_heading_stays_benign() -> None:
    assert len(HEADED_BENIGN) >= 69
    wrong = [r["id"] for r in HEADED_BENIGN if r["id"] not in STILL_MISREAD
             and score_listing(r["title"], r["description"]).verdict.value != "benign"]
    assert wrong == []


#: one sentence of each notice voice notice_voice reads (its triggers)
NOTICE_LINES = ["Kepada warga Kelurahan Mekarsari, KTP-el bisa diambil di kantor kelurahan.",
                "Disdukcapil Kota Malang menyiapkan blangko untuk pemilih pemula.",
                "Pelayanan cetak dibuka Sabtu 12 Desember pukul 08.00.", "Dilansir dari Antara.", "Tidak dipungut biaya.",
                "Blangko KTP-el hanya dicetak di kantor Disdukcapil.", "Silakan datang ke kantor kecamatan bawa resi.",
                "JAKARTA - Antrean cetak KTP-el mengular."]
#: the offers that already carry a genre heading (title or description) and no seller's voice: 2.9 read each benign;
#: a notice's line added makes them read as a notice again (7 or 8 of 4,987 per line, all of them among these)
_HEADED_OFFERS = {r["id"] for r in OFFERS if score._genre_heads(score._rules_in_field(r["title"]))
                  or score._genre_heads(score._rules_in_field(r["description"]))}


@pytest.mark.parametrize("line", NOTICE_LINES)
@pytest.mark.parametrize("where", ["suffix", "prefix"])
def test_a_notice_line_added_hides_no_offer_without_a_genre_heading(line: str, where: str) -> None:
    """Appended to or put before every read-right offer (4,987), a notice's line hides none but offers that already
    carry a genre heading and no seller's voice (which 2.9 hid already)."""
    assert _hidden_ids(OFFERS, line, where) - _HEADED_OFFERS == set()


ROWS = tune_rows("levers12_*")
#: rows of levers12's own batches the branch still misreads (measured, not tuned away): named in test_corpus's
#: STILL_MISREAD.  (lv12b-021, "Himbauan:" over a bare offer, was misread when levers12_b was measured; the appeal
#: heading the property test found since reads it right)
STILL_MISSED = {row_id: why for row_id, why in STILL_MISREAD.items() if row_id.startswith("lv12")}


@pytest.mark.parametrize("row", labelled_params(ROWS, STILL_MISSED))
def test_levers12_row_gets_its_label(row: dict) -> None:
    assert score_listing(row["title"], row["description"]).verdict.value == row["label"]
