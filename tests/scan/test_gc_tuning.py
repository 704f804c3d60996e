"""Crawling processes raise the collector's young-generation threshold (crawler.gc_tuning says why)."""

from __future__ import annotations

import gc
import subprocess
import sys

from crawler.gc_tuning import CRAWL_GC_THRESHOLDS, tune_gc_for_crawling


def test_tuning_sets_the_crawl_thresholds_and_returns_the_previous_ones() -> None:
    before = gc.get_threshold()
    try:
        assert tune_gc_for_crawling() == before
        assert gc.get_threshold() == CRAWL_GC_THRESHOLDS
        assert CRAWL_GC_THRESHOLDS[0] > 700  # above CPython's default, or it changes nothing
    finally:
        gc.set_threshold(*before)


def test_the_storage_writer_process_runs_with_the_crawl_thresholds() -> None:
    code = (
        "import gc, os\n"
        "from crawler.writer import acquire_writer, release_writer\n"
        "pool = acquire_writer('sqlite://', 'process')\n"
        "print(pool.submit(gc.get_threshold).result(timeout=60))\n"
        "release_writer('sqlite://', 'process')\n"
    )
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, timeout=120, check=True)
    assert out.stdout.strip() == str(CRAWL_GC_THRESHOLDS)
