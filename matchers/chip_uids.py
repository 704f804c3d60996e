"""Chip UIDs as sellers, card readers and OCR write them, each read with how sure we are.

A chip UID is 4, 7 or 8 bytes of hex (ISO/IEC 14443 single, double and
triple size; 8-byte readers).  Reader software prints it as ``04:A2:3B:…``,
``UID: 04 A2 3B …``, ``0x04A23B…``, ``04-a2-3b-…``; sellers space, dot or dash
it (``0 4 A 2 …``, ``04.A2.3B``), break it across a line, write it in
full-width digits or with Cyrillic/Greek letters (folded before we get here).

**Tokens.**  A candidate is one run of hex-looking characters: a single word
(``04A23B1C5D807E``, ``0x04A2…``, ``040xA20x3B…``), short groups of 1–4 joined by
one repeated separator (``04 A2 3B``, ``0-4-A-2``, ``04A2.3B1C``), or, where no
such run has a UID's length, bytes each joined by its own reader separator
(``04:A2-3B 1C``, ``04A23B 1C5D807E``: the pre-rewrite reader's shape, which a
differential test holds us to), or 4 to 8 bytes of two characters in a comma list
(a program's array ``{0x04, 0xA2, …}``; a longer array is none).  It must stand alone: a run glued by
``# / _ @ = & % + \\`` or by ``-``/``.`` to another word is part of a longer code
(colour ``#A2B3C4D5``, ``INV-1A2B3C4D``, a UUID, a file path) and is never a UID,
except a number sign or dot after a cue or number word (``seri #04A2…``,
``no.04A2…``) and a slash or ampersand between two UIDs of a list.  A run broken
across a line is joined when one half is no UID on its own and both together
are one (``04:7F:3A:`` then ``91:C2:55:80``).  All-letter words around a spaced
UID ("ada 04 A2 …"), a list number ("1. 04 A2 …") and a cue's last letter
("u.i.d 04 A2 …", "U I D : 0 4 A 2 …") are not part of it.

**Cues.**  A token is a chip UID only after a chip cue: ``chip``/``cip``
(also ``chipnya``, ``nochip``, stretched ``chiiip``), ``uid`` (and its
transposition ``udi``), ``nuid``, ``csn``, ``tag id`` (``ID tag``, ``NFC ID``, ``Card ID``); and the generic serial
words ``sn``, ``s/n``, ``seri``, ``serial`` (and its common misspellings
``serail``, ``srial``, ``sirial``), ``nomor kartu``, ``ID kartu``, ``identifier``, which count
only in a listing about ID cards or tags (a topic word such as UID, NFC, RFID,
MIFARE, KTP, blanko, kartu, card in this text or in the listing's title: "chip"
alone is no topic, a flash disk or a phone has a chip too) or for a token
written the reader's way (``0x`` or ``:``), and never when they name another
device's serial ("SN printer", "laptop no seri").  Where they do not count they
are labels: they block the number after them even after a chip word
("flashdisk chip Samsung, serial number 0401…").
The cue reaches ``WINDOW`` characters ahead, and each UID taken continues it
(lists and tables after one cue).  A cue just after the token on its line also
counts ("04A2… (UID chip)"), or on the next line when the token ends its line and
no number follows the cue there ("04A2…\n04B3…\n^ UID chip"); such a cue, when it is
a word for a chip's number ("UID", "nomor chip", "CSN"), closes a list and names every
UID of it: the unread tokens before, each of the same length as the next and joined
to it by separators, bullets, row numbers or numbered item labels only ("kartu 2 = ").
A denied chip word ("bukan UID", "tanpa UID", "UID tidak tersedia") names nothing.  A label that claims the number for something else
(SKU, MAC, IMEI, resi, invoice, order, password, warna/colour, hash, barcode,
a time or date …)
on the token's own line, after the last cue (or before a token a cue after it
names), blocks it; a word that usually
describes the card (tipe, model, versi, kode, pin, ip, part, build …) blocks it
only right before the number, maybe with its number word ("tipe: 04A2…", "kode
produk 04A2…", "part number 04A2…").  ``hex`` is no label: it names how the UID
is written ("Tag ID (hex): 04:92:…").  A cue in the
listing's title that names a chip number ("UID", "nomor chip", "chip ID") cues
the other fields.

**OCR lookalikes.**  Inside a cued token of UID shape, letters that OCR and
typists put for digits are read as the digit: ``O o``→0, ``I l L``→1,
``S s``→5, ``Z z``→2, ``G``→6, ``T``→7 (upper-case ``G``/``T`` only: a
lower-case ``g`` or ``t`` does not look like 6 or 7; ``B`` and ``D`` are
hex digits themselves, so they are left as read).  ``ChipReading.corrected``
counts them.  A corrected token needs at least two real digits and at most
one lookalike in four characters, so an ordinary word is never "corrected".
A decimal-only token needs a reader mark (``0x`` or ``:``) or must be written
byte by byte right after a chip word ("UID bawaan 01 02 03 04"), or be the next
item of a list whose first such token was read so ("UID: 12345678, 23456789"): a
plain number near "seri" is a serial number.  A token without any digit is a word.

**A reader's answer.**  The status word "90 00" (ISO/IEC 7816-4) a reader prints
after the UID it was asked for is no byte of it; a run of nine bytes or more is no
UID, nor its first eight.  A word before bytes ("ID 49:f6:…", "NFC ID 0x04 …") is
never the UID's first byte unless it is hex itself ("EAFA:00 00").
"""

from __future__ import annotations

import re
from bisect import bisect_right
from collections.abc import Container, Iterator
from typing import NamedTuple

#: Byte lengths of a chip UID (ISO/IEC 14443: single, double, triple size; 8-byte readers).
CHIP_UID_BYTES = (4, 7, 8)
_HEX_LENGTHS = frozenset(2 * n for n in CHIP_UID_BYTES)
#: Letters read as the digit they look like, inside a cued token of UID shape only.
LOOKALIKE_DIGITS = {"O": "0", "o": "0", "I": "1", "l": "1", "L": "1", "S": "5", "s": "5",
                    "Z": "2", "z": "2", "G": "6", "T": "7"}
