"""The database the ``ktpwatch`` CLI uses in tests, for modules that drive commands.

Tests that invoke commands must see the rows the commands write, so those
modules replace the shared ``session_factory`` (a private SQLite engine) with
one on ``KTPWATCH_DB_URL``, the database the autouse fixture gives the CLI.
"""

from __future__ import annotations

import os
from collections.abc import Iterator
from typing import Any

import pytest
from sqlalchemy.orm import Session, sessionmaker

from storage.migrate import upgrade
from storage.session import make_engine, make_session_factory


def cli_session_factory() -> Any:
    """A ``session_factory`` fixture on the CLI's database (a test module names it ``session_factory``)."""

    @pytest.fixture
    def session_factory() -> Iterator[sessionmaker[Session]]:
        engine = make_engine(os.environ["KTPWATCH_DB_URL"])
        upgrade(engine)
        yield make_session_factory(engine)
        engine.dispose()

    return session_factory
