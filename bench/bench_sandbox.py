"""Sandbox speed: start-up with 100,000 listings and search pages answered per second.

The server runs in a child process (as ``ktpwatch sandbox serve`` would), so
the load generator — an aiohttp client keeping 16 requests in flight — does
not share a GIL with it. Each shop's first-page search request is cycled over
the default query lexicon (answers are cached per query after the first, as a
shop's search cache would; that is the steady state a crawl sees).
"""

from __future__ import annotations

import asyncio
import multiprocessing
import time
from typing import Any

import aiohttp

from config import load_config
from sandbox.probes import search_request

LISTINGS = 100_000
REQUESTS_PER_SHOP = 600
IN_FLIGHT = 16


def _serve(listings: int, queue: Any, stop: Any) -> None:
    from sandbox.server import run_sandbox

    started = time.perf_counter()
    with run_sandbox(listings=listings, admin=True) as handle:
        pages = {name: shop.captcha_path for name, shop in handle.server.shops.items()}
        queue.put((handle.shop_urls, pages, time.perf_counter() - started))
        stop.wait()


async def _hammer(session: aiohttp.ClientSession, requests: list[tuple[str, str, dict[str, Any]]],
                  total: int) -> float:
    """Send ``total`` requests cycling over ``requests``, IN_FLIGHT at a time; answers per second."""
    numbers = iter(range(total))
    failures = 0

    async def worker() -> None:
        nonlocal failures
        for i in numbers:
            method, url, kwargs = requests[i % len(requests)]
            async with session.request(method, url, **kwargs) as answer:
                await answer.read()
                failures += answer.status != 200

    started = time.perf_counter()
    await asyncio.gather(*(worker() for _ in range(IN_FLIGHT)))
    elapsed = time.perf_counter() - started
    if failures:
        raise RuntimeError(f"{failures} of {total} requests to {requests[0][1]} failed")
    return total / elapsed


async def _load(shop_urls: dict[str, str], captcha_paths: dict[str, str], queries: list[str]) -> dict[str, float]:
    rates: dict[str, float] = {}
    async with aiohttp.ClientSession(connector=aiohttp.TCPConnector(limit=IN_FLIGHT)) as session:
        for shop, origin in shop_urls.items():
            plans = [search_request(shop, q) for q in queries]
            requests = [(method, f"{origin}{path}", kwargs) for method, path, kwargs in plans]
            rates[shop] = await _hammer(session, requests, REQUESTS_PER_SHOP)
        # the core alone (routing, fault middleware, stats) on a small HTML page it serves itself
        first = next(iter(shop_urls))
        captcha: list[tuple[str, str, dict[str, Any]]] = [("GET", f"{shop_urls[first]}{captcha_paths[first]}", {})]
        rates["_core_small_page"] = await _hammer(session, captcha, REQUESTS_PER_SHOP * 2)
    return rates


def run() -> dict[str, Any]:
    context = multiprocessing.get_context("spawn")
    queue, stop = context.Queue(), context.Event()
    process = context.Process(target=_serve, args=(LISTINGS, queue, stop), daemon=True)
    spawned = time.perf_counter()
    process.start()
    try:
        shop_urls, captcha_paths, startup = queue.get(timeout=180)
        process_ready = time.perf_counter() - spawned
        queries = list(load_config(None).settings.queries.lexicon)
        rates = asyncio.run(_load(shop_urls, captcha_paths, queries))
    finally:
        stop.set()
        process.join(timeout=30)
        if process.is_alive():
            process.terminate()
    result: dict[str, Any] = {
        "listings": LISTINGS,
        "startup_seconds_catalogue_and_bind": round(startup, 2),
        "startup_seconds_including_process_and_imports": round(process_ready, 2),
        "core_small_pages_per_second": round(rates.pop("_core_small_page"), 1),
        "search_pages_per_second_min_over_shops": round(min(rates.values()), 1),
    }
    for shop, rate in rates.items():
        result[f"search_pages_per_second_{shop}"] = round(rate, 1)
    result["targets"] = {"search_pages_per_second_min_over_shops": "> 320",
                         "core_small_pages_per_second": "> 1000",
                         "startup_seconds_catalogue_and_bind": "a few seconds"}
    return result