_LOOKALIKE_TABLE = str.maketrans(LOOKALIKE_DIGITS)
_DROP_LOOKALIKES = str.maketrans("", "", "".join(LOOKALIKE_DIGITS))
_DROP_DIGITS = str.maketrans("", "", "0123456789")
_HEXISH = "0-9A-Fa-f" + "".join(LOOKALIKE_DIGITS)
_H = f"[{_HEXISH}]"
_X = "(?:0[xX])?"
#: A number word that may be glued in front of a cue ("nochip", "nomorseri", "kodechip").
_NUMBER_WORD = "(?:no|nomor|nomer|nmr|kode|id)"
_SEP = r"(?:[ \t]*[:\-._\u2013\u2014\u00b7\u2022][ \t]*|[ \t]+)"
#: (2.6) Bytes joined by one repeated bar, semicolon or slash, unspaced ("04|A2|3B|…", "04/A2/3B/…": hex
#: dumps pasted from other tools) are read as bytes joined by spaces: four bytes or more of two characters,
#: not part of a path ("/usr/04/a1/b2/c3") nor of a list of UIDs ("04A23B1C/04B23B1C", "…00/00 00 00 0A").
#: Public: the identifier prefilter looks for it where its cheap test passes only with the marks dropped.
MARKED_BYTES = re.compile(
    r"(?<![0-9A-Za-z/|;])[0-9A-Fa-f]{2}(?P<mark>[|;/])[0-9A-Fa-f]{2}(?:(?P=mark)[0-9A-Fa-f]{2}){2,6}"
    r"(?![0-9A-Za-z])(?!(?P=mark)[0-9A-Za-z])")
#: Bytes joined by separators of any of the reader's kinds, one character each ("04:A2-3B 1C",
#: "04A23B 1C5D807E"): read where no run of one separator is of a UID's length.
_MIXED = rf"{_X}{_H}{{2}}(?:(?:[:\- ]|[:\- ]?0[xX])?{_H}{{2}}){{3,7}}"
#: Bytes of a program's array or a seller's list ("{0x04, 0xA2, …}", "04, A2, 3B, …"): two characters
#: each, so a list of longer codes ("04A23B1C, 04B23B1C") is several tokens; a longer array is none.
_COMMA_BYTES = rf"(?<![0-9A-Za-z],)(?<![0-9A-Za-z],[ \t]){_X}{_H}{{2}}(?:,[ \t]*{_X}{_H}{{2}}){{3,7}}(?!,[ \t]*{_X}{_H}{{2}}(?![0-9A-Za-z]))"
#: One token: a word of hex-looking characters, or short groups joined by one repeated separator.
#: A chip word glued in front ("UID04A2…", "chip:04A2…") is the token's own cue.
_RUN = (
    rf"(?=[{_HEXISH}xX:\-._\u2013\u2014\u00b7\u2022, \t]*?[0-9])"  # a UID holds a digit: skip words fast
    rf"(?P<run>{_X}{_H}{{1,4}}(?P<sep>{_SEP}){_X}{_H}{{1,4}}(?:(?P=sep){_X}{_H}{{1,4}})*"
    rf"(?![:\-._\u2013\u2014\u00b7\u2022]{_H})"  # "1. 1D-FD-…": a list number does not take the UID's first byte
    rf"|(?:{_X}{_H}{{2,}}(?:0[xX]{_H}{{2,}})+|{_X}{_H}{{5,}})(?![:\-]{_H})"  # "04A2…", "040xA20x3B…", not "04A2:3B"
    rf"|{_COMMA_BYTES}|{_MIXED})(?![0-9A-Za-z])"
)
#: A list number ("1. 3C FC …") is no group of the UID after it.
_TOKEN = re.compile(rf"(?<![0-9A-Za-z])(?![0-9]{{1,3}}[.)][ \t]){_RUN}")
#: A chip word glued in front of a run ("UID04A2…", "nochip:04A2…") is the run's own cue.
_GLUED_RUN = re.compile(_RUN)
_GLUED_CUE_HINT = re.compile(r"(?:uid|chip|cip|csn|sn)(?:nya)?[:#=]?[0-9a-f]")
_GLUED_CUE = re.compile(rf"(?<![0-9a-z]){_NUMBER_WORD}?(?:n?uid|chip|cip|csn|sn)(?:nya)?[:#=]?(?=[0-9a-f])")
_MIXED_RUN = re.compile(rf"(?P<run>{_MIXED})(?![0-9A-Za-z])")
_HEX_CHARS = "0123456789ABCDEFabcdef"
#: One more byte after a run ("… 7E 90 00": the status word of a reader's answer).
_MORE_BYTES = re.compile(r"[:\- ]?(?:0[xX])?[0-9A-Fa-f]{2}(?![0-9A-Za-z])")
_DROP_SEPARATORS = str.maketrans("", "", ": -,\t")
_GROUP = re.compile(rf"{_X}(?P<chars>{_H}+)")
_ANY_LENGTH = range(2, 64)
_LINE_BREAK = re.compile(r"[ \t:\-.]*\r?\n[ \t]*")
_GLUE_ALWAYS = frozenset("#/_@=&%+\\")
_GLUE_BETWEEN_WORDS = frozenset("-.")
#: Marks that join two UIDs of a list, and a UID-length hex word with a digit and a letter next to one.
_LIST_MARKS = frozenset("/&")
_BYTES_RUN = r"(?:0[xX])?[0-9A-Fa-f]{2}(?:(?:[ \t]*[:\-][ \t]*|[ \t])?(?:0[xX])?[0-9A-Fa-f]{2}){3,7}"
_LIST_NEIGHBOUR_AFTER = re.compile(rf"[ \t]*{_BYTES_RUN}(?![0-9A-Za-z])")
_LIST_NEIGHBOUR_BEFORE = re.compile(rf"(?<![0-9A-Za-z]){_BYTES_RUN}[ \t]*$")

