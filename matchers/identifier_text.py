"""Text as the identifier readers read it: one place where Unicode's other ways of writing a
digit, a letter, a dash or nothing at all are undone before any number, link or UID is looked for.

Sellers write contact numbers, NIKs and chip UIDs past keyword and number filters with:

- **digits of other forms**: full-width (``０８１２``), mathematical bold, sans-serif and monospace
  (``𝟎𝟖𝟏𝟐``, ``𝟶𝟾𝟷𝟸``), Arabic-Indic and Persian (``٠٨١٢``, ``۰۸۱۲``), circled and negative circled
  (``⓪⑧①②``, ``⓿❽❶❷``, ``➊➋``), parenthesised (``⑴``), superscript (``⁰⁸¹²``) and keycap digits
  (``0️⃣8️⃣``).  Every character Unicode gives a digit value is read as that ASCII digit, *before*
  NFKC (which leaves Arabic-Indic and the dingbats alone and writes ``⑴`` as ``(1)``);
- **invisible characters** inside a number, a link or a UID: zero-width spaces and joiners, soft
  hyphens, word joiners, bidi marks, variation selectors, tag characters (the same set
  :data:`matchers.normalise.INVISIBLE` removes from words); and **combining marks**, the strokes
  and underlines of "fancy text" generators (``0̶8̶1̶2̶``, ``0̲8̲``), enclosing circles and keycaps
  (``0⃝8⃝``, ``0️⃣8️⃣``: :data:`matchers.normalise.COMBINING`);
- **letters of other forms**: full-width and mathematical letters (NFKC), small capitals and
  enclosed letters (``ᴜɪᴅ``, ``🆆🅰.🅼🅴``, by their Unicode names as words read them), Cyrillic and
  Greek letters drawn like Latin ones (``wа.me`` with a Cyrillic ``а``, ``04АВ…``), one for one;
- **Unicode dashes** (``‑ – — −``) read as ``-``;
- **pictographs and bullets between digits** (``0813🔥6395🔥3201``, ``0822•0290•0301``,
  ``08✨57✨98``): a run of symbols (emoji, dingbats, bullets, middle dots) with a digit on each
  side separates the digits as one space would.  Only there: an emoji elsewhere is left as it is.

ASCII text is none of these and is returned as it is (the common case costs one ``isascii``).
What a character becomes never depends on the characters around it, but for the symbols between
digits; a differential test holds every step to its definition.
"""

from __future__ import annotations

import re
import unicodedata
from array import array
from functools import lru_cache

from matchers.normalise import COMBINING, INVISIBLE, latin_letter_named

#: Latin letters NFKC leaves alone: IPA and phonetic small capitals ("ᴜɪᴅ", "ᴡᴀ.ᴍᴇ"), Latin
#: Extended-D's, and the enclosed letters of the emoji planes ("🆆🅰.🅼🅴"; not regional indicators,
#: which are flags: "🇮🇩").  Each is read as the letter its Unicode name names.
_LETTER_FORMS = re.compile("[\u0250-\u02af\u1d00-\u1dbf\ua720-\ua7ff\U0001f130-\U0001f189]")
#: Unicode's hyphens, dashes and minus signs, read as "-" (one character each).
_DASHES = str.maketrans(dict.fromkeys("\u2010\u2011\u2012\u2013\u2014\u2015\u2212\ufe63\uff0d", "-"))
_ANY_DASH = re.compile("[\u2010-\u2015\u2212\ufe63\uff0d]")
#: Cyrillic and Greek capitals and small letters drawn like a Latin one ("UІD", "04АВ…"), one for one.
_LOOKALIKE_LETTERS = "АВСЕНІЈКМОРЅТХаеіјорсѕхԁԝһӏΑΒΕΗΙΚΜΝΟΡΤΧΥΖο"
_LATIN_LOOKALIKES = str.maketrans(_LOOKALIKE_LETTERS, "ABCEHIJKMOPSTXaeijopcsxdwhlABEHIKMNOPTXYZo")
_ANY_LOOKALIKE = re.compile(f"[{_LOOKALIKE_LETTERS}]")
#: The highest code point with a digit value is below this (Unicode 15: U+1FBF9).
_DIGIT_FORMS_END = 0x20000
#: Characters that are no part of a number but may stand between its digits: symbols (emoji,
#: dingbats, ☎), bullets and middle dots.
_SEPARATING_CATEGORIES = frozenset({"So", "Sk", "Sm"})
_BULLETS = frozenset("\u00b7\u2022\u2023\u2027\u2043\u2219\u22c5\u25cf\u25e6\u30fb\uff65")
#: A run of non-ASCII characters with an ASCII digit on each side (maybe one space between).
_BETWEEN_DIGITS = re.compile(r"[0-9]( ?([^\x00-\x7f]+) ?)(?=[0-9])")  # led by a digit: scanned fast


