"""``ktpwatch scan``: search every enabled marketplace for every query, now."""

from __future__ import annotations

import json
from typing import TYPE_CHECKING, Annotated, Any

import typer
from rich.progress import Progress, SpinnerColumn, TaskID, TextColumn, TimeElapsedColumn
from rich.table import Table

from alerts.redaction import redact_value
from config import ConfigError
from crawler.cli.errors import UserError
from crawler.cli.invocation import runnable_command
from crawler.cli.runtime import get_runtime
from crawler.marketplace_addresses import point_at

if TYPE_CHECKING:
    from rich.console import Console

    from config import Settings
    from crawler.scan import ScanOptions, ScanSummary


def _summary_table(summary: ScanSummary) -> Table:
    table = Table(title=f"scan {summary.scan_id}: {summary.status} in {summary.duration_seconds}s")
    for col in ("marketplace", "requests", "items", "degraded", "details", "hits", "new alerts",
                "errors", "parse failures", "parser errors", "blocked", "health"):
        table.add_column(col, justify="left" if col in ("marketplace", "health") else "right")
    for mp in summary.marketplaces:
        table.add_row(mp.marketplace, str(mp.requests), str(mp.items), str(mp.degraded),
                      str(mp.details), str(mp.hits), str(mp.new_alerts), str(mp.errors),
                      str(mp.parse_failures), str(mp.parser_errors), str(mp.blocked),
                      "; ".join(mp.flags) or ("ok" if mp.items else "-"))
    return table


def scan_cmd(
    marketplace: Annotated[list[str] | None, typer.Option(
        "--marketplace", "-m", help="Only this marketplace (repeatable).")] = None,
    query: Annotated[list[str] | None, typer.Option(
        "--query", "-q", help="Only this query (repeatable); default: the configured lexicon.")] = None,
    max_pages: Annotated[int | None, typer.Option(
        "--max-pages", min=1, help="Result pages per query (default: crawl.max_pages).")] = None,
    sandbox: Annotated[str | None, typer.Option(
        "--sandbox", help="Point every marketplace at a running sandbox, e.g. http://127.0.0.1:8900.")] = None,
    transport: Annotated[str | None, typer.Option(
        "--transport", help="Force api or browser for every marketplace.")] = None,
    no_evidence: Annotated[bool, typer.Option(
        "--no-evidence", help="Do not capture evidence for new hits.")] = False,
    no_images: Annotated[bool, typer.Option(
        "--no-images", help="Do not read listing photos (OCR, photo links) after the crawl.")] = False,
    as_json: Annotated[bool, typer.Option("--json", help="Print the summary as JSON.")] = False,
    distributed: Annotated[bool, typer.Option(
        "--distributed", help="Queue the requests in Redis for `ktpwatch worker`s and wait.")] = False,
    redis: Annotated[str | None, typer.Option(
        "--redis", help="Redis URL for --distributed (default: distributed.redis_url).")] = None,
    trigger: Annotated[str, typer.Option(hidden=True)] = "manual",
) -> None:
    """Run every enabled spider over every query, score, store and open alerts.

    Shows live progress per marketplace and a summary table at the end
    (--json prints the summary as JSON instead). "degraded" counts listings a
    changed marketplace layout left to the shape-agnostic fallback. Exit code 1 when
    any marketplace was unreachable, blocked, failed to parse or was read
    degraded, when listings could not be stored (they are kept for the next
    scan), when evidence capture failed, or when the scan did not finish; the
    summary's "problems" say which.

    Example: ktpwatch scan --marketplace tokopedia --query "blanko ktp el" --max-pages 2
    """
    # imported here so `ktpwatch --help` does not load Scrapy and the matchers
    from crawler.scan import ScanError, ScanOptions, run_scan

    runtime = get_runtime()
    settings = _scan_settings(runtime.settings, sandbox=sandbox, distributed=distributed, redis=redis)
    options = ScanOptions(
        marketplaces=marketplace or (), queries=query or (), max_pages=max_pages,
        transport=transport, trigger=trigger, capture_evidence=not no_evidence,
        process_images=not no_images,
    )
    try:
        if as_json:
            summary = run_scan(settings, options)
        else:
            summary = _run_with_progress(runtime.console, settings, options)
    except ScanError as exc:
        raise UserError(str(exc), exit_code=2) from None
    if as_json:
        typer.echo(json.dumps(redact_value(summary.to_dict()), ensure_ascii=False, default=str, indent=2))
    else:
        _print_summary(runtime.console, summary)
    if summary.status != "finished" or summary.problems:
        raise typer.Exit(1)


def _scan_settings(settings: Settings, *, sandbox: str | None, distributed: bool, redis: str | None) -> Settings:
    """The configured settings, pointed at a sandbox and switched to distributed mode as asked."""
    if sandbox:
        try:
            settings = point_at(settings, sandbox)
        except ConfigError as exc:
            raise UserError(str(exc)) from None
    if distributed or redis:
        dist = settings.distributed.model_copy(
            update={"enabled": True, "redis_url": redis or settings.distributed.redis_url})
        settings = settings.model_copy(update={"distributed": dist})
    return settings


def _print_summary(console: Console, summary: ScanSummary) -> None:
    """The summary table, then evidence, photos, health flags, problems and where to look next."""
    console.print(_summary_table(summary))
    if summary.evidence:
        console.print(f"evidence: {summary.evidence}", markup=False)
    if summary.images:
        console.print(f"photos: {summary.images}", markup=False)
    for flag in summary.health_flags:
        console.print(f"health: {flag}", markup=False, style="yellow")
    for problem in summary.problems:
        console.print(f"problem: {problem}", markup=False, style="red")
    console.print(f"{summary.new_alerts} new alert(s). Review them with: "
                  f"{runnable_command()} alerts list --status new", markup=False, highlight=False,
                  soft_wrap=True)  # never broken across lines: it is meant to be pasted


def _run_with_progress(console: Any, settings: Any, options: ScanOptions) -> ScanSummary:
    from crawler.scan import run_scan
    from spiders.keys import marketplace_stat_key

    columns = (SpinnerColumn(), TextColumn("{task.description:<10}"),
               TextColumn("requests {task.fields[requests]:>5}  listings {task.fields[items]:>6}  "
                          "hits {task.fields[hits]:>4}  blocked {task.fields[blocked]:>3}"),
               TimeElapsedColumn())
    with Progress(*columns, console=console, transient=False) as progress:
        tasks: dict[str, TaskID] = {}

        def update(marketplace: str, stats: dict[str, Any]) -> None:
            prefix = marketplace_stat_key(marketplace)
            fields: dict[str, Any] = {k: int(stats.get(prefix + k, 0) or 0)
                                      for k in ("requests", "items", "hits", "blocked")}
            if marketplace not in tasks:
                tasks[marketplace] = progress.add_task(marketplace, total=None, **fields)
            progress.update(tasks[marketplace], **fields)

        return run_scan(settings, options, progress=update)


def register(root: typer.Typer) -> None:
    root.command("scan")(scan_cmd)
