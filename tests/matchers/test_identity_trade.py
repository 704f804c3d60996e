"""Issue 15, related class (2.2): identity trade as sellers write it.

Each concept of ``corpus/identity_trade.jsonl`` sits beside its hard negatives, so
every row there is held to its label exactly (the corpus test only holds the
aggregate to the targets, which the 2.1 lexicon already met while missing these).
"""

from __future__ import annotations

import pytest

from matchers import score_listing
from tests.matchers.tune_rows import tune_rows

ROWS = tune_rows("identity_trade")


@pytest.mark.parametrize("row", ROWS, ids=[r["id"] for r in ROWS])
def test_identity_trade_row_gets_its_label(row: dict) -> None:
    assert score_listing(row["title"], row["description"]).verdict.value == row["label"]


@pytest.mark.parametrize("bundle", ["Akun ojol + KTP", "Akun marketplace + KTP pemilik"])
def test_an_account_and_a_ktp_in_two_clauses_of_the_title_are_one_bundle(bundle: str) -> None:
    assert score_listing(bundle, "").verdict.value == "related"


@pytest.mark.parametrize("requirement", ["daftar akun cukup ktp", "modal ktp, cair ke akun"])
def test_a_ktp_asked_of_the_buyer_is_no_identity_for_sale(requirement: str) -> None:
    assert score_listing("Pinjaman online", requirement).verdict.value == "benign"
