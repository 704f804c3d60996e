"""A scan whose listings were read only by the shape-agnostic fallback flags the marketplace's layout drift."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

from sqlalchemy.orm import Session

from config import Settings
from crawler.monitors import (
    FLAG_PREFIX,
    MarketplaceHealth,
    assess_health,
    check_scan_health,
    stored_health_flags,
)
from storage.models import Scan, ScanMarketplaceStat


def test_degraded_listings_are_flagged_even_when_the_item_count_looks_normal() -> None:
    history = [MarketplaceHealth("shopee", requests=20, items=100) for _ in range(5)]
    current = MarketplaceHealth("shopee", requests=20, items=100, degraded=40)
    reasons = assess_health(current, history, min_fraction=0.3)
    assert len(reasons) == 1 and reasons[0].startswith(FLAG_PREFIX)
    assert "40 of 100 listings read only by the shape-agnostic fallback" in reasons[0]
    assert assess_health(MarketplaceHealth("shopee", requests=20, items=100), history, min_fraction=0.3) == []


def test_check_scan_health_reads_degraded_from_the_scan_summary(session: Session, settings: Settings) -> None:
    started = datetime.now(UTC) - timedelta(minutes=10)
    scan = Scan(started_at=started, finished_at=started + timedelta(minutes=5), status="finished",
                stats={"shopee": {"marketplace": "shopee", "items": 12, "degraded": 12},
                       "olx": {"marketplace": "olx", "items": 30, "degraded": 0}})
    scan.marketplace_stats = [
        ScanMarketplaceStat(marketplace="shopee", requests=3, items=12),
        ScanMarketplaceStat(marketplace="olx", requests=3, items=30),
    ]
    session.add(scan)
    session.flush()
    flags = check_scan_health(session, scan.id, settings)
    assert [f.marketplace for f in flags] == ["shopee"]
    assert "degraded" in flags[0].message
    # `schedule status` shows the stored flags that start with FLAG_PREFIX
    assert stored_health_flags(session, scan.id) == flags


def test_the_scan_summary_carries_degraded_per_marketplace() -> None:
    from rich.console import Console

    from crawler.cli.scan import _summary_table
    from crawler.scan import ScanSummary, marketplace_summary

    summary = marketplace_summary("shopee", {"ktpwatch/shopee/items": 9, "ktpwatch/shopee/degraded": 4})
    assert (summary.items, summary.degraded) == (9, 4)
    console = Console(width=200, record=True)
    console.print(_summary_table(ScanSummary(
        scan_id=1, status="finished", trigger="manual", queries=["ktp"], new_alerts=0,
        marketplaces=[summary], duration_seconds=1.0,
    )))
    text = console.export_text()
    assert "degraded" in text and "│ shopee" in text.replace("┃", "│")
