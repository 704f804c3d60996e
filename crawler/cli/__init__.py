"""The ``ktpwatch`` command: a thin shell over library functions, one module per command group.

Conventions every command module follows (a test walks the tree to enforce them):

* the module exposes ``register(root: typer.Typer) -> None`` that adds its group or command;
* every command has help text whose docstring ends with an ``Example:`` line;
* commands call library functions (``storage``, ``alerts``, ``matchers`` …) that
  tests call directly; the command only parses options and prints;
* user mistakes raise :class:`crawler.cli.errors.UserError` (one line, exit 1)
  and bad configuration raises ``config.ConfigError`` (one line, exit 2), as does
  a database whose schema is behind (``storage.migrate.SchemaNotCurrent``: only
  ``ktpwatch db upgrade`` migrates);
* listing commands take ``--format table|json|csv`` (:mod:`crawler.cli.output`).
"""

from __future__ import annotations

import importlib
import os
import traceback
from pathlib import Path
from typing import Annotated, Any

import typer
from typer.core import TyperGroup

from alerts.redaction import redact_text
from config import ConfigError
from crawler import __version__
from crawler.cli.errors import UserError, describe_unexpected
from crawler.cli.runtime import Runtime, set_runtime
from crawler.log_redaction import install_log_redaction, install_process_redaction
from storage.migrate import SchemaNotCurrent

#: Command modules in the order ``ktpwatch --help`` lists them.
COMMAND_MODULES = (
    "scan",
    "classify",
    "alerts",
    "report",
    "notices",
    "followup",
    "notify",
    "evidence",
    "images",
    "ledger",
    "schedule",
    "worker",
    "sandbox",
    "demo",
    "config_cmd",
    "db",
)


class KtpwatchGroup(TyperGroup):
    """Turns the errors users can cause into one line on stderr and an exit code."""

    def list_commands(self, ctx: Any) -> list[str]:
        return list(self.commands)

    def invoke(self, ctx: Any) -> Any:
        try:
            return super().invoke(ctx)
        except (ConfigError, SchemaNotCurrent) as exc:
            typer.echo(f"error: {redact_text(str(exc))}", err=True)
            ctx.exit(2)
        except UserError as exc:
            typer.echo(f"error: {redact_text(str(exc))}", err=True)
            ctx.exit(exc.exit_code)
        except KeyboardInterrupt:
            typer.echo("interrupted", err=True)
            ctx.exit(130)
        except (typer.Exit, typer.Abort, typer.TyperException):
            raise
        except Exception as exc:
            if os.environ.get("KTPWATCH_DEBUG"):  # the traceback, redacted like every output
                typer.echo(redact_text(traceback.format_exc()), err=True)
            typer.echo(
                f"error: {describe_unexpected(exc)} (set KTPWATCH_DEBUG=1 for a traceback)",
                err=True,
            )
            ctx.exit(1)
        finally:
            obj = ctx.find_root().obj
            if isinstance(obj, Runtime):
                obj.close()


app = typer.Typer(
    cls=KtpwatchGroup,
    name="ktpwatch",
    help="Watch Indonesian marketplaces for listings that sell blank e-KTP cards, keep "
    "evidence and send takedown notices.",
    no_args_is_help=True,
    rich_markup_mode=None,
    pretty_exceptions_enable=False,
    context_settings={"help_option_names": ["-h", "--help"]},
)


def _version(value: bool) -> None:
    if value:
        typer.echo(f"ktpwatch {__version__}")
        raise typer.Exit()


@app.callback()
def root(
    ctx: typer.Context,
    config: Annotated[
        Path | None,
        typer.Option(
            "--config",
            "-c",
            help="Configuration file (default: $KTPWATCH_CONFIG, else ./ktpwatch.toml).",
            envvar=None,
        ),
    ] = None,
    version: Annotated[
        bool,
        typer.Option("--version", callback=_version, is_eager=True, help="Print the version."),
    ] = False,
) -> None:
    """Watch Indonesian marketplaces for blank e-KTP sales."""
    install_log_redaction()
    if not isinstance(ctx.obj, Runtime):
        ctx.obj = Runtime(config_path=config)
    elif config is not None:
        ctx.obj.config_path = config
    set_runtime(ctx.obj)


for _name in COMMAND_MODULES:
    importlib.import_module(f"crawler.cli.{_name}").register(app)


def main() -> None:
    """Console-script entry point."""
    install_process_redaction()
    app(prog_name="ktpwatch")


if __name__ == "__main__":  # pragma: no cover
    main()
