"""Crawl speed, memory and scale-out, against the sandbox on 127.0.0.1.

1. crawl: listings per second of a full scan (spider → matcher → storage in
   SQLite, evidence off, api transport, no delay, no AutoThrottle, high
   concurrency) over a 100,000-listing catalogue, next to the *same spiders*
   crawling the same pages with no item pipeline (items dropped on the floor;
   they still parse, since pagination needs it, and fetch the same detail
   pages through the same candidate filter). ``crawl_to_plain_ratio`` compares
   with stock Scrapy (CPython's default collector thresholds); the scan tunes
   the collector (``crawler.gc_tuning``), so ``crawl_to_plain_tuned_gc_ratio``
   gives the baseline the same tuning and is the item pipeline's cost alone.
2. memory: peak RSS of that scan and its helper processes at 10k and 100k.
3. distributed: the same scan on Redis + PostgreSQL (started here on
   127.0.0.1, ``bench/servers.py``) with 1, 2 and 4 ``ktpwatch worker``
   processes; ``"not measured": "redis-server not installed"`` (or
   PostgreSQL) on a machine without them, and every other figure is written.
   ``*_listings`` are the listings the spiders read (a listing two queries
   find counts twice); ``*_stored_listings`` are the distinct listings in the
   database afterwards, and ``distributed_N_workers_missing_listings`` how
   many fewer than the one-process scan of the same catalogue stored (0: none
   lost), next to ``*_failed_requests``.

Every crawl runs in its own process (Twisted's reactor runs once per process),
the sandbox in another, so nothing shares a GIL with what it measures. This
machine has 2 cores: more workers than cores cannot scale here; the numbers
say what the coordination costs, not what N machines would do.
"""

from __future__ import annotations

import json
import multiprocessing
import os
import subprocess
import sys
import tempfile
import time
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

from bench.database import migrated, migrated_sqlite
from bench.process_meter import run_measured
from bench.servers import ServerMissing, postgres_server, redis_server

REPO = Path(__file__).resolve().parent.parent
CATALOGUE = 100_000
SMALL_CATALOGUE = 10_000
MAX_PAGES = 25
CONCURRENCY = 64
WORKER_COUNTS = (1, 2, 4)
#: a query of the lexicon: every shop answers it with a few hundred listings at 100k
QUERIES = ("blanko ktp", "ktp elektronik kosong", "blangko kk")
MARKETPLACES = ("tokopedia", "shopee", "lazada", "blibli", "olx", "facebook")


def _config(base: Path) -> Path:
    path = base / "ktpwatch.toml"
    path.write_text(
        "[crawl]\ndownload_delay = 0\nautothrottle = false\nretry_times = 1\n"
        f"concurrent_requests = {CONCURRENCY}\nconcurrent_requests_per_domain = {CONCURRENCY}\n"
        f"max_pages = {MAX_PAGES}\n"
        "[images]\nenabled = false\n"  # OCR of hit images runs after the crawl; not measured here
    )
    return path


def _serve(listings: int, queue: Any, stop: Any) -> None:
    from sandbox.server import run_sandbox

    with run_sandbox(listings=listings, admin=False) as handle:
        queue.put(handle.base_url)
        stop.wait()


@contextmanager
def sandbox(listings: int) -> Iterator[str]:
    context = multiprocessing.get_context("spawn")
    queue, stop = context.Queue(), context.Event()
    process = context.Process(target=_serve, args=(listings, queue, stop), daemon=True)
    process.start()
    try:
        yield str(queue.get(timeout=240))
    finally:
        stop.set()
        process.join(timeout=30)
        if process.is_alive():
            process.terminate()


def _scan_args(base_url: str) -> list[str]:
    args = ["--sandbox", base_url, "--transport", "api", "--no-evidence", "--trigger", "bench"]
    for q in QUERIES:
        args += ["--query", q]
    return args


def stored_listings(db_url: str) -> int:
    """Distinct listings in the scan's database: what was stored, not what the summary counted."""
    import sqlalchemy as sa

    engine = sa.create_engine(db_url)
    try:
        with engine.connect() as connection:
            return int(connection.execute(sa.text("SELECT count(*) FROM listings")).scalar_one())
    finally:
        engine.dispose()


def _failed_requests(summary: dict[str, Any]) -> int:
    return sum(int(m["errors"]) for m in summary["marketplaces"])


