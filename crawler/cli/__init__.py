"""The ``ktpwatch`` command: a thin shell over library functions, one module per command group.

Conventions every command module follows (a test walks the tree to enforce them):

* the module exposes ``register(root: typer.Typer) -> None`` that adds its group or command;
* a command's function is named after the command with a ``_cmd`` suffix
  (``scan_cmd``, ``list_cmd``), so it never shadows the library function it wraps,
  and a group's Typer is named after the group (``notices_app``; ``app`` is the root);
* every command has help text whose docstring ends with an ``Example:`` line;
* commands call library functions (``storage``, ``alerts``, ``matchers`` …) that
  tests call directly; the command only parses options and prints;
* heavy libraries (Scrapy, Alembic, the sandbox, the WACZ indexer, Playwright)
  are imported inside the command that needs them, never at module level;
* user mistakes raise :class:`crawler.cli.errors.UserError` (one line, exit 1)
  and bad configuration raises ``config.ConfigError`` (one line, exit 2), as does
  a database whose schema is behind (``storage.migrate.SchemaNotCurrent``: only
  ``ktpwatch db upgrade`` migrates);
* listing commands take ``--format table|json|csv`` (:mod:`crawler.cli.output`).

Why the commands are lazy: an analyst runs dozens of commands an hour, and
importing every command module loads the whole product (Scrapy, Alembic, the
sandbox server …) for ``ktpwatch --version``. The root group knows each command
by name and one-line summary (:data:`COMMANDS`) and imports a command's module
only when that command runs or its own ``--help`` is asked for (Click's
"lazy loading of subcommands": ``list_commands`` / ``get_command``). This
module therefore imports nothing of ours at module level but the version.
"""

from __future__ import annotations

import importlib
import os
import sys
import traceback
from pathlib import Path
from typing import Annotated, Any

import typer
from typer.core import TyperCommand, TyperGroup

from crawler import __version__

#: command name -> (module under ``crawler.cli``, the summary ``ktpwatch --help`` shows), in
#: the order ``--help`` lists them. A test checks each summary against the command's own help.
COMMANDS: dict[str, tuple[str, str]] = {
    "scan": ("scan", "Run every enabled spider over every query, score, store and open alerts."),
    "classify": ("classify", "Score listings from JSON Lines and print one JSON object per input line, "
                 "in order."),
    "report": ("report", "Per-marketplace outcomes: opened, confirmed, dismissed, notices, removals, "
               "times, relistings."),
    "followup": ("followup", "Re-fetch every notified listing past its deadline: removed ones close, "
                 "live ones need escalation."),
    "worker": ("worker", "Join distributed scans: fetch, score and store queued requests until each "
               "scan is done."),
    "demo": ("demo", "Run the whole life of a listing offline against a local sandbox, printing each step."),
    "alerts": ("alerts", "Review alerts: list, show, confirm, dismiss, reopen, note, assign."),
    "actors": ("actors", "Sellers behind the alerts: actors, risk with reasons, corrections."),
    "case": ("case", "The case file for the police: one actor's listings, network, risk and evidence."),
    "notices": ("notices", "Draft, preview, send and list takedown notices."),
    "notify": ("notify", "Notification digests sent through Apprise to the channels in [notify] urls."),
    "evidence": ("evidence", "Verify, export and capture the evidence (WARC, HTML, screenshot, manifest) "
                 "of alerts."),
    "images": ("images", "Listing photos: OCR, perceptual hashes, relisting by photo."),
    "ledger": ("ledger", "The blank-stock ledger: import the issuer's files, trace a chip UID to its office."),
    "schedule": ("schedule", "Run scans, follow-ups and evidence retries on a schedule, and see how they went."),
    "sandbox": ("sandbox", "Local marketplaces with a planted catalogue, faults and abuse desks (for demo, "
                "tests, benchmarks)."),
    "config": ("config_cmd", "Check configuration and show where each value came from."),
    "db": ("db", "Create, migrate and inspect the database."),
}