#: "i" as sellers write it in a cue: a one, an l or a bar for the letter ("ch1p", "UlD").
_I = "[i1l|!]"
#: The chip words, also spelled out letter by letter ("c h i p", "u.i.d").
_CHIP = rf"c+h*{_I}+h?p+|c[ .\-]h[ .\-]{_I}[ .\-]p|chpi|chp|cihp"
_UID = rf"n?u+{_I}+d+|ud{_I}|u[ .\-]{_I}[ .\-]d\.?|tag\s*id|id\s*tag|nfc\s*id|id\s*nfc|card\s*id|csn"
_CUE_CORE = (rf"{_CHIP}|{_UID}|s/n|s\.n\.?|sn|seri(?:al|ail|la|l)?|serai?l|s[ei]?rial|seial"
             r"|(?:nomor|nomer|nmr|no|id)\.?\s*kartu|identifier")  # iOS NFC readers print the UID as "Identifier"
#: A cue or number word right before a number sign or dot ("seri #", "no."): the sign is no glue.
_NUMBER_SIGNS = frozenset("#.-")
_NUMBER_LABEL_BEFORE = re.compile(rf"(?<![a-z0-9])(?:{_NUMBER_WORD}|nr|number|num|{_CUE_CORE})(?:nya)?[ \t:.]*$")
#: Cue words, in lower-cased text.
_CUE = re.compile(rf"(?=[cikntsu])(?<![a-z0-9]){_NUMBER_WORD}?(?P<cue>{_CUE_CORE})(?:nya|no|number|id)?(?![a-z])")
#: Necessary condition for any cue, also one glued to its number ("uidA2…"), in lower-cased
#: text: the prefilters rely on it.  ``UID_CONTEXT`` is the same for text of any case.
#: (The first-letter lookahead lets the regex engine skip other positions fast.)
UID_CONTEXT_LOW = re.compile(rf"(?=[cikntsu])(?<![a-z0-9]){_NUMBER_WORD}?(?:{_CUE_CORE})")
UID_CONTEXT = re.compile(UID_CONTEXT_LOW.pattern, re.IGNORECASE)
#: ``UID_CONTEXT_LOW`` past the text's start: the character before the cue consumed, not looked behind
#: at from every position (see :func:`has_uid_cue`).
_UID_CONTEXT_AFTER = re.compile(rf"[^a-z0-9](?=[cikntsu]){_NUMBER_WORD}?(?:{_CUE_CORE})")
#: Substrings lower-cased text must hold one of for ``UID_CONTEXT_LOW`` to match.
UID_CONTEXT_HINTS = ("p", "d", "sn", "s/n", "s.n", "seri", "kartu")
_SPECIFIC = re.compile(rf"{_CHIP}|{_UID}")
_UID_WORD = re.compile(_UID)
#: Words that say a number is the UID converted to decimal (or reversed), which is no UID value.
_DECIMAL_NOTATION = re.compile(r"(?<![a-z])(?:dec|decimal|desimal|reversed?|terbalik|lsb)(?![a-z])")
_CONVERTED_REACH = 32
#: Such a word labelling the number right after it (no other number between: "(dec 1234), 04A2…").
_CONVERTED_LABEL = re.compile(rf"(?:{_DECIMAL_NOTATION.pattern})[^0-9\n]*$")
#: A cue for the other fields names a chip number, not just a chip ("blanko chip aktif" cues nothing);
#: written plainly (the cheap gate ``_NUMBER_CUE_HINTS`` must hold for it).
_NUMBER_CUE = re.compile(
    r"(?<![a-z0-9])(?:n?uid|csn|tag\s*id|(?:no|nomor|nomer|nmr|kode|id|serial|seri|sn)[\s.:]*(?:chip|cip|chp)"
    r"|(?:chip|cip|chp)(?:nya)?[\s.:]*(?:id|uid|no|nomor|number|serial|seri|sn))(?:nya)?(?![a-z])"
)
_NUMBER_CUE_HINTS = ("uid", "csn", "tag", "ip", "chp")
#: Words that make a text about chips or ID cards, where a generic serial word names a chip UID.
#: Each branch led by a letter, its word start checked after it ("u(?<!\wu)id" is "\buid"): the regex
#: engine then skips to the branches' first letters, not trying thirteen branches at every character.
_TOPIC = re.compile(r"u(?<!\wu)id|nfc|rfid|mifare|ntag|desfire|ktp|blanko|blangko|kartu|card|t(?<![a-z]t)ag(?![a-z])")
#: Labels that claim a number for something other than a chip anywhere after them on its line
#: (WWN, EUI-64, a Zigbee IEEE address, an SD card's CID: "kartu garansi" makes a listing about cards;
#: a time or a date).
_BLOCKER = re.compile(
    r"(?<![a-z0-9])(?:sku|plu|imei|mac|resi|awb|invoice|inv|faktur|order|pesanan|transaksi|trx|"
    r"password|passwd|pwd|token|voucher|kupon|promo|warna|colou?r|hash|md5|sha\d*|crc|checksum|"
    r"barcode|ean|upc|isbn|ssid|bssid|wifi|wpa|vin|rangka|mesin|rek|rekening|booking|tiket|ticket|"
    r"jam|pukul|waktu|tanggal|tgl|time|date|"
    # 8-byte addresses of disks, radios and buses, printed with colons or 0x as a reader prints a UID
    r"wwn|wwpn|wwnn|(?:dev|app|join)?eui(?:-?64)?|ieee|guid|uuid|cid|rom)(?![a-z])"
)
#: Words that are a label for another number only right before it ("tipe: …", "kode produk …"):
#: elsewhere they describe the card ("chip tipe NTAG, UID …", "UID type A").
_NEAR_BLOCKER = re.compile(
    r"(?<![a-z0-9])(?:kode(?:[ \t]+[a-z]+)?|ref|pass|pw|key|pin|ip|model|tipe|type|part|p/n|versi|version|"
    r"firmware|fw|build|rev|revisi|lot|batch|va|alamat|address|addr|"
    # the other fields of a card's memory and of its answer to a reader, printed beside the UID (MIFARE
    # Classic Tool, Proxmark): a sector's keys and access bits, the block check byte, ATQA, SAK; a table's
    # header may name them with the UID ("UID | ATQA | SAK"), so only right before a number
    r"key[ \t]?[ab]|access[ \t]+(?:bits|conditions?)|bcc|atqa|sak)"
    r"(?:[ \t.]*(?:number|numbr|no|nomor|nr|num))?[ \t:.#=\-]*$"
)
_PREPOSITIONS = (" dari ", " from ", " of ", " di ")
#: How far a cue or the last UID taken reaches ahead, and how far back a blocking label reaches.
WINDOW = 160
_BLOCK_REACH = 40
_CUE_AFTER_REACH = 25
#: Lengths of a UID printed by a reader that needs no cue (a 4-byte run with colons may be a time).
_READER_LENGTHS = frozenset({14, 16})
#: How far after a chip word decimal-looking bytes still read as its UID ("UID bawaan 01 02 03 04").
_PAIRED_REACH = 16
#: Devices whose serial number a generic serial word may name ("SN printer: …", "laptop no seri …").
_DEVICES = (r"printer|laptop|notebook|komputer|pc|cpu|hp|handphone|ponsel|tablet|router|modem|mesin|kamera|"
            r"monitor|tv|flashdisk|harddisk|hdd|ssd|motherboard|baterai|charger|adaptor|reader|perangkat|"
            r"device|unit|alat|produk|barang|kendaraan|motor|mobil")
