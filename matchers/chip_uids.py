"""Chip UIDs as sellers, card readers and OCR write them, each read with how sure we are.

A chip UID is 4, 7 or 8 bytes of hex (ISO/IEC 14443 single, double and
triple size; 8-byte readers).  Reader software prints it as ``04:A2:3B:…``,
``UID: 04 A2 3B …``, ``0x04A23B…``, ``04-a2-3b-…``; sellers space, dot or dash
it (``0 4 A 2 …``, ``04.A2.3B``), break it across a line, write it in
full-width digits or with Cyrillic/Greek letters (folded before we get here).

**Tokens.**  A candidate is one run of hex-looking characters: a single word
(``04A23B1C5D807E``, ``0x04A2…``) or short groups of 1–4 joined by one
repeated separator (``04 A2 3B``, ``0-4-A-2``, ``04A2.3B1C``).  It must stand
alone: a run glued by ``# / _ @ = & % + \\`` or by ``-``/``.`` to another
word is part of a longer code (colour ``#A2B3C4D5``, ``INV-1A2B3C4D``, a UUID,
a file path) and is never a UID.  A run broken across a line is joined when
the second half is no UID on its own and both together are one.  All-letter
words around a spaced UID ("ada 04 A2 …") are not part of it.

**Cues.**  A token is a chip UID only after a chip cue: ``chip``/``cip``
(also ``chipnya``, ``nochip``, stretched ``chiiip``), ``uid``, ``nuid``,
``csn``; and the generic serial words ``sn``, ``s/n``, ``seri``, ``serial``,
``nomor kartu``, which count only in a text about chips or ID cards (a topic
word such as chip, NFC, RFID, MIFARE, KTP, blanko) or for a token written
the reader's way (``0x`` or ``:``).  The cue reaches ``WINDOW`` characters
ahead, and each UID taken continues it (lists and tables after one cue).  A
cue just after the token on its line also counts ("04A2… (UID chip)").
A label that claims the number for something else (SKU, MAC, IMEI, resi,
invoice, order, password, warna/colour, hash, barcode …) on the token's own
line, after the last cue, blocks it.  A cue in the listing's title that names
a chip number ("UID", "nomor chip", "chip ID") cues the other fields.

**OCR lookalikes.**  Inside a cued token of UID shape, letters that OCR and
typists put for digits are read as the digit: ``O o``→0, ``I l L``→1,
``S s``→5, ``Z z``→2, ``G``→6, ``T``→7 (upper-case ``G``/``T`` only: a
lower-case ``g`` or ``t`` does not look like 6 or 7; ``B`` and ``D`` are
hex digits themselves, so they are left as read).  ``ChipReading.corrected``
counts them.  A corrected token needs at least two real digits and at most
one lookalike in four characters, so an ordinary word is never "corrected".
A decimal-only token needs a reader mark (``0x`` or ``:``): a plain number
near "seri" is a serial number.  A token without any digit is a word.
"""

from __future__ import annotations

import re
from bisect import bisect_right
from collections.abc import Iterator
from dataclasses import dataclass

#: Byte lengths of a chip UID (ISO/IEC 14443: single, double, triple size; 8-byte readers).
CHIP_UID_BYTES = (4, 7, 8)
_HEX_LENGTHS = frozenset(2 * n for n in CHIP_UID_BYTES)
#: Letters read as the digit they look like, inside a cued token of UID shape only.
LOOKALIKE_DIGITS = {"O": "0", "o": "0", "I": "1", "l": "1", "L": "1", "S": "5", "s": "5",
                    "Z": "2", "z": "2", "G": "6", "T": "7"}
_LOOKALIKE_TABLE = str.maketrans(LOOKALIKE_DIGITS)
_HEXISH = "0-9A-Fa-f" + "".join(LOOKALIKE_DIGITS)
_H = f"[{_HEXISH}]"
_X = "(?:0[xX])?"
_SEP = r"(?:[ \t]*[:\-.][ \t]*|[ \t]+)"
#: One token: a word of hex-looking characters, or short groups joined by one repeated separator.
#: A chip word glued in front ("UID04A2…", "chip:04A2…") is the token's own cue.
_TOKEN = re.compile(
    rf"(?<![0-9A-Za-z])(?P<glued>(?i:n?uid|chip|cip|csn|sn)[:#=]?)?"
    rf"(?P<run>{_X}{_H}{{1,4}}(?P<sep>{_SEP}){_X}{_H}{{1,4}}(?:(?P=sep){_X}{_H}{{1,4}})*"
    rf"|{_X}{_H}{{5,}})(?![0-9A-Za-z])"
)
_GROUP = re.compile(rf"{_X}(?P<chars>{_H}+)")
_LINE_BREAK = re.compile(r"[ \t]*\r?\n[ \t]*")
_GLUE_ALWAYS = frozenset("#/_@=&%+\\")
_GLUE_BETWEEN_WORDS = frozenset("-.")

