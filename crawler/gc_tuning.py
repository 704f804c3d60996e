"""The garbage collector's settings: thresholds for crawling processes, a pause for a command's imports.

Scrapy and Twisted make tens of short-lived container objects per response
(Deferreds, requests, headers, parsed JSON), so with CPython's default
thresholds (700, 10, 10) a young-generation collection runs every few
hundred allocations, and every tenth of those walks the middle generation
too. Reference counting frees nearly all of these objects anyway; the
collector mostly finds nothing. The crawl bench (100,000-listing sandbox
catalogue, six marketplaces, two cores) measured the scan at 1,060 listings/s with
the defaults, 1,440 with a young generation of 10,000, and 1,195 with
``gc.freeze()`` after start-up alone; the same change lifts a bare Scrapy
spider by about as much, so it is a property of crawling in Python, not of
our pipeline. Cycles still get collected, in larger, rarer sweeps.

A command's start-up is the other place the collector costs without finding
anything: importing SQLAlchemy's mapped models, pydantic's configuration and
Rich builds objects that live as long as the process, and the collector
walked them over and over. Paused while the command's module imports, then
freezing what it built (:func:`collector_paused`), ``alerts list`` started in
two thirds of the CPU time (976 ms to 654 ms on the loaded two-core machine,
``bench/bench_startup.py``); pausing without freezing gained nothing.
"""

from __future__ import annotations

import gc
from collections.abc import Iterator
from contextlib import contextmanager

#: (young, middle, old) collection thresholds for a crawling process
CRAWL_GC_THRESHOLDS = (10_000, 10, 10)


def tune_gc_for_crawling() -> tuple[int, int, int]:
    """Set :data:`CRAWL_GC_THRESHOLDS`; returns the previous thresholds."""
    previous = gc.get_threshold()
    gc.set_threshold(*CRAWL_GC_THRESHOLDS)
    return previous


@contextmanager
def collector_paused() -> Iterator[None]:
    """Run the block with the collector off, then freeze what it built (``gc.freeze``).

    For a command's imports: they allocate tens of thousands of objects that
    live as long as the process (modules, classes, SQLAlchemy's mapped tables,
    pydantic's schemas), and the collector, run every 700 allocations, walks
    them again and again and finds nothing. Frozen, they are never walked again;
    what the command itself allocates is collected as usual.
    """
    was_enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        gc.freeze()
        if was_enabled:
            gc.enable()
