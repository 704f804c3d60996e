"""The smallest word sets read from a phrase pattern equal those of its strings listed and split.

:func:`matchers.phrase_word_sets.minimal_word_sets` never lists a pattern's strings; the
definition it must meet does (every string of :func:`matchers.lexicon._expand`, split into
words, the sets holding no smaller one kept).  Both are run on every phrase of the lexicon and
on generated patterns of the same grammar (words glued from pieces, optional slots, nested
groups, tags, doubled spaces).
"""

from __future__ import annotations

from itertools import combinations

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from matchers.lexicon import _PHRASES, _expand
from matchers.phrase_word_sets import minimal_word_sets, phrase_words


def _by_definition(pattern: str) -> set[frozenset[str]]:
    """The word sets of every string the pattern matches, without those holding a smaller one."""
    sets = {frozenset(phrase.split()) for phrase in _expand.__wrapped__(pattern)}
    if frozenset() in sets:
        raise ValueError("no word")
    return {words for words in sets
            if not any(frozenset(part) in sets for size in range(1, len(words)) for part in combinations(words, size))}


def test_every_lexicon_phrase_as_by_definition() -> None:
    for pattern, name in _PHRASES:
        assert minimal_word_sets(pattern) == _by_definition(pattern), name


_PIECES = st.sampled_from(["a", "b", "ab", "di", "cetak", "ktp", " ", "  ", "<KTP>", "<NOT>", "e ktp", "x "])


def _patterns(depth: int) -> st.SearchStrategy[str]:
    item: st.SearchStrategy[str] = _PIECES
    if depth:
        item = st.one_of(_PIECES, st.lists(_patterns(depth - 1), min_size=1, max_size=3).map(
            lambda alternatives: "(?:" + "|".join(alternatives) + ")"))
    optional = st.tuples(item, st.booleans()).map(lambda pair: pair[0] + "?" if pair[1] else pair[0])
    return st.lists(optional, min_size=1, max_size=3).map("".join)


@settings(max_examples=400, deadline=None)
@given(st.lists(_patterns(1), min_size=1, max_size=3).map("|".join))
def test_generated_patterns_as_by_definition(pattern: str) -> None:
    try:
        expected = _by_definition(pattern)
    except ValueError:
        with pytest.raises(ValueError, match="no word"):
            minimal_word_sets(pattern)
        return
    assert minimal_word_sets(pattern) == expected


def _words_by_definition(pattern: str) -> frozenset[str]:
    """Every word of every string the pattern matches (struct16: :func:`phrase_words` must list them unlisted)."""
    return frozenset(word for phrase in _expand.__wrapped__(pattern) for word in phrase.split())


def test_every_lexicon_phrase_words_as_by_definition() -> None:
    for pattern, name in _PHRASES:
        assert phrase_words(pattern) == _words_by_definition(pattern), name


@settings(max_examples=400, deadline=None)
@given(st.lists(_patterns(1), min_size=1, max_size=3).map("|".join))
def test_generated_pattern_words_as_by_definition(pattern: str) -> None:
    assert phrase_words(pattern) == _words_by_definition(pattern)


@pytest.mark.parametrize("pattern", ["a(?:b", "a)b", "a.b", "a*"])
def test_phrase_words_refuses_what_the_vocabulary_cannot_list(pattern: str) -> None:
    with pytest.raises(ValueError):
        _expand.__wrapped__(pattern)
    with pytest.raises(ValueError):
        phrase_words(pattern)
