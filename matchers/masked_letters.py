"""A key word with one letter masked by an emoji or a symbol ("Bl💳nko", "k💥song", "e-k+p"), or two ("k*s*ng", 2.9).

Sellers hide a word from keyword search by putting a picture or a symbol where one of its
letters stands.  Normalisation turns the mark into a space, so the word arrives as two pieces
("bl nko", "k song", "ek p") that no spelling rule reads: the letter is gone, not misspelt,
and the pieces are too short for fuzzy correction.  Two pieces in a row that spell a key word
once a single letter is put back between them are that word.  Only the blank concept's key
words are read this way (the caller passes them), and only whole pieces on both sides, so
ordinary words either side of an emoji ("chip ✔️ hologram") stay as they are.

Pure functions over lists of words; no lexicon of its own (:mod:`matchers.lexicon` owns it).
"""

from __future__ import annotations

from collections.abc import Callable, Collection, Iterable
from itertools import pairwise

#: (piece before the mask, piece after it) → the key word they spell around one missing letter; (2.9) also
#: (before, between, after) → the key word three pieces spell around two missing letters ("k*s*ng").
MaskedIndex = dict[tuple[str, ...], str]


def masked_index(key_words: Iterable[str], words_of_their_own: Collection[str] = ()) -> MaskedIndex:
    """Every way to cut one inner letter out of each key word ("blanko": ("bl", "nko"), ("b", "anko") …).

    A cut that two key words share is ambiguous and left out; the first and last letters are never
    the masked one (a mark at a word's edge is read as a separator, not a letter); and a cut whose
    pieces are both in ``words_of_their_own`` is two words, not one masked ("di dukcapil" is at the
    registry, not "disdukcapil"), while one such piece is no such pair ("koso💳gan": "gan" is a word too)."""
    spelled: dict[tuple[str, ...], set[str]] = {}
    for word in key_words:
        for cut in _cuts(word):
            if not all(piece in words_of_their_own for piece in cut):
                spelled.setdefault(cut, set()).add(word)
    return {cut: next(iter(words)) for cut, words in spelled.items() if len(words) == 1}


def _cuts(word: str) -> Iterable[tuple[str, ...]]:
    """The pieces ``word`` leaves with one inner letter masked, and (2.9) with two inner letters masked that do not
    stand next to each other ("k*s*ng": a seller masking each vowel; two masks side by side are one separator)."""
    inner = range(1, len(word) - 1)
    for at in inner:
        yield word[:at], word[at + 1:]
    for first in inner:
        for second in range(first + 2, len(word) - 1):
            yield word[:first], word[first + 1:second], word[second + 1:]


def unmask(words: list[str], index: MaskedIndex) -> list[str]:
    """``words`` with each pair of pieces that spells a key word around one missing letter joined into
    it ("bl", "nko" → "blanko")."""
    def reading(at: int) -> tuple[str, int] | None:
        three = index.get(tuple(words[at:at + 3])) if at + 2 < len(words) else None
        if three is not None:
            return three, 3
        key = index.get((words[at], words[at + 1])) if at + 1 < len(words) else None
        return None if key is None else (key, 2)
    return join_runs(words, reading)


def join_runs(words: list[str], reading: Callable[[int], tuple[str, int] | None]) -> list[str]:
    """``words`` with each run that ``reading`` reads where it starts (the word it spells, and how many
    pieces it takes) put as that one word; shared with :func:`matchers.lexicon._join_split_words`."""
    joined: list[str] = []
    i = 0
    while i < len(words):
        read = reading(i)
        if read is None:
            joined.append(words[i])
            i += 1
        else:
            joined.append(read[0])
            i += read[1]
    return joined


def has_masked_pair(words: list[str], index: MaskedIndex) -> bool:
    """Whether any two words in a row spell a key word around one missing letter, or three around two (a cheap test
    first)."""
    return any(pair in index for pair in pairwise(words)) or any(
        triple in index for triple in zip(words, words[1:], words[2:], strict=False))
