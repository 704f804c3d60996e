"""Send a drafted notice over SMTP and, only once the server has accepted it, move its alerts.

The order matters. The ``.eml`` is re-read and its SHA-256 compared with the
database (what leaves is what was previewed). Every alert is checked against
the state machine *before* anything is sent. Then the message goes out; only
after the server's final ``250`` do the notice become ``sent`` and its alerts
``notified`` (takedown) or ``escalated`` (escalation, complaint) with the new
deadline. A refused connection, a failed login or a ``5xx`` on ``DATA``
leaves every alert as it was and the notice ``failed`` with the server's
reason, ready to be sent again. A notice already sent is never sent again
unless ``resend=True``.

The password comes from ``config.smtp_password()`` at the moment of sending
and is passed straight to ``smtplib``; it is never stored or logged.
"""

from __future__ import annotations

import hashlib
import smtplib
import ssl
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import UTC, datetime
from pathlib import Path

from sqlalchemy.orm import Session

from config import Settings, smtp_password
from config.settings import SmtpConfig
from storage.alerts import IllegalTransition, check_transition, transition
from storage.models import Alert, AlertStatus, Notice, NoticeKind, NoticeStatus
from storage.notices import notice_alerts


class NoticeError(Exception):
    """A notice that cannot be sent as asked; the message says why and what to do."""


@dataclass
class SendOutcome:
    notice_uid: str
    ok: bool
    dry_run: bool = False
    #: the server's final answer (or what a dry run would have done)
    response: str = ""
    error: str = ""
    moved_alerts: list[int] = field(default_factory=list)
    deadline_at: datetime | None = None


#: Delivers ``data`` from ``sender`` to ``recipient``; returns the server's final answer.
Deliver = Callable[[SmtpConfig, str, str, str, bytes], str]


def target_status(kind: str) -> AlertStatus:
    return AlertStatus.NOTIFIED if kind == NoticeKind.TAKEDOWN.value else AlertStatus.ESCALATED


def _check_alerts(alerts: list[Alert], target: AlertStatus) -> list[Alert]:
    """Alerts that still need to move; raises when one cannot move to ``target``."""
    moving: list[Alert] = []
    blocked: list[str] = []
    for alert in alerts:
        if alert.status == target.value:
            continue
        try:
            check_transition(alert, target)
        except IllegalTransition:
            blocked.append(f"alert {alert.id} is {alert.status}")
        else:
            moving.append(alert)
    if blocked:
        raise NoticeError(
            f"cannot move to {target.value}: {'; '.join(blocked)} "
            "(the notice names them; draft a new notice without them)"
        )
    return moving


def read_eml(notice: Notice) -> bytes:
    path = Path(notice.eml_path)
    try:
        data = path.read_bytes()
    except OSError as exc:
        raise NoticeError(f"notice {notice.notice_uid}: cannot read {path}: {exc.strerror}") from None
    digest = hashlib.sha256(data).hexdigest()
    if digest != notice.eml_sha256:
        raise NoticeError(
            f"notice {notice.notice_uid}: {path} was altered after drafting "
            f"(sha256 {digest[:12]}…, expected {notice.eml_sha256[:12]}…); refusing to send"
        )
    return data


def smtp_deliver(
    cfg: SmtpConfig, password: str, sender: str, recipient: str, data: bytes
) -> str:
    """One SMTP transaction (SSL or STARTTLS, login when a username is set)."""
    context = ssl.create_default_context()
    client: smtplib.SMTP
    if cfg.ssl:
        client = smtplib.SMTP_SSL(cfg.host, cfg.port, timeout=cfg.timeout_seconds, context=context)
    else:
        client = smtplib.SMTP(cfg.host, cfg.port, timeout=cfg.timeout_seconds)
    try:
        client.ehlo_or_helo_if_needed()
        if cfg.starttls and not cfg.ssl:
            client.starttls(context=context)
            client.ehlo()
        if cfg.username:
            client.login(cfg.username, password)
        code, answer = client.mail(sender)
        if code != 250:
            raise smtplib.SMTPSenderRefused(code, answer, sender)
        code, answer = client.rcpt(recipient)
        if code not in (250, 251):
            raise smtplib.SMTPRecipientsRefused({recipient: (code, answer)})
        code, answer = client.data(data)
        if code != 250:
            raise smtplib.SMTPDataError(code, answer)
        return f"{code} {answer.decode('utf-8', 'replace')}"
    finally:
        try:
            client.quit()
        except (smtplib.SMTPException, OSError):
            client.close()


