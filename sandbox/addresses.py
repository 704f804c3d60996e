"""Where each sandbox shop listens: its own host where the machine allows it, always its own port.

A real deployment talks to six hosts, and everything in ktpwatch that keeps
per-host state keys on the host *name*, never the port: Scrapy's download
slots, :class:`alerts.host_pacing.HostPacer`, the evidence allow-list. So six
ports on one address would still look like one shop to them, and per-host
politeness would serialise every shop. On Linux the whole of 127.0.0.0/8 is
loopback, so a sandbox started on a loopback address gives shop ``i`` the
address ``127.0.0.<2+i>`` (and its own port). On any other address (a LAN
address, ``0.0.0.0``) the shops share that address and differ by port only;
:func:`plan_addresses` says so in its notes, and ``sandbox serve`` prints them.
"""

from __future__ import annotations

import ipaddress
from collections.abc import Sequence
from dataclasses import dataclass

#: Last octet of the first shop's own loopback address (the front keeps 127.0.0.1).
FIRST_SHOP_OCTET = 2
WILDCARD_HOSTS = frozenset({"0.0.0.0", "::", ""})


@dataclass(frozen=True)
class ShopAddress:
    """Where one shop binds, and the host name clients use to reach it."""

    bind_host: str
    port: int

    @property
    def url_host(self) -> str:
        """The host clients put in URLs (a wildcard bind is reached over loopback)."""
        if self.bind_host in WILDCARD_HOSTS:
            return "127.0.0.1"
        return f"[{self.bind_host}]" if ":" in self.bind_host else self.bind_host


def is_loopback(host: str) -> bool:
    """True for ``localhost`` and loopback IP literals (127.0.0.0/8, ::1)."""
    if host == "localhost":
        return True
    try:
        return ipaddress.ip_address(host).is_loopback
    except ValueError:
        return False


def own_loopback_hosts(host: str) -> bool:
    """Whether shops get their own 127.0.0.x address when the front listens on ``host``."""
    if host == "localhost":
        return True
    try:
        address = ipaddress.ip_address(host)
    except ValueError:
        return False
    return address.version == 4 and address.is_loopback


def plan_addresses(host: str, port: int, names: Sequence[str]) -> dict[str, ShopAddress]:
    """Each shop's address for a front on ``host:port``.

    Ports: ``port + 1 + i`` when the front has a fixed port (so a firewall rule
    or a bookmark stays valid across restarts), else free ports (0).
    """
    if len(names) > 250:
        raise ValueError("at most 250 shops fit in 127.0.0.x")
    addresses: dict[str, ShopAddress] = {}
    for index, name in enumerate(names):
        shop_port = port + 1 + index if port else 0
        if shop_port > 65535:
            raise ValueError(f"port {port} leaves no room for {len(names)} shop ports after it")
        bind = f"127.0.0.{FIRST_SHOP_OCTET + index}" if own_loopback_hosts(host) else host
        addresses[name] = ShopAddress(bind_host=bind, port=shop_port)
    return addresses
