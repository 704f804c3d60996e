"""What ``alerts show`` says about where a listing's blanks came from.

For each chip UID found in the listing (text or photo): the ledger entry it
traces to (batch, office, dispatch date, status and what that status means
for a blank found for sale), or why none is named. For each NIK: the
province, regency and district its first six digits name.

The tracing machinery (ledger plans, OCR confusions, the region table) is
imported by the function that needs it once there is something to trace:
``alerts show`` runs this on every alert, and most have no chip to trace
against an imported ledger and no NIK to decode.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from typing import TYPE_CHECKING, Protocol

from sqlalchemy.orm import Session

from config.settings import LedgerConfig
from storage.ledger import ledger_is_empty

if TYPE_CHECKING:
    from alerts.provenance.regions import RegionTable

NO_LEDGER = "no ledger imported (ktpwatch ledger import FILE)"


@dataclass(frozen=True)
class ChipProvenance:
    uid: str
    source: str
    match: str  # MatchKind value, or "no_ledger"
    detail: str
    confidence: float = 0.0
    entry: str = ""
    batch: str = ""
    contract: str = ""
    office_code: str = ""
    office: str = ""
    province: str = ""
    dispatch_date: str = ""
    status: str = ""
    status_date: str = ""
    meaning: str = ""

    @property
    def traced(self) -> bool:
        from alerts.provenance.matching import MatchKind

        return self.match in (MatchKind.EXACT.value, MatchKind.FUZZY.value)


@dataclass(frozen=True)
class NikProvenance:
    nik: str
    province: str
    regency: str
    district: str


class FoundIdentifier(Protocol):
    """What a stored identifier (``storage.models.Identifier``) offers this module."""

    kind: str
    value: str
    source: str
    #: characters read from a lookalike letter (chip UIDs)
    corrected: int


def _identifiers(identifiers: Iterable[FoundIdentifier], kind: str) -> list[tuple[str, str, int]]:
    """(value, where it was found, corrections) of each distinct identifier of ``kind``.

    The first place is kept; a value read both as written and through lookalike
    letters keeps the fewest corrections.
    """
    seen: dict[str, tuple[str, int]] = {}
    for ident in identifiers:
        if ident.kind == kind:
            source, corrected = seen.setdefault(ident.value, (ident.source, ident.corrected))
            seen[ident.value] = (source, min(corrected, ident.corrected))
    return [(value, source, corrected) for value, (source, corrected) in seen.items()]


def chip_provenance(session: Session, identifiers: Iterable[FoundIdentifier], config: LedgerConfig,
                    regions: RegionTable | None = None) -> list[ChipProvenance]:
    """One line of provenance per distinct chip UID among ``identifiers``."""
    chips = _identifiers(identifiers, "chip_uid")
    if not chips:
        return []
    if ledger_is_empty(session):
        return [ChipProvenance(uid, source, "no_ledger", NO_LEDGER) for uid, source, _ in chips]
    from alerts.provenance.ledger_plan import describe_bounds
    from alerts.provenance.trace import describe_match, office, status_meaning, trace_chip

    found: list[ChipProvenance] = []
    for uid, source, corrected in chips:
        match = trace_chip(session, uid, config, corrected=corrected)
        entry = match.entry
        if entry is None:
            found.append(ChipProvenance(uid, source, match.kind.value, describe_match(match)))
            continue
        place = office(entry.consignee_code, regions)
        found.append(ChipProvenance(
            uid, source, match.kind.value, describe_match(match), match.confidence,
            describe_bounds(entry.uid_bytes, entry.start, entry.end), entry.batch, entry.contract,
            entry.consignee_code, place.name if place else "", place.province if place else "",
            entry.dispatch_date.isoformat() if entry.dispatch_date else "", entry.status,
            entry.status_date.isoformat() if entry.status_date else "",
            status_meaning(entry.status, entry.status_date),
        ))
    return found


def nik_provenance(identifiers: Iterable[FoundIdentifier],
                   regions: RegionTable | None = None) -> list[NikProvenance]:
    """The regions every NIK among ``identifiers`` names (the NIK itself is the caller's to mask).

    The region table is read only when there is a NIK to decode: reading its
    7,800 rows was a tenth of the start-up of ``alerts show`` on every alert.
    """
    niks = _identifiers(identifiers, "nik")
    if not niks:
        return []
    from alerts.provenance.regions import region_table

    table = regions or region_table()
    found: list[NikProvenance] = []
    for nik, _, _ in niks:
        place = table.decode_nik(nik)
        found.append(NikProvenance(
            nik, place.province.name if place.province else "unknown province",
            place.regency.name if place.regency else "unknown regency",
            place.district.name if place.district else "unknown district"))
    return found
