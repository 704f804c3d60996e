"""The fifth frozen holdout (issue 15's labels) judges the matcher; nothing may be tuned on it.

One pool of 1,247 hand-written listings (2026-12-06, written after four tuning rounds, with
many short marketplace titles and seller voices from outside Java and from Malaysia) was
split by id (``holdout`` when the first byte of sha256(id) is below 0x99): the holdout part
is ``holdout5/holdout.jsonl``, the tune part ``corpus/independent5.jsonl`` (see
``holdout5/README.md``).  The earlier four holdouts had each judged tuning rounds, so a
fresh one was needed.  Guards:

* the holdout file is byte for byte the one committed before the matcher was first run
  on it (SHA-256), and both parts follow the split rule;
* the pool is as big and as mixed as its brief asked;
* the matcher meets the issue's targets on the holdout part (figures printed per split,
  never per row, so no holdout text reaches whoever tunes), and never falls below what
  it first measured there;
* no word of the matcher's lexicon occurs in holdout texts without also occurring in a
  tune text.
"""

from __future__ import annotations

import hashlib
from collections import Counter
from pathlib import Path

import pytest

from tests.matchers.evaluation import ISSUE_TARGETS, LABELS, HoldoutFigures, shortfalls
from tests.matchers.holdout_parts import (
    lexicon_words_only_in_holdout,
    part_figures,
    read_rows,
    split_violations,
)

TESTS = Path(__file__).parent
HOLDOUT = TESTS / "holdout5" / "holdout.jsonl"
TUNE = TESTS / "corpus" / "independent5.jsonl"
HOLDOUT_SHA256 = "2d6c50aa165dfc11ecda8371b6ff66b8e165d1aeead9f4a7f3576d1123d639c3"
FAMILIES = ("blank", "related", "hardneg", "ordinary")
ROW_KEYS = {"id", "title", "description", "label", "identifiers", "split"}


def test_holdout5_file_is_frozen() -> None:
    digest = hashlib.sha256(HOLDOUT.read_bytes()).hexdigest()
    assert digest == HOLDOUT_SHA256, "holdout5/holdout.jsonl changed: the holdout is frozen (see its README)"


def test_both_parts_of_holdout5_follow_the_split_rule_and_do_not_overlap() -> None:
    assert split_violations(read_rows(HOLDOUT), read_rows(TUNE)) == []


def _hard_negatives_are_most_of_benign(rows: list[dict]) -> bool:
    families = Counter(r["id"].split("-")[1] for r in rows)
    return families["hardneg"] >= 0.6 * (families["hardneg"] + families["ordinary"])


def test_holdout5_is_big_enough_and_well_formed() -> None:
    holdout, pool = read_rows(HOLDOUT), read_rows(HOLDOUT) + read_rows(TUNE)
    held = Counter(r["label"] for r in holdout)
    assert len(holdout) >= 700 and held["blank"] >= 200 and held["related"] >= 170 and held["benign"] >= 300
    whole = Counter(r["label"] for r in pool)
    assert len(pool) >= 850 and whole["blank"] >= 250 and whole["related"] >= 200 and whole["benign"] >= 400
    assert _hard_negatives_are_most_of_benign(holdout) and _hard_negatives_are_most_of_benign(pool)
    assert set(held) == set(LABELS)
    assert len({r["id"] for r in pool}) == len(pool)
    assert all(r["id"].startswith("h5-") and r["id"].split("-")[1] in FAMILIES for r in pool)
    assert all(set(r) == ROW_KEYS and r["label"] in LABELS for r in pool)


def figures(split: str) -> HoldoutFigures:
    return part_figures(HOLDOUT, TUNE, split)


def test_holdout5_tune_part_figures_are_printed_for_whoever_tunes() -> None:
    assert 0.0 <= figures("tune").blank_recall <= 1.0


#: What the matcher measured on this holdout at its one first run (branch corpus5 at 1b5917d,
#: matchers as on main at 2d82b41, ktpwatch-matchers/2.5, 2026-12-06 11:25 UTC): blank
#: precision 0.981 (204/208), recall 0.915 (204/223), related recall 0.833 (150/180),
#: identifiers precision 1.000 (79/79) recall 0.952 (79/83) (tune part: 0.966 / 0.973 /
#: 0.808, identifiers 1.000 / 0.986).  Floors a little below those figures (two or three
#: rows of slack); a later matcher may not fall below them.  Judged once more after the next
#: session's tuning (ktpwatch-matchers/2.7, 2026-12-06 17:20 UTC, tuned on tune parts and fresh rows
#: only): 0.990 / 0.919 / 0.856, identifiers 1.000 / 0.952; the floors hold 2.7's figures.
#: Judged after the next session's tuning (ktpwatch-matchers/2.8, 2026-12-06 20:25 UTC, tuned on tune parts and
#: fresh rows only, never on this file): 0.990 / 0.933 / 0.861, identifiers 1.000 / 0.952; the floors hold 2.8's figures.
MEASURED = HoldoutFigures(blank_precision=0.99, blank_recall=0.93, related_recall=0.86,
                          id_precision=0.97, id_recall=0.95)


def test_matcher_never_falls_below_what_it_measured_on_holdout5() -> None:
    assert shortfalls(figures("holdout"), MEASURED) == []


@pytest.mark.xfail(strict=False, reason=(
    "issue 15 is open: the first run (matchers of main at 2d82b41, ktpwatch-matchers/2.5) on holdout5 "
    "measured blank precision 0.981, recall 0.915, related recall 0.833, identifiers precision 1.000 "
    "recall 0.952 (tune part: 0.966 / 0.973 / 0.808, identifiers 1.000 / 0.986)"))
def test_matcher_meets_the_issue_targets_on_holdout5() -> None:
    assert shortfalls(figures("holdout"), ISSUE_TARGETS) == []


@pytest.mark.xfail(strict=False, reason=(
    "the first run found 2 lexicon words (string constants of matchers/ at 2d82b41, older than this "
    "holdout) in holdout5 texts and in no tune text; the words are not named here, so the holdout "
    "does not leak through this reason"))
def test_no_lexicon_word_occurs_only_in_holdout5() -> None:
    leaked = lexicon_words_only_in_holdout(read_rows(HOLDOUT), read_rows(TUNE))
    print(f"\nlexicon words in holdout5 but in no tune text: {leaked}")
    assert leaked == 0, f"{leaked} lexicon words occur only in holdout5 texts (count only: naming them leaks)"
