"""Queries for takedown notices, their alerts, the evidence they cite, and re-checks.

Functions take a session, run ``select()`` statements and never commit; the
caller owns the transaction.
"""

from __future__ import annotations

from collections.abc import Sequence
from datetime import datetime, timedelta
from typing import Any

from sqlalchemy import and_, exists, func, select, update
from sqlalchemy.orm import Session, selectinload
from sqlalchemy.sql.expression import ColumnElement, Exists

from storage.models import (
    Alert,
    AlertStatus,
    CaptureStatus,
    Evidence,
    EvidenceBundle,
    Listing,
    Notice,
    NoticeAlert,
    NoticeKind,
    NoticeStatus,
    Recheck,
    RecheckOutcome,
)

#: Notices that have not gone out yet (or may be going out right now): their alerts are spoken for.
PENDING_STATUSES = (NoticeStatus.DRAFT.value, NoticeStatus.SENDING.value, NoticeStatus.FAILED.value)
#: Statuses a send may start from; ``sent`` too when the operator asks to resend.
SENDABLE_STATUSES = (NoticeStatus.DRAFT.value, NoticeStatus.FAILED.value)
#: Alerts follow-up re-checks once their deadline has passed.
RECHECK_STATUSES = (
    AlertStatus.NOTIFIED.value,
    AlertStatus.STILL_LIVE.value,
    AlertStatus.ESCALATED.value,
)


def _in_pending_notice(kinds: Sequence[str]) -> Exists:
    return exists().where(
        NoticeAlert.alert_id == Alert.id,
        NoticeAlert.notice_id == Notice.id,
        Notice.status.in_(PENDING_STATUSES),
        Notice.kind.in_(list(kinds)),
    )


def _alerts_for_notice(
    session: Session, kind: NoticeKind, marketplace: str | None, *conditions: ColumnElement[bool]
) -> list[Alert]:
    """Alerts meeting ``conditions`` and not already in an unsent notice of ``kind``, per marketplace then id."""
    stmt = (
        select(Alert)
        .where(*conditions)
        .where(~_in_pending_notice([kind.value]))
        .options(selectinload(Alert.listing).selectinload(Listing.seller))
        .order_by(Alert.marketplace, Alert.id)
    )
    if marketplace:
        stmt = stmt.where(Alert.marketplace == marketplace)
    return list(session.scalars(stmt))


def alerts_to_notify(session: Session, marketplace: str | None = None) -> list[Alert]:
    """Confirmed alerts not yet notified and not already in an unsent takedown notice."""
    return _alerts_for_notice(
        session, NoticeKind.TAKEDOWN, marketplace,
        Alert.status == AlertStatus.CONFIRMED.value, Alert.notified_at.is_(None),
    )


def alerts_to_escalate(session: Session, marketplace: str | None = None) -> list[Alert]:
    """Still-live alerts not already in an unsent escalation notice."""
    return _alerts_for_notice(session, NoticeKind.ESCALATION, marketplace, Alert.status == AlertStatus.STILL_LIVE.value)


def first_sent_notice(session: Session, alert_id: int) -> Notice | None:
    """The earliest sent takedown notice naming this alert (what escalations cite)."""
    stmt = (
        select(Notice)
        .join(NoticeAlert, NoticeAlert.notice_id == Notice.id)
        .where(
            NoticeAlert.alert_id == alert_id,
            Notice.status == NoticeStatus.SENT.value,
            Notice.kind == NoticeKind.TAKEDOWN.value,
        )
        .order_by(Notice.sent_at, Notice.id)
        .limit(1)
    )
    return session.scalars(stmt).first()


def get_notice(session: Session, ref: str) -> Notice | None:
    """A notice by numeric id or by its public notice id."""
    ref = ref.strip()
    if ref.isdigit():
        return session.get(Notice, int(ref))
    return session.scalars(select(Notice).where(Notice.notice_uid == ref)).first()


def list_notices(
    session: Session,
    *,
    status: str | None = None,
    marketplace: str | None = None,
    kind: str | None = None,
    limit: int | None = None,
) -> list[Notice]:
    stmt = select(Notice).options(selectinload(Notice.alert_links)).order_by(Notice.id.desc())
    if status:
        stmt = stmt.where(Notice.status == status)
    if marketplace:
        stmt = stmt.where(Notice.marketplace == marketplace)
    if kind:
        stmt = stmt.where(Notice.kind == kind)
    if limit:
        stmt = stmt.limit(limit)
    return list(session.scalars(stmt))


def notice_alerts(session: Session, notice_id: int) -> list[Alert]:
    stmt = (
        select(Alert)
        .join(NoticeAlert, NoticeAlert.alert_id == Alert.id)
        .where(NoticeAlert.notice_id == notice_id)
        .options(selectinload(Alert.listing).selectinload(Listing.seller))
        .order_by(Alert.id)
    )
    return list(session.scalars(stmt))


def first_capture_time(session: Session, listing_id: int) -> datetime | None:
    stmt = (
        select(EvidenceBundle.captured_at)
        .where(
            EvidenceBundle.listing_id == listing_id,
            EvidenceBundle.status == CaptureStatus.OK.value,
            EvidenceBundle.captured_at.is_not(None),
        )
        .order_by(EvidenceBundle.captured_at)
        .limit(1)
    )
    return session.scalars(stmt).first()


