"""Bad configuration and bad command lines: one clear line, a non-zero exit, never a traceback.

Each row is a real ``ktpwatch`` invocation (Typer's runner, the same ``app``
the console script runs) with what a user might get wrong. The closing note
counts the rows.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

import pytest
from typer.testing import CliRunner

from crawler.cli import app
from tests.alerts.conftest import AlertDb, alert_db  # noqa: F401  (fixture)

runner = CliRunner()


@dataclass(frozen=True)
class Bad:
    name: str
    args: tuple[str, ...]
    #: a word the one error line must contain, so the line says what is wrong
    says: str
    files: tuple[tuple[str, str], ...] = ()
    env: tuple[tuple[str, str], ...] = ()


BAD_CONFIG = [
    Bad("malformed TOML", ("-c", "bad.toml", "config", "check"), "malformed TOML",
        files=(("bad.toml", "[crawl\nmax_pages = 1"),)),
    Bad("TOML that is not UTF-8", ("-c", "latin.toml", "config", "check"), "UTF-8",
        files=(("latin.toml", "analyst = \"caf\xe9\"\n"),)),
    Bad("unknown marketplace in config", ("-c", "mp.toml", "config", "check"), "ebay",
        files=(("mp.toml", '[marketplaces.ebay]\napi_base_url = "https://ebay.com"\n'
                           'web_base_url = "https://ebay.com"\n'),)),
    Bad("bad marketplace URL", ("-c", "url.toml", "config", "check"), "http(s) URL",
        files=(("url.toml", '[marketplaces.tokopedia]\napi_base_url = "ftp://gql.tokopedia.com"\n'),)),
    Bad("URL without host", ("-c", "host.toml", "config", "check"), "http(s) URL",
        files=(("host.toml", '[marketplaces.olx]\nweb_base_url = "https://"\n'),)),
    Bad("negative interval", ("-c", "neg.toml", "config", "check"), "scan_every_hours",
        files=(("neg.toml", "[schedule]\nscan_every_hours = -5\n"),)),
    Bad("bad cron", ("-c", "cron.toml", "config", "check"), "cron",
        files=(("cron.toml", '[schedule]\nscan_cron = "every day"\n'),)),
    Bad("unknown key", ("-c", "key.toml", "config", "check"), "unknown key",
        files=(("key.toml", "[crawl]\nmax_pagez = 3\n"),)),
    Bad("wrong type", ("-c", "type.toml", "config", "check"), "max_pages",
        files=(("type.toml", '[crawl]\nmax_pages = "many"\n'),)),
    Bad("max_pages 0 in config", ("-c", "zero.toml", "config", "check"), "max_pages",
        files=(("zero.toml", "[crawl]\nmax_pages = 0\n"),)),
    Bad("config file missing", ("-c", "nowhere.toml", "config", "check"), "not found"),
    Bad("config path is a folder", ("-c", ".", "config", "check"), "directory"),
    Bad("bad sender email", ("-c", "mail.toml", "config", "check"), "email",
        files=(("mail.toml", '[sender]\nemail = "nobody"\n'),)),
    Bad("bad SMTP port from env", ("config", "check"), "smtp.port",
        env=(("KTPWATCH_SMTP_PORT", "twenty-five"),)),
    Bad("bad webhook URL from env", ("config", "check"), "webhook.url",
        env=(("KTPWATCH_WEBHOOK_URL", "javascript:alert(1)"),)),
    Bad("database URL without scheme", ("alerts", "list"), "SQLAlchemy URL",
        env=(("KTPWATCH_DB_URL", "ktpwatch.db"),)),
    Bad("export evidence of an unknown alert", ("evidence", "export", "31337", "--out", "x.wacz"),
        "31337"),
]

BAD_COMMANDS = [
    Bad("unknown marketplace", ("scan", "--marketplace", "ebay"), "ebay"),
    Bad("--max-pages 0", ("scan", "--max-pages", "0"), "max-pages"),
    Bad("--max-pages not a number", ("scan", "--max-pages", "lots"), "max-pages"),
    Bad("unknown transport", ("scan", "--transport", "pigeon"), "transport"),
    Bad("bad --sandbox URL", ("scan", "--sandbox", "not-a-url"), "sandbox"),
    Bad("bad --format", ("alerts", "list", "--format", "xml"), "format"),
    Bad("bad --since", ("alerts", "list", "--since", "yesterday"), "since"),
    Bad("impossible --since date", ("report", "--since", "2025-13-45"), "since"),
    Bad("unknown alert id", ("alerts", "show", "999999"), "999999"),
    Bad("alert id not a number", ("alerts", "show", "first"), "ID"),
    Bad("confirm unknown alert", ("alerts", "confirm", "424242"), "424242"),
    Bad("nonexistent notice", ("notices", "show", "N-404"), "N-404"),
    Bad("send nonexistent notice", ("notices", "send", "N-404"), "N-404"),
    Bad("bad --now", ("followup", "--now", "next tuesday"), "now"),
    Bad("classify missing file", ("classify", "/nonexistent/listings.jsonl"), "no such file"),
    Bad("threshold out of range", ("classify", "--blank-threshold", "150"), "threshold"),
    Bad("unknown command", ("scna",), "scna"),
    Bad("unknown option", ("alerts", "list", "--colour", "red"), "colour"),
    Bad("bad sandbox fault rate", ("sandbox", "serve", "--faults", "2"), "fault"),
]


def run_bad(bad: Bad, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> str:
    for name, content in bad.files:
        (tmp_path / name).write_bytes(content.encode("latin-1"))
    for name, value in bad.env:
        monkeypatch.setenv(name, value)
    monkeypatch.delenv("KTPWATCH_DEBUG", raising=False)
    result = runner.invoke(app, list(bad.args))
    output = result.output
    assert result.exit_code not in (0, None), f"{bad.name}: exit 0\n{output}"
    assert result.exception is None or isinstance(result.exception, SystemExit), (
        f"{bad.name}: raised {result.exception!r}")
    assert "Traceback" not in output, f"{bad.name}: traceback\n{output}"
    errors = [line for line in result.stderr.splitlines() if line.lower().startswith("error")]
    assert len(errors) == 1, f"{bad.name}: expected one error line, got\n{result.stderr}"
    assert bad.says.lower() in errors[0].lower(), f"{bad.name}: {errors[0]!r} does not say {bad.says!r}"
    return errors[0]


@pytest.mark.parametrize("bad", BAD_CONFIG + BAD_COMMANDS, ids=lambda b: b.name)
def test_bad_input_is_one_clear_line(bad: Bad, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    run_bad(bad, tmp_path, monkeypatch)


@pytest.fixture
def _db(alert_db: AlertDb) -> Iterator[AlertDb]:  # noqa: F811
    yield alert_db


def test_illegal_transitions_are_one_clear_line(
    _db: AlertDb, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    first = _db.ids["first"]
    rows = [
        Bad("reopen a new alert", ("alerts", "reopen", str(first), "--note", "x"), "new"),
        Bad("dismiss then confirm", ("alerts", "confirm", str(_db.ids["hostile"])), "dismissed"),
    ]
    assert runner.invoke(app, ["alerts", "dismiss", str(_db.ids["hostile"]), "--note", "test"]).exit_code == 0
    for bad in rows:
        run_bad(bad, tmp_path, monkeypatch)


def test_the_table_is_big_enough() -> None:
    print(f"\nbad inputs tried: {len(BAD_CONFIG) + len(BAD_COMMANDS) + 2}")
    assert len(BAD_CONFIG) + len(BAD_COMMANDS) >= 20
