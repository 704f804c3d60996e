"""The normaliser undoes obfuscation, is idempotent and never raises."""

from __future__ import annotations

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from matchers import normalise, score_listing


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("b.l.a.n.k.o", "blanko"),
        ("b l a n g k o", "blangko"),
        ("b_l_a_n_k_o", "blanko"),
        ("e-k.t.p", "e ktp"),
        ("ＢＬＡＮＫＯ　ＫＴＰ", "blanko ktp"),          # full-width
        ("ВLАNКО е-КТР", "blanko e ktp"),               # Cyrillic look-alikes
        ("ΒLΑΝΚΟ", "blanko"),                            # Greek capitals
        ("bl\u200ban\u200cko\u00a0ktp", "blanko ktp"),  # zero-width and no-break
        ("bl4nk0 🔥 ektp", "blanko ektp"),              # leetspeak and emoji
        ("bl@nko", "blanko"),
        ("harga 100rb isi 2pcs", "harga 100rb isi 2pcs"),  # quantities are not leetspeak
        ("NIK 3201 0145", "nik 3201 0145"),
    ],
)
def test_obfuscations_are_undone(text: str, expected: str) -> None:
    assert normalise(text) == expected


@settings(max_examples=300, deadline=None)
@given(st.text())
def test_normalise_is_idempotent_and_total(text: str) -> None:
    once = normalise(text)
    assert normalise(once) == once
    assert once == once.strip() and "  " not in once


@settings(max_examples=150, deadline=None)
@given(st.text(), st.text(), st.text())
def test_score_listing_never_raises(title: str, description: str, image_text: str) -> None:
    assessment = score_listing(title, description, image_text=image_text)
    assert 0.0 <= assessment.score <= 100.0
