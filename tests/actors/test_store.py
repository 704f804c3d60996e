"""Actors in storage: ids survive rebuilds, analyst corrections survive rebuilds, the migration round-trips."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta
from pathlib import Path

from alembic import command
from sqlalchemy import inspect, select
from sqlalchemy.orm import Session, sessionmaker

from alerts.actors.rebuild import rebuild_actors
from config.settings import RiskWeights
from storage.actors import members_of, record_merge, record_split
from storage.migrate import alembic_config, upgrade
from storage.models import ActorRow, ActorStatus, Alert, AlertEvent, Identifier, Listing, Seller
from storage.session import make_engine

T0 = datetime(2026, 11, 1, tzinfo=UTC)


def _alert(session: Session, n: int, *, market: str = "tokopedia", seller: str | None = None,
           identifiers: tuple[tuple[str, str], ...] = ()) -> int:
    """A listing with an alert: seller ``seller`` (its own seller when None) and ``identifiers``."""
    owner = Seller(marketplace=market, external_id=seller or f"s{n}", name=f"Toko {seller or n}")
    listing = Listing(marketplace=market, external_id=str(n), url=f"https://x/{n}", title="blangko e-ktp",
                      price=100_000, seller=owner, first_seen_at=T0 + timedelta(days=n),
                      last_seen_at=T0 + timedelta(days=n))
    session.add(listing)
    session.flush()
    session.add_all([Identifier(listing_id=listing.id, kind=k, value=v) for k, v in identifiers])
    alert = Alert(listing_id=listing.id, marketplace=market, verdict="blank", score=0.9,
                  opened_at=T0 + timedelta(days=n), last_seen_at=T0 + timedelta(days=n))
    session.add(alert)
    session.flush()
    return alert.id


def _groups(session: Session) -> dict[str, list[int]]:
    ids = session.scalars(select(ActorRow.id).where(ActorRow.status == ActorStatus.ACTIVE.value))
    return {i: members_of(session, i) for i in ids}


def test_ids_are_kept_across_rebuilds_as_actors_grow(session: Session) -> None:
    a = _alert(session, 1, identifiers=(("bank_account", "BCA:1234567890"),))
    b = _alert(session, 2, market="shopee", identifiers=(("bank_account", "BCA:1234567890"),))
    c = _alert(session, 3, identifiers=(("phone", "+6281234567890"),))
    rebuild_actors(session, RiskWeights())
    first = _groups(session)
    assert sorted(first.values()) == [[a, b], [c]]
    d = _alert(session, 4, market="lazada", identifiers=(("phone", "+6281234567890"),))
    rebuild_actors(session, RiskWeights())
    second = _groups(session)
    by_alert = {tuple(v): k for k, v in first.items()}
    assert second[by_alert[(a, b)]] == [a, b]
    assert second[by_alert[(c,)]] == [c, d]
    rebuild_actors(session, RiskWeights())
    assert _groups(session) == second


def test_risk_is_stored_with_its_reasons(session: Session) -> None:
    _alert(session, 1, identifiers=(("phone", "+6281111111111"),))
    _alert(session, 2, market="shopee", identifiers=(("phone", "+6281111111111"),))
    rebuild_actors(session, RiskWeights())
    row = session.scalars(select(ActorRow)).one()
    assert 0 < row.risk_score <= 100
    names = {r["name"] for r in row.risk_reasons}
    assert {"blank_listings", "several_marketplaces"} <= names
    assert abs(sum(r["points"] for r in row.risk_reasons) - row.risk_score) <= 1


def test_merge_and_split_survive_rebuilds(session: Session) -> None:
    a = _alert(session, 1)
    b = _alert(session, 2)
    c = _alert(session, 3, identifiers=(("phone", "+6282222222222"),))
    d = _alert(session, 4, identifiers=(("phone", "+6282222222222"),))
    rebuild_actors(session, RiskWeights())
    record_merge(session, a, b, analyst="rina")
    record_split(session, [c], [d], analyst="rina")
    for _ in range(2):
        rebuild_actors(session, RiskWeights())
        assert sorted(_groups(session).values()) == [[a, b], [c], [d]]
    _alert(session, 5)  # a rescan brings a new alert; the corrections still hold
    rebuild_actors(session, RiskWeights())
    assert [a, b] in _groups(session).values()
    assert [c] in _groups(session).values()
    audited = session.scalars(select(AlertEvent.action).where(AlertEvent.actor == "rina")).all()
    assert sorted(audited) == ["actor_merge"] * 2 + ["actor_split"] * 2


def test_an_actor_whose_alerts_are_gone_is_retired(session: Session) -> None:
    a = _alert(session, 1)
    rebuild_actors(session, RiskWeights())
    (actor_id,) = _groups(session)
    session.delete(session.get(Alert, a))
    session.flush()
    summary = rebuild_actors(session, RiskWeights())
    assert summary.retired == (actor_id,)
    assert session.get(ActorRow, actor_id).status == ActorStatus.RETIRED.value  # type: ignore[union-attr]


def test_migration_0004_upgrades_and_downgrades(tmp_path: Path) -> None:
    engine = make_engine(f"sqlite:///{tmp_path / 'm.db'}")
    try:
        upgrade(engine)
        assert {"actors", "actor_members", "actor_corrections"} <= set(inspect(engine).get_table_names())
        command.downgrade(alembic_config(str(engine.url)), "0003")
        assert not {"actors", "actor_members", "actor_corrections"} & set(inspect(engine).get_table_names())
        upgrade(engine)
        assert "actors" in inspect(engine).get_table_names()
    finally:
        engine.dispose()


def test_scan_hook_rebuilds_and_reports_a_failure_as_a_problem(session_factory: sessionmaker[Session]) -> None:
    from config import load_config
    from crawler.scan.after_crawl import rebuild_actor_network

    settings = load_config().settings

    with session_factory.begin() as session:
        _alert(session, 1)
    assert rebuild_actor_network(session_factory, settings) == []
    with session_factory() as session:
        assert len(_groups(session)) == 1

    class Broken:
        def begin(self) -> Session:
            raise RuntimeError("database gone")

    assert rebuild_actor_network(Broken(), settings) == ["actor rebuild failed: RuntimeError: database gone"]


def test_relist_after_a_takedown_counts_in_the_risk(session: Session) -> None:
    a = _alert(session, 1, identifiers=(("phone", "+6283333333333"),))
    _alert(session, 5, market="shopee", identifiers=(("phone", "+6283333333333"),))
    rebuild_actors(session, RiskWeights())
    before = session.scalars(select(ActorRow)).one().risk_score
    alert = session.get(Alert, a)
    assert alert is not None
    alert.removed_at = T0 + timedelta(days=2)
    session.flush()
    rebuild_actors(session, RiskWeights())
    row = session.scalars(select(ActorRow)).one()
    relist = next(r for r in row.risk_reasons if r["name"] == "relisted_after_takedown")
    assert relist["points"] > 0 and row.risk_score > before


def test_a_chip_the_ledger_traces_raises_the_risk(session_factory: sessionmaker[Session], tmp_path: Path) -> None:
    from alerts.provenance.ledger_import import import_ledger
    from config.settings import LedgerConfig
    from tests.provenance.conftest import write_csv

    with session_factory.begin() as session:
        _alert(session, 1, identifiers=(("chip_uid", "04A1B2C3D4E5F6"),))
        no_ledger = rebuild_actors(session, RiskWeights(), LedgerConfig())
        assert no_ledger.actors == 1
        before = session.scalars(select(ActorRow)).one().risk_score
        path = write_csv(tmp_path / "l.csv", [{"chip_uid": "04A1B2C3D4E5F6", "batch": "B1", "consignee": "3276",
                                               "status": "dispatched", "status_date": "2018-01-10"}])
        assert import_ledger(session, path, LedgerConfig(), actor="t").new_entries == 1
        rebuild_actors(session, RiskWeights(), LedgerConfig())
        row = session.scalars(select(ActorRow)).one()
        traced = next(r for r in row.risk_reasons if r["name"] == "traced_chips")
        assert traced["points"] > 0 and row.risk_score > before
