"""Shared parts of the tellers' recall tests (precision16, precision17): the others'-voices reading switched to read
afresh under a patch, and the offers a reading puts below their label.

Both tests patch pieces of :mod:`matchers.others_voices` and compare what the scorer reads with and without them; the
scorer caches that reading, so each must make it read afresh the same way, and count hidden offers the same way, for
their counts to compare."""

from __future__ import annotations

import pytest

from matchers import others_voices, score, score_many
from tests.matchers.tune_rows import RANK


def read_afresh(patched: pytest.MonkeyPatch) -> None:
    """Make the scorer read others' voices afresh (its cache skipped), so pieces patched into the module count."""
    reading = others_voices.blank_spoken_of_by_others.__wrapped__
    patched.setattr(score, "_blank_spoken_of_by_others", lambda title, description: reading(
        score._without_spelled_stops(title), score._without_spelled_stops(description), score._tags_in, score._spelled))


def below_label(rows: list[dict], texts: list[tuple[str, str]]) -> set[str]:
    """The ids of the rows whose texts read below their label (an offer demoted)."""
    return {row["id"] for row, got in zip(rows, score_many(texts), strict=True)
            if RANK[got.verdict.value] < RANK[row["label"]]}
