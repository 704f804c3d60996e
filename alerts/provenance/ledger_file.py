"""Read an issuer's ledger export (CSV, XLSX or JSON Lines) into rows of raw cells by field.

Pure reading, no judgement: every row comes out as ``(row number, {field: cell})``
with the fields of ``[ledger.columns]`` (``chip_uid``, ``uid_start`` …) as keys,
whatever the file calls them. Headers match ignoring case and repeated spaces.
Row numbers are what a person sees: the spreadsheet row (header = 1) or the
JSON Lines line. Judging the cells is :mod:`alerts.provenance.ledger_rows`.
"""

from __future__ import annotations

import csv
import json
import re
import zipfile
from collections.abc import Iterator, Mapping
from pathlib import Path
from typing import Any

from config.settings import LedgerColumnsConfig

#: Suffix → reader name; anything else is refused by name.
FORMATS = {".csv": "csv", ".xlsx": "xlsx", ".xlsm": "xlsx", ".jsonl": "jsonl", ".ndjson": "jsonl"}
FIELDS = tuple(LedgerColumnsConfig.model_fields)

RawRow = dict[str, Any]


class LedgerFileError(ValueError):
    """The file as a whole cannot be read as a ledger (format, headers, encoding)."""


def _key(header: object) -> str:
    return re.sub(r"\s+", " ", str(header if header is not None else "")).strip().casefold()


def _wanted(columns: LedgerColumnsConfig) -> dict[str, str]:
    """Normalised header → field."""
    return {_key(getattr(columns, field)): field for field in FIELDS}


def _check_fields(found: set[str], columns: LedgerColumnsConfig) -> None:
    has_single = "chip_uid" in found
    has_range = {"uid_start", "uid_end"} <= found
    if not (has_single or has_range):
        raise LedgerFileError(
            f"no chip UID column: expected {columns.chip_uid!r}, or {columns.uid_start!r} and "
            f"{columns.uid_end!r} (set their headers in [ledger.columns])")
    if "status" not in found:
        raise LedgerFileError(f"no status column: expected {columns.status!r} (set it in [ledger.columns])")


def _header_index(headers: list[object], columns: LedgerColumnsConfig) -> dict[str, int]:
    wanted = _wanted(columns)
    index: dict[str, int] = {}
    for position, header in enumerate(headers):
        field = wanted.get(_key(header))
        if field is not None and field not in index:
            index[field] = position
    _check_fields(set(index), columns)
    return index


def _rows_from_table(rows: Iterator[list[Any] | tuple[Any, ...]], columns: LedgerColumnsConfig,
                     first_row: int) -> Iterator[tuple[int, RawRow]]:
    try:
        headers = list(next(rows))
    except StopIteration:
        raise LedgerFileError("the file is empty (no header row)") from None
    index = _header_index(headers, columns)
    for number, cells in enumerate(rows, start=first_row + 1):
        if not any(cell not in (None, "") for cell in cells):
            continue  # blank line or spreadsheet padding
        width = len(cells)
        yield number, {field: cells[pos] if pos < width else None for field, pos in index.items()}


def _csv_rows(path: Path, columns: LedgerColumnsConfig) -> Iterator[tuple[int, RawRow]]:
    with path.open(encoding="utf-8-sig", newline="") as handle:
        header = handle.readline()
        handle.seek(0)
        # Spreadsheets in Indonesian locales export with ";": the header line says which
        # separator the file uses (csv.Sniffer guesses from data and can guess wrong).
        delimiter = max(",;\t", key=header.count)
        reader = csv.reader(handle, delimiter=delimiter)
        try:
            yield from _rows_from_table(reader, columns, first_row=1)
        except csv.Error as exc:
            raise LedgerFileError(f"not readable as CSV at line {reader.line_num}: {exc}") from None


def _xlsx_rows(path: Path, columns: LedgerColumnsConfig) -> Iterator[tuple[int, RawRow]]:
    from openpyxl import load_workbook  # a large import, paid only when a spreadsheet is read

    try:
        workbook = load_workbook(path, read_only=True, data_only=True)
    except (zipfile.BadZipFile, KeyError, OSError, ValueError) as exc:
        raise LedgerFileError(f"not a readable .xlsx workbook ({type(exc).__name__}: {exc})") from None
    try:
        sheet = workbook.worksheets[0]
        yield from _rows_from_table(sheet.iter_rows(values_only=True), columns, first_row=1)
    finally:
        workbook.close()


def _jsonl_rows(path: Path, columns: LedgerColumnsConfig) -> Iterator[tuple[int, RawRow | None]]:
    wanted = _wanted(columns)
    seen: set[str] = set()
    checked = False
    with path.open(encoding="utf-8-sig") as handle:
        for number, line in enumerate(handle, start=1):
            if not line.strip():
                continue
            try:
                record = json.loads(line)
            except json.JSONDecodeError:
                yield number, None  # a broken line is one rejected row, not a broken file
                continue
            if not isinstance(record, Mapping):
                yield number, None
                continue
            row = {wanted[_key(k)]: v for k, v in record.items() if _key(k) in wanted}
            if not checked:
                seen |= set(row)
                _check_fields(seen, columns)
                checked = True
            yield number, row


def read_ledger_file(path: Path, columns: LedgerColumnsConfig) -> Iterator[tuple[int, RawRow | None]]:
    """Every row of ``path`` as (row number, cells by field); None for a JSON line that is not an object.

    Raises LedgerFileError for an unknown format or missing columns, before any row.
    """
    kind = FORMATS.get(path.suffix.lower())
    if kind is None:
        raise LedgerFileError(
            f"unknown ledger format {path.suffix or '(no suffix)'!r}: expected "
            f"{', '.join(sorted(FORMATS))}")
    if not path.is_file():
        raise LedgerFileError(f"no such file: {path}")
    if kind == "csv":
        return _csv_rows(path, columns)
    if kind == "xlsx":
        return _xlsx_rows(path, columns)
    return _jsonl_rows(path, columns)
