"""A notice left `sending` is visible and resolved by an operator; the SMTP password never goes out in clear."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from sqlalchemy.orm import Session, sessionmaker
from typer.testing import CliRunner

from alerts.notices import NoticeError, draft_notices, send_notice
from alerts.notices.smtp_security import plain_auth_refusal
from config import Settings
from config.settings import SmtpConfig
from crawler.cli import app
from storage.models import Alert, Notice
from tests.notices.cli_database import cli_session_factory
from tests.notices.conftest import AlertFactory, RecordingHandler

runner = CliRunner()


session_factory = cli_session_factory()


@pytest.fixture
def cli_smtp(settings: Settings, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("KTPWATCH_SMTP_HOST", "127.0.0.1")
    monkeypatch.setenv("KTPWATCH_SMTP_PORT", str(settings.smtp.port))


def _invoke(*args: str):  # type: ignore[no-untyped-def]
    return runner.invoke(app, list(args), catch_exceptions=False)


def _stuck_in_sending(factory: sessionmaker[Session], settings: Settings) -> int:
    with factory.begin() as session:
        (notice,) = draft_notices(session, settings).notices

    def die(*_: object) -> str:
        raise KeyboardInterrupt  # the operator's Ctrl-C, or the OOM killer, mid-conversation

    with pytest.raises(KeyboardInterrupt):
        send_notice(factory, settings, notice.id, actor="ana", deliver=die)
    return notice.id


@pytest.mark.usefixtures("cli_smtp")
def test_sending_is_listed_and_resolve_failed_lets_it_go_out_once(
    session_factory: sessionmaker[Session], settings: Settings, make_alert: AlertFactory,
    smtp_server: RecordingHandler,
) -> None:
    aid = make_alert()
    notice_id = _stuck_in_sending(session_factory, settings)
    (row,) = json.loads(_invoke("notices", "list", "--status", "sending", "--format", "json").stdout)
    assert row["id"] == notice_id and "notices resolve" in row["last_error"]
    again = _invoke("notices", "send", str(notice_id))
    assert again.exit_code == 1 and "being sent by another run" in again.stderr
    assert smtp_server.messages == []
    assert _invoke("notices", "resolve", str(notice_id)).exit_code == 1  # --sent or --failed
    resolved = _invoke("notices", "resolve", str(notice_id), "--failed", "--note", "not in relay log")
    assert resolved.exit_code == 0, resolved.output
    assert _invoke("notices", "send", str(notice_id)).exit_code == 0
    assert len(smtp_server.messages) == 1
    with session_factory() as session:
        assert session.get_one(Alert, aid).status == "notified"
        assert session.get_one(Notice, notice_id).attempts == 2
    assert "not sending" in _invoke("notices", "resolve", str(notice_id), "--sent").stderr


def test_resolve_sent_moves_the_alerts_without_sending(
    session_factory: sessionmaker[Session], settings: Settings, make_alert: AlertFactory,
    smtp_server: RecordingHandler,
) -> None:
    aid = make_alert()
    notice_id = _stuck_in_sending(session_factory, settings)
    resolved = _invoke("notices", "resolve", str(notice_id), "--sent", "--as", "budi",
                       "--note", "relay log: queued as 4F2A")
    assert resolved.exit_code == 0, resolved.output
    with session_factory() as session:
        notice = session.get_one(Notice, notice_id)
        assert notice.status == "sent" and "budi" in notice.smtp_response and notice.deadline_at
        assert session.get_one(Alert, aid).status == "notified"
    assert smtp_server.messages == []


@pytest.mark.parametrize(
    ("changes", "refused"),
    [
        ({"username": "ktp", "host": "192.0.2.10"}, True),
        ({"username": "ktp", "host": "192.0.2.10", "allow_plain_auth": True}, False),
        ({"username": "ktp", "host": "192.0.2.10", "starttls": True}, False),
        ({"username": "ktp", "host": "192.0.2.10", "ssl": True}, False),
        ({"username": "ktp", "host": "127.0.0.1"}, False),
        ({"username": "ktp", "host": "::1"}, False),
        ({"username": "ktp", "host": "localhost"}, False),
        ({"username": "", "host": "192.0.2.10"}, False),
    ],
)
def test_plain_auth_is_refused_off_loopback(changes: dict[str, object], refused: bool) -> None:
    assert (plain_auth_refusal(SmtpConfig(**changes)) is not None) is refused  # type: ignore[arg-type]


def test_send_refuses_cleartext_login_before_claiming(
    session_factory: sessionmaker[Session], settings: Settings, make_alert: AlertFactory, tmp_path: Path
) -> None:
    make_alert()
    settings = settings.model_copy(
        update={"smtp": settings.smtp.model_copy(update={"host": "192.0.2.10", "username": "ktp"})}
    )
    with session_factory.begin() as session:
        (notice,) = draft_notices(session, settings).notices
    delivered: list[bytes] = []

    def record(*args: object) -> str:
        delivered.append(args[-1])  # type: ignore[arg-type]
        return "250 ok"

    with pytest.raises(NoticeError, match=r"cleartext.*smtp\.allow_plain_auth"):
        send_notice(session_factory, settings, notice.id, actor="ana", deliver=record)
    assert delivered == []
    with session_factory() as session:
        stored = session.get_one(Notice, notice.id)
        assert (stored.status, stored.attempts) == ("draft", 0)
