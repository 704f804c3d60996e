"""Evidence captures per minute and per CPU-second, by browser pool size, of sandbox listing pages.

Each capture renders the listing's page in headless Chromium (fresh context),
takes a full-page PNG, writes HTML, page WARC and manifest, and commits the
bundle. The hits come from a real scan of the sandbox (api transport), once
without evidence and once per pool size with it; the capture's CPU is the
difference between the two (the whole process tree, Chromium included). The
per-host delay is off: with the default ``crawl.download_delay`` of 1 s,
captures of one shop's pages are paced to 60 a minute whatever the pool size
(``alerts.host_pacing``).
"""

from __future__ import annotations

import json
import tempfile
from dataclasses import replace
from pathlib import Path
from typing import Any

from bench.bench_crawl import sandbox
from bench.sandbox_scan import ScanPlan, measured_scan

CATALOGUE = 10_000
POOL_SIZES = (1, 2, 4)
#: one shop, one query, two pages: about twenty new hits to capture
PLAN = ScanPlan(marketplaces=("tokopedia",), queries=("blanko ktp",), max_pages=2)


def run() -> dict[str, Any]:
    from config import load_config
    from config.browser import find_browser

    settings = load_config().settings
    if find_browser(settings.browser.executable) is None:
        return {"not measured": "no Chromium found (configured browser.executable or /usr/bin/chromium)"}
    results: dict[str, Any] = {"chosen_pool_size": settings.evidence.screenshot_pool}
    with tempfile.TemporaryDirectory(prefix="ktpwatch-bench-evidence-") as tmp, sandbox(CATALOGUE) as url:
        base = Path(tmp)
        without = measured_scan(url, base / "without", PLAN)
        for pool in POOL_SIZES:
            scan = measured_scan(url, base / f"pool{pool}", replace(PLAN, evidence=True, screenshot_pool=pool))
            cpu = scan["cpu_seconds"] - without["cpu_seconds"]
            results[f"pool_{pool}_captures"] = scan["captured"]
            results[f"pool_{pool}_failed"] = scan["capture_failed"]
            results[f"pool_{pool}_captures_per_minute"] = (
                round(scan["captured"] * 60 / scan["capture_seconds"], 1) if scan["capture_seconds"] else None
            )
            results[f"pool_{pool}_captures_per_cpu_second"] = (
                round(scan["captured"] / cpu, 3) if scan["captured"] and cpu > 0 else None
            )
            results[f"pool_{pool}_peak_rss_mb"] = round(scan["peak_rss_mb"], 1)
    return results


if __name__ == "__main__":
    print(json.dumps(run(), indent=2))
