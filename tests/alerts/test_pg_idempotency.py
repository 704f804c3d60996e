"""Concurrent workers recording the same listing on real PostgreSQL create each row once."""

from __future__ import annotations

import threading

from sqlalchemy import func, select

from storage.migrate import upgrade
from storage.models import Alert, Identifier, Listing, Seller, Sighting
from storage.session import make_engine, make_session_factory
from tests.alerts.builders import ingest, new_scan


def test_concurrent_ingest_is_idempotent_on_postgresql(pg_url: str) -> None:
    engine = make_engine(pg_url, pool_size=8)
    try:
        upgrade(engine)
        sessions = make_session_factory(engine)
        with sessions.begin() as session:
            scan_id = new_scan(session)
        barrier = threading.Barrier(6)
        errors: list[BaseException] = []
        new_sightings: list[bool] = []

        def worker() -> None:
            try:
                barrier.wait()
                with sessions.begin() as session:
                    outcome, _ = ingest(session, "pg-1", scan_id=scan_id,
                                        identifiers=(("chip_uid", "04A1B2C3"),))
                    new_sightings.append(outcome.sighting is not None)
            except BaseException as exc:  # pragma: no cover - reported below
                errors.append(exc)

        threads = [threading.Thread(target=worker) for _ in range(6)]
        for thread in threads:
            thread.start()
        for thread in threads:
            thread.join(60)
        assert not errors, errors
        assert sorted(new_sightings) == [False] * 5 + [True]
        with sessions() as session:
            for model in (Seller, Listing, Sighting, Identifier, Alert):
                assert session.scalar(select(func.count()).select_from(model)) == 1, model.__name__
            assert session.scalar(select(Alert.sighting_count)) == 1
    finally:
        engine.dispose()
