"""Batch alerts into notices: one per marketplace, split by the configured maximum.

``draft_notices`` reads confirmed, not yet notified alerts (or, with
``escalate=True``, still-live ones), renders each batch from the templates,
writes the ``.eml`` into ``<evidence dir>/notices/`` and records a draft
:class:`Notice`. Nothing is sent here and no alert changes status: an alert
moves to ``notified`` only when its notice has actually left
(:mod:`alerts.notices.sending`).
"""

from __future__ import annotations

import hashlib
import mimetypes
import os
import secrets
import tempfile
from collections.abc import Iterator, Sequence
from dataclasses import dataclass, field
from datetime import UTC, datetime
from itertools import groupby
from pathlib import Path

from jinja2 import Environment
from sqlalchemy.orm import Session

from alerts.evidence.manifest import redacted_copy
from alerts.notices.message import (
    Attachment,
    Envelope,
    build_message,
    message_bytes,
    new_message_id,
)
from alerts.notices.render import (
    ListingEntry,
    NoticeContent,
    ParentNotice,
    SenderInfo,
    one_line,
    render_notice,
    template_environment,
)
from alerts.redaction import redact_niks_in_address
from config import Settings, packaged_templates_dir
from config.secrets import redact_urls
from storage.listings import listing_identifiers
from storage.models import Alert, Listing, Notice, NoticeAlert, NoticeKind, NoticeStatus
from storage.notices import (
    alerts_to_escalate,
    alerts_to_notify,
    bundle_files,
    first_capture_time,
    first_sent_notice,
    latest_bundle,
)


@dataclass
class DraftResult:
    notices: list[Notice] = field(default_factory=list)
    #: one line each: why an alert or a marketplace got no notice
    problems: list[str] = field(default_factory=list)


def notices_dir(settings: Settings) -> Path:
    return Path(settings.evidence.dir) / "notices"


def environment_for(settings: Settings) -> Environment:
    user_dir = settings.notices.templates_dir.strip()
    if user_dir and not Path(user_dir).is_dir():
        raise FileNotFoundError(f"notices.templates_dir: {user_dir}: no such folder")
    return template_environment(
        Path(user_dir) if user_dir else None, packaged_templates_dir(), settings.schedule.timezone
    )


def new_notice_uid(marketplace: str, now: datetime) -> str:
    return f"KTPW-{now:%Y%m%d}-{marketplace.upper()[:12]}-{secrets.token_hex(4).upper()}"


def chunked(items: Sequence[Alert], size: int) -> Iterator[list[Alert]]:
    for start in range(0, len(items), size):
        yield list(items[start : start + size])


def _evidence_path(settings: Settings, stored: str) -> Path:
    path = Path(stored)
    return path if path.is_absolute() else Path(settings.evidence.dir) / path


def _attachments_for(
    session: Session, settings: Settings, alert: Alert, problems: list[str]
) -> tuple[str | None, list[Attachment]]:
    """The manifest SHA-256 a notice cites for this alert, and the files it attaches."""
    bundle = latest_bundle(session, alert.listing_id)
    if bundle is None:
        problems.append(f"alert {alert.id}: no complete evidence bundle yet; cited without manifest")
        return None, []
    kinds = ["manifest", "screenshot"] if settings.notices.attach_screenshots else ["manifest"]
    found: list[Attachment] = []
    for kind in kinds:
        for item in bundle_files(bundle, kind):
            path = _evidence_path(settings, item.path)
            try:
                content = path.read_bytes()
            except OSError as exc:
                problems.append(f"alert {alert.id}: {kind} {path} not attached ({exc.strerror})")
                continue
            ctype = mimetypes.guess_type(path.name)[0] or (
                "application/json" if kind == "manifest" else "application/octet-stream"
            )
            maintype, subtype = ctype.split("/", 1)
            suffix = path.suffix or (".json" if kind == "manifest" else ".png")
            if kind == "manifest":  # the stored manifest is evidence; the notice carries a masked copy
                masked = redacted_copy(content, item.sha256)
                suffix = suffix if masked is content else f".redacted{suffix}"
                content = masked
            name = f"alert-{alert.id}-{kind}-{item.sha256[:12]}{suffix}"
            found.append(Attachment(name, content, maintype, subtype))
    return bundle.manifest_sha256, found


