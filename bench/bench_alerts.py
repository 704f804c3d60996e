"""``alerts list`` on real volumes: 100,000 alerts and 1,000,000 sightings in SQLite.

Builds the database with Core ``executemany`` inserts, then times
:func:`storage.alerts.list_alerts` for every filter the CLI offers (median of
five runs after a warm-up), the whole ``ktpwatch alerts list`` command, and
``ktpwatch report``. Target: every list under 300 ms.
"""

from __future__ import annotations

import os
import random
import statistics
import tempfile
import time
from collections.abc import Callable
from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import Any

from sqlalchemy import Connection, insert

from storage.alerts import AlertFilters, activity_report, list_alerts
from storage.migrate import upgrade
from storage.models import Alert, AlertLink, Identifier, Listing, Scan, Seller, Sighting
from storage.session import make_engine, make_session_factory

ALERTS = 100_000
SIGHTINGS = 1_000_000
SELLERS = 20_000
SCANS = 100
MARKETS = ("tokopedia", "shopee", "lazada", "blibli", "olx", "facebook")
STATUSES = ("new", "new", "new", "confirmed", "dismissed", "notified", "removed", "still_live")
TARGET_MS = 300.0
CHUNK = 20_000


def _chunks(rows: list[dict[str, Any]]) -> list[list[dict[str, Any]]]:
    return [rows[i : i + CHUNK] for i in range(0, len(rows), CHUNK)]


def build(url: str, *, alerts: int = ALERTS, sightings: int = SIGHTINGS) -> float:
    """Create and fill the database; returns seconds taken."""
    started = time.perf_counter()
    rng = random.Random(7)
    engine = make_engine(url)
    upgrade(engine)
    t0 = datetime(2025, 1, 6, tzinfo=UTC)
    per_listing = sightings // alerts
    sellers = [
        {"id": i, "marketplace": MARKETS[i % len(MARKETS)], "external_id": f"shop-{i}",
         "name": f"Toko Nomor {i}", "url": "", "city": "Jakarta", "first_seen_at": t0}
        for i in range(1, SELLERS + 1)
    ]
    scans = [{"id": i, "started_at": t0 + timedelta(days=3 * i), "trigger": "schedule",
              "status": "ok", "queries": [], "marketplaces": [], "stats": {}}
             for i in range(1, SCANS + 1)]
    listings, alert_rows, idents = _listing_rows(rng, alerts, per_listing, t0)
    links = [{"alert_id": i, "linked_alert_id": i - 1, "reason": "same_seller", "detail": "",
              "created_at": t0} for i in range(2, alerts + 1, 50)]
    with engine.begin() as conn:
        conn.execute(insert(Seller), sellers)
        conn.execute(insert(Scan), scans)
        for chunk in _chunks(listings):
            conn.execute(insert(Listing), chunk)
        for chunk in _chunks(alert_rows):
            conn.execute(insert(Alert), chunk)
        for chunk in _chunks(idents):
            conn.execute(insert(Identifier), chunk)
        conn.execute(insert(AlertLink), links)
        _insert_sightings(conn, listings, per_listing)
        conn.exec_driver_sql("ANALYZE")
    engine.dispose()
    return time.perf_counter() - started


def _listing_rows(
    rng: random.Random, alerts: int, per_listing: int, t0: datetime
) -> tuple[list[dict[str, Any]], list[dict[str, Any]], list[dict[str, Any]]]:
    """Listing, alert and identifier rows, drawn from one seeded ``rng`` so every run builds the same data."""
    listings: list[dict[str, Any]] = []
    alert_rows: list[dict[str, Any]] = []
    idents: list[dict[str, Any]] = []
    for i in range(1, alerts + 1):
        seller = rng.randint(1, SELLERS)
        first = t0 + timedelta(minutes=rng.randint(0, 300 * 24 * 60))
        last = first + timedelta(days=3 * (per_listing - 1))
        market = MARKETS[(seller - 1) % len(MARKETS)]
        listings.append({
            "id": i, "marketplace": market, "external_id": f"L{i}", "url": f"https://{market}/p/{i}",
            "title": f"Blangko e-KTP asli chip nomor {i}", "description": "", "price": 50_000 + i,
            "seller_id": seller, "image_urls": [], "first_seen_at": first, "last_seen_at": last,
            "content_hash": f"{i:064x}", "state": "live",
        })
        alert_rows.append({
            "id": i, "listing_id": i, "marketplace": market, "status": rng.choice(STATUSES),
            "verdict": "blank" if rng.random() < 0.8 else "related",
            "score": round(rng.uniform(50, 100), 1), "opened_at": first, "updated_at": last,
            "last_seen_at": last, "sighting_count": per_listing, "assignee": "",
        })
        if i % 3 == 0:
            idents.append({"listing_id": i, "kind": "chip_uid", "value": f"04{rng.getrandbits(48):012X}",
                           "source": "description", "first_seen_at": first})
        if i % 5 == 0:
            idents.append({"listing_id": i, "kind": "phone", "value": f"+62812{rng.randint(0, 10**7):07d}",
                           "source": "description", "first_seen_at": first})
    return listings, alert_rows, idents


