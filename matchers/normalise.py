"""Text normalisation: make obfuscated listing text comparable with plain words.

Sellers hide from keyword search with full-width letters, Cyrillic and Greek
look-alikes, small capitals and other Latin letter forms ("ʙʟᴀɴᴋᴏ", "🅱"),
letters of other scripts that look Latin (Cherokee "ᏴᏞᎪNKᎾ", from Unicode's confusables),
zero-width characters, emoji, leetspeak and separators inside words
(``b.l.a.n.k.o``, ``e-k.t.p``, ``b|l|a|n|k|o``: a pipe is the letter l, except
between the single letters of a spelled-out word).  :func:`normalise` undoes all of these
and returns lowercase ASCII words separated by single spaces.  It is
idempotent, total (never raises) and keeps pure numbers (prices, NIKs) intact.
Spelling variants, typos and stretched letters ("kosonggg") are a later step (:mod:`matchers.lexicon`),
because they depend on the vocabulary being matched.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Callable
from functools import lru_cache
from itertools import filterfalse

# Cyrillic and Greek letters that look like Latin ones, lowercase (text is casefolded first).
_HOMOGLYPHS = {
    # Cyrillic
    "а": "a", "б": "b", "в": "b", "г": "r", "д": "d", "е": "e", "ё": "e", "ж": "x",
    "з": "3", "и": "u", "й": "u", "к": "k", "л": "n", "м": "m", "н": "h", "о": "o",
    "п": "n", "р": "p", "с": "c", "т": "t", "у": "y", "ф": "f", "х": "x", "ц": "u",
    "ч": "4", "ш": "w", "щ": "w", "ъ": "b", "ы": "bl", "ь": "b", "э": "e", "ю": "io",
    "я": "r", "і": "i", "ї": "i", "ј": "j", "ѕ": "s", "ԁ": "d", "ɡ": "g", "ԛ": "q",
    "ԝ": "w", "ӏ": "l", "һ": "h", "ү": "y", "ҡ": "k", "ҝ": "k", "ӄ": "k", "ԍ": "g",
    # Greek
    "α": "a", "β": "b", "γ": "y", "δ": "d", "ε": "e", "ζ": "z", "η": "n", "θ": "o",
    "ι": "i", "κ": "k", "λ": "l", "μ": "u", "ν": "n", "ξ": "e", "ο": "o", "π": "n",
    "ρ": "p", "σ": "o", "ς": "c", "τ": "t", "υ": "u", "φ": "o", "χ": "x", "ψ": "w",
    "ω": "w", "ϲ": "c", "ϳ": "j",
    # Latin look-alikes outside ASCII that NFKD does not decompose
    "ı": "i", "ł": "l", "ø": "o", "đ": "d", "ħ": "h", "ŧ": "t", "ß": "ss", "æ": "ae",
    "œ": "oe", "ð": "d", "þ": "p", "ɑ": "a", "ɩ": "i", "ɪ": "i", "ʟ": "l", "ᴋ": "k",
    "ᴛ": "t", "ᴘ": "p", "ᴇ": "e", "ʙ": "b", "ɴ": "n", "ᴏ": "o", "ɢ": "g",
    # (2.5) Lisu (Fraser) letters that are Latin capitals turned or mirrored ("E-KTP ꓘOSONG"): Unicode's
    # confusables list only the upright ones
    "ꓕ": "t", "ꓘ": "k", "ꓛ": "c", "ꓞ": "f", "ꓤ": "r", "ꓥ": "v", "ꓨ": "g", "ꓩ": "f", "ꓭ": "b", "ꓯ": "a",
    "ꓱ": "e", "ꓵ": "u", "ꓶ": "l", "ꓷ": "d",
    # symbols used as letters
    "@": "a", "$": "s", "€": "e", "£": "l", "¢": "c", "¡": "i", "|": "l",
}
_HOMOGLYPH_TABLE = str.maketrans(_HOMOGLYPHS)
#: A character left outside ASCII once the table and NFKD have done their work.
_NON_ASCII = re.compile(r"[^\x00-\x7f]")
#: Unicode names of Latin letter forms that NFKC keeps apart: small capitals ("ᴀ"), negative
#: circled and squared letters ("🅑", "🅱"), regional indicators ("🇧"), read as the letter they name.
_LATIN_LETTER_NAME = re.compile(
    r"(?:[A-Z]+ )*(?:LATIN (?:LETTER SMALL CAPITAL|SMALL LETTER|CAPITAL LETTER)|REGIONAL INDICATOR SYMBOL LETTER) ([A-Z])"
)
#: Pipes between the single characters of a word spelled out ("b|l|a|n|k|o"): separators,
#: not the letter l they stand for inside a word ("b|anko").
_PIPE_SPELLED = re.compile(r"(?<![^\W_])[^\W_](?:\|[^\W_]){2,}(?![^\W_])")

# Invisible characters that sellers put inside words: removed, not turned into spaces.
# Public because redaction (alerts.redaction) must read text exactly as the matcher does.
INVISIBLE = _INVISIBLE = re.compile(
    "[\u00ad\u034f\u061c\u115f\u1160\u17b4\u17b5\u180b-\u180f\u200b-\u200f\u202a-\u202e"
    "\u2060-\u206f\u3164\ufe00-\ufe0f\ufeff\uffa0\U000e0000-\U000e007f]"
)
_NON_WORD = re.compile(r"[^a-z0-9]+")
# Runs of 3+ single characters ("b.l.a.n.k.o", "e k t p") are one word spelled out.
# First with one repeated separator (so "b.l.a.n.k.o e ktp" keeps "e" apart), then
# any run left once separators have become single spaces.
_SPELLED_WITH_SEP = re.compile(
    r"(?<![a-z0-9])[a-z0-9](?P<sep>[^a-z0-9]{1,3})[a-z0-9](?:(?P=sep)[a-z0-9])+(?![a-z0-9])"
)
# Two letters joined by one dot or dash ("K.K", "K-K", "a.n.") are one abbreviation: "kk", "an".
_SPELLED_PAIR = re.compile(r"(?<![a-z0-9])([a-z])[.-]([a-z])(?![a-z0-9])")
_SPELLED_OUT = re.compile(r"(?<![a-z0-9])(?:[a-z0-9] ){2,}[a-z0-9](?![a-z0-9])")
#: (2.5) One word spelled in pieces of one or two letters with separators of more than one kind
#: between them ("b. l-a n.k o", "bl.an-ko", "e.k-tp"): the pieces are its letters.  A piece that
#: starts the next word spelled with a symbol ("o e-ktp", "o e-K🔥T🔥P": the "e") is left to it, and one glued by a symbol
#: to the letter before it ends that word (2.6: the "o" of "b🔥l🔥a🔥n🔥k🔥o e-K*T*P").  The check that two kinds
#: of separator occur (see :func:`join_mixed_spelling`) keeps abbreviations and chat words apart
#: ("a.n. CV", "yg ga bs"); one kind is ``_SPELLED_WITH_SEP``'s.
_MIXED_SPELLING = re.compile(
    r"(?<![^\W_])(?<![^\W_][^\w\s])[^\W\d_]{1,2}(?:[ .\-_*~/]{1,3}[^\W\d_]{1,2}){2,}(?![^\W_])(?![^\w\s]+[^\W_])"
)
_MIXED_SEPARATOR = re.compile(r"[.\-_*~/]")
_PIECE_SEPARATORS = (".", "-", "_", "*", "~", "/")
_LETTERS = re.compile(r"[^\W\d_]+")
_CHUNK = re.compile(r"\S+")
#: A whole word spelled with one separator ("c_a_r_d", "k.t.p"): a word of its own inside a longer run.
_UNIFORM_SPELLED = re.compile(r"[^\W\d_](?P<sep>[.\-_*~/])[^\W\d_](?:(?P=sep)[^\W\d_])+")
_MIXED = re.compile(r"\b(?=[a-z0-9]*[a-z])(?=[a-z0-9]*[0-9])[a-z0-9]+\b")
_YEAR = re.compile(r"(?<!\d)((?:19|20)\d\d)(?!\d)")
# Mixed tokens that are quantities or sizes (100rb, 2pcs, 12gb, a4, f4) are not leetspeak.
_QUANTITY = re.compile(r"^(?:\d+[a-z]{1,4}|[a-z]\d{1,2}|\d+[a-z]{1,4}\d+)$")
#: Digits read as the letters they stand for in leetspeak ("bl4nk0", "k7p"); the lexicon uses it too,
#: for words normalisation keeps because they start like a quantity ("4kun", "514p").
LEET_DIGITS = _LEET = str.maketrans({"0": "o", "1": "i", "3": "e", "4": "a", "5": "s", "7": "t", "8": "b", "9": "g", "2": "z", "6": "g"})


#: Combining marks (accents, strokes and underlines of "fancy text", enclosing circles and keycaps).
#: Public because the identifier readers (matchers.identifier_text) drop them as words do.
COMBINING = _COMBINING = re.compile(r"[\u0300-\u036f\u1ab0-\u1aff\u1dc0-\u1dff\u20d0-\u20ff\ufe20-\ufe2f]")
_WORD = re.compile(r"[a-z0-9]+")


def _ascii_table(char_map: Callable[[str], str]) -> bytes:
    """A ``bytes.translate`` table for ASCII (about ten times faster than ``str.translate``)."""
    return bytes(ord(char_map(chr(c))) if c < 128 else c for c in range(256))


def _fold_ascii_char(ch: str) -> str:
    ch = ch.lower()
    return _HOMOGLYPHS.get(ch, ch)


def _word_char(ch: str) -> str:
    return ch if "a" <= ch <= "z" or "0" <= ch <= "9" else " "


#: ASCII folded as :func:`_fold` folds it: lowercase, and ``@ $ |`` read as letters.
_ASCII_FOLD = _ascii_table(_fold_ascii_char)
#: Folded, and every character that is not [a-z0-9] made a space: split, the words.
_ASCII_FOLD_WORDS = _ascii_table(lambda ch: _word_char(_fold_ascii_char(ch)))


def _fold(text: str) -> str:
    """NFKC, casefold, strip accents and map look-alike letters to ASCII."""
    text = _pipes_as_separators(text)
    if text.isascii():  # the common case: only case and symbols to fold
        return text.encode("ascii").translate(_ASCII_FOLD).decode("ascii")
    text = _INVISIBLE.sub("", unicodedata.normalize("NFKC", text)).casefold()
    text = unicodedata.normalize("NFKD", text)
    if not text.isascii():
        text = "".join(ch for ch in _COMBINING.sub("", text) if not unicodedata.combining(ch))
    text = text.translate(_HOMOGLYPH_TABLE)
    return text if text.isascii() else _NON_ASCII.sub(_latin_letter_form, text)


def _pipes_as_separators(text: str) -> str:
    """Pipes between spelled-out single characters made dots (see ``_PIPE_SPELLED``)."""
    if "|" not in text:
        return text
    return _PIPE_SPELLED.sub(lambda run: run.group(0).replace("|", "."), text)


def _latin_letter_form(char: re.Match[str]) -> str:
    return _ascii_letter_of(char.group(0))


@lru_cache(maxsize=4096)
def _ascii_letter_of(char: str) -> str:
    """The ASCII letter a character stands for, or the character: the letter a Latin letter
    form names ("ᴀ" LATIN LETTER SMALL CAPITAL A), else the one ASCII letter or digit Unicode's
    confusables list says it looks like (Cherokee "Ᏼ", Lisu "ꓐ", Armenian "օ")."""
    named = latin_letter_named(char)
    if named is not None:
        return named
    if not unicodedata.category(char).startswith("L"):
        return char
    return _confusable_ascii().get(char, char)


def latin_letter_named(char: str) -> str | None:
    """The lower-case ASCII letter a Latin letter form's Unicode name names (small capital "ᴜ",
    negative squared "🆆", regional indicator "🇼"), or None.  Public: the identifier readers
    (matchers.identifier_text) read these letters so too."""
    named = _LATIN_LETTER_NAME.fullmatch(unicodedata.name(char, ""))
    return named.group(1).lower() if named else None


@lru_cache(maxsize=1)
def _confusable_ascii() -> dict[str, str]:
    """Each single character Unicode's confusables (confusable-homoglyphs' data) list as
    looking like exactly one ASCII letter or digit, case folded.  Loaded on first use: most
    text never leaves ASCII, Cyrillic and Greek."""
    from confusable_homoglyphs.confusables import confusables_data  # reads its table from a file

    looks_like: dict[str, set[str]] = {}
    for ascii_char in map(chr, range(128)):
        if ascii_char.isalnum():
            for homoglyph in confusables_data.get(ascii_char, ()):
                if len(homoglyph["c"]) == 1 and not homoglyph["c"].isascii():
                    looks_like.setdefault(homoglyph["c"], set()).add(ascii_char.lower())
    return {char: next(iter(letters)) for char, letters in looks_like.items() if len(letters) == 1}


def join_mixed_spelling(text: str) -> str:
    """Words spelled in pieces with mixed separators joined ("b. l-a n.k o e-KTP" -> "blanko e-KTP").

    Used on a field before it is cut into clauses (the full stop in "b. l" ends no sentence)
    and in the regex path of :func:`normal_words`.  Runs with one kind of separator
    ("b.l.a.n.k.o", "S-M-L") are left as they are: the other rules read those.
    """
    return _MIXED_SPELLING.sub(_join_mixed_run, text)


def _join_mixed_run(run: re.Match[str]) -> str:
    """A run's pieces joined, chunk group by chunk group: a chunk that is a word ("HD", "PO") or a
    word spelled with one separator ("c_a_r_d") stands apart (see :func:`_joined_pieces`).  What
    is not joined keeps its spacing, which tells spelled-out words apart ("b u k a n  e- K T P")."""
    spelled = run.group(0)
    if len(set(_MIXED_SEPARATOR.findall(spelled))) < 2:
        return spelled
    out: list[str] = []
    done = 0  # spelled[:done] is in out
    group: list[re.Match[str]] = []
    chunks = [*_CHUNK.finditer(spelled), None]
    for at, chunk in enumerate(chunks):
        if chunk is None or _a_word(chunk.group(0), chunks, at):
            if group:
                out += [spelled[done : group[0].start()], _joined_pieces(spelled[group[0].start() : group[-1].end()])]
                done = group[-1].end()
                group = []
        else:
            group.append(chunk)
    return "".join(out) + spelled[done:]


def _a_word(chunk: str, chunks: list[re.Match[str] | None], at: int) -> bool:
    """Whether a chunk of a run is a word of its own, not a piece: two letters or more ("HD", "PO")
    or a word spelled with one separator ("c_a_r_d"), with no separator next to it ("a-n. ko": the
    "ko" after a stop is a piece; so is "l-a-n" in "b. l-a-n ko")."""
    if not ((len(chunk) > 1 and chunk.isalpha()) or _UNIFORM_SPELLED.fullmatch(chunk)):
        return False
    before = chunks[at - 1] if at else None
    after = chunks[at + 1]
    return not ((before is not None and not before.group(0)[-1].isalnum())
                or (after is not None and not after.group(0)[0].isalnum()))


def _joined_pieces(spelled: str) -> str:
    """Pieces' letters joined (their run mixes separators), unless they are a uniform
    spelled run with one piece glued before or after it ("e-k.t.p" is "e ktp", as
    ``_SPELLED_WITH_SEP`` reads it; "b. l-a-n" is one word)."""
    pieces = _LETTERS.findall(spelled)
    if len(pieces) < 2:
        return spelled
    separators = _LETTERS.split(spelled)[1:-1]
    for inner, between, outer in ((pieces[1:], separators[1:], separators[0]), (pieces[:-1], separators[:-1], separators[-1])):
        if (" " not in outer and len(inner) >= 3 and len(set(between)) == 1 and between[0].strip()
                and all(len(piece) == 1 for piece in inner)):
            return spelled
    letters = "".join(pieces)
    return letters if len(letters) >= 3 else spelled


def _join_spelled(match: re.Match[str]) -> str:
    run = match.group(0)
    chars = [ch for ch in run if ch.isascii() and ch.isalnum()]
    letters = sum(ch.isalpha() for ch in chars)
    return "".join(chars) if letters >= 2 else run


def _unleet(match: re.Match[str]) -> str:
    return _unleet_word(match.group(0))


def _unleet_word(token: str) -> str:
    """Leetspeak undone in a word mixing letters and digits; a quantity ("100rb") stays, and a
    year joined to letters is set apart ("#ektpkosong2026", "#2024blankoektp") when no other
    digit is in the word (leetspeak writes "K050N9", "D1P3R50N4L15451")."""
    if _QUANTITY.match(token):
        return token
    parts = _YEAR.split(token)
    if len(parts) > 1 and not any(map(str.isdigit, "".join(parts[::2]))):
        return " ".join(part for part in parts if part)
    return token.translate(_LEET)


def _has_spelled_run(words: list[str], text: str) -> bool:
    """True when three single-character words follow each other, or two single letters:
    only then can a spelled-out word (``b.l.a.n.k.o``, ``e k t p``, ``K.K``) be in the text;
    or three two-letter words in a text with two kinds of separator (2.5: "bl.an-ko")."""
    lengths = [*map(len, words)]
    if 1 in lengths:
        run = letters = 0
        for word in words:
            run = run + 1 if len(word) == 1 else 0
            letters = letters + 1 if len(word) == 1 and word.isalpha() else 0
            if run == 3 or letters == 2:
                return True
    if 2 not in lengths:
        return False
    kinds = 0
    for separator in _PIECE_SEPARATORS:
        if separator in text:
            kinds += 1
            if kinds == 2:
                return _has_pieces(words)
    return False


def _has_pieces(words: list[str]) -> bool:
    """Three words of one or two letters in a row: maybe one word in pieces ("bl.an-ko", "b-la-n.ko", 2.5)."""
    short = 0
    for word in words:
        short = short + 1 if len(word) <= 2 and word.isalpha() else 0
        if short == 3:
            return True
    return False


def normal_words(text: str) -> list[str]:
    """The words of :func:`normalise` as a list (what the lexicon consumes).

    Most text is ASCII without spelled-out words: it is folded and split with
    one ``bytes.translate``, and only words mixing letters and digits are looked
    at for leetspeak.  Text that may hold a spelled-out word takes the regex
    path, which is the definition (a test checks that both paths agree).
    """
    if not text:
        return []
    text = _pipes_as_separators(str(text))
    if text.isascii():
        words = text.encode("ascii").translate(_ASCII_FOLD_WORDS).decode("ascii").split()
    else:
        words = _WORD.findall(_fold(text))
    if _has_spelled_run(words, text):
        return _normalise_by_regex(_fold(text)).split()
    if all(map(str.isdigit, filterfalse(str.isalpha, words))):  # no word mixes letters and digits
        return words
    words = [w if w.isalpha() or w.isdigit() else _unleet_word(w) for w in words]
    return " ".join(words).split() if any(" " in w for w in words) else words


def _normalise_by_regex(folded: str) -> str:
    """The reference normalisation of folded text: spelled-out runs and dotted pairs joined, separators
    made single spaces, leetspeak undone in words that mix letters and digits."""
    folded = _SPELLED_PAIR.sub(r"\1\2", _SPELLED_WITH_SEP.sub(_join_spelled, join_mixed_spelling(folded)))
    spaced = _NON_WORD.sub(" ", folded).strip()
    joined = _SPELLED_OUT.sub(_join_spelled, spaced)
    return _MIXED.sub(_unleet, joined)


def normalise(text: str) -> str:
    """Lowercase ASCII words separated by single spaces, obfuscation undone.

    Example: ``normalise("B.L.4.N.K.O е‑КТР🔥")`` returns ``"blanko e ktp"``.
    """
    return " ".join(normal_words(text))
