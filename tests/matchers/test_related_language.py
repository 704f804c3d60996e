"""Related offers by concept (``corpus/related_language*.jsonl``, ``corpus/related_regional.jsonl``).

related_language.jsonl was written before the 2.3 lexicon change, ten or more
rows for each concept of the related definition (forged or "jadi" KTPs, blank
KK/akta/SIM/paspor/NPWP, NIK and KTP data, KTP edit files, verified accounts
with a KTP, reader + blank chip kits, unofficial fast KTP services) with hard
negatives beside each; 2.2 got 106 of its 125 rows right.  related_language2.jsonl
is a second fresh set written after the first changes (the matcher then got 51
of its 56 rows, 2.2 48).  related_language3.jsonl is a third, written before the
2.4 changes in seller voices the others did not use (2.3 got 65 of its 87 related
rows, all 45 negatives); related_language3_words.jsonl was written after, for the
words 2.4 added, with hard negatives; related_language4.jsonl after the first 2.4
step and before the next (2.3 46 of 60, the first step 49); related_language5.jsonl
after learning from independent3 and before the next change (2.3 31 of 40, then 35); related_language6.jsonl
at 3fb18d3 before the next (2.3 32 of 45, then 37 and one negative wrong);
related_language7.jsonl at 7d58820 before the next (2.3 31 of 40, then 38);
related_language8.jsonl at 8d6af2c before the next (2.3 29 of 40, then 37);
related_language9.jsonl at fbd2ba3 as the last unseen measure (2.3 22 of 30, then 27).
related_language10.jsonl (2.4 60 of its 64 related rows, all 42 negatives) and related_language11.jsonl
(2.4 25 of 40, all 26 negatives) were written and committed before the 2.5 changes;
related_language11_words.jsonl after them, for the words 2.5 added, with hard negatives;
related_language12.jsonl before the next change (2.4 23 of 35, 2.5 then 25, after 34; all 22 negatives),
related_language12_words.jsonl after it; related_language13.jsonl before the third change
(2.4 13 of 20, 2.5 then 13, after 17; all 12 negatives), related_language13_words.jsonl after it;
related_language14_words.jsonl after learning from independent4.jsonl (its related rows: 2.4 and 2.5 both
73 of 88 on arrival, then 84); related_language15.jsonl before the next change (2.4 19 of 22, 2.5 then
20, after 22; all 12 negatives), related_language15_words.jsonl after it; related_language16.jsonl before
the next (2.4 12 of 18, 2.5 then 12, after 17; all 9 negatives), related_language16_words.jsonl after it;
related_language17.jsonl before the last (2.4 17 of 20, 2.5 then 17, after 19; all 10 negatives),
related_language17_words.jsonl after it; related_language18.jsonl at the end, measured only
(2.4 10 of 14, 2.5 11; all 7 negatives), its misses kept below as found.  Every row is held to
its label here, as the corpus test holds only the aggregate to the targets.
"""

from __future__ import annotations

import pytest

from matchers import score_listing
from tests.matchers.tune_rows import tune_rows

ROWS = tune_rows("related_language*", "related_regional")
#: Rows of related_language3.jsonl that 2.4 still gets wrong, with why (measured, not tuned away).
STILL_MISSED = {
    "lang3-022": "'buku baru' in the title reads as a book: a passport booklet is only known as 'buku paspor'",
    "lang4-014": "a reader known only by its model code ('ACR122U') before blank KTP chips reads as a blank",
    "lang13-004": "a company's customer data ('data pelanggan leasing') with NIKs apart: a cashier app's data says the same",
    "lang13-020": "a bare 'rekening' among listed goods reads as a payment word; 'satu nama' names no identity set",
    "lang14w-02": "an office's stamp in the title and 'replika' in the description: a stamp sold is read in one clause only",
    "lang18-007": "a licence 'tanpa praktek' with 'lewat kenalan' apart: 'kenalan' alone is no insider (measured at the end, not learnt)",
    "lang18-014": "a KTP made for someone with no papers at all ('tidak punya dokumen apa pun, dibuatkan') (measured at the end, not learnt)",
    "lang12-021": "English 'owner ID card photo' beside a marketplace account reads as a plain ID card, not the KTP",
    "lang10-037": "an office's stamp as the product ('Stempel dukcapil') says no ID term: a legalising agent says the same",
}


def _param(row: dict) -> object:
    if row["id"] in STILL_MISSED:
        return pytest.param(row, id=row["id"], marks=pytest.mark.xfail(strict=True, reason=STILL_MISSED[row["id"]]))
    return pytest.param(row, id=row["id"])


