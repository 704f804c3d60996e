"""Scan health monitors: a silent zero is the worst failure a surveillance crawler can have.

After every scan (manual or scheduled) the scan calls :func:`check_scan_health`,
which compares each marketplace's numbers in that scan with its own recent
history — the idea of Spidermon's monitors — and flags a marketplace whose
items fell to zero or below a fraction of its recent median, or whose error
rate jumped. A marketplace that changed its page layout or started blocking us looks
exactly like a marketplace with no blank e-KTP listings; the flag is what tells them
apart. Flags are written to ``ScanMarketplaceStat.flags`` (so ``schedule
status`` and ``report`` show them) and logged; the scan puts them in the
summary it posts to the webhook.

:func:`assess_health` is the pure core; everything else is plumbing.
"""

from __future__ import annotations

import logging
import statistics
from collections.abc import Sequence
from dataclasses import dataclass

from sqlalchemy.orm import Session

from config import Settings
from storage.models import ScanMarketplaceStat
from storage.schedule import marketplace_history, scan_stats

log = logging.getLogger("ktpwatch.monitors")

#: Every health flag starts with this, so readers (and re-checks) can tell them from other flags.
FLAG_PREFIX = "layout or access changed: "
#: The scan's own flag for a marketplace whose every request failed without an answer. Such a
#: marketplace is not assessed: "0 items" there says nothing about its layout or its blocks.
UNREACHABLE_PREFIX = "unreachable: "


#: The scan's own flag for a marketplace some of whose listings could not be stored (spooled).
NOT_STORED_PREFIX = "not stored: "


def not_stored_flag(listings: int, lost: int) -> str:
    """The flag for a marketplace whose writer failed on ``listings`` listings."""
    kept = "spooled for the next scan" if not lost else f"{listings - lost} spooled, {lost} lost"
    return f"{NOT_STORED_PREFIX}{listings} listing(s) could not be written ({kept})"


def unreachable_flag(causes: str, errors: int) -> str:
    """The flag for a marketplace none of whose ``errors`` requests got an answer."""
    return f"{UNREACHABLE_PREFIX}every request failed ({errors}), cause: {causes}"


def is_health_flag(flag: object) -> bool:
    """A flag the monitors or the scan raised about a marketplace's health."""
    return str(flag).startswith((FLAG_PREFIX, UNREACHABLE_PREFIX, NOT_STORED_PREFIX))
#: An error rate above this, and above ERROR_RATE_FACTOR times the usual one, is a jump.
ERROR_RATE_FLOOR = 0.5
ERROR_RATE_FACTOR = 3.0


@dataclass(frozen=True)
class MarketplaceHealth:
    """The numbers of one marketplace in one scan that the monitors read."""

    marketplace: str
    requests: int
    items: int
    errors: int = 0
    blocked: int = 0
    parse_failures: int = 0
    #: listings read only by the shape-agnostic fallback (the known layout failed)
    degraded: int = 0

    @property
    def bad_responses(self) -> int:
        return self.errors + self.blocked + self.parse_failures

    @property
    def error_rate(self) -> float:
        """Share of requests that failed, were blocked or could not be parsed (0–1)."""
        if self.requests <= 0:
            return 1.0 if self.bad_responses else 0.0
        return min(1.0, self.bad_responses / self.requests)

    @classmethod
    def from_stat(cls, stat: ScanMarketplaceStat) -> MarketplaceHealth:
        return cls(
            marketplace=stat.marketplace,
            requests=stat.requests or 0,
            items=stat.items or 0,
            errors=stat.errors or 0,
            blocked=stat.blocked or 0,
            parse_failures=stat.parse_failures or 0,
            degraded=_degraded_count(stat),
        )


def _degraded_count(stat: ScanMarketplaceStat) -> int:
    """The scan summary's ``degraded`` count for this marketplace (kept in ``Scan.stats``, no column)."""
    scan = stat.scan
    summary = (scan.stats or {}).get(stat.marketplace) if scan is not None else None
    value = summary.get("degraded") if isinstance(summary, dict) else None
    return int(value) if isinstance(value, (int, float)) and not isinstance(value, bool) else 0


