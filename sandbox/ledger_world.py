"""The issuer's blank-stock ledger for the sandbox's planted chips, and where each chip should trace.

The sandbox plants chip UIDs in listing texts and on card photos; this module
writes the ledger an issuer would hold for them, as a real export looks: the
issuer's own Indonesian headers (read through ``[ledger.columns]``, see
:data:`HEADERS`), offices by name ("Disdukcapil Kab. Bogor"), dates as
dd/mm/yyyy, a ``;``-separated CSV and the same rows as an XLSX workbook. In it:

* most planted chips were dispatched to a few regencies, some as single chips,
  some inside a range of UIDs (a box of blanks) around them;
* some were dispatched and later recorded destroyed (two rows: the status history),
  all at the planted *leaking* offices (:data:`LEAKING_OFFICES`);
* some are recorded in stock at the central warehouse (no consignee);
* some are absent from the ledger (counterfeits, or a gap in the ledger);
* the chips a photo shows with a lookalike slip (:mod:`sandbox.chip_confusions`)
  are single entries, so the misread number is one OCR confusion from exactly one entry;
* filler stock nobody offers for sale, so the ledger is not only the planted chips.

:attr:`LedgerWorld.chips` is the ground truth: for each planted chip, the office
code it should trace to (``""``: the central warehouse), or None when it is not
in the ledger. Deterministic: the same catalogue and seed give the same files.
"""

from __future__ import annotations

import csv
import random
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import asdict, dataclass
from datetime import date, timedelta
from pathlib import Path
from typing import Any

#: ledger field → the header the issuer's export uses (the demo's ``[ledger.columns]``)
HEADERS = {
    "chip_uid": "No Chip",
    "uid_start": "No Chip Awal",
    "uid_end": "No Chip Akhir",
    "serial": "No Seri Kartu",
    "batch": "No Batch",
    "contract": "No Kontrak",
    "consignee": "Nama Dinas",
    "dispatch_date": "Tgl Kirim",
    "status": "Status Blangko",
    "status_date": "Tgl Status",
}
DATE_FORMAT = "%d/%m/%Y"
#: Kemendagri code → the office as the issuer's clerks write it
OFFICES = {
    "32.01": "Disdukcapil Kab. Bogor",
    "12.71": "Disdukcapil Kota Medan",
    "32.75": "Disdukcapil Kota Bekasi",
    "36.03": "Disdukcapil Kab. Tangerang",
    "73.71": "Disdukcapil Kota Makassar",
}
#: offices whose blanks were recorded destroyed and are for sale all the same
LEAKING_OFFICES = ("32.01", "12.71")
#: offices only the filler stock goes to
FILLER_OFFICES = {"35.15": "Disdukcapil Kab. Sidoarjo", "34.04": "Disdukcapil Kab. Sleman"}
CONTRACT = "027/PPK-KTP-EL/2017"
FILLER_ROWS = 30
FIRST_DISPATCH = date(2018, 1, 8)


@dataclass(frozen=True)
class PlantedChip:
    """A chip UID the sandbox offers for sale, and what tracing it should find."""

    uid: str
    #: "text" (a listing's description names it) or "photo" (only a card photo shows it)
    source: str
    #: what the listing shows: ``uid``, or a photo's misprinted number
    shown: str
    #: (marketplace, external id) of every listing offering it
    listings: tuple[tuple[str, str], ...]
    #: the office code it should trace to ("" = central warehouse), None when not in the ledger
    office: str | None
    #: its current ledger status (None when not in the ledger)
    status: str | None = None
    #: its ledger entry's bounds (hex): a single chip has start == end
    entry: tuple[str, str] | None = None


