"""`ktpwatch evidence verify|export|retry` as a user runs them."""

from __future__ import annotations

from pathlib import Path

import pytest
from sqlalchemy.orm import Session, sessionmaker
from typer.testing import CliRunner

from alerts.evidence import EvidenceStore
from config import Settings
from crawler.cli import app
from crawler.cli.runtime import Runtime
from tests.evidence.conftest import Served, request_bundle

runner = CliRunner()


def cli_runtime(settings: Settings, sessions: sessionmaker[Session]) -> Runtime:
    runtime = Runtime()
    runtime.override_settings(settings)
    runtime._sessions = sessions
    return runtime


def test_verify_unknown_alert_is_one_line_error(
    settings: Settings, session_factory: sessionmaker[Session]
) -> None:
    result = runner.invoke(app, ["evidence", "verify", "999"], obj=cli_runtime(settings, session_factory))
    assert result.exit_code == 1
    assert "no alert with id 999" in result.output
    assert "Traceback" not in result.output


def test_verify_all_passes_on_fresh_request(
    settings: Settings, store: EvidenceStore, session_factory: sessionmaker[Session], served: Served
) -> None:
    request_bundle(session_factory, store, served.listing_url(5), "5")
    result = runner.invoke(app, ["evidence", "verify", "--format", "json"],
                           obj=cli_runtime(settings, session_factory))
    assert result.exit_code == 0, result.output
    assert '"status": "ok"' in result.output and "exchanges.warc.gz" in result.output


@pytest.mark.browser
def test_retry_then_export(
    chromium: str, settings: Settings, store: EvidenceStore,
    session_factory: sessionmaker[Session], served: Served, tmp_path: Path,
) -> None:
    alert_id, _ = request_bundle(session_factory, store, served.listing_url(6), "6")
    result = runner.invoke(app, ["evidence", "retry"], obj=cli_runtime(settings, session_factory))
    assert result.exit_code == 0, result.output
    assert "captured 1, failed 0" in result.output
    again = runner.invoke(app, ["evidence", "retry"], obj=cli_runtime(settings, session_factory))
    assert again.exit_code == 0 and "nothing to capture" in again.output

    out = tmp_path / "a.wacz"
    args = ["evidence", "export", str(alert_id), "--out", str(out)]
    result = runner.invoke(app, args, obj=cli_runtime(settings, session_factory))
    assert result.exit_code == 0, result.output
    assert out.stat().st_size > 0
    refused = runner.invoke(app, args, obj=cli_runtime(settings, session_factory))
    assert refused.exit_code == 1 and "already exists" in refused.output
    forced = runner.invoke(app, [*args, "--force"], obj=cli_runtime(settings, session_factory))
    assert forced.exit_code == 0, forced.output