def _summary_rate(summary: dict[str, Any]) -> tuple[int, float]:
    items = sum(int(m["items"]) for m in summary["marketplaces"])
    seconds = max(float(m["duration_seconds"]) for m in summary["marketplaces"])
    return items, seconds


def full_scan(base_url: str, base: Path, env: dict[str, str]) -> dict[str, Any]:
    command = [sys.executable, "-m", "crawler.scan", "--config", str(_config(base)),
               *_scan_args(base_url)]
    measured = run_measured(command, env, REPO)
    summary = json.loads(measured.stdout.strip().splitlines()[-1])
    items, seconds = _summary_rate(summary)
    return {"items": items, "seconds": seconds, "rate": items / seconds,
            "peak_rss_mb": measured.peak_rss_kb / 1024, "status": summary["status"],
            "stored": stored_listings(env["KTPWATCH_DB_URL"]), "failed": _failed_requests(summary)}


def plain_crawl(base_url: str, base: Path, env: dict[str, str], *, tuned_gc: bool = False) -> dict[str, Any]:
    command = [sys.executable, "-m", "bench.bench_crawl", "--plain", base_url,
               "--config", str(_config(base)), *(["--tuned-gc"] if tuned_gc else [])]
    measured = run_measured(command, env, REPO)
    data = json.loads(measured.stdout.strip().splitlines()[-1])
    return {**data, "rate": data["items"] / data["seconds"], "peak_rss_mb": measured.peak_rss_kb / 1024}


def _plain_main(base_url: str, config_path: str, *, tuned_gc: bool = False) -> None:
    """The baseline: the marketplace spiders with no item pipeline; prints items and seconds.

    Stock Scrapy runs with CPython's default collector thresholds; ``tuned_gc``
    gives the baseline the scan's own (``crawler.gc_tuning``), so that the
    second ratio is the item pipeline's cost alone.
    """
    from scrapy.crawler import AsyncCrawlerProcess
    from scrapy.settings import Settings as ScrapySettings
    from scrapy.spiderloader import SpiderLoader

    from config import load_config
    from crawler.candidates import CandidateFilter
    from crawler.marketplace_addresses import point_at
    from crawler.settings import build_scrapy_settings

    settings = point_at(load_config(config_path).settings, base_url)
    scrapy_settings = build_scrapy_settings(settings, browser=False)  # api transport, as the scan
    scrapy_settings.update({
        "KTPWATCH_DETAIL_FILTER": CandidateFilter(settings.matching.candidate_threshold),
        "ITEM_PIPELINES": {}, "LOG_LEVEL": "ERROR",
    })
    process = AsyncCrawlerProcess(ScrapySettings(scrapy_settings))
    loader = SpiderLoader.from_settings(process.settings)
    crawlers = []
    for name in MARKETPLACES:
        crawler = process.create_crawler(loader.load(name))
        crawlers.append((name, crawler))
        process.crawl(crawler, queries=",".join(QUERIES), transport="api")
    if tuned_gc:
        from crawler.gc_tuning import tune_gc_for_crawling

        tune_gc_for_crawling()
    process.start()
    items, seconds = 0, 0.0
    for name, crawler in crawlers:
        stats = crawler.stats.get_stats()
        items += int(stats.get(f"ktpwatch/{name}/items", 0))
        seconds = max(seconds, (stats["finish_time"] - stats["start_time"]).total_seconds())
    print(json.dumps({"items": items, "seconds": seconds}))


