"""Title search the way a shop's search box behaves: word match, small typos forgiven.

A shop does not return only listings containing every query word; it returns
listings that match enough of them, ranked. We copy that: a listing matches
when it contains at least half of the query's words (rounded up), where a word
matches a title word equal to it or within a small edit distance (none for
words of up to 3 letters, 1 up to 6, 2 beyond — so "blanko" finds "blangko"
and, as on the real shops, "blangkon"). Hyphenated and dotted words match by
their joined form or by all their parts ("e-KTP" = "ektp" or "ktp";
"b.l.a.n.k.o" = "blanko"). Unicode is NFKC-folded and zero-width characters
are dropped, as shop search engines do; homoglyphs are not folded.

The index is built once (token -> positions, positions in newest-first order)
so searching 100,000 listings is a few set unions, and typo expansion of a
query word against the vocabulary is one rapidfuzz call, cached.
"""

from __future__ import annotations

import math
import re
import unicodedata
from collections import Counter
from collections.abc import Iterable

from rapidfuzz import process
from rapidfuzz.distance import Levenshtein

_ZERO_WIDTH = dict.fromkeys(map(ord, "\u200b\u200c\u200d\u2060\ufeff\u00ad"), None)
_WORD_SPLIT = re.compile(r"[\s/,;:()\[\]{}+|!?\"']+")
_PART_SPLIT = re.compile(r"[\W_]+")
_MAX_CACHED_QUERIES = 4096


def word_keys(word: str) -> tuple[str, tuple[str, ...]]:
    """(joined form, parts of 2+ characters) of one already-normalised word."""
    parts = [p for p in _PART_SPLIT.split(word) if p]
    return "".join(parts), tuple(p for p in parts if len(p) >= 2)


def normalise(text: str) -> str:
    return unicodedata.normalize("NFKC", text).translate(_ZERO_WIDTH).casefold()


def split_words(text: str) -> list[str]:
    return [w for w in _WORD_SPLIT.split(normalise(text)) if w]


def index_tokens(text: str) -> set[str]:
    """Every key a title is found under: each word's joined form and its parts."""
    tokens: set[str] = set()
    for word in split_words(text):
        joined, parts = word_keys(word)
        if joined:
            tokens.add(joined)
        tokens.update(parts)
    return tokens


def typo_tolerance(token: str) -> int:
    if len(token) <= 3:
        return 0
    return 1 if len(token) <= 6 else 2


class SearchIndex:
    """Inverted index over one marketplace's titles; positions are list indexes, newest first."""

    def __init__(self, titles: Iterable[str]) -> None:
        postings: dict[str, list[int]] = {}
        tokens_of: dict[str, set[str]] = {}  # template titles repeat: tokenise each once
        for position, title in enumerate(titles):
            tokens = tokens_of.get(title)
            if tokens is None:
                tokens = tokens_of[title] = index_tokens(title)
            for token in tokens:
                postings.setdefault(token, []).append(position)
        self._postings = {token: frozenset(ids) for token, ids in postings.items()}
        self._vocabulary = list(self._postings)
        self._expanded: dict[str, frozenset[int]] = {}
        self._results: dict[tuple[str, str], tuple[int, ...]] = {}

    def __len__(self) -> int:
        return len(self._vocabulary)

    def _expand(self, token: str) -> frozenset[int]:
        """Positions of titles holding ``token`` or a vocabulary word within its typo tolerance."""
        cached = self._expanded.get(token)
        if cached is None:
            cached = self._expanded[token] = self._expand_uncached(token)
        return cached

    def _expand_uncached(self, token: str) -> frozenset[int]:
        tolerance = typo_tolerance(token)
        if tolerance == 0:
            return self._postings.get(token, frozenset())
        hits = process.extract(
            token, self._vocabulary, scorer=Levenshtein.distance,
            score_cutoff=tolerance, limit=None,
        )
        found: set[int] = set()
        for match, _distance, _index in hits:
            found |= self._postings[match]
        return frozenset(found)

    def _word_positions(self, word: str) -> frozenset[int] | None:
        """Positions matching one query word; ``None`` when the word carries no searchable key."""
        joined, parts = word_keys(word)
        if not joined or (len(joined) < 2 and not parts):
            return None
        positions = set(self._expand(joined))
        if parts and (len(parts) > 1 or parts[0] != joined):
            together = frozenset.intersection(*(self._expand(p) for p in parts))
            positions |= together
        return frozenset(positions)

    def search(self, query: str, sort: str = "newest") -> tuple[int, ...]:
        """Positions of matching titles: ``newest`` keeps index order, ``relevance`` ranks by words matched.

        Answers are cached (the index never changes); the cache is bounded so a
        crawler sending endless distinct queries cannot grow it without limit.
        """
        key = (query, sort)
        cached = self._results.get(key)
        if cached is None:
            if len(self._results) >= _MAX_CACHED_QUERIES:
                self._results.clear()
            cached = self._results[key] = self._search_uncached(query, sort)
        return cached

    def _search_uncached(self, query: str, sort: str) -> tuple[int, ...]:
        word_sets = [s for s in (self._word_positions(w) for w in split_words(query)) if s is not None]
        if not word_sets:
            return ()
        needed = math.ceil(len(word_sets) / 2)
        counts: Counter[int] = Counter()
        for positions in word_sets:
            counts.update(positions)
        matched = [pos for pos, n in counts.items() if n >= needed]
        if sort == "relevance":
            matched.sort(key=lambda pos: (-counts[pos], pos))
        else:
            matched.sort()
        return tuple(matched)
