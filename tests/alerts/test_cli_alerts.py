"""`ktpwatch alerts ...` and `ktpwatch report` through Typer's runner on a fixture database."""

from __future__ import annotations

import csv
import io
import json
from datetime import timedelta

import pytest
from sqlalchemy import select
from typer.testing import CliRunner

from crawler.cli import app
from crawler.cli.alerts import parse_since
from crawler.cli.errors import UserError
from storage.models import Alert, AlertEvent
from tests.alerts.builders import T0, ingest
from tests.alerts.conftest import NIK, AlertDb

runner = CliRunner()


@pytest.fixture(autouse=True)
def _wide_terminal(monkeypatch: pytest.MonkeyPatch) -> None:
    """Rich reads COLUMNS; a wide table keeps whole titles on one line for the assertions."""
    monkeypatch.setenv("COLUMNS", "240")


def run(*args: str) -> object:
    return runner.invoke(app, list(args), catch_exceptions=False)


def ok(*args: str) -> str:
    result = runner.invoke(app, list(args))
    assert result.exit_code == 0, result.output
    return result.stdout


def fails(*args: str) -> str:
    result = runner.invoke(app, list(args))
    assert result.exit_code != 0, result.output
    message = result.stderr.strip()
    assert message.startswith("error: ") and "\n" not in message and "Traceback" not in result.output
    return message


def listed(*args: str) -> list[int]:
    return [row["id"] for row in json.loads(ok("alerts", "list", "--format", "json", *args))]


def events(db: AlertDb, alert_id: int) -> list[AlertEvent]:
    with db.sessions() as session:
        return list(session.scalars(
            select(AlertEvent).where(AlertEvent.alert_id == alert_id).order_by(AlertEvent.id)))


def status_of(db: AlertDb, alert_id: int) -> str:
    with db.sessions() as session:
        return session.get_one(Alert, alert_id).status


def test_list_json_has_the_documented_fields(alert_db: AlertDb) -> None:
    rows = json.loads(ok("alerts", "list", "--format", "json"))
    assert [r["id"] for r in rows] == sorted(alert_db.ids.values(), reverse=True)
    for key in ("id", "status", "verdict", "score", "marketplace", "external_id", "url", "title",
                "seller", "first_seen", "last_seen"):
        assert key in rows[0]
    first = next(r for r in rows if r["id"] == alert_db.ids["first"])
    assert first["seller"] == "Toko Satu" and first["external_id"] == "tp-1"
    assert first["first_seen"].startswith("2025-03-03T08:00")


def test_list_csv_parses_back(alert_db: AlertDb) -> None:
    rows = list(csv.DictReader(io.StringIO(ok("alerts", "list", "--format", "csv"))))
    assert {int(r["id"]) for r in rows} == set(alert_db.ids.values())
    shopee = next(r for r in rows if r["marketplace"] == "shopee")
    assert shopee["verdict"] == "related" and float(shopee["score"]) == 57.0
    hostile = next(r for r in rows if int(r["id"]) == alert_db.ids["hostile"])
    assert "\x1b" not in hostile["title"] and "\r" not in hostile["title"]
    assert "[bold red]PWNED[/bold red]" in hostile["title"]


def test_every_filter(alert_db: AlertDb) -> None:
    ids = alert_db.ids
    assert listed("--marketplace", "shopee") == [ids["shopee"]]
    assert listed("--verdict", "related") == [ids["shopee"]]
    assert listed("--min-score", "80") == [ids["first"]]
    assert listed("--since", "2025-03-05") == [ids["shopee"]]
    assert listed("--seller", "kios") == [ids["shopee"]]
    assert listed("--identifier", "04:a1:b2:c3:d4:e5:f6") == [ids["first"]]
    assert listed("--identifier", NIK) == [ids["first"]]
    assert listed("--sort", "score") == [ids["first"], ids["hostile"], ids["shopee"]]
    assert listed("--sort", "score", "--asc", "--limit", "1") == [ids["shopee"]]
    assert listed("--status", "confirmed") == []
    ok("alerts", "confirm", str(ids["first"]), "--as", "ana")
    assert listed("--status", "confirmed,new", "--marketplace", "tokopedia") == [ids["hostile"], ids["first"]]
    assert listed("--status", "confirmed") == [ids["first"]]
    ok("alerts", "assign", str(ids["first"]), "budi")
    assert listed("--assignee", "budi") == [ids["first"]]


