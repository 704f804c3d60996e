"""Secrets stay secret, files are owner-only, hostile listing text is stored faithfully and shown inert,
and no parser or matcher raises on anything a shop (or a criminal) may send."""

from __future__ import annotations

import importlib
import json
import logging
import stat
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given
from hypothesis import settings as hyp_settings
from hypothesis import strategies as st
from sqlalchemy import String, Text, select
from sqlalchemy.orm import Session, sessionmaker
from typer.testing import CliRunner

from alerts.evidence.store import EvidenceStore
from config import Settings
from crawler.cli import app
from matchers import score_listing
from storage.batch_ingest import record_sightings_batch
from storage.listings import ListingData
from storage.models import Base, Listing
from storage.session import make_engine
from tests.alerts.conftest import HOSTILE_TITLE, NIK, AlertDb, alert_db  # noqa: F401
from tests.notices.conftest import (  # noqa: F401  (fixtures)
    make_alert,
    settings,
    smtp_server,
)
from tests.notices.test_send import _draft, _send

PASSWORD = "s3cr3t-Pa55word-never-logged"
PARSERS = ("tokopedia", "shopee", "lazada", "blibli", "olx", "facebook")


def every_text_value(factory: sessionmaker[Session]) -> list[str]:
    """Every string in every text column of every table (the database as an attacker would dump it)."""
    values: list[str] = []
    with factory() as session:
        for table in Base.metadata.sorted_tables:
            columns = [c for c in table.columns if isinstance(c.type, (String, Text))
                       or c.type.__class__.__name__ == "JSON"]
            if not columns:
                continue
            for row in session.execute(select(*columns)):
                values += [json.dumps(v) if not isinstance(v, str) else v for v in row if v is not None]
    return values


def test_smtp_password_is_never_logged_or_stored(
    session_factory: sessionmaker[Session], settings: Settings, make_alert,  # noqa: F811
    smtp_server, monkeypatch: pytest.MonkeyPatch, caplog: pytest.LogCaptureFixture,  # noqa: F811
) -> None:
    monkeypatch.setenv("KTPWATCH_SMTP_PASSWORD", PASSWORD)
    caplog.set_level(logging.DEBUG)
    make_alert("tokopedia")
    (notice_id,) = _draft(session_factory, settings)
    assert _send(session_factory, settings, notice_id).ok
    assert smtp_server.messages
    assert PASSWORD not in caplog.text
    assert not [v for v in every_text_value(session_factory) if PASSWORD in v]
    assert PASSWORD not in smtp_server.messages[0].original_content.decode("utf-8", "replace")
    assert "password" not in Settings.model_fields["smtp"].annotation.model_fields  # type: ignore[union-attr]
    shown = CliRunner().invoke(app, ["config", "check"])
    assert PASSWORD not in shown.output


def test_database_and_evidence_are_owner_only(tmp_path: Path) -> None:
    db = tmp_path / "fresh" / "ktpwatch.db"
    engine = make_engine(f"sqlite:///{db}")
    with engine.connect():
        pass
    engine.dispose()
    assert stat.S_IMODE(db.stat().st_mode) == 0o600
    assert stat.S_IMODE(db.parent.stat().st_mode) == 0o700
    store = EvidenceStore(tmp_path / "evidence")
    stored = store.put_bytes(b"evidence")
    assert stat.S_IMODE(stored.path.stat().st_mode) == 0o444
    for folder in (store.root, stored.path.parent):
        assert stat.S_IMODE(folder.stat().st_mode) == 0o700


HOSTILE = {
    "ansi": "Blangko \x1b[2J\x1b[31mKTP\x1b]0;pwned\x07",
    "rich": "[bold red]Blangko[/bold red] [link=http://evil]klik[/link]",
    "html": "<script>alert(1)</script><img src=x onerror=alert(2)>",
    "crlf": "Blangko\r\nBcc: victim@example.com\r\n\r\nbody",
    "nul": "Blangko\x00KTP\x00",
    "bidi": "Blangko \u202eptk-e\u202c",
    "huge": "blangko ktp el " * 70_000,  # about 1 MB
}


