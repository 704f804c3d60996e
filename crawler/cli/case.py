"""``ktpwatch case``: the case file of one actor, for the police.

A thin shell over :mod:`alerts.case.export`: the audit events (``case_export``,
and ``reveal`` with ``--reveal``) are committed before any file is written,
then the folder is written.  A missing screenshot is said on the terminal as
in the file, never dropped silently.
"""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING, Annotated

import typer

from crawler.cli.errors import UserError
from crawler.cli.options import AsOption, RevealOption
from crawler.cli.runtime import get_runtime

if TYPE_CHECKING:
    from alerts.case.export import WrittenCase

case_app = typer.Typer(help="The case file for the police: one actor's listings, network, risk and evidence.",
                       no_args_is_help=True)


@case_app.command("export")
def export_cmd(
    actor_id: Annotated[str, typer.Argument(metavar="ACTOR", help="Actor id (an old, merged id is followed).")],
    out: Annotated[Path, typer.Option("--out", "-o", help="Folder to write the case file into.")],
    reveal: RevealOption = False,
    pdf: Annotated[bool, typer.Option("--pdf/--no-pdf", help="Also render case.pdf (WeasyPrint).")] = True,
    force: Annotated[bool, typer.Option(
        "--force", help="Write into a folder that already holds files, replacing a previous case file.")] = False,
    actor: AsOption = None,
) -> None:
    """Write an actor's case file: case.html, case.pdf, network.svg, screenshots, the WACZ, SHA256SUMS.

    The folder must be empty or new unless --force (which replaces the files a
    case export writes and leaves any other file alone). NIKs are masked unless
    --reveal, which is logged with your name; every export is logged on the
    actor's alerts (case_export). Altered evidence stops the export. An
    unknown actor exits 2.

    Example: ktpwatch case export act-1a2b3c4d5e --out case-act-1a2b3c4d5e
    """
    from alerts.case.export import CaseExportError, check_folder, prepare_case, write_case
    from alerts.case.gather import UnknownActor
    from alerts.evidence.store import EvidenceStore

    runtime = get_runtime()
    store = EvidenceStore(Path(runtime.settings.evidence.dir))
    try:
        check_folder(out, force=force)
        with runtime.sessions.begin() as session:
            prepared = prepare_case(session, store, actor_id, out, reveal=reveal, analyst=runtime.analyst(actor))
        written = write_case(prepared, out, timezone=runtime.settings.schedule.timezone, pdf=pdf,
                             force=force)
    except UnknownActor as exc:
        raise UserError(f"{exc} (see `ktpwatch actors list`)", exit_code=2) from None
    except CaseExportError as exc:
        raise UserError(str(exc)) from None
    except OSError as exc:
        raise UserError(f"cannot write {out}: {exc.strerror or exc}") from None
    _report(written, len(prepared.case.listings))


def _report(written: WrittenCase, listings: int) -> None:
    console = get_runtime().console
    shots = sum(1 for f in written.files if f.startswith("screenshots/"))
    console.print(f"case file: {written.folder / 'case.html'}", markup=False, highlight=False, soft_wrap=True)
    console.print(f"   {listings} listing(s), {shots} screenshot(s), {len(written.files)} file(s) listed with their "
                  "SHA-256 in SHA256SUMS", markup=False, highlight=False)
    if written.pdf:
        console.print(f"   pdf: {written.folder / written.pdf}", markup=False, highlight=False, soft_wrap=True)
    console.print(f"   wacz: {written.folder / written.wacz}" if written.wacz
                  else "   wacz: none (no evidence captured for these listings)", markup=False, highlight=False,
                  soft_wrap=True)
    for alert_id in written.missing_screenshots:
        console.print(f"   alert {alert_id}: no screenshot captured (tidak ada tangkapan layar)",
                      markup=False, highlight=False)


def register(root: typer.Typer) -> None:
    """Add the ``case`` command group."""
    root.add_typer(case_app, name="case")
