"""One digest per scan to the channels an operator configured, through Apprise.

Analysts watch Telegram, Slack or a mailbox rather than ``alerts list``; the
digest tells them what a scan found that needs a human: new alerts scoring at
least ``[notify] score_threshold``, actors returning after a takedown, and the
scan's health/drift flags. Nothing is sent when there is nothing to say.

Seller text is hostile: titles are read as plain text (control and invisible
characters removed), then escaped for the format each channel renders
(``text``, ``markdown`` or ``html``), so a title can never add a link or
markup. Every body goes through :func:`alerts.redaction.redact_text`, so no
NIK leaves unmasked, whatever its spelling. Apprise URLs carry tokens and
passwords: they are printed only through :func:`config.secrets.redact_url`.
"""

from __future__ import annotations

import html
import logging
import re
import unicodedata
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from datetime import datetime
from typing import Any

import apprise
from sqlalchemy import select
from sqlalchemy.orm import Session

from alerts.redaction import redact_text
from config import Settings
from config.secrets import redact_url
from storage.models import Alert, Listing

log = logging.getLogger("ktpwatch.notify")

FORMATS = ("text", "markdown", "html")
_ANSI = re.compile(r"\x1b(?:\[[0-?]*[ -/]*[@-~]|\][^\x07\x1b]*(?:\x07|\x1b\\)|.)")
_MARKDOWN_SPECIAL = re.compile(r"([\\`*_{}\[\]()#+\-.!|<>~=])")
#: the longest seller title a digest line shows
TITLE_CHARS = 120


@dataclass(frozen=True)
class DigestAlert:
    """One new alert worth a human's look."""

    alert_id: int
    marketplace: str
    score: float
    title: str
    url: str


@dataclass(frozen=True)
class ReturningActor:
    """An actor seen again after one of their listings was taken down."""

    label: str
    marketplace: str
    alert_id: int | None = None


#: Supplies the returning actors of a scan (``session``, ``scan_id``); actors storage plugs in here.
ReturningActorsProvider = Callable[[Session, int], Sequence[ReturningActor]]


@dataclass(frozen=True)
class Digest:
    scan_id: int | None
    alerts: tuple[DigestAlert, ...] = ()
    returning: tuple[ReturningActor, ...] = ()
    flags: tuple[str, ...] = ()

    def is_empty(self) -> bool:
        """Nothing to say: no alert, no returning actor, no flag."""
        return not (self.alerts or self.returning or self.flags)


@dataclass
class NotifyResult:
    """What a delivery did; ``error`` set means at least one channel did not get the digest."""

    sent: bool = False
    channels: int = 0
    error: str = ""
    details: list[str] = field(default_factory=list)


def plain(value: object) -> str:
    """Seller text as one inert line: escapes, control and invisible characters removed."""
    text = _ANSI.sub("", "" if value is None else str(value))
    text = "".join(
        " " if unicodedata.category(ch) in ("Cc", "Zl", "Zp") else ch
        for ch in text
        if unicodedata.category(ch) != "Cf"
    )
    text = " ".join(text.split())
    return text if len(text) <= TITLE_CHARS else text[: TITLE_CHARS - 1] + "…"


def escape_for(text: str, fmt: str) -> str:
    """``text`` that renders literally in ``fmt`` (markdown specials backslashed, HTML escaped)."""
    if fmt == "html":
        return html.escape(text, quote=True)
    if fmt == "markdown":
        return _MARKDOWN_SPECIAL.sub(r"\\\1", text)
    return text


def new_alerts_since(session: Session, since: datetime, threshold: float) -> list[DigestAlert]:
    """Alerts opened at or after ``since`` whose score is at least ``threshold``, best first."""
    rows = session.execute(
        select(Alert.id, Alert.marketplace, Alert.score, Listing.title, Listing.url)
        .join(Listing, Alert.listing_id == Listing.id)
        .where(Alert.opened_at >= since, Alert.score >= threshold)
        .order_by(Alert.score.desc(), Alert.id)
    ).all()
    return [DigestAlert(r[0], r[1], float(r[2]), r[3] or "", r[4] or "") for r in rows]