@dataclass(frozen=True)
class LedgerWorld:
    chips: tuple[PlantedChip, ...]
    #: file rows by field (values as the export writes them), in file order
    rows: tuple[dict[str, Any], ...]

    @property
    def leaking_offices(self) -> tuple[str, ...]:
        """Office codes ("" = central warehouse) with a planted chip recorded destroyed or in stock."""
        found = {c.office for c in self.chips if c.office is not None and c.status in ("destroyed", "in_stock")}
        return tuple(sorted(found))

    def write_csv(self, path: Path) -> Path:
        """The ledger as a ``;``-separated CSV (how spreadsheets in Indonesian locales export)."""
        with path.open("w", encoding="utf-8", newline="") as handle:
            writer = csv.writer(handle, delimiter=";")
            writer.writerow(HEADERS.values())
            for row in self.rows:
                writer.writerow(_cell_text(row.get(field)) for field in HEADERS)
        return path

    def write_xlsx(self, path: Path) -> Path:
        """The same rows as a workbook: UIDs as text, dates as spreadsheet dates."""
        from openpyxl import Workbook  # a large import, paid only when the workbook is written

        workbook = Workbook()
        sheet = workbook.active
        assert sheet is not None
        sheet.title = "Stok Blangko"
        sheet.append(list(HEADERS.values()))
        for row in self.rows:
            sheet.append([row.get(field) if row.get(field) is not None else "" for field in HEADERS])
        workbook.save(path)
        return path

    def truth(self) -> dict[str, Any]:
        return {"leaking_offices": list(self.leaking_offices),
                "chips": [asdict(chip) for chip in self.chips]}


def _cell_text(value: Any) -> str:
    if isinstance(value, date):
        return value.strftime(DATE_FORMAT)
    return "" if value is None else str(value)


def planted_chips(listings: Iterable[Any],
                  photos: Sequence[Mapping[str, Any]]) -> list[tuple[str, str, str, list[tuple[str, str]]]]:
    """(uid, source, shown, listings) of every planted chip: listing texts first, then photos only."""
    found: dict[str, tuple[str, str, list[tuple[str, str]]]] = {}
    for listing in listings:
        if listing.kind != "planted":
            continue
        for kind, value in listing.identifiers:
            if kind == "chip_uid":
                found.setdefault(value, ("text", value, []))[2].append((listing.marketplace, listing.external_id))
    for photo in photos:
        uid = photo["chip_uid"]
        if not uid:
            continue  # a supplier's stock picture: no card's number on it
        where = found.setdefault(uid, ("photo", photo.get("chip_shown", uid), []))[2]
        key = (photo["marketplace"], photo["external_id"])
        if key not in where:
            where.append(key)
    return [(uid, source, shown, where) for uid, (source, shown, where) in sorted(found.items())]


