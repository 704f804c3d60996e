"""Send a drafted notice over SMTP at most once and, only once the server has accepted it, move its alerts.

The order matters. The ``.eml`` is re-read and its SHA-256 compared with the
database (what leaves is what was previewed). Every alert is checked against
the state machine *before* anything is sent. Then the notice is *claimed*:
a conditional update to ``sending``, committed before the SMTP conversation,
so two ``notices send`` runs cannot both deliver it. Then the message goes
out; only after the server's final ``250`` do the notice become ``sent`` and
its alerts ``notified`` (takedown) or ``escalated`` (escalation, complaint)
with the new deadline. A refused connection, a failed login or a ``5xx`` on
``DATA`` leaves every alert as it was and the notice ``failed`` with the
server's reason, ready to be sent again. A run that dies between the claim
and the answer leaves the notice ``sending``: nobody can know from here
whether the server took it, so it is never retried on its own; an operator
checks the mail server's log and runs ``notices resolve ID --sent|--failed``.
A notice already sent is never sent again unless ``resend=True``.

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

from sqlalchemy.orm import Session, sessionmaker

from alerts.notices.smtp_security import plain_auth_refusal
from config import Settings, smtp_password
from config.settings import SmtpConfig
from storage.alerts import AlertChanged, IllegalTransition, add_event, check_transition, transition
from storage.models import Alert, AlertStatus, Notice, NoticeKind, NoticeStatus
from storage.notices import claim_notice, notice_alerts, settle_notice


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
            refusal = plain_auth_refusal(cfg)
            if refusal is not None:
                raise NoticeError(refusal)
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
    sessions: sessionmaker[Session],
    settings: Settings,
    notice_id: int,
    *,
    actor: str,
    dry_run: bool = False,
    resend: bool = False,
    now: datetime | None = None,
    deliver: Deliver = smtp_deliver,
) -> SendOutcome:
    """Send notice ``notice_id`` at most once; see the module docstring for what changes when.

    Three transactions: check and claim (``sending``, committed before SMTP),
    the SMTP conversation outside any transaction, then record the answer.
    Raises :class:`NoticeError` for requests that must not be attempted (already
    sent, being sent by another run, altered file, alerts in the wrong state).
    An SMTP failure does not raise: the notice becomes ``failed`` with the
    reason and the outcome has ``ok=False``.
    """
    cfg = settings.smtp
    refusal = plain_auth_refusal(cfg)
    if refusal is not None:
        raise NoticeError(refusal)
    with sessions.begin() as session:
        notice = _sendable(session, notice_id, resend=resend)
        data = read_eml(notice)
        target = target_status(notice.kind)
        moving = _check_alerts(notice_alerts(session, notice.id), target)
        uid, recipient = notice.notice_uid, notice.recipient
        if dry_run:
            return _dry_run(settings, uid, recipient, data, target, moving)
        claimed_at = datetime.now(UTC).isoformat(timespec="seconds")
        note = (f"sending since {claimed_at} by {actor}; if it stays so, that run stopped mid-send: "
                f"check the mail server's log, then `ktpwatch notices resolve {notice_id} --sent` or `--failed`")
        if not claim_notice(session, notice_id, resend=resend, note=note):
            raise NoticeError(_not_claimed(session, notice_id))
    try:
        answer = deliver(cfg, smtp_password(), settings.sender.email, recipient, data)
    except (smtplib.SMTPException, OSError) as exc:
        reason = describe_failure(exc, cfg)
        with sessions.begin() as session:
            if not settle_notice(session, notice_id, NoticeStatus.FAILED, last_error=reason):
                raise NoticeError(f"{reason}; and {_not_claimed(session, notice_id)}") from exc
        return SendOutcome(uid, ok=False, error=reason)
    with sessions.begin() as session:
        return record_delivery(session, settings, notice_id, answer=answer, actor=actor, now=now)


def _sendable(session: Session, notice_id: int, *, resend: bool) -> Notice:
    notice = session.get(Notice, notice_id)
    if notice is None:
        raise NoticeError(f"no notice {notice_id}")
    if notice.status == NoticeStatus.SENT.value and not resend:
        sent = notice.sent_at.isoformat(timespec="seconds") if notice.sent_at else "earlier"
        raise NoticeError(
            f"notice {notice.notice_uid} was already sent at {sent}; use --resend to send it again"
        )
    if notice.status == NoticeStatus.SENDING.value:
        raise NoticeError(_not_claimed(session, notice_id))
    return notice


def _not_claimed(session: Session, notice_id: int) -> str:
    """Why a claim failed: another run holds the notice, or sent it meanwhile."""
    session.expire_all()
    notice = session.get_one(Notice, notice_id)
    if notice.status == NoticeStatus.SENDING.value:
        return f"notice {notice.notice_uid} is being sent by another run ({notice.last_error})"
    return f"notice {notice.notice_uid} changed since you loaded it (now {notice.status}); nothing sent"


def _dry_run(
    settings: Settings, uid: str, recipient: str, data: bytes, target: AlertStatus, moving: list[Alert]
) -> SendOutcome:
    cfg = settings.smtp
    security = "SSL" if cfg.ssl else "STARTTLS" if cfg.starttls else "plain"
    login = f", login {cfg.username}" if cfg.username else ""
    return SendOutcome(
        uid,
        ok=True,
        dry_run=True,
        response=(
            f"would send {len(data)} bytes from {settings.sender.email} to {recipient} via "
            f"{cfg.host}:{cfg.port} ({security}{login}); "
            f"{len(moving)} alert(s) would move to {target.value}"
        ),
        moved_alerts=[a.id for a in moving],
    )


def record_delivery(
    session: Session,
    settings: Settings,
    notice_id: int,
    *,
    answer: str,
    actor: str,
    now: datetime | None = None,
) -> SendOutcome:
    """A ``sending`` notice was accepted by the server: mark it sent and move its alerts.

    Also what ``notices resolve --sent`` runs when an operator has checked the
    mail server's log after a crash. An alert an analyst moved while the
    message was on its way keeps its new status; its audit trail says the
    notice named it.
    """
    now = now or datetime.now(UTC)
    deadline = now + settings.notice_deadline(session.get_one(Notice, notice_id).marketplace)
    if not settle_notice(session, notice_id, NoticeStatus.SENT, sent_at=now, deadline_at=deadline,
                         smtp_response=answer, last_error=""):
        raise NoticeError(_not_claimed(session, notice_id))
    notice = session.get_one(Notice, notice_id)
    target = target_status(notice.kind)
    note = f"notice {notice.notice_uid} ({notice.kind}) sent to {notice.recipient}"
    moved: list[int] = []
    for alert in notice_alerts(session, notice_id):
        alert.deadline_at = deadline
        if alert.status == target.value:
            continue
        try:
            transition(session, alert, target, actor=actor, note=note, at=now)
        except (IllegalTransition, AlertChanged):
            add_event(session, alert, actor=actor, action="note", at=now,
                      note=f"{note}, but the alert was {alert.status} by then and did not move")
        else:
            moved.append(alert.id)
    session.flush()
    return SendOutcome(notice.notice_uid, ok=True, response=answer, moved_alerts=moved, deadline_at=deadline)


def resolve_notice(
    sessions: sessionmaker[Session],
    settings: Settings,
    notice_id: int,
    *,
    delivered: bool,
    actor: str,
    note: str,
) -> SendOutcome:
    """An operator settles a notice left ``sending`` by a run that died mid-send.

    ``delivered``: the mail server's log shows it accepted the message, so the
    notice becomes ``sent`` and its alerts move as after a send. Otherwise it
    becomes ``failed`` and ``notices send`` may try again.
    """
    with sessions.begin() as session:
        notice = session.get(Notice, notice_id)
        if notice is None:
            raise NoticeError(f"no notice {notice_id}")
        if notice.status != NoticeStatus.SENDING.value:
            raise NoticeError(f"notice {notice.notice_uid} is {notice.status}, not sending: nothing to resolve")
        if delivered:
            return record_delivery(session, settings, notice_id, actor=actor,
                                   answer=f"marked sent by {actor}: {note}")
        reason = f"marked not sent by {actor}: {note}"
        if not settle_notice(session, notice_id, NoticeStatus.FAILED, last_error=reason):
            raise NoticeError(_not_claimed(session, notice_id))
        return SendOutcome(notice.notice_uid, ok=False, error=reason)
