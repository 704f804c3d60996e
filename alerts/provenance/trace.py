"""Trace a chip UID to its ledger entry, and say what the entry's status means for a blank seen for sale."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from sqlalchemy.orm import Session

from alerts.provenance.ledger_plan import describe_bounds
from alerts.provenance.ledger_rows import LedgerStatus
from alerts.provenance.matching import ChipMatch, MatchKind, match_chip
from alerts.provenance.regions import RegionTable, region_table
from config.settings import LedgerConfig
from storage.ledger import LedgerRecord, entry_holding

_MEANING = {
    LedgerStatus.IN_STOCK: "recorded in stock{when}: it should never have left the warehouse",
    LedgerStatus.DISPATCHED: "recorded dispatched{when}: it left through the consignee office",
    LedgerStatus.PRINTED: "recorded printed{when}: it should be a citizen's card, not a blank",
    LedgerStatus.DAMAGED: "recorded damaged{when}: it should have been returned or destroyed",
    LedgerStatus.DESTROYED: "recorded destroyed{when}: this card should not exist",
    LedgerStatus.REPORTED_LOST: "recorded lost{when}: a reported loss, now for sale",
}
NOT_IN_LEDGER = "not in the ledger (a counterfeit or a ledger gap)"


def status_meaning(status: str, status_date: date | None) -> str:
    """What a ledger status says about a blank found for sale, in one line."""
    when = f" on {status_date.isoformat()}" if status_date else ""
    return _MEANING[LedgerStatus(status)].format(when=when)


def trace_chip(session: Session, raw: str, config: LedgerConfig, *, corrected: int = 0) -> ChipMatch[LedgerRecord]:
    """:func:`match_chip` against the ledger in the database (``corrected``: see there)."""
    return match_chip(
        raw, lambda nbytes, value: entry_holding(session, nbytes, value),
        max_substitutions=config.ocr_max_substitutions,
        confidence_per_substitution=config.ocr_confidence_per_substitution, corrected=corrected,
    )


@dataclass(frozen=True)
class OfficeName:
    code: str
    name: str
    province: str


def office(code: str, regions: RegionTable | None = None) -> OfficeName | None:
    """The consignee office's region name and province, for display."""
    table = regions or region_table()
    region = table.get(code) if code else None
    if region is None:
        return None
    parents = table.parents(region)
    return OfficeName(region.code, region.name, parents[0].name if parents else region.name)


def describe_match(match: ChipMatch[LedgerRecord]) -> str:
    """One line: how the chip was matched (or why not)."""
    if match.kind is MatchKind.EXACT:
        return "exact match"
    if match.kind is MatchKind.FUZZY:
        return (f"fuzzy match: read {match.read!r} as {match.matched_uid} ({match.substitutions} OCR "
                f"confusion{'s' if match.substitutions != 1 else ''}, confidence {match.confidence:.2f})")
    if match.kind is MatchKind.AMBIGUOUS:
        ranges = ", ".join(describe_bounds(e.uid_bytes, e.start, e.end) for e in match.candidates)
        return f"no match claimed: OCR readings reach {len(match.candidates)} ledger entries ({ranges})"
    if match.kind is MatchKind.UNREADABLE:
        return "not a chip UID (4, 7 or 8 bytes of hex, allowing OCR confusions)"
    return NOT_IN_LEDGER
