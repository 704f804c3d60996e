"""Migrations create every table, agree with the models, and round-trip on SQLite and PostgreSQL."""

from __future__ import annotations

import os
import stat
from datetime import UTC, datetime
from pathlib import Path

import pytest
from alembic.autogenerate import compare_metadata
from alembic.runtime.migration import MigrationContext
from sqlalchemy import inspect, select, text
from typer.testing import CliRunner

from crawler.cli import app
from storage.migrate import current_revision, head_revision, upgrade
from storage.models import (
    Alert,
    AlertEvent,
    AssessmentRecord,
    Base,
    Identifier,
    Listing,
    Scan,
    Seller,
    Sighting,
)
from storage.session import make_engine, make_session_factory

EXPECTED_TABLES = {t.name for t in Base.metadata.sorted_tables}


def _assert_models_match_migrations(url: str) -> None:
    engine = make_engine(url)
    try:
        upgrade(engine)
        assert current_revision(engine) == head_revision()
        assert EXPECTED_TABLES <= set(inspect(engine).get_table_names())
        with engine.connect() as conn:
            ctx = MigrationContext.configure(conn)
            diff = compare_metadata(ctx, Base.metadata)
        assert diff == [], f"models and migrations disagree: {diff}"
    finally:
        engine.dispose()


def _round_trip(url: str) -> None:
    engine = make_engine(url)
    upgrade(engine)
    Session = make_session_factory(engine)
    when = datetime(2026, 11, 1, 8, 30, tzinfo=UTC)
    with Session.begin() as s:
        scan = Scan(trigger="test", queries=["blangko e-ktp"], stats={"tokopedia": {"items": 3}})
        seller = Seller(marketplace="tokopedia", external_id="42", name="Toko Ü", city="Bekasi")
        listing = Listing(marketplace="tokopedia", external_id="1001", url="https://t/1",
                          title="BLANGKO E-KTP", price=150000, seller=seller, first_seen_at=when,
                          image_urls=["https://img/1.jpg"])
        s.add_all([scan, listing])
        s.flush()
        s.add(Sighting(listing_id=listing.id, scan_id=scan.id, content_hash="a" * 64,
                       raw={"id": 1001, "nested": {"ok": True}}, seen_at=when))
        s.add(AssessmentRecord(listing_id=listing.id, score=97.5, verdict="blank",
                         reasons=[{"rule": "blank_term"}], matcher_version="t"))
        s.add(Identifier(listing_id=listing.id, kind="chip_uid", value="04A31B2C", source="description"))
        alert = Alert(listing_id=listing.id, marketplace="tokopedia", verdict="blank", score=97.5)
        s.add(alert)
        s.flush()
        s.add(AlertEvent(alert_id=alert.id, actor="tester", action="opened", to_status="new"))
    with Session() as s:
        listing = s.scalars(select(Listing)).one()
        assert listing.seller is not None and listing.seller.name == "Toko Ü"
        assert listing.first_seen_at == when and listing.first_seen_at.tzinfo is not None
        assert listing.sightings[0].raw == {"id": 1001, "nested": {"ok": True}}
        assert listing.identifiers[0].value == "04A31B2C"
        assert listing.alert is not None and listing.alert.events[0].action == "opened"
    with pytest.raises(Exception), Session.begin() as s:  # noqa: B017 - any IntegrityError flavour
        s.add(Listing(marketplace="tokopedia", external_id="1001", url="dup"))
    engine.dispose()


def test_sqlite_migrations_match_models(tmp_path: Path) -> None:
    _assert_models_match_migrations(f"sqlite:///{tmp_path / 'm.db'}")


def test_sqlite_round_trip(tmp_path: Path) -> None:
    _round_trip(f"sqlite:///{tmp_path / 'r.db'}")


def test_sqlite_file_is_owner_only_wal_with_foreign_keys(tmp_path: Path) -> None:
    path = tmp_path / "sub" / "k.db"
    engine = make_engine(f"sqlite:///{path}")
    upgrade(engine)
    with engine.connect() as conn:
        assert conn.execute(text("PRAGMA journal_mode")).scalar() == "wal"
        assert conn.execute(text("PRAGMA foreign_keys")).scalar() == 1
    engine.dispose()
    assert stat.S_IMODE(os.stat(path).st_mode) == 0o600
    assert stat.S_IMODE(os.stat(path.parent).st_mode) == 0o700


@pytest.mark.postgres
def test_postgres_migrations_match_models(pg_url: str) -> None:
    _assert_models_match_migrations(pg_url)


@pytest.mark.postgres
def test_postgres_round_trip(pg_url: str) -> None:
    _round_trip(pg_url)


def test_db_upgrade_cli_creates_every_table(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    url = f"sqlite:///{tmp_path / 'cli.db'}"
    monkeypatch.setenv("KTPWATCH_DB_URL", url)
    result = CliRunner().invoke(app, ["db", "upgrade"])
    assert result.exit_code == 0, result.output
    assert f"-> {head_revision()}" in result.output
    engine = make_engine(url)
    assert EXPECTED_TABLES <= set(inspect(engine).get_table_names())
    engine.dispose()
    again = CliRunner().invoke(app, ["db", "upgrade"])
    assert again.exit_code == 0 and f"{head_revision()} -> {head_revision()}" in again.output


@pytest.mark.postgres
def test_db_upgrade_cli_on_postgres(pg_url: str, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("KTPWATCH_DB_URL", pg_url)
    result = CliRunner().invoke(app, ["db", "upgrade"])
    assert result.exit_code == 0, result.output
    engine = make_engine(pg_url)
    assert EXPECTED_TABLES <= set(inspect(engine).get_table_names())
    engine.dispose()
