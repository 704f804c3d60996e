"""alerts.review: the rules of an analyst's decisions, called directly (the CLI is a shell over them)."""

from __future__ import annotations

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from sqlalchemy import func, select

from alerts.review import (
    REASON_REQUIRED,
    ReviewRefused,
    add_note,
    assign,
    assignee_name,
    change_status,
)
from storage.alerts import IllegalTransition, UnknownAlert
from storage.models import Alert, AlertEvent, AlertStatus
from tests.alerts.conftest import AlertDb


def _state(db: AlertDb) -> tuple[list[tuple[int, str, str]], int]:
    with db.sessions() as session:
        alerts = [(a.id, a.status, a.assignee) for a in session.scalars(select(Alert).order_by(Alert.id))]
        return alerts, session.scalar(select(func.count()).select_from(AlertEvent)) or 0


def test_a_batch_with_one_illegal_move_changes_nothing(alert_db: AlertDb) -> None:
    first, shopee = alert_db.ids["first"], alert_db.ids["shopee"]
    with alert_db.sessions.begin() as session:
        change_status(session, [shopee], AlertStatus.CONFIRMED, actor="ana")
    before = _state(alert_db)
    with pytest.raises(IllegalTransition), alert_db.sessions.begin() as session:
        change_status(session, [first, shopee], AlertStatus.CONFIRMED, actor="ana")  # shopee already is
    assert _state(alert_db) == before


@pytest.mark.parametrize("to", sorted(REASON_REQUIRED))
def test_dismiss_and_reopen_need_a_reason(alert_db: AlertDb, to: AlertStatus) -> None:
    before = _state(alert_db)
    with pytest.raises(ReviewRefused, match="needs a reason"), alert_db.sessions.begin() as session:
        change_status(session, [alert_db.ids["first"]], to, actor="ana", note="   ")
    assert _state(alert_db) == before


def test_an_unknown_id_moves_nothing(alert_db: AlertDb) -> None:
    before = _state(alert_db)
    with pytest.raises(UnknownAlert), alert_db.sessions.begin() as session:
        change_status(session, [alert_db.ids["first"], 10**9], AlertStatus.CONFIRMED, actor="ana")
    assert _state(alert_db) == before


def test_assign_and_unassign_are_audited(alert_db: AlertDb) -> None:
    first = alert_db.ids["first"]
    with alert_db.sessions.begin() as session:
        assert assign(session, first, " budi ", actor="ana") == "budi"
        assert assign(session, first, "-", actor="ana") == ""
        add_note(session, first, " checked the photo ", actor="citra")
    with alert_db.sessions() as session:
        trail = [(e.actor, e.action, e.note) for e in session.scalars(
            select(AlertEvent).where(AlertEvent.alert_id == first).order_by(AlertEvent.id))]
    assert trail[-3:] == [("ana", "assign", "- -> budi"), ("ana", "assign", "budi -> -"),
                          ("citra", "note", "checked the photo")]


def test_an_empty_note_is_refused(alert_db: AlertDb) -> None:
    with pytest.raises(ReviewRefused), alert_db.sessions.begin() as session:
        add_note(session, alert_db.ids["first"], " \n ", actor="ana")


@settings(max_examples=60)
@given(st.text(max_size=40))
def test_an_assignee_is_unassign_or_a_name_the_audit_trail_can_show(name: str) -> None:
    """Whatever is typed: '-' unassigns; anything else is a clean name or refused, never stored as typed."""
    try:
        assignee = assignee_name(name)
    except ReviewRefused:
        return
    if name.strip() == "-":
        assert assignee == ""
    else:
        assert assignee == name.strip() and assignee
        assert not any(ord(ch) < 32 or 0x7F <= ord(ch) < 0xA0 for ch in assignee)