def _entry(session: Session, alert: Alert, manifest_sha256: str | None) -> ListingEntry:
    listing = alert.listing
    seller = listing.seller
    return ListingEntry(
        url=_listing_address(session, listing),
        external_id=one_line(listing.external_id, mask=False),
        title=one_line(listing.title),
        shop_name=one_line(seller.name if seller else ""),
        shop_url=one_line(seller.url if seller else "", limit=2000),
        price=listing.price,
        first_captured_at=first_capture_time(session, listing.id) or listing.first_seen_at,
        manifest_sha256=manifest_sha256,
        alert_id=alert.id,
    )


def _listing_address(session: Session, listing: Listing) -> str:
    """The listing's URL as the platform must receive it to find the listing: NIKs the
    listing carries are masked, chance NIK-shaped digits in the slug are not."""
    niks = frozenset(i.value for i in listing_identifiers(session, listing.id) if i.kind == "nik")
    return redact_niks_in_address(redact_urls(one_line(listing.url, limit=2000, mask=False)), niks)


def write_eml(folder: Path, name: str, data: bytes) -> Path:
    """Write atomically (temp file, fsync, rename), owner-only, never over an existing file."""
    folder.mkdir(parents=True, exist_ok=True, mode=0o700)
    target = folder / name
    if target.exists():
        raise FileExistsError(f"{target} already exists")
    fd, tmp = tempfile.mkstemp(dir=folder, prefix=".tmp-", suffix=".eml")
    try:
        with os.fdopen(fd, "wb") as fh:
            fh.write(data)
            fh.flush()
            os.fsync(fh.fileno())
        os.chmod(tmp, 0o600)
        os.replace(tmp, target)
    except BaseException:
        Path(tmp).unlink(missing_ok=True)
        raise
    return target


@dataclass(frozen=True)
class _Batch:
    marketplace: str
    kind: str
    recipient: str
    alerts: list[Alert]
    parent: Notice | None = None


def _draft_one(
    session: Session, settings: Settings, env: Environment, batch: _Batch, now: datetime,
    problems: list[str],
) -> Notice:
    """Render one batch into a stored .eml and its DRAFT ``Notice`` row (flushed, not committed)."""
    uid = new_notice_uid(batch.marketplace, now)
    entries: list[ListingEntry] = []
    attachments: list[Attachment] = []
    for alert in batch.alerts:
        sha, files = _attachments_for(session, settings, alert, problems)
        entries.append(_entry(session, alert, sha))
        attachments.extend(files)
    rendered = render_notice(_notice_content(settings, batch, uid, entries, now), env)
    envelope = _envelope(settings, batch, uid, now)
    data = message_bytes(build_message(rendered, envelope, attachments))
    path = write_eml(notices_dir(settings), f"{uid}.eml", data)
    parent = batch.parent
    notice = Notice(
        notice_uid=uid,
        marketplace=batch.marketplace,
        kind=batch.kind,
        status=NoticeStatus.DRAFT.value,
        recipient=batch.recipient,
        subject=rendered.subject,
        created_at=now,
        message_id=envelope.message_id,
        eml_path=str(path),
        eml_sha256=hashlib.sha256(data).hexdigest(),
        parent_notice_id=parent.id if parent else None,
    )
    notice.alert_links = [NoticeAlert(alert_id=a.id) for a in batch.alerts]
    session.add(notice)
    session.flush()
    return notice


