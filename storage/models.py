"""Typed SQLAlchemy 2.x models for the whole life of a listing.

Scan → sighting → listing (+ seller) → assessment and identifiers → alert
(with its audit events and links) → evidence bundles → notices → re-checks.
Nothing is overwritten silently: a changed title or price becomes a new
:class:`Sighting` with its own content hash; the :class:`Listing` row only keeps
the latest view for fast listing.

Alembic owns the schema (``storage/migrations``); a test fails when these
models and the migrations disagree.
"""

from __future__ import annotations

import enum
from datetime import UTC, date, datetime
from typing import Any

from sqlalchemy import (
    JSON,
    BigInteger,
    DateTime,
    Float,
    ForeignKey,
    Index,
    Integer,
    MetaData,
    String,
    Text,
    UniqueConstraint,
)
from sqlalchemy.orm import DeclarativeBase, Mapped, mapped_column, relationship
from sqlalchemy.types import TypeDecorator


def utcnow() -> datetime:
    return datetime.now(UTC)


class UTCDateTime(TypeDecorator[datetime]):
    """Timezone-aware UTC datetimes on every backend (SQLite stores naive values)."""

    impl = DateTime(timezone=True)
    cache_ok = True

    def process_bind_param(self, value: datetime | None, dialect: Any) -> datetime | None:
        if value is None:
            return None
        if value.tzinfo is None:
            value = value.replace(tzinfo=UTC)
        return value.astimezone(UTC)

    def process_result_value(self, value: datetime | None, dialect: Any) -> datetime | None:
        if value is None:
            return None
        if value.tzinfo is None:
            return value.replace(tzinfo=UTC)
        return value.astimezone(UTC)


NAMING = {
    "ix": "ix_%(column_0_label)s",
    "uq": "uq_%(table_name)s_%(column_0_name)s",
    "ck": "ck_%(table_name)s_%(constraint_name)s",
    "fk": "fk_%(table_name)s_%(column_0_name)s_%(referred_table_name)s",
    "pk": "pk_%(table_name)s",
}


class Base(DeclarativeBase):
    metadata = MetaData(naming_convention=NAMING)
    type_annotation_map = {datetime: UTCDateTime(), dict[str, Any]: JSON, list[Any]: JSON}


class Verdict(enum.StrEnum):
    BLANK = "blank"
    RELATED = "related"
    BENIGN = "benign"


class AlertStatus(enum.StrEnum):
    NEW = "new"
    CONFIRMED = "confirmed"
    DISMISSED = "dismissed"
    NOTIFIED = "notified"
    REMOVED = "removed"
    STILL_LIVE = "still_live"
    ESCALATED = "escalated"
    RELISTED = "relisted"


#: The only moves an alert may make. ``reopen`` (dismissed/removed → new) is
#: allowed here but the CLI demands a note for it.
ALERT_TRANSITIONS: dict[AlertStatus, frozenset[AlertStatus]] = {
    AlertStatus.NEW: frozenset({AlertStatus.CONFIRMED, AlertStatus.DISMISSED}),
    AlertStatus.CONFIRMED: frozenset({AlertStatus.NOTIFIED, AlertStatus.DISMISSED}),
    AlertStatus.DISMISSED: frozenset({AlertStatus.NEW}),
    AlertStatus.NOTIFIED: frozenset({AlertStatus.REMOVED, AlertStatus.STILL_LIVE}),
    AlertStatus.STILL_LIVE: frozenset({AlertStatus.ESCALATED, AlertStatus.REMOVED}),
    AlertStatus.ESCALATED: frozenset({AlertStatus.REMOVED, AlertStatus.STILL_LIVE}),
    AlertStatus.REMOVED: frozenset({AlertStatus.RELISTED, AlertStatus.NEW}),
    AlertStatus.RELISTED: frozenset(),
}


class NoticeStatus(enum.StrEnum):
    DRAFT = "draft"
    #: claimed by one ``notices send`` run, SMTP under way; stays so if that run died mid-send
    #: (resolve with ``ktpwatch notices resolve ID --sent|--failed``)
    SENDING = "sending"
    SENT = "sent"
    FAILED = "failed"


class NoticeKind(enum.StrEnum):
    TAKEDOWN = "takedown"
    ESCALATION = "escalation"
    COMPLAINT = "complaint"


