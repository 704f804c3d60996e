"""Match a chip UID read from a listing against the ledger: exactly, else through OCR confusions.

A UID read from a photo may carry the confusions OCR makes (0/O/D, 1/I/L, 8/B,
5/S). :func:`uid_readings` lists what the chip may really say, each with how
many characters were changed; :func:`match_chip` looks each up and says:

* ``exact`` — the UID as read is in the ledger (a chip, or inside a range);
* ``fuzzy`` — not as read, but readings within ``max_substitutions`` reach
  exactly one ledger entry: that entry, with confidence
  ``confidence_per_substitution ** substitutions`` of the closest reading;
* ``ambiguous`` — readings reach more than one entry: no match is claimed;
* ``absent`` — nothing within reach: not in the ledger (a counterfeit or a ledger gap).

Pure: the lookup (UID bytes, UID as integer → entry or None) is passed in; the
database one is :func:`storage.ledger.entry_holding`.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from enum import StrEnum
from itertools import combinations, product
from typing import Generic, Protocol, TypeVar

from matchers import chip_uid

#: Characters OCR confuses with one another; only hex digits can be what the chip says.
CONFUSION_GROUPS = ("0OD", "1IL", "8B", "5S")
_HEX = frozenset("0123456789ABCDEF")
_GROUP_OF = {ch: group for group in CONFUSION_GROUPS for ch in group}
_SEPARATORS = str.maketrans("", "", ":- \t")


class HasId(Protocol):
    @property
    def id(self) -> int: ...


E = TypeVar("E", bound=HasId)


class MatchKind(StrEnum):
    EXACT = "exact"
    FUZZY = "fuzzy"
    AMBIGUOUS = "ambiguous"
    ABSENT = "absent"
    UNREADABLE = "unreadable"


@dataclass(frozen=True)
class Reading:
    uid: str  # canonical hex
    substitutions: int


@dataclass(frozen=True)
class ChipMatch(Generic[E]):
    read: str
    kind: MatchKind
    entry: E | None = None
    #: the UID the entry holds that the reading became (``read`` itself when exact)
    matched_uid: str | None = None
    substitutions: int = 0
    confidence: float = 0.0
    #: every entry within reach when ambiguous
    candidates: tuple[E, ...] = ()

    @property
    def traced(self) -> bool:
        return self.kind in (MatchKind.EXACT, MatchKind.FUZZY)


def _ocr_text(raw: str) -> str:
    text = raw.strip().upper().translate(_SEPARATORS)
    return text.replace("0X", "")  # X is never on a chip: every "0x" is a prefix


def _could_be_uid(text: str) -> bool:
    """4, 7 or 8 bytes of hex once OCR confusions are allowed for."""
    return len(text) in (8, 14, 16) and all(ch in _HEX or ch in _GROUP_OF for ch in text)


def uid_readings(raw: str, *, max_substitutions: int) -> list[Reading]:
    """Every hex UID ``raw`` may stand for with at most ``max_substitutions`` OCR confusions,
    fewest first (the exact reading, when ``raw`` is valid hex, is first with 0)."""
    text = _ocr_text(raw)
    if not _could_be_uid(text):
        return []
    choices: list[tuple[str, ...]] = []
    forced: list[int] = []
    optional: list[int] = []
    for position, ch in enumerate(text):
        others = tuple(c for c in _GROUP_OF.get(ch, "") if c in _HEX and c != ch)
        choices.append(others)
        if ch not in _HEX:
            forced.append(position)  # O, I, L, S cannot be on a chip: they must be changed
        elif others:
            optional.append(position)
    spare = max_substitutions - len(forced)
    if spare < 0:
        return []
    readings: dict[str, int] = {}
    for extra in range(spare + 1):
        for picked in combinations(optional, extra):
            positions = (*forced, *picked)
            for letters in product(*(choices[p] for p in positions)):
                chars = list(text)
                for p, letter in zip(positions, letters, strict=True):
                    chars[p] = letter
                uid = "".join(chars)
                readings.setdefault(uid, len(positions))
    return [Reading(uid, n) for uid, n in sorted(readings.items(), key=lambda kv: (kv[1], kv[0]))]


def match_chip(raw: str, lookup: Callable[[int, int], E | None], *, max_substitutions: int,
               confidence_per_substitution: float, corrected: int = 0) -> ChipMatch[E]:
    """The ledger entry a chip UID read from a listing belongs to, if one can be named.

    ``corrected``: characters of ``raw`` the reader already took from a lookalike
    letter (O→0 …, ``matchers.chip_readings``). They count as substitutions, so
    such a reading is never exact: found as it is, it is fuzzy, with their confidence.
    """
    exact = chip_uid(raw)
    if exact is not None and not corrected:
        entry = lookup(len(exact) // 2, int(exact, 16))
        if entry is not None:
            return ChipMatch(raw, MatchKind.EXACT, entry, exact, 0, 1.0)
    if exact is None and not _could_be_uid(_ocr_text(raw)):
        return ChipMatch(raw, MatchKind.UNREADABLE)
    readings = uid_readings(raw, max_substitutions=max_substitutions - corrected)
    reached: dict[int, tuple[E, Reading]] = {}
    for reading in readings:
        if reading.substitutions == 0 and not corrected:
            continue  # the exact reading was looked up above
        entry = lookup(len(reading.uid) // 2, int(reading.uid, 16))
        if entry is not None and entry.id not in reached:
            reached[entry.id] = (entry, reading)
    if not reached:
        return ChipMatch(raw, MatchKind.ABSENT)
    if len(reached) > 1:
        entries = tuple(entry for entry, _ in reached.values())
        return ChipMatch(raw, MatchKind.AMBIGUOUS, candidates=entries)
    entry, reading = next(iter(reached.values()))
    substitutions = reading.substitutions + corrected
    return ChipMatch(raw, MatchKind.FUZZY, entry, reading.uid, substitutions,
                     round(confidence_per_substitution ** substitutions, 4))
