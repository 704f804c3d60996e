"""The tenth frozen holdout (issue 15's labels) judges the matcher; nothing may be tuned on it.

One pool of 570 listings (2026-12-07, written by a helper who read no matcher code beyond two
module docstrings and no earlier holdout text: 285 hand-written cores, offers and hard
negatives sharing their words, each written out in two of nine shapes a crawler brings back,
with contacts, non-identifiers and evasions; see ``holdout10/README.md``).  The whole pool is
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
HOLDOUT = TESTS / "holdout10" / "holdout.jsonl"
HOLDOUT_SHA256 = "d468e010354bed5f4f1f42135effa161f99afaed94703f25b85a69f34667170c"
FAMILIES = frozenset({"blank", "related", "hardneg", "ordinary"})
ROW_KEYS = frozenset({"id", "title", "description", "label", "identifiers", "split"})
#: the brief's minimum per label (the whole pool is holdout)
HOLDOUT_MINIMUM = {"blank": 170, "related": 140, "benign": 220}


def test_holdout10_file_is_frozen() -> None:
    digest = hashlib.sha256(HOLDOUT.read_bytes()).hexdigest()
    assert digest == HOLDOUT_SHA256, "holdout10/holdout.jsonl changed: the holdout is frozen (see its README)"


def test_holdout10_is_big_enough_and_well_formed() -> None:
    holdout = read_rows(HOLDOUT)
    assert len(holdout) >= 520
    assert labels_short_of(holdout, HOLDOUT_MINIMUM) == []
    assert {r["label"] for r in holdout} == set(LABELS)
    assert len({r["id"] for r in holdout}) == len(holdout)
    assert all(r["id"].startswith("h10-") and r["id"].split("-")[1] in FAMILIES for r in holdout)
    assert all(set(r) == ROW_KEYS and r["label"] in LABELS and r["split"] == "holdout" for r in holdout)
    benign = [r for r in holdout if r["label"] == "benign"]
    hardneg = [r for r in benign if r["id"].split("-")[1] == "hardneg"]
    assert len(hardneg) >= 0.6 * len(benign)


def figures() -> HoldoutFigures:
    return part_figures(HOLDOUT, HOLDOUT, "holdout")


#: floors set by the integrator after the round this holdout judges. First run (2026-12-07
#: 03:28 UTC, on ktpwatch-matchers/2.10, main at 3f6cf86, before this round's changes):
#: blank precision 0.887 (180/203), blank recall 1.000, related recall 0.901 (137/152),
#: identifiers 1.000 / 1.000.  Judged once on ktpwatch-matchers/2.11 (05:31 UTC): blank precision 0.909 (180/198),
#: blank recall 1.000, related recall 0.901 (137/152), identifiers 1.000 / 1.000.
MEASURED = HoldoutFigures(blank_precision=0.90, blank_recall=0.99, related_recall=0.90, id_precision=0.99, id_recall=0.99)


def test_matcher_never_falls_below_what_it_measured_on_holdout10() -> None:
    assert shortfalls(figures(), MEASURED) == []


@pytest.mark.xfail(strict=False, reason="issue 15 is open: blank precision 0.887 on the first run, 0.909 on 2.11 (target 0.97)")
def test_matcher_meets_the_issue_targets_on_holdout10() -> None:
    assert shortfalls(figures(), ISSUE_TARGETS) == []


def test_no_lexicon_word_occurs_only_in_holdout10() -> None:
    leaked = lexicon_words_only_in_holdout(read_rows(HOLDOUT), [])
    print(f"\nlexicon words in holdout10 but in no tune text: {leaked}")
    assert leaked == 0, f"{leaked} lexicon words occur only in holdout10 texts (count only: naming them leaks)"