_DEVICE_AFTER = re.compile(rf"[ \t.]*(?P<number>number|numbr|no|nomor|nomer|num|nr)?[ \t.]*(?:{_DEVICES})(?![a-z])")
_DEVICE_BEFORE = re.compile(rf"(?<![a-z])(?:{_DEVICES})(?:nya)?[ \t:]*(?P<number>(?:no|nomor|nomer|nmr)\.?[ \t]*)?$")
_DEVICE_REACH = 24
#: (2.6) A line whose subject is a device ("Printer kartu PVC, serial number 04A1…", "Mesin EDC, SN 0x…",
#: "Reader kartu NFC, S/N: …"): its generic serial words name that device's serial.  Only devices a
#: serial is printed on, not a generic word ("Produk original, SN …" may still be a blank's).
_DEVICE_SUBJECT = re.compile(
    r"[ \t\-*>•]*(?:jual[ \t]+)?(?:printer|laptop|notebook|komputer|cpu|handphone|ponsel|tablet|router|modem|mesin|kamera|"
    r"monitor|flashdisk|harddisk|hdd|ssd|motherboard|reader|encoder|writer|scanner|edc)(?![a-z])")
_SUBJECT_REACH = 60
#: The most characters a UID token spans (16 characters, each with "0x" and a separator of 3).
_LONGEST_TOKEN = 16 * 6


class ChipReading(NamedTuple):
    """A chip UID read from text: ``uid`` upper-case hex; ``corrected`` = characters read
    from a lookalike letter (O→0, I/L→1, S→5, Z→2, G→6, T→7), 0 when read as written."""

    uid: str
    corrected: int


class _Token(NamedTuple):
    start: int
    end: int
    chars: str  # hex-looking characters without separators or 0x prefixes
    marked: bool  # written the reader's way: 0x prefix or ':' separators
    glued_cue: bool
    paired: bool  # written byte by byte: groups of two joined by one separator ("04 12 35 67")


def _tokens(text: str, low: str, begin: int = 0) -> list[_Token]:
    """Every stand-alone run of hex-looking characters of a UID's length from ``begin`` on,
    line-broken halves joined (any length may be half of one when the text has a line break)."""
    lengths = _ANY_LENGTH if "\n" in text else _HEX_LENGTHS
    tokens = [t for m, glued in _runs(text, low, begin) if (t := _token(text, low, m, glued, lengths)) is not None]
    return _joined_across_lines(text, tokens) if lengths is _ANY_LENGTH and len(tokens) > 1 else tokens


def _runs(text: str, low: str, begin: int) -> Iterator[tuple[re.Match[str], bool]]:
    """(run, glued) of the runs that start a word, and of those right after a glued chip word
    ("UID04A2…", "chip:04A2…"; glued True), in order; runs too short for a UID are left out."""
    short = 2 if "\n" in text else min(_HEX_LENGTHS)
    glued = {g.end(): m for g in _GLUED_CUE.finditer(low, begin) if (m := _GLUED_RUN.match(text, g.end()))} \
        if _GLUED_CUE_HINT.search(low, begin) else {}
    pos = begin
    while (m := _TOKEN.search(text, pos)) is not None:
        for start in sorted(s for s in glued if pos <= s < m.start()) if glued else ():
            yield glued.pop(start), True
        pos = m.end()
        if glued and m.start() in glued:
            yield glued.pop(m.start()), True
            continue
        run, sep = m.group("run", "sep")
        if sep is None and run[2:3] in (" ", ":", "-") and _is_word(run[:2]) and not _all_hex(run[:2]):
            pos = m.start("run") + 2  # "ID 49:f6:31:1d" read as mixed bytes: a word is no byte of the run after it
            continue
        if sep is not None and _stray_front(run, sep):
            # "EAFA:00 00": hex letters are the UID's first bytes; a word with another letter is not ("ID 0x04 …")
            whole = _bytes_from(text, m.start("run")) if _all_hex(_unprefixed(run.partition(sep)[0])) else None
            if whole is not None:
                pos = whole.end()
                yield whole, False
                continue
            pos = m.start("run") + run.index(sep) + len(sep)  # "ID: 04:A2 …": the run starts after the word
            continue
        mixed = _mixed_reading(text, m, run, sep)
        if mixed is not None:
            pos = mixed.end()
            yield mixed, False
        elif len(run) - (run.count(sep) * len(sep) if sep else 0) >= short:
            yield m, False  # shorter: no UID (nor half of one), a price, a code
    yield from ((glued[start], True) for start in sorted(glued) if start >= pos)


def _all_hex(group: str) -> bool:
    return all(c in _HEX_CHARS for c in group)


