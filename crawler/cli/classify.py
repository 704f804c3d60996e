"""``ktpwatch classify``: score JSON Lines listings offline, one JSON line out per line in.

Its output is an output like any other (issue 17: no command prints a full
NIK unless asked): NIKs found in the listings — in ``identifiers`` values and
in the reasons' matched text — are masked by :mod:`alerts.redaction`, with the
JSON Lines contract unchanged (same keys, same shapes: a masked NIK is still a
string). ``--reveal`` prints them whole; classify needs no database and has
no alert whose audit trail could hold it, so each reveal is a line on stderr
and a warning in the log (``ktpwatch.audit``, when logging is set up) with
the analyst's name and the input.
"""

from __future__ import annotations

import json
import logging
import sys
from pathlib import Path
from typing import Annotated, TextIO

import typer

from alerts.redaction import redact_text, redact_value
from crawler.cli.errors import UserError
from crawler.cli.options import AsOption
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


def masked_line(text: str) -> str:
    """One output line with every NIK masked: the same keys and shapes, re-encoded only if one was found."""
    record = json.loads(text)
    masked = redact_value(record)
    return text if masked == record else json.dumps(masked, ensure_ascii=False)


def audit_reveal(analyst: str, source: str) -> None:
    """Say on stderr, and in the log when logging is set up, who had NIKs shown unmasked from which input."""
    line = f"audit: NIKs shown unmasked to {analyst} (classify {source})"
    typer.echo(line, err=True)
    log = logging.getLogger("ktpwatch.audit")
    if log.hasHandlers():
        log.warning(line)


def classify_cmd(
    source: Annotated[str, typer.Argument(
        metavar="[FILE|-]", help="JSON Lines file with id, title and optional description; - for stdin.")] = "-",
    blank_threshold: Annotated[float | None, typer.Option(
        "--blank-threshold", min=0, max=100, help="Score for a blank verdict (default: matching.blank_threshold).")] = None,
    related_threshold: Annotated[float | None, typer.Option(
        "--related-threshold", min=0, max=100, help="Score for a related verdict (default: matching.related_threshold).")] = None,
    reveal: Annotated[bool, typer.Option(
        "--reveal", help="Print NIKs unmasked (audited with your name in the log).")] = False,
    actor: AsOption = None,
) -> None:
    """Score listings from JSON Lines and print one JSON object per input line, in order.

    Each output line is {"id", "score", "verdict", "identifiers", "reasons"}.
    A malformed line prints {"id", "line", "error"} instead (and a message on
    stderr); the other lines are still scored and the exit code is 1. Blank
    lines are skipped. NIKs are masked (3174********0003) unless --reveal.

    Example: ktpwatch classify listings.jsonl > verdicts.jsonl
    """
    from matchers.jsonl import classify_lines  # imported here: `ktpwatch --help` stays fast

    runtime = get_runtime()
    matching = runtime.settings.matching
    if reveal:
        audit_reveal(runtime.analyst(actor), source)
    opts = {
        "blank_threshold": matching.blank_threshold if blank_threshold is None else blank_threshold,
        "related_threshold": matching.related_threshold if related_threshold is None else related_threshold,
    }
    stream = _open(source)
    failed = 0
    out = sys.stdout
    try:
        for result in classify_lines(stream, **opts):
            out.write(result.text if reveal else masked_line(result.text))
            out.write("\n")
            if result.error is not None:
                failed += 1
                typer.echo(f"line {result.line}: {safe_text(redact_text(result.error, reveal=reveal))}", err=True)
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
