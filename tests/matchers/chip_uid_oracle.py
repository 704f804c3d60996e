"""The chip-UID reader as it was before the rewrite (``git show 0e883ad^:matchers/identifiers.py``),
frozen as a test oracle: the new reader in :mod:`matchers.chip_uids` must find every UID this
one finds, except the decoy classes the differential test names.  Test code only."""

from __future__ import annotations

import re
from collections.abc import Iterator

_HEX_UID = re.compile(
    r"(?<![0-9a-z])(?:0x)?[0-9a-f]{2}(?:(?:[:\- ]|0x|[:\- ]0x)?[0-9a-f]{2}){3,7}(?![0-9a-z])",
    re.IGNORECASE,
)
_UID_CONTEXT = re.compile(r"\b(?:chip|cip|uid|u\.i\.d|seri|serial|sn|s/n|nomor\s+kartu|no\s+kartu|csn)\b",
                          re.IGNORECASE)
_UID_CONTEXT_WINDOW = 40
_UID_LIST_GAP = re.compile(r"[\s,;/&|\-.:()\u2022*]*(?:\d{1,3}[.)])?[\s,;/&|\-.:()\u2022*]*(?:(?:dan|and|atau)\s+)?")
_UID_SEPARATORS = re.compile(r"0x|[:\-\s]", re.IGNORECASE)
_HEX_ONLY = re.compile(r"[0-9A-F]+")
_HEX_MARK = re.compile(r"0x|:", re.IGNORECASE)
_LENGTHS = frozenset({8, 14, 16})


def _uid_bytes(raw: str) -> str | None:
    hexdigits = _UID_SEPARATORS.sub("", raw.strip()).upper()
    if len(hexdigits) not in _LENGTHS or not _HEX_ONLY.fullmatch(hexdigits):
        return None
    if hexdigits.isdigit() and not _HEX_MARK.search(raw):
        return None  # a plain decimal number near "seri" is a serial number
    return hexdigits


def old_chip_uids(text: str, taken: list[tuple[int, int]] = ()) -> Iterator[tuple[int, int, str]]:  # type: ignore[assignment]
    """(start, end, uid) as the old reader gave them for prepared ``text``; ``taken`` are the
    spans other identifiers (phones, NIKs, links) claimed first."""
    list_end = -1
    for m in _HEX_UID.finditer(text):
        if any(m.start() < end and start < m.end() for start, end in taken):
            continue
        in_list = list_end >= 0 and _UID_LIST_GAP.fullmatch(text, list_end, m.start()) is not None
        context = text[max(0, m.start() - _UID_CONTEXT_WINDOW): m.start()]
        if not in_list and not _UID_CONTEXT.search(context):
            continue
        value = _uid_bytes(m.group(0))
        if value is not None:
            list_end = m.end()
            yield m.start(), m.end(), value
