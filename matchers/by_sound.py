"""Words written in Cyrillic or Greek letters by sound ("бланко", "е-КТП", "κτπ").

Normalisation reads Cyrillic and Greek letters by their look ("КТР" is KTP
disguised, "ВLАNКО" is BLANKO), which is how sellers mix scripts to hide a
word.  A seller who types the word on a Cyrillic or Greek keyboard writes it
by sound instead: "бланко", "КТП", "απλικασι", whose look-alike reading
("bnanko", "ktn", "anlikaoi") is no word at all.  Both readings are possible
for each token, and only the vocabulary can tell which was meant, so a token
is read by sound (transliterated with text-unidecode) exactly when that
reading holds more lexicon words than the look-alike reading.
"""

from __future__ import annotations

import re
from functools import lru_cache

from matchers.lexicon import PHRASE_WORDS, canonical_of_words
from matchers.normalise import normal_words

#: Letters as an Indonesian word written by sound uses them: Greek phi as modern Greek reads
#: it, Cyrillic kha for h (text-unidecode gives the classical "ph" and the Russian "kh").
_AS_INDONESIAN = str.maketrans({"φ": "f", "Φ": "F", "х": "h", "Х": "H"})
_LATIN = re.compile(r"[A-Za-z]")
#: Letters of the Greek, Cyrillic and Greek Extended blocks.
_OTHER_SCRIPT = re.compile(r"[\u0370-\u03ff\u0400-\u04ff\u1f00-\u1fff]+")


def read_by_sound(text: str) -> str:
    """``text`` with each space-separated token that holds more lexicon words when read
    by sound written in ASCII letters; every other token as it is.

    Example: ``read_by_sound("Бланко е-КТП")`` returns ``"Blanko e-KTP"``, while
    ``read_by_sound("ВLАNКО")`` (a look-alike disguise) is returned unchanged.
    """
    if text.isascii() or not _OTHER_SCRIPT.search(text):
        return text
    return " ".join(_token_by_sound(token) if _OTHER_SCRIPT.search(token) else token for token in text.split(" "))


@lru_cache(maxsize=4096)
def _token_by_sound(token: str) -> str:
    from text_unidecode import unidecode  # reads its table from a file: on first use, not at import

    by_sound = _OTHER_SCRIPT.sub(lambda run: unidecode(run.group(0).translate(_AS_INDONESIAN)), token)
    sound, look = _lexicon_words(by_sound), _lexicon_words(token)
    # both readings words ("гак": gak or rak, "καγακ": kagak or kayak): a token typed wholly on the
    # other keyboard was typed by sound; a look-alike disguise mixes in Latin letters ("ВLАNКО") (2.5)
    return by_sound if sound > look or (sound == look and sound and not _LATIN.search(token)) else token


def _lexicon_words(token: str) -> int:
    """How many words of the token are lexicon words in their canonical spelling, each read
    whole: a word the lexicon would split ("bukalarak" as "buka la rak") counts for none."""
    return sum(len(spelled) == 1 and spelled[0] in PHRASE_WORDS
               for spelled in (canonical_of_words([word]) for word in normal_words(token) if not word.isdigit()))