_CUE_CORE = r"c+h*i+h?p+|chpi|chp|cihp|n?u+i+d+|csn|s/n|s\.n\.?|sn|seri(?:al)?|(?:nomor|nomer|nmr|no)\.?\s*kartu"
#: Cue words, in lower-cased text; a number word may be glued in front ("nochip", "nomorseri").
_CUE = re.compile(
    rf"(?<![a-z0-9])(?:no|nomor|nomer|nmr|kode|id)?(?P<cue>{_CUE_CORE})(?:nya|no|number|id)?(?![a-z])"
)
#: Necessary condition for any cue (case-insensitive): the prefilters may rely on it.
UID_CONTEXT = re.compile(_CUE_CORE, re.IGNORECASE)
#: Substrings lower-cased text must hold one of for ``UID_CONTEXT`` to match.
UID_CONTEXT_HINTS = ("ip", "chp", "cihp", "id", "sn", "s/n", "s.n", "seri", "kartu")
_SPECIFIC = re.compile(r"c+h*i+h?p+|chpi|chp|cihp|n?u+i+d+|csn")
#: A title cue names a chip number, not just a chip ("blanko chip aktif" cues nothing).
_TITLE_CUE = re.compile(
    r"(?<![a-z0-9])(?:n?uid|csn|(?:no|nomor|nomer|nmr|kode|id|serial|seri|sn)[\s.:]*c+h*i+p+"
    r"|c+h*i+p+(?:nya)?[\s.:]*(?:id|uid|no|nomor|number|serial|seri|sn))(?![a-z])"
)
_TOPIC = re.compile(r"chip|cip\b|\buid|nfc|rfid|mifare|ntag|desfire|ktp|blanko|blangko")
#: Labels that claim the number after them for something other than a chip.
_BLOCKER = re.compile(
    r"(?<![a-z0-9])(?:kode|sku|plu|imei|mac|resi|awb|invoice|inv|faktur|order|pesanan|transaksi|trx|ref|"
    r"password|passwd|pass|pwd|pw|key|pin|token|voucher|kupon|promo|warna|color|colou?r|hex|hash|md5|sha\d*|"
    r"crc|checksum|barcode|ean|upc|isbn|ssid|wifi|wpa|ip|vin|rangka|mesin|model|tipe|type|part|p/n|versi|"
    r"version|firmware|fw|lot|batch|rek|rekening|va|booking|tiket|ticket)(?![a-z])"
)
#: How far a cue or the last UID taken reaches ahead, and how far back a blocking label reaches.
WINDOW = 160
_BLOCK_REACH = 40
_CUE_AFTER_REACH = 25


@dataclass(frozen=True)
class ChipReading:
    """A chip UID read from text: ``uid`` upper-case hex; ``corrected`` = characters read
    from a lookalike letter (O→0, I/L→1, S→5, Z→2, G→6, T→7), 0 when read as written."""

    uid: str
    corrected: int


@dataclass(frozen=True)
class _Token:
    start: int
    end: int
    chars: str  # hex-looking characters without separators or 0x prefixes
    marked: bool  # written the reader's way: 0x prefix or ':' separators
    glued_cue: bool


def _tokens(text: str) -> list[_Token]:
    """Every stand-alone run of hex-looking characters, line-broken halves joined."""
    tokens: list[_Token] = []
    for m in _TOKEN.finditer(text):
        start, end = m.start("run"), m.end()
        if _glued(text, start, end):
            continue
        run = m.group("run")
        groups = [g.group("chars") for g in _GROUP.finditer(run)]
        if m.group("sep") is not None:
            groups = _without_word_groups(groups)
        marked = "0x" in run.lower() or ":" in run
        tokens.append(_Token(start, end, "".join(groups), marked, m.group("glued") is not None))
    return _joined_across_lines(text, tokens)