def build_digest(
    scan_id: int | None,
    alerts: Sequence[DigestAlert],
    flags: Sequence[str],
    returning: Sequence[ReturningActor] = (),
) -> Digest:
    """The digest of one scan (pure: the caller reads the database)."""
    return Digest(scan_id, tuple(alerts), tuple(returning), tuple(str(f) for f in flags if f))


def render(digest: Digest, fmt: str) -> str:
    """The digest's body in ``fmt``; every piece of text escaped for it, NIKs masked.

    Each piece is redacted before it is escaped: a markdown-escaped
    ``3174\\.0101…`` no longer reads as a NIK, so masking after escaping would miss it.
    """
    def esc(value: object) -> str:
        return escape_for(redact_text(plain(value)), fmt)

    lines: list[str] = []
    if digest.alerts:
        lines.append(_heading(f"{len(digest.alerts)} new alert(s)", fmt))
        for a in digest.alerts:
            lines.append(_item(f"#{a.alert_id} {esc(a.marketplace)} {a.score:.2f}: "
                               f"{esc(a.title)} {esc(a.url)}".rstrip(), fmt))
    if digest.returning:
        lines.append(_heading(f"{len(digest.returning)} actor(s) back after a takedown", fmt))
        for r in digest.returning:
            ref = f" (alert #{r.alert_id})" if r.alert_id is not None else ""
            lines.append(_item(f"{esc(r.label)} on {esc(r.marketplace)}{ref}", fmt))
    if digest.flags:
        lines.append(_heading(f"{len(digest.flags)} health flag(s)", fmt))
        lines.extend(_item(esc(flag), fmt) for flag in digest.flags)
    separator = "<br/>\n" if fmt == "html" else "\n"
    return redact_text(separator.join(lines))


def _heading(text: str, fmt: str) -> str:
    return {"html": f"<b>{text}</b>", "markdown": f"**{escape_for(text, fmt)}**"}.get(fmt, text)


def _item(text: str, fmt: str) -> str:
    return f"• {text}" if fmt == "html" else f"- {text}"


def digest_title(settings: Settings, digest: Digest) -> str:
    scan = f" (scan {digest.scan_id})" if digest.scan_id is not None else ""
    return plain(settings.notify.title) + scan


def send_digest(settings: Settings, digest: Digest) -> NotifyResult:
    """Send ``digest`` once to every configured channel, rendered in the format each one uses.

    Returns what happened instead of raising: the scan records a failure as a
    problem. Nothing is sent for an empty digest or when no channel is configured.
    """
    urls = settings.notify.urls
    if not urls or digest.is_empty():
        return NotifyResult()
    result = NotifyResult(channels=len(urls))
    failed: list[str] = []
    for url in urls:
        shown = redact_url(url)
        try:
            ok = _send_one(url, settings, digest)
        except Exception as exc:  # reported below; one broken channel does not stop the others
            log.warning("notification to %s failed: %s: %s", shown, type(exc).__name__, exc)
            ok = False
        (result.details if ok else failed).append(shown)
    result.sent = not failed
    if failed:
        result.error = f"notification not delivered to {len(failed)} of {len(urls)} channel(s): " \
            + ", ".join(failed)
    return result


def _send_one(url: str, settings: Settings, digest: Digest) -> bool:
    channel = apprise.Apprise()
    if not channel.add(url):
        raise ValueError(f"not an Apprise URL Apprise can use: {redact_url(url)}")
    fmt = _channel_format(channel)
    return bool(channel.notify(
        body=render(digest, fmt),
        title=redact_text(digest_title(settings, digest)),
        body_format=fmt,
    ))


def _channel_format(channel: Any) -> str:
    """The format the (single) configured service renders: text, markdown or html."""
    fmt = str(channel[0].resolve_format(None).value)
    return fmt if fmt in FORMATS else "text"


def trial_digest() -> Digest:
    """A digest that says it is a test, for ``ktpwatch notify test``."""
    return Digest(None, flags=("test notification from ktpwatch: this channel works",))