@dataclass(frozen=True)
class HealthFlag:
    scan_id: int
    marketplace: str
    message: str


def assess_health(
    current: MarketplaceHealth,
    history: Sequence[MarketplaceHealth],
    *,
    min_fraction: float,
    error_rate_floor: float = ERROR_RATE_FLOOR,
    error_rate_factor: float = ERROR_RATE_FACTOR,
) -> list[str]:
    """Reasons (each starting with :data:`FLAG_PREFIX`) why ``current`` looks broken; [] when healthy.

    ``history`` is the same marketplace in recent finished scans. Zero items is
    always flagged — every query matches ordinary products, so an empty answer
    means we could not read the marketplace, not that the marketplace is clean. Any degraded
    listing is flagged too: the fallback kept the listings, the parser needs work.
    """
    reasons: list[str] = []
    median_items = statistics.median(h.items for h in history) if history else None
    if current.items == 0:
        if current.requests == 0:
            why = "0 items: no requests were made"
        elif median_items:
            why = f"0 items parsed from {current.requests} requests (recent median {median_items:g})"
        else:
            why = f"0 items parsed from {current.requests} requests"
        reasons.append(FLAG_PREFIX + why)
    elif median_items and current.items < min_fraction * median_items:
        reasons.append(
            FLAG_PREFIX + f"{current.items} items, below {min_fraction:.0%} of the recent "
            f"median {median_items:g}"
        )
    if current.degraded:
        reasons.append(
            FLAG_PREFIX + f"{current.degraded} of {current.items} listings read only by the "
            "shape-agnostic fallback (degraded): the shop's answer no longer fits the parser"
        )
    usual_rate = statistics.median(h.error_rate for h in history) if history else 0.0
    rate = current.error_rate
    if rate > error_rate_floor and rate > error_rate_factor * usual_rate:
        reasons.append(
            FLAG_PREFIX + f"error rate {rate:.0%} (errors {current.errors}, blocked "
            f"{current.blocked}, parse failures {current.parse_failures} of "
            f"{current.requests} requests; recent median {usual_rate:.0%})"
        )
    return reasons


def check_scan_health(session: Session, scan_id: int, settings: Settings) -> list[HealthFlag]:
    """Assess every marketplace of scan ``scan_id``, store the flags on its stats and log them.

    Replaces earlier health flags of that scan (so running it twice is
    harmless) and keeps flags other code wrote. Does not commit.
    """
    window = settings.schedule.health_window
    flags: list[HealthFlag] = []
    for stat in scan_stats(session, scan_id):
        if any(str(f).startswith(UNREACHABLE_PREFIX) for f in stat.flags or []):
            continue
        history = marketplace_history(
            session, stat.marketplace, before_scan_id=scan_id, limit=window
        )
        reasons = assess_health(
            MarketplaceHealth.from_stat(stat),
            [MarketplaceHealth.from_stat(h) for h in history],
            min_fraction=settings.schedule.health_min_fraction,
        )
        kept = [f for f in (stat.flags or []) if not str(f).startswith(FLAG_PREFIX)]
        stat.flags = kept + reasons
        for reason in reasons:
            log.warning("scan %s: %s: %s", scan_id, stat.marketplace, reason)
            flags.append(HealthFlag(scan_id=scan_id, marketplace=stat.marketplace, message=reason))
    session.flush()
    return flags


def stored_health_flags(session: Session, scan_id: int) -> list[HealthFlag]:
    """The health flags :func:`check_scan_health` (and the scan, for unreachable) stored for a scan."""
    return [
        HealthFlag(scan_id=scan_id, marketplace=stat.marketplace, message=str(flag))
        for stat in scan_stats(session, scan_id)
        for flag in (stat.flags or [])
        if is_health_flag(flag)
    ]
