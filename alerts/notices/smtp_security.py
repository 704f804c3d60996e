"""Whether ktpwatch may log in to the SMTP server: never with the password in cleartext over a network.

With ``smtp.username`` set and neither ``smtp.ssl`` nor ``smtp.starttls``,
``AUTH`` would send the password readable by anyone on the path. That is
allowed only to a loopback host (a local relay: the bytes never leave the
machine) or when the operator says so with ``smtp.allow_plain_auth = true``
(a relay on a network they trust). The host is checked as configured and as
it resolves, so ``localhost`` counts and a name that resolves elsewhere does not.
"""

from __future__ import annotations

import ipaddress
import socket

from config.settings import SmtpConfig


def is_loopback_host(host: str) -> bool:
    """True when every address ``host`` stands for is a loopback address (False if it does not resolve)."""
    try:
        return ipaddress.ip_address(host.strip("[]")).is_loopback
    except ValueError:
        pass
    try:
        infos = socket.getaddrinfo(host, None, proto=socket.IPPROTO_TCP)
    except (OSError, UnicodeError):
        return False
    addresses = {info[4][0] for info in infos}
    return bool(addresses) and all(ipaddress.ip_address(str(a).split("%")[0]).is_loopback for a in addresses)


def plain_auth_refusal(cfg: SmtpConfig) -> str | None:
    """Why logging in with ``cfg`` is refused (one line), or None when it is safe or not needed."""
    if not cfg.username or cfg.ssl or cfg.starttls or cfg.allow_plain_auth:
        return None
    if is_loopback_host(cfg.host):
        return None
    return (
        f"refusing to send the SMTP password for {cfg.username!r} in cleartext to {cfg.host}:{cfg.port}: "
        "set smtp.starttls = true or smtp.ssl = true, or smtp.allow_plain_auth = true "
        "if the network to that server is trusted"
    )
