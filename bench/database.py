"""A migrated database for one benchmark scan (SQLite file or fresh PostgreSQL database).

A scan refuses a database without the current schema (only ``ktpwatch db
upgrade`` migrates), so each benchmark scan gets one migrated first, here.
"""

from __future__ import annotations

from pathlib import Path


def migrated(url: str) -> str:
    """Bring the database at ``url`` to the current schema; ``url`` again, for chaining."""
    from storage.migrate import upgrade
    from storage.session import make_engine

    engine = make_engine(url)
    try:
        upgrade(engine)
    finally:
        engine.dispose()
    return url


def migrated_sqlite(path: Path) -> str:
    """URL of a SQLite database at ``path``, created at the current schema."""
    return migrated(f"sqlite:///{path}")
