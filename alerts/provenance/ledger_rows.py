"""Judge one ledger row: a clean :class:`LedgerRow`, or a :class:`RowRejection` saying why not.

Pure and per row (overlaps and status order need the other rows and the
database: :mod:`alerts.provenance.ledger_plan`). Chip UIDs are normalised with
the matcher's own :func:`matchers.chip_uid`, so a ledger UID and a UID read from
a listing are compared in one form. Offices resolve through the shipped region
table (:mod:`alerts.provenance.regions`).
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime
from enum import StrEnum
from functools import lru_cache
from typing import Any, NamedTuple

from alerts.provenance.regions import RegionLevel, RegionTable, UnknownRegion
from matchers import chip_uid


class LedgerStatus(StrEnum):
    IN_STOCK = "in_stock"
    DISPATCHED = "dispatched"
    PRINTED = "printed"
    DAMAGED = "damaged"
    DESTROYED = "destroyed"
    REPORTED_LOST = "reported_lost"


#: The order a blank's life goes in; a row may not move an entry to a lower rank.
#: Damaged and reported lost are alternatives of one rank; destroyed ends every path.
STATUS_RANK = {
    LedgerStatus.IN_STOCK: 0,
    LedgerStatus.DISPATCHED: 1,
    LedgerStatus.PRINTED: 2,
    LedgerStatus.DAMAGED: 3,
    LedgerStatus.REPORTED_LOST: 3,
    LedgerStatus.DESTROYED: 4,
}


class LedgerRow(NamedTuple):
    """One row as the ledger means it: a chip (start == end) or a UID range of one byte length.

    A NamedTuple rather than a frozen dataclass: a million of them are made per
    import, and a tuple is built three times faster.
    """

    row: int
    uid_bytes: int
    start: int  # the UID as an unsigned integer
    end: int
    serial: str
    batch: str
    contract: str
    consignee_code: str  # "" when the row names no office (in stock)
    dispatch_date: date | None
    status: LedgerStatus
    status_date: date | None

    @property
    def key(self) -> tuple[int, int]:
        return (self.uid_bytes, self.start)


@dataclass(frozen=True, slots=True)
class RowRejection:
    row: int
    reason: str


class BadCell(ValueError):
    """One cell cannot be read; the message is the row's rejection reason."""


def uid_hex(uid_bytes: int, value: int) -> str:
    """The canonical hex of an integer UID of ``uid_bytes`` bytes."""
    return format(value, f"0{2 * uid_bytes}X")


def _text(value: Any) -> str:
    if type(value) is str:  # nearly every cell: skip the checks below
        return value.strip()
    if value is None:
        return ""
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    return str(value).strip()


def _uid(value: Any, field: str) -> tuple[int, int]:
    if isinstance(value, (int, float)) and not isinstance(value, bool):
        raise BadCell(f"bad {field} {value!r}: a number, not text (leading zeros are lost; "
                      "format the column as text)")
    text = _text(value)
    canonical = chip_uid(text)
    if canonical is None:
        raise BadCell(f"bad {field} {text!r}: expected 4, 7 or 8 bytes of hex")
    return len(canonical) // 2, int(canonical, 16)


@lru_cache(maxsize=65_536)
def _date_text(text: str, formats: tuple[str, ...]) -> date | None:
    """A text date in the first format that reads it, None when none does.

    Cached: a ledger repeats a few thousand dates over millions of rows, and
    ``strptime`` costs 30 µs a call.
    """
    for fmt in formats:
        try:
            return datetime.strptime(text, fmt).date()
        except ValueError:
            continue
    return None


def _date(value: Any, field: str, formats: tuple[str, ...]) -> date | None:
    if value is None or value == "":
        return None
    if isinstance(value, datetime):
        return value.date()
    if isinstance(value, date):
        return value
    text = _text(value)
    found = _date_text(text, formats)
    if found is None:
        example = datetime(2018, 6, 2).strftime(formats[0])
        raise BadCell(f"bad {field} {text!r}: expected a date like {example}")
    return found


@lru_cache(maxsize=256)
def _status_text(text: str) -> LedgerStatus:
    try:
        return LedgerStatus(text.casefold().replace("-", "_").replace(" ", "_"))
    except ValueError:
        allowed = ", ".join(s.value for s in LedgerStatus)
        raise BadCell(f"bad status {text!r}: expected one of {allowed}") from None


def _status(value: Any) -> LedgerStatus:
    return _status_text(_text(value))


@lru_cache(maxsize=16_384)
def _consignee_text(text: str, regions: RegionTable) -> str:
    """The office's region code (cached per table: offices repeat on every row)."""
    try:
        region = regions.resolve(text)
    except UnknownRegion as exc:
        raise BadCell(str(exc)) from None
    if region.level is RegionLevel.DISTRICT:
        raise BadCell(f"consignee {text!r} is a district ({region.name}); expected a province or regency office")
    return region.code


def _consignee(value: Any, regions: RegionTable) -> str:
    text = _text(value)
    return _consignee_text(text, regions) if text else ""


def _bounds(cells: dict[str, Any]) -> tuple[int, int, int]:
    single = _text(cells.get("chip_uid"))
    first, last = _text(cells.get("uid_start")), _text(cells.get("uid_end"))
    if single and (first or last):
        raise BadCell("both a chip UID and a UID range: give one")
    if single:
        nbytes, value = _uid(cells["chip_uid"], "chip UID")
        return nbytes, value, value
    if not (first and last):
        raise BadCell("no chip UID: give chip_uid, or uid_start and uid_end")
    start_bytes, start = _uid(cells["uid_start"], "uid_start")
    end_bytes, end = _uid(cells["uid_end"], "uid_end")
    if start_bytes != end_bytes:
        raise BadCell(f"range bounds of different lengths ({start_bytes} and {end_bytes} bytes)")
    if start > end:
        raise BadCell(f"range starts after it ends ({first} > {last})")
    return start_bytes, start, end


def judge_row(number: int, cells: dict[str, Any] | None, *, regions: RegionTable,
              date_formats: tuple[str, ...]) -> LedgerRow | RowRejection:
    """The row as a LedgerRow, or why it was rejected (the first problem found)."""
    if cells is None:
        return RowRejection(number, "not a JSON object")
    try:
        nbytes, start, end = _bounds(cells)
        return LedgerRow(
            row=number, uid_bytes=nbytes, start=start, end=end,
            serial=_text(cells.get("serial")), batch=_text(cells.get("batch")),
            contract=_text(cells.get("contract")),
            consignee_code=_consignee(cells.get("consignee"), regions),
            dispatch_date=_date(cells.get("dispatch_date"), "dispatch date", date_formats),
            status=_status(cells.get("status")),
            status_date=_date(cells.get("status_date"), "status date", date_formats),
        )
    except BadCell as exc:
        return RowRejection(number, str(exc))
