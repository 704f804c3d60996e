"""The two parts of a hand-written holdout pool: the frozen holdout and its tune part.

A pool is split by id (``holdout`` when the first byte of sha256(id) is below
``SPLIT_BYTE``), so anyone can check that no row moved between the parts, and the
lexicon-leak count says how many matcher words the holdout uses that no tune text
does (a count only: naming the words would hand holdout text to whoever tunes).
"""

from __future__ import annotations

import functools
import hashlib
import json
from collections import Counter
from pathlib import Path

from tests.matchers.evaluation import HoldoutFigures, printed_figures
from tests.matchers.test_holdout import _words, lexicon_words, tune_words

SPLIT_BYTE = 0x99


def read_rows(path: Path) -> list[dict]:
    with path.open(encoding="utf-8") as fh:
        return [json.loads(line) for line in fh]


def labels_short_of(rows: list[dict], minimum: dict[str, int]) -> list[str]:
    """The labels of ``minimum`` that ``rows`` hold too few of, and a too small hard-negative share
    (ids ``<set>-hardneg-NNNN`` under 60 % of the benign rows)."""
    labels = Counter(r["label"] for r in rows)
    families = Counter(r["id"].split("-")[1] for r in rows)
    short = [label for label, least in minimum.items() if labels[label] < least]
    if families["hardneg"] < 0.6 * labels["benign"]:
        short.append("hard negatives under 60 % of benign")
    return short


def expected_split(row_id: str) -> str:
    return "holdout" if hashlib.sha256(row_id.encode("utf-8")).digest()[0] < SPLIT_BYTE else "tune"


def split_violations(holdout: list[dict], tune: list[dict]) -> list[str]:
    """Why the two parts do not follow the split rule (empty when they do)."""
    problems = [f"{part} row in the wrong part" for part, rows in (("holdout", holdout), ("tune", tune))
                if not all(r["split"] == part == expected_split(r["id"]) for r in rows)]
    if {r["id"] for r in holdout} & {r["id"] for r in tune}:
        problems.append("an id is in both parts")
    if {(r["title"], r["description"]) for r in holdout} & {(r["title"], r["description"]) for r in tune}:
        problems.append("a listing is in both parts")
    return problems


def lexicon_words_only_in_holdout(holdout: list[dict], tune: list[dict]) -> int:
    """How many lexicon words occur in ``holdout`` texts and in no tune text."""
    lexicon = lexicon_words()
    assert lexicon, "no string constants found in matchers/: the scan is broken"
    tune_text = tune_words()
    assert _words(r["title"] for r in tune) <= tune_text, "the tune part is not read as tune text"
    held = _words(t for r in holdout for t in (r["title"], r["description"]))
    return len((lexicon & held) - tune_text)


@functools.cache
def part_figures(holdout: Path, tune: Path, split: str) -> HoldoutFigures:
    """One part of a pool (``split`` is ``holdout`` or ``tune``), scored once per session.

    Only aggregate figures are printed, under the holdout folder's name: a row's text or
    id in the output would hand the holdout to whoever reads it while tuning.
    """
    path = holdout if split == "holdout" else tune
    return printed_figures(read_rows(path), f"{holdout.parent.name} {split} part")