def _roles(uids: list[str], confused: set[str], rng: random.Random) -> dict[str, str]:
    """Each chip's part: absent, in_stock, destroyed or dispatched (a misprinted chip is never absent)."""
    order = sorted(uids)
    rng.shuffle(order)
    plain = [u for u in order if u not in confused]
    n = len(order)
    counts = (("absent", max(1, n // 8)), ("in_stock", max(1, n // 10)), ("destroyed", max(2, n // 6)))
    roles: dict[str, str] = {}
    for role, count in counts:
        for uid in plain[:count]:
            roles[uid] = role
        plain = plain[count:]
    for i, uid in enumerate(u for u in order if u not in roles):
        roles[uid] = "destroyed" if uid in confused and i % 3 == 0 else "dispatched"
    return roles


def build_ledger_world(listings: Iterable[Any], photos: Sequence[Mapping[str, Any]], *, seed: int) -> LedgerWorld:
    """The ledger for a catalogue's planted chips (``photos``: :meth:`sandbox.images.PhotoPlan.truth`)."""
    rng = random.Random(f"ledger:{seed}")
    found = planted_chips(listings, photos)
    confused = {uid for uid, _, shown, _ in found if shown != uid}
    roles = _roles([uid for uid, *_ in found], confused, rng)
    taken = sorted(int(uid, 16) for uid, *_ in found)
    dispatches: list[dict[str, Any]] = []
    later: list[dict[str, Any]] = []
    chips: list[PlantedChip] = []
    for uid, source, shown, where in found:
        role = roles[uid]
        if role == "absent":
            chips.append(PlantedChip(uid, source, shown, tuple(where), None))
            continue
        start, end = _bounds(uid, single=uid in confused or rng.random() < 0.5, taken=taken, rng=rng)
        office = "" if role == "in_stock" else rng.choice(LEAKING_OFFICES if role == "destroyed" else tuple(OFFICES))
        first, history = _rows(start, end, len(uid) // 2, office, role, rng)
        dispatches.append(first)
        later.extend(history)
        chips.append(PlantedChip(uid, source, shown, tuple(where), office, role,
                                 (_hex(start, len(uid)), _hex(end, len(uid)))))
    filler_first, filler_later = _filler(rng, taken)
    rows = sorted(dispatches + filler_first, key=_row_order) + sorted(later + filler_later, key=_row_order)
    return LedgerWorld(tuple(chips), tuple(rows))


def _row_order(row: Mapping[str, Any]) -> tuple[date, str]:
    return (row["status_date"], row.get("chip_uid") or row.get("uid_start") or "")


def _hex(value: int, digits: int) -> str:
    return format(value, f"0{digits}X")


def _bounds(uid: str, *, single: bool, taken: list[int], rng: random.Random) -> tuple[int, int]:
    """A single chip, or a box of blanks around it that holds no other planted chip."""
    value = int(uid, 16)
    if single:
        return value, value
    start, end = value - rng.randrange(0, 200), value + rng.randrange(1, 200)
    if any(start <= other <= end and other != value for other in taken):
        return value, value
    taken.extend((start, end))  # later boxes and the filler keep clear of this one
    return start, end


def _rows(start: int, end: int, nbytes: int, office: str, role: str,
          rng: random.Random) -> tuple[dict[str, Any], list[dict[str, Any]]]:
    """The row that records the entry, and the later rows of its history (a destruction)."""
    digits = 2 * nbytes
    sent = FIRST_DISPATCH + timedelta(days=rng.randrange(0, 400))
    row: dict[str, Any] = {"batch": f"B-{sent:%Y}-{sent.month:02d}", "contract": CONTRACT}
    if start == end:
        row["chip_uid"] = _hex(start, digits)
        row["serial"] = f"KTP-{rng.randrange(10**8, 10**9)}"
    else:
        row["uid_start"], row["uid_end"] = _hex(start, digits), _hex(end, digits)
    if role == "in_stock":
        return {**row, "status": "in_stock", "status_date": sent}, []
    name = OFFICES.get(office) or FILLER_OFFICES[office]
    first = {**row, "consignee": name, "dispatch_date": sent, "status": "dispatched", "status_date": sent}
    if role != "destroyed":
        return first, []
    destroyed: dict[str, Any] = {k: first[k] for k in ("chip_uid", "uid_start", "uid_end") if k in first}
    destroyed |= { "status": "destroyed", "status_date": sent + timedelta(days=rng.randrange(90, 500))}
    return first, [destroyed]


def _filler(rng: random.Random, taken: list[int]) -> tuple[list[dict[str, Any]], list[dict[str, Any]]]:
    """Stock nobody offers for sale: boxes of 500–5,000 blanks far from every planted chip."""
    offices = (*OFFICES, *FILLER_OFFICES)
    first_rows: list[dict[str, Any]] = []
    later: list[dict[str, Any]] = []
    while len(first_rows) < FILLER_ROWS:
        start = (0x04 << 48) | rng.getrandbits(48)
        end = start + rng.randrange(500, 5000)
        if end >= 0x05 << 48 or any(start - 256 <= other <= end + 256 for other in taken):
            continue
        taken.extend((start, end))
        role = rng.choice(("dispatched", "dispatched", "dispatched", "in_stock", "destroyed"))
        first, history = _rows(start, end, 7, rng.choice(offices), role, rng)
        first_rows.append(first)
        later.extend(history)
    return first_rows, later
