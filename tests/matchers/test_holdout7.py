"""The seventh frozen holdout (issue 15's labels) judges the matcher; nothing may be tuned on it.

One pool of 825 listings (2026-12-06, written after six tuning rounds: 275 hand-written cores,
offers and hard negatives sharing their words, each written out in three of nine shapes a
crawler brings back, with contacts, non-identifiers and evasions) was split by id (``holdout``
when the first byte of sha256(id) is below 0x99): the holdout part is
``holdout7/holdout.jsonl``, the tune part ``corpus/independent7.jsonl`` (see
``holdout7/README.md``).  The six earlier holdouts had each judged tuning rounds, so a fresh
one was needed while other helpers tune the matcher on the tune part only.  Guards:

* the holdout file is byte for byte the one committed before the matcher was first run on
  it, but for the mechanical fix of a writer bug found after that run (26 labelled
  identifiers not written in their texts removed; SHA-256), and both parts follow the split
  rule;
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
HOLDOUT = TESTS / "holdout7" / "holdout.jsonl"
TUNE = TESTS / "corpus" / "independent7.jsonl"
#: re-pinned once, 2026-12-06 19:07 UTC, when the writer bug that labelled 26 identifiers not written
#: in their texts was fixed mechanically (texts and verdict labels unchanged; see holdout7/README.md)
HOLDOUT_SHA256 = "3cdb2a1b94ed35a51375d49e9436d7f42b5b25041fb7cd75795c410e9ea7ddbd"
FAMILIES = frozenset({"blank", "related", "hardneg", "ordinary"})
ROW_KEYS = frozenset({"id", "title", "description", "label", "identifiers", "split"})
#: the brief's minimum per label for the whole pool, and what the split left in the holdout part
HOLDOUT_MINIMUM = {"blank": 130, "related": 130, "benign": 210}
POOL_MINIMUM = {"blank": 230, "related": 200, "benign": 370}


def test_holdout7_file_is_frozen() -> None:
    digest = hashlib.sha256(HOLDOUT.read_bytes()).hexdigest()
    assert digest == HOLDOUT_SHA256, "holdout7/holdout.jsonl changed: the holdout is frozen (see its README)"


def test_both_parts_of_holdout7_follow_the_split_rule_and_do_not_overlap() -> None:
    assert split_violations(read_rows(HOLDOUT), read_rows(TUNE)) == []


def test_holdout7_is_big_enough_and_well_formed() -> None:
    holdout = read_rows(HOLDOUT)
    pool = holdout + read_rows(TUNE)
    assert len(holdout) >= 480 and len(pool) >= 800
    assert labels_short_of(holdout, HOLDOUT_MINIMUM) == [] and labels_short_of(pool, POOL_MINIMUM) == []
    assert {r["label"] for r in holdout} == set(LABELS)
    assert len({r["id"] for r in pool}) == len(pool)
    assert all(r["id"].startswith("h7-") and r["id"].split("-")[1] in FAMILIES for r in pool)
    assert all(set(r) == ROW_KEYS and r["label"] in LABELS for r in pool)


def figures(split: str) -> HoldoutFigures:
    return part_figures(HOLDOUT, TUNE, split)


def test_holdout7_tune_part_figures_are_printed_for_whoever_tunes() -> None:
    assert 0.0 <= figures("tune").blank_recall <= 1.0


#: What the matcher measured on this holdout at its one first run (branch corpus7 at 53e535e,
#: matchers as on main at 50069ea, ktpwatch-matchers/2.7, 2026-12-06 18:58 UTC): blank
#: precision 0.928 (128/138), recall 0.941 (128/136), related recall 0.911 (123/135),
#: identifiers precision 1.000 (243/243) recall 0.903 (243/269) (tune part: 0.941 / 0.913 /
#: 0.923, identifiers 1.000 / 0.921).  The identifier figures were measured on buggy labels: the
#: writer's tweet shape dropped the contact line of 20 holdout rows (11 tune rows) but kept its 26
#: (12) labelled values, the run's every identifier miss.  Fixed mechanically after the run
#: (2026-12-06 19:07 UTC, texts and verdict labels unchanged, see holdout7/README.md), the same run
#: is 243 found of 243 written (1.000; tune 140/140).  Floors a little below those figures (two or
#: three rows of slack); a later matcher may not fall below them.  The identifier recall floor was
#: 0.89 of 269 (at most 3 written identifiers missed); on the 243 fixed labels the same 3 misses
#: give 0.985, and it is raised to that and no further.
#: Judged once after the session's tuning, which never read it and began after it was frozen
#: (ktpwatch-matchers/2.8, 2026-12-06 20:25 UTC): 0.962 / 0.941 / 0.911, identifiers 1.000 / 1.000.
#: Judged again after the next session's tuning (ktpwatch-matchers/2.9, 2026-12-06 23:40 UTC, tuned on tune texts only):
#: 0.977 / 0.956 / 0.911, identifiers 1.000 / 1.000; the floors hold 2.9's figures.
MEASURED = HoldoutFigures(blank_precision=0.97, blank_recall=0.95, related_recall=0.91,
                          id_precision=0.97, id_recall=0.985)


def test_matcher_never_falls_below_what_it_measured_on_holdout7() -> None:
    assert shortfalls(figures("holdout"), MEASURED) == []


@pytest.mark.xfail(strict=False, reason=(
    "issue 15 is open: the first run (matchers of main at 50069ea, ktpwatch-matchers/2.7) on holdout7 "
    "measured blank precision 0.928, recall 0.941, related recall 0.911, identifiers precision 1.000 "
    "recall 0.903 on labels with 26 unwritten values, 1.000 (243/243) once fixed (tune part: 0.941 / "
    "0.913 / 0.923, identifiers 1.000 / 0.921, 140/140 once fixed)"))
def test_matcher_meets_the_issue_targets_on_holdout7() -> None:
    assert shortfalls(figures("holdout"), ISSUE_TARGETS) == []


def test_no_lexicon_word_occurs_only_in_holdout7() -> None:
    leaked = lexicon_words_only_in_holdout(read_rows(HOLDOUT), read_rows(TUNE))
    print(f"\nlexicon words in holdout7 but in no tune text: {leaked}")
    assert leaked == 0, f"{leaked} lexicon words occur only in holdout7 texts (count only: naming them leaks)"
