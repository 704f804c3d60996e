"""Issue 17, privacy, secrets and hostile input: each test failed on the code before the fix.

NIKs are masked in every output (``alerts list`` in every format, ``alerts show``,
notices, webhook payloads, logs) whatever their spelling, ``--reveal`` is audited
on list and show alike; credentials in URLs never reach ``config check``, logs or
error lines; CSV cells cannot run as formulas; the audit actor must be a
readable name; odd Unicode, huge numbers and a locked database give one line;
the configuration file a command read is named, and a world-writable one refused.
"""

from __future__ import annotations

import csv
import io
import json
import logging
import os
import sqlite3
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path

import pytest
from sqlalchemy import select
from sqlalchemy.exc import OperationalError
from sqlalchemy.orm import Session, sessionmaker
from typer.testing import CliRunner, Result

from alerts.notices.render import one_line
from alerts.redaction import redact_niks
from crawler.cli import app
from crawler.cli.output import safe_text
from crawler.log_redaction import install_log_redaction
from storage.migrate import upgrade
from storage.models import AlertEvent
from storage.session import make_engine, make_session_factory
from tests.alerts.builders import ingest, new_scan
from tests.servers import free_port

runner = CliRunner()
NIK = "3174010101900003"
SPELLINGS = {
    "plain": NIK,
    "spaces": "3174 0101 0190 0003",
    "dots": "3174.0101.0190.0003",
    "dashes": "3174-0101-0190-0003",
    "zero-width": "3174\u200b0101\u200c0190\u200d0003",
    "full-width": NIK.translate(str.maketrans("0123456789", "０１２３４５６７８９")),
    "mixed": "3174 ０１０１.0190\u2060-０００3",
}
FORMULAS = ("=HYPERLINK(\"http://evil.example\",\"klik\")", "+1+1", "-2+3+cmd|' /C calc'!A0", "@SUM(A1)")


