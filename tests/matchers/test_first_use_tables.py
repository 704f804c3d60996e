"""Tables built on first use by a fast route equal their definition, read character by character."""

from __future__ import annotations

from matchers.identifier_text import _DIGIT_FORMS_END, _digit_forms, read_digit_form


def test_digit_forms_table_is_every_character_with_a_digit_value() -> None:
    table, _ = _digit_forms()
    expected = {code: form for code in range(0x80, _DIGIT_FORMS_END)
                if (form := read_digit_form(chr(code))) != chr(code)}
    assert table == expected
    assert list(table) == list(expected)  # the same order: the regex of ranges is built from it
