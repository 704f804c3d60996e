"""One scan: every enabled marketplace spider over every query, in one Scrapy process.

:func:`run_scan` is the library function behind ``ktpwatch scan``: it records
the scan, runs the spiders with the storage pipeline, turns each spider's
stats into per-marketplace health rows, runs the health monitors, takes the
screenshots of new hits (after the crawl, so capture never slows it), posts
the optional webhook and returns a :class:`ScanSummary`.

Twisted's reactor runs once per process, so a process runs one scan.
Everything that needs more than one (the scheduler, the demo, tests) calls
:func:`run_scan_subprocess`, which runs ``python -m crawler.scan`` and reads
its JSON summary — which also means a crashed or killed scan never takes its
caller down.
"""

from __future__ import annotations

import json
import logging
import os
import signal
import subprocess
import sys
import time
from collections.abc import Callable, Sequence
from dataclasses import asdict, dataclass, field
from pathlib import Path
from typing import Any

from scrapy.crawler import AsyncCrawlerProcess, Crawler
from scrapy.settings import Settings as ScrapySettings
from scrapy.spiderloader import SpiderLoader

from alerts.evidence import capture_pending_sync
from alerts.images import process_pending_images
from alerts.webhook import post_new_alerts
from config import ConfigError, Settings, load_config
from crawler.candidates import CandidateFilter
from crawler.gc_tuning import tune_gc_for_crawling
from crawler.ingest import store_spooled
from crawler.marketplace_addresses import point_at
from crawler.monitors import check_scan_health, not_stored_flag, unreachable_flag
from crawler.settings import build_scrapy_settings, needs_browser
from crawler.shutdown import CrawlStopGuard, StopRequest
from spiders.failures import NETWORK_CAUSES
from storage.migrate import SchemaNotCurrent, require_current_schema
from storage.scans import (
    MarketplaceScanStats,
    finish_scan,
    mark_scan_interrupted,
    mark_unfinished_scans,
    start_scan,
)
from storage.session import make_engine, make_session_factory

log = logging.getLogger(__name__)

#: called with (marketplace, stats snapshot) every half second while the crawl runs
ProgressCallback = Callable[[str, dict[str, Any]], None]


class ScanError(Exception):
    """The scan could not start (unknown marketplace, bad option)."""


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
    #: listings read only by the shape-agnostic fallback: the shop's layout changed
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


@dataclass(frozen=True)
class ScanOptions:
    marketplaces: Sequence[str] = ()
    queries: Sequence[str] = ()
    max_pages: int | None = None
    transport: str | None = None
    trigger: str = "manual"
    capture_evidence: bool = True
    process_images: bool = True
    log_level: str = "WARNING"


def _marketplace_stats(marketplace: str, stats: dict[str, Any]) -> MarketplaceSummary:
    prefix = f"ktpwatch/{marketplace}/"

    def get(key: str) -> int:
        return int(stats.get(prefix + key, 0) or 0)

    by_status = {
        k.removeprefix(prefix + "status/"): int(v)
        for k, v in stats.items()
        if k.startswith(prefix + "status/")
    }
    start = stats.get("start_time")
    end = stats.get("finish_time")
    duration = (end - start).total_seconds() if start and end else 0.0
    causes = {
        k.removeprefix(prefix + "errors/"): int(v)
        for k, v in stats.items()
        if k.startswith(prefix + "errors/")
    }
    return MarketplaceSummary(
        marketplace=marketplace,
        requests=get("requests"),
        pages=get("pages"),
        items=get("items"),
        details=get("details"),
        hits=get("hits"),
        new_alerts=get("new_alerts"),
        errors=get("errors"),
        parse_failures=get("parse_failures"),
        parser_errors=get("parser_errors"),
        blocked=get("blocked"),
        degraded=get("degraded"),
        error_causes=causes,
        unreachable=unreachable_causes(get("pages") + get("details"), by_status, causes),
        store_errors=int(stats.get("ktpwatch/store_errors", 0) or 0),
        unstored=int(stats.get("ktpwatch/unstored", 0) or 0),
        lost=int(stats.get("ktpwatch/lost", 0) or 0),
        duration_seconds=round(duration, 3),
        finish_reason=str(stats.get("finish_reason", "")),
        responses_by_status=by_status,
        retries=_retries(marketplace, stats),
    )


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


