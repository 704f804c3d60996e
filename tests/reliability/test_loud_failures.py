"""Issue 17, "silent failures": what did not happen is reported, counted and retried.

* a broken dependency fails the command with one line (no stage quietly off);
* a marketplace none of whose requests got an answer is ``unreachable`` with
  its cause (dns, connect …), exits 1, and ``schedule status`` says so;
* a batch the database refused is spooled, the scan exits 1 saying so, and the
  next scan stores the spooled listings first.

Scans run as the operator runs them: ``python -m crawler.cli scan`` in a child.
"""

from __future__ import annotations

import ast
import json
import os
import socket
import sqlite3
import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest
from sqlalchemy import func, select

from sandbox.server import SandboxHandle
from storage.models import Listing
from storage.session import make_engine
from tests.reliability.scan_helpers import QUERY, served, stored_ids, write_config

REPO = Path(__file__).resolve().parents[2]
PRODUCT = ("config", "matchers", "storage", "spiders", "alerts", "crawler")


def ktpwatch(*args: str, env: dict[str, str] | None = None, prelude: str = "",
             timeout: float = 300) -> subprocess.CompletedProcess[str]:
    """Run the ktpwatch command in a child process (``prelude`` runs first, to break things)."""
    code = f"{prelude}\nimport sys\nfrom crawler.cli import main\nsys.argv = ['ktpwatch', *sys.argv[1:]]\nmain()"
    return subprocess.run([sys.executable, "-c", code, *args], capture_output=True, text=True,
                          timeout=timeout, env={**os.environ, **(env or {})}, check=False)


def _closed_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


def _catches_import_error(handler: ast.ExceptHandler) -> bool:
    names = []
    if handler.type is not None:
        types = handler.type.elts if isinstance(handler.type, ast.Tuple) else [handler.type]
        names = [t.id for t in types if isinstance(t, ast.Name)]
    return bool({"ImportError", "ModuleNotFoundError"} & set(names))


def test_no_import_error_handler_goes_on_without_raising() -> None:
    """Catching ImportError is allowed only to raise something clearer, never to carry on."""
    offenders = []
    for top in PRODUCT:
        for path in (REPO / top).rglob("*.py"):
            tree = ast.parse(path.read_text(encoding="utf-8"))
            for node in ast.walk(tree):
                if (isinstance(node, ast.ExceptHandler) and _catches_import_error(node)
                        and not any(isinstance(n, ast.Raise) for n in ast.walk(node))):
                    offenders.append(f"{path.relative_to(REPO)}:{node.lineno}")
    assert not offenders, f"ImportError swallowed at {offenders}"


def test_a_broken_dependency_fails_the_scan_with_one_line(tmp_path: Path) -> None:
    env = {"KTPWATCH_CONFIG": str(_config_at(tmp_path, f"http://127.0.0.1:{_closed_port()}", ("olx",)))}
    result = ktpwatch("scan", "--json", "-m", "olx", "--transport", "api", "--max-pages", "1", env=env,
                      prelude="import sys; sys.modules['alerts.images'] = None")
    assert result.returncode != 0
    lines = [line for line in result.stderr.splitlines() if line.strip()]
    assert len(lines) == 1 and lines[0].startswith("error:") and "alerts.images" in lines[0], result.stderr
    assert "Traceback" not in result.stderr and result.stdout == ""


def _scan_json(result: subprocess.CompletedProcess[str]) -> dict[str, Any]:
    start = result.stdout.index("{")
    return dict(json.loads(result.stdout[start:]))


def _config_at(folder: Path, base: str, marketplaces: tuple[str, ...]) -> Path:
    """A configuration whose marketplaces live at ``base`` (where nothing answers)."""
    config = write_config(folder, (), delay=0.0, retry_times=1, timeout=5)
    lines = [config.read_text()]
    for name in marketplaces:
        lines.append(f'[marketplaces.{name}]\ntransport = "api"\n'
                     f'api_base_url = "{base}/{name}"\nweb_base_url = "{base}/{name}"\n')
    config.write_text("\n".join(lines))
    return config


