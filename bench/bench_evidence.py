"""Evidence captures per minute over ~20 local listing pages, by browser pool size.

Each capture renders the page in headless Chromium (fresh context), takes a
full-page PNG, writes HTML, page WARC and manifest, and commits the bundle.
The pages are local, so the per-host delay is off: with the default
``crawl.download_delay`` of 1 s, captures of one shop's pages are paced to 60
a minute whatever the pool size (``alerts.host_pacing``).
"""

from __future__ import annotations

import logging
import tempfile
from pathlib import Path
from typing import Any

PAGES = 20
POOL_SIZES = (1, 2, 4)


def run() -> dict[str, Any]:
    from alerts.evidence import EvidenceStore, capture_pending_sync
    from config import load_config
    from config.browser import find_browser
    from storage.migrate import upgrade
    from storage.session import make_engine, make_session_factory
    from tests.evidence.conftest import request_bundle, served
    from tests.marketplace_hosts import every_marketplace_under

    if find_browser() is None:
        return {"skipped": "no Chromium found"}
    # the served pages embed a hostile photo on purpose; its refusal is expected, not news
    logging.getLogger("ktpwatch.evidence").setLevel(logging.ERROR)
    results: dict[str, Any] = {"pages": PAGES}
    fixture = served.__wrapped__()  # type: ignore[attr-defined]
    site = next(fixture)
    try:
        base_settings = every_marketplace_under(load_config().settings, site.base)
        results["chosen_pool_size"] = base_settings.evidence.screenshot_pool
        for pool in POOL_SIZES:
            with tempfile.TemporaryDirectory(prefix="ktpwatch-bench-") as tmp:
                settings = base_settings.model_copy(
                    update={"evidence": base_settings.evidence.model_copy(
                                update={"dir": Path(tmp) / "evidence"}),
                            "crawl": base_settings.crawl.model_copy(update={"download_delay": 0.0})}
                )
                engine = make_engine(f"sqlite:///{tmp}/bench.db")
                upgrade(engine)
                sessions = make_session_factory(engine)
                store = EvidenceStore(Path(tmp) / "evidence")
                for n in range(PAGES):
                    request_bundle(sessions, store, site.listing_url(n), str(n))
                report = capture_pending_sync(sessions, settings, pool_size=pool, store=store)
                engine.dispose()
            results[f"pool_{pool}_captures_per_minute"] = round(report.per_minute, 1)
            results[f"pool_{pool}_failed"] = report.failed
            results[f"pool_{pool}_seconds"] = round(report.seconds, 1)
    finally:
        fixture.close()
    return results
