"""Re-check fetches: a total deadline a trickling server cannot stretch, redirects, size caps.

Issue 17: with only a per-read timeout, a server sending one byte every few
seconds held a follow-up for minutes. The trickling servers here send a byte
every 0.5 s for 20 s at most (127.0.0.1 only); the fetch must give up at its
total deadline, whether the trickle is in the body or in the headers.
"""

from __future__ import annotations

import time

import pytest

from alerts.evidence.hosts import HostPolicy
from alerts.followup import FetchLimits, RecheckRequest, fetch_listing
from config.settings import url_origin
from tests.notices.shop_server import Answer, ShopServer


def local(shop: ShopServer) -> HostPolicy:
    """The test shop's own origin (127.0.0.1 on its port), as its configuration would name it."""
    origin = url_origin(shop.base)
    assert origin is not None
    return HostPolicy(frozenset({origin}))


@pytest.mark.parametrize("mode", ["trickle", "trickle_headers"])
def test_total_deadline_stops_a_trickling_server(shop: ShopServer, mode: str) -> None:
    shop.route("/slow", Answer(mode=mode, interval=0.5, limit=40))
    limits = FetchLimits(read_timeout=10.0, total_seconds=1.5)
    started = time.monotonic()
    fetched = fetch_listing(f"{shop.base}/slow", local(shop), limits)
    elapsed = time.monotonic() - started
    assert fetched.status is None and fetched.error_kind == "timeout", fetched
    assert "1.5s" in fetched.error
    assert 1.4 <= elapsed < 3.5  # the per-read timeout (10 s) never fired; 40 bytes would take 20 s


def test_a_quick_answer_is_unaffected_by_the_deadline(shop: ShopServer) -> None:
    shop.route("/fast", Answer(200, b"x" * 100_000))
    fetched = fetch_listing(f"{shop.base}/fast", local(shop), FetchLimits(total_seconds=5))
    assert fetched.status == 200 and len(fetched.body) == 100_000 and not fetched.truncated


def test_fetch_follows_same_host_redirect_and_caps_size(shop: ShopServer) -> None:
    shop.route("/a", Answer(301, headers=(("Location", "/b"),)))
    shop.route("/b", Answer(200, b"x" * 5000))
    fetched = fetch_listing(f"{shop.base}/a", local(shop), FetchLimits(max_bytes=1000))
    assert fetched.status == 200 and fetched.final_url.endswith("/b")
    assert len(fetched.body) == 1000 and fetched.truncated


def test_post_redirected_with_303_is_asked_again_with_get(shop: ShopServer) -> None:
    shop.route("/graphql", Answer(303, headers=(("Location", "/login"),)))
    shop.route("/login", Answer(200, b"<form id=login_form>"))
    request = RecheckRequest(f"{shop.base}/graphql", "POST", (("Content-Type", "application/json"),), b"[{}]")
    fetched = fetch_listing(request, local(shop))
    assert shop.requests == ["POST /graphql", "GET /login"]
    assert fetched.method == "GET" and fetched.status == 200


def test_reset_connection_is_a_network_error_without_status(shop: ShopServer) -> None:
    shop.route("/reset", Answer(mode="reset"))
    fetched = fetch_listing(f"{shop.base}/reset", local(shop))
    assert fetched.status is None and fetched.error_kind == "network" and fetched.error


def test_endless_redirects_end(shop: ShopServer) -> None:
    shop.route("/loop", Answer(302, headers=(("Location", "/loop"),)))
    fetched = fetch_listing(f"{shop.base}/loop", local(shop))
    assert fetched.status is None and fetched.error_kind == "redirects"
