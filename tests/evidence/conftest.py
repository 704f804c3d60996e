"""Fixtures for evidence tests: a listing page served on 127.0.0.1, a hostile host on 127.0.0.2."""

from __future__ import annotations

import io
import threading
from collections.abc import Iterator
from dataclasses import dataclass, field
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

import pytest
from PIL import Image
from sqlalchemy.orm import Session, sessionmaker

from alerts.evidence import CapturedExchange, EvidenceStore, record_capture_request
from config import Settings, load_config
from config.browser import find_browser
from storage.models import Alert, EvidenceBundle, Listing
from tests.http_answers import send_body
from tests.marketplace_hosts import every_marketplace_under

PAGE_HEIGHT = 2400


def png_bytes(color: tuple[int, int, int] = (200, 30, 30), size: int = 32) -> bytes:
    buf = io.BytesIO()
    Image.new("RGB", (size, size), color).save(buf, format="PNG")
    return buf.getvalue()


def listing_page(hostile: str, n: int = 1) -> bytes:
    return f"""<!doctype html><html><head><meta charset="utf-8"><title>Blangko e-KTP {n}</title>
<style>body{{margin:0}} h1{{margin:0}} .p{{height:{PAGE_HEIGHT}px;background:#1565c0;color:#fff}}</style></head>
<body><div class="p"><h1>Jual blangko e-KTP kosong asli #{n}</h1>
<img id="own" src="/tokopedia/img.png">
<img id="evil" src="{hostile}/evil.png">
<img id="hop" src="/tokopedia/redirect-out">
</div></body></html>""".encode()


@dataclass
class Hits:
    paths: list[str] = field(default_factory=list)


def _serve(host: str, handler: type[BaseHTTPRequestHandler]) -> tuple[ThreadingHTTPServer, str]:
    server = ThreadingHTTPServer((host, 0), handler)
    server.daemon_threads = True
    threading.Thread(target=server.serve_forever, daemon=True).start()
    return server, f"http://{host}:{server.server_address[1]}"


@dataclass
class Served:
    base: str
    hostile: str
    hostile_hits: Hits
    page_hits: Hits

    def listing_url(self, n: int = 1) -> str:
        return f"{self.base}/tokopedia/p/{n}"


@pytest.fixture
def served() -> Iterator[Served]:
    hostile_hits, page_hits = Hits(), Hits()

    class Hostile(BaseHTTPRequestHandler):
        def do_GET(self) -> None:
            hostile_hits.paths.append(self.path)
            body = png_bytes((0, 0, 0))
            send_body(self, 200, "image/png", body)

        def log_message(self, *args: object) -> None:
            pass

    try:
        hostile_server, hostile = _serve("127.0.0.2", Hostile)
    except OSError:
        pytest.skip("cannot bind 127.0.0.2 for the hostile host")

    class Shop(BaseHTTPRequestHandler):
        def do_GET(self) -> None:
            page_hits.paths.append(self.path)
            if self.path.startswith("/tokopedia/p/"):
                n = int(self.path.rsplit("/", 1)[1])
                self._send(200, "text/html; charset=utf-8", listing_page(hostile, n))
            elif self.path == "/tokopedia/img.png":
                self._send(200, "image/png", png_bytes())
            elif self.path == "/tokopedia/redirect-out":
                self.send_response(302)
                self.send_header("Location", f"{hostile}/via-redirect.png")
                self.send_header("Content-Length", "0")
                self.end_headers()
            elif self.path == "/tokopedia/leave":
                self.send_response(302)
                self.send_header("Location", f"{hostile}/landing")
                self.send_header("Content-Length", "0")
                self.end_headers()
            else:
                self._send(404, "text/plain", b"not found")

        def _send(self, status: int, ctype: str, body: bytes) -> None:
            send_body(self, status, ctype, body)

        def log_message(self, *args: object) -> None:
            pass

    shop_server, base = _serve("127.0.0.1", Shop)
    try:
        yield Served(base, hostile, hostile_hits, page_hits)
    finally:
        for server in (shop_server, hostile_server):
            server.shutdown()
            server.server_close()


@pytest.fixture
def settings(served: Served) -> Settings:
    return every_marketplace_under(load_config().settings, served.base)


@pytest.fixture
def store(settings: Settings) -> EvidenceStore:
    return EvidenceStore(Path(settings.evidence.dir))


@pytest.fixture
def chromium() -> str:
    path = find_browser()
    if path is None:
        from tests.servers import missing

        missing("Chromium (/usr/bin/chromium)")
    assert path is not None
    return path


def make_alert(session: Session, url: str, external_id: str = "1") -> tuple[Listing, Alert]:
    listing = Listing(marketplace="tokopedia", external_id=external_id, url=url,
                      title=f"Jual blangko e-KTP kosong asli #{external_id}")
    session.add(listing)
    session.flush()
    alert = Alert(listing_id=listing.id, marketplace="tokopedia", verdict="blank", score=91.0)
    session.add(alert)
    session.flush()
    return listing, alert


def search_exchange(url: str) -> CapturedExchange:
    return CapturedExchange(
        url=url,
        method="GET",
        request_headers=(("User-Agent", "ktpwatch-test"), ("Accept", "text/html")),
        request_body=b"",
        status=200,
        response_headers=(("Content-Type", "text/html; charset=utf-8"), ("Content-Encoding", "gzip")),
        response_body=b"<html><body>blangko e-KTP kosong</body></html>",
        fetched_at="2026-01-02T03:04:05+00:00",
    )


def request_bundle(
    sessions: sessionmaker[Session], store: EvidenceStore, url: str, external_id: str = "1"
) -> tuple[int, int]:
    """(alert id, bundle id) of a fresh pending bundle for a listing at ``url``."""
    with sessions.begin() as session:
        listing, alert = make_alert(session, url, external_id)
        bundle: EvidenceBundle = record_capture_request(
            session,
            listing_id=listing.id,
            alert_id=alert.id,
            url=url,
            marketplace="tokopedia",
            external_id=external_id,
            exchanges=[search_exchange(url)],
            listing_json={"title": listing.title, "url": url},
            store=store,
        )
        return alert.id, bundle.id
