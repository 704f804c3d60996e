"""Drafting speed: how long batching 1,000 confirmed alerts into notices takes (SQLite, temp dir)."""

from __future__ import annotations

import tempfile
import time
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

from config import load_config
from storage.migrate import upgrade
from storage.models import Alert, AlertStatus, Listing, Seller
from storage.session import make_engine, make_session_factory

ALERTS = 1000


def run() -> dict[str, Any]:
    from alerts.notices import draft_notices

    with tempfile.TemporaryDirectory() as tmp:
        root = Path(tmp)
        base = load_config(env={}, cwd=root).settings
        settings = base.model_copy(
            update={"evidence": base.evidence.model_copy(update={"dir": root / "evidence"})}
        )
        engine = make_engine(f"sqlite:///{root / 'bench.db'}")
        upgrade(engine)
        factory = make_session_factory(engine)
        now = datetime.now(UTC)
        with factory.begin() as session:
            for n in range(ALERTS):
                mp = ("tokopedia", "shopee", "lazada", "olx")[n % 4]
                seller = Seller(marketplace=mp, external_id=f"s{n}", name=f"Toko {n}")
                listing = Listing(marketplace=mp, external_id=str(n), url=f"https://x/{mp}/{n}",
                                  title=f"Blangko e-KTP kosong {n}", price=150_000, seller=seller)
                session.add(Alert(listing=listing, marketplace=mp, verdict="blank", score=90.0,
                                  status=AlertStatus.CONFIRMED.value))
        start = time.perf_counter()
        with factory.begin() as session:
            result = draft_notices(session, settings, now=now)
            count = len(result.notices)
        seconds = time.perf_counter() - start
        size = sum(p.stat().st_size for p in (root / "evidence" / "notices").glob("*.eml"))
        engine.dispose()
    return {
        "alerts": ALERTS,
        "notices_drafted": count,
        "draft_seconds": round(seconds, 3),
        "ms_per_alert": round(seconds * 1000 / ALERTS, 3),
        "eml_kib_per_notice": round(size / 1024 / max(count, 1), 1),
    }
