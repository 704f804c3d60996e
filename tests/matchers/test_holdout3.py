"""The third frozen holdout (issue 15's labels) judges the matcher; nothing may be tuned on it.

One pool of 965 hand-written listings (2026-12-06) was split by id (``holdout`` when
the first byte of sha256(id) is below 0x99): the holdout part is
``holdout3/holdout.jsonl``, the tune part is ``corpus/independent3.jsonl`` (see
``holdout3/README.md``).  It was written because the first two holdouts had judged
several tuning rounds each.  Guards:

* the holdout file is byte for byte the one committed before the matcher was
  first run on it (SHA-256), and both parts follow the split rule;
* the matcher meets the issue's targets on the holdout part (figures are printed
  per split, never per row: printing texts or ids would hand the holdout to
  whoever reads the output while tuning), and never falls below what it first
  measured there;
* no word of the matcher's lexicon occurs in holdout texts without also
  occurring in a tune text, the tune part of this set included.
"""

from __future__ import annotations

import functools
import hashlib
from collections import Counter
from pathlib import Path

import pytest

from tests.matchers.evaluation import (
    ISSUE_TARGETS,
    LABELS,
    HoldoutFigures,
    printed_figures,
    shortfalls,
)
from tests.matchers.holdout_parts import lexicon_words_only_in_holdout, read_rows, split_violations

TESTS = Path(__file__).parent
HOLDOUT = TESTS / "holdout3" / "holdout.jsonl"
TUNE = TESTS / "corpus" / "independent3.jsonl"
HOLDOUT_SHA256 = "d5309754620061415880d28e02ca3ca7956159c05ce207b2ddd68646e6141e9a"
FAMILIES = ("blank", "related", "hardneg", "ordinary")
_rows = read_rows


def test_holdout3_file_is_frozen() -> None:
    digest = hashlib.sha256(HOLDOUT.read_bytes()).hexdigest()
    assert digest == HOLDOUT_SHA256, "holdout3/holdout.jsonl changed: the holdout is frozen (see its README)"


def test_both_parts_follow_the_split_rule_and_do_not_overlap() -> None:
    assert split_violations(_rows(HOLDOUT), _rows(TUNE)) == []


def test_holdout3_is_big_enough_and_well_formed() -> None:
    rows = _rows(HOLDOUT)
    pool = rows + _rows(TUNE)
    labels = Counter(r["label"] for r in rows)
    hard = sum(1 for r in rows if r["id"].startswith("h3-hardneg-"))
    assert len(rows) >= 540 and labels["blank"] >= 160 and labels["related"] >= 110
    assert labels["benign"] >= 270 and hard >= 0.6 * labels["benign"]
    pool_labels = Counter(r["label"] for r in pool)
    pool_hard = sum(1 for r in pool if r["id"].startswith("h3-hardneg-"))
    assert len(pool) >= 850 and pool_labels["blank"] >= 250 and pool_labels["related"] >= 200
    assert pool_labels["benign"] >= 400 and pool_hard >= 0.6 * pool_labels["benign"]
    assert set(labels) == set(LABELS)
    assert len({r["id"] for r in pool}) == len(pool)
    assert all(r["id"].split("-")[1] in FAMILIES for r in pool)
    assert all(set(r) == {"id", "title", "description", "label", "identifiers", "split"} for r in pool)


@functools.cache
def figures(split: str) -> HoldoutFigures:
    """Score one part once per session and print only aggregate figures."""
    return printed_figures(_rows(HOLDOUT if split == "holdout" else TUNE), f"holdout3 {split} part")


def test_print_the_tune_part_figures() -> None:
    """The tune part's figures, for whoever tunes on it (the holdout's are printed below)."""
    assert 0.0 <= figures("tune").blank_recall <= 1.0


#: What the matcher measured on this holdout at its one first run (main at 830bbf6,
#: ktpwatch-matchers/2.3, 2026-12-06 05:44 UTC): blank precision 0.988, recall 0.958,
#: related recall 0.832, identifiers precision 1.000 recall 1.000 (tune part: 0.983 /
#: 0.966 / 0.813, identifiers 1.000 / 1.000).  Floors a little below those figures (a
#: few rows of slack); a later matcher may not fall below them. Judged once more, after this
#: session's tuning (ktpwatch-matchers/2.4, main at 2026-12-06 07:25 UTC, tuned only on the tune
#: part and on fresh rows of its own): 0.994 / 0.964 / 0.876, identifiers 1.000 / 1.000; the
#: floors held 2.4's figures. 2.5 (2026-12-06 09:58 UTC, tuned the same way): 0.994 / 0.964 /
#: 0.885, identifiers 1.000 / 1.000; the floors hold 2.5's.
#: Judged after the next session's tuning (ktpwatch-matchers/2.8, 2026-12-06 20:25 UTC, tuned on tune parts and
#: fresh rows only, never on this file): 0.994 / 0.976 / 0.894, identifiers 1.000 / 1.000; the floors hold 2.8's figures.
MEASURED = HoldoutFigures(blank_precision=0.99, blank_recall=0.97, related_recall=0.89,
                          id_precision=1.0, id_recall=1.0)


def test_matcher_never_falls_below_what_it_measured_on_holdout3() -> None:
    assert shortfalls(figures("holdout"), MEASURED) == []


@pytest.mark.xfail(strict=False, reason=(
    "issue 15 is open: the first run (main at 830bbf6, ktpwatch-matchers/2.3) on holdout3 measured "
    "blank precision 0.988, recall 0.958, related recall 0.832, identifiers precision 1.000 recall "
    "1.000 (tune part: 0.983 / 0.966 / 0.813, identifiers 1.000 / 1.000); after tuning, 2.4 measured "
    "0.994 / 0.964 / 0.876, identifiers 1.000 / 1.000; 2.5 0.994 / 0.964 / 0.885, identifiers "
    "1.000 / 1.000"))
def test_matcher_meets_the_issue_targets_on_holdout3() -> None:
    assert shortfalls(figures("holdout"), ISSUE_TARGETS) == []


@pytest.mark.xfail(strict=False, reason=(
    "the first run found 2 lexicon words (string constants of matchers/ at 830bbf6, older than this "
    "holdout) in holdout3 texts and in no tune text; the words are not named here, so the holdout "
    "does not leak through this reason"))
def test_no_lexicon_word_occurs_only_in_holdout3() -> None:
    leaked = lexicon_words_only_in_holdout(_rows(HOLDOUT), _rows(TUNE))
    print(f"\nlexicon words in holdout3 but in no tune text: {leaked}")
    assert leaked == 0, f"{leaked} lexicon words occur only in holdout3 texts (count only: naming them leaks)"
