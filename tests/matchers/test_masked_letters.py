"""A key word with one letter masked by an emoji or a symbol is read as the word (2.8).

Exhaustive over the key words and every inner letter: the masked spelling, normalised and spelled
canonically, is the word's canonical spelling.  Properties: pieces that spell no key word around one
letter are left as they are, and two words of their own ("di dukcapil") are never one masked word.
"""

from __future__ import annotations

from itertools import pairwise

import pytest
from hypothesis import given
from hypothesis import strategies as st

from matchers import lexicon, score_listing
from matchers.masked_letters import masked_index, unmask
from matchers.normalise import normal_words

MASKS = ("💳", "🔥", "⭐", "+", "❌")
KEY_WORDS = sorted(lexicon._JOINABLE | {"ektp"})


def _reading(text: str) -> list[str]:
    return lexicon.canonical_of_words(normal_words(text))


@pytest.mark.parametrize("word", KEY_WORDS)
def test_every_inner_letter_masked_reads_as_the_word(word: str) -> None:
    canonical = _reading(word)
    for at in range(1, len(word) - 1):
        if (word[:at], word[at + 1:]) not in lexicon._masked():
            continue  # a cut two key words share, or two words of their own
        for mask in MASKS:
            masked = f"{word[:at]}{mask}{word[at + 1:]}"
            assert _reading(masked) == canonical, masked


@given(st.lists(st.sampled_from(["jual", "kartu", "chip", "ready", "stok", "bl", "nko", "k", "song", "ek", "p", "harga"]),
                max_size=8))
def test_only_pairs_that_spell_a_key_word_around_a_letter_are_joined(words: list[str]) -> None:
    index = masked_index(["blanko", "kosong", "ektp"])
    joined = unmask(words, index)
    pairs = sum(1 for a, b in pairwise(words) if (a, b) in index)
    assert len(words) - len(joined) <= pairs
    assert "".join(joined).replace("a", "").replace("o", "").replace("t", "") == \
        "".join(words).replace("a", "").replace("o", "").replace("t", "")


def test_two_words_of_their_own_stay_two() -> None:
    index = masked_index(["disdukcapil", "kosongan"], {"di", "dukcapil", "gan"})
    assert unmask(["di", "dukcapil"], index) == ["di", "dukcapil"]
    assert unmask(["koso", "gan"], index) == ["kosongan"]


@pytest.mark.parametrize(("title", "verdict"), [
    ("Bl💳nko KT💳P-el k💳song", "blank"),
    ("bl@nk0 e-k+p 0ri, stok banyak", "blank"),
    ("BLAN💳O KTP EL 50 lembar", "blank"),
    # hard negatives: the masked word read, the product still another one
    ("Bl💎nk card PVC putih isi 250", "benign"),
    ("Holder KTP bl🌟nk polos", "benign"),
    ("Kartu perdana k💳song Telkomsel", "benign"),
])
def test_a_masked_listing_is_read_for_what_it_sells(title: str, verdict: str) -> None:
    assert score_listing(title).verdict.value == verdict