@pytest.fixture(autouse=True)
def _wide_terminal(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("COLUMNS", "400")


@pytest.fixture
def db() -> Iterator[sessionmaker[Session]]:
    """Alerts whose titles, URLs and descriptions hold the NIK in every spelling, and formula titles."""
    engine = make_engine(os.environ["KTPWATCH_DB_URL"])
    upgrade(engine)
    sessions = make_session_factory(engine)
    with sessions.begin() as session:
        scan = new_scan(session)
        for written in SPELLINGS.values():
            ingest(session, f"nik-{written}", title=f"Blangko e-KTP NIK {written}",
                   description=f"contoh {written}", scan_id=scan, identifiers=(("nik", NIK),))
        for i, formula in enumerate(FORMULAS):
            ingest(session, f"f-{i}", title=formula, seller=f"s-{i}", scan_id=scan)
    yield sessions
    engine.dispose()


def invoke(*args: str, env: dict[str, str] | None = None) -> Result:
    return runner.invoke(app, list(args), env=env)


def ok(*args: str) -> str:
    result = invoke(*args)
    assert result.exit_code == 0, result.output
    return result.output


def leaks(text: str) -> list[str]:
    """Spellings of the NIK found in ``text`` after reading it as the matcher does."""
    return [name for name, written in SPELLINGS.items() if redact_niks(text) != text or written in text]


# --------------------------------------------------------------------------- NIKs in every output


@pytest.mark.parametrize("fmt", ["table", "json", "csv"])
def test_alerts_list_masks_every_spelling_in_titles_and_urls(db: sessionmaker[Session], fmt: str) -> None:
    shown = ok("alerts", "list", "--limit", "0", "--format", fmt)
    assert not leaks(shown), shown
    assert "3174" in shown  # masked, not dropped


def test_alerts_show_masks_every_spelling(db: sessionmaker[Session]) -> None:
    for alert_id in range(1, len(SPELLINGS) + 1):
        for fmt in ("table", "json"):
            shown = ok("alerts", "show", str(alert_id), "--format", fmt)
            assert not leaks(shown), shown


def reveals(sessions: sessionmaker[Session]) -> list[tuple[int, str]]:
    with sessions() as session:
        return [(e.alert_id, e.actor) for e in session.scalars(
            select(AlertEvent).where(AlertEvent.action == "reveal").order_by(AlertEvent.id))]


def test_reveal_on_list_and_show_is_audited_with_the_actor(db: sessionmaker[Session]) -> None:
    listed = ok("alerts", "list", "--limit", "0", "--format", "json", "--reveal", "--as", "ana")
    assert NIK in listed
    rows = json.loads(listed)
    assert sorted(reveals(db)) == sorted((row["id"], "ana") for row in rows)
    shown = ok("alerts", "show", "1", "--reveal", "--as", "budi")
    assert NIK in shown
    assert reveals(db)[-1] == (1, "budi")
    before = len(reveals(db))
    ok("alerts", "list", "--format", "json")
    ok("alerts", "show", "1")
    assert len(reveals(db)) == before  # no reveal, no audit event


def test_notice_text_masks_spelled_niks() -> None:
    for written in SPELLINGS.values():
        assert not leaks(one_line(f"Blangko {written}")), written


def test_webhook_payload_is_redacted(monkeypatch: pytest.MonkeyPatch) -> None:
    import httpx

    from alerts.webhook import post_new_alerts
    from config import load_config

    sent: list[bytes] = []

    def fake_post(url: str, *, content: bytes, **_: object) -> httpx.Response:
        sent.append(content)
        return httpx.Response(200)

    monkeypatch.setattr(httpx, "post", fake_post)
    settings = load_config().settings
    hooked = settings.model_copy(update={"webhook": settings.webhook.model_copy(
        update={"url": "https://hooks.example/x?token=abc"})})
    assert post_new_alerts(hooked, {"new_alerts": 1, "titles": [f"Blangko {SPELLINGS['spaces']}"]})
    assert sent and not leaks(sent[0].decode())


def test_logs_and_logged_tracebacks_are_redacted(caplog: pytest.LogCaptureFixture) -> None:
    install_log_redaction()
    log = logging.getLogger("ktpwatch.test")
    with caplog.at_level(logging.INFO):
        log.info("stored %s at %s", f"Blangko {SPELLINGS['dots']}", "postgresql://ktp:hunter2@db/ktp")
        try:
            raise RuntimeError(f"cannot reach redis://:hunter2@cache:6379/0 for {NIK}")
        except RuntimeError:
            log.exception("failed")
    handler_text = "\n".join(logging.Formatter().format(r) for r in caplog.records)
    assert "hunter2" not in handler_text and not leaks(handler_text)
    assert "Traceback" in handler_text and "redis://:***@cache" in handler_text


def test_a_scan_child_logs_no_url_credentials(tmp_path: Path) -> None:
    """Credentials in a shop's base URL reach Scrapy's error lines, also quoted without a scheme."""
    config = tmp_path / "k.toml"
    shop = f"http://user:hunter2@127.0.0.1:{free_port()}"
    config.write_text('[crawl]\ndownload_delay = 0\nretry_times = 0\n[queries]\nlexicon = ["blangko ktp"]\n'
                      f'[marketplaces.tokopedia]\ntransport = "api"\napi_base_url = "{shop}"\n'
                      f'web_base_url = "{shop}"\n')
    child = subprocess.run(
        [sys.executable, "-m", "crawler.scan", "--config", str(config), "--marketplace", "tokopedia",
         "--no-evidence", "--no-images"],
        capture_output=True, text=True, timeout=120,
    )
    assert "request failed" in child.stderr, child.stderr
    assert "hunter2" not in child.stdout + child.stderr
    # --sandbox asks its URL for the shops' addresses first: that failure is redacted too
    child = subprocess.run(
        [sys.executable, "-m", "crawler.scan", "--config", str(config), "--marketplace", "tokopedia",
         "--sandbox", shop, "--no-evidence", "--no-images"],
        capture_output=True, text=True, timeout=120,
    )
    assert "cannot read the marketplace addresses" in child.stderr, child.stderr
    assert "hunter2" not in child.stdout + child.stderr


def test_uncaught_tracebacks_are_redacted() -> None:
    code = ("from crawler.log_redaction import install_process_redaction; install_process_redaction(); "
            f"raise RuntimeError('cannot reach redis://:hunter2@cache/0 for {NIK}')")
    child = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, timeout=60)
    assert child.returncode == 1 and "Traceback" in child.stderr
    assert "hunter2" not in child.stderr and NIK not in child.stderr and "redis://:***@cache" in child.stderr


# --------------------------------------------------------------------------- secrets in URLs


