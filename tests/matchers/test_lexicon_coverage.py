"""Every word of the lexicon occurs in the tune corpus.

A word in the lexicon that no tune text uses was written for some other text
(a test string, a holdout template): it is untested at best, and at worst
it tunes the matcher to the texts that are meant to judge it.
"""

from __future__ import annotations

import re

from matchers import lexicon, normalise
from tests.matchers.tune_rows import tune_rows

TUNE = tune_rows()
#: Words the machinery itself uses, never seller language.
MACHINERY = {"zqbrkqz"}


def _lexicon_words() -> set[str]:
    words = {*lexicon.SPELLING, *lexicon.SPELLING.values(), *lexicon.FUZZY_KEYS, *lexicon.PHRASE_WORDS}
    return {w for w in words if re.fullmatch(r"[a-z0-9]+", w)} - MACHINERY


def test_every_lexicon_word_occurs_in_a_tune_text() -> None:
    assert {row["split"] for row in TUNE} == {"tune"}
    seen: set[str] = set()
    for row in TUNE:
        for text in (row["title"], row["description"]):
            plain = normalise(text)
            seen.update(plain.split())
            seen.update(text.lower().split())
    missing = sorted(_lexicon_words() - seen)
    assert missing == [], f"lexicon words no tune text uses: {missing}"
