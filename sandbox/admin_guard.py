"""Who may use the sandbox's admin API: this machine's own clients, never a web page elsewhere.

``/_sandbox/reset`` and ``/_sandbox/faults`` change what every shop answers,
and ``/_sandbox/truth`` tells which listings are planted. A web page the
operator happens to open could otherwise drive them: a cross-site
``text/plain`` POST needs no CORS preflight, and a DNS-rebinding page reaches
``127.0.0.1`` under its own host name. So an admin request must

* name this server in ``Host`` by an IP literal or ``localhost`` with the
  front's own port (a rebinding page's host name is neither);
* carry no ``Origin``, or the same origin as ``Host`` (a page elsewhere always
  sends its own);
* send a JSON body (``Content-Type: application/json``) when it is a POST: a
  browser only sends that cross-site after a CORS preflight, which the
  sandbox never grants.
"""

from __future__ import annotations

import ipaddress
from urllib.parse import urlsplit

JSON_TYPE = "application/json"


def _host_and_port(value: str) -> tuple[str, int | None] | None:
    try:
        parts = urlsplit(f"//{value}")
        return (parts.hostname or "").lower(), parts.port
    except ValueError:
        return None


def _is_literal_or_localhost(host: str) -> bool:
    if host == "localhost":
        return True
    try:
        ipaddress.ip_address(host)
    except ValueError:
        return False
    return True


def admin_refusal(
    *, method: str, host_header: str, origin: str | None, content_type: str, port: int
) -> tuple[int, str] | None:
    """``(status, reason)`` when an admin request must be refused, else None."""
    named = _host_and_port(host_header)
    if named is None or not _is_literal_or_localhost(named[0]) or (named[1] or 80) != port:
        return 403, f"admin API: Host {host_header!r} does not name this sandbox"
    if origin is not None:
        parts = urlsplit(origin)
        if parts.scheme != "http" or parts.netloc.lower() != host_header.lower():
            return 403, f"admin API: cross-origin request from {origin!r} refused"
    if method == "POST" and content_type != JSON_TYPE:
        return 415, f"admin API: POST needs Content-Type {JSON_TYPE}, got {content_type or 'none'!r}"
    return None
