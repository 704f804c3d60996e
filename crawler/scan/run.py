"""One scan in this process: every enabled marketplace spider over every query.

:func:`run_scan` is the library function behind ``ktpwatch scan``: it records
the scan, stores what an earlier scan spooled, runs the spiders with the
storage pipeline (here, or on distributed workers), turns each spider's stats
into per-marketplace health rows, then runs the after-crawl stages
(:mod:`crawler.scan.after_crawl`) and returns a :class:`ScanSummary`.

Twisted's reactor runs once per process, so a process runs one scan; callers
that need more use :func:`crawler.scan.child.run_scan_subprocess`.
"""

from __future__ import annotations

import logging
import time
from collections.abc import Sequence
from dataclasses import asdict, dataclass, field, replace
from typing import Any

from scrapy.crawler import AsyncCrawlerProcess, Crawler
from scrapy.settings import Settings as ScrapySettings
from scrapy.spiderloader import SpiderLoader
from scrapy.utils.defer import deferred_from_coro

from alerts.actors.returning import returning_after_takedown
from alerts.notify import ReturningActorsProvider
from config import Settings
from crawler.gc_tuning import tune_gc_for_crawling
from crawler.ingest import store_spooled
from crawler.monitors import not_stored_flag, unreachable_flag
from crawler.scan.after_crawl import (
    check_health,
    photos_and_evidence,
    post_webhook,
    rebuild_actor_network,
    send_scan_digest,
    stopped_after_crawl,
)
from crawler.scan.options import ScanError, ScanOptions
from crawler.scan.progress import ProgressCallback, progress_settings
from crawler.scan.summary import MarketplaceSummary, ScanSummary, marketplace_summary, scan_problems
from crawler.settings import storing_crawl_settings
from crawler.shutdown import CrawlStopGuard, StopRequest
from storage.migrate import require_current_schema
from storage.scans import (
    MarketplaceScanStats,
    finish_scan,
    mark_scan_interrupted,
    mark_unfinished_scans,
    start_scan,
)
from storage.session import make_engine, make_session_factory

log = logging.getLogger(__name__)


@dataclass
class CrawlOutcome:
    """What the crawl left: its crawlers (local) or the workers' stats (distributed), and any error."""

    crawlers: dict[str, Crawler] = field(default_factory=dict)
    remote: dict[str, dict[str, Any]] = field(default_factory=dict)
    error: str | None = None
    crawled: bool = False  # the reactor ran: the crawlers have stats


def resolve_marketplaces(settings: Settings, requested: Sequence[str]) -> list[str]:
    if not requested:
        return settings.enabled_marketplaces()
    unknown = [m for m in requested if m not in settings.marketplaces]
    if unknown:
        raise ScanError(
            f"unknown marketplace {unknown[0]!r}; configured: {', '.join(settings.marketplaces)}"
        )
    return list(dict.fromkeys(requested))


def _checked(settings: Settings, options: ScanOptions) -> ScanOptions:
    """The options with marketplaces and queries resolved; ScanError for an option that cannot run."""
    marketplaces = resolve_marketplaces(settings, options.marketplaces)
    if options.max_pages is not None and options.max_pages < 1:
        raise ScanError("--max-pages must be at least 1")
    if options.transport not in (None, "api", "browser"):
        raise ScanError(f"unknown transport {options.transport!r}; expected api or browser")
    return replace(options, marketplaces=marketplaces,
                   queries=list(options.queries) or list(settings.queries.lexicon))


def run_scan(
    settings: Settings,
    options: ScanOptions | None = None,
    *,
    progress: ProgressCallback | None = None,
    returning_actors: ReturningActorsProvider | None = None,
) -> ScanSummary:
    """Run one scan in this process (once per process: Twisted's reactor cannot restart).

    ``returning_actors`` lists the actors back after a takedown for the
    notification digest (by default the actors storage's:
    :func:`alerts.actors.returning.returning_after_takedown`).

    SIGTERM and SIGINT set one :class:`StopRequest` from the first line to the
    last, so no stage of the scan is left without its stop (crawler.shutdown).
    """
    stop = StopRequest()
    with stop.handling_signals():
        return _run_scan(settings, options or ScanOptions(), progress, stop, returning_actors)


