"""A seller's "Mau tanya" or "Diskusi:" hides no offer; reports and questions stay told of (levers10).

2.8 read a report, discussion or question cue (lexicon ``CUEREPORT``) as discounting the rest of its clause, so a
seller heading a field with "Diskusi:" (or "Laporan:", "Pengalaman:", "Thread:" …) or putting "Mau tanya" before the
title hid the offer (hostile8: "Diskusi:" before the description 391 of the 4,739 offers the tune rows read right,
"Mau tanya" before the title 1,940).  The discount now holds only where the listing speaks as a report, discussion
or question (:mod:`matchers.told_voice`): the told-of voice heard twice, and no sentence offering in the seller's own
voice (a price with its amount, a stock with its count, an order, contact or minimum order, shipping offered, a sale
word heading its sentence, a seller answering a buyer).

The attack: every head below, before the title and before the description, over every 5th read-right offer (the full
counts over all 4,739, measured with the same code, are in ``HEADS``).  ``corpus/levers10_a.jsonl`` (a fresh batch,
committed and measured on 2.8 before the change) and ``corpus/levers10_concepts.jsonl`` (each concept with hard
negatives beside it) are held to their labels.
"""

from __future__ import annotations

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from matchers import score_listing
from tests.matchers.test_corpus import STILL_MISREAD
from tests.matchers.tune_rows import RANK, labelled_params, read_right_offers, tune_rows

#: the offers of the tune corpus the matcher reads right (label = verdict)
OFFERS = read_right_offers()

#: head -> offers hidden (before the title, before the description) over the 4,739 offers 2.8 (5649e09) read right:
#: on 2.8, then on levers10 (over its read-right offers, 4,784 with its own batches).  Heads that are no cue on 2.8
#: ("Q:", "Tanya:", "Catatan:", "FAQ:") hid none there either.
HEADS = {
    "Mau tanya": ((1940, 391), (0, 0)),
    "Diskusi:": ((1940, 391), (0, 0)),
    "Tanya jawab:": ((1940, 391), (0, 0)),
    "Pertanyaan:": ((1940, 391), (0, 0)),
    "Laporan:": ((1940, 391), (0, 0)),
    "Pengalaman:": ((1940, 391), (0, 0)),
    "Thread:": ((1940, 391), (0, 0)),
    "Curhat:": ((1940, 391), (0, 0)),
    "Keluhan:": ((1940, 391), (0, 0)),
    "Kasus:": ((1940, 391), (0, 0)),
    "Q:": ((0, 0), (0, 0)),
    "Tanya:": ((0, 0), (0, 0)),
    "Info:": ((1, 0), (1, 0)),
    "Catatan:": ((0, 0), (0, 0)),
    "FAQ:": ((0, 0), (0, 0)),
    # a head in a clause of its own: its cue governs no goods; the few it hides are hidden on 2.8 alike (below)
    "Mau tanya,": ((6, 5), (6, 5)),
    "Kenapa?": ((6, 5), (6, 5)),
    "Ada yang tau?": ((6, 5), (6, 5)),
}
#: Two told-of lines together (measured, not held): a head before the title and another before the description
#: ("Laporan:" and "Diskusi:") hide 1,776 of 4,784 offers on levers10 (2.8: 4,038): the offers with no sentence in the
#: seller's own voice beside the goods (a bare title, "ksng, ori"), which two heads make read as a report.  A second line that names
#: nothing ("Kenapa?", "Laporan warga.") tells of nothing: 5 (2.8: 1,950), the 5 of ``_OWN_CLAUSE`` below.
SECOND_LINES = (("Mau tanya", "Kenapa?"), ("Kasus:", "Laporan warga."), ("Thread:", "Ada yang tau kenapa?"),
                ("Mau tanya kenapa", ""), ("", "Diskusi: kenapa"))