@pytest.mark.parametrize("kind", sorted(HOSTILE))
def test_hostile_text_round_trips_through_storage(session: Session, kind: str) -> None:
    text = HOSTILE[kind]
    data = ListingData(marketplace="tokopedia", external_id=f"h-{kind}", url="https://www.tokopedia.com/x",
                       title=text[:2000], description=text, price=1, query="blangko ktp")
    record_sightings_batch(session, [data], scan_id=None)
    session.flush()
    session.expire_all()
    stored = session.scalars(select(Listing).where(Listing.external_id == f"h-{kind}")).one()
    assert (stored.title, stored.description) == (text[:2000], text)


def test_hostile_alert_is_inert_in_the_terminal(alert_db: AlertDb, monkeypatch: pytest.MonkeyPatch) -> None:  # noqa: F811
    monkeypatch.setenv("COLUMNS", "300")
    runner = CliRunner()
    for args in (["alerts", "list"], ["alerts", "show", str(alert_db.ids["hostile"])],
                 ["alerts", "show", str(alert_db.ids["first"])]):
        result = runner.invoke(app, args)
        assert result.exit_code == 0, result.output
        assert "\x1b" not in result.output and "\r" not in result.output and "\x07" not in result.output
        assert NIK not in result.output  # masked by default
    shown = runner.invoke(app, ["alerts", "show", str(alert_db.ids["hostile"])]).output
    assert "[bold red]PWNED[/bold red]" in shown  # markup printed as text, not interpreted


def _parser(name: str):  # type: ignore[no-untyped-def]
    return importlib.import_module(f"spiders.parsers.{name}")


def _nested(depth: int) -> bytes:
    return ("[" * depth + "]" * depth).encode()


json_values = st.recursive(
    st.none() | st.booleans() | st.integers() | st.floats(allow_nan=True) | st.text(max_size=40),
    lambda children: st.lists(children, max_size=5)
    | st.dictionaries(st.sampled_from(["data", "items", "products", "name", "title", "id", "item_basic",
                                      "listItems", "price", "description", "error", "ads"]) | st.text(max_size=8),
                      children, max_size=6),
    max_leaves=30,
)
bodies = st.one_of(
    st.binary(max_size=2000),  # invalid UTF-8 included
    json_values.map(lambda v: json.dumps(v).encode()),
    st.text(max_size=500).map(lambda t: f"<html><body>{t}</body></html>".encode("utf-8", "surrogatepass")),
    st.sampled_from([_nested(100_000), b'{"data": ' * 5000, b"\x00" * 100, b"\xff\xfe\xfd"]),
)


@hyp_settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(name=st.sampled_from(PARSERS), body=bodies)
def test_parsers_never_raise(name: str, body: bytes) -> None:
    parser = _parser(name)
    base = f"https://{name}.example"
    items, outcome = parser.parse_search(body, url=f"{base}/search", base_url=base, query="ktp")
    assert isinstance(items, list) and outcome.status
    _item, outcome = parser.parse_detail(body, url=f"{base}/p/1", base_url=base)
    assert outcome.status


@hyp_settings(max_examples=150, deadline=None)
@given(title=st.text(max_size=300), description=st.text(max_size=1000),
       price=st.none() | st.integers(min_value=-10**12, max_value=10**12))
def test_matcher_never_raises(title: str, description: str, price: int | None) -> None:
    result = score_listing(title, description, price=price)
    assert 0 <= result.score <= 100


def test_matcher_survives_huge_and_hostile_text() -> None:
    for text in HOSTILE.values():
        assert 0 <= score_listing(text, text, price=None).score <= 100


@pytest.mark.parametrize("name", PARSERS)
def test_parsers_survive_deep_nesting_invalid_utf8_and_nul(name: str) -> None:
    parser = _parser(name)
    base = f"https://{name}.example"
    for body in (_nested(100_000), b'{"data": ' * 5000, b"\x00" * 100, b"\xff\xfe\xfd{",
                 json.dumps({"data": HOSTILE}).encode(), HOSTILE["huge"].encode()):
        items, outcome = parser.parse_search(body, url=f"{base}/s", base_url=base, query="ktp")
        assert outcome.status != "ok" or isinstance(items, list)
        parser.parse_detail(body, url=f"{base}/p/1", base_url=base)
