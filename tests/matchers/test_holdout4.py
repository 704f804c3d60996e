"""The fourth frozen holdout (issue 15's labels) judges the matcher; nothing may be tuned on it.

One pool of 985 hand-written listings (2026-12-06, written to be harder than a matcher
tuned three times expects) was split by id (``holdout`` when the first byte of
sha256(id) is below 0x99): the holdout part is ``holdout4/holdout.jsonl``, the tune part
is ``corpus/independent4.jsonl`` (see ``holdout4/README.md``).  It was written because
the first three holdouts had each judged tuning rounds.  Guards:

* the holdout file is byte for byte the one committed before the matcher was first run
  on it (SHA-256), and both parts follow the split rule;
* the matcher meets the issue's targets on the holdout part (figures are printed per
  split, never per row, so the output hands no holdout text to whoever tunes), and never
  falls below what it first measured there;
* no word of the matcher's lexicon occurs in holdout texts without also occurring in a
  tune text, the tune part of this set included.
"""

from __future__ import annotations

import hashlib
from collections import Counter
from pathlib import Path

import pytest

from tests.matchers.evaluation import (
    ISSUE_TARGETS,
    LABELS,
    HoldoutFigures,
    shortfalls,
)
from tests.matchers.holdout_parts import (
    lexicon_words_only_in_holdout,
    part_figures,
    read_rows,
    split_violations,
)

TESTS = Path(__file__).parent
HOLDOUT = TESTS / "holdout4" / "holdout.jsonl"
TUNE = TESTS / "corpus" / "independent4.jsonl"
HOLDOUT_SHA256 = "cca3c2092855b101f56a10f63a31218149e7cb026dcfe4e4bb8c03f2b055c42c"
FAMILIES = ("blank", "related", "hardneg", "ordinary")


def test_holdout4_file_is_frozen() -> None:
    digest = hashlib.sha256(HOLDOUT.read_bytes()).hexdigest()
    assert digest == HOLDOUT_SHA256, "holdout4/holdout.jsonl changed: the holdout is frozen (see its README)"


def test_both_parts_of_holdout4_follow_the_split_rule_and_do_not_overlap() -> None:
    assert split_violations(read_rows(HOLDOUT), read_rows(TUNE)) == []


def _hard_share_met(rows: list[dict]) -> bool:
    benign = sum(1 for r in rows if r["label"] == "benign")
    return sum(1 for r in rows if r["id"].startswith("h4-hardneg-")) >= 0.6 * benign


def test_holdout4_is_big_enough_and_well_formed() -> None:
    rows = read_rows(HOLDOUT)
    pool = rows + read_rows(TUNE)
    labels = Counter(r["label"] for r in rows)
    assert len(rows) >= 580 and labels["blank"] >= 180 and labels["related"] >= 145 and labels["benign"] >= 250
    pool_labels = Counter(r["label"] for r in pool)
    assert len(pool) >= 850 and pool_labels["blank"] >= 250 and pool_labels["related"] >= 200
    assert pool_labels["benign"] >= 400
    assert _hard_share_met(rows) and _hard_share_met(pool)
    assert set(labels) == set(LABELS)
    assert len({r["id"] for r in pool}) == len(pool)
    assert all(r["id"].split("-")[1] in FAMILIES for r in pool)
    assert all(set(r) == {"id", "title", "description", "label", "identifiers", "split"} for r in pool)


def figures(split: str) -> HoldoutFigures:
    return part_figures(HOLDOUT, TUNE, split)


def test_holdout4_tune_part_figures_are_printed_for_whoever_tunes() -> None:
    assert 0.0 <= figures("tune").related_recall <= 1.0


#: What the matcher measured on this holdout at its one first run (branch corpus4 at 070d85b,
#: matchers as on main at 5dc6ac5, ktpwatch-matchers/2.4, 2026-12-06 08:32 UTC): blank
#: precision 0.961, recall 0.934, related recall 0.913, identifiers precision 1.000 recall
#: 1.000 (tune part: 0.972 / 0.955 / 0.830, identifiers 1.000 / 0.977).  Floors a little
#: below those figures (two or three rows of slack); a later matcher may not fall below them.
#: Judged once more after this session's tuning (ktpwatch-matchers/2.5, 2026-12-06 09:58 UTC,
#: tuned only on the tune part and on fresh rows): 0.961 / 0.945 / 0.933, identifiers
#: 1.000 / 1.000; the floors held 2.5's figures.  Judged after the next session's tuning
#: (ktpwatch-matchers/2.7, 2026-12-06 17:20 UTC, tuned on tune parts and fresh rows only): 0.972 / 0.956 /
#: 0.940, identifiers 1.000 / 1.000; the floors hold 2.7's figures.
#: Judged after the next session's tuning (ktpwatch-matchers/2.8, 2026-12-06 20:25 UTC, tuned on tune parts and
#: fresh rows only, never on this file): 0.972 / 0.962 / 0.947, identifiers 1.000 / 1.000 (0.978 before the whole-listing
#: discounts were taken out as an evasion lever); the floors hold 2.8's figures.
MEASURED = HoldoutFigures(blank_precision=0.97, blank_recall=0.96, related_recall=0.94,
                          id_precision=1.0, id_recall=1.0)


def test_matcher_never_falls_below_what_it_measured_on_holdout4() -> None:
    assert shortfalls(figures("holdout"), MEASURED) == []


@pytest.mark.xfail(strict=False, reason=(
    "issue 15 is open: the first run (matchers of main at 5dc6ac5, ktpwatch-matchers/2.4) on holdout4 "
    "measured blank precision 0.961, recall 0.934, related recall 0.913, identifiers precision 1.000 "
    "recall 1.000 (tune part: 0.972 / 0.955 / 0.830, identifiers 1.000 / 0.977); after tuning, 2.5 "
    "measured 0.961 / 0.945 / 0.933, identifiers 1.000 / 1.000"))
def test_matcher_meets_the_issue_targets_on_holdout4() -> None:
    assert shortfalls(figures("holdout"), ISSUE_TARGETS) == []


@pytest.mark.xfail(strict=False, reason=(
    "the first run found 4 lexicon words (string constants of matchers/ at 5dc6ac5, older than this "
    "holdout) in holdout4 texts and in no tune text; the words are not named here, so the holdout "
    "does not leak through this reason"))
def test_no_lexicon_word_occurs_only_in_holdout4() -> None:
    leaked = lexicon_words_only_in_holdout(read_rows(HOLDOUT), read_rows(TUNE))
    print(f"\nlexicon words in holdout4 but in no tune text: {leaked}")
    assert leaked == 0, f"{leaked} lexicon words occur only in holdout4 texts (count only: naming them leaks)"
