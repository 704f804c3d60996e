"""Rows of ``corpus/related13*.jsonl`` held to their labels, and the related13 readings as properties.

related13_a.jsonl (18 related offers on the related/benign boundary, 17 benign rows beside them in the same words, 10
blank offers, most naming the blank by its issuing office) and related13_b.jsonl (10, 9 and 6 in other voices) were
written and committed before any matcher change; a was measured on main (2.10) and learnt from, b measured once on
this branch before anything was learnt from it (figures in corpus/README.md).  ``related13_concepts.jsonl`` holds the
rows written for each reading, hard negatives beside them.  Rows still read wrong are strict xfails with why.
"""

from __future__ import annotations

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from matchers import score_listing, score_many
from tests.matchers.tune_rows import RANK, labelled_params, read_right_offers, tune_rows

ROWS = tune_rows("related13_*")
STILL_MISSED: dict[str, str] = {
    # related13_b, measured once on this branch (figures in corpus/README.md), not learnt from
    "r13b-015": "an office's notice 'Pengambilan KTP yang sudah jadi tetap dilayani': the office's finished KTPs read as "
                "a population document said done for the buyer (document_done)",
}


@pytest.mark.parametrize("row", labelled_params(ROWS, STILL_MISSED))
def test_related13_row_gets_its_label(row: dict) -> None:
    assert score_listing(row["title"], row["description"]).verdict.value == row["label"]


def _verdict(title: str, description: str) -> str:
    return score_listing(title, description).verdict.value


def _counted(title: str, description: str, rule: str) -> bool:
    return any(r.rule == rule and r.weight > 0 for r in score_listing(title, description).reasons)


@settings(max_examples=60, deadline=None)
@given(blank=st.sampled_from(["Blanko", "Blangko", "Blanko resmi", "Blangko asli", "Kartu kosong"]),
       office=st.sampled_from(["Dukcapil", "dari Dukcapil", "Kemendagri", "dari dinas capil", "dari pusat", "negara"]),
       lead=st.sampled_from(["", "Ready ", "Jual ", "Sisa "]),
       tail=st.sampled_from([", segel isi 25.", ", belum tercetak, 175rb per keping.", ", stok 40 keping."]))
def test_a_blank_named_by_its_office_heading_its_clause_is_a_blank(blank: str, office: str, lead: str, tail: str) -> None:
    """(related13) The registry's blank named by its office, the card unnamed, heading its clause: a blank on offer."""
    assert _verdict("Stok baru", f"{lead}{blank} {office}{tail}") == "blank"


@settings(max_examples=60, deadline=None)
@given(voice=st.sampled_from(["Orang itu bilang", "Penjualnya mengaku", "Kepala dinas menyebut pihaknya menerima",
                              "Dukcapil menerima", "Katanya"]),
       blank=st.sampled_from(["blanko resmi Dukcapil", "blangko dari Kemendagri", "blanko asli dari dinas"]))
def test_an_office_named_blank_after_a_report_or_receipt_verb_is_not_offered(voice: str, blank: str) -> None:
    """(related13) The office's blanks someone claims (``TOLDBLANK``) or an office says it received (a told-of cue): no
    offer."""
    assert not _counted("Info warga", f"{voice} {blank}. Tidak saya tanggapi.", "office_named_blank")


@pytest.mark.parametrize("news", ["bocor ke pasaran", "sudah dikirim ke daerah", "belum datang", "beredar di grup"])
def test_an_office_named_blank_with_news_said_of_it_is_the_offices_supply(news: str) -> None:
    assert not _counted("Info warga", f"Blangko dari pusat {news}.", "office_named_blank")


#: The readings related13 added that raise a verdict, each as (rule, words its match holds): an office-named blank, a
#: blank diploma, official material with its card, a KTP printed on genuine material.
_RAISING = (("office_named_blank", ""), ("blank_civil_form", "ijazah"), ("id_material", "bahan resmi"),
            ("forged_ktp", "bahan"))


def _raised_by_related13(assessment: object) -> bool:
    return any(r.rule == rule and r.weight > 0 and words in r.matched
               for r in assessment.reasons for rule, words in _RAISING)  # type: ignore[attr-defined]


def test_no_tune_hard_negative_or_related_row_is_turned_by_a_related13_reading() -> None:
    """Blank precision must not fall: over every tune row, no benign row counts a new raising reading (so none turns
    benign → related or blank by it) and no related row read blank counts one (related → blank); related13 measured 0
    and 0 over all tune rows, and over the retired holdout9 only fixes (11 rows)."""
    rows = [r for r in tune_rows() if r["label"] in ("benign", "related")]
    assert len(rows) > 2000
    turned = [r["id"] for r, a in zip(rows, score_many((r["title"], r["description"]) for r in rows), strict=True)
              if _raised_by_related13(a) and (r["label"] == "benign" or a.verdict.value == "blank")]
    assert turned == []


#: The lines whose readings lower evidence: a found KTP, a question denied, others' mistaken search, a service held
#: until blanks come, a report verb, a broken card.  Each is told in its own clause or sentence.
_TRIGGERS = (
    "Kemarin ditemukan KTP di depan pasar, sudah dikembalikan.",
    "Blanko KK? Bukan.",
    "Banyak yang salah cari blanko ijazah.",
    "Kecamatan tutup sampai stok blangko tersedia.",
    "Orang itu bilang begitu.",
    "KTP saya patah jadi dua.",
)


#: Lines 2.10 already read as what they are, which move the same offers read right (measured on main too): any line
#: prepended moves the description's first clause (a related pair near its start), a line naming a document adds a
#: product before the pairs (their focus), a shortage told is a report's sentence beside "Diskusi:".  A trigger may
#: move those; it must move no other.
_CONTROLS = ("Halo kak, apa kabar semua.", "Map KK? Ada.", "Blangko e-KTP di kecamatan habis.")


def _hidden(right: list[dict], line: str, place: str) -> set[str]:
    texts = [(r["title"], f"{line}\n{r['description']}" if place == "before" else f"{r['description']}\n{line}") for r in right]
    return {r["id"] for r, a in zip(right, score_many(texts), strict=True) if RANK[a.verdict.value] < RANK[r["label"]]}


def test_the_related13_triggers_hide_no_offer_read_right() -> None:
    """Rule 3: appending or prepending each trigger to every offer of the tune rows read right hides none that a control
    line of the same kind does not (related13: 0 of 5,214 offers × 6 triggers × 2 places; the controls move 6 before
    and 1 after, on main as here)."""
    right = read_right_offers()
    assert len(right) > 3000
    new = []
    for place in ("before", "after"):
        moved = set().union(*(_hidden(right, line, place) for line in _CONTROLS))
        new += [(trigger, place, sorted(_hidden(right, trigger, place) - moved)) for trigger in _TRIGGERS]
    assert [n for n in new if n[2]] == []
