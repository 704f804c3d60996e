"""Running scans: options defined once, the run, its summary, the after-crawl stages.

* :mod:`~crawler.scan.options` — :class:`ScanOptions`, and from it the child's command line;
* :mod:`~crawler.scan.run` — :func:`run_scan`, one scan in this process;
* :mod:`~crawler.scan.summary` — per-marketplace numbers from crawl stats, and the problems;
* :mod:`~crawler.scan.after_crawl` — health checks, photos, evidence, the webhook;
* :mod:`~crawler.scan.progress` — live numbers for the CLI's progress display;
* :mod:`~crawler.scan.child` — ``python -m crawler.scan`` and :func:`run_scan_subprocess`.
"""

from crawler.scan.child import run_scan_subprocess
from crawler.scan.options import ScanError, ScanOptions
from crawler.scan.progress import ProgressCallback, ProgressExtension
from crawler.scan.run import resolve_marketplaces, run_scan
from crawler.scan.summary import (
    MarketplaceSummary,
    ScanSummary,
    marketplace_summary,
    scan_problems,
    unreachable_causes,
)

__all__ = [
    "MarketplaceSummary",
    "ProgressCallback",
    "ProgressExtension",
    "ScanError",
    "ScanOptions",
    "ScanSummary",
    "marketplace_summary",
    "resolve_marketplaces",
    "run_scan",
    "run_scan_subprocess",
    "scan_problems",
    "unreachable_causes",
]
