"""The follow-up's wiring outside its own module: the scheduler's job, the schema migration."""

from __future__ import annotations

import json
import sqlite3
import time
from pathlib import Path

from sqlalchemy.orm import Session, sessionmaker
from typer.testing import CliRunner

from alerts.followup import run_followup
from config import Settings
from crawler.cli import app
from crawler.recheck import SpiderListingReader
from crawler.schedule.jobs import JobContext, JobOutcome, run_followup_job
from storage.migrate import upgrade
from storage.session import make_engine
from tests.notices.cli_database import cli_session_factory
from tests.notices.conftest import T0, AlertFactory, RecordingHandler
from tests.notices.followup_helpers import alert_on_shop, notify, status_of
from tests.notices.shop_server import Answer, ShopServer, fixture_body, served_by


def test_scheduled_followup_reads_with_the_spiders(
    session_factory: sessionmaker[Session], settings: Settings, make_alert: AlertFactory,
    shop: ShopServer, smtp_server: RecordingHandler,
) -> None:
    local = served_by(settings, shop.base)
    aid, _ = alert_on_shop(make_alert, session_factory, local, shop, "shopee", Answer(404, b""))
    notify(session_factory, local, at=T0)  # its deadline passed long ago on the real clock
    result = run_followup_job(JobContext(settings=local, sessions=session_factory, config_path=None,
                                         owner="test"))
    assert result.outcome is JobOutcome.OK and "rows=1" in result.detail
    assert status_of(session_factory, aid) == "removed"


def test_migration_turns_old_error_rechecks_into_unknown(tmp_path: Path) -> None:
    path = tmp_path / "old.db"
    engine = make_engine(f"sqlite:///{path}")
    upgrade(engine, "0001")
    engine.dispose()
    with sqlite3.connect(path) as raw:  # no foreign keys: only the re-check row matters here
        raw.execute("INSERT INTO rechecks (alert_id, checked_at, url, http_status, outcome, detail) "
                    "VALUES (1, '2025-03-01 08:00:00', 'u', 503, 'error', 'HTTP 503')")
    engine = make_engine(f"sqlite:///{path}")
    upgrade(engine)
    engine.dispose()
    with sqlite3.connect(path) as raw:
        row = raw.execute("SELECT outcome, reason, attempt, retry_after_seconds FROM rechecks").fetchone()
    assert row == ("unknown", "", 1, None)


session_factory = cli_session_factory()


def test_cli_followup_shows_unknown_with_its_next_try(
    session_factory: sessionmaker[Session], settings: Settings, shop: ShopServer,
    smtp_server: RecordingHandler, make_alert: AlertFactory,
) -> None:
    local = served_by(settings, shop.base)
    base = shop.base
    Path("ktpwatch.toml").write_text(
        f'[crawl]\ndownload_delay = 0\n[marketplaces.shopee]\napi_base_url = "{base}"\nweb_base_url = "{base}"\n'
    )
    aid, _ = alert_on_shop(make_alert, session_factory, local, shop, "shopee",
                           Answer(200, fixture_body("shopee/detail/blocked")))
    notify(session_factory, local, at=T0)
    result = CliRunner().invoke(app, ["followup", "--format", "json"], catch_exceptions=False)
    assert result.exit_code == 0, result.output
    (row,) = json.loads(result.stdout)
    assert (row["alert_id"], row["outcome"], row["reason"], row["attempt"]) == (aid, "unknown", "blocked", 1)
    assert row["next_try"] and row["retry_after_seconds"] == local.followup.retry_first_seconds
    assert status_of(session_factory, aid) == "notified"
    again = CliRunner().invoke(app, ["followup"], catch_exceptions=False)
    assert again.exit_code == 0 and "No notified listing is past its deadline" in again.stdout


def test_trickling_shop_is_an_unknown_recheck_within_the_total_deadline(
    session_factory: sessionmaker[Session], settings: Settings, make_alert: AlertFactory,
    shop: ShopServer, smtp_server: RecordingHandler,
) -> None:
    served = served_by(settings, shop.base)
    local = served.model_copy(update={"followup": served.followup.model_copy(update={"fetch_total_seconds": 1.0})})
    aid, _ = alert_on_shop(make_alert, session_factory, local, shop, "olx",
                           Answer(mode="trickle", interval=0.5, limit=40))
    notify(session_factory, local, at=T0)
    started = time.monotonic()
    (row,) = run_followup(session_factory, local, reader=SpiderListingReader(local)).rows
    assert time.monotonic() - started < 5  # the trickle alone would take 20 s
    assert (row.outcome, row.reason) == ("unknown", "timeout")
    assert status_of(session_factory, aid) == "notified"
