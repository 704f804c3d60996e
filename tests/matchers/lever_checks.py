"""Shared parts of the lever tests (notice13, precision14–17, relrec15–17, told18): which rows a line moves.

Each of those tests puts a seller's or another's line in a place of a listing (:mod:`tests.matchers.line_places`) and
counts the offers it lowers below their label or the hard negatives it turns: they must sample the rows and count the
moves the same way, so the counts they pin compare with each other and with the integrator's lever runs."""

from __future__ import annotations

from collections.abc import Callable, Iterable

import pytest

from matchers import score, score_many
from matchers.result import Assessment
from tests.matchers.line_places import placed
from tests.matchers.tune_rows import RANK, tune_rows


def _every(_assessment: Assessment) -> bool:
    return True


def with_line(rows: list[dict], line: str, where: str) -> list[Assessment]:
    """Each row scored with ``line`` put in the place ``where`` names (one of ``line_places.PLACES``)."""
    return score_many(placed(row, line, where) for row in rows)


def lowered(rows: list[dict], got: Iterable[Assessment], by: Callable[[Assessment], bool] = _every) -> list[str]:
    """The ids of the rows read below their label (an offer hidden), in row order; with ``by``, only those it holds of
    (a move made by the reading a test is about)."""
    return [row["id"] for row, a in zip(rows, got, strict=True) if RANK[a.verdict.value] < RANK[row["label"]] and by(a)]


def raised(rows: list[dict], got: Iterable[Assessment], by: Callable[[Assessment], bool] = _every) -> list[str]:
    """The ids of the rows read above their label (a hard negative turned related or blank), in row order; ``by`` as
    :func:`lowered`'s."""
    return [row["id"] for row, a in zip(rows, got, strict=True) if RANK[a.verdict.value] > RANK[row["label"]] and by(a)]


def read_blank(rows: list[dict], got: Iterable[Assessment]) -> set[str]:
    """The ids of the rows read blank."""
    return {row["id"] for row, a in zip(rows, got, strict=True) if a.verdict.value == "blank"}


def below_label(rows: list[dict], texts: Iterable[tuple[str, str]]) -> set[str]:
    """The ids of the rows whose texts (one (title, description) a row) read below their label."""
    return set(lowered(rows, score_many(texts)))


def read_benign(rows: list[dict]) -> list[dict]:
    """The rows the matcher reads benign (the hard negatives a line could turn)."""
    got = score_many((row["title"], row["description"]) for row in rows)
    return [row for row, a in zip(rows, got, strict=True) if a.verdict.value == "benign"]


def every_fifth_hard_negative() -> list[dict]:
    """Every fifth tune hard negative (benign row) in file order, those read benign: the sample the lever tests of
    relrec15, relrec17 and told18 put their lines into (a full run takes minutes a line)."""
    return read_benign([row for row in tune_rows() if row["label"] == "benign"][::5])


def _no(_title: str, _description: str) -> bool:
    return False


def moved_with_and_without(rows: list[dict], line: str, where: str, monkeypatch: pytest.MonkeyPatch, *,
                           reading: str = "_blank_spoken_of_by_others",
                           moved: Callable[[list[dict], list[Assessment]], Iterable[str]] = lowered) -> tuple[set[str], set[str]]:
    """(the rows ``line`` put at ``where`` moves, the rows it moves with score's ``reading`` of a whole listing put out of
    play): what a reading adds to a line's lever is what the first holds beyond the second.  ``moved`` counts the moves
    (offers lowered, or :func:`read_blank` for hard negatives turned); the counts are printed (``-s``).  The reading
    stays out of play for the rest of the test."""
    texts = [placed(row, line, where) for row in rows]
    with_reading = set(moved(rows, score_many(texts)))
    monkeypatch.setattr(score, reading, _no)
    without = set(moved(rows, score_many(texts)))
    print(f"\n{where} {line!r}: {len(with_reading)} of {len(rows)} moved with the reading, {len(without)} without")
    return with_reading, without