def test_linked_to_and_relisting_by_seller_and_chip_uid(alert_db: AlertDb) -> None:
    first = alert_db.ids["first"]
    with alert_db.sessions.begin() as session:
        _, same_seller = ingest(session, "tp-9", title="blanko ktp el kosongan", seen_at=T0 + timedelta(days=20))
        _, same_chip = ingest(session, "lz-1", marketplace="lazada", seller="lz-shop", seller_name="Lain",
                              identifiers=(("chip_uid", "04A1B2C3D4E5F6"),), seen_at=T0 + timedelta(days=21))
        assert same_seller and same_chip and same_seller.opened and same_chip.opened
        new_ids = {same_seller.alert.id, same_chip.alert.id}
    assert set(listed("--linked-to", str(first))) >= new_ids
    out = ok("alerts", "show", str(same_chip.alert.id), "--format", "json")
    links = json.loads(out)["links"]
    assert [(lk["alert_id"], lk["reason"]) for lk in links] == [(first, "same_identifier")]


@pytest.mark.parametrize("fmt", ["table", "csv", "json"])
def test_hostile_title_prints_harmlessly(alert_db: AlertDb, fmt: str) -> None:
    out = ok("alerts", "list", "--format", fmt)
    assert "\x1b" not in out and "\r" not in out and "\x07" not in out
    assert "PWNED" in out
    if fmt == "table":
        assert "[bold red]" in out  # printed as text, not applied as markup
    shown = ok("alerts", "show", str(alert_db.ids["hostile"]))
    assert "\x1b" not in shown and "\r" not in shown and "[bold red]PWNED[/bold red]" in shown
    assert "[red]Evil" in shown


def test_show_masks_niks_and_reveal_is_logged(alert_db: AlertDb) -> None:
    first = str(alert_db.ids["first"])
    shown = ok("alerts", "show", first)
    assert NIK not in shown and "3174********0003" in shown
    for section in ("Why (matcher reasons)", "Identifiers", "Sightings", "Evidence", "Notices",
                    "Re-checks", "Audit trail", "ab" * 32, "N-1", "removed", "04A1B2C3D4E5F6"):
        assert section in shown
    data = json.loads(ok("alerts", "show", first, "--format", "json"))
    assert NIK not in json.dumps(data)
    assert data["reasons"][0]["matched"] == "blangko e-ktp"
    assert [e.action for e in events(alert_db, int(first))] == ["opened"]
    revealed = ok("alerts", "show", first, "--reveal", "--as", "ana")
    assert NIK in revealed
    reveal = events(alert_db, int(first))[-1]
    assert (reveal.action, reveal.actor) == ("reveal", "ana")


def test_show_highlights_matched_text(alert_db: AlertDb) -> None:
    from rich.console import Console

    from crawler.cli.alert_detail import HIGHLIGHT, detail_view
    from storage.alerts import get_alert_detail

    with alert_db.sessions() as session:
        detail = get_alert_detail(session, alert_db.ids["first"])
        assert detail is not None
        console = Console(record=True, width=200, color_system="standard", force_terminal=True)
        console.print(detail_view(detail, lambda s: s))
    styled = [seg.text for seg in console._record_buffer if seg.style and str(seg.style) == HIGHLIGHT]
    assert any(text.lower() == "blangko e-ktp" for text in styled)


