"""The "Provenance" block of ``alerts show``: chip UIDs traced to the ledger, NIKs to their regions.

A wide terminal gets one table per kind. A narrow one (an analyst's 80 columns)
gets each chip and NIK as a label/value block, like ``gh issue view``: seven
columns side by side at 80 cells left each a word wide and a status sentence
wrapped over nine lines.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import asdict
from typing import Any

from rich.console import Group, RenderableType
from rich.table import Table
from rich.text import Text

from alerts.provenance.block import ChipProvenance, NikProvenance
from crawler.cli.output import inert

#: from this many terminal cells on, the chips and NIKs are tables; below, label/value blocks
WIDE_TERMINAL = 120
CHIP_TITLE = "Provenance (chip UIDs against the stock ledger)"
NIK_TITLE = "NIK regions"


def chip_cells(chip: ChipProvenance) -> dict[str, str]:
    """What the analyst reads of a traced chip, by label (the table's columns, the block's rows)."""
    return {
        "chip": chip.uid,
        "source": chip.source,
        "match": chip.match if chip.match != "fuzzy" else f"fuzzy ({chip.confidence:.2f})",
        "batch": chip.batch,
        "office": f"{chip.office} ({chip.office_code}), {chip.province}" if chip.office else "",
        "dispatched": chip.dispatch_date,
        "status": chip.meaning or chip.detail,
    }


def nik_cells(nik: NikProvenance, mask: Callable[[str], str]) -> dict[str, str]:
    """A NIK (masked by ``mask``) and the regions its digits name, by label."""
    return {"nik": mask(nik.nik), "province": nik.province, "regency": nik.regency, "district": nik.district}


def _table(title: str, records: Sequence[dict[str, str]]) -> Table:
    table = Table(title=title, title_justify="left")
    for column in records[0]:
        table.add_column(column)
    for record in records:
        table.add_row(*(inert(cell) for cell in record.values()))
    return table


def _blocks(title: str, records: Sequence[dict[str, str]]) -> Group:
    """A title, then one label/value grid per record; empty values are left out, long ones wrap."""
    parts: list[RenderableType] = [Text(title, style="table.title")]
    for number, record in enumerate(records):
        if number:
            parts.append(Text(""))
        grid = Table.grid(padding=(0, 2))
        grid.add_column(style="bold", no_wrap=True)
        grid.add_column(overflow="fold")
        for label, value in record.items():
            if value:
                grid.add_row(label, inert(value))
        parts.append(grid)
    return Group(*parts)


def provenance_view(chips: list[ChipProvenance], niks: list[NikProvenance],
                    mask: Callable[[str], str], *, width: int) -> Group | Text:
    """Chips and NIKs laid out for a terminal ``width`` cells wide; one dim line when there are none."""
    layout = _table if width >= WIDE_TERMINAL else _blocks
    parts: list[RenderableType] = []
    if chips:
        parts.append(layout(CHIP_TITLE, [chip_cells(chip) for chip in chips]))
    if niks:
        if parts and layout is _blocks:
            parts.append(Text(""))  # blocks have no rule to end them
        parts.append(layout(NIK_TITLE, [nik_cells(nik, mask) for nik in niks]))
    if not parts:
        return Text("Provenance: no chip UID or NIK in this listing", style="dim")
    return Group(*parts)


def provenance_json(chips: list[ChipProvenance], niks: list[NikProvenance],
                    mask: Callable[[str], str]) -> dict[str, Any]:
    return {
        "chips": [{**asdict(chip), "traced": chip.traced} for chip in chips],
        "niks": [{**asdict(nik), "nik": mask(nik.nik)} for nik in niks],
    }
