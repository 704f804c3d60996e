"""One measured scan against the sandbox: a ``python -m crawler.scan`` child on a fresh database.

Shared by the benchmarks that price what a scan does (``bench_browser``,
``bench_evidence``). Delays are off, so the figures are CPU and memory, not
politeness; photo OCR is off, a cost of its own.
"""

from __future__ import annotations

import json
import os
import sys
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from bench.database import migrated_sqlite
from bench.process_meter import run_measured

REPO = Path(__file__).resolve().parent.parent


@dataclass(frozen=True)
class ScanPlan:
    """What to scan: marketplaces, queries, pages, transport, evidence and its browser pool."""

    marketplaces: Sequence[str]
    queries: Sequence[str]
    max_pages: int
    transport: str = "api"
    evidence: bool = False
    screenshot_pool: int | None = None

    def config_text(self) -> str:
        text = (f"[crawl]\ndownload_delay = 0\nautothrottle = false\nmax_pages = {self.max_pages}\n"
                "[images]\nenabled = false\n")
        if self.screenshot_pool is not None:
            text += f"[evidence]\nscreenshot_pool = {self.screenshot_pool}\n"
        return text

    def arguments(self, base_url: str, config: Path) -> list[str]:
        args = ["--config", str(config), "--sandbox", base_url, "--transport", self.transport,
                "--trigger", "bench", "--no-images", *([] if self.evidence else ["--no-evidence"])]
        for marketplace in self.marketplaces:
            args += ["--marketplace", marketplace]
        for query in self.queries:
            args += ["--query", query]
        return args


def measured_scan(base_url: str, run_dir: Path, plan: ScanPlan) -> dict[str, Any]:
    """Run ``plan`` in a child against the sandbox at ``base_url``; its summary and what it cost.

    Memory counts the helpers' PSS (a browser's processes share most pages).
    """
    run_dir.mkdir(parents=True)
    config = run_dir / "ktpwatch.toml"
    config.write_text(plan.config_text())
    env = {**os.environ, "KTPWATCH_DB_URL": migrated_sqlite(run_dir / "scan.db"),
           "KTPWATCH_EVIDENCE_DIR": str(run_dir / "evidence")}
    command = [sys.executable, "-m", "crawler.scan", *plan.arguments(base_url, config)]
    measured = run_measured(command, env, REPO, proportional=True)
    summary = json.loads(measured.stdout.strip().splitlines()[-1])
    evidence = summary.get("evidence") or {}
    return {
        "requests": sum(int(m["requests"]) for m in summary["marketplaces"]),
        "search_pages": sum(int(m["pages"]) for m in summary["marketplaces"]),
        "items": sum(int(m["items"]) for m in summary["marketplaces"]),
        "captured": int(evidence.get("captured", 0)),
        "capture_seconds": float(evidence.get("seconds", 0.0)),
        "capture_failed": int(evidence.get("failed", 0)),
        "problems": summary.get("problems", []),
        "cpu_seconds": measured.cpu_seconds,
        "wall_seconds": measured.wall_seconds,
        "peak_rss_mb": measured.peak_rss_kb / 1024,
    }