def distributed(base_url: str, base: Path, workers: int) -> dict[str, Any]:
    """One scan with ``workers`` worker processes on a fresh PostgreSQL database."""

    # Redis first: it is the one a fresh machine lacks, and it fails before PostgreSQL starts
    with redis_server(base / "redis") as rds, postgres_server(base / "pg") as pg:
        import redis as redis_lib

        env = {**os.environ, "KTPWATCH_DB_URL": migrated(pg.create_database("bench")),
               "KTPWATCH_REDIS_URL": rds.url, "KTPWATCH_EVIDENCE_DIR": str(base / "evidence")}
        config = _config(base)
        with config.open("a") as f:
            f.write("[distributed]\nenabled = true\n")
        ktpwatch = str(Path(sys.executable).with_name("ktpwatch"))
        procs = [subprocess.Popen([ktpwatch, "--config", str(config), "worker", "--once"], env=env,
                                  cwd=base, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
                 for _ in range(workers)]
        client = redis_lib.Redis.from_url(rds.url)
        deadline = time.monotonic() + 120
        while len(client.client_list()) < workers + 1 and time.monotonic() < deadline:
            time.sleep(0.2)  # every worker started and waiting
        try:
            command = [sys.executable, "-m", "crawler.scan", "--config", str(config),
                       *_scan_args(base_url)]
            out = run_measured(command, env, REPO).stdout
        finally:
            for proc in procs:
                try:
                    proc.wait(timeout=60)
                except subprocess.TimeoutExpired:
                    proc.kill()
                    proc.wait()
            client.close()
        stored = stored_listings(env["KTPWATCH_DB_URL"])  # after every worker ended
    summary = json.loads(out.strip().splitlines()[-1])
    items, seconds = _summary_rate(summary)
    return {"items": items, "seconds": seconds, "rate": items / seconds, "status": summary["status"],
            "stored": stored, "failed": _failed_requests(summary)}


def distributed_figures(base_url: str, base: Path, expected: int) -> dict[str, Any]:
    """Listings per second with 1, 2 and 4 workers, and how many of the ``expected`` they stored.

    "not measured" where a server is missing.
    """
    figures: dict[str, Any] = {}
    for n in WORKER_COUNTS:
        run_dir = base / f"dist{n}"
        run_dir.mkdir()
        try:
            dist = distributed(base_url, run_dir, n)
        except ServerMissing as missing:
            return {"not measured": str(missing)}  # e.g. "redis-server not installed"
        figures[f"distributed_{n}_workers_listings_per_second"] = round(dist["rate"], 1)
        figures[f"distributed_{n}_workers_listings"] = dist["items"]
        figures[f"distributed_{n}_workers_stored_listings"] = dist["stored"]
        figures[f"distributed_{n}_workers_missing_listings"] = expected - dist["stored"]
        figures[f"distributed_{n}_workers_failed_requests"] = dist["failed"]
    return figures


def run() -> dict[str, Any]:
    result: dict[str, Any] = {"catalogue": CATALOGUE, "queries": len(QUERIES),
                              "marketplaces": len(MARKETPLACES), "max_pages": MAX_PAGES}
    with tempfile.TemporaryDirectory(prefix="ktpwatch-bench-crawl-") as tmp:
        base = Path(tmp)
        env = {**os.environ, "KTPWATCH_DB_URL": migrated_sqlite(base / "crawl.db"),
               "KTPWATCH_EVIDENCE_DIR": str(base / "evidence")}
        with sandbox(SMALL_CATALOGUE) as url:
            small = full_scan(url, base, {**env, "KTPWATCH_DB_URL": migrated_sqlite(base / "s.db")})
        with sandbox(CATALOGUE) as url:
            plain = plain_crawl(url, base, env)
            plain_tuned = plain_crawl(url, base, env, tuned_gc=True)
            full = full_scan(url, base, env)
            result.update(distributed_figures(url, base, expected=full["stored"]))
    result.update({
        "crawl_listings": full["items"],
        "crawl_stored_listings": full["stored"],
        "crawl_failed_requests": full["failed"],
        "crawl_listings_per_second": round(full["rate"], 1),
        "plain_scrapy_listings_per_second": round(plain["rate"], 1),
        "crawl_to_plain_ratio": round(full["rate"] / plain["rate"], 3),
        "plain_scrapy_tuned_gc_listings_per_second": round(plain_tuned["rate"], 1),
        "crawl_to_plain_tuned_gc_ratio": round(full["rate"] / plain_tuned["rate"], 3),
        "peak_rss_mb_100k": round(full["peak_rss_mb"], 1),
        "peak_rss_mb_10k": round(small["peak_rss_mb"], 1),
        "listings_10k": small["items"],
        "plain_peak_rss_mb_100k": round(plain["peak_rss_mb"], 1),
    })
    result["targets"] = {"crawl_to_plain_ratio": ">= 0.8", "crawl_to_plain_tuned_gc_ratio": ">= 0.8",
                         "peak_rss_mb_100k": "< 400",
                         **{f"distributed_{n}_workers_missing_listings": "< 1" for n in WORKER_COUNTS
                            if f"distributed_{n}_workers_missing_listings" in result}}
    return result


if __name__ == "__main__":
    if len(sys.argv) >= 5 and sys.argv[1] == "--plain":
        _plain_main(sys.argv[2], sys.argv[4], tuned_gc="--tuned-gc" in sys.argv[5:])
    else:
        print(json.dumps(run(), indent=2))
