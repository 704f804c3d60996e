"""``ktpwatch config``: show and validate configuration and where each value came from."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Annotated, Any

import typer
from rich.table import Table

from alerts.redaction import redact_value
from config import load_config
from crawler.cli.output import OutputFormat, inert
from crawler.cli.runtime import announce_config, get_runtime

config_app = typer.Typer(help="Check configuration and show where each value came from.",
                         no_args_is_help=True)


def _flatten(value: Any, prefix: str = "") -> dict[str, Any]:
    out: dict[str, Any] = {}
    if isinstance(value, dict):
        for key, sub in value.items():
            out.update(_flatten(sub, f"{prefix}{key}."))
    else:
        out[prefix[:-1]] = value
    return out


@config_app.command("check")
def check_cmd(
    config: Annotated[
        Path | None, typer.Option("--config", "-c", help="Configuration file to check.")
    ] = None,
    fmt: Annotated[
        OutputFormat, typer.Option("--format", help="table or json.")
    ] = OutputFormat.TABLE,
) -> None:
    """Load and validate configuration; print every value with its origin.

    Exit code 2, with one line naming the file and key, when anything is wrong.

    Example: ktpwatch config check --config ./ktpwatch.toml
    """
    runtime = get_runtime()
    loaded = load_config(config if config is not None else runtime.config_path)
    announce_config(loaded, runtime.err_console)
    values = redact_value(_flatten(loaded.settings.model_dump(mode="json")))
    rows = [
        {"key": key, "value": value, "origin": _origin(key, loaded.origins)}
        for key, value in values.items()
    ]
    rows.append(
        {
            "key": "smtp.password",
            "value": "(set)" if _secret_set() else "(not set)",
            "origin": "env: KTPWATCH_SMTP_PASSWORD",
        }
    )
    if fmt is OutputFormat.JSON:
        typer.echo(json.dumps({"files": [str(f) for f in loaded.files], "values": rows},
                              ensure_ascii=False, indent=2))
        return
    table = Table(title="ktpwatch configuration")
    for col in ("key", "value", "origin"):
        table.add_column(col)
    for row in rows:
        table.add_row(row["key"], inert(json.dumps(row["value"], ensure_ascii=False)),
                      inert(row["origin"]))
    runtime.console.print(table)
    runtime.console.print(f"configuration OK ({len(rows)} values from {len(loaded.files)} file(s))")


def _origin(key: str, origins: dict[str, str]) -> str:
    parts = key.split(".")
    while parts:
        if ".".join(parts) in origins:
            return origins[".".join(parts)]
        parts.pop()
    return "built-in default"


def _secret_set() -> bool:
    from config import smtp_password

    return bool(smtp_password())


def register(root: typer.Typer) -> None:
    root.add_typer(config_app, name="config")
