"""`ktpwatch alerts …` when another analyst changed the alert between our read and our write."""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

import pytest
from sqlalchemy import select
from typer.testing import CliRunner

import alerts.review as review
from alerts.review import assign_alert, move_alerts
from crawler.cli import app
from storage.alerts import load_alerts, transition_unless_changed
from storage.models import Alert, AlertEvent, AlertStatus
from tests.alerts.conftest import AlertDb

runner = CliRunner()


def _meanwhile(monkeypatch: pytest.MonkeyPatch, db: AlertDb, act: Any) -> None:
    """Right after the command has read its alerts, another analyst's ``act`` commits."""
    real = review.load_alerts

    def load_then_someone_else_acts(session: Any, ids: Iterable[int]) -> list[Alert]:
        loaded = real(session, ids)
        with db.sessions.begin() as other:
            act(other, load_alerts(other, [a.id for a in loaded]))
        return loaded

    monkeypatch.setattr(review, "load_alerts", load_then_someone_else_acts)


def _moves(db: AlertDb, alert_id: int) -> list[tuple[str, str | None, str | None]]:
    with db.sessions() as session:
        rows = session.execute(
            select(AlertEvent.actor, AlertEvent.from_status, AlertEvent.to_status)
            .where(AlertEvent.alert_id == alert_id, AlertEvent.action != "opened")
            .order_by(AlertEvent.id)
        ).all()
    return [(r[0], r[1], r[2]) for r in rows]


def test_the_later_of_confirm_and_dismiss_is_told_and_exits_1(
    alert_db: AlertDb, monkeypatch: pytest.MonkeyPatch
) -> None:
    aid = alert_db.ids["first"]
    _meanwhile(monkeypatch, alert_db, lambda s, alerts: move_alerts(s, alerts, AlertStatus.CONFIRMED, actor="ana"))
    result = runner.invoke(app, ["alerts", "dismiss", str(aid), "--note", "holder", "--as", "budi"])
    assert result.exit_code == 1
    assert result.stderr.strip() == f"error: alert {aid} changed since you loaded it (now confirmed by ana)"
    assert _moves(alert_db, aid) == [("ana", "new", "confirmed")]


def test_a_batch_that_loses_one_race_changes_nothing(
    alert_db: AlertDb, monkeypatch: pytest.MonkeyPatch
) -> None:
    first, shopee = alert_db.ids["first"], alert_db.ids["shopee"]
    _meanwhile(monkeypatch, alert_db,
               lambda s, alerts: move_alerts(s, alerts[-1:], AlertStatus.DISMISSED, actor="ana", note="x"))
    result = runner.invoke(app, ["alerts", "confirm", str(first), str(shopee), "--as", "budi"])
    assert result.exit_code == 1
    assert f"alert {shopee} changed since you loaded it (now dismissed by ana); nothing changed" in result.stderr
    assert _moves(alert_db, first) == []
    assert _moves(alert_db, shopee) == [("ana", "new", "dismissed")]


def test_assignment_does_not_overwrite_a_concurrent_one(
    alert_db: AlertDb, monkeypatch: pytest.MonkeyPatch
) -> None:
    aid = alert_db.ids["first"]
    _meanwhile(monkeypatch, alert_db, lambda s, alerts: assign_alert(s, alerts[0], "citra", actor="ana"))
    result = runner.invoke(app, ["alerts", "assign", str(aid), "dedi", "--as", "budi"])
    assert result.exit_code == 1
    assert "changed since you loaded it (now assigned to citra)" in result.stderr
    with alert_db.sessions() as session:
        assert session.get_one(Alert, aid).assignee == "citra"


def test_a_scan_relisting_an_alert_an_analyst_just_reopened_leaves_the_analyst_decision(
    alert_db: AlertDb,
) -> None:
    aid = alert_db.ids["first"]
    with alert_db.sessions.begin() as session:
        session.get_one(Alert, aid).status = AlertStatus.REMOVED.value
    with alert_db.sessions.begin() as scan:
        (stale,) = load_alerts(scan, [aid])  # the scan read it as removed
        with alert_db.sessions.begin() as analyst:
            move_alerts(analyst, load_alerts(analyst, [aid]), AlertStatus.NEW, actor="ana", note="back")
        assert transition_unless_changed(scan, stale, AlertStatus.RELISTED, actor="ktpwatch") is None
    assert _moves(alert_db, aid) == [("ana", "removed", "new")]
