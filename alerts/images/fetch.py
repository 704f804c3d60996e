"""Fetch a listing photo: configured marketplace image hosts only, never more than the byte limit.

Photo URLs are written by sellers, so a hostile one may point at a private
address or an endless stream. Every URL and every redirect is checked against
the configured hosts (the same :class:`~alerts.evidence.hosts.HostPolicy` as
evidence capture), and the body is streamed and cut off at
``settings.images.max_bytes`` — a ``Content-Length`` over the limit is refused
before the body is read.
"""

from __future__ import annotations

from dataclasses import dataclass
from urllib.parse import urljoin

import httpx

from alerts.evidence.hosts import HostPolicy
from alerts.host_pacing import HostPacer
from alerts.images.decode import ImageRefused

MAX_REDIRECTS = 3
TIMEOUT_SECONDS = 20.0


class FetchRefused(ImageRefused):
    """The URL is not fetched at all (host not configured, bad scheme): status ``refused``."""


@dataclass(frozen=True)
class FetchedImage:
    url: str
    data: bytes
    content_type: str


def make_client(user_agent: str) -> httpx.Client:
    """One client for a processing run: no automatic redirects (each hop is checked), a stated User-Agent."""
    return httpx.Client(
        follow_redirects=False,
        timeout=TIMEOUT_SECONDS,
        headers={"User-Agent": user_agent, "Accept": "image/avif,image/webp,image/*;q=0.8"},
    )


def fetch_image(
    client: httpx.Client, url: str, *, policy: HostPolicy, max_bytes: int, pacer: HostPacer | None = None
) -> FetchedImage:
    """The photo's bytes, or :class:`FetchRefused` / :class:`ImageRefused` with the reason.

    Each hop (redirects too) waits its turn at ``pacer`` — the crawl's per-host delay.
    """
    current = url
    for _ in range(MAX_REDIRECTS + 1):
        refusal = policy.refusal(current)
        if refusal is not None:
            raise FetchRefused(refusal)
        if pacer is not None:
            pacer.wait(current)
        try:
            with client.stream("GET", current) as response:
                if response.is_redirect:
                    location = response.headers.get("location", "")
                    if not location:
                        raise ImageRefused(f"HTTP {response.status_code} redirect without a Location")
                    current = urljoin(current, location)
                    continue
                if response.status_code != 200:
                    raise ImageRefused(f"HTTP {response.status_code} from {_host(current)}")
                declared = response.headers.get("content-length", "")
                if declared.isdigit() and int(declared) > max_bytes:
                    raise ImageRefused(f"image is {declared} bytes, over the {max_bytes}-byte limit")
                body = bytearray()
                for chunk in response.iter_bytes():
                    body += chunk
                    if len(body) > max_bytes:
                        raise ImageRefused(f"image is over the {max_bytes}-byte limit (stopped reading)")
                return FetchedImage(current, bytes(body), response.headers.get("content-type", ""))
        except httpx.HTTPError as exc:
            raise ImageRefused(f"fetch failed: {type(exc).__name__}: {exc}"[:300]) from None
    raise ImageRefused(f"more than {MAX_REDIRECTS} redirects")


def _host(url: str) -> str:
    return httpx.URL(url).host or url[:100]
