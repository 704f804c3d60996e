"""Evasion: a word that counted toward the verdict was written obfuscated."""

from __future__ import annotations

import pytest

from alerts.actors.evasion import evasive
from matchers import score_listing


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("B.L.A.N.K.O e-KTP kosong", True),         # spelled out with dots
        ("b l a n k o ktp el", True),                # spelled out with spaces
        ("bl4nko ktp el", True),                     # a digit for a letter
        ("ВLАNКО e-KTP", True),                      # Cyrillic homoglyphs
        ("ｂｌａｎｋｏ e-KTP", True),                  # full-width letters
        ("bla\u200bnko e-KTP kosong", True),         # an invisible character
        ("blanko k.t.p el", True),                   # the e-KTP term spelled, joined by normalisation
        ("Blangko e-KTP original dinas", False),     # plain text, spelling variant only
        ("Blangko e-KTP 🔥 toko ＡＢＣ", False),      # decoration that counted for nothing
        ("Kaos polos b.a.j.u", False),               # obfuscated, but nothing fired
    ],
)
def test_evasive(text: str, expected: bool) -> None:
    assert evasive([text], score_listing(text)) is expected


def test_title_and_description_are_read() -> None:
    title, description = "Blangko e-KTP", "stok b.l.a.n.k.o banyak"
    assert evasive([title, description], score_listing(title, description))