#: why a line in a clause of its own before a field hides an offer, on 2.8 as on levers10: it takes the title's first
#: clause (the product phrase is then the description's) or pushes the description's evidence a clause further
_OWN_CLAUSE = "a line in a clause of its own before the field moves the product phrase or the focus (the same on 2.8)"
#: offers a head still hides, each with why (measured; the same on 2.8): no report or question cue governs the goods
STILL_HIDDEN = {
    # (precision12_d: sampled once its rows moved the every-5th stride; 2.9 at 0e52f3a hides it alike)
    ("Info:", "title", "p10a-043"): "'Info: Dukcapil kehabisan blangko? Kami ready!' reads as an office's notice ('info "
                                    "<office>', a publication in the product phrase), as bl-blank-092 does",
    ("Info:", "title", "bl-blank-092"): "'Info: Dispendukcapil stok kosongan e-KTP' reads as an office's notice "
                                        "('info <office>', a publication in the product phrase), as on 2.8",
    **{(head, "title", row_id): _OWN_CLAUSE for head in ("Mau tanya,", "Kenapa?", "Ada yang tau?")
       for row_id in ("br8a-014", "br8e-006", "h4-related-0205", "h5-related-0114", "h6-blank-0013", "lang13-013")},
    **{(head, "description", row_id): _OWN_CLAUSE for head in ("Mau tanya,", "Kenapa?", "Ada yang tau?")
       for row_id in ("r7b-003", "r7d-002", "r8b-002", "r8d-003", "lang7-007")},
}
_HIDDEN_BY_ITS_OWN_CLAUSE = {row_id for (_, where, row_id), why in STILL_HIDDEN.items() if why == _OWN_CLAUSE
                             and where == "description"}
WHERE = ("title", "description")


def _headed(row: dict, head: str, where: str) -> tuple[str, str]:
    if where == "title":
        return f"{head} {row['title']}", row["description"]
    return row["title"], f"{head} {row['description']}".strip()


def _hidden(row: dict, title: str, description: str) -> bool:
    return RANK[score_listing(title, description).verdict.value] < RANK[row["label"]]


@pytest.mark.parametrize("where", WHERE)
@pytest.mark.parametrize("head", sorted(HEADS))
def test_a_head_before_a_field_hides_no_offer(head: str, where: str) -> None:
    hidden = [row["id"] for row in OFFERS[::5] if _hidden(row, *_headed(row, head, where))]
    assert [row_id for row_id in hidden if (head, where, row_id) not in STILL_HIDDEN] == []


@pytest.mark.parametrize(("title_head", "description_head"), SECOND_LINES)
def test_a_second_line_that_names_nothing_tells_of_nothing(title_head: str, description_head: str) -> None:
    """A head and a second told-of line that names no goods ("Kenapa?", "Laporan warga."): the told-of voice is heard
    once, so the head's discount is lifted (2.8 hid 1,950 of 4,739 offers with "Mau tanya" + "Kenapa?")."""
    hidden = [row["id"] for row in OFFERS[::5] if _hidden(
        row, f"{title_head} {row['title']}".strip(), f"{description_head} {row['description']}".strip())]
    assert set(hidden) <= _HIDDEN_BY_ITS_OWN_CLAUSE


@settings(max_examples=300, deadline=None)
@given(row=st.sampled_from(OFFERS), head=st.sampled_from(sorted(HEADS)), where=st.sampled_from(WHERE))
def test_any_offer_with_any_head_stays_an_offer(row: dict, head: str, where: str) -> None:
    assert not _hidden(row, *_headed(row, head, where)) or (head, where, row["id"]) in STILL_HIDDEN


