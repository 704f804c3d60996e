"""The sandbox's abuse desks: one SMTP server per marketplace that takes listings down.

Each desk accepts any message (no relay checks; AUTH accepted without TLS so a
sender configured with a username works), reads every listing URL out of the
text and HTML parts — and out of attached ``.eml`` / ``message/rfc822`` notices
and text attachments such as an evidence manifest — maps each URL through its
shop's :meth:`Shop.external_id_from_url`, and schedules the listings that exist
for removal ``takedown_delay`` seconds after receipt. Removal is a due time,
not a task: a listing is removed once the clock passes it, which needs no
timers and survives nothing being awake.

The SMTP servers run on the sandbox's own event loop (aiosmtpd's ``SMTP``
protocol via ``loop.create_server``), not in aiosmtpd's ``Controller`` thread,
so the desk state is only ever touched from one thread.
"""

from __future__ import annotations

import asyncio
import email
import email.policy
import html
import re
import socket
import time
from collections.abc import Callable, Iterator, Mapping
from dataclasses import dataclass, field
from datetime import UTC, datetime
from email.message import Message
from typing import Any

from aiosmtpd.smtp import SMTP, AuthResult, Envelope, Session

from sandbox.shops.base import Shop

URL_PATTERN = re.compile(r"""https?://[^\s<>"'()\[\]{}]+""")
_TRAILING = ".,;:!?"


@dataclass(frozen=True)
class Notice:
    marketplace: str
    mail_from: str
    rcpt_tos: tuple[str, ...]
    subject: str
    urls: tuple[str, ...]
    #: external ids of catalogue listings named in the notice
    listing_ids: tuple[str, ...]
    received_at: float

    def to_json(self) -> dict[str, Any]:
        return {
            "marketplace": self.marketplace,
            "from": self.mail_from,
            "to": list(self.rcpt_tos),
            "subject": self.subject,
            "urls": list(self.urls),
            "listing_ids": list(self.listing_ids),
            "received_at": iso(self.received_at),
        }


def iso(timestamp: float) -> str:
    return datetime.fromtimestamp(timestamp, UTC).isoformat()


def extract_urls(message: Message) -> list[str]:
    """Every http(s) URL in the message's text parts and attached messages, in order, once."""
    seen: dict[str, None] = {}
    for text in _texts(message):
        for match in URL_PATTERN.finditer(html.unescape(text)):
            seen.setdefault(match.group(0).rstrip(_TRAILING), None)
    return list(seen)


def _texts(message: Message) -> Iterator[str]:
    for part in message.walk():
        if part.is_multipart():
            continue
        ctype = part.get_content_type()
        filename = (part.get_filename() or "").lower()
        payload = part.get_payload(decode=True)
        if not isinstance(payload, bytes):
            continue
        if filename.endswith(".eml") or ctype == "message/rfc822":
            yield from _texts(email.message_from_bytes(payload, policy=email.policy.default))
        elif part.get_content_maintype() == "text" or ctype in ("application/json", "application/xml"):
            yield payload.decode(part.get_content_charset() or "utf-8", errors="replace")


@dataclass
class AbuseDesk:
    """Notices received and removals due, for every marketplace's desk."""

    shops: Mapping[str, Shop]
    #: does the catalogue hold this (marketplace, external id)?
    listing_exists: Callable[[str, str], bool]
    takedown_delay: float = 60.0
    clock: Callable[[], float] = time.time
    hostname: str = "abuse-desk.sandbox.test"
    notices: list[Notice] = field(default_factory=list)
    _due: dict[tuple[str, str], float] = field(default_factory=dict)
    _servers: list[asyncio.AbstractServer] = field(default_factory=list)
    ports: dict[str, int] = field(default_factory=dict)

    def receive(self, marketplace: str, raw: bytes, mail_from: str = "",
                rcpt_tos: tuple[str, ...] = ()) -> Notice:
        """Read one message sent to ``marketplace``'s desk and schedule its takedowns."""
        message = email.message_from_bytes(raw, policy=email.policy.default)
        urls = extract_urls(message)
        shop = self.shops[marketplace]
        ids: dict[str, None] = {}
        for url in urls:
            external_id = shop.external_id_from_url(url)
            if external_id and self.listing_exists(marketplace, external_id):
                ids.setdefault(external_id, None)
        now = self.clock()
        for external_id in ids:
            self._due.setdefault((marketplace, external_id), now + self.takedown_delay)
        notice = Notice(
            marketplace=marketplace,
            mail_from=mail_from,
            rcpt_tos=rcpt_tos,
            subject=str(message.get("Subject", "")),
            urls=tuple(urls),
            listing_ids=tuple(ids),
            received_at=now,
        )
        self.notices.append(notice)
        return notice

    def is_removed(self, marketplace: str, external_id: str) -> bool:
        due = self._due.get((marketplace, external_id))
        return due is not None and due <= self.clock()

    def removed_ids(self, marketplace: str) -> set[str]:
        """External ids of ``marketplace`` taken down by now (empty fast when nothing was sent)."""
        if not self._due:
            return set()
        now = self.clock()
        return {ext for (mp, ext), due in self._due.items() if mp == marketplace and due <= now}

    def to_json(self) -> dict[str, Any]:
        now = self.clock()
        removed = [
            {"marketplace": mp, "external_id": ext, "removed_at": iso(due)}
            for (mp, ext), due in sorted(self._due.items(), key=lambda item: item[1]) if due <= now
        ]
        pending = [
            {"marketplace": mp, "external_id": ext, "due_at": iso(due)}
            for (mp, ext), due in sorted(self._due.items(), key=lambda item: item[1]) if due > now
        ]
        return {
            "takedown_delay_seconds": self.takedown_delay,
            "smtp_ports": dict(self.ports),
            "notices": [n.to_json() for n in self.notices],
            "removed": removed,
            "pending": pending,
        }

    def reset(self) -> None:
        self.notices.clear()
        self._due.clear()

    async def start(self, host: str, base_port: int = 0) -> dict[str, int]:
        """Listen for SMTP, one port per marketplace (``base_port + i``, or free ports when 0)."""
        loop = asyncio.get_running_loop()
        for i, marketplace in enumerate(self.shops):
            sock = socket.socket(socket.AF_INET, socket.SOCK_STREAM)
            sock.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
            sock.bind((host, base_port + i if base_port else 0))
            handler = _DeskHandler(self, marketplace)
            server = await loop.create_server(
                lambda h=handler: SMTP(  # type: ignore[misc]
                    h, hostname=self.hostname, auth_require_tls=False,
                    authenticator=_accept_any_login,
                ),
                sock=sock,
            )
            self._servers.append(server)
            self.ports[marketplace] = sock.getsockname()[1]
        return dict(self.ports)

    async def stop(self) -> None:
        for server in self._servers:
            server.close()
        for server in self._servers:
            await server.wait_closed()
        self._servers.clear()


def _accept_any_login(*_args: Any) -> AuthResult:
    return AuthResult(success=True)


class _DeskHandler:
    """aiosmtpd handler: every DATA becomes a :class:`Notice` on the desk."""

    def __init__(self, desk: AbuseDesk, marketplace: str) -> None:
        self.desk = desk
        self.marketplace = marketplace

    async def handle_DATA(self, server: SMTP, session: Session, envelope: Envelope) -> str:
        raw = envelope.original_content or envelope.content or b""
        if isinstance(raw, str):
            raw = raw.encode()
        self.desk.receive(
            self.marketplace, raw, str(envelope.mail_from or ""), tuple(envelope.rcpt_tos)
        )
        return "250 Message accepted for delivery"

