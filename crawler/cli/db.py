"""``ktpwatch db``: create or migrate the database with Alembic."""

from __future__ import annotations

import typer
from sqlalchemy import inspect

from config.secrets import redact_url
from crawler.cli.runtime import get_runtime
from storage.migrate import current_revision, head_revision, upgrade
from storage.session import make_engine

db_app = typer.Typer(help="Create, migrate and inspect the database.", no_args_is_help=True)


@db_app.command("upgrade")
def upgrade_cmd() -> None:
    """Create the database or migrate it to the newest schema.

    Other commands do this on first use; run it yourself before a deployment.

    Example: KTPWATCH_DB_URL=postgresql+psycopg://ktp@127.0.0.1/ktp ktpwatch db upgrade
    """
    runtime = get_runtime()
    url = runtime.settings.storage.url
    engine = make_engine(url)
    try:
        before = current_revision(engine)
        upgrade(engine)
        tables = sorted(inspect(engine).get_table_names())
    finally:
        engine.dispose()
    typer.echo(f"database {redact_url(url)}: {before or 'empty'} -> {head_revision()} ({len(tables)} tables)")


@db_app.command("status")
def status_cmd() -> None:
    """Print the database URL and whether its schema is current.

    Example: ktpwatch db status
    """
    runtime = get_runtime()
    url = runtime.settings.storage.url
    engine = make_engine(url)
    try:
        current = current_revision(engine)
    finally:
        engine.dispose()
    head = head_revision()
    state = "up to date" if current == head else "needs `ktpwatch db upgrade`"
    typer.echo(f"database {redact_url(url)}: "
               f"revision {current or 'none'}, head {head}: {state}")


def register(root: typer.Typer) -> None:
    root.add_typer(db_app, name="db")
