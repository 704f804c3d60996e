"""What a scan reports: per-marketplace numbers read from crawl stats, and the problems to act on.

The spiders and the storage pipeline count into Scrapy stats under
``ktpwatch/...`` keys (:mod:`spiders.keys`); a local crawler's stats and the
stats a distributed scan's workers pushed have the same shape, so one reader,
:func:`marketplace_summary`, turns either into a :class:`MarketplaceSummary`.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import asdict, dataclass, field
from typing import Any

from spiders.failures import NETWORK_CAUSES
from spiders.keys import marketplace_stat_key, stat_key


@dataclass
class MarketplaceSummary:
    marketplace: str
    requests: int = 0
    pages: int = 0
    items: int = 0
    details: int = 0
    hits: int = 0
    new_alerts: int = 0
    errors: int = 0
    parse_failures: int = 0
    #: pages our own parser raised on (a bug), apart from layout changes
    parser_errors: int = 0
    blocked: int = 0
    #: listings read only by the shape-agnostic fallback: the marketplace's layout changed
    degraded: int = 0
    #: failed requests by cause: dns, connect, tls, timeout, http, other (spiders.failures)
    error_causes: dict[str, int] = field(default_factory=dict)
    #: set when every request failed without an answer: the causes seen, e.g. "dns" or "connect, timeout"
    unreachable: str = ""
    #: batches of listings the writer could not store, and the listings in them (spooled)
    store_errors: int = 0
    unstored: int = 0
    #: of those, listings that could not even be spooled (lost; logged at CRITICAL)
    lost: int = 0
    duration_seconds: float = 0.0
    finish_reason: str = ""
    responses_by_status: dict[str, int] = field(default_factory=dict)
    flags: list[str] = field(default_factory=list)
    #: answers asked again, by why: Scrapy's download retries ("429 Unknown Status",
    #: timeouts …), pages that came back captcha/blocked/unparseable, and "gave up"
    retries: dict[str, int] = field(default_factory=dict)


@dataclass
class ScanSummary:
    scan_id: int
    status: str
    trigger: str
    queries: list[str]
    new_alerts: int
    marketplaces: list[MarketplaceSummary]
    duration_seconds: float
    evidence: dict[str, Any] = field(default_factory=dict)
    health_flags: list[str] = field(default_factory=list)
    images: dict[str, Any] = field(default_factory=dict)
    #: what went wrong that the operator must know; any entry makes ``ktpwatch scan`` exit 1
    problems: list[str] = field(default_factory=list)
    #: listings spooled by an earlier scan that this one stored first
    respooled: int = 0

    def to_dict(self) -> dict[str, Any]:
        return asdict(self)


def marketplace_summary(marketplace: str, stats: dict[str, Any]) -> MarketplaceSummary:
    """One marketplace's numbers from a crawl's stats (a local crawler's or the workers' pushed ones)."""
    prefix = marketplace_stat_key(marketplace)

    def get(key: str) -> int:
        return int(stats.get(prefix + key, 0) or 0)

    def crawl_wide(key: str) -> int:
        return int(stats.get(stat_key(key), 0) or 0)

    by_status = _counts_under(stats, prefix + "status/")
    causes = _counts_under(stats, prefix + "errors/")
    start, end = stats.get("start_time"), stats.get("finish_time")
    duration = (end - start).total_seconds() if start and end else 0.0
    return MarketplaceSummary(
        marketplace=marketplace,
        requests=get("requests"), pages=get("pages"), items=get("items"), details=get("details"),
        hits=get("hits"), new_alerts=get("new_alerts"), errors=get("errors"),
        parse_failures=get("parse_failures"), parser_errors=get("parser_errors"),
        blocked=get("blocked"), degraded=get("degraded"),
        error_causes=causes,
        unreachable=unreachable_causes(get("pages") + get("details"), by_status, causes),
        store_errors=crawl_wide("store_errors"), unstored=crawl_wide("unstored"),
        lost=crawl_wide("lost"),
        duration_seconds=round(duration, 3),
        finish_reason=str(stats.get("finish_reason", "")),
        responses_by_status=by_status,
        retries=_retries(marketplace, stats),
    )


def _counts_under(stats: dict[str, Any], prefix: str) -> dict[str, int]:
    return {k.removeprefix(prefix): int(v) for k, v in stats.items() if k.startswith(prefix)}


def unreachable_causes(answered: int, by_status: dict[str, int], causes: dict[str, int]) -> str:
    """The network causes, when every request of a marketplace failed without an answer; else "".

    A marketplace that answered anything (a page, a detail, any HTTP status,
    an HTTP error) was reached: it may be blocked or changed, not unreachable.
    """
    if answered or any(by_status.values()) or not causes:
        return ""
    if any(cause not in NETWORK_CAUSES for cause in causes):
        return ""
    return ", ".join(sorted(causes))


def _retries(marketplace: str, stats: dict[str, Any]) -> dict[str, int]:
    """Why answers had to be asked again, from Scrapy's retry stats and the spider's page retries."""
    out: dict[str, int] = {}
    for base in ("retry", marketplace_stat_key(marketplace, "retried_pages")):
        for reason, count in _counts_under(stats, base + "/reason_count/").items():
            out[reason] = out.get(reason, 0) + count
        if stats.get(base + "/max_reached"):
            out["gave up"] = out.get("gave up", 0) + int(stats[base + "/max_reached"])
    return out


def scan_problems(
    summaries: Sequence[MarketplaceSummary], evidence: dict[str, Any], images: dict[str, Any] | None = None
) -> list[str]:
    """One line per thing that went wrong in a scan, for the summary, the exit code and the schedule."""
    problems = [line for s in summaries for line in _marketplace_problems(s)]
    images = images or {}
    if images.get("error"):
        problems.append(f"photo reading failed: {images['error']}")
    if evidence.get("error"):
        problems.append(f"evidence capture failed: {evidence['error']}")
    elif evidence.get("failed"):
        problems.append(f"evidence: {evidence['failed']} capture(s) failed "
                        "(retried by `ktpwatch evidence retry`)")
    return problems


def _marketplace_problems(s: MarketplaceSummary) -> list[str]:
    problems: list[str] = []
    if s.unreachable:
        problems.append(f"{s.marketplace}: unreachable ({s.unreachable}); "
                        f"all {s.errors} request(s) failed")
    if s.blocked:
        problems.append(f"{s.marketplace}: {s.blocked} page(s) blocked")
    if s.parse_failures:
        problems.append(f"{s.marketplace}: {s.parse_failures} page(s) in a changed layout")
    if s.degraded:
        problems.append(f"{s.marketplace}: {s.degraded} listing(s) read only by the "
                        "shape-agnostic fallback (layout changed)")
    if s.parser_errors:
        problems.append(f"{s.marketplace}: our parser raised on {s.parser_errors} page(s) "
                        "(a bug; see the log for the traceback)")
    if s.store_errors:
        problems.append(f"{s.marketplace}: {s.store_errors} batch(es), {s.unstored} listing(s) "
                        "not stored; spooled for the next scan"
                        + (f" except {s.lost} that could not be spooled (lost)" if s.lost else ""))
    return problems
