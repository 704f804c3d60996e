"""notice13: shop chatter names no goods, so it neither makes a notice an offer nor hides an offer.

Every benign tune row that names a blank (a notice, a news item, a warning, a story, a holder "for" blanks …) and is
read right is wrapped in each of the chatter blocks of :mod:`tests.matchers.chatter13` (a spec table first, a generic
"Diskusi" last, hashtags, checkout and shipping lines, a minimum spend, a broadcast's label …); so is every offer read
right.  Measured on main (2.10, 5f0720b) over 768 such benign rows × 15 blocks: 342 wraps read blank (93 rows; a
"Diskusi" answer "Ready kak" or "Stok terbatas, buruan checkout!" was the seller's voice that lifted a report's
discount, a minimum spend's "50rb" a price, a spec line the description's product phrase), and 30 offer wraps read lower
(five offers any first line flips).  Now 0 and 0.
"""

from __future__ import annotations

import re

import pytest

from matchers import score_many
from tests.matchers.chatter13 import CHATTER, wrapped
from tests.matchers.lever_checks import lowered, read_benign, read_blank
from tests.matchers.tune_rows import read_right_offers, tune_rows

_BLANK_WORD = re.compile(r"bl[a@]n[gk]|blank", re.IGNORECASE)


def _read_right_notices() -> list[dict]:
    rows = [row for row in tune_rows() if row["label"] == "benign" and _BLANK_WORD.search(f"{row['title']} {row['description']}")]
    return read_benign(rows)


NOTICES = _read_right_notices()
OFFERS = read_right_offers()


@pytest.mark.parametrize("block", sorted(CHATTER))
def test_chatter_makes_no_notice_an_offer(block: str) -> None:
    verdicts = score_many(wrapped(row, block) for row in NOTICES)
    assert sorted(read_blank(NOTICES, verdicts)) == []


@pytest.mark.parametrize("block", sorted(CHATTER))
def test_chatter_hides_no_offer(block: str) -> None:
    verdicts = score_many(wrapped(row, block) for row in OFFERS)
    assert lowered(OFFERS, verdicts) == []


def test_the_measure_is_not_empty() -> None:
    assert len(NOTICES) > 700 and len(OFFERS) > 5000
