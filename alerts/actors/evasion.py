"""Evasion: listing text written so that a marketplace's search does not find it.

The matcher's reasons carry the words that fired each rule *after*
normalisation (``matched`` of :class:`matchers.Reason`), not whether the
listing had to be de-obfuscated to get there.  A listing is evasive when a word
that fired a rule was written obfuscated: with a homoglyph, full-width or other
non-ASCII letter, an invisible character, a digit for a letter ("bl4nko"), or
spelled out letter by letter ("b.l.a.n.k.o", "k t p").  Obfuscation of words
that fired no rule (a decorated shop name) is not evasion of search for this
product.

The stored assessment keeps the same reasons (``assessments.reasons``, one
mapping per reason), so :func:`evasive_from_stored` answers from what storage
holds and the actor rebuild needs no flag written at ingest.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterable, Mapping
from typing import Any

from matchers import Assessment, normalise

_LEET = re.compile(r"[a-z][0-9]+[a-z]", re.IGNORECASE)
#: three or more single letters joined by separators: "b.l.a.n.k.o", "k-t-p"
_SPELLED_IN_TOKEN = re.compile(r"(?:\w[._\-*/|]){2,}\w")
_SINGLE = re.compile(r"\w")


def _obfuscated(token: str) -> bool:
    """Whether one whitespace-separated token is written to dodge a plain-text search."""
    if any(ord(c) > 127 and (unicodedata.category(c).startswith("L") or unicodedata.category(c) == "Cf")
           for c in token):
        return True
    return bool(_LEET.search(token) or _SPELLED_IN_TOKEN.fullmatch(token.strip(".,:;!?()")))


def _candidates(text: str) -> Iterable[str]:
    """Obfuscated tokens, and runs of three or more single letters ("b l a n k o") joined."""
    tokens = text.split()
    run: list[str] = []
    for token in [*tokens, ""]:
        if _SINGLE.fullmatch(token):
            run.append(token)
            continue
        if len(run) >= 3:
            yield "".join(run)
        run = []
        if token and _obfuscated(token):
            yield token


def evasive(texts: Iterable[str], assessment: Assessment) -> bool:
    """True when a word that counted toward ``assessment`` was written obfuscated in ``texts``.

    Example: ``evasive(["B.L.A.N.K.O e-KTP"], score_listing("B.L.A.N.K.O e-KTP"))`` is True.
    """
    return _written_obfuscated(texts, {word for reason in assessment.reasons if reason.weight > 0
                                       for word in reason.matched.split()})


def evasive_from_stored(texts: Iterable[str], reasons: Iterable[Mapping[str, Any]]) -> bool:
    """:func:`evasive` on a stored assessment's reasons (``{"matched": …, "weight": …}`` each)."""
    fired = {word for reason in reasons if float(reason.get("weight") or 0) > 0
             for word in str(reason.get("matched") or "").split()}
    return _written_obfuscated(texts, fired)


def _written_obfuscated(texts: Iterable[str], fired: set[str]) -> bool:
    """Whether a word of ``texts`` written obfuscated normalises to one of the ``fired`` words."""
    if not fired:
        return False
    return any(_counted(word, fired) for text in texts for candidate in _candidates(text)
               for word in normalise(candidate).split())


def _counted(word: str, fired: set[str]) -> bool:
    """``word`` is a fired word or part of one ("ktp" of "ktpel", joined by normalisation)."""
    return word in fired or (len(word) >= 3 and any(word in f for f in fired))
