"""Helpers for the Blibli, OLX and Facebook sandbox tests: a sandbox with one shop, and a real crawl.

The crawl runs ``scrapy crawl`` in a subprocess, as a user would, with a
configuration file that points the marketplace at the addresses the sandbox
publishes (``/_sandbox/marketplaces``), as ``scan --sandbox`` does.
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

import httpx

from sandbox.server import SandboxHandle, run_sandbox
from sandbox.shops import load_shops

REPO = Path(__file__).resolve().parents[2]
SCRAPY = Path(sys.executable).with_name("scrapy")
LISTINGS = 240


@contextmanager
def one_shop_sandbox(marketplace: str) -> Iterator[SandboxHandle]:
    with run_sandbox(shops=load_shops([marketplace]), listings=LISTINGS, admin=False) as handle:
        yield handle


def crawl(
    marketplace: str, base_url: str, query: str, tmp_path: Path, *,
    transport: str = "api", max_pages: int = 5, details: bool = True,
) -> list[dict[str, Any]]:
    """Items of ``scrapy crawl <marketplace>`` against the sandbox, as exported JSON lines."""
    address = httpx.get(f"{base_url}/_sandbox/marketplaces", timeout=10).json()["marketplaces"][marketplace]
    config = tmp_path / "ktpwatch.toml"
    config.write_text(
        "[crawl]\ndownload_delay = 0\nautothrottle = false\nretry_times = 1\n"
        f"[marketplaces.{marketplace}]\napi_base_url = \"{address['api_base_url']}\"\n"
        f"web_base_url = \"{address['web_base_url']}\"\nimage_hosts = {json.dumps(address['image_hosts'])}\n"
        f"image_base_url = \"{address.get('image_base_url', '')}\"\n"
        "page_size = 5\n"  # small pages: pagination is exercised
    )
    out = tmp_path / f"{marketplace}-{transport}.jsonl"
    command = [
        str(SCRAPY), "crawl", marketplace, "-a", f"query={query}", "-a", f"transport={transport}",
        "-a", f"max_pages={max_pages}", "-O", f"{out}:jsonlines", "-s", "LOG_LEVEL=WARNING",
    ]
    if details:
        # builtins.bool accepts every item: fetch every detail page
        command += ["-s", "KTPWATCH_DETAIL_FILTER=builtins.bool"]
    env = {**os.environ, "KTPWATCH_CONFIG": str(config)}
    done = subprocess.run(command, cwd=REPO, env=env, capture_output=True, text=True, timeout=180)
    assert done.returncode == 0, done.stderr[-3000:]
    assert "Traceback" not in done.stderr, done.stderr[-3000:]
    return [json.loads(line) for line in out.read_text().splitlines() if line.strip()]