@pytest.mark.parametrize("row", [_param(row) for row in ROWS])
def test_related_language_row_gets_its_label(row: dict) -> None:
    assert score_listing(row["title"], row["description"]).verdict.value == row["label"]


def test_every_concept_has_ten_offers_and_hard_negatives() -> None:
    concepts: dict[str, dict[str, int]] = {}
    for row in ROWS:
        if row["id"].startswith("lang-"):
            counts = concepts.setdefault(row["id"].split("-")[1], {"related": 0, "benign": 0})
            counts[row["label"]] += 1
    assert len(concepts) == 7
    assert all(c["related"] >= 10 and c["benign"] >= 5 for c in concepts.values()), concepts


@pytest.mark.parametrize("extra", ["Bisa COD di tempat.", "gratis ongkir", "Kirim hari ini"])
def test_a_sentence_run_on_without_a_full_stop_hides_nothing_before_it(extra: str) -> None:
    """2.2 dropped a clause from evidence found apart when a cue came anywhere in it, so a
    COD sentence run on after "… KTP pemilik ikut" erased the account-with-KTP bundle."""
    flipped = [row["id"] for row in ROWS if score_listing(row["title"], row["description"]).verdict.value
               != score_listing(row["title"], f"{row['description']} {extra}".strip()).verdict.value]
    assert flipped == []


KIT_TITLES = ["Kit personalisasi e-KTP", "Paket alat personalisasi KTP", "mesin cetak ktp + chip", "Writer e-KTP bundling kartu"]
KIT_PARTS = ["printer kartu + chip blangko e-ktp, siap produksi", "reader writer + chip polos + software",
             "isi 20 chip e-ktp belum tercetak + software encoder"]


@pytest.mark.parametrize("title", KIT_TITLES)
@pytest.mark.parametrize("description", KIT_PARTS)
def test_a_machine_sold_with_blank_chips_is_a_kit_not_a_blank(title: str, description: str) -> None:
    """2.3 scored a kit blank when its chips were named blank e-KTPs ("chip blangko e-ktp") under
    a title naming the machine only as a kit ("Kit personalisasi", "mesin cetak"): the machine in the
    title is what is sold, and its blank chips are its parts (issue 15: reader + blank chip combos)."""
    assert score_listing(title, description).verdict.value == "related"


@pytest.mark.parametrize("title", KIT_TITLES)
def test_a_kit_naming_the_blank_card_itself_offers_it(title: str) -> None:
    """(2.10, the integrator's kit labels) The same kits with the e-KTP card itself named unprinted among their goods
    ("20 kartu e-ktp belum tercetak", lang3-070) offer the blank: the machine beside it does not make it less."""
    assert score_listing(title, "isi 20 kartu e-ktp belum tercetak + software encoder").verdict.value == "blank"


@pytest.mark.parametrize("description", ["Sudah dites pakai reader, terbaca semua.", "Bisa dibaca card reader.",
                                         "Terbaca di reader e-KTP dan bisa dicetak pakai printer kartu.", ""])
def test_a_blank_tested_on_a_reader_stays_blank(description: str) -> None:
    """The kit reading above needs the machine on offer: a blank e-KTP said to read on a reader is a blank."""
    assert score_listing("Blangko e-KTP original dinas", description).verdict.value == "blank"


@pytest.mark.parametrize("title", ["Jual e-KTP blangko original", "Jual KTP-el kosongan", "jual ektp polos chip aktif"])
@pytest.mark.parametrize("description", ["", "Bisa COD di tempat.", "Ready banyak, grosir lebih murah."])
def test_a_sale_word_before_the_ektp_keeps_the_blank(title: str, description: str) -> None:
    """2.3 read "jual e-KTP" as population data (a phrase that took the e-KTP term), so the
    blank rules never saw it and a blank for sale came out related; "jual" is a sale word now."""
    assert score_listing(title, description).verdict.value == "blank"


@pytest.mark.parametrize("title", ["Ready kak", "", "Open order", "Promo minggu ini"])
@pytest.mark.parametrize(("description", "label"), [
    ("Paket reader e-KTP + chip kosong. reader writer usb plus 50 pcs chip blangko e-ktp", "related"),
    ("Smart card writer + blank ktp chip. software personalisasi included", "related"),
    ("Blangko e-KTP original dinas. Sudah dites pakai reader, terbaca semua.", "blank"),
    ("Holder KTP akrilik bening. Bisa COD di tempat.", "benign"),
])
def test_a_title_naming_nothing_leaves_the_product_phrase_to_the_description(title: str, description: str,
                                                                             label: str) -> None:
    """2.3 read a kit listed in the description under a vague title as a blank: the machine counted
    only as a weak negative there, though it is the first thing the listing names."""
    assert score_listing(title, description).verdict.value == label