#: Text that tells of blank sellers (reports, questions, warnings, an office's Q&A): each is benign on 2.8 only by its
#: report, discussion or question cue, so each must keep that discount.
TOLD_OF = [
    ("Polres Bekasi Ungkap Peredaran Blangko KTP-el Ilegal",
     "Satreskrim mengamankan dua pria yang menjual blangko KTP elektronik kosong. Para pelaku menawarkan blangko "
     "seharga Rp 200 ribu per keping."),
    ("[Diskusi] Kenapa blanko e-KTP bisa bocor?", "Gan, ane mau diskusi soal kasus blanko e-KTP yang dijual online."),
    ("Tanya jawab warga", "Pertanyaan: Di mana beli blanko KTP? Jawaban: Blanko KTP tidak dijual, gratis di kecamatan."),
    ("Ditawarin blanko e-KTP di group FB", "Tadi saya ditawarin blanko KTP kosong sama akun tak dikenal. Saya tolak."),
    ("Hati-hati penipuan jual blanko e-KTP", "Thread info: banyak akun yang ngaku jual blanko e-KTP kosong. Itu penipuan."),
    ("Kenapa blangko KTP sering kosong? (Thread diskusi)", "Menurut kalian kenapa blangko KTP-el sering habis di daerah?"),
]
#: What a report says of the seller it tells of: that seller's price, stock and terms, not the poster's.
REPORTED_OFFERS = ("Katanya ready stok dan bisa COD.", "Akun itu pasang harga 150rb per keping.",
                   "Penjualnya minta transfer dulu, min order 5 pcs.", "Dia bilang stok ready 50 keping, harga 200rb.",
                   "Ada toko yang jual 175rb per lembar.")


@pytest.mark.parametrize("told", TOLD_OF, ids=lambda told: told[0][:30])
def test_a_report_or_question_stays_told_of(told: tuple[str, str]) -> None:
    assert score_listing(*told).verdict == "benign"


@settings(max_examples=60, deadline=None)
@given(told=st.sampled_from(TOLD_OF), line=st.sampled_from(REPORTED_OFFERS))
def test_a_reported_sellers_price_or_stock_keeps_a_report_told_of(told: tuple[str, str], line: str) -> None:
    """A report naming the reported seller's price, stock or terms ("katanya ready stok", "akun itu pasang harga
    150rb") is still a report: only the poster's own offer language lifts the discount."""
    title, description = told
    assert score_listing(title, f"{description} {line}").verdict == "benign"


#: A seller's own offer language after a told-of text turns it into an offer: the same rows with the poster selling.
OWN_OFFERS = ("Ready kak, 150rb per keping, chat aja.", "Stok 40 pcs, min order 5, bisa COD.",
              "Kami jual blanko e-KTP kosong asli, kirim seluruh Indonesia.")


@settings(max_examples=40, deadline=None)
@given(line=st.sampled_from(OWN_OFFERS), head=st.sampled_from(["Diskusi:", "Mau tanya", "Laporan:", "Thread:"]))
def test_a_head_over_the_sellers_own_offer_is_an_offer(line: str, head: str) -> None:
    assert score_listing(f"{head} Blanko e-KTP kosong", line).verdict == "blank"


ROWS = tune_rows("levers10_*")
#: rows of levers10's own batches the branch still misreads: named with why in test_corpus's STILL_MISREAD (measured,
#: not tuned away; levers10_a's 11 misread on 2.8 too)
STILL_MISSED = {row_id: why for row_id, why in STILL_MISREAD.items() if row_id.startswith("lv10")} | {
    "lv10b-019": "a seller's question title ('Ada yang tau tempat beli blangko KTP el?'): 'tempat' reads as a KTP holder "
                 "(tempat KTP) in the product phrase, as on 2.8",
}


@pytest.mark.parametrize("row", labelled_params(ROWS, STILL_MISSED))
def test_levers10_row_gets_its_label(row: dict) -> None:
    assert score_listing(row["title"], row["description"]).verdict.value == row["label"]


def test_the_voice_reader_knows_every_cue_the_score_reads_as_told_of() -> None:
    """told_voice keeps its own list of told-of tags (it sits below score); a cue score discounts as told of, or a
    sale denied, that the voice reader did not know would never count as a report's sentence (CUEOTHERS was nearly
    missed at the 2.9 merge)."""
    from matchers import score, told_voice

    assert set(score._TOLD_OF_CUES) | score._SALE_DENIALS <= told_voice.TOLD_OF_TAGS
