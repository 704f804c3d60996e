"""Matcher throughput: in-process listings per second, and ``ktpwatch classify`` on a file.

Listings are a fixed part of the labelled corpus (:data:`WORKLOAD_FILES`)
recombined with random sizes, colours, prices and phone numbers (so words
vary as in a real scan), 100,000 of them.
Target (issue 15): at least ten times what a polite crawl of six shops
delivers (about 360 listings/s), so 3,600 listings per CPU-second; the earlier
20,000/s target is withdrawn.  The figure is also compared by hand with the
last release's on the same machine: scoring must not get slower than it.

The machine the benchmarks run on is shared, so every rate is given twice:
per wall-clock second (what a loaded machine gave us) and per CPU second of
this process (what one core does; the target is checked on this one), with
the load average next to them.  ``score_listing`` is measured on listings it
has not seen (cold caches), and once more on the last 5,000 of them (a
re-scan: titles and descriptions come from the per-field caches).
"""

from __future__ import annotations

import contextlib
import json
import os
import random
import resource
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

REPO = Path(__file__).resolve().parent.parent
CORPUS = REPO / "tests" / "matchers" / "corpus"
N = 100_000
SINGLE = 20_000
RESCAN = 5_000  # listings seen again; their 10,000 fields fit the per-field caches
#: ten times a polite six-shop crawl (~360 listings/s)
TARGET_PER_SECOND = 3_600


#: The corpus files the listings are built from: a fixed set, so a figure compares with the
#: last release's. Built from every file, the workload grew with each new tune file (longer,
#: harder texts), and 2.4 looked 30 % slower than 2.3 where on the same listings it is 12 %.
#: These are the files of ktpwatch-matchers/2.3; a new tune file joins the tests, not the bench.
WORKLOAD_FILES = ("blank", "contact_words", "hard_negative", "identifier_decoys", "identity_trade",
                  "independent", "ordinary", "related", "related_language", "related_language2",
                  "related_regional", "seller_language")


def _listings(n: int, seed: int = 7) -> list[tuple[str, str]]:
    rng = random.Random(seed)
    rows = [json.loads(line) for name in WORKLOAD_FILES
            for line in (CORPUS / f"{name}.jsonl").open(encoding="utf-8") if line.strip()]
    extras = ["ready stok", "murah", "promo", "COD", "gratis ongkir", "grosir", "terlaris", "new"]
    out = []
    for _ in range(n):
        row = rng.choice(rows)
        title = f"{row['title']} {rng.choice(extras)} {rng.randrange(1, 500)}pcs"
        description = f"{row['description']} Harga Rp {rng.randrange(5, 900)}.000 kode {rng.randrange(10**5, 10**6)}"
        out.append((title, description))
    return out


def _timed(work: Callable[[], object]) -> tuple[float, float]:
    """(wall seconds, CPU seconds of this process) of one call."""
    wall, cpu = time.perf_counter(), time.process_time()
    work()
    return time.perf_counter() - wall, time.process_time() - cpu


def _children_cpu() -> float:
    usage = resource.getrusage(resource.RUSAGE_CHILDREN)
    return usage.ru_utime + usage.ru_stime


def _classify_cli(listings: list[tuple[str, str]]) -> dict[str, Any]:
    with tempfile.TemporaryDirectory() as tmp:
        source = Path(tmp) / "listings.jsonl"
        with source.open("w", encoding="utf-8") as fh:
            for i, (title, description) in enumerate(listings):
                fh.write(json.dumps({"id": i, "title": title, "description": description}, ensure_ascii=False) + "\n")
        env = {**os.environ, "KTPWATCH_DB_URL": f"sqlite:///{tmp}/bench.db"}
        ktpwatch = Path(sys.executable).with_name("ktpwatch")
        cpu_before = _children_cpu()
        start = time.perf_counter()
        done = subprocess.run([str(ktpwatch), "classify", str(source)], capture_output=True,
                              env=env, cwd=tmp, check=False)
        wall = time.perf_counter() - start
        cpu = _children_cpu() - cpu_before
    return {
        "classify_cli_lines": len(listings),
        "classify_cli_seconds": round(wall, 2),
        "classify_cli_cpu_seconds": round(cpu, 2),
        "classify_cli_lines_per_second": round(len(listings) / wall),
        "classify_cli_lines_per_cpu_second": round(len(listings) / cpu) if cpu else None,
        "classify_cli_exit_code": done.returncode,
        "classify_cli_output_lines": done.stdout.count(b"\n"),
    }


def run() -> dict[str, Any]:
    with contextlib.suppress(AttributeError, OSError):
        os.sched_setaffinity(0, {min(os.sched_getaffinity(0))})  # one core
    from matchers import score_listing, score_many

    load_before = os.getloadavg()
    listings = _listings(N)
    unseen = _listings(SINGLE, seed=8)
    many_wall, many_cpu = _timed(lambda: score_many(listings))
    single_wall, single_cpu = _timed(lambda: [score_listing(t, d) for t, d in unseen])
    rescan_wall, rescan_cpu = _timed(lambda: [score_listing(t, d) for t, d in unseen[-RESCAN:]])
    cli = _classify_cli(listings)

    per_cpu_second = N / many_cpu
    return {
        "score_many_listings": N,
        "score_many_listings_per_second": round(N / many_wall),
        "score_many_listings_per_cpu_second": round(per_cpu_second),
        "score_listing_listings_per_second": round(SINGLE / single_wall),
        "score_listing_listings_per_cpu_second": round(SINGLE / single_cpu),
        "score_listing_rescan_listings": RESCAN,
        "score_listing_rescan_listings_per_second": round(RESCAN / rescan_wall),
        "score_listing_rescan_listings_per_cpu_second": round(RESCAN / rescan_cpu),
        **cli,
        "load_average_before": [round(x, 2) for x in load_before],
        "load_average_after": [round(x, 2) for x in os.getloadavg()],
        "meets_target": per_cpu_second >= TARGET_PER_SECOND,
        "targets": {"score_many_listings_per_cpu_second": f">= {TARGET_PER_SECOND}"},
    }