def _notice_content(
    settings: Settings, batch: _Batch, uid: str, entries: list[ListingEntry], now: datetime
) -> NoticeContent:
    """Everything the templates need, taken from settings and the batch so rendering stays pure."""
    sender = settings.sender
    parent = batch.parent
    return NoticeContent(
        notice_uid=uid,
        kind=batch.kind,
        marketplace=batch.marketplace,
        recipient=batch.recipient,
        platform_contact=settings.marketplace(batch.marketplace).takedown_email or batch.recipient,
        sender=SenderInfo(sender.name, sender.organisation, sender.email, sender.phone),
        listings=tuple(entries),
        legal_basis=tuple(settings.notices.legal_basis),
        deadline_hours=settings.notice_deadline(batch.marketplace).total_seconds() / 3600,
        created_at=now,
        timezone=settings.schedule.timezone,
        parent=(
            ParentNotice(parent.notice_uid, parent.sent_at, parent.recipient, parent.message_id)
            if parent
            else None
        ),
    )


def _envelope(settings: Settings, batch: _Batch, uid: str, now: datetime) -> Envelope:
    """Mail headers; a follow-up replies to its parent's Message-ID so it threads at the platform."""
    sender = settings.sender
    parent = batch.parent
    return Envelope(
        sender_name=sender.name,
        sender_email=sender.email,
        recipient=batch.recipient,
        notice_uid=uid,
        date=now,
        message_id=new_message_id(sender.email, uid),
        in_reply_to=parent.message_id if parent else None,
    )


def _takedown_batches(
    session: Session, settings: Settings, marketplace: str | None, problems: list[str]
) -> list[_Batch]:
    batches: list[_Batch] = []
    size = settings.notices.max_listings_per_notice
    for name, group in groupby(alerts_to_notify(session, marketplace), key=lambda a: a.marketplace):
        alerts = list(group)
        recipient = _takedown_address(settings, name, problems, len(alerts))
        if recipient:
            batches += [
                _Batch(name, NoticeKind.TAKEDOWN.value, recipient, c) for c in chunked(alerts, size)
            ]
    return batches


def _takedown_address(settings: Settings, name: str, problems: list[str], count: int) -> str:
    mp = settings.marketplaces.get(name)
    if mp is None or not mp.takedown_email:
        problems.append(
            f"{name}: {count} alert(s) waiting, but marketplaces.{name}.takedown_email is not configured"
        )
        return ""
    return mp.takedown_email


def _escalation_batches(
    session: Session, settings: Settings, marketplace: str | None, problems: list[str]
) -> list[_Batch]:
    """Still-live alerts grouped by marketplace and by the first notice they were named in."""
    size = settings.notices.max_listings_per_notice
    channel = settings.notices.complaint_channel_email
    complain = settings.notices.escalate_to_complaint_channel and bool(channel)
    keyed: dict[tuple[str, int], tuple[Notice, list[Alert]]] = {}
    for alert in alerts_to_escalate(session, marketplace):
        first = first_sent_notice(session, alert.id)
        if first is None:
            problems.append(f"alert {alert.id}: still live but no sent notice to cite; skipped")
            continue
        keyed.setdefault((alert.marketplace, first.id), (first, []))[1].append(alert)
    batches: list[_Batch] = []
    for (name, _), (first, alerts) in sorted(keyed.items()):
        recipient = _takedown_address(settings, name, problems, len(alerts))
        for chunk in chunked(alerts, size):
            if recipient:
                batches.append(_Batch(name, NoticeKind.ESCALATION.value, recipient, chunk, first))
            if complain:
                batches.append(_Batch(name, NoticeKind.COMPLAINT.value, channel, chunk, first))
    return batches


def draft_notices(
    session: Session,
    settings: Settings,
    *,
    marketplace: str | None = None,
    escalate: bool = False,
    now: datetime | None = None,
) -> DraftResult:
    """Draft every notice that is due; returns the new drafts and what was skipped and why."""
    if marketplace is not None and marketplace not in settings.marketplaces:
        raise KeyError(
            f"unknown marketplace {marketplace!r}; configured: {', '.join(settings.marketplaces)}"
        )
    now = now or datetime.now(UTC)
    env = environment_for(settings)
    result = DraftResult()
    make = _escalation_batches if escalate else _takedown_batches
    for batch in make(session, settings, marketplace, result.problems):
        result.notices.append(_draft_one(session, settings, env, batch, now, result.problems))
    return result