def _bytes_from(text: str, start: int) -> re.Match[str] | None:
    """Bytes joined by mixed separators from ``start`` on, when they are all the bytes there and
    a UID's length ("EAFA:00 00"), else None ("dead 04 A2 … 7E" has a byte more than a UID)."""
    mixed = _MIXED_RUN.match(text, start)
    if mixed is None or _hex_count(mixed.group("run"), None) not in _HEX_LENGTHS or _MORE_BYTES.match(text, mixed.end()):
        return None
    return mixed


def _mixed_reading(text: str, m: re.Match[str], run: str, sep: str | None) -> re.Match[str] | None:
    """The run read as bytes joined by mixed separators, where that reading is a UID: for a run of
    another length, or decimal (a serial), and for a run of a UID's length whose UID goes on after
    a space, with no separator of another kind, by less than a UID, and ends there
    ("0000:0000:0000:00 00"; not a date and time "06-12-2026 10:30:45", two UIDs of a list
    "04A23B1C 04B23B1C", nor a UID and a status word "… 7E 90 00")."""
    count = _hex_count(run, sep)
    lengthened = count in _HEX_LENGTHS and not run.isdigit()
    if lengthened and text[m.end():m.end() + 1] != " ":
        return None
    mixed = _MIXED_RUN.match(text, m.start("run"))
    if mixed is None or _hex_count(mixed.group("run"), None) not in _HEX_LENGTHS:
        return None
    if not lengthened and mixed.end() < m.end() and _MORE_BYTES.match(text, mixed.end()):
        return None  # nine bytes or more: no UID, nor its first eight
    if lengthened:
        extra = text[m.end():mixed.end()]
        if mixed.end() <= m.end() or extra.strip(" xX" + (sep or "").strip() + _HEX_CHARS) \
                or _hex_count(extra, None) >= min(_HEX_LENGTHS) or _MORE_BYTES.match(text, mixed.end()):
            return None
    return mixed


def _stray_front(run: str, sep: str) -> bool:
    """True when a separated run's first group is no part of the UID after it: a word of the
    sentence ("ID: 04:A2 …"), or one character before longer groups or before a single other group
    (the cue's last letter, "u.i.d 04 A2 …", "U I D : 0 4 A 2 …": single characters come only in a
    UID spelled one by one, and two groups of at most five characters are never one)."""
    first, _, rest = run.partition(sep)
    if _is_word(_unprefixed(first)):
        # hex letters that make the run a UID are its first bytes ("EAFA:0000"), not a word ("ada 04 A2 …")
        count = _hex_count(run, sep)
        return not (count in _HEX_LENGTHS and count - len(_unprefixed(first)) not in _HEX_LENGTHS
                    and all(c in _HEX_CHARS for c in _unprefixed(first)) and len(_unprefixed(first)) % 2 == 0)
    return len(first) == 1 and (len(_unprefixed(rest.partition(sep)[0])) > 1 or sep not in rest)


def _hex_count(run: str, sep: str | None) -> int:
    """Hex-looking characters of a run, without separators and 0x prefixes."""
    chars = run.replace(sep, "") if sep is not None else run.translate(_DROP_SEPARATORS)
    return len(chars) - 2 * (chars.count("x") + chars.count("X"))


def _unprefixed(group: str) -> str:
    return group[2:] if group[1:2] in ("x", "X") else group


def _token(text: str, low: str, m: re.Match[str], glued: bool, lengths: Container[int]) -> _Token | None:
    """The token of one run, or None when it cannot be (part of) a UID or is part of a longer code."""
    start, end, run = m.start("run"), m.end(), m.group("run")
    sep = m.groupdict().get("sep")
    if sep is not None and _is_word(_unprefixed(run.rpartition(sep)[2])) and _hex_count(run, sep) not in _HEX_LENGTHS:
        # "… 80 7E ada" (but "0000:DAEA" is a UID)
        groups = run.split(sep)
        while len(groups) > 1 and _is_word(_unprefixed(groups[-1])):
            groups.pop()
        run = sep.join(groups)
        end = start + len(run)
    glue_end, status = end, _status_word(run, sep)
    if status:  # "04 71 2E 9C 5B 3D 80 90 00": a reader's answer, the UID then its status word
        run = run[:-status]
        end = start + len(run)
    chars = run.replace(sep, "") if sep is not None else run.translate(_DROP_SEPARATORS)
    prefixed = "x" in chars or "X" in chars  # an x is never a hex-looking character: only "0x" holds one
    if prefixed:
        chars = chars.replace("0x", "").replace("0X", "")
    if len(chars) not in lengths or _glued(text, low, -1 if glued else start, glue_end):
        return None
    paired = all(len(_unprefixed(group)) == 2 for group in run.split(sep)) if sep is not None else len(chars) == 2
    return _Token(start, end, chars, prefixed or ":" in run, glued, paired)


#: ISO/IEC 7816-4's status word for success, which a reader prints after its answer to "get UID".
_STATUS_OK = "9000"


def _unprefixed_chars(chars: str) -> str:
    return chars.replace("0x", "").replace("0X", "") if "x" in chars or "X" in chars else chars


def _status_word(run: str, sep: str | None) -> int:
    """How many characters at the end of a run are the reader's status word "90 00" after a UID (0
    when there is none, or when the run is a UID's length with it: "…9000" may end a UID)."""
    chars = _unprefixed_chars(run.replace(sep, "") if sep is not None else run)
    if len(chars) in _HEX_LENGTHS or len(chars) - len(_STATUS_OK) not in _HEX_LENGTHS or not chars.endswith(_STATUS_OK):
        return 0
    if sep is None:
        return len(_STATUS_OK) if "x" not in run and "X" not in run else 0
    last = run.split(sep)[-2:]
    return len(sep.join(last)) + len(sep) if [_unprefixed(group) for group in last] == ["90", "00"] else 0


def _is_word(group: str) -> bool:
    """A group of a spaced run that is a word of the sentence, not part of a UID: no digit, and
    longer than a byte or holding a letter that is no hex digit ("ada", "ID", "so")."""
    if group.translate(_DROP_DIGITS) != group:
        return False
    return len(group) > 2 or group.translate(_DROP_LOOKALIKES) != group


