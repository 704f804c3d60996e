"""Steps 8 and 9 of ``ktpwatch demo``: trace the blanks to the issuer's stock ledger, and the leak report.

The sandbox writes the ledger an issuer would hold for its planted chips
(:mod:`sandbox.ledger_world`: Indonesian headers, read through the demo
configuration's ``[ledger.columns]``). Step 8 imports it (the workbook, then the
same rows as CSV: nothing changes), checks every stored trace against the
sandbox's ground truth and fails the demo when a chip is traced wrongly or a
chip ktpwatch read is not traced (:mod:`crawler.cli.demo_truth`), and shows one
traced alert's Provenance block. Step 9 is ``report leaks``: the planted
leaking offices must rank first.
"""

from __future__ import annotations

import shlex
from collections.abc import Callable, Mapping, Sequence
from pathlib import Path
from typing import TYPE_CHECKING, Any, Protocol

from rich.console import Console
from sqlalchemy import select

from crawler.cli.demo_truth import TruthChip
from crawler.cli.errors import UserError
from crawler.cli.invocation import runnable_command

if TYPE_CHECKING:
    from sqlalchemy.orm import Session

    from alerts.provenance.ledger_import import ImportReport
    from crawler.cli.demo_truth import TraceCheck
    from storage.chip_traces import StoredTrace

LEDGER_FILE = "stok-blangko"
MAP_FILE = "leaks-map.svg"
DEMO_INSPECTORATE = "inspektorat@kemendagri.example"

Step = Callable[[Console, int, str], None]


class LedgerWorld(Protocol):
    """What the demo reads of the sandbox's ledger (``sandbox.ledger_world.LedgerWorld``; the demo
    command builds it: only it and ``sandbox`` may import the sandbox)."""

    @property
    def chips(self) -> Sequence[TruthChip]: ...
    @property
    def rows(self) -> Sequence[Mapping[str, Any]]: ...
    @property
    def leaking_offices(self) -> tuple[str, ...]: ...
    def write_csv(self, path: Path) -> Path: ...
    def write_xlsx(self, path: Path) -> Path: ...


def ledger_toml(headers: Mapping[str, str]) -> str:
    """The demo configuration's ``[ledger]``: the issuer's ``headers`` as ``[ledger.columns]``, a leak-notice recipient."""
    columns = "".join(f'{field} = "{header}"\n' for field, header in headers.items())
    return (f'\n[ledger]\ninspectorate_email = "{DEMO_INSPECTORATE}"\n\n'
            "# The sandbox's ledger keeps the issuer's own headers: name them, never edit the file.\n"
            f"[ledger.columns]\n{columns}")


def ledger_steps(runtime: Any, world: LedgerWorld, config_path: Path, step: Step) -> None:
    """Steps 8 and 9: import the sandbox's ledger, check the traces, show a traced alert, report the leaks."""
    from config import load_config

    console = runtime.console
    folder = config_path.parent
    xlsx, csv = world.write_xlsx(folder / f"{LEDGER_FILE}.xlsx"), world.write_csv(folder / f"{LEDGER_FILE}.csv")
    ledger = load_config(config_path).settings.ledger
    step(console, 8, "Importing the issuer's stock ledger and tracing every chip UID seen for sale ...")
    console.print(f"   the sandbox wrote {xlsx} and {csv}: {len(world.rows)} rows (single chips, UID ranges, "
                  "destructions), headers read through [ledger.columns]", markup=False)
    _print_import(console, _import(runtime, xlsx, ledger))
    again = _import(runtime, csv, ledger)
    console.print(f"   the same rows as CSV: {again.new_entries} new entries, {again.status_changes} status changes, "
                  f"{again.unchanged_rows} rows unchanged (an import is idempotent)", markup=False)
    with runtime.sessions() as session:
        check, stored = _check(session, world)
    _print_check(console, check)
    shown = _show_traced_alert(runtime, stored, world)
    step(console, 9, "The leak report: blanks seen for sale, by the office they were sent to ...")
    _report_leaks(runtime, folder / MAP_FILE, world, stored)
    _print_hints(console, config_path, csv, shown)


def _import(runtime: Any, path: Path, ledger: Any) -> ImportReport:
    from alerts.provenance.ledger_import import import_ledger

    with runtime.sessions.begin() as session:
        report = import_ledger(session, path, ledger, actor="ktpwatch-demo", strict=True)
    if not report.written:
        reasons = "; ".join(f"row {r.row}: {r.reason}" for r in report.rejections[:5])
        raise UserError(f"demo ledger {path.name} was refused: {reasons}")
    return report


def _print_import(console: Console, report: ImportReport) -> None:
    console.print(f"   {Path(report.path).name}: {report.rows} rows read, {report.new_entries} new entries, "
                  f"{report.status_changes} status changes (dispatched, then destroyed), "
                  f"{len(report.rejections)} rejected", markup=False)
    traces = report.traces
    console.print(f"   re-traced the {traces.chips} chip UIDs already seen in listings: {traces.exact} exact, "
                  f"{traces.fuzzy} fuzzy (OCR confusions), {traces.chips - traces.traced} not traced", markup=False)