@pytest.mark.parametrize(("base", "cause"), [
    (f"http://127.0.0.1:{_closed_port()}", "connect"),
    ("http://ktpwatch-test.invalid:8900", "dns"),
])
def test_a_marketplace_that_never_answers_is_unreachable_and_fails_the_scan(
    tmp_path: Path, base: str, cause: str
) -> None:
    env = {"KTPWATCH_CONFIG": str(_config_at(tmp_path, base, ("olx", "blibli")))}
    result = ktpwatch("scan", "--json", "-m", "olx", "-m", "blibli", "--no-evidence", "--no-images",
                      "--transport", "api", "--max-pages", "1", env=env)
    assert result.returncode == 1, result.stderr[-2000:]
    summary = _scan_json(result)
    for mp in summary["marketplaces"]:
        assert mp["unreachable"] == cause, mp
        assert mp["blocked"] == 0 and mp["parse_failures"] == 0
        assert not any(f.startswith("layout or access changed") for f in mp["flags"]), mp["flags"]
        assert any(f.startswith("unreachable") and cause in f for f in mp["flags"])
    assert sorted(p.split(":")[0] for p in summary["problems"]) == ["blibli", "olx"]
    assert all(f"unreachable ({cause})" in p for p in summary["problems"])

    status = ktpwatch("schedule", "status", "--format", "json", env=env)
    assert status.returncode == 0, status.stderr
    health = {row["marketplace"]: row["health"] for row in json.loads(status.stdout)["health"]}
    assert health.keys() == {"olx", "blibli"}
    assert all(h.startswith("unreachable") and cause in h for h in health.values()), health


def _stored(db_url: str, marketplace: str) -> int:
    engine = make_engine(db_url)
    with engine.connect() as conn:
        count = conn.scalar(select(func.count()).select_from(Listing).where(Listing.marketplace == marketplace))
    engine.dispose()
    return int(count or 0)


def test_a_batch_the_database_refuses_is_spooled_reported_and_stored_by_the_next_scan(
    sandbox: SandboxHandle, tmp_path: Path
) -> None:
    db_url = os.environ["KTPWATCH_DB_URL"]
    db_file = db_url.removeprefix("sqlite:///")
    config = write_config(tmp_path, ("olx", "blibli"), delay=0.0)
    env = {"KTPWATCH_CONFIG": str(config)}
    args = ("--json", "--no-evidence", "--no-images", "--transport", "api", "--max-pages", "2",
            "--query", QUERY, "--sandbox", sandbox.base_url)
    with sqlite3.connect(db_file) as conn:  # a database that refuses every new sighting
        conn.execute("CREATE TRIGGER refuse BEFORE INSERT ON sightings "
                     "BEGIN SELECT RAISE(ABORT, 'injected write failure'); END")

    first = ktpwatch("scan", "-m", "olx", *args, env=env)
    assert first.returncode == 1, first.stderr[-2000:]
    summary = _scan_json(first)
    olx = summary["marketplaces"][0]
    assert olx["store_errors"] >= 1 and olx["unstored"] == olx["items"] > 0
    assert any("not stored" in p and "spooled" in p for p in summary["problems"]), summary["problems"]
    assert _stored(db_url, "olx") == 0
    spool = tmp_path / "ktpwatch-data" / "spool"
    assert list(spool.glob("*.spool.json"))

    status = ktpwatch("schedule", "status", "--format", "json", env=env)
    health = {row["marketplace"]: row["health"] for row in json.loads(status.stdout)["health"]}
    assert health["olx"].startswith("not stored"), health

    with sqlite3.connect(db_file) as conn:
        conn.execute("DROP TRIGGER refuse")
    # the next scan crawls another marketplace: olx's listings can only come from the spool
    second = ktpwatch("scan", "-m", "blibli", *args, env=env)
    assert second.returncode == 0, second.stderr[-2000:]
    again = _scan_json(second)
    assert again["respooled"] == olx["unstored"] and again["problems"] == []
    assert _stored(db_url, "olx") == olx["unstored"]
    assert stored_ids(make_engine(db_url), "olx") <= served(sandbox, "olx", QUERY)
    assert not list(spool.glob("*.spool.json"))