def scan_problems(
    summaries: Sequence[MarketplaceSummary], evidence: dict[str, Any], images: dict[str, Any] | None = None
) -> list[str]:
    """One line per thing that went wrong in a scan, for the summary, the exit code and the schedule."""
    problems: list[str] = []
    images = images or {}
    for s in summaries:
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
    if images.get("error"):
        problems.append(f"photo reading failed: {images['error']}")
    if evidence.get("error"):
        problems.append(f"evidence capture failed: {evidence['error']}")
    elif evidence.get("failed"):
        problems.append(f"evidence: {evidence['failed']} capture(s) failed "
                        "(retried by `ktpwatch evidence retry`)")
    return problems


def _retries(marketplace: str, stats: dict[str, Any]) -> dict[str, int]:
    """Why answers had to be asked again, from Scrapy's retry stats and the spider's page retries."""
    out: dict[str, int] = {}
    for base in ("retry", f"ktpwatch/{marketplace}/retried_pages"):
        for key, value in stats.items():
            if key.startswith(base + "/reason_count/"):
                reason = key.removeprefix(base + "/reason_count/")
                out[reason] = out.get(reason, 0) + int(value)
        if stats.get(base + "/max_reached"):
            out["gave up"] = out.get("gave up", 0) + int(stats[base + "/max_reached"])
    return out


class ProgressExtension:
    """Hands a stats snapshot to ``KTPWATCH_PROGRESS`` twice a second (Rich progress, tests)."""

    def __init__(self, crawler: Crawler, callback: ProgressCallback) -> None:
        self.crawler = crawler
        self.callback = callback
        self._task: Any = None

    @classmethod
    def from_crawler(cls, crawler: Crawler) -> ProgressExtension:
        from scrapy import signals
        from scrapy.exceptions import NotConfigured

        callback = crawler.settings.get("KTPWATCH_PROGRESS")
        if not callable(callback):
            raise NotConfigured
        ext = cls(crawler, callback)
        crawler.signals.connect(ext.opened, signal=signals.spider_opened)
        crawler.signals.connect(ext.closed, signal=signals.spider_closed)
        return ext

    def _tick(self) -> None:
        spider = self.crawler.spider
        if spider is not None and self.crawler.stats is not None:
            self.callback(spider.name, dict(self.crawler.stats.get_stats()))

    def opened(self) -> None:
        from twisted.internet import task

        self._task = task.LoopingCall(self._tick)
        self._task.start(0.5, now=True)

    def closed(self) -> None:
        if self._task is not None and self._task.running:
            self._task.stop()
        self._tick()


def resolve_marketplaces(settings: Settings, requested: Sequence[str]) -> list[str]:
    if not requested:
        return settings.enabled_marketplaces()
    unknown = [m for m in requested if m not in settings.marketplaces]
    if unknown:
        raise ScanError(
            f"unknown marketplace {unknown[0]!r}; configured: {', '.join(settings.marketplaces)}"
        )
    return list(dict.fromkeys(requested))


