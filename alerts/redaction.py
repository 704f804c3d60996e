"""One redaction for every output: NIKs masked, credentials in URLs hidden.

A NIK (the 16-digit national identity number) is personal data of a victim of
identity theft as often as of a seller; ktpwatch keeps it, because it links
listings to each other, but prints only ``3174********0003`` unless an analyst
asks with ``--reveal`` (which is audited). Every printed form goes through
:func:`redact_text`: ``alerts list`` (table, JSON, CSV), ``alerts show``,
``report``, notices (text and ``.eml``), webhook payloads and log lines, so no
output can forget it.

Sellers write NIKs the way they write everything else, to slip past filters:
``3174 0101 0190 0003``, ``3174.0101.0190.0003``, ``3174-0101-…``, with
zero-width characters between the digits, or in full-width digits
(``３１７４…``). The text is read after NFKC and with invisible characters
removed (the matcher's view of it), every run of 16 digits joined by such
separators is checked with the matcher's own structural rule
(:func:`matchers.identifiers.valid_nik`), and the middle eight digits of each
one that passes are replaced by ``*`` in the text as written: everything that
is not a NIK is printed exactly as it was.

A number that is not a structurally possible NIK (a price list, a phone
number) is left alone: masking every 16-digit number would hide evidence.
"""

from __future__ import annotations

import re
import unicodedata
from bisect import bisect_left, bisect_right
from typing import Any

from config.secrets import redact_urls
from matchers.identifier_text import read_digit_form, separates_digits
from matchers.normalise import INVISIBLE

NIK_LENGTH = 16
#: digits kept at each end of a masked NIK (``3174********0003``)
KEPT = 4
MASK = "*"
#: separators a NIK may be written with between two digits (after NFKC): spaces,
#: dots, hyphens, dashes and underscores, up to three in a row (``3174 - 0101``).
#: Not ``/``: it joins a URL's path segments, and Shopee's
#: ``/product/<shop id>/<item id>`` would read as one NIK and be masked in the very
#: notice that asks the platform to remove that listing.
_SEPARATOR = r"[\s.\-\u2010-\u2015\u2212_]"
_DIGIT_CHAIN = re.compile(rf"\d(?:{_SEPARATOR}{{0,3}}\d)*")
#: every byte that is not an ASCII digit, for counting digits with one ``bytes.translate``
_NON_DIGIT_BYTES = bytes(c for c in range(256) if not 0x30 <= c <= 0x39)


def mask_nik(value: str) -> str:
    """``3174********0003``: the first and last four digits of a NIK, never the rest."""
    if len(value) <= 2 * KEPT:
        return MASK * len(value)
    return value[:KEPT] + MASK * (len(value) - 2 * KEPT) + value[-KEPT:]


def _is_invisible(ch: str) -> bool:
    return INVISIBLE.fullmatch(ch) is not None or unicodedata.category(ch) == "Cf"


def _may_hold_nik(text: str) -> bool:
    """A cheap necessary test: 16 digits somewhere in the text (after NFKC)."""
    if len(text) < NIK_LENGTH:
        return False
    if text.isascii():
        return len(text.encode("ascii").translate(None, _NON_DIGIT_BYTES)) >= NIK_LENGTH
    return sum(ch.isdigit() for ch in unicodedata.normalize("NFKC", text)) >= NIK_LENGTH


def _readable(text: str) -> tuple[str, list[int]]:
    """The text as the matcher reads it (every digit form the plain digit, "❸" and "⑶" too, then
    NFKC per character, invisible characters dropped, symbols between digits a space) and, for each
    of its characters, the index of the character of ``text`` it came from."""
    chars: list[str] = []
    origin: list[int] = []
    for index, ch in enumerate(text):
        if _is_invisible(ch):
            continue
        for out in unicodedata.normalize("NFKC", read_digit_form(ch)) if not ch.isascii() else ch:
            chars.append(" " if separates_digits(out) else out)
            origin.append(index)
    return "".join(chars), origin