def _glued(text: str, start: int, end: int) -> bool:
    """True when the run is part of a longer code: glued to a word by # / _ @ … or by - and ."""
    before = text[start - 1] if start else " "
    after = text[end] if end < len(text) else " "
    if before in _GLUE_ALWAYS or after in _GLUE_ALWAYS:
        return True
    if before in _GLUE_BETWEEN_WORDS and start >= 2 and text[start - 2].isalnum():
        return True
    return after in _GLUE_BETWEEN_WORDS and end + 1 < len(text) and text[end + 1].isalnum()


def _without_word_groups(groups: list[str]) -> list[str]:
    """Spaced groups without the all-letter words of the sentence around them ("ada 04 A2 …")."""
    while len(groups) > 1 and len(groups[0]) > 2 and not any(ch.isdigit() for ch in groups[0]):
        groups = groups[1:]
    while len(groups) > 1 and len(groups[-1]) > 2 and not any(ch.isdigit() for ch in groups[-1]):
        groups = groups[:-1]
    return groups


def _joined_across_lines(text: str, tokens: list[_Token]) -> list[_Token]:
    joined: list[_Token] = []
    for token in tokens:
        last = joined[-1] if joined else None
        if (last is not None and len(token.chars) not in _HEX_LENGTHS
                and len(last.chars) + len(token.chars) in _HEX_LENGTHS
                and _LINE_BREAK.fullmatch(text, last.end, token.start)):
            joined[-1] = _Token(last.start, token.end, last.chars + token.chars,
                                last.marked or token.marked, last.glued_cue)
        else:
            joined.append(token)
    return joined


def read_token(chars: str, marked: bool) -> ChipReading | None:
    """The UID a cued token of hex-looking characters stands for, or None when it is no UID."""
    if len(chars) not in _HEX_LENGTHS:
        return None
    digits = sum(ch.isdigit() for ch in chars)
    uid = chars.translate(_LOOKALIKE_TABLE).upper()
    corrected = sum(a != b for a, b in zip(chars.upper(), uid, strict=True))
    if corrected and (digits < 2 or 4 * corrected > len(chars)):
        return None  # a word, not a misread number
    if digits == 0 or (uid.isdigit() and not marked):
        return None  # letters only: a word; digits only without a reader's mark: a serial number
    return ChipReading(uid, corrected)


def _cue_ends(low: str, tokens: list[_Token]) -> list[int]:
    """Ends of the cues in lower-cased text that may name a chip UID here: a generic serial
    word in a text about something else only when a token is written the reader's way."""
    if _TOPIC.search(low) is not None or any(token.marked for token in tokens):
        return [m.end() for m in _CUE.finditer(low)]
    return [m.end() for m in _CUE.finditer(low) if _SPECIFIC.fullmatch(m.group("cue"))]


def title_names_chip_number(title_low: str) -> bool:
    """True when a (lower-cased) title labels a chip number: its UIDs may stand in the other fields."""
    return _TITLE_CUE.search(title_low) is not None


def _blocked(low: str, blockers: list[int], anchor: int, start: int) -> bool:
    i = bisect_right(blockers, start) - 1
    if i < 0 or blockers[i] <= anchor:
        return False
    return start - blockers[i] <= _BLOCK_REACH and "\n" not in low[blockers[i]:start]


def _cue_after(low: str, end: int, next_start: int) -> bool:
    stop = min(end + _CUE_AFTER_REACH, next_start)
    line = low[end:stop].split("\n", 1)[0]
    return any(_SPECIFIC.fullmatch(m.group("cue")) for m in _CUE.finditer(line))


def find_chip_readings(text: str, low: str, *, cued: bool = False) -> Iterator[tuple[int, int, ChipReading]]:
    """(start, end, reading) of every chip UID in ``text`` (``low`` is its lower-cased form, same
    positions); ``cued`` when the listing's title names a chip number."""
    tokens = _tokens(text)
    cues = _cue_ends(low, tokens)
    blockers = [m.end() for m in _BLOCKER.finditer(low)]
    last_taken = 0 if cued else -1
    for index, token in enumerate(tokens):
        i = bisect_right(cues, token.start) - 1
        cue = cues[i] if i >= 0 else -1
        anchor = max(cue, last_taken)
        reach = token.start - anchor <= WINDOW or (cued and anchor == 0)
        near = token.glued_cue or (anchor >= 0 and reach and not _blocked(low, blockers, anchor, token.start))
        if not near:
            next_start = tokens[index + 1].start if index + 1 < len(tokens) else len(text)
            near = _cue_after(low, token.end, next_start)
        reading = read_token(token.chars, token.marked) if near else None
        if reading is not None:
            last_taken = token.end
            yield token.start, token.end, reading
