"""A stand-in shop on 127.0.0.1 for follow-up tests: each path answers what the test says, hostile included.

Answers are keyed by the exact request path (query string included), so a test
serves a recorded body at the very request the follow-up makes (the spider's
detail request). An unrouted path answers 599, never 404, so a misrouted
request can never pass for a removed listing. ``reset`` closes the connection
with a TCP RST and no status, as Akamai does; ``trickle`` sends headers, then
one byte every ``interval`` seconds (at most ``limit`` bytes, so the server
thread always ends).
"""

from __future__ import annotations

import contextlib
import json
import socket
import struct
import threading
import time
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit

FIXTURES = Path(__file__).resolve().parents[1] / "fixtures"
UNROUTED = 599


@dataclass(frozen=True)
class Answer:
    status: int = 200
    body: bytes = b""
    headers: tuple[tuple[str, str], ...] = ()
    #: normal | reset | trickle | trickle_headers
    mode: str = "normal"
    interval: float = 0.5
    limit: int = 40


@dataclass
class ShopServer:
    routes: dict[str, Answer] = field(default_factory=dict)
    requests: list[str] = field(default_factory=list)
    base: str = ""

    def route(self, path: str, answer: Answer) -> None:
        self.routes[path] = answer

    def unrouted(self) -> list[str]:
        """Requests no test answer was set for (they got 599): a misrouted test proves nothing."""
        return [r for r in self.requests if r.split(" ", 1)[1] not in self.routes]


def fixture_body(relative: str) -> bytes:
    """The recorded body of a fixture case folder (``body.json`` or ``body.html``)."""
    folder = FIXTURES / relative
    (body,) = [p for p in folder.iterdir() if p.name.startswith("body.")]
    return body.read_bytes()


def fixture_item(relative: str) -> dict[str, Any]:
    """The first expected item of a fixture case (its ids and canonical URL)."""
    data = json.loads((FIXTURES / relative / "output.json").read_text(encoding="utf-8"))
    item: dict[str, Any] = data["items"][0]
    return item


def _handler(shop: ShopServer) -> type[BaseHTTPRequestHandler]:
    class Handler(BaseHTTPRequestHandler):
        protocol_version = "HTTP/1.1"

        def _serve(self) -> None:
            length = int(self.headers.get("Content-Length") or 0)
            if length:
                self.rfile.read(length)
            shop.requests.append(f"{self.command} {self.path}")
            answer = shop.routes.get(self.path, Answer(UNROUTED, b"unrouted test request"))
            self.close_connection = True
            if answer.mode == "reset":
                self.connection.setsockopt(socket.SOL_SOCKET, socket.SO_LINGER, struct.pack("ii", 1, 0))
                self.connection.close()
                return
            if answer.mode == "trickle_headers":
                self.wfile.write(b"HTTP/1.1 200 OK\r\n")
                self._drip(b"X-Slow: " + b"a" * answer.limit)
                return
            self.send_response(answer.status)
            for key, value in answer.headers:
                self.send_header(key, value)
            if answer.mode == "trickle":
                self.send_header("Content-Length", str(answer.limit))
                self.end_headers()
                self._drip(b"x" * answer.limit)
                return
            self.send_header("Content-Length", str(len(answer.body)))
            self.end_headers()
            self.wfile.write(answer.body)

        def _drip(self, data: bytes) -> None:
            answer = shop.routes[self.path]
            try:
                for byte in data:
                    self.wfile.write(bytes([byte]))
                    self.wfile.flush()
                    time.sleep(answer.interval)
            except OSError:
                pass  # the client gave up, as it should

        do_GET = _serve
        do_POST = _serve

        def finish(self) -> None:
            with contextlib.suppress(OSError, ValueError):  # after a deliberate reset the socket is gone
                super().finish()

        def log_message(self, *args: Any) -> None:
            pass

    return Handler


class _Server(ThreadingHTTPServer):
    daemon_threads = True

    def handle_error(self, request: Any, client_address: Any) -> None:
        pass  # resets and dropped trickles are the point of these tests


@contextmanager
def shop_server() -> Iterator[ShopServer]:
    shop = ShopServer()
    httpd = _Server(("127.0.0.1", 0), _handler(shop))
    shop.base = f"http://127.0.0.1:{httpd.server_address[1]}"
    thread = threading.Thread(target=httpd.serve_forever, daemon=True)
    thread.start()
    try:
        yield shop
    finally:
        httpd.shutdown()
        httpd.server_close()


#: Per shop: a recorded live detail answer and the shop's own not-found answer (fixture folders).
SHOP_CASES: dict[str, tuple[str, str]] = {
    "tokopedia": ("tokopedia/detail/pdp_etawalin", "tokopedia/detail/not_found"),
    "shopee": ("shopee/detail/v4_item_get", "shopee/detail/not_found"),
    "lazada": ("lazada/detail/pdp_cofoe", "lazada/detail/not_found"),
    "blibli": ("blibli/detail/summary_2020", "blibli/detail/not_found"),
    "olx": ("olx/detail/item_page", "olx/detail/not_found"),
    "facebook": ("facebook/detail/item_2026", "facebook/detail/not_found"),
}


def served_by(settings: Any, base: str) -> Any:
    """``settings`` with every marketplace's API and web base at ``base``, as a shop of its own would be.

    No path prefix: the shops' paths do not collide in these tests (one listing
    per shop), and a parser need not know about any prefix.
    """
    marketplaces = {
        name: mp.model_copy(update={"api_base_url": base, "web_base_url": base, "image_hosts": []})
        for name, mp in settings.marketplaces.items()
    }
    return settings.model_copy(update={"marketplaces": marketplaces})


def listing_url(base: str, marketplace: str) -> str:
    """The live fixture's listing URL, moved to the test shop (ids in the path stay)."""
    live, _gone = SHOP_CASES[marketplace]
    return f"{base}{urlsplit(fixture_item(live)['url']).path}"
