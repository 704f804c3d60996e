"""Alembic, driven from code, so ``ktpwatch db upgrade`` needs no alembic.ini.

:func:`upgrade` is called by ``ktpwatch db upgrade`` (and tests) only; every
other entry point calls :func:`require_current_schema`.

Alembic is imported only by :func:`upgrade` and :func:`head_revision`: every
command checks the schema before it reads, and loading Alembic (and Mako) for
that check made ``alerts list`` start a third slower. The check reads the
``alembic_version`` table with SQLAlchemy and compares it with
:data:`SCHEMA_REVISION`, which a test keeps equal to Alembic's head.
"""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

from sqlalchemy import Engine, inspect, text

if TYPE_CHECKING:
    from alembic.config import Config as AlembicConfig

MIGRATIONS_DIR = Path(__file__).with_name("migrations")
#: the newest migration in ``migrations/versions`` (bump it with every new migration;
#: ``tests/foundation/test_cli_startup.py`` fails while it differs from Alembic's head)
SCHEMA_REVISION = "0005"
#: Alembic's bookkeeping table (the default name; ``migrations/env.py`` keeps it)
VERSION_TABLE = "alembic_version"


def alembic_config(url: str) -> AlembicConfig:
    from alembic.config import Config as AlembicConfig

    cfg = AlembicConfig()
    cfg.set_main_option("script_location", str(MIGRATIONS_DIR))
    cfg.set_main_option("sqlalchemy.url", url.replace("%", "%%"))
    return cfg


def upgrade(engine: Engine, revision: str = "head") -> None:
    """Create or migrate the schema on ``engine`` up to ``revision``."""
    from alembic import command

    cfg = alembic_config(engine.url.render_as_string(hide_password=False))
    with engine.begin() as connection:
        cfg.attributes["connection"] = connection
        command.upgrade(cfg, revision)


def head_revision() -> str:
    """The newest revision Alembic finds in ``migrations/versions``."""
    from alembic.script import ScriptDirectory

    script = ScriptDirectory.from_config(alembic_config("sqlite://"))
    head = script.get_current_head()
    assert head is not None
    return head


def current_revision(engine: Engine) -> str | None:
    """The revision the database is at (None for a database without our schema)."""
    with engine.connect() as connection:
        if not inspect(connection).has_table(VERSION_TABLE):
            return None
        versions = connection.execute(text(f"SELECT version_num FROM {VERSION_TABLE}")).scalars().all()
    if len(versions) > 1:
        raise SchemaNotCurrent(f"the database has several schema heads ({', '.join(versions)})")
    return versions[0] if versions else None


class SchemaNotCurrent(RuntimeError):
    """The database's schema is not the one this ktpwatch was written for."""


def require_current_schema(engine: Engine) -> None:
    """Raise :class:`SchemaNotCurrent` unless the database is at :data:`SCHEMA_REVISION`.

    Only ``ktpwatch db upgrade`` migrates: a migration changes shared data, so
    it is a deliberate step, never a side effect of a read-only command or of
    N workers starting at once against one PostgreSQL.
    """
    current, head = current_revision(engine), SCHEMA_REVISION
    if current == head:
        return
    where = engine.url.render_as_string(hide_password=True)
    if current is None:
        state = "has no ktpwatch schema yet"
    else:
        state = f"is at schema revision {current}, this ktpwatch needs {head}"
    raise SchemaNotCurrent(f"database {where} {state}: run `ktpwatch db upgrade`")