def read_digit_form(char: str) -> str:
    """The ASCII digit a character stands for ("٣", "❸", "⑶", "𝟑" → "3"), or the character.
    Redaction (:mod:`alerts.redaction`) reads each character with it, to mask what the readers read."""
    value = unicodedata.digit(char, None)
    return char if value is None or char.isascii() else str(value)


def separates_digits(char: str) -> bool:
    """A non-ASCII symbol (emoji, dingbat, ☎), bullet or middle dot: between two digits it sets them
    apart as a space would (redaction reads it so too)."""
    return not char.isascii() and (unicodedata.category(char) in _SEPARATING_CATEGORIES or char in _BULLETS)


#: A character beyond the Basic Multilingual Plane (emoji, mathematical letters and digits).
_BEYOND_THE_PLANE = re.compile("[\U00010000-\U0010ffff]")


@lru_cache(maxsize=1)
def _digit_forms() -> tuple[dict[int, str], re.Pattern[str]]:
    """(translation to ASCII digits, a regex for any such character of the Basic Multilingual Plane)
    of every non-ASCII character Unicode gives a digit value: built on first use (a few ms), as most
    text has none.  A class of ranges beyond the plane is searched ten times slower, and most such
    characters are emoji: those are looked up one by one (see :func:`digit_forms_read`)."""
    # str.isdigit holds exactly where unicodedata.digit gives a value (both read Unicode's
    # Numeric_Type Digit or Decimal): a C-speed filter of the 130,944 characters leaves the
    # ~800 to read one by one (a Python loop over all of them cost 0.25 G instructions); the
    # characters are decoded from their code points at once, not made one by one with chr.
    every = array("I", range(0x80, _DIGIT_FORMS_END)).tobytes().decode("utf-32-le", "surrogatepass")
    table = {ord(char): read_digit_form(char) for char in filter(str.isdigit, every)}
    ranges: list[list[int]] = []
    for code in sorted(code for code in table if code <= 0xFFFF):
        if ranges and ranges[-1][1] == code - 1:
            ranges[-1][1] = code
        else:
            ranges.append([code, code])
    return table, re.compile("[" + "".join(f"{chr(first)}-{chr(last)}" for first, last in ranges) + "]")


def digit_forms_read(text: str) -> str:
    """``text`` with every non-ASCII digit form as its ASCII digit ("٠٨١٢" → "0812", "❶⑴" → "11")."""
    if text.isascii():
        return text
    table, in_plane = _digit_forms()
    if in_plane.search(text) or any(ord(char) in table for char in _BEYOND_THE_PLANE.findall(text)):
        return text.translate(table)
    return text


def _latin_letter(char: re.Match[str]) -> str:
    return latin_letter_named(char.group(0)) or char.group(0)


def _space_for_symbols(run: re.Match[str]) -> str:
    return run.group(0)[0] + " " if all(map(separates_digits, run.group(2))) else run.group(0)


@lru_cache(maxsize=4_096)
def identifier_text(text: str) -> str:
    """``text`` as the identifier readers read it (see the module docstring); ASCII is returned as
    it is.  Cached: a title is read again as the description's context."""
    if text.isascii():
        return text
    text = unicodedata.normalize("NFKC", digit_forms_read(INVISIBLE.sub("", text)))
    if text.isascii():
        return text
    text = COMBINING.sub("", text)  # "0̶8̶1̶2̶", "0̲8̲1̲2̲", "0⃝8⃝", "0️⃣8️⃣": the digit stays
    if _LETTER_FORMS.search(text):
        text = _LETTER_FORMS.sub(_latin_letter, text)
    if _ANY_DASH.search(text):
        text = text.translate(_DASHES)
    if _ANY_LOOKALIKE.search(text):  # str.translate costs; most non-ASCII text is emoji
        text = text.translate(_LATIN_LOOKALIKES)
    return _BETWEEN_DIGITS.sub(_space_for_symbols, text)
