"""The second frozen holdout (issue 15's labels) judges the matcher; nothing may be tuned on it.

One pool of hand-written listings was split by id (``holdout`` when the first byte
of sha256(id) is below 0x99): the holdout part is ``holdout2/holdout.jsonl``, the
tune part is ``corpus/independent.jsonl`` (see ``holdout2/README.md``).  Guards:

* the holdout file is byte for byte the one committed before the matcher was
  first run on it (SHA-256), and both parts follow the split rule;
* the matcher meets the issue's targets on the holdout part (figures are printed
  per split, never per row: printing texts or ids would hand the holdout to
  whoever reads the output while tuning);
* no word of the matcher's lexicon occurs in holdout texts without also
  occurring in a tune text, the tune part of this set included.
"""

from __future__ import annotations

import functools
import hashlib
from collections import Counter
from pathlib import Path

from tests.matchers.evaluation import LABELS, HoldoutFigures, printed_figures
from tests.matchers.holdout_parts import expected_split, read_rows
from tests.matchers.test_holdout import _words, lexicon_words, tune_words

TESTS = Path(__file__).parent
HOLDOUT = TESTS / "holdout2" / "holdout.jsonl"
TUNE = TESTS / "corpus" / "independent.jsonl"
HOLDOUT_SHA256 = "f49508df0454ee47b8d9313e4c3c44fe807d35fe508276d03d33cdec26152b22"


_rows = read_rows
_expected_split = expected_split


def test_holdout2_file_is_frozen() -> None:
    digest = hashlib.sha256(HOLDOUT.read_bytes()).hexdigest()
    assert digest == HOLDOUT_SHA256, "holdout2/holdout.jsonl changed: the holdout is frozen (see its README)"


def test_both_parts_follow_the_split_rule_and_do_not_overlap() -> None:
    holdout, tune = _rows(HOLDOUT), _rows(TUNE)
    assert all(r["split"] == "holdout" == _expected_split(r["id"]) for r in holdout)
    assert all(r["split"] == "tune" == _expected_split(r["id"]) for r in tune)
    assert not {r["id"] for r in holdout} & {r["id"] for r in tune}
    assert not {(r["title"], r["description"]) for r in holdout} & {(r["title"], r["description"]) for r in tune}


def test_holdout2_is_big_enough_and_well_formed() -> None:
    rows = _rows(HOLDOUT)
    labels = Counter(r["label"] for r in rows)
    hard = sum(1 for r in rows if r["id"].startswith("h2-hardneg-"))
    assert len(rows) >= 480 and labels["blank"] >= 140 and labels["related"] >= 95
    assert labels["benign"] >= 230 and hard >= 0.6 * labels["benign"]
    assert set(labels) == set(LABELS)
    assert len({r["id"] for r in rows}) == len(rows)


@functools.cache
def figures(split: str) -> HoldoutFigures:
    """Score one part once per session and print only aggregate figures."""
    return printed_figures(_rows(HOLDOUT if split == "holdout" else TUNE), f"holdout2 {split} part")


def test_print_the_tune_part_figures() -> None:
    """The tune part's figures, for whoever tunes on it (the holdout's are printed below)."""
    assert 0.0 <= figures("tune").blank_recall <= 1.0


#: What the matcher measured on this holdout, rounded down: first run (main at bde439d,
#: 2026-12-06 00:06 UTC) 0.980 / 0.974 / 0.455, ids 1.000 / 0.921; ktpwatch-matchers/2.1
#: (tuned on the tune part only, 01:20 UTC) 0.980 / 0.980 / 0.733, ids 1.000 / 0.921;
#: 2.2 (02:05 UTC) 0.980 / 0.980 / 0.752, ids 1.000 / 0.921; 2.3 (2026-12-06 04:25 UTC)
#: 0.980 / 0.980 / 0.822, ids 1.000 / 0.908; 2.4 (07:25 UTC) 0.987 / 0.987 / 0.911, ids 1.000 / 0.947.
#: A later matcher may not fall below the latest. The one exception, recorded here and in the
#: closing note of 2026-12-06: 2.3's chip-UID reader (rewritten to read OCR lookalike letters
#: and many more spellings, held by a differential test against 2.2's reader on generated
#: texts) finds 25 of the holdout's 32 chip UIDs where 2.2 found 26; its identifier floor is
#: 2.3's figure, and the next reader must win the UID back without reading this file. 2.4's
#: reader (rewritten from NFC tools' output formats, never from this file) finds more than 2.2.
#: 2.5 (2026-12-06 09:58 UTC, tuned on fresh rows and tune parts only): 0.987 / 0.980 / 0.941,
#: identifiers 1.000 / 0.987 (75 of 76): the issue's targets are met here, and held.
#: 2.7 (2026-12-06 17:30 UTC): 0.987 / 0.974 / 0.950, identifiers 1.000 / 0.987: one blank offer more
#: read related (the 2.6-2.7 blank/related boundary, a trade the fresh holdouts gain from: holdout6,
#: never seen, 0.893 -> 0.933 / 0.904 -> 0.916 / 0.865 -> 0.894), related recall up; the blank-recall
#: floor is the issue's target, which 2.7 still meets here.
MEASURED = HoldoutFigures(blank_precision=0.98, blank_recall=0.97, related_recall=0.94,
                          id_precision=1.0, id_recall=0.98)


def test_matcher_never_falls_below_what_it_measured_on_holdout2() -> None:
    got = figures("holdout")
    for name in ("blank_precision", "blank_recall", "related_recall", "id_precision", "id_recall"):
        assert getattr(got, name) >= getattr(MEASURED, name), name


def test_matcher_meets_the_issue_targets_on_holdout2() -> None:
    """Met since 2.5. Earlier runs: the first (main at bde439d) 0.980 / 0.974 / 0.455,
    identifiers 1.000 / 0.921; 2.1 0.980 / 0.980 / 0.733, 1.000 / 0.921; 2.2 0.980 / 0.980 /
    0.752, 1.000 / 0.921; 2.3 0.980 / 0.980 / 0.822, 1.000 / 0.908; 2.4 0.987 / 0.987 / 0.911,
    1.000 / 0.947.  This holdout has judged six rounds: it is no longer fresh (see holdout4)."""
    got = figures("holdout")
    assert got.blank_precision >= 0.97 and got.blank_recall >= 0.97
    assert got.related_recall >= 0.90
    assert got.id_precision >= 0.97 and got.id_recall >= 0.97


#: Lexicon words that were already string constants of ``matchers/`` when this
#: holdout was written (main at bde439d) and that it happens to use while no tune
#: text does: the matcher cannot have learned them from holdout2.  Found by the
#: first run of the check below; the list may only shrink.
PREDATING_LEXICON_WORDS = frozenset({"form", "shipping", "unprinted"})


def test_no_lexicon_word_occurs_only_in_holdout2() -> None:
    lexicon = lexicon_words()
    assert lexicon, "no string constants found in matchers/: the scan is broken"
    tune = tune_words()
    assert _words(r["title"] for r in _rows(TUNE)) <= tune, "the tune part is not read as tune text"
    holdout = _words(t for r in _rows(HOLDOUT) for t in (r["title"], r["description"]))
    only_holdout = (lexicon & holdout) - tune
    leaked = sorted(only_holdout - PREDATING_LEXICON_WORDS)
    print(f"\nlexicon words in holdout2 but in no tune text: {len(only_holdout)} "
          f"({len(only_holdout & PREDATING_LEXICON_WORDS)} predate it)")
    assert leaked == [], f"lexicon words seen only in holdout2: {leaked}"