def run_scan(
    settings: Settings,
    options: ScanOptions = ScanOptions(),
    *,
    progress: ProgressCallback | None = None,
) -> ScanSummary:
    """Run one scan in this process (once per process: Twisted's reactor cannot restart)."""
    marketplaces = resolve_marketplaces(settings, options.marketplaces)
    queries = list(options.queries) or list(settings.queries.lexicon)
    if options.max_pages is not None and options.max_pages < 1:
        raise ScanError("--max-pages must be at least 1")
    if options.transport not in (None, "api", "browser"):
        raise ScanError(f"unknown transport {options.transport!r}; expected api or browser")

    engine = make_engine(settings.storage.url)
    require_current_schema(engine)
    sessions = make_session_factory(engine)
    with sessions.begin() as session:
        stale = mark_unfinished_scans(session)
        if stale:
            log.warning("closed %d scan(s) left running by a process that ended", stale)
        scan_id = start_scan(
            session, trigger=options.trigger, queries=queries, marketplaces=marketplaces
        ).id

    started = time.monotonic()
    stop = StopRequest()
    with stop.handling_signals():
        respooled = store_spooled(sessions, settings, scan_id=scan_id,
                                  capture_evidence=options.capture_evidence)
    scrapy_settings = build_scrapy_settings(
        settings, browser=needs_browser(settings, marketplaces, options.transport)
    )
    scrapy_settings.update(
        {
            "KTPWATCH_STORE": True,
            "KTPWATCH_SCAN_ID": scan_id,
            "KTPWATCH_EVIDENCE": options.capture_evidence,
            "KTPWATCH_IMAGES": options.process_images,
            "KTPWATCH_DETAIL_FILTER": CandidateFilter(settings.matching.candidate_threshold),
            "KTPWATCH_PROGRESS": progress,
            "ITEM_PIPELINES": {"crawler.pipelines.StoragePipeline": 300},
            "EXTENSIONS": {"crawler.scan.ProgressExtension": 500},
            "LOG_LEVEL": options.log_level,
        }
    )
    process = AsyncCrawlerProcess(ScrapySettings(scrapy_settings))
    loader = SpiderLoader.from_settings(process.settings)
    available = set(loader.list())
    crawlers: dict[str, Crawler] = {}
    spider_args: dict[str, Any] = {"queries": ",".join(queries)}
    if options.max_pages is not None:
        spider_args["max_pages"] = options.max_pages
    if options.transport:
        spider_args["transport"] = options.transport
    missing = [m for m in marketplaces if m not in available]
    distributed = settings.distributed.enabled  # workers crawl; this process queues and waits
    remote: dict[str, dict[str, Any]] = {}
    for name in marketplaces:
        if name in missing or distributed:
            continue
        crawler = process.create_crawler(loader.load(name))
        crawlers[name] = crawler
        process.crawl(crawler, **spider_args)
    error: str | None = None
    try:
        if distributed:
            from crawler.distributed import crawl_distributed

            remote = crawl_distributed(
                settings, scrapy_settings, scan_id=scan_id,
                marketplaces=[m for m in marketplaces if m not in missing],
                spider_args=spider_args, capture_evidence=options.capture_evidence,
                progress=progress,
            )
        elif not stop():
            tune_gc_for_crawling()
            guard = _guard_crawl(stop)
            try:
                process.start()
            finally:
                guard.cancel()
    except Exception as exc:  # the crawl itself failed; record it, do not lose the scan row
        error = f"{type(exc).__name__}: {exc}"
        log.exception("scan %s failed", scan_id)

    summaries = []
    for name in marketplaces:
        if name in remote:
            summaries.append(_marketplace_stats(name, remote[name]))
        elif name in crawlers and crawlers[name].stats is not None:
            summaries.append(_marketplace_stats(name, crawlers[name].stats.get_stats()))
        else:
            summaries.append(MarketplaceSummary(marketplace=name, finish_reason="no spider"))
    for s in summaries:
        if s.unreachable:
            s.flags.append(unreachable_flag(s.unreachable, s.errors))
        if s.unstored:
            s.flags.append(not_stored_flag(s.unstored, s.lost))
    # a spider that never closed (the reactor was stopped under it) was interrupted too
    interrupted = stop() or any(
        s.finish_reason == "shutdown" or (s.marketplace in crawlers and not s.finish_reason)
        for s in summaries
    )
    status = "failed" if error else "interrupted" if interrupted else "finished"
    _record_crawl(sessions, scan_id, status, summaries, error)
    health_flags = _check_health(sessions, scan_id, settings, summaries)
    images, evidence = ({}, {}) if interrupted else _after_crawl(sessions, settings, options, stop)
    new_from_photos = int(images.get("alerts_opened", 0) or 0)
    if stop() and status == "finished":  # SIGTERM after the crawl: the rest waits, queued
        status = "interrupted"
        with sessions.begin() as session:
            mark_scan_interrupted(session, scan_id, reason=_stopped_after_crawl(images, evidence))
    summary = ScanSummary(
        scan_id=scan_id,
        status=status,
        problems=list(respooled.problems) + scan_problems(summaries, evidence, images),
        respooled=respooled.stored,
        trigger=options.trigger,
        queries=queries,
        new_alerts=sum(s.new_alerts for s in summaries) + new_from_photos,
        marketplaces=summaries,
        duration_seconds=round(time.monotonic() - started, 2),
        evidence=evidence,
        images=images,
        health_flags=health_flags,
    )
    _post_webhook(settings, summary)
    engine.dispose()
    return summary


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


