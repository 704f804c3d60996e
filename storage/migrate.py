"""Alembic, driven from code, so ``ktpwatch db upgrade`` needs no alembic.ini.

:func:`upgrade` is called by ``ktpwatch db upgrade`` (and tests) only; every
other entry point calls :func:`require_current_schema`.
"""

from __future__ import annotations

from pathlib import Path

from alembic import command
from alembic.config import Config as AlembicConfig
from alembic.runtime.migration import MigrationContext
from alembic.script import ScriptDirectory
from sqlalchemy import Engine

MIGRATIONS_DIR = Path(__file__).with_name("migrations")


def alembic_config(url: str) -> AlembicConfig:
    cfg = AlembicConfig()
    cfg.set_main_option("script_location", str(MIGRATIONS_DIR))
    cfg.set_main_option("sqlalchemy.url", url.replace("%", "%%"))
    return cfg


def upgrade(engine: Engine, revision: str = "head") -> None:
    """Create or migrate the schema on ``engine`` up to ``revision``."""
    cfg = alembic_config(engine.url.render_as_string(hide_password=False))
    with engine.begin() as connection:
        cfg.attributes["connection"] = connection
        command.upgrade(cfg, revision)


def head_revision() -> str:
    script = ScriptDirectory.from_config(alembic_config("sqlite://"))
    head = script.get_current_head()
    assert head is not None
    return head


def current_revision(engine: Engine) -> str | None:
    with engine.connect() as connection:
        return MigrationContext.configure(connection).get_current_revision()


class SchemaNotCurrent(RuntimeError):
    """The database's schema is not the one this ktpwatch was written for."""


def require_current_schema(engine: Engine) -> None:
    """Raise :class:`SchemaNotCurrent` unless the database is at the head revision.

    Only ``ktpwatch db upgrade`` migrates: a migration changes shared data, so
    it is a deliberate step, never a side effect of a read-only command or of
    N workers starting at once against one PostgreSQL.
    """
    current, head = current_revision(engine), head_revision()
    if current == head:
        return
    where = engine.url.render_as_string(hide_password=True)
    if current is None:
        state = "has no ktpwatch schema yet"
    else:
        state = f"is at schema revision {current}, this ktpwatch needs {head}"
    raise SchemaNotCurrent(f"database {where} {state}: run `ktpwatch db upgrade`")
