"""Shared fixtures: isolated configuration, databases (SQLite, real PostgreSQL), servers."""

from __future__ import annotations

import os
import shutil
import uuid
from collections.abc import Iterator
from pathlib import Path

import pytest
from hypothesis import settings as hypothesis_settings
from sqlalchemy import Engine
from sqlalchemy.orm import Session, sessionmaker

from bench.database import migrated_sqlite
from storage.migrate import upgrade
from storage.session import make_engine, make_session_factory
from tests.sandbox_fixtures import sandbox, sandbox_server  # noqa: F401  (shared fixtures)
from tests.servers import PostgresServer, RedisServer, postgres_server, redis_server

#: CI's gate must say the same of the same commit: there the property tests draw their
#: examples from a seed fixed by the test (``derandomize``), the same number of them as
#: anywhere. Elsewhere (``make test`` on a developer's machine) every run draws new
#: examples, which is how property tests keep finding what the fixed ones cannot; what
#: they find becomes an ``@example`` or a regression row.
hypothesis_settings.register_profile("ci", derandomize=True, database=None, print_blob=True)
if os.environ.get("KTPWATCH_CI"):
    hypothesis_settings.load_profile("ci")

REPO = Path(__file__).resolve().parent.parent
RECORDED = REPO.parent / "shared" / "recorded"


def upgraded_sqlite(path: Path) -> str:
    """A SQLite database at ``path`` migrated to head (what `ktpwatch db upgrade` does); its URL.

    Only `db upgrade` migrates, so every test database is upgraded explicitly
    (the benchmarks' helper does it: one way for both).
    """
    return migrated_sqlite(path)


@pytest.fixture(scope="session")
def _upgraded_template(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """One SQLite file at head, copied for each test (migrating per test would cost seconds)."""
    path = tmp_path_factory.mktemp("template") / "ktpwatch.db"
    upgraded_sqlite(path)
    return path


@pytest.fixture(autouse=True)
def _isolated_env(tmp_path: Path, monkeypatch: pytest.MonkeyPatch, _upgraded_template: Path,
                  tmp_path_factory: pytest.TempPathFactory) -> None:
    """No test reads the developer's ktpwatch.toml, database or evidence folder.

    The default database (``KTPWATCH_DB_URL``) is already upgraded, as after
    `ktpwatch db upgrade`; a test about an older schema uses its own URL.
    """
    for name in list(os.environ):
        if name.startswith("KTPWATCH_") and name not in ("KTPWATCH_CI", "KTPWATCH_BROWSER"):
            monkeypatch.delenv(name, raising=False)
    # beside tmp_path, not in it: tests that check what their tmp_path holds see only their files
    db = tmp_path_factory.mktemp("db") / "ktpwatch.db"
    shutil.copyfile(_upgraded_template, db)
    monkeypatch.setenv("KTPWATCH_DB_URL", f"sqlite:///{db}")
    monkeypatch.setenv("KTPWATCH_EVIDENCE_DIR", str(tmp_path / "evidence"))
    monkeypatch.chdir(tmp_path)


@pytest.fixture
def sqlite_engine(tmp_path: Path) -> Iterator[Engine]:
    engine = make_engine(f"sqlite:///{tmp_path / 'test.db'}")
    upgrade(engine)
    yield engine
    engine.dispose()


@pytest.fixture
def session_factory(sqlite_engine: Engine) -> sessionmaker[Session]:
    return make_session_factory(sqlite_engine)


@pytest.fixture
def session(sqlite_engine: Engine) -> Iterator[Session]:
    """A session whose work is rolled back after the test (savepoint-joined)."""
    connection = sqlite_engine.connect()
    trans = connection.begin()
    sess = Session(bind=connection, join_transaction_mode="create_savepoint",
                   expire_on_commit=False)
    try:
        yield sess
    finally:
        sess.close()
        trans.rollback()
        connection.close()


@pytest.fixture(scope="session")
def pg_server(tmp_path_factory: pytest.TempPathFactory) -> Iterator[PostgresServer]:
    with postgres_server(tmp_path_factory.mktemp("pg")) as server:
        yield server


@pytest.fixture
def pg_url(pg_server: PostgresServer) -> str:
    return pg_server.create_database(f"t_{uuid.uuid4().hex[:12]}")


@pytest.fixture(scope="session")
def redis(tmp_path_factory: pytest.TempPathFactory) -> Iterator[RedisServer]:
    with redis_server(tmp_path_factory.mktemp("redis")) as server:
        yield server
