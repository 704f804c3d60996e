"""``ktpwatch worker``: crawl the requests of distributed scans from the shared Redis queue."""

from __future__ import annotations

from typing import Annotated

import typer

from config.secrets import redact_url
from crawler.cli.errors import UserError
from crawler.cli.runtime import get_runtime


def worker_cmd(
    redis: Annotated[str | None, typer.Option(
        "--redis", help="Redis URL of the scan queue (default: distributed.redis_url).")] = None,
    scan: Annotated[int | None, typer.Option(
        "--scan", min=1, help="Work on this scan only, in this process, then exit.")] = None,
    once: Annotated[bool, typer.Option(
        "--once", help="Exit after the first scan instead of waiting for the next.")] = False,
    heartbeat: Annotated[float, typer.Option(
        "--heartbeat", min=1.0,
        help="Seconds without a heartbeat after which other workers re-queue this one's "
             "requests.")] = 10.0,
) -> None:
    """Join distributed scans: fetch, score and store queued requests until each scan is done.

    Start any number of workers on any machines that reach the same Redis and
    the same database (storage.url, normally PostgreSQL); then run
    `ktpwatch scan --distributed` once. A killed worker's requests are
    re-queued by the others after --heartbeat seconds. Without --scan or
    --once the worker waits for scans forever (each scan in a child process).

    Example: ktpwatch worker --redis redis://10.0.0.5:6379/0
    """
    from crawler.distributed import (
        WorkerError,
        connect,
        run_worker_scan,
        serve_forever,
        wait_for_active_scan,
    )

    runtime = get_runtime()
    settings = runtime.settings
    url = redis or settings.distributed.redis_url
    if not url.startswith(("redis://", "rediss://", "unix://")):
        raise UserError(f"--redis expects a redis:// URL, got {url!r}")
    console = runtime.err_console
    try:
        if scan is None and once:
            scan = wait_for_active_scan(connect(url))
        if scan is not None:
            report = run_worker_scan(settings, url, scan, heartbeat_seconds=heartbeat)
            reasons = ", ".join(f"{k} {v}" for k, v in report.finish_reasons.items())
            console.print(f"scan {scan}: done ({reasons})")
            return
        connect(url)
        console.print(f"worker waiting for scans on {redact_url(url)} (Ctrl-C to stop)")

        def said(scan_id: int, code: int, rejoining: bool) -> None:
            state = "done" if code == 0 else f"ended with exit code {code}"
            console.print(f"scan {scan_id}: {state}" + ("; joining it again" if rejoining else ""))

        config = str(runtime.config_path) if runtime.config_path else None
        serve_forever(url, config_path=config, once=once, heartbeat_seconds=heartbeat, on_scan=said)
    except WorkerError as exc:
        raise UserError(str(exc)) from None
    except KeyboardInterrupt:
        console.print("worker stopped")


def register(root: typer.Typer) -> None:
    root.command("worker")(worker_cmd)
