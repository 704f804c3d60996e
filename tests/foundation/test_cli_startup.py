"""Commands start fast: each imports only what it uses (a module set, not a timing test).

``ktpwatch --version`` and ``--help`` need the shell alone; the analyst's
everyday commands (``alerts list``, ``alerts show``) need the database, the
configuration and the terminal, never the crawl (Scrapy, Twisted, Playwright,
the spiders), the sandbox, evidence capture and export (the WACZ indexer,
warcio), migrations (Alembic), notices and notifications (Jinja2, Apprise),
images, the ledger's spreadsheet reader, actors' graphs, or phone-number
metadata. The timing against a baseline lives in ``bench/bench_startup.py``.
Each case runs in a fresh interpreter through the console script's ``main``, as
from a shell, and must succeed: a command that failed early imports less.
"""

from __future__ import annotations

import gc
import importlib
import json
import os
import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest

import storage.alerts
from crawler.cli import COMMANDS, command_tree
from crawler.gc_tuning import collector_paused
from storage.migrate import SCHEMA_REVISION, head_revision
from tests.alerts.conftest import AlertDb, alert_db  # noqa: F401  (the fixture, shared)

REPO = Path(__file__).resolve().parents[2]
#: what no command that reads the database and prints needs (packages and modules, ours and
#: libraries): the crawl, the sandbox, evidence, migrations, notices, images, ledger files, actors
NOT_FOR_READING = (
    "scrapy", "scrapy_playwright", "scrapy_redis", "twisted", "playwright", "spiders", "rapidfuzz",
    "lxml", "parsel", "crawler.scan", "crawler.ingest", "crawler.pipelines", "crawler.settings",
    "crawler.distributed", "crawler.schedule", "sandbox", "aiohttp", "aiosmtpd",
    "cdxj_indexer", "warcio", "wacz", "surt", "tldextract", "requests", "alerts.evidence",
    "alembic", "mako", "jinja2", "apprise", "weasyprint", "PIL", "imagehash", "numpy", "scipy",
    "pytesseract", "openpyxl", "networkx", "phonenumbers", "redis", "psycopg", "apscheduler",
)
#: ``--version`` and ``--help`` open no database, read no configuration and print plain text
NOT_FOR_THE_SHELL = (*NOT_FOR_READING, "sqlalchemy", "pydantic", "rich", "config", "storage", "alerts",
                     "matchers")
#: the console script's ``main``; the first argument is where the imported module names go
PROBE = """
import atexit, gc, json, sys
out = sys.argv.pop(1)
atexit.register(lambda: open(out, "w").write(json.dumps(
    {"modules": sorted(sys.modules), "frozen": gc.get_freeze_count()})))
from crawler.cli import main
main()
"""


def process_end(tmp: Path, *args: str) -> dict[str, Any]:
    """What a fresh ``ktpwatch ARGS`` process holds when it exits (it must succeed): its modules
    and how many objects the collector has frozen."""
    out = tmp / "end.json"
    env = {**os.environ, "PYTHONPATH": str(REPO), "COLUMNS": "80"}
    done = subprocess.run([sys.executable, "-c", PROBE, str(out), *args], env=env, capture_output=True,
                          text=True, timeout=120)
    assert done.returncode == 0, done.stderr
    end: dict[str, Any] = json.loads(out.read_text())
    return end


def imported_by(tmp: Path, *args: str) -> set[str]:
    """Every module a fresh ``ktpwatch ARGS`` process has imported when it exits."""
    return set(process_end(tmp, *args)["modules"])


def loaded(modules: set[str], names: tuple[str, ...]) -> list[str]:
    """The names of ``names`` that ``modules`` holds, a package counting when any module in it does."""
    return sorted(name for name in names
                  if any(m == name or m.startswith(name + ".") for m in modules))


@pytest.mark.parametrize("args", [("--version",), ("--help",)])
def test_version_and_help_load_the_shell_alone(tmp_path: Path, args: tuple[str, ...]) -> None:
    assert loaded(imported_by(tmp_path, *args), NOT_FOR_THE_SHELL) == []


@pytest.mark.parametrize("args", [("alerts", "list"), ("alerts", "list", "--format", "csv"),
                                  ("alerts", "list", "--format", "json", "--reveal", "--as", "ana"),
                                  ("alerts", "show", "{first}"), ("alerts", "show", "{first}", "--format", "json")])
def test_reading_alerts_loads_nothing_it_does_not_use(tmp_path: Path, alert_db: AlertDb,  # noqa: F811
                                                      args: tuple[str, ...]) -> None:
    argv = [arg.format(**alert_db.ids) for arg in args]
    assert loaded(imported_by(tmp_path, *argv), NOT_FOR_READING) == []


def test_a_failing_command_is_not_taken_for_a_light_one(tmp_path: Path) -> None:
    """The probe fails on a command that exits non-zero (it would have imported less)."""
    with pytest.raises(AssertionError, match="no alert"):
        imported_by(tmp_path, "alerts", "show", "999")


def test_a_command_freezes_what_its_imports_built(tmp_path: Path, alert_db: AlertDb) -> None:  # noqa: F811
    """The collector is paused while a command's module imports, and what it built is frozen
    (``crawler.gc_tuning`` says why); ``--version`` imports no command and freezes nothing."""
    assert process_end(tmp_path, "alerts", "list")["frozen"] > 10_000
    assert process_end(tmp_path, "--version")["frozen"] == 0


def test_collector_paused_freezes_the_blocks_objects_and_restores_the_collector() -> None:
    assert gc.isenabled()
    try:
        with collector_paused():
            assert not gc.isenabled()
            built = [[index] for index in range(1_000)]
        assert gc.isenabled()
        assert gc.get_freeze_count() >= len(built)
        gc.disable()
        with collector_paused():
            pass
        assert not gc.isenabled()  # a collector off before stays off
    finally:
        gc.enable()
        gc.unfreeze()


def test_storage_alerts_names_each_resolve_from_their_submodule() -> None:
    """``storage.alerts`` imports a submodule on first use of one of its names: every name resolves."""
    assert sorted(storage.alerts.__all__) == sorted(storage.alerts._HOMES)
    for name, home in storage.alerts._HOMES.items():
        assert getattr(storage.alerts, name) is getattr(importlib.import_module(f"storage.alerts.{home}"), name)


def test_the_summaries_in_root_help_are_each_commands_own() -> None:
    """``ktpwatch --help`` lists :data:`COMMANDS` without importing them: they must not drift."""
    loaded_commands = {path[0]: command for path, command in command_tree() if len(path) == 1}
    assert list(loaded_commands) == list(COMMANDS)
    for name, (_, summary) in COMMANDS.items():
        first_paragraph = " ".join((loaded_commands[name].help or "").split("\n\n")[0].split())
        assert summary == first_paragraph, name


def test_the_schema_check_knows_alembics_head() -> None:
    """Commands check the schema against a constant so they need not load Alembic: keep it true."""
    assert head_revision() == SCHEMA_REVISION
