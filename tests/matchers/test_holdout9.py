"""The ninth frozen holdout (issue 15's labels) judges the matcher; nothing may be tuned on it.

One pool of 548 listings (2026-12-07, written by a helper who read no matcher code beyond two
module docstrings and no earlier holdout text: 274 hand-written cores, offers and hard
negatives sharing their words, each written out in two of nine shapes a crawler brings back,
with contacts, non-identifiers and evasions; see ``holdout9/README.md``).  The whole pool is
holdout: there is no tune part.  Guards:

* the holdout file is byte for byte the one committed before the matcher was first run on
  it (SHA-256);
* the pool is as big and as mixed as its brief asked;
* the matcher meets the issue's targets on it (figures printed, never per row, so no holdout
  text reaches whoever tunes), and never falls below what it first measured there;
* no word of the matcher's lexicon occurs in its texts (there is no tune part to share them).
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
HOLDOUT = TESTS / "holdout9" / "holdout.jsonl"
HOLDOUT_SHA256 = "cd2038fb68a7c9f4ad401cf0789afd6b862ee1f76cbe666f3e74eb59bb61af65"
FAMILIES = frozenset({"blank", "related", "hardneg", "ordinary"})
ROW_KEYS = frozenset({"id", "title", "description", "label", "identifiers", "split"})
#: the brief's minimum per label (the whole pool is holdout)
HOLDOUT_MINIMUM = {"blank": 170, "related": 140, "benign": 220}


def test_holdout9_file_is_frozen() -> None:
    digest = hashlib.sha256(HOLDOUT.read_bytes()).hexdigest()
    assert digest == HOLDOUT_SHA256, "holdout9/holdout.jsonl changed: the holdout is frozen (see its README)"


def test_holdout9_is_big_enough_and_well_formed() -> None:
    holdout = read_rows(HOLDOUT)
    assert len(holdout) >= 520
    assert labels_short_of(holdout, HOLDOUT_MINIMUM) == []
    assert {r["label"] for r in holdout} == set(LABELS)
    assert len({r["id"] for r in holdout}) == len(holdout)
    assert all(r["id"].startswith("h9-") and r["id"].split("-")[1] in FAMILIES for r in holdout)
    assert all(set(r) == ROW_KEYS and r["label"] in LABELS and r["split"] == "holdout" for r in holdout)


def figures() -> HoldoutFigures:
    return part_figures(HOLDOUT, HOLDOUT, "holdout")


#: What the matcher measured on this holdout at its one first run (matchers of main at 0e52f3a,
#: ktpwatch-matchers/2.9, 2026-12-07 01:10 UTC, before any 2.10 change): blank precision 0.919
#: (170/185), recall 0.955 (170/178), related recall 0.908 (129/142), identifiers precision 1.000
#: recall 1.000 (741/741).  Floors a little below those figures (one or two rows of slack); a later
#: matcher may not fall below them.
#: Judged once after the round's tuning, which never read it (precision12, levers12 and blankrec12 began before it was
#: committed and were told never to open it; ktpwatch-matchers/2.10, 2026-12-07 02:15 UTC): blank precision 0.912
#: (176/193), recall 0.989 (176/178), related recall 0.908 (129/142), identifiers 1.000 / 1.000 (741/741); the recall
#: floor holds 2.10's gain.
MEASURED = HoldoutFigures(blank_precision=0.91, blank_recall=0.98, related_recall=0.90,
                          id_precision=0.99, id_recall=0.99)


def test_matcher_never_falls_below_what_it_measured_on_holdout9() -> None:
    assert shortfalls(figures(), MEASURED) == []


@pytest.mark.xfail(strict=False, reason=(
    "issue 15 is open: the first run (matchers of main at 0e52f3a, ktpwatch-matchers/2.9) on holdout9 "
    "measured blank precision 0.919, recall 0.955, related recall 0.908, identifiers precision 1.000 "
    "recall 1.000"))
def test_matcher_meets_the_issue_targets_on_holdout9() -> None:
    assert shortfalls(figures(), ISSUE_TARGETS) == []


#: The first run found no lexicon word (string constants of matchers/ at 0e52f3a) in holdout9 texts and in
#: no tune text, so the test is strict: a tuner's word that only this holdout uses fails it.
def test_no_lexicon_word_occurs_only_in_holdout9() -> None:
    leaked = lexicon_words_only_in_holdout(read_rows(HOLDOUT), [])
    print(f"\nlexicon words in holdout9 but in no tune text: {leaked}")
    assert leaked == 0, f"{leaked} lexicon words occur only in holdout9 texts (count only: naming them leaks)"
