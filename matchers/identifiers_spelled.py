"""Phone numbers spelled out digit by digit in words, so a marketplace's number filter misses them.

Sellers write a contact as "nol delapan satu dua, tiga empat …", "kosong delapan lima
tujuh - satu dua …" or mix words and digits ("08 satu dua 3456 7890"), in Indonesian,
Javanese ("wolu", "songo"), Sundanese ("dalapan", "salapan") or English.  A run is read
only when it starts the way a mobile number does (0 or 62, then 8), holds at least
three digit words (a run of digits alone is the ordinary phone reader's) and has a
mobile number's length; :mod:`matchers.identifiers` validates the digits as a phone
number like any other.  Ordinary sentences never hold ten digit words in a row.
"""

from __future__ import annotations

import re
from collections.abc import Iterator

#: Digit words: Indonesian (with the colloquial "kosong" for 0 and "lapan" for 8), Javanese,
#: Sundanese, English.
DIGIT_WORDS: dict[str, str] = {
    "nol": "0", "kosong": "0", "zero": "0",
    "satu": "1", "siji": "1", "hiji": "1", "one": "1",
    "dua": "2", "loro": "2", "two": "2",
    "tiga": "3", "telu": "3", "tilu": "3", "three": "3",
    "empat": "4", "papat": "4", "opat": "4", "four": "4",
    "lima": "5", "limo": "5", "five": "5",
    "enam": "6", "enem": "6", "genep": "6", "six": "6",
    "tujuh": "7", "pitu": "7", "seven": "7",
    "delapan": "8", "lapan": "8", "dalapan": "8", "wolu": "8", "eight": "8",
    "sembilan": "9", "songo": "9", "salapan": "9", "nine": "9",
}
_WORDS = "|".join(sorted(DIGIT_WORDS, key=len, reverse=True))
_ZERO = "|".join(w for w, d in DIGIT_WORDS.items() if d == "0")
_EIGHT = "|".join(w for w, d in DIGIT_WORDS.items() if d == "8")
_SEP = r"(?:[ \t]*[,.\-/\u2013][ \t]*|[ \t]+)"
_TOKEN = rf"(?:{_WORDS}|\d{{1,4}})"
#: A mobile number's start (0 or 62, then 8) and the digits after it, as words or digits.
_TWO_WORDS = tuple(w for w, d in DIGIT_WORDS.items() if d == "2")
_SIX_TWO = rf"(?:{'|'.join(w for w, d in DIGIT_WORDS.items() if d == '6')}){_SEP}(?:{'|'.join(_TWO_WORDS)})"
_SPELLED = re.compile(
    rf"(?<![a-z0-9+])(?:\+?62|0|{_ZERO}|{_SIX_TWO}){_SEP}?(?:8\d{{0,3}}|{_EIGHT})(?:{_SEP}{_TOKEN})+(?![a-z0-9])"
)
_PIECE = re.compile(_TOKEN)
_ZERO_THEN_EIGHT = re.compile(rf"(?:{_ZERO}){_SEP}?8")
_SIX_TWO_THEN_EIGHT = re.compile(rf"{_SIX_TWO}{_SEP}?8")
#: (2.6) A mobile number's 8 in digits, then groups of digits and a digit word ("0859 dua tujuh …",
#: "0812 3456 satu dua …", "62 812 satu …"): what every run :data:`_SPELLED` reads from a start in
#: digits holds from its 8 up to its first word (2.7: 2.6 asked for the word right after an "08" and
#: missed the others, which the reader reads).  Led by the literal 8, which the regex engine finds
#: fast; the start before it is left to the reader.
_DIGITS_THEN_WORDS = re.compile(rf"8\d{{0,3}}(?:{_SEP}\d{{1,4}})*{_SEP}(?:{_WORDS})(?![a-z0-9])")
#: Digit words a spelled number holds at least: fewer is a number written in digits.
_MIN_WORDS = 3
#: The most digits of an Indonesian mobile number: 0 and 12, or 62 and 12.
_MAX_DIGITS = 14


def may_have_spelled_number(low: str) -> bool:
    """Necessary test on lower-cased text: an eight written as a word, a zero word or the words six
    two before an 8 (substring tests first: "kosong" and an 8 are in most blank listings, a zero
    word then 8 in few; "enam dua 812 …" was missed before a differential test drew it), or a start
    in digits followed by digit groups and a digit word (``_DIGITS_THEN_WORDS``, led by the 8)."""
    if "lapan" in low or "wolu" in low or "eight" in low:  # "dalapan", "delapan", "lapan"
        return True
    if "8" not in low:
        return False
    if ("nol" in low or "kosong" in low or "zero" in low) and _ZERO_THEN_EIGHT.search(low) is not None:
        return True
    if any(map(low.__contains__, _TWO_WORDS)) and _SIX_TWO_THEN_EIGHT.search(low) is not None:
        return True
    return _DIGITS_THEN_WORDS.search(low) is not None


def spelled_numbers(low: str) -> Iterator[tuple[int, int, str]]:
    """(start, end, digits) of each run in lower-cased text that spells a mobile number's start in
    words: the digits of its pieces up to a mobile number's length (a word after the number is no
    digit of it).  Example: ``list(spelled_numbers("wa nol delapan satu dua 3456 7890"))`` is
    ``[(3, 33, "0812 3456 7890" without spaces)]``."""
    for m in _SPELLED.finditer(low):
        digits, words, end = "", 0, m.start()
        for piece in _PIECE.finditer(low, m.start(), m.end()):
            value = piece.group(0)
            value = DIGIT_WORDS.get(value, value)
            if len(digits) + len(value) > _MAX_DIGITS:
                break
            digits += value
            words += not piece.group(0).isdigit()
            end = piece.end()
        if words >= _MIN_WORDS:
            yield m.start(), end, digits
