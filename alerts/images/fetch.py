"""Fetch a listing photo: configured marketplace image hosts only, never more than the byte limit.

Photo URLs are written by sellers, so a hostile one may point at a private
address or an endless stream. Every URL and every redirect is checked against
the configured origins (the same :class:`~alerts.evidence.hosts.HostPolicy` as
evidence capture), the client connects to the address that check judged
(:mod:`alerts.evidence.pinning`), and the body is streamed and cut off at
``settings.images.max_bytes`` — a ``Content-Length`` over the limit is refused
before the body is read — and at ``settings.images.fetch_deadline_seconds``
for the fetch as a whole, since a per-read timeout alone lets a server that
trickles a byte every few seconds hold the scan for minutes.
"""

from __future__ import annotations

import time
from dataclasses import dataclass
from urllib.parse import urljoin

import httpx

from alerts.evidence.hosts import HostPolicy
from alerts.evidence.pinning import PinnedTransport
from alerts.host_pacing import HostPacer
from alerts.images.decode import ImageRefused

MAX_REDIRECTS = 3
#: the longest one network read may wait (never more than what is left of the deadline)
TIMEOUT_SECONDS = 20.0
#: the whole fetch, when the caller does not pass ``settings.images.fetch_deadline_seconds``
DEFAULT_DEADLINE_SECONDS = 30.0


class FetchRefused(ImageRefused):
    """The URL is not fetched at all (host not configured, bad scheme): status ``refused``."""


@dataclass(frozen=True)
class FetchedImage:
    url: str
    data: bytes
    content_type: str


def make_client(user_agent: str, policy: HostPolicy) -> httpx.Client:
    """One client for a processing run: no automatic redirects (each hop is checked), a stated
    User-Agent, and connections only to the addresses ``policy`` judged (no DNS rebinding)."""
    return httpx.Client(
        transport=PinnedTransport(policy),
        follow_redirects=False,
        timeout=TIMEOUT_SECONDS,
        headers={"User-Agent": user_agent, "Accept": "image/avif,image/webp,image/*;q=0.8"},
    )


def fetch_image(
    client: httpx.Client,
    url: str,
    *,
    policy: HostPolicy,
    max_bytes: int,
    pacer: HostPacer | None = None,
    deadline_seconds: float = DEFAULT_DEADLINE_SECONDS,
) -> FetchedImage:
    """The photo's bytes, or :class:`FetchRefused` / :class:`ImageRefused` with the reason.

    Each hop (redirects too) waits its turn at ``pacer`` — the crawl's per-host
    delay — and the whole fetch, every hop and the body, ends within
    ``deadline_seconds`` of the first request: each read may wait at most what
    is left, and the body is abandoned as soon as the deadline has passed.
    """
    current = url
    deadline: float | None = None
    for _ in range(MAX_REDIRECTS + 1):
        refusal = policy.refusal(current)
        if refusal is not None:
            raise FetchRefused(refusal)
        if pacer is not None:
            pacer.wait(current)
        deadline = deadline if deadline is not None else time.monotonic() + deadline_seconds
        try:
            with client.stream("GET", current, timeout=_timeout_left(deadline, deadline_seconds)) as response:
                if response.is_redirect:
                    current = _redirect_target(current, response)
                    continue
                return _read_body(response, current, max_bytes, deadline, deadline_seconds)
        except httpx.TimeoutException:
            if time.monotonic() >= deadline:
                raise ImageRefused(_late(deadline_seconds, current)) from None
            raise ImageRefused(f"fetch timed out reading {_host(current)}") from None
        except httpx.HTTPError as exc:
            raise ImageRefused(f"fetch failed: {type(exc).__name__}: {exc}"[:300]) from None
    raise ImageRefused(f"more than {MAX_REDIRECTS} redirects")


def _timeout_left(deadline: float, deadline_seconds: float) -> httpx.Timeout:
    left = deadline - time.monotonic()
    if left <= 0:
        raise ImageRefused(f"gave up: the fetch's {deadline_seconds:g}s deadline passed before it started")
    return httpx.Timeout(min(TIMEOUT_SECONDS, left))


def _late(deadline_seconds: float, url: str) -> str:
    return f"gave up after {deadline_seconds:g}s (images.fetch_deadline_seconds) fetching from {_host(url)}"


def _redirect_target(current: str, response: httpx.Response) -> str:
    location = response.headers.get("location", "")
    if not location:
        raise ImageRefused(f"HTTP {response.status_code} redirect without a Location")
    return urljoin(current, location)


def _read_body(
    response: httpx.Response, url: str, max_bytes: int, deadline: float, deadline_seconds: float
) -> FetchedImage:
    if response.status_code != 200:
        raise ImageRefused(f"HTTP {response.status_code} from {_host(url)}")
    declared = response.headers.get("content-length", "")
    if declared.isdigit() and int(declared) > max_bytes:
        raise ImageRefused(f"image is {declared} bytes, over the {max_bytes}-byte limit")
    body = bytearray()
    for chunk in response.iter_bytes():
        body += chunk
        if len(body) > max_bytes:
            raise ImageRefused(f"image is over the {max_bytes}-byte limit (stopped reading)")
        if time.monotonic() >= deadline:
            raise ImageRefused(_late(deadline_seconds, url))
    return FetchedImage(url, bytes(body), response.headers.get("content-type", ""))


def _host(url: str) -> str:
    return httpx.URL(url).host or url[:100]
