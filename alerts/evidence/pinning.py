"""httpx transports that connect to the address :class:`~alerts.evidence.hosts.HostPolicy` judged.

Checking a host name and then letting the client resolve it again leaves a
window a hostile DNS server can use: answer a public address to the check and
``127.0.0.1`` to the connection (DNS rebinding). These transports close it:
for every request (each redirect hop is its own request) they take the
address the policy resolved and judged once per run, connect to it, and keep
the original name in the ``Host`` header (httpx sets it from the URL before
the transport sees the request) and as the TLS server name (httpcore's
``sni_hostname`` extension, also the name the certificate is checked against).
"""

from __future__ import annotations

import httpx

from alerts.evidence.hosts import HostPolicy


def pinned_request(request: httpx.Request, policy: HostPolicy) -> httpx.Request:
    """``request`` aimed at the policy's judged address for its host (unchanged for an IP literal)."""
    host = request.url.host
    try:
        address = policy.pinned_address(host)
    except (PermissionError, OSError) as exc:
        raise httpx.ConnectError(str(exc), request=request) from None
    if address == host:
        return request
    request.url = request.url.copy_with(host=address)
    request.extensions = {**request.extensions, "sni_hostname": host}
    return request


class PinnedTransport(httpx.BaseTransport):
    """A sync transport that connects only to the address the policy judged (photo fetches)."""

    def __init__(self, policy: HostPolicy, inner: httpx.BaseTransport | None = None) -> None:
        self.policy = policy
        self.inner = inner or httpx.HTTPTransport()

    def handle_request(self, request: httpx.Request) -> httpx.Response:
        return self.inner.handle_request(pinned_request(request, self.policy))

    def close(self) -> None:
        self.inner.close()


class AsyncPinnedTransport(httpx.AsyncBaseTransport):
    """The asyncio twin of :class:`PinnedTransport` (follow-up re-checks)."""

    def __init__(self, policy: HostPolicy, inner: httpx.AsyncBaseTransport | None = None) -> None:
        self.policy = policy
        self.inner = inner or httpx.AsyncHTTPTransport()

    async def handle_async_request(self, request: httpx.Request) -> httpx.Response:
        return await self.inner.handle_async_request(pinned_request(request, self.policy))

    async def aclose(self) -> None:
        await self.inner.aclose()
