"""Helpers for the per-shop sandbox tests: a sandbox with one shop, and a real crawl.

The crawl runs ``scrapy crawl`` in a subprocess, as a user would, with a
configuration file that points the marketplace at the addresses the sandbox
publishes (``/_sandbox/marketplaces``), as ``scan --sandbox`` does.
"""

from __future__ import annotations

import json
import math
import os
import subprocess
import sys
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

import httpx
import pytest

from sandbox.catalogue_types import SandboxListing
from sandbox.server import SandboxHandle, run_sandbox
from sandbox.shops import load_shops
from sandbox.shops.base import Shop
from spiders.items import ListingItem, PageOutcome

REPO = Path(__file__).resolve().parents[2]
SCRAPY = Path(sys.executable).with_name("scrapy")
LISTINGS = 240


@contextmanager
def one_shop_sandbox(marketplace: str) -> Iterator[SandboxHandle]:
    with run_sandbox(shops=load_shops([marketplace]), listings=LISTINGS, admin=False) as handle:
        yield handle


def one_shop_fixture(marketplace: str) -> Any:
    """A module-scoped fixture of a sandbox serving ``marketplace`` alone (a test module names it ``sandbox``)."""

    @pytest.fixture(scope="module")
    def sandbox() -> Iterator[SandboxHandle]:
        with one_shop_sandbox(marketplace) as handle:
            yield handle

    return sandbox


def planted_ids(sandbox: SandboxHandle, marketplace: str, query: str) -> set[str]:
    """External ids of the planted listings the shop's search finds for ``query``."""
    return {r.external_id for r in sandbox.catalogue.search(marketplace, query) if r.kind == "planted"}


DetailParser = Callable[..., tuple[ListingItem | None, PageOutcome]]


def read_item_page(
    sandbox: SandboxHandle, shop: Shop, query: str, parse_detail: DetailParser
) -> tuple[SandboxListing, ListingItem]:
    """The first listing the shop's search holds for ``query``, and what ``parse_detail`` reads
    from its item page at the address the shop itself gives it (checked ``ok``)."""
    record = next(iter(sandbox.catalogue.search(shop.name, query)))
    url = shop.listing_url(record, sandbox.server.site(shop.name))
    item, outcome = parse_detail(httpx.get(url).content, url=url, base_url=sandbox.shop_url(shop.name))
    assert outcome.status == "ok" and item is not None
    return record, item


def gone_page(parse_detail: DetailParser, url: str, base_url: str, *, parsed_url: str | None = None) -> tuple[int, str]:
    """(HTTP status, parsed outcome) of the page at ``url`` of a listing the shop does not have."""
    answer = httpx.get(url)
    _item, outcome = parse_detail(answer.content, url=url if parsed_url is None else parsed_url, base_url=base_url)
    return answer.status_code, outcome.status


def crawl_every_page(
    sandbox: SandboxHandle, marketplace: str, query: str, tmp_path: Path
) -> tuple[list[SandboxListing], list[dict[str, Any]]]:
    """(the shop's search results for ``query``, the crawled items) of an api crawl with pages enough for all."""
    truth = list(sandbox.catalogue.search(marketplace, query))
    pages = math.ceil(len(truth) / 5) + 1
    return truth, crawl(marketplace, sandbox.base_url, query, tmp_path, max_pages=pages)


def crawl_finding_the_catalogue(
    sandbox: SandboxHandle, marketplace: str, query: str, tmp_path: Path
) -> list[dict[str, Any]]:
    """Rows of an api crawl for ``query``, checked to be exactly the listings the shop's search holds.

    The query must find planted listings, or the check would prove nothing.
    """
    expected = {r.external_id for r in sandbox.catalogue.search(marketplace, query)}
    assert expected & {r.external_id for r in sandbox.catalogue.planted()}
    rows = crawl(marketplace, sandbox.base_url, query, tmp_path, max_pages=10)
    assert {r["external_id"] for r in rows} == expected
    return rows


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
