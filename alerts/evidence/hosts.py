"""Which hosts evidence capture may fetch from: the configured marketplace hosts, nothing else.

Listing text and image URLs are written by sellers. A hostile listing can point
an image or a redirect at ``127.0.0.1``, a private address or a cloud metadata
endpoint; the capture browser would then fetch it from inside our network.
So every page, sub-request and redirect is checked against the hosts the
configuration names (``Settings.allowed_hosts()``); a private address is only
reachable when it is configured explicitly (the sandbox).
"""

from __future__ import annotations

import logging
from dataclasses import dataclass
from urllib.parse import urlsplit

from config import Settings

log = logging.getLogger("ktpwatch.evidence")

#: Schemes the browser resolves without the network.
LOCAL_SCHEMES = frozenset({"data", "blob", "about"})


@dataclass(frozen=True)
class HostPolicy:
    allowed: frozenset[str]

    @classmethod
    def from_settings(cls, settings: Settings) -> HostPolicy:
        return cls(frozenset(h.lower() for h in settings.allowed_hosts()))

    def refusal(self, url: str, *, allow_local_schemes: bool = False) -> str | None:
        """None when ``url`` may be fetched, else why not (one line)."""
        try:
            parts = urlsplit(url)
            host = (parts.hostname or "").lower()
        except ValueError:
            return f"refused malformed URL {url[:200]!r}"
        if allow_local_schemes and parts.scheme in LOCAL_SCHEMES:
            return None
        if parts.scheme not in ("http", "https"):
            return f"refused {parts.scheme or 'schemeless'} URL {url[:200]!r}: only http(s) is fetched"
        if not host:
            return f"refused URL without a host {url[:200]!r}"
        if host not in self.allowed:
            return f"refused host {host!r}: not a configured marketplace host"
        return None

    def check(self, url: str, *, allow_local_schemes: bool = False) -> str | None:
        """Like :meth:`refusal`, and logs the refusal."""
        reason = self.refusal(url, allow_local_schemes=allow_local_schemes)
        if reason is not None:
            log.warning("evidence capture %s (%s)", reason, url[:300])
        return reason
