"""Point every marketplace at one local test server, each under its own ``/<marketplace>`` path.

Tests that serve pages from a small local server of their own (evidence pages,
photos, follow-up listings) use this; scans against the sandbox use its
published addresses instead (``crawler.marketplace_addresses.point_at``).
"""

from __future__ import annotations

from urllib.parse import urlparse

from config import Settings, with_marketplace_addresses


def every_marketplace_under(settings: Settings, base_url: str) -> Settings:
    """``settings`` with every marketplace at ``{base_url}/<marketplace>`` and images from its host."""
    base = base_url.rstrip("/")
    host = urlparse(base).hostname or "127.0.0.1"
    return with_marketplace_addresses(settings, {"marketplaces": {
        name: {"api_base_url": f"{base}/{name}", "web_base_url": f"{base}/{name}", "image_hosts": [host]}
        for name in settings.marketplaces
    }})
