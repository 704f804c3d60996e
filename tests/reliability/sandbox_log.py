"""A request log for the shared sandbox: when each shop request came, what it asked, what it got.

The sandbox counts requests per marketplace (``/_sandbox/stats``); the
reliability tests also need *when* each request came and *which* request it
was, to prove that a retry waited the ``Retry-After`` the shop asked for and
that no second ever carried more requests than the configured delay allows.
:func:`record_requests` wraps the server's fault answer step for one test.
"""

from __future__ import annotations

import hashlib
import time
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from typing import Any

from sandbox.server import SandboxHandle


@dataclass(frozen=True)
class LoggedRequest:
    at: float
    marketplace: str
    key: str  # method, path and query, body digest: the same request asked again has the same key
    fault: str | None
    status: int
    retry_after: str | None


@contextmanager
def record_requests(sandbox: SandboxHandle) -> Iterator[list[LoggedRequest]]:
    """Log every faultable shop request answered while the block runs."""
    server = sandbox.server
    original = server._answer
    log: list[LoggedRequest] = []

    async def logged(request: Any, handler: Any, shop: Any, fault: Any, rng: Any) -> Any:
        at = time.monotonic()
        body = await request.read() if request.can_read_body else b""
        key = f"{request.method} {request.path_qs} {hashlib.sha256(body).hexdigest()[:16]}"
        response = await original(request, handler, shop, fault, rng)
        log.append(LoggedRequest(at, shop.name, key, fault.value if fault else None,
                                 response.status, response.headers.get("Retry-After")))
        return response

    server._answer = logged  # type: ignore[method-assign]
    try:
        yield log
    finally:
        del server._answer  # back to the class's method


def busiest_second(log: list[LoggedRequest]) -> int:
    """Most requests that arrived within any one-second window (sliding, not calendar seconds)."""
    times = sorted(r.at for r in log)
    best, start = 0, 0
    for end, t in enumerate(times):
        while t - times[start] >= 1.0:
            start += 1
        best = max(best, end - start + 1)
    return best


def retry_gaps(log: list[LoggedRequest]) -> list[tuple[float, float]]:
    """(asked wait, actual wait) for every 429 with Retry-After that was asked again."""
    out = []
    for i, entry in enumerate(log):
        if entry.status != 429 or not entry.retry_after:
            continue
        later = next((r for r in log[i + 1:] if r.key == entry.key), None)
        if later is not None:
            out.append((float(entry.retry_after), later.at - entry.at))
    return out