def _recorded_texts(session: Session) -> dict[tuple[str, str], str]:
    """Each recorded listing's title, description and photo text, compacted for finding chip numbers."""
    from crawler.cli.demo_truth import compact
    from storage.models import Image, Listing, ListingImage

    texts: dict[tuple[str, str], list[str]] = {}
    for market, ext, title, description in session.execute(
            select(Listing.marketplace, Listing.external_id, Listing.title, Listing.description)):
        texts[(market, ext)] = [title, description or ""]
    for market, ext, ocr in session.execute(
            select(Listing.marketplace, Listing.external_id, Image.ocr_text)
            .join(ListingImage, ListingImage.listing_id == Listing.id)
            .join(Image, Image.id == ListingImage.image_id)):
        texts[(market, ext)].append(ocr or "")
    return {key: compact(" ".join(parts)) for key, parts in texts.items()}


def _check(session: Session, world: LedgerWorld) -> tuple[TraceCheck, list[StoredTrace]]:
    from crawler.cli.demo_truth import check_traces
    from storage.chip_traces import stored_traces

    stored = stored_traces(session)
    return check_traces(world.chips, stored, _recorded_texts(session)), stored


def _print_check(console: Console, check: TraceCheck) -> None:
    console.print(f"   ground truth: {check.traced} of {check.expected} planted chips in the ledger that ktpwatch "
                  f"read are traced to their office ({check.fuzzy} through OCR confusions), "
                  f"{len(check.wrong)} traced wrongly; {check.absent_read} chips absent from the ledger read and "
                  f"left untraced; {check.unread} in recorded listings not read (detail page or photo)",
                  markup=False)
    if not check.ok:
        for problem in (*check.wrong, *check.missed)[:10]:
            console.print(f"   problem: {problem}", markup=False, style="red")
        raise UserError(f"demo ledger check failed: {len(check.wrong)} chip(s) traced wrongly, "
                        f"{len(check.missed)} read but not traced")


def _show_traced_alert(runtime: Any, stored: list[StoredTrace], world: LedgerWorld) -> StoredTrace | None:
    """The Provenance block of one traced alert: a fuzzy trace if any, else a destroyed blank."""
    from alerts.provenance.block import chip_provenance, nik_provenance
    from alerts.redaction import redact_text
    from crawler.cli.provenance_view import provenance_view
    from storage.alerts.queries import get_alert_detail

    destroyed = {chip.uid for chip in world.chips if chip.status == "destroyed"}
    traced = [t for t in stored if t.alert_id is not None and t.trace in ("exact", "fuzzy")]
    if not traced:
        return None
    shown = min(traced, key=lambda t: (t.trace != "fuzzy", t.uid not in destroyed, t.alert_id))
    assert shown.alert_id is not None
    with runtime.sessions() as session:
        detail = get_alert_detail(session, shown.alert_id)
        assert detail is not None
        chips = chip_provenance(session, detail.identifiers, runtime.settings.ledger)
        niks = nik_provenance(detail.identifiers)
    runtime.console.print(f"   alerts show {shown.alert_id} ({shown.marketplace} listing {shown.external_id}), "
                          "its Provenance block:", markup=False)
    runtime.console.print(provenance_view(chips, niks, lambda value: redact_text(value), width=runtime.console.width))
    return shown


def _report_leaks(runtime: Any, map_path: Path, world: LedgerWorld, stored: list[StoredTrace]) -> None:
    """``report leaks`` (the office rows, the columns that fit), then the ranking checked: the planted leaking offices first."""
    from alerts.provenance.trace import office
    from crawler.cli.report_leaks import audited_leak_report, leak_table

    report, rows = audited_leak_report("ktpwatch-demo", map_path, note="ktpwatch demo")
    runtime.console.print(leak_table(rows, runtime.console.width,
                                     title="report leaks: blanks seen for sale, by consignee office"))
    runtime.console.print(f"   {len(report.untraced)} chip UIDs seen for sale trace to no single ledger entry; "
                          f"province map: {map_path}", markup=False)
    ranked = [row.office_code for row in report.offices]
    leaking = _leaking_offices_seen(world, stored)
    order = sorted(leaking, key=lambda code: ranked.index(code) if code in ranked else len(ranked))
    names = [place.name if (place := office(code)) else "central warehouse" for code in order]
    if set(ranked[: len(leaking)]) != leaking or not leaking <= set(world.leaking_offices):
        raise UserError(f"demo leak report: the planted leaking offices {sorted(leaking)} do not rank first "
                        f"({ranked[: len(leaking) + 1]})")
    runtime.console.print(f"   the planted leaking offices rank first: {', '.join(names)} (ranks 1-{len(leaking)})",
                          markup=False)


def _leaking_offices_seen(world: LedgerWorld, stored: list[StoredTrace]) -> set[str]:
    """Offices ("" = central warehouse) with a planted destroyed or in-stock chip that ktpwatch traced."""
    from alerts.provenance.leaks import ALARMING_STATUSES

    return {chip.office for t in stored if t.trace in ("exact", "fuzzy") and t.start is not None
            for chip in world.chips
            if chip.office is not None and chip.status in ALARMING_STATUSES
            and t.start <= int(chip.uid, 16) <= (t.end or 0)}


def _print_hints(console: Console, config_path: Path, csv: Path, shown: StoredTrace | None) -> None:
    program = f"{runnable_command()} --config {shlex.quote(str(config_path))}"
    commands = [f"ledger import {shlex.quote(str(csv))}", "report leaks --map " + shlex.quote(
        str(config_path.parent / MAP_FILE)), "notices draft --leak 32.01"]
    if shown is not None:
        commands[1:1] = [f"alerts show {shown.alert_id}", f"ledger show {shown.uid}"]
    console.print("   try the ledger yourself:")
    for command in commands:
        console.print(f"   {program} {command}", markup=False, highlight=False, soft_wrap=True)
