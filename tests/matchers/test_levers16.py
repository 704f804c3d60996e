"""No offer hidden by a seller's own line, no hard negative made blank by a third party's (levers16, issue 15).

A shop speaks in its own voice round every offer: it warns its buyers of impostors ("Waspada penipuan blangko e-KTP,
order hanya di toko ini.", "Hati-hati penipuan mengatasnamakan toko kami."), names its pickup place ("Bisa ambil di
tempat kami."), its hours, closures, restocks, order steps and guarantees.  On 2.13 such a line run on after a title
hid up to 4,165 of 5,280 read-right offers (lev.py over hostile13's tune rows): the warning read as the title's
publication, "tempat" as a holder, "KTP el Pesanan masuk …" as a KTP made to order.  ``corpus/levers16_lines.json``
holds 31 lines (22 a seller's, 9 their third-party twins: the police's, the office's, a victim's) in four places
(before or after the title, before or after the description), 133 candidates; each carries its count on 2.13 and on
this branch over the whole pool (``n_213``, ``n_levers16``: lev.py) and over the pool this test reads (every third
read-right row of 2.14, pinned in ``levers16_pool.json``: ``pool_213``, ``ceiling``).  A seller's line is counted over
offers (demoted), a third party's over hard negatives (turned blank); each stays at or under its ceiling, and every ceiling at or under 2.13's.  Two full
counts are one over 2.13's (``explained``): a third party's report put after the description of lang17w-08 ("Jasa
titip" / "ambil di tempat kami, bawa KTP"), whose "tempat" no longer reads as a holder on offer, turns it blank as the
same report turns 1,651 other hard negatives on 2.13 (a report's blank pair read as goods: no seller's line).
"""

from __future__ import annotations

import json
from functools import cache
from pathlib import Path

import pytest

from matchers import score_many
from matchers.score import _offers_in_warning
from matchers.voiceless import without_own_warnings
from tests.matchers.lever_checks import lowered, with_line
from tests.matchers.tune_rows import tune_rows

CORPUS = Path(__file__).parent / "corpus"
LINES = json.loads((CORPUS / "levers16_lines.json").read_text(encoding="utf-8"))
#: The pool's ids, pinned: every third tune row (in file order) that 2.14 read right, offers and hard negatives.
POOL = json.loads((CORPUS / "levers16_pool.json").read_text(encoding="utf-8"))


@cache
def _pools() -> tuple[tuple[dict, ...], tuple[dict, ...]]:
    """(offers, hard negatives) of the pinned pool that the matcher still reads right.

    The pool is pinned by id, not sampled afresh: a tune batch added later sorts in among the files and would shift an
    every-third sample, and rows another reading newly gets right would join it; either moved every ceiling with no
    line read any differently (four branches merged on 2.13 failed 25 ceilings so).  A line that returns a row 2.14
    read wrong to that reading is no lever over 2.14; the new reading's own lever checks count its rows."""
    by_id = {row["id"]: row for row in tune_rows()}
    pools = []
    for ids in (POOL["offers"], POOL["hard_negatives"]):
        rows = [by_id[i] for i in ids]
        verdicts = score_many((row["title"], row["description"]) for row in rows)
        pools.append(tuple(row for row, got in zip(rows, verdicts, strict=True) if got.verdict.value == row["label"]))
    return pools[0], pools[1]


def moved(candidate: dict) -> list[str]:
    """The ids of the pool's rows the candidate's line moves: offers demoted, or hard negatives turned blank."""
    offers, negatives = _pools()
    pool = offers if candidate["kind"] == "offer" else negatives
    got = with_line(pool, candidate["line"], candidate["where"])
    if candidate["kind"] == "offer":
        return lowered(pool, got)
    return [row["id"] for row, a in zip(pool, got, strict=True) if a.verdict.value == "blank"]


def test_every_candidate_is_pinned_at_or_under_2_13() -> None:
    assert 60 <= len(LINES) <= 140
    assert all(c["ceiling"] <= c["pool_213"] and c["n_levers16"] <= c["n_213"] + c.get("explained", 0) for c in LINES)


@pytest.mark.parametrize("candidate", LINES, ids=[f"{c['where']}-{c['kind']}-{c['line'][:40]}" for c in LINES])
def test_a_line_moves_no_more_than_its_ceiling(candidate: dict) -> None:
    ids = moved(candidate)
    assert len(ids) <= candidate["ceiling"], ids[:10]


#: The seller's own lines this branch reads (a warning against impostors, the shop's pickup place, an order
#: instruction run on after a title): each hides no offer of the pool in any place.
CLOSED = ("Waspada penipuan blangko e-KTP, order hanya di toko ini.", "Hati-hati penipuan blangko mengatasnamakan toko kami.",
          "Awas penipuan! Akun resmi kami hanya yang ini, jangan transfer ke rekening lain.", "Bisa ambil di tempat kami.")


@pytest.mark.parametrize("line", CLOSED)
def test_a_sellers_own_line_hides_no_offer_after_the_title(line: str) -> None:
    assert moved({"line": line, "where": "ta", "kind": "offer"}) == []


def test_third_party_warnings_keep_their_hard_negatives() -> None:
    """levers16_a's hard negatives (the police's, the office's, a marketplace's warnings, victims' stories, office
    notices, shops saying the seller's lines) stay benign, but the two 2.13 misread too (a group admin's ban and a
    Javanese victim's story, both read blank, held as they were)."""
    rows = tune_rows("levers16_a")
    got = score_many((row["title"], row["description"]) for row in rows)
    wrong = {row["id"] for row, a in zip(rows, got, strict=True) if a.verdict.value != row["label"]}
    assert wrong <= {"lv16a-030", "lv16a-031"}


#: (levers17, review D2) How a seller deals, said inside its own warning: cash on delivery, haggling, shipping, stock,
#: wholesale, a call to the interested, free postage, a price, stock said ready.
DEALT = ("bisa COD", "nego tipis", "kirim seluruh Indonesia", "stok banyak", "grosir lebih murah", "minat japri",
         "free ongkir", "harga 150rb", "ready")


@pytest.mark.parametrize("dealt", DEALT)
def test_an_offer_told_inside_the_shops_own_warning_stays_an_offer(dealt: str) -> None:
    """A shop's warning against fakes that names the goods and how it deals in them is the offer, where it is the one
    sentence naming them ("Awas KW blanko ktp kosong chip, bisa COD, order di toko kami." under a title "Kartu"):
    2.14 counted only a price and sale or ready words, and read the others' offers past with the warning."""
    got = score_many([("Kartu", f"Awas KW blanko ktp kosong chip, {dealt}, order di toko kami.")])[0]
    assert got.verdict.value == "blank", [(r.rule, r.matched) for r in got.reasons]


@pytest.mark.parametrize("forbidden", ("jangan kirim uang sebelum barang sampai", "tidak ada stok di luar toko ini",
                                       "bukan grosir abal-abal"))
def test_a_word_the_warning_forbids_offers_nothing(forbidden: str) -> None:
    """A dealing word the warning forbids or denies is no offer: the warning is still the shop's, read past."""
    text = f"Waspada penipuan blangko e-KTP, {forbidden}, order hanya di toko kami."
    assert without_own_warnings(text, _offers_in_warning)[1] == (text,)
