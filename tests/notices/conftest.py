"""Fixtures for notices and follow-up: configured settings, alerts built from the models,
a real SMTP server (aiosmtpd) and a local listing server, all on 127.0.0.1."""

from __future__ import annotations

import hashlib
import json
import threading
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from datetime import UTC, datetime
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from typing import Any

import pytest
from aiosmtpd.controller import Controller
from aiosmtpd.smtp import Envelope as SmtpEnvelope
from sqlalchemy.orm import Session, sessionmaker

from config import Settings, load_config
from storage.models import (
    Alert,
    AlertStatus,
    CaptureStatus,
    Evidence,
    EvidenceBundle,
    Listing,
    Seller,
)
from tests.notices.shop_server import ShopServer, shop_server
from tests.servers import free_port

T0 = datetime(2025, 3, 1, 8, 0, tzinfo=UTC)
HOSTILE_TITLE = (
    "Blangko e-KTP <script>alert(1)</script> & kosong\r\nBcc: victim@example.com\r\n"
    "X-Injected: yes\n\nNIK 3174010101900003 [bold red]murah[/]"
)


@pytest.fixture
def settings() -> Settings:
    base = load_config().settings
    crawl = base.crawl.model_copy(update={"download_delay": 0.0, "download_timeout": 5})
    smtp = base.smtp.model_copy(
        update={"host": "127.0.0.1", "port": free_port(), "timeout_seconds": 5}
    )
    return base.model_copy(update={"crawl": crawl, "smtp": smtp})


class RecordingHandler:
    """Keeps every message the server accepts, or refuses DATA with ``answer``."""

    def __init__(self, answer: str = "") -> None:
        self.answer = answer
        self.messages: list[SmtpEnvelope] = []

    async def handle_DATA(self, server: Any, session: Any, envelope: SmtpEnvelope) -> str:
        if self.answer:
            return self.answer
        self.messages.append(envelope)
        return "250 2.0.0 Ok: queued as TEST123"


@contextmanager
def smtp_server_on(settings: Settings, answer: str = "") -> Iterator[RecordingHandler]:
    """A real SMTP server on the configured port for the duration of the block."""
    handler = RecordingHandler(answer)
    controller = Controller(handler, hostname="127.0.0.1", port=settings.smtp.port)
    controller.start()
    try:
        yield handler
    finally:
        controller.stop()


@pytest.fixture
def smtp_server(settings: Settings) -> Iterator[RecordingHandler]:
    with smtp_server_on(settings) as handler:
        yield handler


@pytest.fixture
def refusing_smtp_server(settings: Settings) -> Iterator[RecordingHandler]:
    with smtp_server_on(settings, "554 5.7.1 Message rejected: policy violation") as handler:
        yield handler


AlertFactory = Callable[..., int]


@pytest.fixture
def make_alert(
    session_factory: sessionmaker[Session], settings: Settings, tmp_path: Path
) -> AlertFactory:
    """Build a listing + seller + alert (+ an evidence bundle with a manifest) and return its id."""
    counter = iter(range(1, 10_000))

    def build(
        marketplace: str = "tokopedia",
        *,
        status: AlertStatus = AlertStatus.CONFIRMED,
        title: str = "Blangko e-KTP kosong asli dukcapil",
        url: str | None = None,
        evidence: bool = True,
    ) -> int:
        n = next(counter)
        web = settings.marketplace(marketplace).web_base_url
        with session_factory.begin() as session:
            seller = Seller(
                marketplace=marketplace, external_id=f"shop{n}", name=f"Toko Maju {n}",
                url=f"{web}/shop{n}",
            )
            listing = Listing(
                marketplace=marketplace, external_id=f"{1000 + n}", url=url or f"{web}/p/{1000 + n}",
                title=title, price=150_000 + n, seller=seller, first_seen_at=T0,
            )
            alert = Alert(
                listing=listing, marketplace=marketplace, status=status.value,
                verdict="blank", score=92.0, opened_at=T0,
            )
            session.add(alert)
            session.flush()
            if evidence:
                manifest = json.dumps({"listing": listing.url, "n": n}).encode()
                sha = hashlib.sha256(manifest).hexdigest()
                path = tmp_path / "store" / f"{sha}.json"
                path.parent.mkdir(exist_ok=True)
                path.write_bytes(manifest)
                shot = b"\x89PNG\r\n\x1a\n" + bytes(16)
                shot_path = tmp_path / "store" / f"shot{n}.png"
                shot_path.write_bytes(shot)
                bundle = EvidenceBundle(
                    listing_id=listing.id, alert_id=alert.id, status=CaptureStatus.OK.value,
                    captured_at=T0, manifest_sha256=sha,
                )
                bundle.files = [
                    Evidence(listing_id=listing.id, alert_id=alert.id, kind="manifest",
                             path=str(path), sha256=sha, size=len(manifest), captured_at=T0),
                    Evidence(listing_id=listing.id, alert_id=alert.id, kind="screenshot",
                             path=str(shot_path), sha256=hashlib.sha256(shot).hexdigest(),
                             size=len(shot), captured_at=T0),
                ]
                session.add(bundle)
            return alert.id

    return build


class ListingServer:
    """Listing pages on 127.0.0.1: ``pages[path] = (status, body, headers)``."""

    def __init__(self) -> None:
        self.pages: dict[str, tuple[int, bytes, dict[str, str]]] = {}
        self.requests: list[str] = []
        outer = self

        class Handler(BaseHTTPRequestHandler):
            def _answer(self, default: tuple[int, bytes, dict[str, str]]) -> None:
                status, body, headers = outer.pages.get(self.path, default)
                self.send_response(status)
                for key, value in headers.items():
                    self.send_header(key, value)
                self.send_header("Content-Length", str(len(body)))
                self.end_headers()
                self.wfile.write(body)

            def do_GET(self) -> None:
                outer.requests.append(self.path)
                self._answer((404, b"not found", {}))

            def do_POST(self) -> None:
                length = int(self.headers.get("Content-Length", "0"))
                outer.requests.append(f"POST {self.path} {self.rfile.read(length).decode()}")
                self._answer((200, b"ok", {}))

            def log_message(self, *args: Any) -> None:
                pass

        self.httpd = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
        self.port = self.httpd.server_address[1]
        self.base = f"http://127.0.0.1:{self.port}"
        self.thread = threading.Thread(target=self.httpd.serve_forever, daemon=True)

    def page(self, path: str, status: int = 200, body: str | bytes = "", **headers: str) -> None:
        data = body.encode() if isinstance(body, str) else body
        self.pages[path] = (status, data, headers)


@pytest.fixture
def listing_server() -> Iterator[ListingServer]:
    server = ListingServer()
    server.thread.start()
    try:
        yield server
    finally:
        server.httpd.shutdown()
        server.httpd.server_close()


@pytest.fixture
def shop() -> Iterator[ShopServer]:
    """A local shop answering the routes a test gives it; a request to any other path fails the test."""
    with shop_server() as server:
        yield server
        assert server.unrouted() == []
