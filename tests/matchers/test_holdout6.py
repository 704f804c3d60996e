"""The sixth frozen holdout (issue 15's labels) judges the matcher; nothing may be tuned on it.

One pool of 946 hand-written listings (2026-12-06, written after five tuning rounds, in the
shapes a crawler brings back: structured shop listings whose offer sits in a variant, an
answer or a package list, marketplace and social posts, euphemisms, regional voices and
evasions, hard negatives sharing many words with offers) was split by id (``holdout`` when
the first byte of sha256(id) is below 0x99): the holdout part is ``holdout6/holdout.jsonl``,
the tune part ``corpus/independent6.jsonl`` (see ``holdout6/README.md``).  The five earlier
holdouts had each judged tuning rounds, so a fresh one was needed while other helpers tune
the matcher on the tune part only.  Guards:

* the holdout file is byte for byte the one committed before the matcher was first run on
  it (SHA-256), and both parts follow the split rule;
* the pool is as big and as mixed as its brief asked;
* the matcher meets the issue's targets on the holdout part (figures printed per split,
  never per row, so no holdout text reaches whoever tunes), and never falls below what it
  first measured there;
* no word of the matcher's lexicon occurs in holdout texts without also occurring in a tune
  text.
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
    split_violations,
)

TESTS = Path(__file__).parent
HOLDOUT = TESTS / "holdout6" / "holdout.jsonl"
TUNE = TESTS / "corpus" / "independent6.jsonl"
HOLDOUT_SHA256 = "17408d854b098576545a77a28ba3b969cf83f0d3aa115cc7e9fee5897ef10404"
FAMILIES = frozenset({"blank", "related", "hardneg", "ordinary"})
ROW_KEYS = frozenset({"id", "title", "description", "label", "identifiers", "split"})
#: the brief's minimum per label, for the holdout part and for the whole pool
HOLDOUT_MINIMUM = {"blank": 160, "related": 135, "benign": 255}
POOL_MINIMUM = {"blank": 230, "related": 200, "benign": 370}


def test_holdout6_file_is_frozen() -> None:
    digest = hashlib.sha256(HOLDOUT.read_bytes()).hexdigest()
    assert digest == HOLDOUT_SHA256, "holdout6/holdout.jsonl changed: the holdout is frozen (see its README)"


def test_both_parts_of_holdout6_follow_the_split_rule_and_do_not_overlap() -> None:
    assert split_violations(read_rows(HOLDOUT), read_rows(TUNE)) == []


def test_holdout6_is_big_enough_and_well_formed() -> None:
    holdout = read_rows(HOLDOUT)
    pool = holdout + read_rows(TUNE)
    assert len(holdout) >= 540 and len(pool) >= 800
    assert labels_short_of(holdout, HOLDOUT_MINIMUM) == [] and labels_short_of(pool, POOL_MINIMUM) == []
    assert {r["label"] for r in holdout} == set(LABELS)
    assert len({r["id"] for r in pool}) == len(pool)
    assert all(r["id"].startswith("h6-") and r["id"].split("-")[1] in FAMILIES for r in pool)
    assert all(set(r) == ROW_KEYS and r["label"] in LABELS for r in pool)


def figures(split: str) -> HoldoutFigures:
    return part_figures(HOLDOUT, TUNE, split)


def test_holdout6_tune_part_figures_are_printed_for_whoever_tunes() -> None:
    assert 0.0 <= figures("tune").blank_recall <= 1.0


#: What the matcher measured on this holdout at its one first run (branch corpus6 at 293762a,
#: matchers as on main at 300ee84, ktpwatch-matchers/2.6, 2026-12-06 15:57 UTC): blank
#: precision 0.893 (151/169), recall 0.904 (151/167), related recall 0.865 (122/141),
#: identifiers precision 1.000 (74/74) recall 1.000 (74/74) (tune part: 0.918 / 0.927 /
#: 0.898, identifiers 1.000 / 1.000).  Floors a little below those figures (two or three
#: rows of slack); a later matcher may not fall below them.  Judged after the session's tuning, which
#: never read it (ktpwatch-matchers/2.7, 2026-12-06 17:20 UTC): 0.933 / 0.916 / 0.894, identifiers
#: 1.000 / 1.000; the floors hold 2.7's figures.
#: Judged after the next session's tuning (ktpwatch-matchers/2.8, 2026-12-06 20:25 UTC, tuned on tune parts and
#: fresh rows only, never on this file): 0.963 / 0.928 / 0.901, identifiers 1.000 / 1.000; the floors hold 2.8's figures.
MEASURED = HoldoutFigures(blank_precision=0.96, blank_recall=0.92, related_recall=0.9,
                          id_precision=0.97, id_recall=0.97)


def test_matcher_never_falls_below_what_it_measured_on_holdout6() -> None:
    assert shortfalls(figures("holdout"), MEASURED) == []


@pytest.mark.xfail(strict=False, reason=(
    "issue 15 is open: the first run (matchers of main at 300ee84, ktpwatch-matchers/2.6) on holdout6 "
    "measured blank precision 0.893, recall 0.904, related recall 0.865, identifiers precision 1.000 "
    "recall 1.000 (tune part: 0.918 / 0.927 / 0.898, identifiers 1.000 / 1.000)"))
def test_matcher_meets_the_issue_targets_on_holdout6() -> None:
    assert shortfalls(figures("holdout"), ISSUE_TARGETS) == []


@pytest.mark.xfail(strict=False, reason=(
    "the first run found 1 lexicon word (string constants of matchers/ at 300ee84, older than this "
    "holdout) in holdout6 texts and in no tune text; the word is not named here, so the holdout "
    "does not leak through this reason"))
def test_no_lexicon_word_occurs_only_in_holdout6() -> None:
    leaked = lexicon_words_only_in_holdout(read_rows(HOLDOUT), read_rows(TUNE))
    print(f"\nlexicon words in holdout6 but in no tune text: {leaked}")
    assert leaked == 0, f"{leaked} lexicon words occur only in holdout6 texts (count only: naming them leaks)"