def describe_failure(exc: BaseException, cfg: SmtpConfig) -> str:
    """One line a user can act on (never containing the password)."""
    where = f"{cfg.host}:{cfg.port}"
    if isinstance(exc, smtplib.SMTPAuthenticationError):
        return f"{where}: login refused for {cfg.username!r}: {exc.smtp_code} (check KTPWATCH_SMTP_PASSWORD)"
    if isinstance(exc, smtplib.SMTPRecipientsRefused):
        answers = "; ".join(
            f"{rcpt}: {code} {msg.decode('utf-8', 'replace') if isinstance(msg, bytes) else msg}"
            for rcpt, (code, msg) in exc.recipients.items()
        )
        return f"{where}: recipient refused: {answers}"
    if isinstance(exc, smtplib.SMTPResponseException):
        msg = exc.smtp_error
        text = msg.decode("utf-8", "replace") if isinstance(msg, bytes) else str(msg)
        return f"{where}: server answered {exc.smtp_code} {text}"
    if isinstance(exc, ConnectionRefusedError):
        return f"{where}: connection refused (is the SMTP server running?)"
    if isinstance(exc, TimeoutError):
        return f"{where}: timed out after {cfg.timeout_seconds:g}s"
    if isinstance(exc, ssl.SSLError):
        return f"{where}: TLS failed: {exc.reason or exc}"
    return f"{where}: {type(exc).__name__}: {exc}"


def send_notice(
    session: Session,
    settings: Settings,
    notice: Notice,
    *,
    actor: str,
    dry_run: bool = False,
    resend: bool = False,
    now: datetime | None = None,
    deliver: Deliver = smtp_deliver,
) -> SendOutcome:
    """Send ``notice``; see the module docstring for what changes when.

    Raises :class:`NoticeError` for requests that must not be attempted (already
    sent, altered file, alerts in the wrong state). An SMTP failure does not
    raise: it is recorded on the notice and returned with ``ok=False``.
    """
    if notice.status == NoticeStatus.SENT.value and not resend:
        sent = notice.sent_at.isoformat(timespec="seconds") if notice.sent_at else "earlier"
        raise NoticeError(
            f"notice {notice.notice_uid} was already sent at {sent}; use --resend to send it again"
        )
    data = read_eml(notice)
    target = target_status(notice.kind)
    moving = _check_alerts(notice_alerts(session, notice.id), target)
    cfg = settings.smtp
    sender = settings.sender.email
    if dry_run:
        return SendOutcome(
            notice.notice_uid,
            ok=True,
            dry_run=True,
            response=(
                f"would send {len(data)} bytes from {sender} to {notice.recipient} via "
                f"{cfg.host}:{cfg.port} ({'SSL' if cfg.ssl else 'STARTTLS' if cfg.starttls else 'plain'}"
                f"{', login ' + cfg.username if cfg.username else ''}); "
                f"{len(moving)} alert(s) would move to {target.value}"
            ),
            moved_alerts=[a.id for a in moving],
        )
    now = now or datetime.now(UTC)
    notice.attempts = (notice.attempts or 0) + 1
    try:
        answer = deliver(cfg, smtp_password(), sender, notice.recipient, data)
    except (smtplib.SMTPException, OSError) as exc:
        reason = describe_failure(exc, cfg)
        if notice.status != NoticeStatus.SENT.value:
            notice.status = NoticeStatus.FAILED.value
        notice.last_error = reason
        session.flush()
        return SendOutcome(notice.notice_uid, ok=False, error=reason)
    deadline = now + settings.notice_deadline(notice.marketplace)
    notice.status = NoticeStatus.SENT.value
    notice.sent_at = now
    notice.deadline_at = deadline
    notice.smtp_response = answer
    notice.last_error = ""
    note = f"notice {notice.notice_uid} ({notice.kind}) sent to {notice.recipient}"
    for alert in moving:
        transition(session, alert, target, actor=actor, note=note, at=now)
    for alert in notice_alerts(session, notice.id):
        alert.deadline_at = deadline
    session.flush()
    return SendOutcome(
        notice.notice_uid,
        ok=True,
        response=answer,
        moved_alerts=[a.id for a in moving],
        deadline_at=deadline,
    )
