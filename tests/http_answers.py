"""How the tests' small HTTP servers answer: one place writes status, headers and a whole body.

Every stand-in server (photo hosts, shops, evidence pages, hostile hosts) ends
its handler the same way; a Content-Length that always matches the body keeps
clients from waiting on a connection the handler meant to finish.
"""

from __future__ import annotations

from collections.abc import Iterable
from http.server import BaseHTTPRequestHandler


def send_body(
    handler: BaseHTTPRequestHandler, status: int, content_type: str, body: bytes,
    headers: Iterable[tuple[str, str]] = (),
) -> None:
    """Answer the request ``handler`` serves with ``status`` and ``body`` (its length stated)."""
    handler.send_response(status)
    handler.send_header("Content-Type", content_type)
    for name, value in headers:
        handler.send_header(name, value)
    handler.send_header("Content-Length", str(len(body)))
    handler.end_headers()
    handler.wfile.write(body)
