"""Every hostile answer the sandbox shops give, on search and detail, is never read as results.

A block, captcha, login wall or empty shell with status 200 must come out of
the shop's parser as blocked / captcha / layout_changed (asked again, and
unknown to the follow-up), never as ``ok`` or ``empty``.
"""

from __future__ import annotations

import importlib

import httpx
import pytest

from sandbox.probes import search_request
from sandbox.server import SandboxHandle
from sandbox.shops import load_shops

QUERY = "blangko e-ktp"
KINDS = ("captcha", "blocked", "login_wall", "empty_shell")
READ_AS_RESULTS = {"ok", "empty", "not_found"}


@pytest.mark.parametrize("kind", KINDS)
@pytest.mark.parametrize("marketplace", sorted(load_shops()))
def test_hostile_answers_are_never_results(sandbox: SandboxHandle, marketplace: str, kind: str) -> None:
    parser = importlib.import_module(f"spiders.parsers.{marketplace}")
    base = sandbox.shop_url(marketplace)
    listing_url = next(p["url"] for p in sandbox.truth()["planted"] if p["marketplace"] == marketplace)
    sandbox.set_faults({"rates": {kind: 1.0}})
    method, path, kwargs = search_request(marketplace, QUERY)
    answer = httpx.request(method, f"{base}{path}", timeout=15, **kwargs)
    items, outcome = parser.parse_search(answer.content, url=str(answer.url), base_url=base, query=QUERY)
    assert outcome.status not in READ_AS_RESULTS and not items, (kind, outcome)
    page = httpx.get(listing_url, timeout=15)
    item, detail = parser.parse_detail(page.content, url=listing_url, base_url=base)
    assert detail.status not in READ_AS_RESULTS and item is None, (kind, detail)
