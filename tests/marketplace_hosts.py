"""Point every marketplace at one local test server, each under its own ``/<marketplace>`` path.

Tests that serve pages from a small local server of their own (evidence pages,
photos, follow-up listings) use this; scans against the sandbox use its
published addresses instead (``crawler.marketplace_addresses.point_at``).
"""

from __future__ import annotations

from urllib.parse import urlparse

from config import Settings, with_marketplace_addresses


def every_marketplace_under(settings: Settings, base_url: str) -> Settings:
    """``settings`` with every marketplace at ``{base_url}/<marketplace>`` and images from its origin."""
    base = base_url.rstrip("/")
    parts = urlparse(base)
    origin = f"{parts.scheme}://{parts.netloc}"  # scheme, host and port: the host policy matches all three
    return with_marketplace_addresses(settings, {"marketplaces": {
        name: {"api_base_url": f"{base}/{name}", "web_base_url": f"{base}/{name}", "image_hosts": [origin]}
        for name in settings.marketplaces
    }})
