"""``--sandbox URL``: ask a stand-in for the marketplaces where each marketplace is, as configuration.

The product has no sandbox branch: a scan reaches whatever hosts the
configuration names. A sandbox publishes, at ``/_sandbox/marketplaces`` on the
URL it was started on, the address keys of each marketplace it serves (base
URLs, image hosts, page size); this module fetches that list once and hands it
to :func:`config.with_marketplace_addresses`, exactly as if the operator had
written them into ``ktpwatch.toml``.
"""

from __future__ import annotations

from typing import Any
from urllib.parse import urlsplit, urlunsplit

import httpx

from config import ConfigError, Settings, with_marketplace_addresses

ADDRESSES_PATH = "/_sandbox/marketplaces"
FETCH_TIMEOUT_SECONDS = 10.0


def _shown(url: str) -> str:
    """``url`` as error messages may show it: a password in it is masked."""
    parts = urlsplit(url)
    if parts.password is None:
        return url
    return urlunsplit(parts._replace(netloc=parts.netloc.replace(f":{parts.password}@", ":***@", 1)))


def fetch_marketplace_addresses(front_url: str) -> dict[str, Any]:
    """The address list published at ``front_url``; :class:`ConfigError` when it cannot be read."""
    if not front_url.startswith(("http://", "https://")):
        raise ConfigError(f"--sandbox expects an http URL, got {_shown(front_url)!r}")
    url = front_url.rstrip("/") + ADDRESSES_PATH
    try:
        answer = httpx.get(url, timeout=FETCH_TIMEOUT_SECONDS, headers={"Accept": "application/json"})
        answer.raise_for_status()
        data = answer.json()
    except httpx.HTTPError as exc:
        raise ConfigError(f"cannot read the marketplace addresses at {_shown(url)}: "
                          f"{str(exc).replace(url, _shown(url))}") from None
    except ValueError:
        raise ConfigError(f"the marketplace addresses at {_shown(url)} are not JSON") from None
    if not isinstance(data, dict):
        raise ConfigError(f"the marketplace addresses at {_shown(url)} are not a JSON object")
    return data


def point_at(settings: Settings, front_url: str) -> Settings:
    """``settings`` with every marketplace the stand-in at ``front_url`` serves pointed at it."""
    return with_marketplace_addresses(settings, fetch_marketplace_addresses(front_url))
