"""Drafting and sending against a real SMTP server (aiosmtpd on 127.0.0.1)."""

from __future__ import annotations

import email
import hashlib
from datetime import timedelta
from email import policy
from email.message import EmailMessage
from pathlib import Path

import pytest
from sqlalchemy import select
from sqlalchemy.orm import Session, sessionmaker

from alerts.notices import NoticeError, draft_notices, send_notice
from config import Settings
from storage.models import Alert, AlertEvent, AlertStatus, Notice, NoticeStatus
from tests.notices.conftest import (
    HOSTILE_TITLE,
    T0,
    AlertFactory,
    RecordingHandler,
    smtp_server_on,
)


def _draft(factory: sessionmaker[Session], settings: Settings, **kw: object) -> list[int]:
    with factory.begin() as session:
        result = draft_notices(session, settings, now=T0, **kw)  # type: ignore[arg-type]
        return [n.id for n in result.notices]


def _send(factory: sessionmaker[Session], settings: Settings, notice_id: int, **kw: object):  # type: ignore[no-untyped-def]
    return send_notice(factory, settings, notice_id, actor="tester", now=T0, **kw)  # type: ignore[arg-type]


def _statuses(factory: sessionmaker[Session]) -> dict[int, str]:
    with factory() as session:
        return {a.id: a.status for a in session.scalars(select(Alert))}


def test_draft_batches_per_platform_and_splits(
    session_factory: sessionmaker[Session], settings: Settings, make_alert: AlertFactory
) -> None:
    settings = settings.model_copy(
        update={"notices": settings.notices.model_copy(update={"max_listings_per_notice": 2})}
    )
    for _ in range(3):
        make_alert("tokopedia")
    make_alert("shopee")
    make_alert("shopee", status=AlertStatus.NEW)  # not confirmed: not in any notice
    ids = _draft(session_factory, settings)
    with session_factory() as session:
        notices = [session.get(Notice, i) for i in ids]
        counts = sorted((n.marketplace, len(n.alert_links)) for n in notices if n)
        assert counts == [("shopee", 1), ("tokopedia", 1), ("tokopedia", 2)]
        for n in notices:
            assert n is not None and n.status == "draft" and n.message_id
            data = Path(n.eml_path).read_bytes()
            assert hashlib.sha256(data).hexdigest() == n.eml_sha256
            assert Path(n.eml_path).parent == Path(settings.evidence.dir) / "notices"
            assert Path(n.eml_path).stat().st_mode & 0o077 == 0
    # drafting again finds nothing new: the alerts are in unsent drafts
    assert _draft(session_factory, settings) == []
    assert set(_statuses(session_factory).values()) == {"confirmed", "new"}


def test_draft_without_takedown_address_says_why(
    session_factory: sessionmaker[Session], settings: Settings, make_alert: AlertFactory
) -> None:
    olx = settings.marketplace("olx").model_copy(update={"takedown_email": ""})
    settings = settings.model_copy(update={"marketplaces": {**settings.marketplaces, "olx": olx}})
    make_alert("olx")
    with session_factory.begin() as session:
        result = draft_notices(session, settings, now=T0)
    assert result.notices == []
    assert any("marketplaces.olx.takedown_email" in p for p in result.problems)


def test_send_delivers_headers_parts_attachments_and_notifies(
    session_factory: sessionmaker[Session],
    settings: Settings,
    make_alert: AlertFactory,
    smtp_server: RecordingHandler,
) -> None:
    settings = settings.model_copy(
        update={"notices": settings.notices.model_copy(update={"attach_screenshots": True})}
    )
    hostile = make_alert("tokopedia", title=HOSTILE_TITLE)
    plain = make_alert("tokopedia")
    (notice_id,) = _draft(session_factory, settings)
    outcome = _send(session_factory, settings, notice_id)
    assert outcome.ok and outcome.response.startswith("250")
    assert sorted(outcome.moved_alerts) == [hostile, plain]

    (envelope,) = smtp_server.messages
    assert envelope.rcpt_tos == ["legal@tokopedia.com"]
    assert envelope.mail_from == settings.sender.email
    raw = envelope.original_content
    assert isinstance(raw, bytes)
    msg = email.message_from_bytes(raw, policy=policy.default)
    assert isinstance(msg, EmailMessage)
    with session_factory() as session:
        notice = session.get(Notice, notice_id)
        assert notice is not None
        assert msg["Message-ID"] == notice.message_id
        assert msg["X-Ktpwatch-Notice-Id"] == notice.notice_uid
        assert notice.status == "sent" and notice.smtp_response.startswith("250")
        assert notice.sent_at == T0 and notice.deadline_at == T0 + timedelta(hours=24)
        assert raw == Path(notice.eml_path).read_bytes()
        for aid in (hostile, plain):
            alert = session.get(Alert, aid)
            assert alert is not None
            assert alert.status == "notified" and alert.notified_at == T0
            assert alert.deadline_at == T0 + timedelta(hours=24)
            events = session.scalars(select(AlertEvent).where(AlertEvent.alert_id == aid)).all()
            assert [e.to_status for e in events] == ["notified"]
            assert notice.notice_uid in events[0].note
    assert msg["Bcc"] is None and msg["X-Injected"] is None
    assert "Bcc" not in msg["Subject"] and "script" not in msg["Subject"]
    body_text = msg.get_body(preferencelist=("plain",))
    body_html = msg.get_body(preferencelist=("html",))
    assert body_text is not None and body_html is not None
    html = body_html.get_content()
    assert "<script>" not in html and "&lt;script&gt;" in html
    text = body_text.get_content()
    assert "3174********0003" in text and "3174010101900003" not in raw.decode("utf-8", "replace")
    kinds = sorted(p.get_content_type() for p in msg.iter_attachments())
    assert kinds == ["application/json", "application/json", "image/png", "image/png"]


