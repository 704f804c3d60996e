"""Links between alerts: one person or one batch of blanks behind several listings.

A link records why two alerts belong together (``same_seller``,
``same_identifier``, ``relisted``, ``same_photo``) with a human detail. The
opening of an alert (:mod:`storage.alerts.opening`) writes the links of new
alerts set-based; :func:`link_alerts` is the one-at-a-time write for what is
found later (photo links, a relisting).
"""

from __future__ import annotations

from datetime import UTC, datetime

from sqlalchemy import and_, or_, select
from sqlalchemy.orm import Session

from storage.listings import insert_ignoring_conflicts
from storage.models import Alert, AlertLink

#: identifier kinds that tie two listings to one person or one batch of blanks
LINKING_KINDS = ("chip_uid", "nik", "phone")


def link_alerts(
    session: Session,
    alert: Alert,
    other: Alert,
    *,
    reason: str,
    detail: str = "",
    fresh: bool = False,
    at: datetime | None = None,
) -> AlertLink | None:
    """Link two alerts for ``reason``; None when they already are (either direction) or are one.

    ``fresh``: ``alert`` was opened in this transaction, so no other
    transaction can link it yet and no check is needed (a scan opens
    thousands of alerts; each saved check is a round trip). ``at``: when the
    link is made (now when None).
    """
    when = (at or datetime.now(UTC)).astimezone(UTC)
    if alert.id == other.id:
        return None
    if fresh:
        link = AlertLink(alert_id=alert.id, linked_alert_id=other.id, reason=reason, detail=detail,
                         created_at=when)
        session.add(link)
        return link
    existing = session.scalar(
        select(AlertLink.id).where(
            AlertLink.reason == reason,
            or_(
                and_(AlertLink.alert_id == alert.id, AlertLink.linked_alert_id == other.id),
                and_(AlertLink.alert_id == other.id, AlertLink.linked_alert_id == alert.id),
            ),
        )
    )
    if existing is not None:
        return None
    new_id = session.execute(
        insert_ignoring_conflicts(session, AlertLink, ("alert_id", "linked_alert_id", "reason"))
        .values(
            alert_id=alert.id,
            linked_alert_id=other.id,
            reason=reason,
            detail=detail,
            created_at=when,
        )
        .returning(AlertLink.id)
    ).scalar()
    return session.get(AlertLink, new_id) if new_id is not None else None


def same_seller_detail(marketplace: str, external_id: str, name: str) -> str:
    """The detail of a ``same_seller`` link: ``seller tokopedia:123 (Toko X)``."""
    return f"seller {marketplace}:{external_id}" + (f" ({name})" if name else "")


def same_identifier_detail(kind: str, value: str) -> str:
    """The detail of a ``same_identifier`` link: ``nik 3174010101900003``.

    Stored as found (the identifiers table holds the NIK in full anyway, for
    linking); every output masks it through ``alerts.redaction``.
    """
    return f"{kind} {value}"
