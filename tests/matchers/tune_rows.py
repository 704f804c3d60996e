"""The matcher's tune corpus, read once per test session.

Every tune file under ``tests/matchers/corpus/`` is a JSON Lines file of labelled
listings. Many tests score all of them (metamorphic, evasion, differential and
identifier checks), so they share one reader: a new tune file is then seen by every
one of them, and the corpus is parsed once rather than once per test module. The
frozen holdouts live elsewhere and are never read here.
"""

from __future__ import annotations

import json
from collections.abc import Collection
from functools import cache
from pathlib import Path

import pytest

CORPUS = Path(__file__).parent / "corpus"


@cache
def _rows_of(name: str) -> tuple[dict, ...]:
    with (CORPUS / name).open(encoding="utf-8") as fh:
        return tuple(json.loads(line) for line in fh if line.strip())


def tune_rows(*patterns: str, without: Collection[str] = ()) -> list[dict]:
    """The tune rows of the files whose names match any of ``patterns`` (every file when none
    is given), file by file in name order; ``without`` names files to leave out.

    A family of files is named by a pattern ("related_language*"), not listed, so a batch
    added later is read by the tests of its family too.  Each call returns fresh row dicts,
    so a test that edits a row cannot change what the next test reads.
    """
    paths = {p for pattern in patterns or ("*",) for p in CORPUS.glob(f"{pattern}.jsonl")}
    names = sorted(p.name for p in paths if p.name not in without)
    return [dict(row) for name in names for row in _rows_of(name)]


def labelled_params(rows: list[dict], still_missed: dict[str, str]) -> list[object]:
    """One pytest param per row, by its id; a row named in ``still_missed`` is a strict xfail with its
    reason, so a row the matcher comes to get right must leave the list (shared by the per-row tests)."""
    return [pytest.param(row, id=row["id"], marks=[pytest.mark.xfail(strict=True, reason=still_missed[row["id"]])]
                         if row["id"] in still_missed else []) for row in rows]


#: How far a verdict is from benign: a lever lowers it, an over-reach raises it.
RANK = {"benign": 0, "related": 1, "blank": 2}


def read_right_offers() -> list[dict]:
    """The tune corpus's offers (blank and related rows) the matcher reads right: the rows every lever check adds a
    seller's line to, so a line that hides one of them is measured against offers that were found."""
    return [dict(row) for row in _read_right_offers()]


@cache
def _read_right_offers() -> tuple[dict, ...]:
    from matchers import score_many

    offers = [row for row in tune_rows() if row["label"] != "benign"]
    verdicts = list(score_many((row["title"], row["description"]) for row in offers))
    return tuple(row for row, got in zip(offers, verdicts, strict=True) if got.verdict.value == row["label"])
