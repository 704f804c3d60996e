"""Chip readings (issue 19): each chip UID with how many characters were read from a lookalike
letter, exactly the ``chip_uid`` values extraction reports, and ordinary words never "corrected"."""

from __future__ import annotations

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from matchers import ChipReading, chip_readings, extract_identifiers
from tests.matchers.tune_rows import tune_rows


def _extracted(text: str, title: str = "") -> list[str]:
    return [i.value for i in extract_identifiers(text, context=title) if i.kind == "chip_uid"]


def _corpus_fields() -> list[tuple[str, str]]:
    rows = tune_rows()
    return [(r["title"], r["description"]) for r in rows]


def test_readings_are_the_extracted_uids_on_the_corpus() -> None:
    for title, description in _corpus_fields():
        assert [r.uid for r in chip_readings(title, context=description)] == _extracted(title, description)
        assert [r.uid for r in chip_readings(description, context=title)] == _extracted(description, title)


_HEXISH = "0123456789ABCDEFabcdefOoIlLSsZzGT"
_UIDISH = st.text(alphabet=_HEXISH, min_size=6, max_size=18)
_SEPARATED = st.builds(lambda raw, sep: sep.join(raw[i:i + 2] for i in range(0, len(raw), 2)),
                       _UIDISH, st.sampled_from(["", ":", " ", "-", "."]))
_CUES = st.sampled_from(["UID", "uid chip:", "no seri chip", "chipnya", "SN", "kode produk", "warna", ""])
_FILLER = st.sampled_from(["", " ", "\n", ", ", " dan ", " harga 150rb, ", " WA 0812-3456-7890 "])


@settings(max_examples=400, deadline=None)
@given(st.lists(st.tuples(_CUES, _FILLER, _SEPARATED), min_size=1, max_size=4), st.sampled_from(["", "UID chip"]))
def test_readings_are_the_extracted_uids_on_generated_texts(parts: list[tuple[str, str, str]], title: str) -> None:
    text = " ".join(f"{cue}{filler}{uid}" for cue, filler, uid in parts)
    readings = chip_readings(text, context=title)
    assert [r.uid for r in readings] == _extracted(text, title)
    for reading in readings:
        assert len(reading.uid) in (8, 14, 16) and set(reading.uid) <= set("0123456789ABCDEF")
        assert 0 <= 4 * reading.corrected <= len(reading.uid)


@pytest.mark.parametrize(("text", "expected"), [
    ("UID chip 04:A2:3B:1C:5D:80:7E", [ChipReading("04A23B1C5D807E", 0)]),
    ("UID chip 04:A2:3B:1C:5D:8O:7E", [ChipReading("04A23B1C5D807E", 1)]),    # O for 0
    ("nomor chip O4A23BlC5D807E", [ChipReading("04A23B1C5D807E", 2)]),        # O for 0, l for 1
    ("uid: 04 A2 3B IC 5D 80 7E", [ChipReading("04A23B1C5D807E", 1)]),        # I for 1
    ("no seri chip 04A23B1CSD807E", [ChipReading("04A23B1C5D807E", 1)]),      # S for 5
    ("chip id 0ZA23B1C", [ChipReading("02A23B1C", 1)]),                       # Z for 2
    ("UID 04G23B1C", [ChipReading("04623B1C", 1)]),                            # G for 6
    ("UID 04A23B1C5D8T7E", [ChipReading("04A23B1C5D877E", 1)]),               # T for 7
])
def test_lookalike_letters_are_read_as_digits_and_counted(text: str, expected: list[ChipReading]) -> None:
    assert chip_readings(text) == expected


@pytest.mark.parametrize("text", [
    "chip DISABLED", "UID SOLDOUT", "chip ASLI OLES", "no seri chip COLLECTED", "UID: 0SOLOSOL",
    "chip id SIDOARJO", "uid 04OOOOOO",                       # too many lookalikes for a misread number
    "kode produk O4A23B1C", "stok O4A23BlC5D807E ready",   # a UID shape without a chip cue
])
def test_words_and_uncued_tokens_are_never_corrected(text: str) -> None:
    assert chip_readings(text) == []


@settings(max_examples=300, deadline=None)
@given(st.text(alphabet="abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ", min_size=1, max_size=20))
def test_a_word_after_a_chip_cue_is_no_reading(word: str) -> None:
    """A token without a real digit is a word, however hex-like its letters."""
    assert chip_readings(f"UID chip: {word}") == []
