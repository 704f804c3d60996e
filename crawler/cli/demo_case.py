"""The demo's step 11: the case file of the highest-risk actor, written into the demo folder.

Actors are rebuilt first, so the removals the follow-up just recorded count
in the risk (a relist after a takedown ranks a seller first).  The step ends
with a command the user can paste to write it again.
"""

from __future__ import annotations

import shlex
import time
from pathlib import Path
from typing import Any

from crawler.cli.errors import UserError
from crawler.cli.invocation import runnable_command

STEP = 11


def case_command(config_path: Path, actor_id: str, out: Path, program: str | None = None) -> str:
    """The paste-able ``ktpwatch case export`` that writes this case file again (``--force``: same folder)."""
    return (f"{program or runnable_command()} --config {shlex.quote(str(config_path))} case export "
            f"{shlex.quote(actor_id)} --out {shlex.quote(str(out))} --force")


def write_top_case(runtime: Any, config_path: Path) -> Path | None:
    """Write the case file of the riskiest active actor beside the demo's config; its folder (None: no actor)."""
    from alerts.actors.rebuild import rebuild_from_settings
    from alerts.case.export import CaseExportError, prepare_case, write_case
    from alerts.evidence.store import EvidenceStore
    from storage.actors import list_actors

    console, settings = runtime.console, runtime.settings
    console.print(f"\n[bold cyan]{STEP}.[/] [bold]Writing the case file of the highest-risk actor for the police ...[/]")
    store, started = EvidenceStore(Path(settings.evidence.dir)), time.monotonic()
    with runtime.sessions.begin() as session:
        rebuild_from_settings(session, settings)
        top = next(iter(list_actors(session, sort="risk", limit=1)), None)
        if top is None:
            console.print("   no actor to write a case file for (no alert was opened)", markup=False)
            return None
        out = config_path.parent / f"case-{top.id}"
        try:
            prepared = prepare_case(session, store, top.id, out, reveal=False, analyst="ktpwatch-demo")
        except CaseExportError as exc:
            raise UserError(f"demo case file: {exc}") from None
    written = write_case(prepared, out, timezone=settings.schedule.timezone, pdf=True, force=True)
    console.print(f"   actor {top.id} (risk {top.risk_score}, {len(prepared.case.listings)} listing(s)): "
                  f"{written.folder / 'case.html'}", markup=False, highlight=False, soft_wrap=True)
    console.print(f"   also case.pdf, network.svg, {written.wacz or 'no WACZ'}, screenshots/ and SHA256SUMS "
                  f"({len(written.files)} files, written in {time.monotonic() - started:.0f}s)", markup=False,
                  highlight=False, soft_wrap=True)
    for alert_id in written.missing_screenshots:
        console.print(f"   alert {alert_id}: no screenshot captured", markup=False, highlight=False)
    console.print(f"   again: {case_command(config_path, top.id, out)}", markup=False, highlight=False,
                  soft_wrap=True)
    return out
