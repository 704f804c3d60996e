"""RFC 5322 messages for notices, built with Python's ``email`` package (pure).

A notice leaves as exactly the bytes written to its ``.eml`` file: the file's
SHA-256 is stored, and sending re-reads and re-checks it. Headers are built
only from our own values and pass through :func:`header_value`, which drops
CR, LF and other control characters, so nothing a seller writes can add a
header (``email.policy`` would refuse a raw line break anyway; we make the
value harmless before it gets that far).
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import datetime
from email import policy
from email.message import EmailMessage
from email.utils import format_datetime, formataddr, make_msgid

from alerts.notices.render import RenderedNotice

NOTICE_ID_HEADER = "X-Ktpwatch-Notice-Id"
#: CRLF line endings, as SMTP wants them; the .eml is byte-identical to what is sent.
EML_POLICY = policy.SMTP

_HEADER_CONTROL = re.compile(r"[\x00-\x1f\x7f-\x9f\u2028\u2029]+")


def header_value(value: object) -> str:
    """A header value that cannot break out of its line."""
    return " ".join(_HEADER_CONTROL.sub(" ", str(value)).split())


@dataclass(frozen=True)
class Attachment:
    filename: str
    content: bytes
    maintype: str
    subtype: str


@dataclass(frozen=True)
class Envelope:
    """Who the message is from and to, and how it threads."""

    sender_name: str
    sender_email: str
    recipient: str
    notice_uid: str
    date: datetime
    message_id: str
    in_reply_to: str | None = None


def new_message_id(sender_email: str, notice_uid: str) -> str:
    """A globally unique ``Message-ID`` in the sender's domain."""
    domain = header_value(sender_email.rsplit("@", 1)[-1]) or "ktpwatch.invalid"
    return make_msgid(idstring=re.sub(r"[^A-Za-z0-9.-]", "", notice_uid), domain=domain)


def build_message(
    rendered: RenderedNotice, envelope: Envelope, attachments: Sequence[Attachment] = ()
) -> EmailMessage:
    """The notice as ``multipart/mixed``: text and HTML alternatives, then attachments."""
    msg = EmailMessage(policy=EML_POLICY)
    msg["From"] = formataddr((header_value(envelope.sender_name), header_value(envelope.sender_email)))
    msg["To"] = header_value(envelope.recipient)
    msg["Reply-To"] = header_value(envelope.sender_email)
    msg["Subject"] = header_value(rendered.subject)
    msg["Date"] = format_datetime(envelope.date)
    msg["Message-ID"] = header_value(envelope.message_id)
    if envelope.in_reply_to:
        msg["In-Reply-To"] = header_value(envelope.in_reply_to)
        msg["References"] = header_value(envelope.in_reply_to)
    msg[NOTICE_ID_HEADER] = header_value(envelope.notice_uid)
    msg["Content-Language"] = "id, en"
    msg.set_content(rendered.text, subtype="plain", charset="utf-8")
    msg.add_alternative(rendered.html, subtype="html", charset="utf-8")
    for item in attachments:
        msg.add_attachment(
            item.content,
            maintype=item.maintype,
            subtype=item.subtype,
            filename=header_value(item.filename),
        )
    return msg


def message_bytes(msg: EmailMessage) -> bytes:
    return msg.as_bytes(policy=EML_POLICY)