def load_command(name: str) -> Any:
    """Import the module of command ``name`` and build its Click command (a group or a leaf).

    The first import in a process runs with the collector paused and freezes
    what it built (:func:`crawler.gc_tuning.collector_paused`): a third of
    ``alerts list``'s start-up was the collector walking freshly imported
    modules. A module imported already (a test session) builds nothing to freeze.
    """
    module_name = f"crawler.cli.{COMMANDS[name][0]}"
    module = sys.modules.get(module_name)
    if module is None:
        from crawler.gc_tuning import collector_paused

        with collector_paused():
            module = importlib.import_module(module_name)
    holder = typer.Typer(rich_markup_mode=None, add_completion=False)
    module.register(holder)
    return typer.main.get_group(holder).commands[name]


def command_tree(command: Any = None, path: tuple[str, ...] = ()) -> list[tuple[tuple[str, ...], Any]]:
    """Every command under ``command`` (default: the root) with its path, loading the lazy ones.

    For the help-text test and the README's command reference: ``.commands``
    of a lazy group holds only what was loaded so far.
    """
    if command is None:
        command = typer.main.get_command(app)
    found = [(path, command)]
    if isinstance(command, TyperGroup):
        ctx = typer.Context(command)
        for name in command.list_commands(ctx):
            found.extend(command_tree(command.get_command(ctx, name), (*path, name)))
    return found


def exit_code_for(exc: Exception) -> tuple[int, str]:
    """The exit code and the one line on stderr for an error a command raised.

    The error types are imported here, when an error happened, so that
    starting a command loads neither the configuration nor Alembic.
    """
    from alerts.redaction import redact_text
    from config import ConfigError
    from crawler.cli.errors import UserError, describe_unexpected
    from storage.migrate import SchemaNotCurrent

    if isinstance(exc, (ConfigError, SchemaNotCurrent)):
        return 2, f"error: {redact_text(str(exc))}"
    if isinstance(exc, UserError):
        return exc.exit_code, f"error: {redact_text(str(exc))}"
    if os.environ.get("KTPWATCH_DEBUG"):  # the traceback, redacted like every output
        typer.echo(redact_text(traceback.format_exc()), err=True)
    return 1, f"error: {describe_unexpected(exc)} (set KTPWATCH_DEBUG=1 for a traceback)"


class KtpwatchGroup(TyperGroup):
    """Loads each command on first use and turns the errors users can cause into one line and an exit code."""

    def list_commands(self, ctx: Any) -> list[str]:
        return list(COMMANDS)

    def get_command(self, ctx: Any, cmd_name: str) -> Any:
        if cmd_name not in self.commands and cmd_name in COMMANDS:
            self.commands[cmd_name] = load_command(cmd_name)
        return self.commands.get(cmd_name)

    def format_commands(self, ctx: Any, formatter: Any) -> None:
        """The command list from :data:`COMMANDS`: ``ktpwatch --help`` imports no command module."""
        limit = formatter.width - 6 - max(len(name) for name in COMMANDS)
        rows = [(name, TyperCommand(name, help=summary).get_short_help_str(limit))
                for name, (_, summary) in COMMANDS.items()]
        with formatter.section("Commands"):
            formatter.write_dl(rows)

    def invoke(self, ctx: Any) -> Any:
        try:
            return super().invoke(ctx)
        except KeyboardInterrupt:
            typer.echo("interrupted", err=True)
            ctx.exit(130)
        except (typer.Exit, typer.Abort, typer.TyperException):
            raise
        except Exception as exc:
            code, line = exit_code_for(exc)
            typer.echo(line, err=True)
            ctx.exit(code)
        finally:
            close = getattr(ctx.find_root().obj, "close", None)
            if close is not None:
                close()



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
    from crawler.cli.runtime import Runtime, set_runtime
    from crawler.log_redaction import install_log_redaction

    install_log_redaction()
    if not isinstance(ctx.obj, Runtime):
        ctx.obj = Runtime(config_path=config)
    elif config is not None:
        ctx.obj.config_path = config
    set_runtime(ctx.obj)


def main() -> None:
    """Console-script entry point."""
    from crawler.log_redaction import install_process_redaction

    install_process_redaction()
    app(prog_name="ktpwatch")


if __name__ == "__main__":  # pragma: no cover
    main()
