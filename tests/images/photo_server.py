"""A tiny HTTP server on 127.0.0.1 that serves the photos a test puts in a dict."""

from __future__ import annotations

import threading
from collections.abc import Iterator
from contextlib import contextmanager
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

from tests.http_answers import send_body


@contextmanager
def serve_photos(photos: dict[str, bytes]) -> Iterator[str]:
    """Serve ``photos`` (path → bytes) and yield the base URL; ``/redirect/<path>`` redirects off-host."""

    class Handler(BaseHTTPRequestHandler):
        def do_GET(self) -> None:
            if self.path.startswith("/redirect/"):
                self.send_response(302)
                self.send_header("Location", "http://169.254.169.254/latest/meta-data")
                self.end_headers()
                return
            body = photos.get(self.path)
            if body is None:
                self.send_response(404)
                self.end_headers()
                return
            send_body(self, 200, "image/jpeg", body)

        def log_message(self, *args: object) -> None:
            pass

    with serving(Handler) as base:
        yield base


@contextmanager
def serving(handler: type[BaseHTTPRequestHandler]) -> Iterator[str]:
    """Run ``handler`` on a free port of 127.0.0.1 in a thread and yield its base URL."""
    server = ThreadingHTTPServer(("127.0.0.1", 0), handler)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        yield f"http://127.0.0.1:{server.server_address[1]}"
    finally:
        server.shutdown()
        server.server_close()
        thread.join(5)