def latest_bundle(session: Session, listing_id: int) -> EvidenceBundle | None:
    """The newest complete evidence bundle (with a manifest) of a listing."""
    stmt = (
        select(EvidenceBundle)
        .where(
            EvidenceBundle.listing_id == listing_id,
            EvidenceBundle.status == CaptureStatus.OK.value,
            EvidenceBundle.manifest_sha256.is_not(None),
        )
        .options(selectinload(EvidenceBundle.files))
        .order_by(EvidenceBundle.captured_at.desc(), EvidenceBundle.id.desc())
        .limit(1)
    )
    return session.scalars(stmt).first()


def bundle_files(bundle: EvidenceBundle, kind: str) -> list[Evidence]:
    return sorted((f for f in bundle.files if f.kind == kind), key=lambda f: f.id)


def alerts_due_for_recheck(session: Session, now: datetime) -> list[Alert]:
    """Notified, still-live or escalated alerts past their deadline and not waiting out a retry.

    An alert whose latest re-check was undecided (``unknown``) waits
    ``retry_after_seconds`` from that re-check before it is due again. The wait
    is compared here rather than in SQL so SQLite and PostgreSQL agree on it.
    """
    latest = (
        select(Recheck.alert_id, func.max(Recheck.id).label("recheck_id"))
        .group_by(Recheck.alert_id)
        .subquery()
    )
    stmt = (
        select(Alert, Recheck)
        .outerjoin(latest, latest.c.alert_id == Alert.id)
        .outerjoin(Recheck, Recheck.id == latest.c.recheck_id)
        .where(
            and_(
                Alert.status.in_(RECHECK_STATUSES),
                Alert.deadline_at.is_not(None),
                Alert.deadline_at <= now,
            )
        )
        .options(selectinload(Alert.listing).selectinload(Listing.seller))
        .order_by(Alert.deadline_at, Alert.id)
    )
    return [alert for alert, last in session.execute(stmt) if not _waiting(last, now)]


def _waiting(last: Recheck | None, now: datetime) -> bool:
    if last is None or last.outcome != RecheckOutcome.UNKNOWN.value or last.retry_after_seconds is None:
        return False
    return last.checked_at + timedelta(seconds=last.retry_after_seconds) > now


def latest_recheck(session: Session, alert_id: int) -> Recheck | None:
    stmt = select(Recheck).where(Recheck.alert_id == alert_id).order_by(Recheck.id.desc()).limit(1)
    return session.scalars(stmt).first()


def add_recheck(
    session: Session,
    *,
    alert_id: int,
    url: str,
    outcome: str,
    http_status: int | None,
    detail: str,
    checked_at: datetime,
    reason: str = "",
    attempt: int = 1,
    retry_after_seconds: float | None = None,
) -> Recheck:
    row = Recheck(
        alert_id=alert_id,
        url=url,
        outcome=outcome,
        http_status=http_status,
        detail=detail,
        checked_at=checked_at,
        reason=reason,
        attempt=attempt,
        retry_after_seconds=retry_after_seconds,
    )
    session.add(row)
    session.flush()
    return row


def unknown_rechecks_by_marketplace(session: Session, since: datetime | None = None) -> dict[str, int]:
    """Re-checks per marketplace that could not tell removed from live (blocked, captcha …).

    ``since`` limits them to alerts opened since then, as the rest of the activity report.
    """
    stmt = (
        select(Alert.marketplace, func.count(Recheck.id))
        .join(Recheck, Recheck.alert_id == Alert.id)
        .where(Recheck.outcome == RecheckOutcome.UNKNOWN.value)
        .group_by(Alert.marketplace)
    )
    if since is not None:
        stmt = stmt.where(Alert.opened_at >= since)
    return {market: int(count) for market, count in session.execute(stmt)}


# --------------------------------------------------------------------------- claiming (at most once)


def claim_notice(session: Session, notice_id: int, *, resend: bool, note: str) -> bool:
    """Mark the notice ``sending`` if it is still sendable; False when another run holds or sent it.

    A conditional ``UPDATE … WHERE status IN (…)``: of two runs only one can
    claim, and the caller commits the claim *before* talking to SMTP, so a
    notice is delivered at most once. ``note`` (who claimed it, when) is
    kept in ``last_error`` so ``notices list`` shows why a notice is stuck in
    ``sending`` after a crash.
    """
    allowed = (*SENDABLE_STATUSES, NoticeStatus.SENT.value) if resend else SENDABLE_STATUSES
    return _conditional(
        session, notice_id, allowed,
        status=NoticeStatus.SENDING.value, attempts=Notice.attempts + 1, last_error=note,
    )


def settle_notice(session: Session, notice_id: int, status: NoticeStatus, **values: Any) -> bool:
    """Move a ``sending`` notice to ``sent`` or ``failed`` with ``values``; False when it is not ``sending``."""
    return _conditional(session, notice_id, (NoticeStatus.SENDING.value,), status=status.value, **values)


def _conditional(session: Session, notice_id: int, expected: Sequence[str], **values: Any) -> bool:
    session.flush()
    result = session.execute(
        update(Notice)
        .where(Notice.id == notice_id, Notice.status.in_(list(expected)))
        .values(**values)
        .execution_options(synchronize_session=False)
    )
    changed = getattr(result, "rowcount", 0) == 1
    notice = session.get(Notice, notice_id)
    if changed and notice is not None:
        session.refresh(notice)
    return changed
