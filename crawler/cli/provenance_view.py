"""The "Provenance" block of ``alerts show``: chip UIDs traced to the ledger, NIKs to their regions."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import asdict
from typing import Any

from rich.console import Group
from rich.table import Table
from rich.text import Text

from alerts.provenance.block import ChipProvenance, NikProvenance
from crawler.cli.output import inert


def provenance_view(chips: list[ChipProvenance], niks: list[NikProvenance],
                    mask: Callable[[str], str]) -> Group | Text:
    """A titled table per kind; one dim line when the listing names no chip and no NIK."""
    parts: list[Any] = []
    if chips:
        table = Table(title="Provenance (chip UIDs against the stock ledger)", title_justify="left")
        for column in ("chip", "source", "match", "batch", "office", "dispatched", "status"):
            table.add_column(column)
        for chip in chips:
            status = chip.meaning or chip.detail
            match = chip.match if chip.match != "fuzzy" else f"fuzzy ({chip.confidence:.2f})"
            office = f"{chip.office} ({chip.office_code}), {chip.province}" if chip.office else ""
            table.add_row(*(inert(cell) for cell in (chip.uid, chip.source, match, chip.batch, office,
                                                      chip.dispatch_date, status)))
        parts.append(table)
    if niks:
        table = Table(title="NIK regions", title_justify="left")
        for column in ("nik", "province", "regency", "district"):
            table.add_column(column)
        for nik in niks:
            table.add_row(*(inert(cell) for cell in (mask(nik.nik), nik.province, nik.regency, nik.district)))
        parts.append(table)
    if not parts:
        return Text("Provenance: no chip UID or NIK in this listing", style="dim")
    return Group(*parts)


def provenance_json(chips: list[ChipProvenance], niks: list[NikProvenance],
                    mask: Callable[[str], str]) -> dict[str, Any]:
    return {
        "chips": [{**asdict(chip), "traced": chip.traced} for chip in chips],
        "niks": [{**asdict(nik), "nik": mask(nik.nik)} for nik in niks],
    }