def _after_crawl(
    sessions: Any, settings: Settings, options: ScanOptions, stop: StopRequest
) -> tuple[dict[str, Any], dict[str, Any]]:
    """Read photos, then capture evidence; SIGTERM/SIGINT stop both, leaving the rest queued.

    Photos first: an alert opened by photo text alone queues its evidence
    bundle, which the capture then completes with the others.
    """
    images: dict[str, Any] = {}
    evidence: dict[str, Any] = {}
    with stop.handling_signals():
        if options.process_images and settings.images.enabled:
            images = _process_images(sessions, settings, queue_evidence=options.capture_evidence,
                                     should_stop=stop)
        if options.capture_evidence and not stop():
            evidence = _capture_evidence(sessions, settings, should_stop=stop)
    return images, evidence


def _guard_crawl(stop: StopRequest) -> CrawlStopGuard:
    """Arm :class:`CrawlStopGuard` once the reactor runs (after Scrapy installed its handlers)."""
    from twisted.internet import reactor as installed

    reactor: Any = installed  # Twisted's reactor module is typed as no reactor interface

    def force() -> None:
        log.warning("the crawl did not stop within %.0fs of the signal; stopping it now", guard.grace)
        reactor.crash()  # skip the graceful shutdown that lingers ...
        pool = getattr(reactor, "threadpool", None)
        if pool is not None:  # ... but end its thread pool, whose threads would block the exit
            pool.stop()

    guard = CrawlStopGuard(stop, lambda: reactor.callFromThread(force))
    reactor.callWhenRunning(lambda: reactor.callLater(0, guard.install))
    return guard


def _stopped_after_crawl(images: dict[str, Any], evidence: dict[str, Any]) -> str:
    left = [f"{what}: {data['left']} left queued" for what, data in
            (("photos", images), ("evidence", evidence)) if data.get("left")]
    return "stopped by a signal after the crawl" + (f" ({'; '.join(left)})" if left else "")


def _check_health(
    sessions: Any, scan_id: int, settings: Settings, summaries: list[MarketplaceSummary]
) -> list[str]:
    try:
        with sessions.begin() as session:
            flags = check_scan_health(session, scan_id, settings)
    except Exception as exc:  # the scan's numbers are stored; say the check did not run
        log.exception("health check failed for scan %s", scan_id)
        return [f"health check failed: {type(exc).__name__}: {exc}"]
    out = [f"{s.marketplace}: {flag}" for s in summaries for flag in s.flags]
    for flag in flags:
        text = str(getattr(flag, "message", flag))
        mp = getattr(flag, "marketplace", "")
        out.append(f"{mp}: {text}" if mp and not text.startswith(mp) else text)
        for s in summaries:
            if s.marketplace == mp:
                s.flags.append(text)
    return out


def _capture_evidence(
    sessions: Any, settings: Settings, *, should_stop: Callable[[], bool]
) -> dict[str, Any]:
    try:
        report = capture_pending_sync(sessions, settings, should_stop=should_stop)
    except Exception as exc:  # capture problems never fail a scan; `evidence retry` fixes them
        log.exception("evidence capture failed")
        return {"error": f"{type(exc).__name__}: {exc}"}
    return {
        "captured": int(getattr(report, "ok", 0)),
        "failed": int(getattr(report, "failed", 0)),
        "seconds": round(float(getattr(report, "seconds", 0.0)), 1),
        "pool_size": int(getattr(report, "pool_size", 0)),
        "left": int(getattr(report, "left", 0)),
    }


def _process_images(
    sessions: Any, settings: Settings, *, queue_evidence: bool, should_stop: Callable[[], bool]
) -> dict[str, Any]:
    """OCR and hash the photos queued by this scan; photo problems never fail a scan."""
    try:
        return dict(process_pending_images(sessions, settings, queue_evidence=queue_evidence,
                                           should_stop=should_stop).to_dict())
    except Exception as exc:
        log.exception("photo processing failed")
        return {"error": f"{type(exc).__name__}: {exc}"}


