"""The twelfth frozen holdout (issue 15's labels) judges the matcher; nothing may be tuned on it.

One pool of 588 listings (2026-12-07, written by a helper who read no matcher code beyond two
module docstrings and no earlier holdout text: 294 hand-written cores leaning on what a crawl of
six shops brings back (offers behind vague titles, variant lists, Q&A answers, price lists,
closures and restock notes; shops, offices and newsrooms speaking about blank stock; buyers,
warnings and scam reports quoting offers), each written out in two of ten shapes a crawler
brings back, with contacts, non-identifiers and evasions; see ``holdout12/README.md``).  The
whole pool is holdout: there is no tune part.  Guards:

* the holdout file is byte for byte the one committed before the matcher was first run on
  it (SHA-256);
* the pool is as big and as mixed as its brief asked;
* the matcher meets the issue's targets on it (figures printed, never per row, so no holdout
  text reaches whoever tunes), and never falls below what it first measured there;
* no word of the matcher's lexicon occurs only in its texts (there is no tune part to share them).
"""

from __future__ import annotations

import hashlib
from pathlib import Path

import pytest

from tests.matchers.evaluation import ISSUE_TARGETS, LABELS, HoldoutFigures, shortfalls
from tests.matchers.holdout_parts import (
    labels_short_of,
    lexicon_words_only_in_holdout,
    part_figures,
    read_rows,
)

TESTS = Path(__file__).parent
HOLDOUT = TESTS / "holdout12" / "holdout.jsonl"
HOLDOUT_SHA256 = "622314afd625288accda7b2058ec86d5fa2856947d2b667107860f1ea59f4bfc"
FAMILIES = frozenset({"blank", "related", "hardneg", "ordinary"})
ROW_KEYS = frozenset({"id", "title", "description", "label", "identifiers", "split"})
#: the brief's minimum per label (the whole pool is holdout)
HOLDOUT_MINIMUM = {"blank": 170, "related": 140, "benign": 220}


def test_holdout12_file_is_frozen() -> None:
    digest = hashlib.sha256(HOLDOUT.read_bytes()).hexdigest()
    assert digest == HOLDOUT_SHA256, "holdout12/holdout.jsonl changed: the holdout is frozen (see its README)"


def test_holdout12_is_big_enough_and_well_formed() -> None:
    holdout = read_rows(HOLDOUT)
    assert len(holdout) >= 520
    assert labels_short_of(holdout, HOLDOUT_MINIMUM) == []
    assert {r["label"] for r in holdout} == set(LABELS)
    assert len({r["id"] for r in holdout}) == len(holdout)
    assert all(r["id"].startswith("h12-") and r["id"].split("-")[1] in FAMILIES for r in holdout)
    assert all(set(r) == ROW_KEYS and r["label"] in LABELS and r["split"] == "holdout" for r in holdout)
    benign = [r for r in holdout if r["label"] == "benign"]
    hardneg = [r for r in benign if r["id"].split("-")[1] == "hardneg"]
    assert len(hardneg) >= 0.6 * len(benign)


def figures() -> HoldoutFigures:
    return part_figures(HOLDOUT, HOLDOUT, "holdout")


#: floors set by the integrator after the round this holdout judges. First run (2026-12-07
#: 10:08 UTC, on ktpwatch-matchers/2.12, main at 48a7dbc, before this round's changes):
#: blank precision 0.977 (172/176), blank recall 0.925 (172/186), related recall 0.803 (122/152),
#: identifiers 1.000 / 1.000 (871 found, 0 false, 0 missed).  Judged once on ktpwatch-matchers/2.13 (12:15 UTC):
#: the same figures, verdict for verdict (this round's related readings moved no holdout12 row).
MEASURED = HoldoutFigures(blank_precision=0.97, blank_recall=0.92, related_recall=0.80, id_precision=0.99, id_recall=0.99)


def test_matcher_never_falls_below_what_it_measured_on_holdout12() -> None:
    assert shortfalls(figures(), MEASURED) == []


@pytest.mark.xfail(strict=False, reason="issue 15 is open: blank precision 0.977, recall 0.925, related recall 0.803 on 2.12 and 2.13 (targets 0.97 / 0.97 / 0.90)")
def test_matcher_meets_the_issue_targets_on_holdout12() -> None:
    assert shortfalls(figures(), ISSUE_TARGETS) == []


#: lexicon words of 2.12 (string constants of matchers/ at 48a7dbc, written before this holdout) that
#: the first run found in holdout12 texts and in no tune text; they are not named, so the holdout does
#: not leak through this file
OLDER_WORDS_ONLY_IN_HOLDOUT12 = 2


def _leaked() -> int:
    leaked = lexicon_words_only_in_holdout(read_rows(HOLDOUT), [])
    print(f"\nlexicon words in holdout12 but in no tune text: {leaked}")
    return leaked


def test_no_lexicon_word_added_after_holdout12_occurs_only_in_it() -> None:
    assert _leaked() <= OLDER_WORDS_ONLY_IN_HOLDOUT12, "a matcher word added after holdout12 occurs only in its texts"


@pytest.mark.xfail(strict=False, reason=(
    "the first run found 2 lexicon words of 2.12 (older than this holdout) in holdout12 texts and in no tune "
    "text; the words are not named here, so the holdout does not leak through this reason"))
def test_no_lexicon_word_occurs_only_in_holdout12() -> None:
    leaked = _leaked()
    assert leaked == 0, f"{leaked} lexicon words occur only in holdout12 texts (count only: naming them leaks)"