def _masked_positions(readable: str, known: frozenset[str] | None = None) -> set[int]:
    """Positions (in ``readable``) of the digits to hide: the middle of every valid NIK.

    With ``known`` (a listing's own address, see :func:`redact_niks_in_address`), a
    window is hidden when it is one of those NIKs, or a valid NIK written as whole
    digit groups; not any sixteen structurally valid digits inside a longer run.

    The matcher's identifier module (with its bank, wallet and contact lexicons)
    is imported at the first run of 16 digits, not with this module: most text
    printed has none, and loading it slowed every command that prints.
    """
    hidden: set[int] = set()
    for chain in _DIGIT_CHAIN.finditer(readable):
        places = [chain.start() + i for i, ch in enumerate(chain.group(0)) if ch.isdigit()]
        if len(places) < NIK_LENGTH:
            continue
        from matchers.identifiers import valid_nik

        digits = "".join(readable[p] for p in places)
        whole = _whole_group_windows(places) if known is not None else None
        for start in range(len(places) - NIK_LENGTH + 1):
            window = digits[start : start + NIK_LENGTH]
            if known is not None and window not in known and start not in (whole or ()):
                continue
            if valid_nik(window):
                hidden.update(places[start + KEPT : start + NIK_LENGTH - KEPT])
    return hidden


def _whole_group_windows(places: list[int]) -> set[int]:
    """Starts of the 16-digit windows that begin and end at a digit group's edge."""
    starts = [0] + [i for i in range(1, len(places)) if places[i] != places[i - 1] + 1]
    ends = {*starts[1:], len(places)}
    return {s for s in starts if s + NIK_LENGTH in ends}


def redact_niks_in_address(url: str, known_niks: frozenset[str]) -> str:
    """A listing's own address, for the takedown notice sent to the platform hosting it.

    The address must stay usable: it is how the platform finds the listing. A
    Tokopedia slug carries the title's digits followed by the product id
    (``…-wa-62-853-9664-1403-1000647334``), and sixteen digits from the middle of
    that run pass the NIK structure by chance often enough that the generic rule
    masked listings out of their own notices. So here only the NIKs the matcher read
    in the listing (``known_niks``), or a valid NIK written as whole digit groups, are
    masked; a NIK the seller put in the title is still hidden in the slug.
    """
    if not url or not _may_hold_nik(url):
        return url
    readable, origin = _readable(url)
    hidden = _masked_positions(readable, known_niks)
    return _apply_mask(url, readable, origin, hidden)


def redact_niks(text: str) -> str:
    """``text`` with the middle eight digits of every structurally valid NIK masked.

    Example: ``redact_niks("NIK 3174 0101 0190 0003")`` gives ``"NIK 3174 **** **** 0003"``.
    """
    if not text or not _may_hold_nik(text):
        return text
    if text.isascii():  # read as written: positions need no map
        hidden = _masked_positions(text)
        if not hidden:
            return text
        return "".join(MASK if i in hidden else ch for i, ch in enumerate(text))
    readable, origin = _readable(text)
    return _apply_mask(text, readable, origin, _masked_positions(readable))


def _apply_mask(text: str, readable: str, origin: list[int], hidden: set[int]) -> str:
    """``text`` as written, each character holding a ``hidden`` digit of its reading masked."""
    if not hidden:
        return text
    masked_from = {origin[position] for position in hidden}
    out: list[str] = []
    for index, ch in enumerate(text):
        if index not in masked_from:
            out.append(ch)
            continue
        # the (NFKC) form of this character, its hidden digits replaced
        first, end = bisect_left(origin, index), bisect_right(origin, index)
        out.append("".join(MASK if k in hidden else readable[k] for k in range(first, end)))
    return "".join(out)


def redact_text(text: str, *, reveal: bool = False) -> str:
    """What any output may print of ``text``: NIKs masked (unless ``reveal``, which the
    caller audits) and credentials in URLs hidden (always)."""
    text = redact_urls(text)
    return text if reveal else redact_niks(text)


def redact_value(value: Any, *, reveal: bool = False) -> Any:
    """:func:`redact_text` applied to every string inside ``value`` (dicts, lists, tuples):
    for JSON documents, webhook payloads and table rows."""
    if isinstance(value, str):
        return redact_text(value, reveal=reveal)
    if isinstance(value, dict):
        return {k: redact_value(v, reveal=reveal) for k, v in value.items()}
    if isinstance(value, (list, tuple)):
        return type(value)(redact_value(v, reveal=reveal) for v in value)
    return value
