"""``ktpwatch actors``: the json contract, NIK masking, audited reveals and corrections."""

from __future__ import annotations

import json
import os
from pathlib import Path

from sqlalchemy import select
from sqlalchemy.orm import Session
from typer.testing import CliRunner

from crawler.cli import app
from storage.models import ActorCorrection, AlertEvent
from storage.session import make_engine, make_session_factory
from tests.actors.test_store import _alert

NIK = "3174012301850003"
runner = CliRunner()


def _seed() -> tuple[int, int, int]:
    engine = make_engine(os.environ["KTPWATCH_DB_URL"])
    with make_session_factory(engine).begin() as session:
        a = _alert(session, 1, identifiers=(("nik", NIK), ("phone", "+6281234567890")))
        b = _alert(session, 2, market="shopee", identifiers=(("phone", "+6281234567890"),))
        c = _alert(session, 3, market="lazada")
    engine.dispose()
    result = runner.invoke(app, ["actors", "rebuild"])
    assert result.exit_code == 0, result.output
    return a, b, c


def _session() -> Session:
    return make_session_factory(make_engine(os.environ["KTPWATCH_DB_URL"]))()


def _list() -> list[dict[str, object]]:
    result = runner.invoke(app, ["actors", "list", "--format", "json"])
    assert result.exit_code == 0, result.output
    return list(json.loads(result.stdout))


def test_list_json_contract_sorted_by_risk() -> None:
    _seed()
    rows = _list()
    assert [set(r) for r in rows] == [{"id", "risk", "name", "marketplaces", "alerts", "first_seen",
                                       "last_seen", "status", "shops"}] * 2
    assert [r["alerts"] for r in rows] == [2, 1]
    assert rows[0]["risk"] >= rows[1]["risk"]  # type: ignore[operator]
    shopee = runner.invoke(app, ["actors", "list", "--format", "json", "--marketplace", "shopee"])
    assert [r["id"] for r in json.loads(shopee.stdout)] == [rows[0]["id"]]
    table = runner.invoke(app, ["actors", "list"], env={"COLUMNS": "80"})
    assert table.exit_code == 0 and max(len(line) for line in table.stdout.splitlines()) <= 80


def test_show_masks_niks_unless_revealed_and_audits_the_reveal() -> None:
    a, b, _ = _seed()
    top = _list()[0]["id"]
    shown = runner.invoke(app, ["actors", "show", str(top), "--format", "json"])
    assert shown.exit_code == 0, shown.output
    assert NIK not in shown.stdout and "3174" in shown.stdout
    detail = json.loads(shown.stdout)[0]
    assert {x["alert"] for x in detail["listings"]} == {a, b}
    assert any(link["reason"] == "phone" for link in detail["links"])
    assert {r["name"] for r in detail["risk_reasons"]} >= {"several_marketplaces"}
    revealed = runner.invoke(app, ["actors", "show", str(top), "--format", "json", "--reveal", "--as", "ana"])
    assert NIK in revealed.stdout
    with _session() as session:
        events = session.scalars(select(AlertEvent).where(AlertEvent.action == "reveal")).all()
        assert sorted(e.alert_id for e in events) == [a, b] and {e.actor for e in events} == {"ana"}


def test_merge_and_split_are_audited_and_change_the_actors() -> None:
    _, _, c = _seed()
    ids = {r["alerts"]: r["id"] for r in _list()}
    merged = runner.invoke(app, ["actors", "merge", str(ids[2]), str(ids[1])], env={"KTPWATCH_ANALYST": "rina"})
    assert merged.exit_code == 0, merged.output
    assert [r["alerts"] for r in _list()] == [3]
    split = runner.invoke(app, ["actors", "split", str(_list()[0]["id"]), "--alerts", str(c), "--as", "budi"])
    assert split.exit_code == 0, split.output
    assert sorted(r["alerts"] for r in _list()) == [1, 2]  # type: ignore[type-var]
    assert runner.invoke(app, ["actors", "rebuild"]).exit_code == 0
    assert sorted(r["alerts"] for r in _list()) == [1, 2]  # type: ignore[type-var]
    with _session() as session:
        assert [(r.kind, r.analyst) for r in session.scalars(select(ActorCorrection))] == \
            [("merge", "rina"), ("split", "budi")]
        actions = {(e.action, e.actor) for e in session.scalars(select(AlertEvent))}
        assert {("actor_merge", "rina"), ("actor_split", "budi")} <= actions


def test_export_graphml_and_csv(tmp_path: Path) -> None:
    _seed()
    graphml = runner.invoke(app, ["actors", "export", "--format", "graphml", "--out", str(tmp_path / "a.graphml")])
    assert graphml.exit_code == 0, graphml.output
    text = (tmp_path / "a.graphml").read_text(encoding="utf-8")
    assert "<graphml" in text and NIK not in text
    csv_out = runner.invoke(app, ["actors", "export", "--format", "csv", "--out", str(tmp_path / "csv")])
    assert csv_out.exit_code == 0, csv_out.output
    assert (tmp_path / "csv" / "nodes.csv").exists() and (tmp_path / "csv" / "edges.csv").exists()


def test_alerts_list_by_actor() -> None:
    a, b, c = _seed()
    ids = {r["alerts"]: r["id"] for r in _list()}
    for actor_id, expected in ((ids[2], [a, b]), (ids[1], [c]), ("act-0000000000", [])):
        result = runner.invoke(app, ["alerts", "list", "--actor", str(actor_id), "--format", "json"])
        assert result.exit_code == 0, result.output
        assert sorted(r["id"] for r in json.loads(result.stdout)) == expected