def _insert_sightings(conn: Connection, listings: list[dict[str, Any]], per_listing: int) -> None:
    """Insert ``per_listing`` sightings per listing in CHUNK-sized batches, so a million rows never sit in memory."""
    batch: list[dict[str, Any]] = []
    for listing in listings:
        for n in range(per_listing):
            batch.append({
                "listing_id": listing["id"], "scan_id": n + 1,
                "seen_at": listing["first_seen_at"] + timedelta(days=3 * n), "query": "blangko e-ktp",
                "title": listing["title"], "description": "", "price": listing["price"],
                "content_hash": listing["content_hash"], "raw": {},
            })
        if len(batch) >= CHUNK:
            conn.execute(insert(Sighting), batch)
            batch = []
    if batch:
        conn.execute(insert(Sighting), batch)


def _median_ms(fn: Callable[[], object], runs: int = 5) -> float:
    fn()
    times = []
    for _ in range(runs):
        start = time.perf_counter()
        fn()
        times.append((time.perf_counter() - start) * 1000)
    return round(statistics.median(times), 1)


CASES: dict[str, AlertFilters] = {
    "default (newest 50)": AlertFilters(),
    "--status new --sort score": AlertFilters(status=("new",), sort="score"),
    "--marketplace shopee --min-score 90": AlertFilters(marketplace=("shopee",), min_score=90),
    "--verdict related --sort last_seen": AlertFilters(verdict=("related",), sort="last_seen"),
    "--since 14d (of newest)": AlertFilters(since=datetime(2026, 1, 1, tzinfo=UTC)),
    "--seller 'Nomor 1234'": AlertFilters(seller="Nomor 1234"),
    "--seller shop-77": AlertFilters(seller="shop-77"),
    "--identifier <phone>": AlertFilters(identifier="+628120000001"),
    "--linked-to 5001": AlertFilters(linked_to=5001),
    "--sort sightings --asc": AlertFilters(sort="sightings", descending=False),
    "--status confirmed,notified --limit 1000": AlertFilters(status=("confirmed", "notified"), limit=1000),
}


def run() -> dict[str, Any]:
    with tempfile.TemporaryDirectory() as tmp:
        url = f"sqlite:///{Path(tmp) / 'bench.db'}"
        build_seconds = build(url)
        engine = make_engine(url)
        sessions = make_session_factory(engine)
        result: dict[str, Any] = {
            "alerts": ALERTS, "sightings": SIGHTINGS, "build_seconds": round(build_seconds, 1),
        }
        worst = 0.0
        with sessions() as session:
            for name, filters in CASES.items():
                ms = _median_ms(lambda f=filters: list_alerts(session, f))  # type: ignore[misc]
                result[f"list_ms {name}"] = ms
                worst = max(worst, ms)
            result["report_ms (all time, 100k alerts)"] = _median_ms(
                lambda: activity_report(session), runs=3)
        engine.dispose()

        from typer.testing import CliRunner

        from crawler.cli import app

        os.environ["KTPWATCH_DB_URL"] = url
        runner = CliRunner()
        for args in (["alerts", "list", "--format", "json"], ["alerts", "list", "--status", "new"]):
            def invoke(a: list[str] = args) -> None:
                outcome = runner.invoke(app, a)
                assert outcome.exit_code == 0, outcome.output
            result[f"cli_ms ktpwatch {' '.join(args)}"] = _median_ms(invoke, runs=3)
        result["worst_list_ms"] = worst
        result["targets"] = {"list_ms": TARGET_MS}
        result["meets_target"] = worst < TARGET_MS
        return result


if __name__ == "__main__":
    for key, value in run().items():
        print(f"{key:<55} {value}")
