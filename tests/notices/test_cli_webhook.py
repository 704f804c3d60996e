"""`ktpwatch notices …` and `ktpwatch followup` end to end, and the webhook."""

from __future__ import annotations

import json
import time
from pathlib import Path

import pytest
from typer.testing import CliRunner

from alerts.webhook import post_new_alerts
from config import Settings
from crawler.cli import app
from tests.notices.cli_database import cli_session_factory
from tests.notices.conftest import HOSTILE_TITLE, AlertFactory, ListingServer, RecordingHandler
from tests.servers import free_port

runner = CliRunner()


session_factory = cli_session_factory()


@pytest.fixture
def cli_env(
    settings: Settings, listing_server: ListingServer, monkeypatch: pytest.MonkeyPatch
) -> ListingServer:
    monkeypatch.setenv("KTPWATCH_SMTP_HOST", "127.0.0.1")
    monkeypatch.setenv("KTPWATCH_SMTP_PORT", str(settings.smtp.port))
    base = f"{listing_server.base}/tokopedia"
    Path("ktpwatch.toml").write_text(
        "[crawl]\ndownload_delay = 0\n"
        f'[marketplaces.tokopedia]\napi_base_url = "{base}"\nweb_base_url = "{base}"\n'
        "notice_deadline_seconds = 1\n"
    )
    return listing_server


def _invoke(*args: str):  # type: ignore[no-untyped-def]
    return runner.invoke(app, list(args), catch_exceptions=False)


def test_draft_list_show_send_followup(
    cli_env: ListingServer, make_alert: AlertFactory, smtp_server: RecordingHandler
) -> None:
    aid = make_alert("tokopedia", title=HOSTILE_TITLE, url=f"{cli_env.base}/tokopedia/p/9")
    cli_env.page("/tokopedia/graphql/PDPGetLayoutQuery", 404, "")  # the re-check asks the shop's PDP API

    drafted = _invoke("notices", "draft", "--marketplace", "tokopedia")
    assert drafted.exit_code == 0, drafted.output
    listed = _invoke("notices", "list", "--format", "json")
    (row,) = json.loads(listed.stdout)
    assert row["status"] == "draft" and row["alerts"] == [aid]

    shown = _invoke("notices", "show", str(row["id"]))
    assert shown.exit_code == 0
    assert row["notice_uid"] in shown.stdout and "X-Ktpwatch-Notice-Id" in shown.stdout
    assert "\x1b" not in shown.stdout and "3174********0003" in shown.stdout
    assert "Attachment: alert-" in shown.stdout

    dry = _invoke("notices", "send", row["notice_uid"], "--dry-run")
    assert dry.exit_code == 0 and "dry run" in dry.stdout and smtp_server.messages == []
    sent = _invoke("notices", "send", str(row["id"]), "--as", "analis")
    assert sent.exit_code == 0, sent.output
    assert len(smtp_server.messages) == 1
    again = _invoke("notices", "send", str(row["id"]))
    assert again.exit_code == 1 and "already sent" in again.output
    assert "Traceback" not in again.output

    time.sleep(1.1)  # the platform's deadline passes on the real clock; a future --now is refused
    assert _invoke("followup", "--now", "2099-01-01T00:00").exit_code == 1
    followed = _invoke("followup", "--format", "json")
    assert followed.exit_code == 0, followed.output
    (check,) = json.loads(followed.stdout)
    assert check["alert_id"] == aid and check["outcome"] == "removed"
    assert check["status_after"] == "removed"


def test_cli_errors_are_one_line(cli_env: ListingServer, make_alert: AlertFactory) -> None:
    missing = _invoke("notices", "show", "999")
    assert missing.exit_code == 1 and "no notice '999'" in missing.output
    bad_time = _invoke("followup", "--now", "yesterday")
    assert bad_time.exit_code == 1 and "--now" in bad_time.output
    bad_mp = _invoke("notices", "draft", "--marketplace", "ebay")
    assert bad_mp.exit_code == 1 and "unknown marketplace 'ebay'" in bad_mp.output
    make_alert("tokopedia")
    assert _invoke("notices", "draft").exit_code == 0
    # nothing listens on the SMTP port: the send fails, says why, changes nothing
    failed = _invoke("notices", "send", "1")
    assert failed.exit_code == 1
    assert "connection refused" in failed.output and "retry" in failed.output
    listed = json.loads(_invoke("notices", "list", "--format", "json").stdout)
    assert listed[0]["status"] == "failed" and listed[0]["attempts"] == 1


def test_webhook_posts_json_and_never_raises(
    settings: Settings, listing_server: ListingServer
) -> None:
    assert post_new_alerts(settings, {"new_alerts": 1}) is False  # not configured
    hooked = settings.model_copy(
        update={"webhook": settings.webhook.model_copy(update={"url": f"{listing_server.base}/hook"})}
    )
    summary = {"new_alerts": 3, "by_marketplace": {"shopee": 2, "olx": 1}, "scan_id": 7}
    assert post_new_alerts(hooked, summary) is True
    (request,) = listing_server.requests
    method, path, body = request.split(" ", 2)
    payload = json.loads(body)
    assert (method, path) == ("POST", "/hook")
    assert payload["new_alerts"] == 3 and payload["scan_id"] == 7
    assert "3 new alert(s)" in payload["text"] and "shopee: 2" in payload["text"]

    listing_server.page("/hook", 500, "down")
    assert post_new_alerts(hooked, summary) is False
    dead = settings.model_copy(
        update={"webhook": settings.webhook.model_copy(update={"url": f"http://127.0.0.1:{free_port()}/x"})}
    )
    assert post_new_alerts(dead, summary) is False
