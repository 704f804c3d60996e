"""A seller pulling 2.8's discounts: a few words added to a real offer must not hide it (hostile8).

Matcher 2.8 added concepts that discount evidence: a report or question, a warning or appeal, a
headline title, a sale denied, an office's free service, tag lists, what an ID is kept in, a photo
"for" a KTP.  Each is a lever an evader can pull without changing what is offered.  Every blank and
related tune row the matcher reads right keeps its verdict with each addition below (in the seller's
own voice: it names no other goods and denies no sale of the goods); hypothesis samples rows x
additions to stay fast.

Each lever keeps the flips the hostile8 attack counted on 2.8 over every read-right blank/related tune row (4,739
rows) with that addition, as the attack's measure.  A report or question cue heading a field ("Diskusi:", "Mau tanya")
was the last still pulled; levers10 made its discount hold only where the listing speaks as a report or question
(:mod:`matchers.told_voice`), and ``test_levers10.py`` tries the other heads a seller could use.
"""

from __future__ import annotations

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from matchers import score_listing
from tests.matchers.tune_rows import RANK, read_right_offers

#: the offers of the tune corpus the matcher reads right (label = verdict)
OFFERS = read_right_offers()

#: additions in a seller's voice that held on 2.8 (or were made to hold by hostile8), by lever
HOLDING = {
    "report_crime": ["Hati-hati penipuan, kami seller terpercaya.", "Waspada penipuan mengatasnamakan toko kami.",
                     "Banyak yang ditawari barang palsu, di sini asli.", "Toko lain sudah digerebek, kami aman."],
    "warning_appeal": ["Jangan sampai kehabisan!", "Jangan lupa follow toko kami.", "Jangan ragu untuk order.",
                       "Jangan tergiur harga murah di toko lain.", "Kami mengimbau pembeli untuk cek ulasan dulu.",
                       "Mohon jangan PHP ya kak."],
    "question": ["Mau tanya stok? Chat aja kak.", "Ada pertanyaan? Silakan diskusi dulu.",
                 "Kenapa harus beli di sini? Karena amanah."],
    # "bukan untuk dijual ke …": not sold to some buyers is sold to the others (hostile8: 4,181 flips on 2.8);
    # a part's sale denied ("Box bukan untuk dijual": 4,192 flips on 2.8)
    "sale_terms": ["Tidak dijual terpisah.", "Bukan untuk dijual ke anak di bawah umur.",
                   "Tidak untuk dijual kepada pembeli di bawah 17 tahun.", "Bonus, tidak dijual bebas di toko lain.",
                   "Box bukan untuk dijual.", "Sample tidak dijual.", "Display toko tidak dijual."],
    "seller_free_extra": ["Gratis ongkir, tidak dipungut biaya tambahan.", "Layanan gratis bagi pelanggan setia.",
                          "Tanpa biaya admin."],
    "hoax_fact": ["Bukan hoaks, barang ready.", "Fakta: kami penjual asli.",
                  "Banyak toko yang mengaku menjual, kami benar-benar kirim."],
    "own_hashtags": ["#ektp #blanko #murah #ready"],
}
SUFFIXES = [line for lines in HOLDING.values() for line in lines]


def _weaker(row: dict, title: str, description: str) -> bool:
    return RANK[score_listing(title, description).verdict.value] < RANK[row["label"]]


@settings(max_examples=300, deadline=None)
@given(st.sampled_from(OFFERS), st.sampled_from(SUFFIXES))
def test_a_sellers_line_appended_never_hides_an_offer(row: dict, line: str) -> None:
    assert not _weaker(row, row["title"], f"{row['description']} {line}".strip())


def test_not_for_sale_to_some_buyers_or_of_a_part_hides_no_offer() -> None:
    """A sale refused to some buyers, or of the box, a sample or the display, is a seller's terms (2.8 read each as
    the whole listing not for sale: "Bukan untuk dijual ke anak di bawah umur." hid 4,181 of 4,739 offers, "Box bukan
    untuk dijual." 4,192)."""
    lines = ["Bukan untuk dijual ke anak di bawah umur.", "Tidak untuk dijual kepada pembeli di bawah 17 tahun.",
             "Box bukan untuk dijual.", "Kemasan tidak untuk dijual."]
    assert [(row["id"], line) for row in OFFERS[::20] for line in lines
            if _weaker(row, row["title"], f"{row['description']} {line}".strip())] == []


#: lever -> (addition, where, flips counted on 2.8 as precision8 built it, over the 4,739 read-right offers; 2.7
#: had 0 for each).  The first three were whole-listing discounts (an office's free service, a listing "not for
#: sale", a headline title), taken out at integration: on text nobody tuned on they changed one verdict.
LEVERS = {
    "free_service": ("Konsultasi gratis, tidak dipungut biaya.", "suffix", 4326),
    "sale_denied_of_the_photo": ("Foto hanya contoh, bukan untuk dijual.", "suffix", 4326),
    "headline_question": ("Mau tanya", "title_prefix", 4227),
    "discussion_heading": ("Diskusi:", "prefix", 391),
}
#: levers a seller can still pull (strict xfails): none.  A report or question cue ("Diskusi:", "Mau tanya") heading a
#: field discounted the rest of its clause on 2.8 ("Mau tanya" before the title hid 71 of every 25th offer's 190, 1,940
#: of all 4,739; "Diskusi:" before the description 391); levers10 lifts it where the listing offers in the seller's own
#: voice or tells of the goods once: 0 of 4,739 for each
STILL_PULLED: frozenset[str] = frozenset()


def _pulled(row: dict, line: str, where: str) -> tuple[str, str]:
    title, description = row["title"], row["description"]
    if where == "title_prefix":
        return f"{line} {title}", description
    if where == "prefix":
        return title, f"{line} {description}"
    return title, f"{description} {line}"


@pytest.mark.parametrize("lever", [pytest.param(name, marks=[pytest.mark.xfail(
    strict=True, reason=f"{name}: '{line}' hides {count} of 4,739 offers on 2.8 (hostile8), not narrowed yet")]
    if name in STILL_PULLED else []) for name, (line, _, count) in LEVERS.items()])
def test_no_lever_hides_an_offer(lever: str) -> None:
    line, where, _ = LEVERS[lever]
    hidden = [row["id"] for row in OFFERS[::25] if _weaker(row, *_pulled(row, line, where))]
    assert hidden == []