def test_confirm_dismiss_reopen_note_assign_write_audit_events(alert_db: AlertDb) -> None:
    first, shopee = alert_db.ids["first"], alert_db.ids["shopee"]
    ok("alerts", "confirm", str(first), str(shopee), "--note", "checked", "--as", "ana")
    assert status_of(alert_db, first) == status_of(alert_db, shopee) == "confirmed"
    ok("alerts", "dismiss", str(shopee), "--note", "akta form only", "--as", "budi")
    ok("alerts", "reopen", str(shopee), "--note", "seller sells blanks in chat", "--as", "ana")
    ok("alerts", "note", str(shopee), "same WA as 1", "--as", "citra")
    ok("alerts", "assign", str(shopee), "dewi", "--as", "ana")
    trail = [(e.actor, e.action, e.from_status, e.to_status, e.note) for e in events(alert_db, shopee)]
    assert trail[1:] == [
        ("ana", "confirm", "new", "confirmed", "checked"),
        ("budi", "dismiss", "confirmed", "dismissed", "akta form only"),
        ("ana", "reopen", "dismissed", "new", "seller sells blanks in chat"),
        ("citra", "note", None, None, "same WA as 1"),
        ("ana", "assign", None, None, "- -> dewi"),
    ]
    assert all(e.at is not None for e in events(alert_db, shopee))


def test_analyst_from_environment(alert_db: AlertDb, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("KTPWATCH_ANALYST", "eko")
    ok("alerts", "note", str(alert_db.ids["first"]), "hello")
    assert events(alert_db, alert_db.ids["first"])[-1].actor == "eko"


def test_illegal_transitions_are_refused(alert_db: AlertDb) -> None:
    first, shopee = str(alert_db.ids["first"]), str(alert_db.ids["shopee"])
    assert "already new" in fails("alerts", "reopen", first, "--note", "x")
    ok("alerts", "dismiss", shopee, "--note", "not a blank")
    msg = fails("alerts", "confirm", shopee)
    assert "dismissed" in msg and "confirmed" in msg and "new" in msg
    # all or nothing: a bad id in a batch changes nothing
    assert "nothing changed" in fails("alerts", "confirm", first, shopee)
    assert status_of(alert_db, int(first)) == "new"
    ok("alerts", "confirm", first)
    assert "already confirmed" in fails("alerts", "confirm", first)
    assert "no alert 999" in fails("alerts", "confirm", "999")
    assert "reason" in fails("alerts", "dismiss", first)
    assert "reason" in fails("alerts", "dismiss", first, "--note", "  ")
    assert "reason" in fails("alerts", "reopen", shopee)
    assert "no alert" in fails("alerts", "show", "999")
    assert "--status" in fails("alerts", "list", "--status", "bogus")
    assert "--since" in fails("alerts", "list", "--since", "yesterday-ish")
    assert "empty" in fails("alerts", "note", first, " ")
    with alert_db.sessions() as session:
        relisted = session.get_one(Alert, int(first))
        relisted.status = "relisted"
        session.commit()
    assert "final" in fails("alerts", "reopen", first, "--note", "x")


def test_report_table_json_csv(alert_db: AlertDb) -> None:
    first = str(alert_db.ids["first"])
    ok("alerts", "confirm", first)
    ok("alerts", "dismiss", str(alert_db.ids["shopee"]), "--note", "forms")
    data = json.loads(ok("report", "--format", "json"))
    by_market = {m["marketplace"]: m for m in data["marketplaces"]}
    assert by_market["tokopedia"]["opened"] == 2 and by_market["tokopedia"]["confirmed"] == 1
    assert by_market["tokopedia"]["notices_sent"] == 1
    assert by_market["shopee"]["dismissed"] == 1 and by_market["shopee"]["precision"] == 0.0
    assert data["total"]["opened"] == 3 and data["total"]["precision"] == 0.5
    assert sum(w["opened"] for w in data["weeks"]) <= 3
    rows = list(csv.DictReader(io.StringIO(ok("report", "--format", "csv"))))
    assert [r["marketplace"] for r in rows] == ["shopee", "tokopedia", "all"]
    table = ok("report", "--since", "2025-01-01")
    assert "tokopedia" in table and "per week" in table and "2025-03-03" in table and "█" in table
    assert json.loads(ok("report", "--since", "1d", "--format", "json"))["total"]["opened"] == 0


def test_parse_since() -> None:
    now = T0
    assert parse_since("7d", now=now) == T0 - timedelta(days=7)
    assert parse_since("12h", now=now) == T0 - timedelta(hours=12)
    assert parse_since("2025-03-01").isoformat() == "2025-03-01T00:00:00+00:00"
    with pytest.raises(UserError):
        parse_since("soon")