def _glued(text: str, low: str, start: int, end: int) -> bool:
    """True when the run is part of a longer code: glued to a word by # / _ @ … or by - and .
    (``start`` -1: the run's front is a chip word glued to it, which is allowed).  A number sign
    or dot after a cue or number word ("seri #04A2…", "no.04A2…") and a slash or ampersand
    between two UIDs of a list ("04A2…/04B3…") are no glue."""
    before = text[start - 1] if start > 0 else " "
    after = text[end] if end < len(text) else " "
    if after in _GLUE_ALWAYS and not (after in _LIST_MARKS and _in_list(text, start, end, _LIST_NEIGHBOUR_AFTER.match(text, end + 1))):
        return True
    if before in _GLUE_ALWAYS or (before in _GLUE_BETWEEN_WORDS and start >= 2 and text[start - 2].isalnum()):
        if before in _LIST_MARKS:
            return not _in_list(text, start, end, _LIST_NEIGHBOUR_BEFORE.search(text, max(0, start - 1 - _LONGEST_TOKEN), start - 1))
        return before not in _NUMBER_SIGNS or _NUMBER_LABEL_BEFORE.search(low, max(0, start - 24), start - 1) is None
    return after in _GLUE_BETWEEN_WORDS and end + 1 < len(text) and text[end + 1].isalnum()


def _in_list(text: str, start: int, end: int, neighbour: re.Match[str] | None) -> bool:
    """True when a run of 4 to 8 bytes stands on the other side of a list mark and it or the run
    reads as a UID: marked (0x or :) or holding a hex letter ("INV/20231206/…" is one code)."""
    return neighbour is not None and (_uid_like(neighbour.group()) or _uid_like(text[max(start, 0):end]))


def _uid_like(run: str) -> bool:
    return ":" in run or "x" in run or "X" in run or any(c in "abcdefABCDEF" for c in run)


def _joined_across_lines(text: str, tokens: list[_Token]) -> list[_Token]:
    joined: list[_Token] = []
    for token in tokens:
        last = joined[-1] if joined else None
        if (last is not None and (len(token.chars) not in _HEX_LENGTHS or len(last.chars) not in _HEX_LENGTHS)
                and len(last.chars) + len(token.chars) in _HEX_LENGTHS
                and _LINE_BREAK.fullmatch(text, last.end, token.start)):
            joined[-1] = _Token(last.start, token.end, last.chars + token.chars,
                                last.marked or token.marked, last.glued_cue, last.paired and token.paired)
        else:
            joined.append(token)
    return joined


def read_token(chars: str, marked: bool) -> ChipReading | None:
    """The UID a cued token of hex-looking characters stands for, or None when it is no UID."""
    if len(chars) not in _HEX_LENGTHS:
        return None
    digits = len(chars) - len(chars.translate(_DROP_DIGITS))
    corrected = len(chars) - len(chars.translate(_DROP_LOOKALIKES))  # a token holds only hex and lookalikes
    uid = chars.translate(_LOOKALIKE_TABLE).upper()
    if corrected and (digits < 2 or 4 * corrected > len(chars)):
        return None  # a word, not a misread number
    if digits == 0 or (uid.isdigit() and not marked):
        return None  # letters only: a word; digits only without a reader's mark: a serial number
    return ChipReading(uid, corrected)


def _cue_spans(low: str) -> list[tuple[int, int, bool]]:
    """(start, end, specific) of the cues in lower-cased text."""
    return [(m.start(), m.end(), _SPECIFIC.fullmatch(m.group("cue")) is not None) for m in _CUE.finditer(low)]


def has_uid_cue(low: str) -> bool:
    """Whether ``UID_CONTEXT_LOW`` finds a cue in lower-cased text: at its start, or right after a
    character that is no letter or digit (its look-behind), which one scan finds at a third of the
    cost of trying the cue at every letter c, i, k, n, t, s or u (a test holds both equal)."""
    return UID_CONTEXT_LOW.match(low) is not None or _UID_CONTEXT_AFTER.search(low) is not None


def about_chips(low: str) -> bool:
    """True when (lower-cased) text is about ID cards or tags: a generic serial word ("SN",
    "seri") then names a chip UID, in this text or in the listing's other fields."""
    return _TOPIC.search(low) is not None


def _cue_ends(low: str, found: list[tuple[int, int, bool]], tokens: list[_Token], topical: bool) -> list[int]:
    """Ends of the cues that may name a chip UID here: a generic serial word in a listing about
    something else only when a token is written the reader's way."""
    if topical or all(specific for _, _, specific in found) or any(t.marked for t in tokens) or about_chips(low):
        return [end for _, end, _ in found]
    return [end for _, end, specific in found if specific]


def names_chip_number(low: str) -> bool:
    """True when (lower-cased) text labels a chip number ("UID", "nomor chip", "chip ID"), not just
    a chip ("chip aktif"): the UIDs may then stand in the listing's other fields."""
    return any(map(low.__contains__, _NUMBER_CUE_HINTS)) and _NUMBER_CUE.search(low) is not None


def _blocked(low: str, anchor: int, start: int, claims: list[int]) -> bool:
    """True when a label for something else (SKU, MAC, warna …, or a serial word that names another
    device, ``claims``) stands after the cue, on the token's line or, when the token starts its
    line, on the line above (a label on a line of its own: "MAC address:" then the number),
    within ``_BLOCK_REACH`` characters before it."""
    line_start = low.rfind("\n", 0, start) + 1
    above = line_start > 0 and not low[line_start:start].strip()
    if above:
        line_start = low.rfind("\n", 0, line_start - 1) + 1
    begin = max(anchor, start - _BLOCK_REACH, line_start)
    if begin >= start:
        return False
    if any(begin <= claim < start for claim in claims):
        return True
    if _BLOCKER.search(low, begin, start) is not None:
        return True
    near = _NEAR_BLOCKER.search(low, begin, start)
    # on the line above, a describing word is a label only on a line of its own, not a table's last
    # column ("UID | ATQA | SAK" above its rows); after a preposition it names where the number is
    # from, not what it is ("contoh dari batch: 04:9C:…")
    return near is not None and not (above and low[line_start:near.start()].strip()) \
        and not low.endswith(_PREPOSITIONS, max(0, near.start() - 6), near.start())