class CaptureStatus(enum.StrEnum):
    PENDING = "pending"
    OK = "ok"
    FAILED = "failed"


class Marketplace(Base):
    __tablename__ = "marketplaces"

    id: Mapped[int] = mapped_column(primary_key=True)
    name: Mapped[str] = mapped_column(String(40), unique=True)
    display_name: Mapped[str] = mapped_column(String(80), default="")


class Scan(Base):
    __tablename__ = "scans"

    id: Mapped[int] = mapped_column(primary_key=True)
    started_at: Mapped[datetime] = mapped_column(default=utcnow, index=True)
    finished_at: Mapped[datetime | None]
    trigger: Mapped[str] = mapped_column(String(20), default="manual")
    status: Mapped[str] = mapped_column(String(20), default="running")
    queries: Mapped[list[Any]] = mapped_column(default=list)
    marketplaces: Mapped[list[Any]] = mapped_column(default=list)
    stats: Mapped[dict[str, Any]] = mapped_column(default=dict)
    error: Mapped[str | None] = mapped_column(Text)

    marketplace_stats: Mapped[list[ScanMarketplaceStat]] = relationship(
        back_populates="scan", cascade="all, delete-orphan"
    )


class ScanMarketplaceStat(Base):
    """One marketplace's health in one scan: what Spidermon-style monitors read."""

    __tablename__ = "scan_marketplace_stats"
    __table_args__ = (UniqueConstraint("scan_id", "marketplace"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    scan_id: Mapped[int] = mapped_column(ForeignKey("scans.id", ondelete="CASCADE"))
    marketplace: Mapped[str] = mapped_column(String(40), index=True)
    requests: Mapped[int] = mapped_column(default=0)
    responses_by_status: Mapped[dict[str, Any]] = mapped_column(default=dict)
    items: Mapped[int] = mapped_column(default=0)
    hits: Mapped[int] = mapped_column(default=0)
    errors: Mapped[int] = mapped_column(default=0)
    parse_failures: Mapped[int] = mapped_column(default=0)
    blocked: Mapped[int] = mapped_column(default=0)
    duration_seconds: Mapped[float] = mapped_column(Float, default=0.0)
    flags: Mapped[list[Any]] = mapped_column(default=list)

    scan: Mapped[Scan] = relationship(back_populates="marketplace_stats")


class Seller(Base):
    __tablename__ = "sellers"
    __table_args__ = (UniqueConstraint("marketplace", "external_id"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    marketplace: Mapped[str] = mapped_column(String(40))
    external_id: Mapped[str] = mapped_column(String(200))
    name: Mapped[str] = mapped_column(String(500), default="")
    url: Mapped[str] = mapped_column(Text, default="")
    city: Mapped[str] = mapped_column(String(200), default="")
    first_seen_at: Mapped[datetime] = mapped_column(default=utcnow)

    listings: Mapped[list[Listing]] = relationship(back_populates="seller")


class Listing(Base):
    __tablename__ = "listings"
    __table_args__ = (UniqueConstraint("marketplace", "external_id"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    marketplace: Mapped[str] = mapped_column(String(40), index=True)
    external_id: Mapped[str] = mapped_column(String(200))
    url: Mapped[str] = mapped_column(Text)
    title: Mapped[str] = mapped_column(Text, default="")
    description: Mapped[str] = mapped_column(Text, default="")
    price: Mapped[int | None] = mapped_column(BigInteger)
    seller_id: Mapped[int | None] = mapped_column(ForeignKey("sellers.id"), index=True)
    image_urls: Mapped[list[Any]] = mapped_column(default=list)
    sold_count: Mapped[int | None]
    listed_at: Mapped[datetime | None]
    first_seen_at: Mapped[datetime] = mapped_column(default=utcnow)
    last_seen_at: Mapped[datetime] = mapped_column(default=utcnow)
    content_hash: Mapped[str] = mapped_column(String(64), default="")
    #: live | removed (set by follow-up re-checks)
    state: Mapped[str] = mapped_column(String(20), default="live")

    seller: Mapped[Seller | None] = relationship(back_populates="listings")
    sightings: Mapped[list[Sighting]] = relationship(
        back_populates="listing", order_by="Sighting.seen_at"
    )
    assessments: Mapped[list[AssessmentRecord]] = relationship(
        back_populates="listing", order_by="AssessmentRecord.created_at"
    )
    identifiers: Mapped[list[Identifier]] = relationship(back_populates="listing")
    alert: Mapped[Alert | None] = relationship(back_populates="listing", uselist=False)


class Sighting(Base):
    """This scan saw this listing with this content."""

    __tablename__ = "sightings"
    __table_args__ = (
        Index("ix_sightings_listing_seen", "listing_id", "seen_at"),
        #: one sighting per listing per scan, even with concurrent workers
        UniqueConstraint("listing_id", "scan_id"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    listing_id: Mapped[int] = mapped_column(ForeignKey("listings.id", ondelete="CASCADE"))
    scan_id: Mapped[int | None] = mapped_column(
        ForeignKey("scans.id", ondelete="SET NULL"), index=True
    )
    seen_at: Mapped[datetime] = mapped_column(default=utcnow)
    query: Mapped[str] = mapped_column(String(500), default="")
    title: Mapped[str] = mapped_column(Text, default="")
    description: Mapped[str] = mapped_column(Text, default="")
    price: Mapped[int | None] = mapped_column(BigInteger)
    content_hash: Mapped[str] = mapped_column(String(64))
    #: the listing as the marketplace's JSON described it (kept for evidence)
    raw: Mapped[dict[str, Any]] = mapped_column(default=dict)

    listing: Mapped[Listing] = relationship(back_populates="sightings")


class AssessmentRecord(Base):
    """The matcher's verdict on one sighting, as stored (the matcher's own result is ``matchers.Assessment``)."""

    __tablename__ = "assessments"

    id: Mapped[int] = mapped_column(primary_key=True)
    listing_id: Mapped[int] = mapped_column(
        ForeignKey("listings.id", ondelete="CASCADE"), index=True
    )
    sighting_id: Mapped[int | None] = mapped_column(ForeignKey("sightings.id", ondelete="SET NULL"))
    created_at: Mapped[datetime] = mapped_column(default=utcnow)
    score: Mapped[float] = mapped_column(Float)
    verdict: Mapped[str] = mapped_column(String(20), index=True)
    reasons: Mapped[list[Any]] = mapped_column(default=list)
    matcher_version: Mapped[str] = mapped_column(String(40))

    listing: Mapped[Listing] = relationship(back_populates="assessments")


class Identifier(Base):
    """A chip UID, NIK, phone number, contact URL or shop id found in a listing."""

    __tablename__ = "identifiers"
    __table_args__ = (
        UniqueConstraint("listing_id", "kind", "value", "source"),
        Index("ix_identifiers_kind_value", "kind", "value"),
        #: `alerts list --identifier VALUE` looks values up without a kind
        Index("ix_identifiers_value", "value"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    listing_id: Mapped[int] = mapped_column(ForeignKey("listings.id", ondelete="CASCADE"))
    kind: Mapped[str] = mapped_column(String(20))
    value: Mapped[str] = mapped_column(String(200))
    #: title | description | image
    source: Mapped[str] = mapped_column(String(20), default="text")
    image_sha256: Mapped[str | None] = mapped_column(String(64))
    first_seen_at: Mapped[datetime] = mapped_column(default=utcnow)
    #: chip UIDs: characters read from a lookalike letter (O→0, I/L→1, S→5) to make ``value``
    corrected: Mapped[int] = mapped_column(default=0, server_default="0")
    #: chip UIDs, as last traced to the stock ledger (on ingest and on every ledger import):
    #: exact | fuzzy | ambiguous | absent | unreadable, "" while no ledger is imported
    trace: Mapped[str] = mapped_column(String(12), default="", server_default="")
    trace_entry_id: Mapped[int | None] = mapped_column(ForeignKey("ledger_entries.id", ondelete="SET NULL"))
    trace_confidence: Mapped[float] = mapped_column(Float, default=0.0, server_default="0")

    listing: Mapped[Listing] = relationship(back_populates="identifiers")


class Alert(Base):
    __tablename__ = "alerts"
    __table_args__ = (
        Index("ix_alerts_status_score", "status", "score"),
        Index("ix_alerts_marketplace_status", "marketplace", "status"),
        #: `alerts list --sort last_seen` (and the default triage views) walk this
        Index("ix_alerts_last_seen_at", "last_seen_at"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    listing_id: Mapped[int] = mapped_column(ForeignKey("listings.id"), unique=True)
    #: denormalised from the listing so list filters need no join
    marketplace: Mapped[str] = mapped_column(String(40))
    status: Mapped[str] = mapped_column(String(20), default=AlertStatus.NEW.value)
    verdict: Mapped[str] = mapped_column(String(20))
    score: Mapped[float] = mapped_column(Float)
    opened_at: Mapped[datetime] = mapped_column(default=utcnow, index=True)
    updated_at: Mapped[datetime] = mapped_column(default=utcnow)
    last_seen_at: Mapped[datetime] = mapped_column(default=utcnow)
    sighting_count: Mapped[int] = mapped_column(Integer, default=1)
    assignee: Mapped[str] = mapped_column(String(200), default="")
    notified_at: Mapped[datetime | None]
    deadline_at: Mapped[datetime | None]
    removed_at: Mapped[datetime | None]

    listing: Mapped[Listing] = relationship(back_populates="alert")
    events: Mapped[list[AlertEvent]] = relationship(
        back_populates="alert", order_by="AlertEvent.at", cascade="all, delete-orphan"
    )


class AlertEvent(Base):
    """The audit trail: who did what to an alert, and when."""

    __tablename__ = "alert_events"

    id: Mapped[int] = mapped_column(primary_key=True)
    alert_id: Mapped[int] = mapped_column(ForeignKey("alerts.id", ondelete="CASCADE"), index=True)
    at: Mapped[datetime] = mapped_column(default=utcnow)
    actor: Mapped[str] = mapped_column(String(200))
    action: Mapped[str] = mapped_column(String(40))
    from_status: Mapped[str | None] = mapped_column(String(20))
    to_status: Mapped[str | None] = mapped_column(String(20))
    note: Mapped[str] = mapped_column(Text, default="")

    alert: Mapped[Alert] = relationship(back_populates="events")


class AlertLink(Base):
    """Two alerts that share a seller, an identifier, a photo, or are the same listing relisted."""

    __tablename__ = "alert_links"
    __table_args__ = (UniqueConstraint("alert_id", "linked_alert_id", "reason"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    alert_id: Mapped[int] = mapped_column(ForeignKey("alerts.id", ondelete="CASCADE"), index=True)
    linked_alert_id: Mapped[int] = mapped_column(
        ForeignKey("alerts.id", ondelete="CASCADE"), index=True
    )
    #: same_seller | same_identifier | same_photo | relisted
    reason: Mapped[str] = mapped_column(String(40))
    detail: Mapped[str] = mapped_column(Text, default="")
    created_at: Mapped[datetime] = mapped_column(default=utcnow)


class EvidenceBundle(Base):
    """One capture of one listing: WARC, HTML, screenshot, listing JSON and manifest."""

    __tablename__ = "evidence_bundles"

    id: Mapped[int] = mapped_column(primary_key=True)
    listing_id: Mapped[int] = mapped_column(ForeignKey("listings.id"), index=True)
    alert_id: Mapped[int | None] = mapped_column(ForeignKey("alerts.id"), index=True)
    status: Mapped[str] = mapped_column(String(20), default=CaptureStatus.PENDING.value)
    reason: Mapped[str] = mapped_column(Text, default="")
    attempts: Mapped[int] = mapped_column(default=0)
    requested_at: Mapped[datetime] = mapped_column(default=utcnow)
    captured_at: Mapped[datetime | None]
    manifest_sha256: Mapped[str | None] = mapped_column(String(64))
    #: why it was captured: first_hit | recheck | manual
    purpose: Mapped[str] = mapped_column(String(20), default="first_hit")

    files: Mapped[list[Evidence]] = relationship(back_populates="bundle")


class Evidence(Base):
    """One evidence file in the content-addressed store."""

    __tablename__ = "evidence"

    id: Mapped[int] = mapped_column(primary_key=True)
    bundle_id: Mapped[int | None] = mapped_column(
        ForeignKey("evidence_bundles.id", ondelete="CASCADE"), index=True
    )
    listing_id: Mapped[int | None] = mapped_column(ForeignKey("listings.id"), index=True)
    alert_id: Mapped[int | None] = mapped_column(ForeignKey("alerts.id"), index=True)
    #: warc | html | screenshot | listing_json | manifest | image
    kind: Mapped[str] = mapped_column(String(20))
    name: Mapped[str] = mapped_column(String(200), default="")
    path: Mapped[str] = mapped_column(Text)
    sha256: Mapped[str] = mapped_column(String(64), index=True)
    size: Mapped[int] = mapped_column(BigInteger)
    captured_at: Mapped[datetime] = mapped_column(default=utcnow)
    url: Mapped[str] = mapped_column(Text, default="")
    http_status: Mapped[int | None]
    tool_version: Mapped[str] = mapped_column(String(200), default="")

    bundle: Mapped[EvidenceBundle | None] = relationship(back_populates="files")


class Notice(Base):
    __tablename__ = "notices"

    id: Mapped[int] = mapped_column(primary_key=True)
    #: public id printed in the notice and the X-Ktpwatch-Notice-Id header
    notice_uid: Mapped[str] = mapped_column(String(64), unique=True)
    marketplace: Mapped[str] = mapped_column(String(40), index=True)
    kind: Mapped[str] = mapped_column(String(20), default=NoticeKind.TAKEDOWN.value)
    status: Mapped[str] = mapped_column(String(20), default=NoticeStatus.DRAFT.value)
    recipient: Mapped[str] = mapped_column(String(320))
    subject: Mapped[str] = mapped_column(Text, default="")
    created_at: Mapped[datetime] = mapped_column(default=utcnow)
    sent_at: Mapped[datetime | None]
    deadline_at: Mapped[datetime | None]
    message_id: Mapped[str | None] = mapped_column(String(500))
    eml_path: Mapped[str] = mapped_column(Text, default="")
    eml_sha256: Mapped[str] = mapped_column(String(64), default="")
    smtp_response: Mapped[str] = mapped_column(Text, default="")
    attempts: Mapped[int] = mapped_column(default=0)
    last_error: Mapped[str] = mapped_column(Text, default="")
    parent_notice_id: Mapped[int | None] = mapped_column(ForeignKey("notices.id"))

    alert_links: Mapped[list[NoticeAlert]] = relationship(
        back_populates="notice", cascade="all, delete-orphan"
    )


class NoticeAlert(Base):
    __tablename__ = "notice_alerts"

    notice_id: Mapped[int] = mapped_column(
        ForeignKey("notices.id", ondelete="CASCADE"), primary_key=True
    )
    alert_id: Mapped[int] = mapped_column(ForeignKey("alerts.id"), primary_key=True, index=True)

    notice: Mapped[Notice] = relationship(back_populates="alert_links")
    alert: Mapped[Alert] = relationship()


class RecheckOutcome(enum.StrEnum):
    """What a follow-up re-check could tell: only a positive sign is ``removed``, only a read product ``live``."""

    REMOVED = "removed"
    LIVE = "live"
    UNKNOWN = "unknown"


class Recheck(Base):
    """A follow-up fetch of a listing after a notice."""

    __tablename__ = "rechecks"

    id: Mapped[int] = mapped_column(primary_key=True)
    alert_id: Mapped[int] = mapped_column(ForeignKey("alerts.id", ondelete="CASCADE"), index=True)
    checked_at: Mapped[datetime] = mapped_column(default=utcnow)
    url: Mapped[str] = mapped_column(Text)
    http_status: Mapped[int | None]
    #: removed | live | unknown (blocked, captcha, login wall, unreadable, network: retried, never live)
    outcome: Mapped[str] = mapped_column(String(20))
    detail: Mapped[str] = mapped_column(Text, default="")
    #: short cause: not_found, ok, captcha, blocked, layout_changed, http_503, network, refused …
    reason: Mapped[str] = mapped_column(String(40), default="", server_default="")
    #: how many undecided re-checks in a row this one is (1 for the first, and for every decided one)
    attempt: Mapped[int] = mapped_column(default=1, server_default="1")
    #: an undecided re-check waits this long before the next try (a span, so no date lies ahead)
    retry_after_seconds: Mapped[float | None] = mapped_column(Float)


class Image(Base):
    """A listing photo, stored once by content hash, with OCR text and perceptual hashes."""

    __tablename__ = "images"

    id: Mapped[int] = mapped_column(primary_key=True)
    sha256: Mapped[str | None] = mapped_column(String(64), unique=True)
    first_url: Mapped[str] = mapped_column(Text, default="")
    path: Mapped[str] = mapped_column(Text, default="")
    size: Mapped[int | None] = mapped_column(BigInteger)
    width: Mapped[int | None]
    height: Mapped[int | None]
    phash: Mapped[str | None] = mapped_column(String(32), index=True)
    dhash: Mapped[str | None] = mapped_column(String(32))
    ocr_text: Mapped[str] = mapped_column(Text, default="")
    #: pending | ok | failed
    status: Mapped[str] = mapped_column(String(20), default=CaptureStatus.PENDING.value)
    error: Mapped[str] = mapped_column(Text, default="")
    processed_at: Mapped[datetime | None]


class ListingImage(Base):
    __tablename__ = "listing_images"
    __table_args__ = (UniqueConstraint("listing_id", "url"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    listing_id: Mapped[int] = mapped_column(ForeignKey("listings.id", ondelete="CASCADE"), index=True)
    url: Mapped[str] = mapped_column(Text)
    image_id: Mapped[int | None] = mapped_column(ForeignKey("images.id"), index=True)
    #: pending | ok | failed | refused
    status: Mapped[str] = mapped_column(String(20), default=CaptureStatus.PENDING.value)
    error: Mapped[str] = mapped_column(Text, default="")


class JobRun(Base):
    """One run of a scheduled job, for ``schedule status``."""

    __tablename__ = "job_runs"

    id: Mapped[int] = mapped_column(primary_key=True)
    job_id: Mapped[str] = mapped_column(String(100), index=True)
    started_at: Mapped[datetime] = mapped_column(default=utcnow)
    finished_at: Mapped[datetime | None]
    #: running | ok | failed | skipped
    outcome: Mapped[str] = mapped_column(String(20), default="running")
    detail: Mapped[str] = mapped_column(Text, default="")
    new_alerts: Mapped[int] = mapped_column(default=0)
    scan_id: Mapped[int | None] = mapped_column(ForeignKey("scans.id", ondelete="SET NULL"))
    owner: Mapped[str] = mapped_column(String(200), default="")


class Lease(Base):
    """A named lease so two schedulers on one database never run the same job twice."""

    __tablename__ = "leases"

    name: Mapped[str] = mapped_column(String(100), primary_key=True)
    owner: Mapped[str] = mapped_column(String(200))
    acquired_at: Mapped[datetime] = mapped_column(default=utcnow)
    expires_at: Mapped[datetime]


class LedgerImport(Base):
    """One import of a ledger file: which file (and its SHA-256), who, when, how many rows."""

    __tablename__ = "ledger_imports"

    id: Mapped[int] = mapped_column(primary_key=True)
    at: Mapped[datetime] = mapped_column(default=utcnow)
    actor: Mapped[str] = mapped_column(String(200))
    file_name: Mapped[str] = mapped_column(String(300))
    file_sha256: Mapped[str] = mapped_column(String(64))
    rows: Mapped[int] = mapped_column(default=0)
    rejected: Mapped[int] = mapped_column(default=0)


class LedgerEntry(Base):
    """One chip, or one contiguous range of chip UIDs, in the issuer's blank-stock ledger.

    UIDs are stored as integer bounds (``uid_start`` ≤ ``uid_end``, a single chip
    has both equal) shifted by -2**63 so an 8-byte UID fits a signed BIGINT and
    the order is kept: the entry holding a UID is the one with the greatest
    ``uid_start`` at or below it, one index seek. Entries of one ``uid_bytes``
    never overlap (the import refuses it).
    """

    __tablename__ = "ledger_entries"
    __table_args__ = (UniqueConstraint("uid_bytes", "uid_start"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    uid_bytes: Mapped[int] = mapped_column(Integer)
    uid_start: Mapped[int] = mapped_column(BigInteger)
    uid_end: Mapped[int] = mapped_column(BigInteger)
    serial: Mapped[str] = mapped_column(String(64), default="")
    batch: Mapped[str] = mapped_column(String(100), default="")
    contract: Mapped[str] = mapped_column(String(200), default="")
    #: Kemendagri code of the province or regency office the blanks went to ("32.76")
    consignee_code: Mapped[str] = mapped_column(String(13), default="", index=True)
    dispatch_date: Mapped[date | None]
    #: in_stock | dispatched | printed | damaged | destroyed | reported_lost
    status: Mapped[str] = mapped_column(String(20))
    status_date: Mapped[date | None]
    #: the import and the file row that created the entry
    import_id: Mapped[int] = mapped_column(ForeignKey("ledger_imports.id"), index=True)
    import_row: Mapped[int] = mapped_column(Integer)


class LedgerStatusChange(Base):
    """The history of a ledger entry's status, oldest first; the first row is its status when imported."""

    __tablename__ = "ledger_status_changes"

    id: Mapped[int] = mapped_column(primary_key=True)
    entry_id: Mapped[int] = mapped_column(ForeignKey("ledger_entries.id", ondelete="CASCADE"), index=True)
    status: Mapped[str] = mapped_column(String(20))
    status_date: Mapped[date | None]
    import_id: Mapped[int] = mapped_column(ForeignKey("ledger_imports.id"), index=True)
    import_row: Mapped[int] = mapped_column(Integer)


class LedgerAccessEvent(Base):
    """Who looked into the ledger (``ledger show``, exports), like a ``reveal`` audit event."""

    __tablename__ = "ledger_access_events"

    id: Mapped[int] = mapped_column(primary_key=True)
    at: Mapped[datetime] = mapped_column(default=utcnow)
    actor: Mapped[str] = mapped_column(String(200))
    action: Mapped[str] = mapped_column(String(40))
    subject: Mapped[str] = mapped_column(Text, default="")
    note: Mapped[str] = mapped_column(Text, default="")


class ActorStatus(enum.StrEnum):
    """An actor is active while it has alerts; retired when a rebuild finds none of them."""

    ACTIVE = "active"
    RETIRED = "retired"


class ActorRow(Base):
    """One seller behind alerts, as the last rebuild found it (``alerts.actors``), with its risk."""

    __tablename__ = "actors"

    #: the stable id (``act-`` and 10 hex digits), kept across rebuilds
    id: Mapped[str] = mapped_column(String(32), primary_key=True)
    display_name: Mapped[str] = mapped_column(String(500), default="")
    marketplaces: Mapped[list[Any]] = mapped_column(default=list)
    anchor: Mapped[str] = mapped_column(Text, default="")
    first_seen_at: Mapped[datetime]
    last_seen_at: Mapped[datetime] = mapped_column(index=True)
    risk_score: Mapped[int] = mapped_column(Integer, default=0, index=True)
    #: [{name, weight, fullness, points, detail}], highest points first
    risk_reasons: Mapped[list[Any]] = mapped_column(default=list)
    #: [{a, b, reason, strength, detail}]: why its alerts are one seller
    links: Mapped[list[Any]] = mapped_column(default=list)
    status: Mapped[str] = mapped_column(String(20), default=ActorStatus.ACTIVE.value, index=True)
    #: the id that absorbed this one when two actors were joined
    merged_into: Mapped[str | None] = mapped_column(String(32))
    updated_at: Mapped[datetime] = mapped_column(default=utcnow)


class ActorMember(Base):
    """An alert's actor: one row per alert, replaced by each rebuild."""

    __tablename__ = "actor_members"

    alert_id: Mapped[int] = mapped_column(ForeignKey("alerts.id", ondelete="CASCADE"), primary_key=True)
    actor_id: Mapped[str] = mapped_column(ForeignKey("actors.id", ondelete="CASCADE"), index=True)


class ActorCorrection(Base):
    """An analyst's merge or split, on alert ids so it outlives actor ids and holds on every rebuild."""

    __tablename__ = "actor_corrections"

    id: Mapped[int] = mapped_column(primary_key=True)
    at: Mapped[datetime] = mapped_column(default=utcnow)
    analyst: Mapped[str] = mapped_column(String(200))
    #: merge | split
    kind: Mapped[str] = mapped_column(String(10))
    #: merge: [alert a]; split: the alerts of one side
    side_a: Mapped[list[Any]] = mapped_column(default=list)
    #: merge: [alert b]; split: the alerts of the other side
    side_b: Mapped[list[Any]] = mapped_column(default=list)
    note: Mapped[str] = mapped_column(Text, default="")
