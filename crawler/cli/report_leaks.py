"""``ktpwatch report leaks``: per consignee office, the blanks seen for sale, ranked, with a province map.

The report reads the ledger (statuses, offices), so it is audited like
``ledger show``: one access event with the analyst's name per run.
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import TYPE_CHECKING, Annotated, Any

import typer

from alerts.provenance.leaks import OfficeLeak
from alerts.redaction import redact_value
from crawler.cli.options import AsOption
from crawler.cli.output import OutputFormat, render_rows
from crawler.cli.runtime import get_runtime

if TYPE_CHECKING:
    from alerts.provenance.leak_report import LeakReport

COLUMNS = ("rank", "office_code", "office", "province", "blanks", "destroyed_or_in_stock", "listings",
           "shops", "sellers", "first_seen", "last_seen", "statuses", "statuses_when_seen", "chips")
NIK_COLUMNS = ("province", "regency", "niks", "listings")
DEFAULT_MAP = Path("leaks-map.svg")
CENTRAL_WAREHOUSE = "central warehouse (no consignee recorded)"


def _row(rank: int, leak: OfficeLeak) -> dict[str, Any]:
    from alerts.provenance.trace import office

    place = office(leak.office_code) if leak.office_code else None
    return {
        "rank": rank, "office_code": leak.office_code,
        "office": place.name if place else (CENTRAL_WAREHOUSE if not leak.office_code else ""),
        "province": place.province if place else "", "blanks": len(leak.chips),
        "destroyed_or_in_stock": leak.alarming, "listings": leak.listings,
        "shops": ", ".join(leak.shops), "sellers": ", ".join(leak.sellers),
        "first_seen": leak.first_seen.isoformat(), "last_seen": leak.last_seen.isoformat(),
        "statuses": ", ".join(f"{status} {n}" for status, n in leak.statuses),
        "statuses_when_seen": ", ".join(f"{status} {n}" for status, n in leak.statuses_then),
        "chips": " ".join(leak.chips),
    }


def _write_map(path: Path, offices: list[OfficeLeak]) -> None:
    from alerts.provenance.leak_map import blanks_per_province, province_map_svg
    from alerts.provenance.regions import region_table

    table = region_table()
    names = {code: region.name for code in (f"{n:02d}" for n in range(10, 100))
             if (region := table.get(code)) is not None}
    counts = blanks_per_province({leak.office_code: len(leak.chips) for leak in offices})
    path.write_text(province_map_svg(counts, names, title="Blanks seen for sale, by consignee province"),
                    encoding="utf-8")


def audited_leak_report(analyst: str, map_path: Path, *, note: str) -> tuple[LeakReport, list[dict[str, Any]]]:
    """Build the leak report (audited as ``analyst``), write its map; the report and its office rows."""
    from alerts.provenance.leak_report import build_leak_report
    from storage.ledger import record_ledger_access

    runtime = get_runtime()
    with runtime.sessions.begin() as session:
        report = build_leak_report(session, runtime.settings.ledger)
        record_ledger_access(session, actor=analyst, action="report_leaks", subject="all offices",
                             note=f"{len(report.offices)} offices, {note}")
    _write_map(map_path, report.offices)
    return report, [_row(rank, leak) for rank, leak in enumerate(report.offices, start=1)]


def leaks_cmd(
    fmt: Annotated[OutputFormat, typer.Option("--format", help="table, json or csv.")] = OutputFormat.TABLE,
    map_path: Annotated[Path, typer.Option(
        "--map", help="Where to write the province map (SVG).")] = DEFAULT_MAP,
    actor: AsOption = None,
) -> None:
    """Per consignee office, the blanks seen for sale: chips, listings, shops, sellers, dates, statuses.

    Every chip UID found in a listing is traced to the ledger (exactly, else through
    OCR confusions when one entry is in reach). Statuses are the chips' current ones
    and, from their history, the ones in force on the days they were seen. Offices
    whose destroyed or in-stock cards are for sale (now or then) come first, then the
    most blanks. Writes a province map (SVG).
    The table and json also count the provinces and regencies the NIKs seen for sale name;
    json is {offices, untraced_chips, nik_regions, map}; csv is the office rows.

    Example: ktpwatch report leaks --format csv --map leaks.svg --as ana
    """
    runtime = get_runtime()
    report, rows = audited_leak_report(runtime.analyst(actor), map_path, note=f"format {fmt.value}")
    nik_rows = [dict(zip(NIK_COLUMNS, counted, strict=True)) for counted in report.nik_regions]
    if fmt is OutputFormat.JSON:
        found = {"offices": [redact_value(row) for row in rows], "untraced_chips": list(report.untraced), "nik_regions": nik_rows,
                 "map": str(map_path)}
        runtime.console.file.write(json.dumps(found, ensure_ascii=False, indent=2) + "\n")
        return
    render_rows(rows, COLUMNS, fmt, runtime.console, title="Blanks seen for sale, by consignee office")
    if fmt is OutputFormat.TABLE:
        render_rows(nik_rows, NIK_COLUMNS, fmt, runtime.console, title="Regions named by NIKs seen for sale")
        runtime.console.print(f"{len(report.untraced)} chip UIDs seen for sale are not traced to one "
                              f"ledger entry. Map: {map_path}")
