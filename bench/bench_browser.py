"""What limits a real scan: the browser transport, evidence capture, and the hourly budget they leave.

The crawl benchmark says the pipeline is not in the way; this one says what a
scan costs where users feel it. Three scans of the same sandbox pages, each a
``python -m crawler.scan`` child measured from outside (CPU of the whole
process tree — Playwright's driver and Chromium included — and peak memory:
the scan's own peak RSS plus its helpers' PSS, since Chromium's processes
share most of their pages):

- ``api``: the api transport, no evidence: the cheap way to read the pages;
- ``browser``: the browser transport (scrapy-playwright, system Chromium: the
  configured ``browser.executable``, else ``/usr/bin/chromium``), no evidence;
- ``evidence``: the api scan again with evidence on, so each new hit is
  captured (HTML, full-page screenshot, WARC, manifest) after the crawl.

Figures: page loads (search and detail requests) per CPU-second of each
transport, peak RSS, and captures per CPU-second (the evidence scan's CPU
minus the api scan's, over the captures). The delays are off here so CPU is
what is measured; the budget then applies the default configuration's
politeness: how many search pages (shops × queries × pages) an hourly scan
can cover on this machine with the browser transport and every new hit's
evidence (as many new hits per page as the sandbox's first scan finds), and
which limit binds.
Each figure includes the scan's own start-up (imports, database, browser
launch), so it errs on the side of a smaller budget.
"""

from __future__ import annotations

import json
import os
import tempfile
from dataclasses import replace
from pathlib import Path
from typing import Any

from bench.bench_crawl import sandbox
from bench.sandbox_scan import ScanPlan, measured_scan

REPO = Path(__file__).resolve().parent.parent
CATALOGUE = 10_000
#: the marketplaces whose default transport is the browser and whose sandbox serves its pages
MARKETPLACES = ("tokopedia", "shopee")
QUERIES = ("blanko ktp", "ktp elektronik kosong")
MAX_PAGES = 3
SECONDS_PER_HOUR = 3600


def budget(*, cpu_seconds_per_search_page: float, loads_per_search_page: float, cores: int,
           download_delay: float, marketplaces: int, queries: int, max_pages: int) -> dict[str, Any]:
    """Search pages an hourly scan can cover, by the tighter of CPU and per-shop politeness.

    CPU: every core busy for the hour. Politeness: one request start per
    ``download_delay`` per shop (Scrapy's per-host slot; AutoThrottle only
    ever waits longer), and a search page costs its own load plus the detail
    pages of its candidates (``loads_per_search_page``).
    """
    cpu_pages = cores * SECONDS_PER_HOUR / cpu_seconds_per_search_page
    polite_pages = (marketplaces * SECONDS_PER_HOUR / download_delay / loads_per_search_page
                    if download_delay > 0 else float("inf"))
    search_pages = int(min(cpu_pages, polite_pages))
    default_scan = marketplaces * queries * max_pages
    return {
        "hourly_budget_search_pages": search_pages,
        "hourly_budget_limited_by": "cpu" if cpu_pages <= polite_pages else "politeness",
        "hourly_budget_pages_per_query_per_marketplace": search_pages // (marketplaces * queries),
        "default_scan_search_pages": default_scan,
        "default_scan_share_of_hourly_budget": round(default_scan / search_pages, 3) if search_pages else None,
    }


def _politeness() -> tuple[float, int, int, int]:
    """download_delay, enabled marketplaces, lexicon size and max_pages of the default configuration."""
    from config import load_config

    defaults = load_config(REPO / "config" / "ktpwatch.toml").settings
    enabled = sum(1 for market in defaults.marketplaces.values() if market.enabled)
    return defaults.crawl.download_delay, enabled, len(defaults.queries.lexicon), defaults.crawl.max_pages


def _figures(api: dict[str, Any], browser: dict[str, Any], evidence: dict[str, Any]) -> dict[str, Any]:
    capture_cpu = evidence["cpu_seconds"] - api["cpu_seconds"]
    return {
        "pages_loaded": browser["requests"],
        "search_pages": browser["search_pages"],
        "browser_pages_per_cpu_second": round(browser["requests"] / browser["cpu_seconds"], 2),
        "browser_peak_rss_mb": round(browser["peak_rss_mb"], 1),
        "browser_wall_seconds": round(browser["wall_seconds"], 1),
        "api_pages_per_cpu_second": round(api["requests"] / api["cpu_seconds"], 2),
        "api_peak_rss_mb": round(api["peak_rss_mb"], 1),
        "evidence_captures": evidence["captured"],
        "evidence_captures_per_cpu_second": (
            round(evidence["captured"] / capture_cpu, 3) if evidence["captured"] and capture_cpu > 0 else None
        ),
        "evidence_peak_rss_mb": round(evidence["peak_rss_mb"], 1),
        "problems": sorted({*api["problems"], *browser["problems"], *evidence["problems"]}),
    }


def run() -> dict[str, Any]:
    from config import load_config
    from config.browser import find_browser

    if find_browser(load_config().settings.browser.executable) is None:
        return {"not measured": "no Chromium found (configured browser.executable or /usr/bin/chromium)"}
    with tempfile.TemporaryDirectory(prefix="ktpwatch-bench-browser-") as tmp, sandbox(CATALOGUE) as url:
        base = Path(tmp)
        plan = ScanPlan(MARKETPLACES, QUERIES, MAX_PAGES)
        api = measured_scan(url, base / "api", plan)
        browser = measured_scan(url, base / "browser", replace(plan, transport="browser"))
        evidence = measured_scan(url, base / "evidence", replace(plan, evidence=True))
    result = _figures(api, browser, evidence)
    delay, marketplaces, queries, max_pages = _politeness()
    loads_per_page = browser["requests"] / max(browser["search_pages"], 1)
    # worst case, a first scan: every hit on a page is new and is captured
    captures_per_page = evidence["captured"] / max(evidence["search_pages"], 1)
    capture_rate = result["evidence_captures_per_cpu_second"]
    result["cpu_seconds_per_search_page"] = round(
        loads_per_page / result["browser_pages_per_cpu_second"]
        + (captures_per_page / capture_rate if capture_rate else 0.0), 3)
    result.update(budget(
        cpu_seconds_per_search_page=result["cpu_seconds_per_search_page"],
        loads_per_search_page=loads_per_page, cores=os.cpu_count() or 1, download_delay=delay,
        marketplaces=marketplaces, queries=queries, max_pages=max_pages,
    ))
    print(f"   budget: an hourly scan covers {result['hourly_budget_search_pages']} search pages "
          f"({marketplaces} shops x {queries} queries x "
          f"{result['hourly_budget_pages_per_query_per_marketplace']} pages) with the browser "
          f"transport at download_delay {delay}s; limited by {result['hourly_budget_limited_by']}",
          flush=True)
    result["targets"] = {"browser_pages_per_cpu_second": "> 0", "hourly_budget_search_pages": "> 0"}
    return result


if __name__ == "__main__":
    print(json.dumps(run(), indent=2))
