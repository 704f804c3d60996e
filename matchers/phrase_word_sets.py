"""The smallest word sets a phrase pattern's matches hold, read from the pattern, not from its matches.

:func:`matchers.lexicon.tag` tries a phrase only when the text holds every word of one string the
phrase can match; it needs, per phrase, the word sets of those strings without the ones that hold
a smaller one (a match needs no more).  Listing every string first and splitting each
(:func:`matchers.lexicon._expand`: 86,845 strings, 34,944 of one pattern with optional slots) and
then testing every subset of every set cost 2.7 G instructions on first use, half of what scoring
2,000 listings costs (ktpwatch-matchers/2.8).

Here the pattern is read as a product of *fragments*: what a piece of a string contributes to its
words.  A fragment without a space is a piece of one word (``"di"``, ``"cetak"``); one with a space
is a word begun before it (``head``), whole words inside it (``words``) and a word it leaves open
(``tail``).  Joining fragments glues the open word of one to the first of the next, so words glued
from pieces (``(?:di|ter)?(?:cetak|isi)``) come out as :func:`_expand`'s strings split.  Among
fragments that agree on their open ends (head, tail, whether spaced), one whose whole words hold
another's is dropped: whatever follows adds the same words to both, so every string it would give
holds a smaller one's words and is never a smallest set.  What stays is a part of every string's
word set that holds a smallest one under each, so its smallest sets are the pattern's (a
differential test holds this to the definition on every lexicon phrase and generated patterns).
"""

from __future__ import annotations

import re
from itertools import combinations
from typing import NamedTuple

#: (head, whole words, tail, spaced): a piece of one word is (piece, ∅, "", False)
Fragment = tuple[str, frozenset[str], str, bool]

#: letters, digits (``[^\W_]``: what str.isalnum holds for) and spaces
_LITERAL_RUN = re.compile(r"(?:[^\W_]| )+")
_NONE: frozenset[str] = frozenset()
_SPACE: Fragment = ("", _NONE, "", True)


def _join(first: Fragment, second: Fragment) -> Fragment:
    """The fragment of ``first`` followed by ``second`` (the open word of one glued to the next's)."""
    head, words, tail, spaced = first
    head2, words2, tail2, spaced2 = second
    if not spaced:
        return (head + head2, words2, tail2, spaced2) if spaced2 else (head + head2, _NONE, "", False)
    if not spaced2:
        return (head, words, tail + head2, True)
    glued = tail + head2
    joined = words | words2 | {glued} if glued else words | words2
    return (head, joined, tail2, True)


def _literal_fragment(literal: str) -> Fragment:
    """The fragment of a string of letters, digits and spaces (as its characters joined one by one)."""
    if " " not in literal:
        return (literal, _NONE, "", False)
    parts = literal.split(" ")
    return (parts[0], frozenset(part for part in parts[1:-1] if part), parts[-1], True)


def _smallest(fragments: set[Fragment]) -> set[Fragment]:
    """``fragments`` without those whose whole words hold another's with the same open ends."""
    by_ends: dict[tuple[str, str, bool], list[Fragment]] = {}
    for fragment in fragments:
        by_ends.setdefault((fragment[0], fragment[2], fragment[3]), []).append(fragment)
    kept: set[Fragment] = set()
    for group in by_ends.values():
        if len(group) == 1:
            kept.add(group[0])
            continue
        smaller: list[frozenset[str]] = []
        for fragment in sorted(group, key=lambda f: len(f[1])):
            if not any(map(fragment[1].issuperset, smaller)):
                smaller.append(fragment[1])
                kept.add(fragment)
    return kept


class _Reader:
    """A phrase pattern read left to right (the grammar of :func:`matchers.lexicon._expand`)."""

    def __init__(self, pattern: str) -> None:
        self.pattern = pattern

    def alternatives(self, i: int) -> tuple[set[Fragment], int]:
        out: set[Fragment] = set()
        while True:
            fragments, i = self.sequence(i)
            out |= fragments
            if i < len(self.pattern) and self.pattern[i] == "|":
                i += 1
                continue
            return out, i  # kept whole: the join it goes into drops what it holds (one pass, not two)

    def sequence(self, i: int) -> tuple[set[Fragment], int]:
        pattern = self.pattern
        out: set[Fragment] = {("", _NONE, "", False)}
        while i < len(pattern) and pattern[i] not in "|)":
            literal = self.literal(i)
            if literal:  # a run of letters and spaces, none optional: one fragment, joined once
                item, i = {_literal_fragment(literal)}, i + len(literal)
            else:
                item, i = self.item(i)
                if pattern[i : i + 1] == "?":
                    item, i = item | {("", _NONE, "", False)}, i + 1
            joined = {_join(a, b) for a in out for b in item}
            out = joined if len(joined) == 1 else _smallest(joined)
        return out, i

    def literal(self, i: int) -> str:
        """The run of letters, digits and spaces from ``i`` up to the first that is optional (only
        the run's last can be: "?" ends a run)."""
        run = _LITERAL_RUN.match(self.pattern, i)
        if run is None:
            return ""
        end = run.end()
        return self.pattern[i : end - 1] if self.pattern.startswith("?", end) else run.group()

    def item(self, i: int) -> tuple[set[Fragment], int]:
        pattern = self.pattern
        if pattern.startswith("(?:", i):
            item, i = self.alternatives(i + 3)
            if pattern[i : i + 1] != ")":
                raise ValueError(f"unbalanced group in phrase pattern {pattern!r}")
            return item, i + 1
        if pattern[i] == "<":
            end = pattern.index(">", i)
            return {(pattern[i + 1 : end], _NONE, "", False)}, end + 1
        if pattern[i] == " ":
            return {_SPACE}, i + 1
        if pattern[i].isalnum():
            return {(pattern[i], _NONE, "", False)}, i + 1
        raise ValueError(f"phrase pattern {pattern!r} uses {pattern[i]!r}, which the vocabulary cannot list")


