"""Which URLs ktpwatch may fetch: the configured marketplace origins (scheme, host AND port), nothing else.

Listing text and image URLs are written by sellers. A hostile listing can point
an image or a redirect at ``127.0.0.1``, a private address or a cloud metadata
endpoint; the crawler, the photo reader or the capture browser would then
fetch it from inside our network. So every page, sub-request and redirect is
checked against the origins the configuration names
(``Settings.allowed_origins()``):

* scheme, host and port must all match a configured origin — a configured
  internal host does not open its other ports (Redis on 6379, PostgreSQL on
  5432) to a seller's ``http://that-host:6379/x.jpg``;
* a configured host *name* that resolves to a loopback, private, link-local
  or otherwise non-global address is refused (DNS can be made to point a
  public-looking name inward). A private address is reachable only when the
  configuration writes the address itself (the sandbox and the tests write
  ``127.0.0.1``). A name that does not resolve is not refused here: the fetch
  fails on its own and reports the shop unreachable.

The answer for each name is kept for the life of the policy (one run), so a
crawl resolves each host once. The client resolves again when it connects;
a resolver that answers differently within one run (DNS rebinding) is not
defeated by this check alone.
"""

from __future__ import annotations

import ipaddress
import logging
import socket
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from urllib.parse import urlsplit

from config import Settings
from config.settings import Origin, url_origin

log = logging.getLogger("ktpwatch.evidence")

#: Schemes the browser resolves without the network.
LOCAL_SCHEMES = frozenset({"data", "blob", "about"})

Resolver = Callable[[str], Sequence[str]]


def resolve_addresses(host: str) -> list[str]:
    """Every address ``host`` resolves to (OSError when it does not resolve)."""
    infos = socket.getaddrinfo(host, None, proto=socket.IPPROTO_TCP)
    return sorted({str(info[4][0]).split("%")[0] for info in infos})


def _ip_literal(host: str) -> bool:
    try:
        ipaddress.ip_address(host.strip("[]"))
    except ValueError:
        return False
    return True


@dataclass(frozen=True)
class HostPolicy:
    origins: frozenset[Origin]
    resolver: Resolver = resolve_addresses
    _verdicts: dict[str, str | None] = field(default_factory=dict, compare=False, repr=False)

    @classmethod
    def from_settings(cls, settings: Settings) -> HostPolicy:
        return cls(frozenset(settings.allowed_origins()))

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
        origin = url_origin(url)
        if origin is None:
            return f"refused malformed URL {url[:200]!r}"
        if origin not in self.origins:
            return self._origin_refusal(origin)
        return self._address_refusal(host)

    def _origin_refusal(self, origin: Origin) -> str:
        scheme, host, port = origin
        if all(h != host for _, h, _ in self.origins):
            return f"refused host {host!r}: not a configured marketplace host"
        configured = sorted(f"{s}://{h}:{p}" for s, h, p in self.origins if h == host)
        return (f"refused {scheme}://{host}:{port}: scheme and port must match a configured origin "
                f"({', '.join(configured)})")

    def _address_refusal(self, host: str) -> str | None:
        """Refuse a configured *name* that resolves to a non-global address (once per name)."""
        if _ip_literal(host):
            return None  # the configuration wrote this address itself: explicit
        if host not in self._verdicts:
            self._verdicts[host] = self._resolve_and_judge(host)
        return self._verdicts[host]

    def _resolve_and_judge(self, host: str) -> str | None:
        try:
            addresses = self.resolver(host)
        except (OSError, UnicodeError):
            return None  # does not resolve: the fetch fails and says so
        inward = [a for a in addresses if not ipaddress.ip_address(a).is_global]
        if not inward:
            return None
        return (f"refused host {host!r}: it resolves to {inward[0]} (loopback, private or link-local); "
                "write that address in the configuration to allow it")

    def check(self, url: str, *, allow_local_schemes: bool = False) -> str | None:
        """Like :meth:`refusal`, and logs the refusal."""
        reason = self.refusal(url, allow_local_schemes=allow_local_schemes)
        if reason is not None:
            log.warning("fetch %s (%s)", reason, url[:300])
        return reason
