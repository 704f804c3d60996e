"""Review: the analyst's decisions on alerts — batch status moves, assignment, notes.

The rules of review live here, not in the ``ktpwatch alerts`` commands, so
tests and other front ends call them directly:

* a batch of moves is all or nothing: every alert is checked against the
  state machine before any moves, and a lost race fails the whole batch;
* dismissing and reopening need a reason (it is the audit trail's only
  record of why);
* an assignee is an analyst's name, held to the rules of the names that sign
  the audit trail (:func:`config.settings.analyst_name`); ``-`` unassigns;
* every decision is one audit event per alert, signed by the analyst.

Functions take a session and never commit: the caller owns the transaction,
so a refused or lost batch writes nothing. The state machine's conditional
write (:func:`storage.alerts.transition`) stays in storage: scans and
follow-ups move alerts too.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from datetime import UTC, datetime

from sqlalchemy import select, update
from sqlalchemy.orm import Session
from sqlalchemy.orm.attributes import set_committed_value

from config.settings import analyst_name
from storage.alerts import AlertChanged, add_event, check_transition, load_alerts, transition
from storage.models import Alert, AlertStatus

#: moves whose reason the audit trail must hold, named as the analyst asks for them
REASON_REQUIRED = {AlertStatus.DISMISSED: "dismiss", AlertStatus.NEW: "reopen"}
#: what an analyst types as the assignee to unassign an alert
UNASSIGN = "-"


class ReviewRefused(ValueError):
    """A decision review does not accept as given (no reason, an empty note, a bad name)."""


@dataclass(frozen=True)
class Move:
    """One alert moved by :func:`move_alerts`: ``alert 12: new -> confirmed``."""

    alert_id: int
    before: str
    after: str


def required_reason(to: AlertStatus, note: str) -> str:
    """``note`` stripped; :class:`ReviewRefused` when a move into ``to`` needs a reason and has none."""
    reason = note.strip()
    if not reason and to in REASON_REQUIRED:
        raise ReviewRefused(f"{REASON_REQUIRED[to]} needs a reason")
    return reason


def move_alerts(
    session: Session, alerts: Sequence[Alert], to: AlertStatus, *, actor: str, note: str = ""
) -> list[Move]:
    """Move every alert to ``to``, all or nothing (the analyst's batch confirm/dismiss/reopen).

    The reason is checked first (:class:`ReviewRefused`), then every alert
    against the state machine before any moves (:class:`IllegalTransition`
    names the first that cannot); then each moves conditionally
    (:class:`AlertChanged` when another analyst got there first). Any error
    leaves the caller's transaction to roll back, so a batch never half-happens.
    """
    reason = required_reason(to, note)
    for alert in alerts:
        check_transition(alert, to)
    moves: list[Move] = []
    for alert in alerts:
        before = alert.status
        transition(session, alert, to, actor=actor, note=reason)
        moves.append(Move(alert.id, before, to.value))
    return moves


def change_status(
    session: Session, ids: Iterable[int], to: AlertStatus, *, actor: str, note: str = ""
) -> list[Move]:
    """:func:`move_alerts` on the alerts ``ids`` (``UnknownAlert`` for a missing one, before any move)."""
    required_reason(to, note)
    return move_alerts(session, load_alerts(session, ids), to, actor=actor, note=note)


def assignee_name(name: str) -> str:
    """The assignee an analyst typed: ``""`` for ``-`` (unassign), else a name fit for the audit trail."""
    if name.strip() == UNASSIGN:
        return ""
    try:
        return analyst_name(name)
    except ValueError as exc:
        raise ReviewRefused(f"{exc} (use '{UNASSIGN}' to unassign)") from None


def assign_alert(session: Session, alert: Alert, assignee: str, *, actor: str) -> str:
    """Set the assignee (``""`` unassigns) only if nobody reassigned it since we read it; returns who had it.

    Conditional like :func:`storage.alerts.transition`: two leads assigning one
    alert at once cannot silently overwrite each other (the loser gets
    :class:`AlertChanged`). The audit event says ``before -> after``.
    """
    before = alert.assignee
    session.flush()
    changed = session.execute(
        update(Alert)
        .where(Alert.id == alert.id, Alert.assignee == before)
        .values(assignee=assignee, updated_at=datetime.now(UTC))
        .execution_options(synchronize_session=False)
    )
    if getattr(changed, "rowcount", 0) != 1:
        now = session.scalar(select(Alert.assignee).where(Alert.id == alert.id))
        raise AlertChanged(alert.id, alert.status, f"assigned to {now or 'nobody'}", None)
    set_committed_value(alert, "assignee", assignee)
    add_event(session, alert, actor=actor, action="assign", note=f"{before or '-'} -> {assignee or '-'}")
    return before


def assign(session: Session, alert_id: int, name: str, *, actor: str) -> str:
    """Assign alert ``alert_id`` to the analyst ``name`` (``-`` unassigns); returns the new assignee."""
    assignee = assignee_name(name)
    (alert,) = load_alerts(session, [alert_id])
    assign_alert(session, alert, assignee, actor=actor)
    return assignee


def add_note(session: Session, alert_id: int, text: str, *, actor: str) -> None:
    """Add a note to the alert's audit trail (an empty note is refused)."""
    note = text.strip()
    if not note:
        raise ReviewRefused("the note is empty")
    (alert,) = load_alerts(session, [alert_id])
    add_event(session, alert, actor=actor, action="note", note=note)