def _serial_of_another_device(low: str, start: int, end: int) -> bool:
    """True when a generic serial word labels the serial number of a device, not of a chip: "SN
    printer", "serial number laptop", "printer no seri", or on a line whose subject is a device
    ("Printer kartu PVC, serial number …": the number after it is that device's).
    "serial" alone next to a device names an interface ("serial monitor", "printer serial"), no
    number."""
    sn = low.startswith(("sn", "s/n", "s.n"), start)
    after = _DEVICE_AFTER.match(low, end)
    if after is not None and (sn or after.group("number")):
        return True
    before = _DEVICE_BEFORE.search(low, max(0, start - _DEVICE_REACH), start)
    if before is not None and (sn or before.group("number") is not None):
        return True
    line_start = low.rfind("\n", 0, start) + 1
    return start - line_start <= _SUBJECT_REACH and _DEVICE_SUBJECT.match(low, line_start) is not None


def _split_claims(low: str, found: list[tuple[int, int, bool]]) -> tuple[list[tuple[int, int, bool]], list[int]]:
    """(cues, starts of generic serial words that name another device's serial): those are labels
    for another number, not cues."""
    claims = [start for start, end, specific in found if not specific and _serial_of_another_device(low, start, end)]
    if not claims:
        return found, claims
    return [cue for cue in found if cue[0] not in claims], claims


def _chip_word_before(low: str, found: list[tuple[int, int, bool]], start: int, *, uid_only: bool) -> bool:
    """True when a chip word (UID, chip, CSN: not a generic serial word; with ``uid_only`` a word
    for the UID itself, not "chip") ends just before ``start``, with no number and at most one line
    break between ("UID 04 12 35 67", "UID bawaan 01 02 03 04", "UID:\n04 12 …", "UID 04123456")."""
    cues = [(begin, end, specific) for begin, end, specific in found if end <= start]
    if not cues:
        return False
    begin, end, specific = cues[-1]
    gap = low[end:start]
    if not specific or len(gap) > _PAIRED_REACH or gap.count("\n") > 1 or any(c.isdigit() for c in gap):
        return False
    if _DECIMAL_NOTATION.search(gap):
        return False  # "Tag ID (dec): 1286680974810752": the UID as a decimal number, no hex
    return not uid_only or _UID_WORD.search(low, begin, end) is not None


def _said_converted(low: str, previous_end: int, start: int) -> bool:
    """True when the words right before a token on its line (after the token before it) say it
    is the UID reversed or in decimal: "Tag ID (reversed hex): …", "UID (dec): …"."""
    begin = max(previous_end, start - _CONVERTED_REACH, low.rfind("\n", 0, start) + 1)
    return begin < start and _CONVERTED_LABEL.search(low, begin, start) is not None


def printed_by_a_reader(chars: str, marked: bool) -> bool:
    """True when a token is a UID as reader software prints it, which needs no cue in a listing
    about chips or cards ("ID: 04:3A:9F:21:B6:5C:80", "NFC Tools: 04:3A:…"): 7 or 8 bytes written
    the reader's way (``:`` separators or ``0x``) holding a hex letter.  (A hex word without a
    reader's mark needs its cue: "Stok ready. 04A23B1C5D807E" may be any code.)"""
    return marked and len(chars) in _READER_LENGTHS and not chars.isdigit()


#: One byte as a reader prints it, lookalike letters allowed ("04", "0x3A", "2l").
_READER_BYTE = re.compile(rf"(?:0[xX])?[0-9A-Fa-f{''.join(LOOKALIKE_DIGITS)}]{{2}}")
_READER_GROUPS = re.compile(r"[ \t]*[:\-][ \t]*|[ \t]+")
_MORE_BYTES_BEFORE = re.compile(r"[0-9A-Fa-f]{2}[ \t]*[:\-][ \t]*$")


def _printed_alone(text: str, token: _Token) -> bool:
    """True when a token written the reader's way is one UID as a reader prints it: one byte
    between separators and no more bytes joined on either side.  An IPv6 address groups two bytes
    ("2001:0db8:…", "fe80::1a2b:…") and a key fingerprint runs on past a UID's length ("43:51:43:
    a1:… 16 bytes"): neither is a chip's UID without a cue."""
    groups = _READER_GROUPS.split(text[token.start : token.end])
    if len(groups) > 1 and not all(map(_READER_BYTE.fullmatch, groups)):
        return False
    if _MORE_BYTES.match(text, token.end) is not None and text[token.end : token.end + 1] in ":-":
        return False
    return _MORE_BYTES_BEFORE.search(text, max(0, token.start - 8), token.start) is None


def _cue_after(low: str, end: int, next_start: int) -> str | None:
    """The text after a token in which a chip word names it, or None: a chip word close after it on
    its line ("04A2… (UID chip)") or, when the token ends its line, a word for a chip's number on the
    next line before any other token ("04A2…\n04B3…\n^ UID chip"; a cue with a number after it on
    that line heads that number instead)."""
    line_end = low.find("\n", end)
    if line_end != -1 and line_end < next_start and not low[end:line_end].strip():
        next_end = low.find("\n", line_end + 1)
        next_end = len(low) if next_end == -1 else next_end
        line = low[line_end + 1 : min(line_end + 1 + _CUE_AFTER_REACH, next_end)]
        return line if next_start >= next_end and names_chip_number(line) and not _denied(line) else None
    line = low[end : min(end + _CUE_AFTER_REACH, next_start)].split("\n", 1)[0]
    cue = next((m for m in _CUE.finditer(line) if _SPECIFIC.fullmatch(m.group("cue"))), None)
    return line if cue is not None and not _denied(line[: cue.end() + _DENIAL_AFTER_REACH], cue.start()) else None