def _words_of(fragment: Fragment) -> frozenset[str]:
    head, words, tail, _ = fragment
    return words | {word for word in (head, tail) if word}


def minimal_word_sets(pattern: str) -> set[frozenset[str]]:
    """The words of each string ``pattern`` matches (tags as their names), without the sets that
    hold a smaller one: the sets of ``{frozenset(s.split()) for s in _expand(pattern)}`` that hold
    no other.  Raises ValueError when the pattern matches a string of no word."""
    fragments, end = _Reader(pattern).alternatives(0)
    if end != len(pattern):
        raise ValueError(f"unbalanced group in phrase pattern {pattern!r}")
    sets = {_words_of(fragment) for fragment in fragments}
    if _NONE in sets:
        raise ValueError(f"phrase pattern {pattern!r} matches no word at all")
    return _holding_no_other(sets)


def _holding_no_other(sets: set[frozenset[str]]) -> set[frozenset[str]]:
    """The sets of ``sets`` that hold no other.  Read by size, smallest first: a smaller set held in
    one is made of its words that smaller sets have, in a size smaller sets have, so only those
    parts are looked up (not every part of every set)."""
    by_size: dict[int, list[frozenset[str]]] = {}
    for words in sets:
        by_size.setdefault(len(words), []).append(words)
    sizes = sorted(by_size)
    kept = set(by_size[sizes[0]])
    smaller_words = _NONE.union(*by_size[sizes[0]])
    for at, size in enumerate(sizes[1:], start=1):
        for words in by_size[size]:
            inner = words & smaller_words
            if not any(frozenset(part) in sets for smaller in sizes[:at] if smaller <= len(inner)
                       for part in combinations(inner, smaller)):
                kept.add(words)
        smaller_words = smaller_words.union(*by_size[size])
    return kept


class _Words(NamedTuple):
    """What the strings of a piece of a pattern give the words of every string it is in (struct16): its strings with no
    space (``whole``, pieces of one word), and of those with one the piece before the first space (``heads``), after the
    last (``tails``) and the words between (``inner``).  Joining two pieces glues a tail to a head, a whole to either."""

    whole: frozenset[str]
    heads: frozenset[str]
    tails: frozenset[str]
    inner: frozenset[str]


_EMPTY = _Words(frozenset({""}), _NONE, _NONE, _NONE)


def _then(first: _Words, second: _Words) -> _Words:
    """The pieces of ``first`` followed by those of ``second``: every string of one with every string of the other."""
    return _Words(frozenset({a + b for a in first.whole for b in second.whole}),
                  first.heads | {a + head for a in first.whole for head in second.heads},
                  second.tails | {tail + b for tail in first.tails for b in second.whole},
                  first.inner | second.inner | {tail + head for tail in first.tails for head in second.heads})


def _either(pieces: list[_Words]) -> _Words:
    return _Words(*(_NONE.union(*(piece[at] for piece in pieces)) for at in range(4)))


def _literal_words(literal: str) -> _Words:
    """A run of letters, digits and spaces as :class:`_Words` (its characters joined one by one)."""
    if " " not in literal:
        return _Words(frozenset({literal}), _NONE, _NONE, _NONE)
    parts = literal.split(" ")
    return _Words(_NONE, frozenset({parts[0]}), frozenset({parts[-1]}), frozenset(parts[1:-1]))


def _read_words(pattern: str, i: int) -> tuple[_Words, int]:
    """The alternatives of ``pattern`` from ``i`` (the grammar of :class:`_Reader`), as :class:`_Words`."""
    branches: list[_Words] = []
    while True:
        out = _EMPTY
        while i < len(pattern) and pattern[i] not in "|)":
            literal = _Reader(pattern).literal(i)
            if literal:  # a run of letters and spaces, none optional: one piece, joined once
                out, i = _then(out, _literal_words(literal)), i + len(literal)
                continue
            if pattern.startswith("(?:", i):
                item, i = _read_words(pattern, i + 3)
                if pattern[i : i + 1] != ")":
                    raise ValueError(f"unbalanced group in phrase pattern {pattern!r}")
                i += 1
            elif pattern[i] == "<":
                end = pattern.index(">", i)
                item, i = _Words(frozenset({pattern[i + 1 : end]}), _NONE, _NONE, _NONE), end + 1
            elif pattern[i] == " ":
                item, i = _Words(_NONE, frozenset({""}), frozenset({""}), _NONE), i + 1
            elif pattern[i].isalnum():
                item, i = _Words(frozenset({pattern[i]}), _NONE, _NONE, _NONE), i + 1
            else:
                raise ValueError(f"phrase pattern {pattern!r} uses {pattern[i]!r}, which the vocabulary cannot list")
            if pattern[i : i + 1] == "?":
                item, i = _either([item, _EMPTY]), i + 1
            out = _then(out, item)
        branches.append(out)
        if i < len(pattern) and pattern[i] == "|":
            i += 1
            continue
        return _either(branches), i


def phrase_words(pattern: str) -> frozenset[str]:
    """Every word of every string ``pattern`` matches (tags as their names): the words of ``_expand(pattern)``'s strings
    split, read without listing the strings (struct16: listing them was half of what importing the scorer cost)."""
    words, end = _read_words(pattern, 0)
    if end != len(pattern):
        raise ValueError(f"unbalanced group in phrase pattern {pattern!r}")
    return frozenset(word for word in _NONE.union(*words) if word)
