"""A hand-made database for case-file tests: one actor of three listings on three marketplaces.

Alerts 1 and 2 have a captured screenshot, alert 3 has none; the actor's
listings share a phone, alerts 1 and 2 a NIK (also in an analyst's note), so
masking and ``--reveal`` can be checked in every section of the case file;
alert 3 alone shows an e-mail address.
"""

from __future__ import annotations

import io
import os
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path

from PIL import Image
from sqlalchemy.orm import Session

from alerts.actors.rebuild import rebuild_actors
from alerts.evidence import EvidenceStore, record_capture_request
from config.settings import RiskWeights
from storage import evidence as evidence_db
from storage.actors import list_actors
from storage.models import Alert, AlertEvent, CaptureStatus, Listing
from storage.session import make_engine, make_session_factory
from tests.actors.test_store import _alert
from tests.evidence.conftest import search_exchange

NIK = "3174012301850003"
MASKED_NIK = "3174********0003"
PHONE = "+6281234567890"
CAPTURED = datetime(2026, 11, 5, 3, 4, 5, tzinfo=UTC)


@dataclass(frozen=True)
class Seeded:
    actor_id: str
    alerts: tuple[int, int, int]
    loner_actor_id: str


def png(color: tuple[int, int, int], size: tuple[int, int] = (64, 48)) -> bytes:
    buf = io.BytesIO()
    Image.new("RGB", size, color).save(buf, format="PNG")
    return buf.getvalue()


def add_screenshot(session: Session, store: EvidenceStore, alert_id: int, color: tuple[int, int, int]) -> int:
    """A captured bundle for the alert: the crawler's exchange, listing JSON, and a screenshot; its id."""
    alert = session.get(Alert, alert_id)
    assert alert is not None
    listing = session.get(Listing, alert.listing_id)
    assert listing is not None
    bundle = record_capture_request(
        session, listing_id=listing.id, alert_id=alert_id, url=listing.url, marketplace=listing.marketplace,
        external_id=listing.external_id, exchanges=[search_exchange(listing.url)],
        listing_json={"title": listing.title, "url": listing.url}, store=store)
    shot = store.put_bytes(png(color))
    evidence_db.add_file(session, bundle, kind="screenshot", name="screenshot.png", path=str(shot.path),
                         sha256=shot.sha256, size=shot.size, captured_at=CAPTURED,
                         tool_version="chromium 130; playwright 1.48")
    bundle.status, bundle.captured_at = CaptureStatus.OK.value, CAPTURED
    session.flush()
    return bundle.id


def seed_case(session: Session, store: EvidenceStore) -> Seeded:
    """The actor (three alerts joined by a phone) and an unrelated actor of one alert."""
    a = _alert(session, 1, identifiers=(("nik", NIK), ("phone", PHONE)))
    b = _alert(session, 2, market="shopee", identifiers=(("nik", NIK), ("phone", PHONE)))
    c = _alert(session, 3, market="lazada", identifiers=(("phone", PHONE), ("email", "toko3@example.id")))
    loner = _alert(session, 4, market="olx")
    add_screenshot(session, store, a, (200, 30, 30))
    add_screenshot(session, store, b, (30, 30, 200))
    session.add(AlertEvent(alert_id=a, actor="rina", action="confirm", from_status="new", to_status="confirmed",
                           note=f"seller shows NIK {NIK} in the chat"))
    session.flush()
    rebuild_actors(session, RiskWeights())
    by_alerts = {a_.id: a_ for a_ in list_actors(session)}
    actor_id = next(i for i, row in by_alerts.items() if row.marketplaces and len(row.marketplaces) == 3)
    loner_id = next(i for i in by_alerts if i != actor_id)
    assert loner
    return Seeded(actor_id=actor_id, alerts=(a, b, c), loner_actor_id=loner_id)


def seed_default_database() -> Seeded:
    """Seed the database and evidence folder the CLI uses in tests (``KTPWATCH_DB_URL``)."""
    engine = make_engine(os.environ["KTPWATCH_DB_URL"])
    try:
        with make_session_factory(engine).begin() as session:
            return seed_case(session, EvidenceStore(Path(os.environ["KTPWATCH_EVIDENCE_DIR"])))
    finally:
        engine.dispose()
