"""Scan health monitors: a silent zero or a collapse against the recent median is flagged."""

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


def health(items: int, requests: int = 20, errors: int = 0, blocked: int = 0) -> MarketplaceHealth:
    return MarketplaceHealth("tokopedia", requests=requests, items=items, errors=errors,
                             blocked=blocked)


HISTORY = [health(100), health(120), health(110), health(90), health(130)]


def test_zero_items_from_a_marketplace_that_usually_returns_many_is_flagged() -> None:
    reasons = assess_health(health(0), HISTORY, min_fraction=0.3)
    assert len(reasons) == 1
    assert reasons[0].startswith(FLAG_PREFIX)
    assert "0 items" in reasons[0] and "median 110" in reasons[0]


def test_zero_items_is_flagged_even_without_history() -> None:
    assert assess_health(health(0), [], min_fraction=0.3)
    assert "no requests" in assess_health(health(0, requests=0), [], min_fraction=0.3)[0]


def test_a_fall_below_the_fraction_of_the_median_is_flagged() -> None:
    reasons = assess_health(health(30), HISTORY, min_fraction=0.3)
    assert reasons and "below 30% of the recent median 110" in reasons[0]


def test_a_normal_scan_is_not_flagged() -> None:
    assert assess_health(health(34), HISTORY, min_fraction=0.3) == []
    assert assess_health(health(105, errors=2), HISTORY, min_fraction=0.3) == []
    assert assess_health(health(5), [], min_fraction=0.3) == []


def test_an_error_rate_jump_is_flagged_but_not_a_usually_noisy_shop() -> None:
    blocked = health(100, requests=20, blocked=15)
    reasons = assess_health(blocked, HISTORY, min_fraction=0.3)
    assert reasons and "error rate 75%" in reasons[0]
    noisy = [health(100, errors=12) for _ in range(5)]
    assert assess_health(health(100, errors=14), noisy, min_fraction=0.3) == []


def _scan(session: Session, items: dict[str, int], *, age_days: int) -> Scan:
    started = datetime.now(UTC) - timedelta(days=age_days)
    scan = Scan(started_at=started, finished_at=started + timedelta(minutes=5), status="finished")
    scan.marketplace_stats = [
        ScanMarketplaceStat(marketplace=mp, requests=20, items=n, flags=["kept: other monitor"])
        for mp, n in items.items()
    ]
    session.add(scan)
    session.flush()
    return scan


def test_check_scan_health_stores_flags_on_the_scan_and_returns_them(
    session: Session, settings: Settings
) -> None:
    for age, n in enumerate([5000, 100, 120, 110, 95, 130]):
        # the oldest (5000) is outside health_window=5 and must not move the median
        _scan(session, {"tokopedia": n, "olx": 40}, age_days=30 - age)
    current = _scan(session, {"tokopedia": 0, "olx": 38}, age_days=0)
    flags = check_scan_health(session, current.id, settings)
    assert [(f.marketplace, f.scan_id) for f in flags] == [("tokopedia", current.id)]
    assert "recent median 110" in flags[0].message
    assert stored_health_flags(session, current.id) == flags
    stats = {s.marketplace: s.flags for s in current.marketplace_stats}
    assert stats["olx"] == ["kept: other monitor"]
    assert stats["tokopedia"][0] == "kept: other monitor"
    # running the check again replaces its own flags instead of piling them up
    check_scan_health(session, current.id, settings)
    assert len(stored_health_flags(session, current.id)) == 1
