"""Scan records: when a scan ran, what it was asked, and each marketplace's health in it."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field
from datetime import datetime
from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session

from storage.models import Scan, ScanMarketplaceStat, utcnow


@dataclass(frozen=True)
class MarketplaceScanStats:
    """One marketplace's numbers from one scan, as the crawler's stats collector counted them."""

    marketplace: str
    requests: int = 0
    responses_by_status: dict[str, int] = field(default_factory=dict)
    items: int = 0
    hits: int = 0
    errors: int = 0
    parse_failures: int = 0
    blocked: int = 0
    duration_seconds: float = 0.0
    #: flags the scan itself raises (e.g. unreachable); the health monitors add theirs later
    flags: Sequence[str] = ()


def start_scan(
    session: Session,
    *,
    trigger: str,
    queries: Sequence[str],
    marketplaces: Sequence[str],
    started_at: datetime | None = None,
) -> Scan:
    scan = Scan(
        trigger=trigger,
        status="running",
        queries=list(queries),
        marketplaces=list(marketplaces),
        started_at=started_at or utcnow(),
    )
    session.add(scan)
    session.flush()
    return scan


def finish_scan(
    session: Session,
    scan_id: int,
    *,
    status: str,
    stats: dict[str, Any],
    per_marketplace: Sequence[MarketplaceScanStats],
    error: str | None = None,
    finished_at: datetime | None = None,
) -> Scan:
    scan = session.get_one(Scan, scan_id)
    scan.status = status
    scan.stats = stats
    scan.error = error
    scan.finished_at = finished_at or utcnow()
    for mp in per_marketplace:
        row = session.scalar(
            select(ScanMarketplaceStat).where(
                ScanMarketplaceStat.scan_id == scan_id,
                ScanMarketplaceStat.marketplace == mp.marketplace,
            )
        )
        if row is None:
            row = ScanMarketplaceStat(scan_id=scan_id, marketplace=mp.marketplace)
            session.add(row)
        row.requests = mp.requests
        row.responses_by_status = dict(mp.responses_by_status)
        row.items = mp.items
        row.hits = mp.hits
        row.errors = mp.errors
        row.parse_failures = mp.parse_failures
        row.blocked = mp.blocked
        row.duration_seconds = mp.duration_seconds
        row.flags = list(mp.flags)
    session.flush()
    return scan


def mark_unfinished_scans(session: Session, *, reason: str = "interrupted") -> int:
    """Scans left 'running' by a killed process are closed as interrupted on the next start."""
    rows = session.scalars(select(Scan).where(Scan.status == "running")).all()
    for scan in rows:
        scan.status = reason
        scan.finished_at = scan.finished_at or utcnow()
        scan.error = scan.error or "process ended before the scan finished"
    return len(rows)


def mark_scan_interrupted(session: Session, scan_id: int, *, reason: str) -> None:
    """A scan whose crawl finished but whose after-crawl stages were stopped (SIGTERM)."""
    scan = session.get_one(Scan, scan_id)
    scan.status = "interrupted"
    scan.error = reason
