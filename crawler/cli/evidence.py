"""`ktpwatch evidence`: verify, export, view and (re)capture the evidence kept for alerts.

``view`` hands out only the inert viewing copy of a captured page
(:mod:`alerts.evidence.viewing`), never the original with the seller's scripts.
"""

from __future__ import annotations

import webbrowser
from pathlib import Path
from typing import Annotated

import typer
from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn, TimeElapsedColumn

from alerts.evidence import (
    BundleResult,
    CaptureUnavailable,
    EvidenceStore,
    EvidenceWriteError,
    capture_pending_sync,
    verify_evidence,
)
from alerts.evidence.viewing import page_views
from alerts.redaction import redact_text
from crawler.cli.errors import UserError
from crawler.cli.output import OutputFormat, render_rows, safe_text
from crawler.cli.runtime import get_runtime
from storage import evidence as evidence_db

evidence_app = typer.Typer(
    name="evidence",
    help="Verify, export and capture the evidence (WARC, HTML, screenshot, manifest) of alerts.",
    no_args_is_help=True,
)

VERIFY_COLUMNS = ("alert_id", "bundle_id", "bundle_status", "kind", "name", "status", "sha256", "detail")


def _store() -> EvidenceStore:
    return EvidenceStore(Path(get_runtime().settings.evidence.dir))


def _check_alerts(alert_ids: list[int]) -> None:
    rt = get_runtime()
    with rt.sessions.begin() as session:
        unknown = evidence_db.missing_alert_ids(session, alert_ids)
    if unknown:
        raise UserError(f"no alert with id {', '.join(str(i) for i in unknown)}")


@evidence_app.command("verify")
def verify_cmd(
    alert_ids: Annotated[
        list[int] | None, typer.Argument(help="Alerts to check (default: every alert).")
    ] = None,
    fmt: Annotated[OutputFormat, typer.Option("--format", help="Output format.")] = OutputFormat.TABLE,
) -> None:
    """Recompute the SHA-256 of every evidence file and compare it with the database and manifest.

    Exits 1 and names each file that is missing or altered.

    Example: ktpwatch evidence verify 12 13
    """
    rt = get_runtime()
    ids = list(alert_ids) if alert_ids else None
    if ids:
        _check_alerts(ids)
    with rt.sessions.begin() as session:
        rows = verify_evidence(session, _store(), ids)
    render_rows(
        [{c: getattr(r, c) for c in VERIFY_COLUMNS} | {"sha256": r.sha256[:16]} for r in rows],
        VERIFY_COLUMNS,
        fmt,
        rt.console,
        title="Evidence integrity",
    )
    bad = [r for r in rows if not r.ok]
    if fmt is OutputFormat.TABLE:
        rt.console.print(f"{len(rows) - len(bad)} of {len(rows)} evidence files intact.")
    for r in bad:
        typer.echo(
            f"{r.status}: alert {r.alert_id} bundle {r.bundle_id} {r.name} ({safe_text(r.path)}): "
            f"{safe_text(r.detail)}",
            err=True,
        )
    if bad:
        raise typer.Exit(1)


@evidence_app.command("export")
def export_cmd(
    alert_id: Annotated[int, typer.Argument(help="Alert whose evidence to export.")],
    out: Annotated[
        Path,
        typer.Option("--out", "-o", help="A FILE.wacz, or a folder that also gets screenshots and manifests."),
    ],
    force: Annotated[bool, typer.Option("--force", help="Replace files that already exist.")] = False,
) -> None:
    """Write an alert's evidence as a WACZ 1.1.1 package (web-archive replay tools open it).

    With a folder as --out, each bundle's screenshot and manifest are written beside it.

    Example: ktpwatch evidence export 12 --out alert-12.wacz
    """
    from alerts.evidence.wacz import ExportError, export_wacz  # the WACZ indexer: this command only

    rt = get_runtime()
    _check_alerts([alert_id])
    try:
        with rt.sessions.begin() as session:
            path = export_wacz(session, _store(), alert_id, out, overwrite=force)
    except ExportError as exc:
        raise UserError(str(exc)) from None
    except OSError as exc:
        raise UserError(f"cannot write {out}: {exc.strerror or exc}") from None
    rt.console.print(f"wrote {path} ({path.stat().st_size} bytes)")