def test_config_check_hides_url_credentials(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    monkeypatch.setenv("KTPWATCH_DB_URL", "postgresql+psycopg://ktp:dbpass@127.0.0.1/ktp?sslkey=x")
    monkeypatch.setenv("KTPWATCH_REDIS_URL", "redis://:redispass@127.0.0.1:6379/0")
    monkeypatch.setenv("KTPWATCH_WEBHOOK_URL", "https://hooks.example/notify?token=hooktoken&channel=ops")
    for fmt in ("table", "json"):
        shown = ok("config", "check", "--format", fmt)
        for secret in ("dbpass", "redispass", "hooktoken"):
            assert secret not in shown, (fmt, shown)
    assert "channel=ops" in shown and "redis://:***@127.0.0.1" in shown


def test_error_lines_hide_url_credentials(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    monkeypatch.setenv("KTPWATCH_DB_URL", "postgresql+psycopg://ktp:dbpass@127.0.0.1:1/ktp")
    result = invoke("db", "status")
    assert result.exit_code != 0
    assert "dbpass" not in result.output, result.output
    monkeypatch.setenv("KTPWATCH_DEBUG", "1")
    result = invoke("db", "status")
    assert "Traceback" in result.output and "dbpass" not in result.output
    monkeypatch.delenv("KTPWATCH_DEBUG")
    monkeypatch.setenv("KTPWATCH_DB_URL", f"sqlite:///{tmp_path / 'w.db'}")
    line = one_error_line(invoke("worker", "--redis", f"redis://:redispass@127.0.0.1:{free_port()}/0", "--once"))
    assert "redis://:***@127.0.0.1" in line and "redispass" not in line


# --------------------------------------------------------------------------- CSV formulas


def test_csv_cells_never_start_a_formula(db: sessionmaker[Session]) -> None:
    rows = list(csv.DictReader(io.StringIO(ok("alerts", "list", "--limit", "0", "--format", "csv"))))
    titles = {row["title"] for row in rows}
    for formula in FORMULAS:
        assert "'" + formula in titles
    for row in rows:
        for cell in row.values():
            assert not cell.startswith(("=", "+", "-", "@", "\t", "\r")), cell


# --------------------------------------------------------------------------- the audit actor


@pytest.mark.parametrize("name", ["", "   ", "ana\x1b[31m", "ana\nbudi", "a\u202eb", "ana\x07"])
def test_blank_or_control_character_actor_is_refused(db: sessionmaker[Session], name: str) -> None:
    for args, env in ((("alerts", "note", "1", "hello", "--as", name), None),
                      (("alerts", "note", "1", "hello"), {"KTPWATCH_ANALYST": name})):
        if env and not name:
            continue  # an empty variable is "not set"
        result = invoke(*args, env=env)
        assert result.exit_code == 2, (name, result.output)
        errors = [line for line in result.output.splitlines() if line.lower().startswith("error")]
        assert len(errors) == 1 and "analyst name" in errors[0], result.output
    with db() as session:
        assert not session.scalars(select(AlertEvent).where(AlertEvent.action == "note")).all()


# --------------------------------------------------------------------------- hostile input, one line


@pytest.mark.parametrize("char", ["\u2028", "\u2029", "\u061c", "\u180e", "\U000e0041", "\U000e007f"])
def test_safe_text_strips_separators_marks_and_tags(char: str) -> None:
    assert char not in safe_text(f"Blangko{char}KTP")
    assert char not in safe_text(f"Blangko{char}KTP", keep_newlines=True)


def one_error_line(result: Result) -> str:
    output = result.output
    assert result.exit_code not in (0, None), output
    assert "Traceback" not in output and "OverflowError" not in output, output
    errors = [line for line in output.splitlines() if line.lower().startswith("error")]
    assert len(errors) == 1, output
    return errors[0]


def test_huge_numbers_give_one_clear_line(db: sessionmaker[Session]) -> None:
    assert "not an alert id" in one_error_line(invoke("alerts", "show", "99999999999999999999999"))
    assert "too far back" in one_error_line(invoke("alerts", "list", "--since", "99999999d"))
    assert "not an alert id" in one_error_line(invoke("alerts", "confirm", "1", "99999999999999999999999"))


def test_locked_database_gives_one_line_without_sql(
    db: sessionmaker[Session], monkeypatch: pytest.MonkeyPatch
) -> None:
    def locked(*_: object, **__: object) -> None:
        raise OperationalError("SELECT alerts.id FROM alerts WHERE listings.title = ?", (NIK,),
                               sqlite3.OperationalError("database is locked"))

    monkeypatch.setattr("crawler.cli.alerts.list_alerts", locked)
    line = one_error_line(invoke("alerts", "list"))
    assert "locked" in line
    result = invoke("alerts", "list")
    assert "SELECT" not in result.output and NIK not in result.output


# --------------------------------------------------------------------------- the configuration file


def test_config_file_in_the_working_directory_is_announced(tmp_path: Path) -> None:
    (tmp_path / "ktpwatch.toml").write_text('analyst = "ana"\n')
    os.chmod(tmp_path / "ktpwatch.toml", 0o600)
    result = invoke("db", "status")
    assert result.exit_code == 0, result.output
    announced = [line for line in result.stderr.splitlines() if line.startswith("configuration:")]
    assert announced == [f"configuration: {tmp_path / 'ktpwatch.toml'} (found in the working directory)"]
    checked = invoke("config", "check", "--format", "json")
    assert checked.exit_code == 0 and "working directory" in checked.stderr
    json.loads(checked.stdout)


def test_world_writable_config_file_is_refused(tmp_path: Path) -> None:
    path = tmp_path / "ktpwatch.toml"
    path.write_text('[browser]\nexecutable = "/tmp/evil"\n')
    os.chmod(path, 0o666)
    for args in (("db", "status"), ("config", "check"), ("--config", str(path), "alerts", "list")):
        line = one_error_line(invoke(*args))
        assert "world-writable" in line and str(path) in line