def _post_webhook(settings: Settings, summary: ScanSummary) -> None:
    if not settings.webhook.url or (summary.new_alerts == 0 and not summary.health_flags):
        return
    post_new_alerts(settings, summary.to_dict())


# --- one scan in a child process -------------------------------------------------------------


def run_scan_subprocess(
    config_path: str | Path | None = None,
    *,
    trigger: str = "schedule",
    sandbox_url: str | None = None,
    marketplaces: Sequence[str] = (),
    queries: Sequence[str] = (),
    max_pages: int | None = None,
    transport: str | None = None,
    capture_evidence: bool = True,
    process_images: bool = True,
    env: dict[str, str] | None = None,
    timeout: float | None = None,
) -> dict[str, Any]:
    """Run one scan in a child process and return its summary dict.

    SIGTERM sent to the caller while it waits is passed on, so the child
    stops its spiders cleanly and still writes its scan record.
    """
    cmd = [sys.executable, "-m", "crawler.scan", "--trigger", trigger]
    if config_path:
        cmd += ["--config", str(config_path)]
    if sandbox_url:
        cmd += ["--sandbox", sandbox_url]
    for m in marketplaces:
        cmd += ["--marketplace", m]
    for q in queries:
        cmd += ["--query", q]
    if max_pages is not None:
        cmd += ["--max-pages", str(max_pages)]
    if transport:
        cmd += ["--transport", transport]
    if not capture_evidence:
        cmd += ["--no-evidence"]
    if not process_images:
        cmd += ["--no-images"]
    child = subprocess.Popen(
        cmd,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
        env={**os.environ, **(env or {})},
    )
    previous = signal.getsignal(signal.SIGTERM)

    def forward(signum: int, frame: Any) -> None:
        child.send_signal(signal.SIGTERM)

    in_main_thread = _in_main_thread()
    if in_main_thread:
        signal.signal(signal.SIGTERM, forward)
    try:
        out, err = child.communicate(timeout=timeout)
    finally:
        if in_main_thread:
            signal.signal(signal.SIGTERM, previous)
    if child.returncode != 0:
        raise ScanError(
            f"scan process exited with {child.returncode}: {err.strip().splitlines()[-1:] or ''}"
        )
    try:
        return dict(json.loads(out.strip().splitlines()[-1]))
    except (ValueError, IndexError):
        raise ScanError(f"scan process printed no summary: {err[-500:]}") from None


def _in_main_thread() -> bool:
    import threading

    return threading.current_thread() is threading.main_thread()


def _child_main(argv: list[str]) -> int:
    import argparse

    parser = argparse.ArgumentParser(prog="python -m crawler.scan")
    parser.add_argument("--config")
    parser.add_argument("--trigger", default="schedule")
    parser.add_argument("--sandbox")
    parser.add_argument("--marketplace", action="append", default=[])
    parser.add_argument("--query", action="append", default=[])
    parser.add_argument("--max-pages", type=int)
    parser.add_argument("--transport")
    parser.add_argument("--no-evidence", action="store_true")
    parser.add_argument("--no-images", action="store_true")
    args = parser.parse_args(argv)
    try:
        loaded = load_config(args.config)
        if loaded.announcement():  # which file decides what this process runs
            print(loaded.announcement(), file=sys.stderr)
        settings = loaded.settings
        if args.sandbox:
            settings = point_at(settings, args.sandbox)
        summary = run_scan(
            settings,
            ScanOptions(
                marketplaces=args.marketplace,
                queries=args.query,
                max_pages=args.max_pages,
                transport=args.transport,
                trigger=args.trigger,
                capture_evidence=not args.no_evidence,
                process_images=not args.no_images,
            ),
        )
    except (ConfigError, ScanError, SchemaNotCurrent) as exc:
        from alerts.redaction import redact_text

        print(f"error: {redact_text(str(exc))}", file=sys.stderr)
        return 2
    print(json.dumps(summary.to_dict(), default=str))
    return 0


if __name__ == "__main__":
    from crawler.log_redaction import install_process_redaction

    install_process_redaction()
    sys.exit(_child_main(sys.argv[1:]))
