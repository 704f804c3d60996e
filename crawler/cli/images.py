"""``ktpwatch images``: process queued listing photos (fetch, OCR, perceptual hashes, photo links)."""

from __future__ import annotations

import json
from typing import Annotated

import typer
from rich.text import Text

from crawler.cli.errors import UserError
from crawler.cli.output import OutputFormat, inert, render_rows
from crawler.cli.runtime import get_runtime


def process_cmd(
    listing: Annotated[list[int] | None, typer.Option(
        "--listing", help="Only photos of this listing id (repeatable).")] = None,
    limit: Annotated[int, typer.Option(
        "--limit", min=0, help="Process at most this many queued photos (0: all).")] = 0,
    workers: Annotated[int | None, typer.Option(
        "--workers", min=1, max=32, help="Worker threads (default: images.workers).")] = None,
    fmt: Annotated[OutputFormat, typer.Option("--format", help="table, json or csv.")] = OutputFormat.TABLE,
) -> None:
    """Fetch, store, hash and OCR every pending listing photo, re-score those listings and link reused photos.

    Resumable: what an interrupted run left pending is taken up by the next.

    Example: ktpwatch images process --limit 200
    """
    from alerts.images import OcrUnavailable, process_pending_images

    runtime = get_runtime()
    settings = runtime.settings
    if not settings.images.enabled:
        raise UserError("image processing is switched off (images.enabled = false)")
    if workers is not None:
        settings = settings.model_copy(update={"images": settings.images.model_copy(update={"workers": workers})})
    console = runtime.err_console

    def progress(done: int, total: int) -> None:
        if total and (done == total or done % 10 == 0):
            console.print(f"photos {done}/{total}", highlight=False)

    try:
        report = process_pending_images(
            runtime.sessions, settings, listing_ids=listing or None, limit=limit or None, progress=progress
        )
    except OcrUnavailable as exc:
        raise UserError(str(exc)) from exc
    summary = report.to_dict()
    if fmt is OutputFormat.JSON:
        runtime.console.print_json(json.dumps(summary))
    else:
        columns = [k for k in summary if k != "errors"]
        render_rows([summary], columns, fmt, runtime.console, title="Listing photos")
    for error in report.errors:
        console.print(Text("kept pending: ", style="yellow") + inert(error), highlight=False)


def register(root: typer.Typer) -> None:
    """Add the ``images`` command group."""
    images_app = typer.Typer(help="Listing photos: OCR, perceptual hashes, relisting by photo.", no_args_is_help=True)
    images_app.command("process")(process_cmd)
    root.add_typer(images_app, name="images")
