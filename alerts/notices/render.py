"""Notice content and its rendering from Jinja2 templates (pure: data in, text out).

The content is a frozen dataclass built by :mod:`alerts.notices.drafting`; this
module only turns it into a subject, a plain-text body and an HTML body. It
reads no database and writes no file, so every wording change is testable in
isolation.

Templates live in ``config/templates``: one prose file per kind
(``takedown.j2``, ``escalation.j2``, ``complaint.j2``) that extends whichever
layout it is rendered with, ``_base.txt.j2`` (plain text) or ``_base.html.j2``
(HTML, auto-escaped; the kind's prose is escaped by the ``prose`` filter), so
each wording exists once for both parts.
A deployment may point ``[notices] templates_dir`` at its own folder; any
template it does not provide falls back to the packaged one, so a lawyer can
amend one file without copying the rest.

Listing text is written by the seller, i.e. by a stranger: every field taken
from a listing goes through :func:`one_line` (control characters and line
breaks removed, length capped, NIKs masked) before it reaches a template, and
the HTML templates are auto-escaped. The subject is built here only from our
own values (kind, platform, count, notice id), never from listing text.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import datetime, timedelta
from pathlib import Path
from zoneinfo import ZoneInfo

from jinja2 import (
    ChoiceLoader,
    Environment,
    FileSystemLoader,
    StrictUndefined,
    select_autoescape,
)
from markupsafe import Markup, escape

from alerts.redaction import redact_text

KINDS = ("takedown", "escalation", "complaint")
TEXT_LAYOUT = "_base.txt.j2"
HTML_LAYOUT = "_base.html.j2"

#: A cap on any one listing field in a notice: a 1 MB title must not become a 1 MB email.
MAX_FIELD_CHARS = 300

_CONTROL = re.compile(r"[\x00-\x1f\x7f-\x9f\u2028\u2029\u200b-\u200f\u202a-\u202e\u2066-\u2069]+")

#: how a notice names each marketplace to the company that runs it
MARKETPLACE_NAMES = {
    "tokopedia": "Tokopedia",
    "shopee": "Shopee",
    "lazada": "Lazada",
    "blibli": "Blibli",
    "olx": "OLX",
    "facebook": "Facebook Marketplace",
}


def one_line(value: object, *, limit: int = MAX_FIELD_CHARS, mask: bool = True) -> str:
    """Listing text made safe for a notice: one line, no control characters, NIKs masked.

    ``mask=False`` is for the marketplace's own listing id only: it is the number the
    marketplace finds the listing by, never a person's NIK, even when its 16 digits
    happen to have a NIK's structure (Facebook's ids do, about one in forty).
    """
    text = "" if value is None else str(value)
    text = _CONTROL.sub(" ", text)
    text = " ".join(text.split())
    if mask:
        text = redact_text(text)
    if len(text) > limit:
        text = text[: limit - 1].rstrip() + "…"
    return text


def marketplace_display_name(marketplace: str) -> str:
    return MARKETPLACE_NAMES.get(marketplace, marketplace.capitalize())


@dataclass(frozen=True)
class ListingEntry:
    """One listing as a notice cites it (already cleaned with :func:`one_line`)."""

    url: str
    external_id: str
    title: str
    shop_name: str
    shop_url: str
    price: int | None
    first_captured_at: datetime | None
    manifest_sha256: str | None
    alert_id: int


@dataclass(frozen=True)
class SenderInfo:
    name: str
    organisation: str
    email: str
    phone: str


@dataclass(frozen=True)
class ParentNotice:
    """The first notice an escalation or complaint cites."""

    notice_uid: str
    sent_at: datetime | None
    recipient: str
    message_id: str | None


@dataclass(frozen=True)
class NoticeContent:
    notice_uid: str
    kind: str
    marketplace: str
    recipient: str
    platform_contact: str
    sender: SenderInfo
    listings: tuple[ListingEntry, ...]
    legal_basis: tuple[str, ...]
    deadline_hours: float
    created_at: datetime
    timezone: str = "Asia/Jakarta"
    parent: ParentNotice | None = None

    @property
    def platform(self) -> str:
        """The marketplace's display name; ``platform`` (with ``platform_contact``) is what templates use."""
        return marketplace_display_name(self.marketplace)

    @property
    def indicative_deadline(self) -> datetime:
        return self.created_at + timedelta(hours=self.deadline_hours)


@dataclass(frozen=True)
class RenderedNotice:
    subject: str
    text: str
    html: str


_SUBJECT_PREFIX = {
    "takedown": "Permohonan penurunan konten / Takedown request",
    "escalation": "Eskalasi: konten masih tayang / Escalation: listings still live",
    "complaint": "Aduan konten / Content complaint",
}


def subject_for(content: NoticeContent) -> str:
    """The subject line, built only from our own values (never from listing text)."""
    count = len(content.listings)
    noun = "listing" if count == 1 else "listings"
    prefix = _SUBJECT_PREFIX[content.kind]
    subject = (
        f"{prefix}: penjualan blangko e-KTP di {content.platform} "
        f"({count} {noun}) [{content.notice_uid}]"
    )
    return one_line(subject, limit=250)


def _rupiah(value: int | None) -> str:
    if value is None:
        return "-"
    return "Rp" + f"{value:,}".replace(",", ".")


def _when_filter(tz: str) -> object:
    zone = ZoneInfo(tz)

    def when(value: datetime | None) -> str:
        if value is None:
            return "-"
        local = value.astimezone(zone)
        utc = value.astimezone(ZoneInfo("UTC"))
        return f"{local:%Y-%m-%d %H:%M} {local.tzname()} ({utc:%Y-%m-%d %H:%M} UTC)"

    return when


def _hours(value: float) -> str:
    return f"{value:g}"


def _prose(value: object) -> Markup:
    """Plain-text prose as HTML: always escaped, line breaks kept."""
    lines = str(value).strip().split("\n")
    return Markup("<br>\n").join(escape(line) for line in lines)


def template_environment(templates_dir: Path | None, packaged_dir: Path, tz: str) -> Environment:
    """A Jinja2 environment: user folder first, packaged templates as fallback."""
    loaders = [FileSystemLoader(str(packaged_dir))]
    if templates_dir is not None:
        loaders.insert(0, FileSystemLoader(str(templates_dir)))
    env = Environment(
        loader=ChoiceLoader(loaders),
        autoescape=select_autoescape(enabled_extensions=("html.j2", "html"), default=False),
        undefined=StrictUndefined,
        keep_trailing_newline=True,
        trim_blocks=True,
        lstrip_blocks=True,
    )
    env.filters["rupiah"] = _rupiah
    env.filters["when"] = _when_filter(tz)
    env.filters["hours"] = _hours
    env.filters["prose"] = _prose
    return env


def render_notice(content: NoticeContent, env: Environment) -> RenderedNotice:
    """Render ``content``'s kind template once in each layout (text, HTML)."""
    if content.kind not in KINDS:
        raise ValueError(f"unknown notice kind {content.kind!r}; expected one of {', '.join(KINDS)}")
    subject = subject_for(content)
    template = env.get_template(f"{content.kind}.j2")
    text = template.render(n=content, subject=subject, layout=TEXT_LAYOUT)
    html = template.render(n=content, subject=subject, layout=HTML_LAYOUT)
    return RenderedNotice(subject=subject, text=text, html=html)
