"""``ktpwatch classify``: score JSON Lines listings offline, one JSON line out per line in."""

from __future__ import annotations

import sys
from pathlib import Path
from typing import Annotated, TextIO

import typer

from crawler.cli.errors import UserError
from crawler.cli.output import safe_text
from crawler.cli.runtime import get_runtime


def _open(source: str) -> TextIO:
    if source == "-":
        return sys.stdin
    path = Path(source)
    if not path.is_file():
        raise UserError(f"no such file: {source}")
    try:
        return path.open(encoding="utf-8", errors="replace")
    except OSError as exc:
        raise UserError(f"cannot read {source}: {exc.strerror}") from exc


def classify_cmd(
    source: Annotated[str, typer.Argument(
        metavar="[FILE|-]", help="JSON Lines file with id, title and optional description; - for stdin.")] = "-",
    blank_threshold: Annotated[float | None, typer.Option(
        "--blank-threshold", min=0, max=100, help="Score for a blank verdict (default: matching.blank_threshold).")] = None,
    related_threshold: Annotated[float | None, typer.Option(
        "--related-threshold", min=0, max=100, help="Score for a related verdict (default: matching.related_threshold).")] = None,
) -> None:
    """Score listings from JSON Lines and print one JSON object per input line, in order.

    Each output line is {"id", "score", "verdict", "identifiers", "reasons"}.
    A malformed line prints {"id", "line", "error"} instead (and a message on
    stderr); the other lines are still scored and the exit code is 1. Blank
    lines are skipped.

    Example: ktpwatch classify listings.jsonl > verdicts.jsonl
    """
    from matchers.jsonl import classify_lines  # imported here: `ktpwatch --help` stays fast

    matching = get_runtime().settings.matching
    opts = {
        "blank_threshold": matching.blank_threshold if blank_threshold is None else blank_threshold,
        "related_threshold": matching.related_threshold if related_threshold is None else related_threshold,
    }
    stream = _open(source)
    failed = 0
    out = sys.stdout
    try:
        for result in classify_lines(stream, **opts):
            out.write(result.text)
            out.write("\n")
            if result.error is not None:
                failed += 1
                typer.echo(f"line {result.line}: {safe_text(result.error)}", err=True)
    finally:
        out.flush()
        if stream is not sys.stdin:
            stream.close()
    if failed:
        typer.echo(f"{failed} line(s) could not be classified", err=True)
        raise typer.Exit(1)


def register(root: typer.Typer) -> None:
    """Adds ``ktpwatch classify``."""
    root.command("classify")(classify_cmd)
