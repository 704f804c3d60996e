"""An alert's life: the state machine, conditional moves, assignment, and the audit trail.

Status moves only along :data:`storage.models.ALERT_TRANSITIONS`; every move
and every analyst action is an :class:`~storage.models.AlertEvent`. Moves are
conditional updates (``UPDATE … WHERE status = <what we read>``) so two people
acting on one alert at once cannot both win. Functions take a session and never
commit; callers own the transaction.
"""

from __future__ import annotations

from collections.abc import Iterable
from datetime import UTC, datetime
from typing import Any

from sqlalchemy import insert, select, update
from sqlalchemy.orm import Session
from sqlalchemy.orm.attributes import set_committed_value

from storage.models import ALERT_TRANSITIONS, Alert, AlertEvent, AlertStatus

#: audit ``action`` written for a move into each status
TRANSITION_ACTIONS: dict[AlertStatus, str] = {
    AlertStatus.NEW: "reopen",
    AlertStatus.CONFIRMED: "confirm",
    AlertStatus.DISMISSED: "dismiss",
    AlertStatus.NOTIFIED: "notify",
    AlertStatus.REMOVED: "remove",
    AlertStatus.STILL_LIVE: "still_live",
    AlertStatus.ESCALATED: "escalate",
    AlertStatus.RELISTED: "relist",
}

#: statuses an alert can only have reached through ``confirmed``
CONFIRMED_PATH = frozenset(
    {
        AlertStatus.CONFIRMED,
        AlertStatus.NOTIFIED,
        AlertStatus.REMOVED,
        AlertStatus.STILL_LIVE,
        AlertStatus.ESCALATED,
        AlertStatus.RELISTED,
    }
)


def now_utc(at: datetime | None) -> datetime:
    """``at`` in UTC, or the current time: every write of this package takes its clock from here."""
    return (at or datetime.now(UTC)).astimezone(UTC)


# --------------------------------------------------------------------------- state machine


class IllegalTransition(Exception):
    """A status move the state machine does not allow; the message says what is allowed."""

    def __init__(self, alert_id: int | None, current: AlertStatus, to: AlertStatus) -> None:
        allowed = sorted(s.value for s in ALERT_TRANSITIONS[current])
        self.alert_id = alert_id
        self.current = current
        self.to = to
        self.allowed = tuple(allowed)
        if current == to:
            message = f"alert {alert_id} is already {current.value}"
        else:
            message = f"alert {alert_id} cannot move from {current.value} to {to.value}"
        if allowed:
            message += f" (from {current.value} it can go to: {', '.join(allowed)})"
        else:
            message += f" ({current.value} is final)"
        super().__init__(message)


def check_transition(alert: Alert, to: AlertStatus | str) -> AlertStatus:
    """The target status, or :class:`IllegalTransition` — without changing anything."""
    target = AlertStatus(to)
    current = AlertStatus(alert.status)
    if target not in ALERT_TRANSITIONS[current]:
        raise IllegalTransition(alert.id, current, target)
    return target


def add_event(
    session: Session,
    alert: Alert,
    *,
    actor: str,
    action: str,
    note: str = "",
    at: datetime | None = None,
    from_status: str | None = None,
    to_status: str | None = None,
) -> AlertEvent:
    """Write one audit event (notes, assignments, reveals, and the moves below)."""
    event = AlertEvent(
        alert=alert,
        at=now_utc(at),
        actor=actor,
        action=action,
        note=note,
        from_status=from_status,
        to_status=to_status,
    )
    session.add(event)
    return event


def record_reveals(session: Session, alert_ids: Iterable[int], *, actor: str, note: str) -> int:
    """One ``reveal`` audit event per alert whose NIKs were shown unmasked; how many.

    A bulk insert, because ``alerts list --reveal --limit 0`` may show thousands.
    """
    at = now_utc(None)
    rows = [{"alert_id": alert_id, "at": at, "actor": actor, "action": "reveal", "note": note}
            for alert_id in dict.fromkeys(alert_ids)]
    if rows:
        session.execute(insert(AlertEvent), rows)
    return len(rows)


