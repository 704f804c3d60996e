"""The eleventh frozen holdout (issue 15's labels) judges the matcher; nothing may be tuned on it.

One pool of 598 listings (2026-12-07, written by a helper who read no matcher code beyond two
module docstrings and no earlier holdout text: 299 hand-written cores, offers and hard
negatives sharing their words, each written out in two of eleven shapes a crawler brings back,
with contacts, non-identifiers and evasions; see ``holdout11/README.md``).  The whole pool is
holdout: there is no tune part.  Guards:

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
HOLDOUT = TESTS / "holdout11" / "holdout.jsonl"
HOLDOUT_SHA256 = "a45a309a8ee2f21d8342a1cb0efe8abd0a878b08ad43908be837e85a90e3cd82"
FAMILIES = frozenset({"blank", "related", "hardneg", "ordinary"})
ROW_KEYS = frozenset({"id", "title", "description", "label", "identifiers", "split"})
#: the brief's minimum per label (the whole pool is holdout)
HOLDOUT_MINIMUM = {"blank": 170, "related": 140, "benign": 220}


def test_holdout11_file_is_frozen() -> None:
    digest = hashlib.sha256(HOLDOUT.read_bytes()).hexdigest()
    assert digest == HOLDOUT_SHA256, "holdout11/holdout.jsonl changed: the holdout is frozen (see its README)"


def test_holdout11_is_big_enough_and_well_formed() -> None:
    holdout = read_rows(HOLDOUT)
    assert len(holdout) >= 520
    assert labels_short_of(holdout, HOLDOUT_MINIMUM) == []
    assert {r["label"] for r in holdout} == set(LABELS)
    assert len({r["id"] for r in holdout}) == len(holdout)
    assert all(r["id"].startswith("h11-") and r["id"].split("-")[1] in FAMILIES for r in holdout)
    assert all(set(r) == ROW_KEYS and r["label"] in LABELS and r["split"] == "holdout" for r in holdout)
    benign = [r for r in holdout if r["label"] == "benign"]
    hardneg = [r for r in benign if r["id"].split("-")[1] == "hardneg"]
    assert len(hardneg) >= 0.6 * len(benign)


def figures() -> HoldoutFigures:
    return part_figures(HOLDOUT, HOLDOUT, "holdout")


#: floors set by the integrator after the round this holdout judges. First run (2026-12-07
#: 06:50 UTC, on ktpwatch-matchers/2.11, main at e5c3475, before this round's changes):
#: blank precision 0.905 (171/189), blank recall 0.881 (171/194), related recall 0.864 (133/154),
#: identifiers 1.000 / 0.998 (811 found, 0 false, 2 missed).  Judged once on ktpwatch-matchers/2.12 (08:51 UTC):
#: blank precision 0.914 (171/187), blank recall 0.881 (171/194), related recall 0.864 (133/154), identifiers
#: 1.000 / 0.998.
MEASURED = HoldoutFigures(blank_precision=0.91, blank_recall=0.88, related_recall=0.86, id_precision=0.99, id_recall=0.99)


def test_matcher_never_falls_below_what_it_measured_on_holdout11() -> None:
    assert shortfalls(figures(), MEASURED) == []


@pytest.mark.xfail(strict=False, reason="issue 15 is open: blank precision 0.905, recall 0.881 on the first run; 0.914, 0.881 on 2.12 (targets 0.97)")
def test_matcher_meets_the_issue_targets_on_holdout11() -> None:
    assert shortfalls(figures(), ISSUE_TARGETS) == []


#: lexicon words of 2.11 (string constants of matchers/ at e5c3475, written before this holdout) that
#: the first run found in holdout11 texts and in no tune text; they are not named, so the holdout does
#: not leak through this file
OLDER_WORDS_ONLY_IN_HOLDOUT11 = 3


def _leaked() -> int:
    leaked = lexicon_words_only_in_holdout(read_rows(HOLDOUT), [])
    print(f"\nlexicon words in holdout11 but in no tune text: {leaked}")
    return leaked


def test_no_lexicon_word_added_after_holdout11_occurs_only_in_it() -> None:
    assert _leaked() <= OLDER_WORDS_ONLY_IN_HOLDOUT11, "a matcher word added after holdout11 occurs only in its texts"


@pytest.mark.xfail(strict=False, reason=(
    "the first run found 3 lexicon words of 2.11 (older than this holdout) in holdout11 texts and in no tune "
    "text; the words are not named here, so the holdout does not leak through this reason"))
def test_no_lexicon_word_occurs_only_in_holdout11() -> None:
    leaked = _leaked()
    assert leaked == 0, f"{leaked} lexicon words occur only in holdout11 texts (count only: naming them leaks)"
