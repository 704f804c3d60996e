"""Commands start fast: each imports only what it uses (a module set, not a timing test).

``ktpwatch --version`` and the analyst's everyday commands (``alerts list``,
``alerts show``) must not load Scrapy, Alembic, the sandbox server, the WACZ
indexer or Playwright; the timing against a baseline lives in
``bench/bench_startup.py``. Each case runs in a fresh interpreter, as from a shell.
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

from crawler.cli import COMMANDS, command_tree
from storage.migrate import SCHEMA_REVISION, head_revision
from tests.alerts.conftest import AlertDb

REPO = Path(__file__).resolve().parents[2]
#: libraries that only the scan, the sandbox, evidence capture and `db upgrade` need
HEAVY = ("scrapy", "twisted", "alembic", "sandbox", "cdxj_indexer", "surt", "tldextract", "requests",
         "playwright")
PROBE = """
import json, sys
from crawler.cli import app
try:
    app(sys.argv[1:], prog_name="ktpwatch", standalone_mode=False)
finally:
    sys.stdout.write("\\n" + json.dumps(sorted(sys.modules)) + "\\n")
"""


def imported_by(*args: str) -> set[str]:
    """Top-level packages a fresh ``ktpwatch ARGS`` process has imported when it ends."""
    env = {**os.environ, "PYTHONPATH": str(REPO), "COLUMNS": "80"}
    done = subprocess.run([sys.executable, "-c", PROBE, *args], env=env, capture_output=True,
                          text=True, timeout=120)
    assert done.returncode == 0, done.stderr
    return {name.split(".")[0] for name in json.loads(done.stdout.strip().splitlines()[-1])}


@pytest.mark.parametrize("args", [("--version",), ("--help",), ("alerts", "list"),
                                  ("alerts", "show", "1"), ("alerts", "list", "--format", "csv")])
def test_everyday_commands_load_no_heavy_library(alert_db: AlertDb, args: tuple[str, ...]) -> None:
    assert not imported_by(*args) & set(HEAVY)


def test_version_loads_nothing_of_ours_but_the_shell() -> None:
    ours = imported_by("--version") & {"alerts", "storage", "config", "matchers", "spiders", "sqlalchemy"}
    assert not ours


def test_the_summaries_in_root_help_are_each_commands_own() -> None:
    """``ktpwatch --help`` lists :data:`COMMANDS` without importing them: they must not drift."""
    loaded = {path[0]: command for path, command in command_tree() if len(path) == 1}
    assert list(loaded) == list(COMMANDS)
    for name, (_, summary) in COMMANDS.items():
        first_paragraph = " ".join((loaded[name].help or "").split("\n\n")[0].split())
        assert summary == first_paragraph, name


def test_the_schema_check_knows_alembics_head() -> None:
    """Commands check the schema against a constant so they need not load Alembic: keep it true."""
    assert head_revision() == SCHEMA_REVISION
