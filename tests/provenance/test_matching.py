"""Chip UIDs against the ledger: exact, then OCR confusions, claimed only when one entry is in reach."""

from __future__ import annotations

from dataclasses import dataclass

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from alerts.provenance.matching import MatchKind, match_chip, uid_readings


@dataclass(frozen=True)
class Entry:
    id: int
    uid_bytes: int
    start: int
    end: int


def lookup_in(entries: list[Entry]):  # type: ignore[no-untyped-def]
    def lookup(nbytes: int, value: int) -> Entry | None:
        return next((e for e in entries if e.uid_bytes == nbytes and e.start <= value <= e.end), None)
    return lookup


LEDGER = [
    Entry(1, 7, 0x04A1B2C3D4E5F6, 0x04A1B2C3D4E5F6),
    Entry(2, 7, 0x04000000000000, 0x040000000000FF),
    Entry(3, 4, 0x08B08B08, 0x08B08B08),
    Entry(4, 4, 0xD8B08B08, 0xD8B08B08),
]


def match(raw: str, ledger: list[Entry] = LEDGER, max_substitutions: int = 2):  # type: ignore[no-untyped-def]
    return match_chip(raw, lookup_in(ledger), max_substitutions=max_substitutions,
                      confidence_per_substitution=0.8)


@pytest.mark.parametrize("raw", ["04A1B2C3D4E5F6", "04:a1:b2:c3:d4:e5:f6", "0x04 0xA1 0xB2 0xC3 0xD4 0xE5 0xF6"])
def test_an_exact_chip_matches_with_full_confidence(raw: str) -> None:
    found = match(raw)
    assert (found.kind, found.entry, found.confidence) == (MatchKind.EXACT, LEDGER[0], 1.0)


def test_a_uid_inside_a_range_matches_the_range() -> None:
    assert match("040000000000A7").entry == LEDGER[1]
    assert match("04000000000100").kind is MatchKind.ABSENT


def test_an_ocr_confusion_is_a_fuzzy_match_with_its_confidence() -> None:
    found = match("O4A1B2C3D4E5F6")  # O read for 0
    assert (found.kind, found.entry, found.substitutions) == (MatchKind.FUZZY, LEDGER[0], 1)
    assert found.confidence == pytest.approx(0.8) and found.matched_uid == "04A1B2C3D4E5F6"
    two = match("O4A1B2C3D4E5F6".replace("D4", "04"))  # and 0 for D
    assert (two.kind, two.substitutions, two.confidence) == (MatchKind.FUZZY, 2, pytest.approx(0.64))


def test_a_fuzzy_match_is_claimed_only_when_one_entry_is_within_reach() -> None:
    found = match("8BO8BO8", max_substitutions=2)  # 7 chars: not a UID at all
    assert found.kind is MatchKind.UNREADABLE
    found = match("O8B08B08")  # O may be 0 (entry 3) or D (entry 4): one confusion from each
    assert found.kind is MatchKind.AMBIGUOUS and {e.id for e in found.candidates} == {3, 4}
    assert found.entry is None and not found.traced


def test_reach_is_bounded_by_max_substitutions() -> None:
    assert match("O4A1B2C3O4E5F6", max_substitutions=1).kind is MatchKind.ABSENT
    assert match("O4A1B2C3O4E5F6", max_substitutions=2).kind is MatchKind.FUZZY


def test_readings_are_fewest_changes_first_and_only_hex() -> None:
    readings = uid_readings("O4A1B2C5", max_substitutions=2)
    assert readings[0].substitutions == 1 and all(r.substitutions <= 2 for r in readings)
    assert all(set(r.uid) <= set("0123456789ABCDEF") for r in readings)
    assert {r.uid for r in readings if r.substitutions == 1} == {"04A1B2C5", "D4A1B2C5"}


CONFUSE = {"0": "OD", "D": "0O", "1": "IL", "8": "B", "B": "8", "5": "S"}


@given(st.integers(min_value=0, max_value=2**56 - 1), st.data())
@settings(max_examples=300, deadline=None)
def test_one_confusion_never_traces_a_chip_to_the_wrong_entry(value: int, data: st.DataObject) -> None:
    """Property: a ledger chip read with one OCR confusion is traced to itself or not at all."""
    uid = format(value, "014X")
    positions = [i for i, ch in enumerate(uid) if ch in CONFUSE]
    entries = [Entry(1, 7, value, value), Entry(2, 7, value ^ 0xFF, value ^ 0xFF)]
    if not positions:
        return
    at = data.draw(st.sampled_from(positions))
    misread = uid[:at] + data.draw(st.sampled_from(CONFUSE[uid[at]])) + uid[at + 1:]
    found = match(misread, entries)
    assert found.kind in (MatchKind.FUZZY, MatchKind.AMBIGUOUS, MatchKind.EXACT)
    if found.traced:
        assert found.entry is not None and found.entry.id == 1
