"""Run real scans (``python -m crawler.scan`` children) against the shared sandbox and read the results."""

from __future__ import annotations

from collections.abc import Iterable
from pathlib import Path
from typing import Any

from sqlalchemy import Engine, select

from sandbox.server import SandboxHandle
from storage.models import Listing
from storage.session import make_engine

QUERY = "blangko ktp"
#: Small result pages, so a scan crosses many pages and a fault on any of them matters.
PAGE_SIZE = 5
MAX_PAGES = 30


def write_config(folder: Path, marketplaces: Iterable[str], *, delay: float, retry_times: int = 4,
                 timeout: float = 20.0) -> Path:
    """A ktpwatch.toml for fault scans: one query, small pages, a fixed (not throttled) delay."""
    lines = [
        "[crawl]", f"download_delay = {delay}", "autothrottle = false",
        "concurrent_requests_per_domain = 2", f"retry_times = {retry_times}",
        f"download_timeout = {timeout}",
        "[queries]", f'lexicon = ["{QUERY}"]',
    ]
    for name in marketplaces:
        lines += [f"[marketplaces.{name}]", "transport = \"api\"", f"page_size = {PAGE_SIZE}"]
    path = folder / "ktpwatch.toml"
    path.write_text("\n".join(lines) + "\n")
    return path


def served(sandbox: SandboxHandle, marketplace: str, query: str = QUERY) -> set[str]:
    """External ids the shop answers for ``query`` right now (taken-down listings excluded)."""
    return {
        r.external_id for r in sandbox.server.ctx.search(marketplace, query)
    }


def planted_served(sandbox: SandboxHandle, marketplace: str, query: str = QUERY) -> set[str]:
    """Planted blank e-KTP listings (``/_sandbox/truth``) that the shop serves for ``query``."""
    truth = sandbox.truth()
    planted = {p["external_id"] for p in truth["planted"]
               if p["marketplace"] == marketplace and not p["removed"]}
    return planted & served(sandbox, marketplace, query)


def stored_ids(engine: Engine, marketplace: str) -> set[str]:
    with engine.connect() as conn:
        return set(conn.scalars(select(Listing.external_id).where(Listing.marketplace == marketplace)))


def by_marketplace(summary: dict[str, Any]) -> dict[str, dict[str, Any]]:
    return {m["marketplace"]: m for m in summary["marketplaces"]}


def db_engine(url: str) -> Engine:
    return make_engine(url)