def _run_scan(
    settings: Settings,
    options: ScanOptions,
    progress: ProgressCallback | None,
    stop: StopRequest,
    returning_actors: ReturningActorsProvider | None = None,
) -> ScanSummary:
    options = _checked(settings, options)
    engine = make_engine(settings.storage.url)
    require_current_schema(engine)
    sessions = make_session_factory(engine)
    scan_id = _open_scan(sessions, options)
    started = time.monotonic()
    respooled = store_spooled(sessions, settings, scan_id=scan_id, capture_evidence=options.capture_evidence)
    outcome = _crawl(settings, options, scan_id, progress, stop)
    summaries = _summaries(options.marketplaces, outcome)
    # a spider that never closed (the reactor was stopped under it) was interrupted too
    interrupted = stop() or any(
        s.finish_reason == "shutdown" or (s.marketplace in outcome.crawlers and not s.finish_reason)
        for s in summaries
    )
    status = "failed" if outcome.error else "interrupted" if interrupted else "finished"
    _record_crawl(sessions, scan_id, status, summaries, outcome.error)
    health_flags = check_health(sessions, scan_id, settings, summaries)
    images, evidence = ({}, {}) if interrupted else photos_and_evidence(sessions, settings, options, stop)
    actor_problems = [] if interrupted else rebuild_actor_network(sessions, settings)
    if stop() and status == "finished":  # SIGTERM after the crawl: the rest waits, queued
        status = "interrupted"
        with sessions.begin() as session:
            mark_scan_interrupted(session, scan_id, reason=stopped_after_crawl(images, evidence))
    summary = ScanSummary(
        scan_id=scan_id,
        status=status,
        problems=list(respooled.problems) + scan_problems(summaries, evidence, images) + actor_problems,
        respooled=respooled.stored,
        trigger=options.trigger,
        queries=list(options.queries),
        new_alerts=sum(s.new_alerts for s in summaries) + int(images.get("alerts_opened", 0) or 0),
        marketplaces=summaries,
        duration_seconds=round(time.monotonic() - started, 2),
        evidence=evidence,
        images=images,
        health_flags=health_flags,
    )
    post_webhook(settings, summary)
    send_scan_digest(sessions, settings, summary, returning_actors or returning_after_takedown)
    engine.dispose()
    return summary


def _open_scan(sessions: Any, options: ScanOptions) -> int:
    """Record the scan (closing any a dead process left running); returns its id."""
    with sessions.begin() as session:
        stale = mark_unfinished_scans(session)
        if stale:
            log.warning("closed %d scan(s) left running by a process that ended", stale)
        return start_scan(session, trigger=options.trigger, queries=list(options.queries),
                          marketplaces=list(options.marketplaces)).id


def _spider_args(options: ScanOptions) -> dict[str, Any]:
    args: dict[str, Any] = {"queries": ",".join(options.queries)}
    if options.max_pages is not None:
        args["max_pages"] = options.max_pages
    if options.transport:
        args["transport"] = options.transport
    return args


def _crawl(
    settings: Settings, options: ScanOptions, scan_id: int, progress: ProgressCallback | None,
    stop: StopRequest,
) -> CrawlOutcome:
    """Run the spiders here, or queue them for distributed workers and wait; errors are recorded."""
    scrapy_settings = storing_crawl_settings(
        settings, marketplaces=options.marketplaces, transport=options.transport, scan_id=scan_id,
        capture_evidence=options.capture_evidence, process_images=options.process_images,
        log_level=options.log_level,
    )
    scrapy_settings.update(progress_settings(progress))
    process = AsyncCrawlerProcess(ScrapySettings(scrapy_settings))
    loader = SpiderLoader.from_settings(process.settings)
    available = set(loader.list())
    present = [m for m in options.marketplaces if m in available]
    distributed = settings.distributed.enabled  # workers crawl; this process queues and waits
    outcome = CrawlOutcome()
    for name in [] if distributed else present:
        outcome.crawlers[name] = process.create_crawler(loader.load(name))
        process.crawl(outcome.crawlers[name], **_spider_args(options))
    try:
        if distributed:
            from crawler.distributed import crawl_distributed

            outcome.remote = crawl_distributed(
                settings, scrapy_settings, scan_id=scan_id, marketplaces=present,
                spider_args=_spider_args(options), capture_evidence=options.capture_evidence,
                progress=progress, should_stop=stop,
            )
        elif not stop():
            outcome.crawled = True  # a stop asked for before the crawl began leaves its crawlers without stats
            _start_guarded(process, stop)
    except Exception as exc:  # the crawl itself failed; record it, do not lose the scan row
        outcome.error = f"{type(exc).__name__}: {exc}"
        log.exception("scan %s failed", scan_id)
    return outcome


