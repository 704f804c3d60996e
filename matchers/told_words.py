"""The words a sentence must hold before it can be told otherwise than a seller tells it: an exact word-set gate.

:func:`matchers.notice_speaker.speaks_of_goods_as_no_seller` runs on every listing read as an offer, with no word gate
of its own (one on a shop line's words made a notice hang on them: "Selamat datang" holds "datang").  Most of its time
went into :func:`matchers.notice_speaker.told_otherwise` on an offer's plain product phrase ("Blangko e-KTP ori ready"),
some twenty regex searches over the sentence as written and as spelled, to learn what the title's words already show:
none of them can match.  Each pattern that makes a sentence told otherwise is read here as the words any match of it
holds (its *requirements*, :func:`matchers.regex_literals.required_words`: tuples of sets, a match holding an element of
each set of one of them), so a sentence whose words meet no requirement, and whose tags hold no told-of cue, is told
otherwise by none of them.  Nothing is weighed: the gate only skips searches that would find nothing, so every verdict
stays as it was (``tests/matchers/test_told_words.py`` checks each requirement against its pattern, and the gated
reading against the ungated one, on generated sentences).

(struct15) The requirements are read from each pattern's own parse, so a word added to a pattern is in its
requirement with it (2.11/2.12 wrote them here by hand, beside the patterns).  A word is a run of ``[a-z0-9]`` in the
lower-cased sentence or its spelled form; a text (" me" of an office's active verb, " lapor" of a police report
skipped, "(" of a newsroom's bracket) is found in the forms as a substring.  The patterns read are listed where the
reading that uses them is (:func:`matchers.notice_speaker.told_words`).

Only one thing here is written by hand, and it decides no reading: which set of a requirement the gate looks a sentence
up by (:data:`_IN_EVERY_OFFER`), since how often a word turns up in listings is not in the pattern.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from typing import NamedTuple

from matchers.regex_literals import Requirement, held, required_words, texts_of

#: Words an offer's own sentence names anyway (the goods, the office it comes from, a stock) and the commonest little
#: words: a requirement is looked up by another of its sets where it has one ("saya" of "KTP saya", "lagi" of "kosong
#: lagi"), or the gate would read further most sentences of every offer.  Speed only: the gate is as exact either way.
_IN_EVERY_OFFER = frozenset({"ktp", "ktpel", "ktpnya", "ktpelnya", "kosong", "stok", "barang", "dukcapil", "untuk",
                             "bisa", "di", "ke", "ada", "dari", "yang", "yg"})

#: Whether a sentence (as written and as spelled, with its clauses' tags) may match one of a gate's patterns.
Gate = Callable[[tuple[str, str], frozenset[str]], bool]


class WordGate(NamedTuple):
    """A word-set gate before some patterns: each pattern's requirements, the texts they hold, and the gate itself."""

    requirements: dict[re.Pattern[str], tuple[Requirement, ...]]
    texts: frozenset[str]
    may_match: Gate


def word_gate(patterns: tuple[re.Pattern[str], ...], opened_by: frozenset[str]) -> WordGate:
    """The gate before ``patterns``: open where a sentence's tags hold one of ``opened_by`` or its words and texts meet a
    requirement of one of them, closed only where every one of them would find nothing."""
    requirements = {pattern: _required(pattern) for pattern in patterns}
    every = tuple(_looked_up_first(requirement) for found in requirements.values() for requirement in found)
    texts = texts_of(every)
    opened = _by_first_set(every)
    first = frozenset(opened)

    def may_match(forms: tuple[str, str], tags: frozenset[str]) -> bool:
        if not opened_by.isdisjoint(tags):
            return True
        words = held(forms, texts)
        return any(all(not words.isdisjoint(need) for need in requirement[1:])
                   for word in first.intersection(words) for requirement in opened[word])

    return WordGate(requirements, texts, may_match)


def _required(pattern: re.Pattern[str]) -> tuple[Requirement, ...]:
    found = required_words(pattern)
    if found is None:
        raise ValueError(f"a match of {pattern.pattern[:60]!r} may hold no word: no gate can stand before it")
    return found


def _looked_up_first(requirement: Requirement) -> Requirement:
    """A requirement with the set it is looked up by first: one holding no word of :data:`_IN_EVERY_OFFER` where it has
    one, of fewer, longer words."""
    return tuple(sorted(requirement, key=lambda need: (len(need & _IN_EVERY_OFFER), -min(map(len, need)), len(need),
                                                       sorted(need))))


def _by_first_set(requirements: tuple[Requirement, ...]) -> dict[str, tuple[Requirement, ...]]:
    """Each element of a requirement's first set, with the requirements it opens: a sentence is read against those only."""
    return {element: tuple(requirement for requirement in requirements if element in requirement[0])
            for element in frozenset().union(*(requirement[0] for requirement in requirements))}
