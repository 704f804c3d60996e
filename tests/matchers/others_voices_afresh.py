"""Shared parts of the tellers' recall tests (precision16, precision17): the others'-voices reading switched to read
afresh under a patch, with some of its readings put out of play, and the tune offers those readings hide.

Both tests patch pieces of :mod:`matchers.others_voices` and compare what the scorer reads with and without them; the
scorer caches that reading, so each must make it read afresh the same way, and count hidden offers the same way
(:func:`tests.matchers.lever_checks.below_label`), for their counts to compare."""

from __future__ import annotations

from collections.abc import Callable, Iterator, Mapping
from contextlib import AbstractContextManager, contextmanager

import pytest

from matchers import others_voices, score
from tests.matchers.lever_checks import below_label


def read_afresh(patched: pytest.MonkeyPatch) -> None:
    """Make the scorer read others' voices afresh (its cache skipped), so pieces patched into the module count."""
    reading = others_voices.blank_spoken_of_by_others.__wrapped__
    patched.setattr(score, "_blank_spoken_of_by_others", lambda title, description: reading(
        score._without_spelled_stops(title), score._without_spelled_stops(description), score._tags_in, score._spelled))


def _patch_nothing(_patched: pytest.MonkeyPatch) -> None:
    return None


@contextmanager
def readings_off(monkeypatch: pytest.MonkeyPatch, off: Mapping[str, Callable[..., object]],
                 more: Callable[[pytest.MonkeyPatch], None] = _patch_nothing) -> Iterator[None]:
    """others_voices with each piece ``off`` names replaced by its stand-in (and whatever ``more`` patches besides),
    read afresh (its own cache skipped)."""
    with monkeypatch.context() as patched:
        for name, value in off.items():
            patched.setattr(others_voices, name, value)
        more(patched)
        read_afresh(patched)
        yield


def hidden_by_the_readings(offers: list[dict], off: Callable[[], AbstractContextManager[None]],
                           readings: str) -> list[str]:
    """The ids of the offers read below their label with the readings and right with them put out of play (``off``),
    sorted; the counts both ways are printed (``-s``)."""
    texts = [(row["title"], row["description"]) for row in offers]
    with_readings = below_label(offers, texts)
    with off():
        without = below_label(offers, texts)
    hidden = sorted(with_readings - without)
    print(f"\n{readings} hide {len(hidden)} of {len(offers)} tune offers (read below their label with them, right "
          f"without them); they raise {len(without - with_readings)}")
    return hidden
