"""Counts of what the sandbox answered, per marketplace: the basis of politeness tests.

``GET /_sandbox/stats`` reports, per marketplace, requests by status and by
fault, and the busiest second seen — so a test can assert that a crawl stayed
under N requests per second per host without timing anything itself.
"""

from __future__ import annotations

import time
from collections import Counter
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any


@dataclass
class MarketplaceStats:
    requests: int = 0
    statuses: Counter[int] = field(default_factory=Counter)
    faults: Counter[str] = field(default_factory=Counter)
    busiest_second: int = 0
    _second: int = -1
    _in_second: int = 0
    first_at: float = 0.0
    last_at: float = 0.0

    def to_json(self) -> dict[str, Any]:
        span = self.last_at - self.first_at
        return {
            "requests": self.requests,
            "statuses": {str(k): v for k, v in sorted(self.statuses.items())},
            "faults": dict(sorted(self.faults.items())),
            "max_requests_in_one_second": self.busiest_second,
            "mean_requests_per_second": round(self.requests / span, 3) if span > 0 else None,
        }


@dataclass
class RequestStats:
    clock: Callable[[], float] = time.time
    by_marketplace: dict[str, MarketplaceStats] = field(default_factory=dict)

    def record(self, marketplace: str, status: int, fault: str | None = None) -> None:
        now = self.clock()
        stats = self.by_marketplace.get(marketplace)
        if stats is None:
            stats = self.by_marketplace[marketplace] = MarketplaceStats(first_at=now)
        stats.requests += 1
        stats.statuses[status] += 1
        if fault:
            stats.faults[fault] += 1
        second = int(now)
        stats._in_second = stats._in_second + 1 if second == stats._second else 1
        stats._second = second
        stats.busiest_second = max(stats.busiest_second, stats._in_second)
        stats.last_at = now

    def to_json(self) -> dict[str, Any]:
        return {
            "total_requests": sum(s.requests for s in self.by_marketplace.values()),
            "marketplaces": {name: s.to_json() for name, s in sorted(self.by_marketplace.items())},
        }

    def reset(self) -> None:
        self.by_marketplace.clear()