@evidence_app.command("view")
def view_cmd(
    alert_id: Annotated[int, typer.Argument(help="Alert whose captured pages to view.")],
    open_first: Annotated[
        bool, typer.Option("--open", help="Open the newest page's viewing copy in the default browser.")
    ] = False,
) -> None:
    """Print the viewing copy of each captured page: scripts and network removed, a strict CSP.

    The original page.html (the evidence) is kept as captured and never opened:
    it would run the seller's scripts on your machine.

    Example: ktpwatch evidence view 12 --open
    """
    rt = get_runtime()
    _check_alerts([alert_id])
    try:
        with rt.sessions.begin() as session:
            views = page_views(session, _store(), alert_id)
    except (EvidenceWriteError, OSError) as exc:
        raise UserError(str(exc)) from None
    if not views:
        raise UserError(f"alert {alert_id} has no captured page yet (see `ktpwatch evidence retry`)")
    for page in views:
        made = " (viewing copy made now)" if page.made_now else ""
        rt.console.print(f"bundle {page.bundle_id}: {page.path.as_uri()}  {safe_text(redact_text(page.url))}{made}",
                         markup=False, highlight=False, soft_wrap=True)
    if open_first:
        webbrowser.open(views[-1].path.as_uri())


@evidence_app.command("retry")
def retry_cmd(
    bundle_ids: Annotated[
        list[int] | None,
        typer.Option("--bundle", help="Only this bundle (repeatable); default: every pending or failed one."),
    ] = None,
    pool: Annotated[
        int | None, typer.Option("--pool", min=1, max=16, help="Browser pages at once (default: evidence.screenshot_pool).")
    ] = None,
    force: Annotated[bool, typer.Option(
        "--force", help="With --bundle: capture these failed bundles even when out of attempts.")] = False,
) -> None:
    """Capture what is missing: pending bundles, and failed ones with attempts left.

    Local errors (disk full, permission denied) use no attempt; --force
    --bundle N tries a bundle that is out of attempts once more.

    Example: ktpwatch evidence retry --bundle 12 --force
    """
    rt = get_runtime()
    if force and not bundle_ids:
        raise UserError("--force needs --bundle: name the bundles to capture again")
    with Progress(
        TextColumn("capturing evidence"),
        BarColumn(),
        MofNCompleteColumn(),
        TimeElapsedColumn(),
        console=rt.err_console,
        transient=False,
    ) as progress:
        task = progress.add_task("capture", total=None)

        def advance(result: BundleResult, total: int) -> None:
            progress.update(task, total=total, advance=1)

        try:
            report = capture_pending_sync(
                rt.sessions, rt.settings, bundle_ids=bundle_ids or None, pool_size=pool,
                on_result=advance, force=force,
            )
        except CaptureUnavailable as exc:
            raise UserError(str(exc)) from None
    if not report.results:
        rt.console.print("nothing to capture: every bundle is complete or out of attempts"
                         + ("." if force else " (--bundle N --force tries one again)."))
        return
    rt.console.print(
        f"captured {report.ok}, failed {report.failed} in {report.seconds:.1f}s "
        f"(pool {report.pool_size}, {report.per_minute:.1f} captures/minute)"
    )
    for r in report.results:
        if r.status != "ok":
            typer.echo(f"failed: bundle {r.bundle_id}: {safe_text(r.reason)}", err=True)
    if report.failed:
        raise typer.Exit(1)


def register(root: typer.Typer) -> None:
    root.add_typer(evidence_app)
