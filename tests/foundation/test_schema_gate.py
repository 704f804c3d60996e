"""Issue 17: only `ktpwatch db upgrade` migrates; every other command checks and says what to run.

Before, every command ran an Alembic upgrade on first use, read-only ones and
N workers at once included.
"""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest
from sqlalchemy import inspect
from typer.testing import CliRunner

from crawler.cli import app
from storage.migrate import SchemaNotCurrent, head_revision, require_current_schema, upgrade
from storage.session import make_engine

COMMANDS = [
    ("alerts", "list"),
    ("report",),
    ("notices", "list"),
    ("schedule", "status"),
    ("evidence", "verify"),
]


def _tables(url: str) -> set[str]:
    engine = make_engine(url)
    try:
        return set(inspect(engine).get_table_names())
    finally:
        engine.dispose()


@pytest.mark.parametrize("args", COMMANDS, ids=" ".join)
def test_commands_refuse_an_empty_database_and_do_not_migrate(
    args: tuple[str, ...], tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    url = f"sqlite:///{tmp_path / 'fresh.db'}"
    monkeypatch.setenv("KTPWATCH_DB_URL", url)
    result = CliRunner().invoke(app, list(args))
    assert result.exit_code == 2, result.output
    assert "run `ktpwatch db upgrade`" in result.output
    assert "Traceback" not in result.output
    assert "alembic_version" not in _tables(url)


def test_a_scan_child_refuses_too(tmp_path: Path) -> None:
    url = f"sqlite:///{tmp_path / 'fresh.db'}"
    result = subprocess.run(
        [sys.executable, "-m", "crawler.scan", "--marketplace", "olx"],
        capture_output=True, text=True, timeout=120, check=False,
        env={**os.environ, "KTPWATCH_DB_URL": url},
    )
    assert result.returncode == 2 and "run `ktpwatch db upgrade`" in result.stderr
    assert "alembic_version" not in _tables(url)


def test_upgrade_then_commands_work(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    url = f"sqlite:///{tmp_path / 'fresh.db'}"
    monkeypatch.setenv("KTPWATCH_DB_URL", url)
    assert CliRunner().invoke(app, ["db", "status"]).exit_code == 0  # status only reads
    assert CliRunner().invoke(app, ["db", "upgrade"]).exit_code == 0
    result = CliRunner().invoke(app, ["alerts", "list"])
    assert result.exit_code == 0, result.output


def test_require_current_schema_names_both_revisions(tmp_path: Path) -> None:
    engine = make_engine(f"sqlite:///{tmp_path / 'old.db'}")
    upgrade(engine)
    with engine.begin() as conn:
        conn.exec_driver_sql("UPDATE alembic_version SET version_num = '0000'")
    with pytest.raises(SchemaNotCurrent, match=f"revision 0000, this ktpwatch needs {head_revision()}"):
        require_current_schema(engine)
    engine.dispose()