def _start_guarded(process: AsyncCrawlerProcess, stop: StopRequest) -> None:
    tune_gc_for_crawling()
    guard = _guard_crawl(stop, process)
    try:
        process.start(install_signal_handlers=False)  # the scan's own handler is in force
    finally:
        guard.cancel()


def _summaries(marketplaces: Sequence[str], outcome: CrawlOutcome) -> list[MarketplaceSummary]:
    """One summary per marketplace asked for, in order; "no spider" for one that has none."""
    out = []
    for name in marketplaces:
        crawler = outcome.crawlers.get(name)
        if name in outcome.remote:
            s = marketplace_summary(name, outcome.remote[name])
        elif crawler is not None and outcome.crawled and crawler.stats is not None:
            s = marketplace_summary(name, crawler.stats.get_stats())
        elif crawler is not None:
            s = MarketplaceSummary(marketplace=name, finish_reason="shutdown")
        else:
            s = MarketplaceSummary(marketplace=name, finish_reason="no spider")
        if s.unreachable:
            s.flags.append(unreachable_flag(s.unreachable, s.errors))
        if s.unstored:
            s.flags.append(not_stored_flag(s.unstored, s.lost))
        out.append(s)
    return out


def _record_crawl(
    sessions: Any, scan_id: int, status: str, summaries: list[MarketplaceSummary], error: str | None
) -> None:
    """Close the scan row with the crawl's numbers (the after-crawl stages may still mark it interrupted)."""
    with sessions.begin() as session:
        finish_scan(
            session,
            scan_id,
            status=status,
            stats={s.marketplace: asdict(s) for s in summaries},
            per_marketplace=[
                MarketplaceScanStats(
                    marketplace=s.marketplace, requests=s.requests,
                    responses_by_status=s.responses_by_status, items=s.items, hits=s.hits,
                    errors=s.errors, parse_failures=s.parse_failures, blocked=s.blocked,
                    duration_seconds=s.duration_seconds, flags=tuple(s.flags),
                )
                for s in summaries
            ],
            error=error,
        )


def _guard_crawl(stop: StopRequest, process: AsyncCrawlerProcess) -> CrawlStopGuard:
    """Arm :class:`CrawlStopGuard` as the reactor starts: a stop asked for before then is acted on then."""
    from twisted.internet import reactor as installed

    reactor: Any = installed  # Twisted's reactor module is typed as no reactor interface

    def force() -> None:
        log.warning("the crawl did not stop within %.0fs of the signal; stopping it now", guard.grace)
        reactor.crash()  # skip the graceful shutdown that lingers ...
        pool = getattr(reactor, "threadpool", None)
        if pool is not None:  # ... but end its thread pool, whose threads would block the exit
            pool.stop()

    def graceful() -> None:
        log.warning("stopping the crawl (signal %s); in-flight downloads get %.0fs", stop.signum, guard.grace)
        deferred_from_coro(process.stop())  # the crawls end, then start()'s join stops the reactor

    guard = CrawlStopGuard(stop, graceful_stop=graceful, force_stop=lambda: reactor.callFromThread(force),
                           call_in_reactor=reactor.callFromThread)
    reactor.callWhenRunning(guard.arm)
    return guard
