"""Tables built on first use by a fast route equal their definition, read character by character."""

from __future__ import annotations

from collections import Counter

from matchers.identifier_text import _DIGIT_FORMS_END, _digit_forms, read_digit_form
from matchers.lexicon import _PHRASES, _word_sets, _word_sets_by_pair, _word_sets_of


def test_digit_forms_table_is_every_character_with_a_digit_value() -> None:
    table, _ = _digit_forms()
    expected = {code: form for code in range(0x80, _DIGIT_FORMS_END)
                if (form := read_digit_form(chr(code))) != chr(code)}
    assert table == expected
    assert list(table) == list(expected)  # the same order: the regex of ranges is built from it


def test_word_sets_of_as_by_definition() -> None:
    """Each set listed under its tags, or its rarest word as (sets holding it, the word), in order."""
    sets = [(at, needed) for at, (pattern, _) in enumerate(_PHRASES) for needed in _word_sets(pattern)]
    how_often = Counter(word for _, needed in sets for word in needed)
    by_word: dict[str, list[tuple[int, frozenset[str]]]] = {}
    for at, needed in sets:
        tags = [word for word in needed if word.isupper()]
        for word in tags or [min(needed, key=lambda plain: (how_often[plain], plain))]:
            by_word.setdefault(word, []).append((at, needed))
    expected = {word: tuple(entries) for word, entries in by_word.items()}
    assert list(_word_sets_of().items()) == list(expected.items())


def test_word_sets_by_pair_as_by_definition() -> None:
    """Each listed set keyed again by its rarest other word (None when it has no other), in order."""
    how_often = Counter(word for entries in _word_sets_of().values() for _, needed in entries for word in needed)
    grouped: dict[str, dict[str | None, list[tuple[int, frozenset[str]]]]] = {}
    for word, entries in _word_sets_of().items():
        for at, needed in entries:
            others = needed - {word}
            key = min(others, key=lambda other: (how_often[other], other)) if others else None
            grouped.setdefault(word, {}).setdefault(key, []).append((at, needed))
    expected = {word: {key: tuple(entries) for key, entries in by_key.items()} for word, by_key in grouped.items()}
    assert [(word, list(by_key.items())) for word, by_key in _word_sets_by_pair().items()] == \
        [(word, list(by_key.items())) for word, by_key in expected.items()]