#: A chip word denied ("bukan UID", "tanpa UID", "UID tidak ada"): the number before it is not one.
_DENIAL = re.compile(r"(?<![a-z])(?:bukan|bkn|tanpa|tidak ada|tdk ada|gak ada|ga ada|not|non)(?![a-z])")
_DENIED_AFTER = re.compile(r"(?:uid|chip)\S*\s+(?:tidak|tdk|gak|ga|belum) (?:ada|tersedia|tercantum|diketahui)")
_DENIAL_AFTER_REACH = 20


def _denied(text: str, cue_start: int | None = None) -> bool:
    """True when a denial comes before the chip word (up to ``cue_start``) or says it is not there."""
    before = _DENIAL.search(text, 0, cue_start if cue_start is not None else len(text))
    return before is not None or _DENIED_AFTER.search(text) is not None


#: What may stand between two UIDs of one list: separators, line breaks, bullets, row numbers, and an
#: item's numbered label ("kartu 2 = ", "tag 3: ").
_LIST_GAP = re.compile(r"(?:[\s,;|/&\u2022\u00b7*>\-]|\d{1,3}[.)]|\(?\d{1,3}\)|[A-Za-z]{2,12}[ .]?\d{1,3}[ \t]*[:=]?(?=\s))*")


def _list_before(text: str, low: str, unread: list[_Token], token: _Token, claims: list[int]) -> list[tuple[_Token, ChipReading]]:
    """The unread tokens that open the list a closing cue (a word for a chip's number: "UID", "nomor
    chip") names (``token`` is its last item): each
    of the same length as the next, joined to it by list separators only, not claimed by a label."""
    items: list[tuple[_Token, ChipReading]] = []
    after = token
    for item in reversed(unread):
        if len(item.chars) != len(after.chars) or not _in_one_list(text, item, after):
            break
        reading = read_token(item.chars, item.marked)
        if reading is None or _blocked(low, -1, item.start, claims):
            break
        items.append((item, reading))
        after = item
    return items[::-1]


def find_chip_readings(
    text: str, low: str, *, cued: bool = False, topical: bool = False
) -> Iterator[tuple[int, int, ChipReading]]:
    """(start, end, reading) of every chip UID in ``text`` (``low`` is its lower-cased form, same
    positions); ``cued`` when another field of the listing names a chip number, ``topical`` when
    it is about chips or ID cards."""
    if "/" in text or "|" in text or ";" in text:  # one character for one: positions are kept
        text, low = MARKED_BYTES.sub(_marks_as_spaces, text), MARKED_BYTES.sub(_marks_as_spaces, low)
    # a token before the first cue counts only when a cue follows it closely ("04A2… (UID)"), closes its
    # list, or it is printed the reader's way (``printed_by_a_reader``)
    tokens = [token for token in _tokens(text, low) if len(token.chars) in _HEX_LENGTHS]
    if not tokens:
        return  # before the cues are read: most texts the gates let through hold no token of a UID's length
    found, claims = _split_claims(low, _cue_spans(low))
    cues = _cue_ends(low, found, tokens, topical)
    if len(cues) < len(found):  # a serial word off the topic names another thing's serial: a label
        claims = sorted(claims + [start for start, _, specific in found if not specific])
    about = topical or about_chips(low)
    last_taken, last = (0 if cued else -1), None
    unread: list[_Token] = []  # tokens since the last UID taken, which a cue closing their list may name
    for index, token in enumerate(tokens):
        i = bisect_right(cues, token.start) - 1
        cue = cues[i] if i >= 0 else -1
        anchor = max(cue, last_taken)
        reach = token.start - anchor <= WINDOW or (cued and anchor == 0)
        near = token.glued_cue or (anchor >= 0 and reach and not _blocked(low, anchor, token.start, claims))
        closing = False
        if not near:
            next_start = tokens[index + 1].start if index + 1 < len(tokens) else len(text)
            after = _cue_after(low, token.end, next_start)
            near = after is not None and not _blocked(low, -1, token.start, claims)
            closing = near and names_chip_number(after or "")  # a word for the number closes a list
            near = near or (
                about and printed_by_a_reader(token.chars, token.marked) and _printed_alone(text, token)
                and not _blocked(low, -1, token.start, claims))
        listed = last is not None and not last.marked and last.chars.isdigit() and len(last.chars) == len(token.chars) \
            and _in_one_list(text, last, token)
        reading = _reading(text, low, found, token, tokens[index - 1].end if index else 0, listed) if near else None
        if reading is None:
            unread.append(token)
            continue
        for item, item_reading in _list_before(text, low, unread, token, claims) if closing else ():
            yield item.start, item.end, item_reading
        unread, last_taken, last = [], token.end, token
        yield token.start, token.end, reading


def _marks_as_spaces(run: re.Match[str]) -> str:
    return run.group(0).replace(run.group("mark"), " ")


def _in_one_list(text: str, first: _Token, second: _Token) -> bool:
    """True when two tokens are neighbouring items of one list: list separators only between them."""
    return _LIST_GAP.fullmatch(text, first.end, second.start) is not None


def _reading(text: str, low: str, found: list[tuple[int, int, bool]], token: _Token, previous_end: int,
             listed: bool = False) -> ChipReading | None:
    """The UID a named token stands for, or None.  Digits right after a chip word are a UID too when
    written byte by byte ("chip 04 12 35 67 …"), or right after a word for the UID itself ("UID
    04123456"): not after "chip" ("chip 20230615"), and so is the next item of their list (``listed``:
    the UID before is digits of its length read so, and only list separators are between: "UID:
    12345678, 23456789"; a decimal run after a UID printed the reader's way stays unmarked);
    words that say the token is the UID reversed or in decimal make it no value ("ID (reversed): 80:5C:…")."""
    one_word = token.end - token.start == len(token.chars)
    marked = token.marked or (token.chars.isdigit() and (token.paired or one_word) and (listed or _chip_word_before(
        low, found, token.start, uid_only=not token.paired)))
    reading = read_token(token.chars, marked)
    if reading is not None and _said_converted(low, previous_end, token.start):
        return None
    return reading
