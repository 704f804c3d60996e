"""The demo's check of chip traces against the sandbox's ground truth (pure).

The sandbox says, for each planted chip, the office it should trace to (or that
it is not in the ledger) and the listings that offer it. ktpwatch's stored
traces must agree: every chip that is in the ledger and that ktpwatch actually
read — in a listing's text, or off its photo — is traced to that office, and
no trace names an office the truth does not (an absent chip traced at all is
wrong too). Chips ktpwatch never read (a detail page not fetched, a photo OCR
could not read) are counted apart: they are what the crawl missed, not a
mistake of the trace.
"""

from __future__ import annotations

import re
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from typing import Protocol

from storage.chip_traces import TRACED, StoredTrace

Key = tuple[str, str]  # (marketplace, external id)
_NOT_HEX = re.compile(r"[^0-9A-Z]")


class TruthChip(Protocol):
    """What the check reads of a planted chip (``sandbox.ledger_world.PlantedChip``)."""

    @property
    def uid(self) -> str: ...
    @property
    def shown(self) -> str: ...
    @property
    def listings(self) -> tuple[tuple[str, str], ...]: ...
    @property
    def office(self) -> str | None: ...
    @property
    def status(self) -> str | None: ...


@dataclass(frozen=True)
class TraceCheck:
    #: (chip, listing) pairs in the ledger that ktpwatch read or traced
    expected: int
    #: of those, traced to the right office
    traced: int
    #: of those traced, through OCR confusions
    fuzzy: int
    #: traces that name an office the truth does not (each described)
    wrong: tuple[str, ...]
    #: pairs read but not traced (each described)
    missed: tuple[str, ...]
    #: pairs in recorded listings whose chip ktpwatch did not read (detail page, photo OCR)
    unread: int
    #: chips that are not in the ledger, read and (rightly) left untraced
    absent_read: int

    @property
    def ok(self) -> bool:
        return not self.wrong and not self.missed


def compact(text: str) -> str:
    """Upper-case letters and digits only: a chip number is found whatever separators it was written with."""
    return _NOT_HEX.sub("", text.upper())


def _holds(trace: StoredTrace, chip: TruthChip) -> bool:
    if trace.trace not in TRACED or trace.start is None or trace.end is None:
        return False
    return trace.uid_bytes == len(chip.uid) // 2 and trace.start <= int(chip.uid, 16) <= trace.end


def _wrong(traces: Mapping[Key, list[StoredTrace]], offered: Mapping[Key, list[TruthChip]]) -> list[str]:
    wrong = []
    for key, found in traces.items():
        for trace in found:
            if trace.trace not in TRACED:
                continue
            right = [c for c in offered.get(key, []) if c.office == trace.consignee_code and _holds(trace, c)]
            if not right:
                wrong.append(f"{key[0]} {key[1]}: {trace.uid} traced to office {trace.consignee_code!r}")
    return wrong


def check_traces(chips: Sequence[TruthChip], stored: Sequence[StoredTrace], texts: Mapping[Key, str]) -> TraceCheck:
    """Compare stored traces with the truth; ``texts``: each recorded listing's text and photo text, compacted."""
    traces: dict[Key, list[StoredTrace]] = {}
    for trace in stored:
        traces.setdefault((trace.marketplace, trace.external_id), []).append(trace)
    offered: dict[Key, list[TruthChip]] = {}
    for chip in chips:
        for key in chip.listings:
            offered.setdefault(key, []).append(chip)
    expected = traced = fuzzy = unread = absent_read = 0
    missed = []
    for chip in chips:
        for key in chip.listings:
            if key not in texts:
                continue  # the crawl did not record this listing
            read = chip.uid in texts[key] or chip.shown in texts[key]
            if chip.office is None:
                absent_read += read
                continue
            hits = [t for t in traces.get(key, []) if t.consignee_code == chip.office and _holds(t, chip)]
            if not read and not hits:
                unread += 1
                continue
            expected += 1
            if hits:
                traced += 1
                fuzzy += any(t.trace == "fuzzy" for t in hits)
            else:
                missed.append(f"{key[0]} {key[1]}: {chip.shown} not traced to office {chip.office!r}")
    return TraceCheck(expected, traced, fuzzy, tuple(_wrong(traces, offered)), tuple(missed), unread, absent_read)