class AlertChanged(Exception):
    """Someone else moved the alert between our read and our write (a lost race, not a bad request).

    The message names what the alert is now and who made it so:
    ``alert 7 changed since you loaded it (now confirmed by ana)``.
    """

    def __init__(self, alert_id: int, loaded: str, now: str | None, by: str | None) -> None:
        self.alert_id = alert_id
        self.loaded = loaded
        self.now = now
        self.by = by
        what = "deleted" if now is None else f"now {now}" + (f" by {by}" if by else "")
        super().__init__(f"alert {alert_id} changed since you loaded it ({what})")


def _changed(session: Session, alert_id: int, loaded: str) -> AlertChanged:
    """The :class:`AlertChanged` for a conditional update that matched no row: read who won."""
    now = session.scalar(select(Alert.status).where(Alert.id == alert_id))
    by = session.scalar(
        select(AlertEvent.actor)
        .where(AlertEvent.alert_id == alert_id, AlertEvent.to_status.is_not(None))
        .order_by(AlertEvent.id.desc())
        .limit(1)
    )
    return AlertChanged(alert_id, loaded, now, by)


def transition(
    session: Session,
    alert: Alert,
    to: AlertStatus | str,
    *,
    actor: str,
    note: str = "",
    at: datetime | None = None,
) -> AlertEvent:
    """Move ``alert`` to ``to`` if the state machine allows it, and audit the move.

    The write is conditional (``UPDATE … WHERE status = <the status we read>``),
    so two analysts or a sender and an analyst acting on one alert at once
    cannot both win: the loser gets :class:`AlertChanged` and, because the
    caller owns the transaction, writes nothing — the audit trail shows only
    what happened. On PostgreSQL (read committed) the losing UPDATE waits for
    the winner's commit and then matches no row; on SQLite writers are
    serialised and the second UPDATE sees the committed status.
    """
    target = check_transition(alert, to)
    when = now_utc(at)
    previous = alert.status
    values: dict[str, Any] = {"status": target.value, "updated_at": when}
    if target is AlertStatus.NOTIFIED:
        values["notified_at"] = when
    elif target is AlertStatus.REMOVED:
        values["removed_at"] = when
    session.flush()
    moved = session.execute(
        update(Alert)
        .where(Alert.id == alert.id, Alert.status == previous)
        .values(**values)
        .execution_options(synchronize_session=False)
    )
    if getattr(moved, "rowcount", 0) != 1:
        raise _changed(session, alert.id, previous)
    for key, value in values.items():
        set_committed_value(alert, key, value)
    return add_event(
        session,
        alert,
        actor=actor,
        action=TRANSITION_ACTIONS[target],
        note=note,
        at=when,
        from_status=previous,
        to_status=target.value,
    )


def transition_unless_changed(
    session: Session,
    alert: Alert,
    to: AlertStatus | str,
    *,
    actor: str,
    note: str = "",
    at: datetime | None = None,
) -> AlertEvent | None:
    """For automatic moves (a scan marking an alert relisted): None when an analyst moved it meanwhile.

    The analyst's decision stands and the scan goes on; :func:`transition`
    would fail the whole batch over one alert.
    """
    try:
        return transition(session, alert, to, actor=actor, note=note, at=at)
    except AlertChanged:
        session.expire(alert)
        return None


class UnknownAlert(LookupError):
    """An alert id that is not in the database."""

    def __init__(self, alert_id: int) -> None:
        self.alert_id = alert_id
        super().__init__(f"no alert {alert_id}")


def load_alerts(session: Session, ids: Iterable[int]) -> list[Alert]:
    """The alerts ``ids`` in the order given (duplicates once); :class:`UnknownAlert` for a missing one."""
    alerts: list[Alert] = []
    for alert_id in dict.fromkeys(ids):
        alert = session.get(Alert, alert_id)
        if alert is None:
            raise UnknownAlert(alert_id)
        alerts.append(alert)
    return alerts