def test_already_sent_needs_resend(
    session_factory: sessionmaker[Session],
    settings: Settings,
    make_alert: AlertFactory,
    smtp_server: RecordingHandler,
) -> None:
    make_alert()
    (notice_id,) = _draft(session_factory, settings)
    assert _send(session_factory, settings, notice_id).ok
    with pytest.raises(NoticeError, match="already sent"):
        _send(session_factory, settings, notice_id)
    assert len(smtp_server.messages) == 1
    assert _send(session_factory, settings, notice_id, resend=True).ok
    assert len(smtp_server.messages) == 2
    assert set(_statuses(session_factory).values()) == {"notified"}


def _assert_untouched_and_retryable(
    factory: sessionmaker[Session], notice_id: int, reason: str
) -> None:
    with factory() as session:
        notice = session.get(Notice, notice_id)
        assert notice is not None
        assert notice.status == NoticeStatus.FAILED.value
        assert notice.attempts == 1 and reason in notice.last_error
        assert notice.sent_at is None
        for alert in session.scalars(select(Alert)):
            assert alert.status == "confirmed" and alert.notified_at is None
            assert alert.deadline_at is None


def test_connection_refused_leaves_alerts_and_can_retry(
    session_factory: sessionmaker[Session], settings: Settings, make_alert: AlertFactory
) -> None:
    make_alert()
    (notice_id,) = _draft(session_factory, settings)
    outcome = _send(session_factory, settings, notice_id)  # nothing listens on the port
    assert not outcome.ok and "connection refused" in outcome.error
    _assert_untouched_and_retryable(session_factory, notice_id, "connection refused")
    # the server comes up: the same notice goes out without --resend
    with smtp_server_on(settings) as handler:
        assert _send(session_factory, settings, notice_id).ok
        assert len(handler.messages) == 1
    assert set(_statuses(session_factory).values()) == {"notified"}


def test_5xx_on_data_leaves_alerts(
    session_factory: sessionmaker[Session],
    settings: Settings,
    make_alert: AlertFactory,
    refusing_smtp_server: RecordingHandler,
) -> None:
    make_alert()
    make_alert()
    (notice_id,) = _draft(session_factory, settings)
    outcome = _send(session_factory, settings, notice_id)
    assert not outcome.ok and "554" in outcome.error and "policy violation" in outcome.error
    _assert_untouched_and_retryable(session_factory, notice_id, "554")


def test_altered_eml_is_refused(
    session_factory: sessionmaker[Session],
    settings: Settings,
    make_alert: AlertFactory,
    smtp_server: RecordingHandler,
) -> None:
    make_alert()
    (notice_id,) = _draft(session_factory, settings)
    with session_factory() as session:
        notice = session.get(Notice, notice_id)
        assert notice is not None
        path = Path(notice.eml_path)
    path.write_bytes(path.read_bytes().replace(b"Blangko", b"Blanket"))
    with pytest.raises(NoticeError, match="altered"):
        _send(session_factory, settings, notice_id)
    assert smtp_server.messages == []


def test_dry_run_sends_and_changes_nothing(
    session_factory: sessionmaker[Session],
    settings: Settings,
    make_alert: AlertFactory,
    smtp_server: RecordingHandler,
) -> None:
    aid = make_alert()
    (notice_id,) = _draft(session_factory, settings)
    outcome = _send(session_factory, settings, notice_id, dry_run=True)
    assert outcome.ok and outcome.dry_run and "legal@tokopedia.com" in outcome.response
    assert outcome.moved_alerts == [aid]
    assert smtp_server.messages == []
    with session_factory() as session:
        notice = session.get(Notice, notice_id)
        assert notice is not None and notice.status == "draft" and notice.attempts == 0
    assert _statuses(session_factory) == {aid: "confirmed"}


def test_dismissed_alert_blocks_send(
    session_factory: sessionmaker[Session],
    settings: Settings,
    make_alert: AlertFactory,
    smtp_server: RecordingHandler,
) -> None:
    aid = make_alert()
    (notice_id,) = _draft(session_factory, settings)
    with session_factory.begin() as session:
        alert = session.get(Alert, aid)
        assert alert is not None
        alert.status = "dismissed"
    with pytest.raises(NoticeError, match=f"alert {aid} is dismissed"):
        _send(session_factory, settings, notice_id)
    assert smtp_server.messages == []
