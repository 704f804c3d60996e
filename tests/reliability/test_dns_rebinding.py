"""DNS rebinding: a fetch connects to the address its host check judged, never to a fresh answer.

Issue 17 asked that names resolving inward be refused; the check resolved a
name once per run, but the HTTP client resolved it again when it connected.
A hostile name server answering a public address to the check and
``127.0.0.1`` to the connection got seller-written photo URLs and follow-up
re-checks into a local port. Here the system resolver is replaced by a stub
that flips: the first answer for ``shop.rebind.test`` is the shop (a server on
127.0.0.2, taken as a public address by the policy under test), every later
answer is 127.0.0.1, where a canary on the same port records any connection.
"""

from __future__ import annotations

import socket
import threading
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from typing import Any

import pytest

from alerts.evidence.hosts import HostPolicy
from alerts.followup import fetch_listing
from alerts.images.fetch import fetch_image, make_client
from sandbox.images import render_listing_image
from tests.canary import recording_connections
from tests.http_answers import send_body

NAME = "shop.rebind.test"
SHOP_ADDRESS = "127.0.0.2"  # stands for the public address the name first answers
INWARD_ADDRESS = "127.0.0.1"
PHOTO = render_listing_image("rebind", "Sepatu lari")


@dataclass
class Seen:
    hosts: list[str] = field(default_factory=list)
    canary: list[str] = field(default_factory=list)
    lookups: list[str] = field(default_factory=list)


class ShopHandler(BaseHTTPRequestHandler):
    seen: Seen

    def do_GET(self) -> None:
        self.seen.hosts.append(self.headers.get("Host", ""))
        if self.path == "/redirect.jpg":
            self.send_response(302)
            self.send_header("Location", "/a.jpg")
            self.end_headers()
            return
        body, kind = (PHOTO, "image/jpeg") if self.path == "/a.jpg" else (b"<html>ok</html>", "text/html")
        send_body(self, 200, kind, body)

    def log_message(self, format: str, *args: Any) -> None:
        pass


@contextmanager
def shop_and_canary() -> Iterator[tuple[int, Seen]]:
    """The shop on 127.0.0.2:P and a canary listener on 127.0.0.1:P (the same port)."""
    seen = Seen()
    handler = type("Handler", (ShopHandler,), {"seen": seen})
    for _ in range(20):
        server = ThreadingHTTPServer((SHOP_ADDRESS, 0), handler)
        port = server.server_address[1]
        try:
            canary = socket.create_server((INWARD_ADDRESS, port))
            break
        except OSError:
            server.server_close()
    else:
        pytest.skip("no port free on both loopback addresses")
    threading.Thread(target=server.serve_forever, daemon=True).start()
    try:
        with recording_connections(canary, seen.canary):
            yield port, seen
    finally:
        server.shutdown()
        server.server_close()


@pytest.fixture
def rebinding_dns(monkeypatch: pytest.MonkeyPatch) -> Iterator[Seen]:
    """The system resolver answers ``NAME`` with the shop once, then with 127.0.0.1 for ever."""
    original = socket.getaddrinfo
    lookups: list[str] = []

    def flipping(host: Any, port: Any, *args: Any, **kwargs: Any) -> Any:
        if (host.decode() if isinstance(host, bytes) else host) != NAME:  # asyncio clients pass IDNA bytes
            return original(host, port, *args, **kwargs)
        address = SHOP_ADDRESS if not lookups else INWARD_ADDRESS
        lookups.append(address)
        return original(address, port, *args, **kwargs)

    monkeypatch.setattr(socket, "getaddrinfo", flipping)
    yield Seen(lookups=lookups)


def _policy(port: int) -> HostPolicy:
    # the policy under test takes the shop's loopback address for the public one it stands for
    return HostPolicy(frozenset({("http", NAME, port)}), inward=lambda address: address != SHOP_ADDRESS)


def test_a_photo_fetch_connects_to_the_checked_address_on_every_hop(rebinding_dns: Seen) -> None:
    with shop_and_canary() as (port, seen):
        policy = _policy(port)
        with make_client("ktpwatch-test", policy) as client:
            fetched = fetch_image(client, f"http://{NAME}:{port}/redirect.jpg", policy=policy, max_bytes=10**6)
            again = fetch_image(client, f"http://{NAME}:{port}/a.jpg", policy=policy, max_bytes=10**6)
    assert fetched.data == PHOTO and again.data == PHOTO
    assert seen.canary == []
    assert seen.hosts == [f"{NAME}:{port}"] * 3  # the name, not the address, in every Host header
    assert rebinding_dns.lookups == [SHOP_ADDRESS]  # resolved once, by the check


def test_a_follow_up_fetch_connects_to_the_checked_address(rebinding_dns: Seen) -> None:
    with shop_and_canary() as (port, seen):
        policy = _policy(port)
        first = fetch_listing(f"http://{NAME}:{port}/p/1", policy)
        second = fetch_listing(f"http://{NAME}:{port}/p/2", policy)
    assert (first.status, second.status) == (200, 200), (first.error, second.error)
    assert seen.canary == []
    assert seen.hosts == [f"{NAME}:{port}"] * 2
    assert dict(first.request_headers).get("host") == f"{NAME}:{port}"


def test_a_name_that_resolves_inward_is_refused_before_any_connection(rebinding_dns: Seen) -> None:
    with shop_and_canary() as (port, seen):
        rebinding_dns.lookups.append("already asked once")  # the next answer is 127.0.0.1
        policy = HostPolicy(frozenset({("http", NAME, port)}))
        fetched = fetch_listing(f"http://{NAME}:{port}/p/1", policy)
    assert fetched.error_kind == "refused" and "127.0.0.1" in fetched.error
    assert seen.canary == [] and seen.hosts == []
