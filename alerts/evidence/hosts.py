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
  fails on its own and reports the marketplace unreachable.

The answer for each name is kept for the life of the policy (one run), so a
crawl resolves each host once, and the fetches that take seller-written URLs
(photos, follow-up re-checks) connect to the very address that was judged
(:meth:`HostPolicy.pinned_address`, used by :mod:`alerts.evidence.pinning`'s
httpx transports, which keep the original ``Host`` and TLS server name). A
resolver that answers a public address first and ``127.0.0.1`` later (DNS
rebinding) therefore never gets a connection to the inward address: the
client does not resolve again. (Scrapy's downloader and the capture browser
resolve on their own; they fetch only configured marketplace origins.)

:func:`HostPolicy.allows` is the one allow-list: the crawl's downloader
middleware, the browser transport's request filter, photo fetches, follow-up
re-checks and evidence capture all ask it.
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


class UnresolvedHost(OSError):
    """A configured host name that did not resolve: the fetch fails as unreachable."""


def is_inward(address: str) -> bool:
    """True for a loopback, private, link-local or otherwise non-global address."""
    return not ipaddress.ip_address(address).is_global


@dataclass(frozen=True)
class _Answer:
    """What one name resolved to, judged once per run."""

    refusal: str | None
    #: the address fetches connect to (None: the name did not resolve)
    address: str | None
    error: str = ""


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
    #: which resolved addresses are refused for a configured *name*
    inward: Callable[[str], bool] = is_inward
    _answers: dict[str, _Answer] = field(default_factory=dict, compare=False, repr=False)

    @classmethod
    def from_settings(cls, settings: Settings) -> HostPolicy:
        return cls(frozenset(settings.allowed_origins()))

    def allows(self, url: str) -> bool:
        """True when ``url`` may be fetched, or is a data:/about:/blob: URL a browser resolves locally.

        The predicate of every allow-list check outside the fetchers (the
        crawl's downloader middleware, the browser transport's request filter).
        """
        return self.refusal(url, allow_local_schemes=True) is None

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
        return self._answer(host).refusal

    def _answer(self, host: str) -> _Answer:
        if host not in self._answers:
            self._answers[host] = self._resolve_and_judge(host)
        return self._answers[host]

    def _resolve_and_judge(self, host: str) -> _Answer:
        try:
            addresses = list(self.resolver(host))
        except (OSError, UnicodeError) as exc:
            return _Answer(None, None, f"{type(exc).__name__}: {exc}")  # the fetch fails and says so
        if not addresses:
            return _Answer(None, None, "no address")
        inward = [a for a in addresses if self.inward(a)]
        if not inward:
            return _Answer(None, addresses[0])
        return _Answer(f"refused host {host!r}: it resolves to {inward[0]} (loopback, private or "
                       "link-local); write that address in the configuration to allow it", None)

    def pinned_address(self, host: str) -> str:
        """The address a fetch from ``host`` connects to: the one its check judged, never a fresh answer.

        An IP literal is itself. A refused name raises :class:`PermissionError`
        (callers check :meth:`refusal` first); one that did not resolve raises
        :class:`UnresolvedHost`.
        """
        host = host.lower()
        if _ip_literal(host):
            return host.strip("[]")
        answer = self._answer(host)
        if answer.refusal is not None:
            raise PermissionError(answer.refusal)
        if answer.address is None:
            raise UnresolvedHost(f"cannot resolve {host!r}: {answer.error}")
        return answer.address

    def check(self, url: str, *, allow_local_schemes: bool = False) -> str | None:
        """Like :meth:`refusal`, and logs the refusal."""
        reason = self.refusal(url, allow_local_schemes=allow_local_schemes)
        if reason is not None:
            log.warning("fetch %s (%s)", reason, url[:300])
        return reason
