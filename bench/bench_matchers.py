"""Matcher throughput: in-process listings per second, and ``ktpwatch classify`` on a file.

Listings are the labelled corpus recombined with random sizes, colours,
prices and phone numbers (so words vary as in a real scan), 100,000 of them.
Target: at least 20,000 listings/s in-process on one core.
"""

from __future__ import annotations

import contextlib
import json
import os
import random
import subprocess
import sys
import tempfile
import time
from pathlib import Path
from typing import Any

REPO = Path(__file__).resolve().parent.parent
CORPUS = REPO / "tests" / "matchers" / "corpus"
N = 100_000
TARGET_PER_SECOND = 20_000


def _listings(n: int) -> list[tuple[str, str]]:
    rng = random.Random(7)
    rows = [json.loads(line) for path in sorted(CORPUS.glob("*.jsonl")) for line in path.open(encoding="utf-8")]
    extras = ["ready stok", "murah", "promo", "COD", "gratis ongkir", "grosir", "terlaris", "new"]
    out = []
    for _ in range(n):
        row = rng.choice(rows)
        title = f"{row['title']} {rng.choice(extras)} {rng.randrange(1, 500)}pcs"
        description = f"{row['description']} Harga Rp {rng.randrange(5, 900)}.000 kode {rng.randrange(10**5, 10**6)}"
        out.append((title, description))
    return out


def run() -> dict[str, Any]:
    with contextlib.suppress(AttributeError, OSError):
        os.sched_setaffinity(0, {min(os.sched_getaffinity(0))})  # one core
    from matchers import score_listing, score_many

    listings = _listings(N)
    start = time.perf_counter()
    score_many(listings)
    batch_seconds = time.perf_counter() - start
    start = time.perf_counter()
    for title, description in listings[:20_000]:
        score_listing(title, description)
    single_seconds = time.perf_counter() - start

    with tempfile.TemporaryDirectory() as tmp:
        source = Path(tmp) / "listings.jsonl"
        with source.open("w", encoding="utf-8") as fh:
            for i, (title, description) in enumerate(listings):
                fh.write(json.dumps({"id": i, "title": title, "description": description}, ensure_ascii=False) + "\n")
        env = {**os.environ, "KTPWATCH_DB_URL": f"sqlite:///{tmp}/bench.db"}
        ktpwatch = Path(sys.executable).with_name("ktpwatch")
        start = time.perf_counter()
        done = subprocess.run([str(ktpwatch), "classify", str(source)], capture_output=True,
                              env=env, cwd=tmp, check=False)
        cli_seconds = time.perf_counter() - start
        out_lines = done.stdout.count(b"\n")

    per_second = N / batch_seconds
    return {
        "score_many_listings": N,
        "score_many_listings_per_second": round(per_second),
        "score_listing_listings_per_second": round(20_000 / single_seconds),
        "classify_cli_lines": N,
        "classify_cli_seconds": round(cli_seconds, 2),
        "classify_cli_lines_per_second": round(N / cli_seconds),
        "classify_cli_exit_code": done.returncode,
        "classify_cli_output_lines": out_lines,
        "meets_target": per_second >= TARGET_PER_SECOND,
        "targets": {"score_many_listings_per_second": TARGET_PER_SECOND},
    }
