"""`ktpwatch schedule run --once` and `ktpwatch schedule status` as a user runs them."""

from __future__ import annotations

import json
from datetime import UTC, datetime
from pathlib import Path

import pytest
from typer.testing import CliRunner

from config import Settings, load_config
from crawler.cli import app
from crawler.monitors import check_scan_health
from crawler.schedule import JobSpec
from storage.models import Scan, ScanMarketplaceStat
from storage.session import make_engine, make_session_factory
from tests.schedule.conftest import fake_spec, lines

runner = CliRunner()


@pytest.fixture
def fake_table(monkeypatch: pytest.MonkeyPatch, job_log: Path) -> list[JobSpec]:
    table = [fake_spec(seconds=3600), fake_spec("tests.schedule.fakejobs:boom", job_id="broken")]
    monkeypatch.setattr("crawler.schedule.service.default_jobs", lambda settings: table)
    return table


def test_status_of_a_fresh_install_lists_the_three_jobs_never_run() -> None:
    result = runner.invoke(app, ["schedule", "status", "--format", "json"])
    assert result.exit_code == 0, result.output
    payload = json.loads(result.stdout)
    jobs = {j["job"]: j for j in payload["jobs"]}
    assert list(jobs) == ["scan", "followup", "evidence_retry"]
    assert jobs["scan"]["schedule"] == "every 72h"
    assert all(j["outcome"] == "never ran" and j["next_run"] for j in jobs.values())
    assert payload["health"] == []


def test_run_once_runs_due_jobs_then_skips_them(fake_table: list[JobSpec], job_log: Path) -> None:
    first = runner.invoke(app, ["schedule", "run", "--once"])
    assert first.exit_code == 1, first.output  # the broken job failed: systemd sees it
    assert "the fake job broke" in first.stdout
    assert len(lines(job_log)) == 1

    status = json.loads(runner.invoke(app, ["schedule", "status", "-f", "json"]).stdout)
    jobs = {j["job"]: j for j in status["jobs"]}
    assert jobs["fake"]["outcome"] == "ok" and jobs["fake"]["new_alerts"] == 2
    assert jobs["fake"]["last_end"] is not None
    assert jobs["broken"]["outcome"] == "failed"

    second = runner.invoke(app, ["schedule", "run", "--once"])
    assert "not due until" in second.stdout
    assert len(lines(job_log)) == 1


def test_status_shows_layout_or_access_changed_for_a_silent_marketplace(
    settings: Settings,
) -> None:
    engine = make_engine(settings.storage.url)
    runner.invoke(app, ["schedule", "status"])  # creates the schema like any first command
    sessions = make_session_factory(engine)
    with sessions.begin() as session:
        for items in (80, 90, 0):
            scan = Scan(finished_at=datetime.now(UTC), status="finished")
            scan.marketplace_stats = [
                ScanMarketplaceStat(marketplace="shopee", requests=10, items=items),
                ScanMarketplaceStat(marketplace="olx", requests=10, items=30),
            ]
            session.add(scan)
            session.flush()
            check_scan_health(session, scan.id, settings)
    engine.dispose()
    result = runner.invoke(app, ["schedule", "status"], env={"COLUMNS": "200"})
    assert result.exit_code == 0, result.output
    assert "layout or access changed: 0 items" in result.stdout
    health = json.loads(runner.invoke(app, ["schedule", "status", "-f", "json"]).stdout)["health"]
    by_mp = {h["marketplace"]: h for h in health}
    assert by_mp["olx"]["health"] == "ok" and by_mp["olx"]["flags"] == []
    assert by_mp["shopee"]["flags"] and by_mp["shopee"]["items"] == 0


def test_an_unknown_time_zone_is_a_one_line_configuration_error(tmp_path: Path) -> None:
    (tmp_path / "ktpwatch.toml").write_text('[schedule]\ntimezone = "Mars/Olympus_Mons"\n')
    assert load_config().settings.schedule.timezone == "Mars/Olympus_Mons"
    result = runner.invoke(app, ["schedule", "status"])
    assert result.exit_code == 2
    assert "unknown time zone 'Mars/Olympus_Mons'" in result.output
    assert "Traceback" not in result.output
