"""Typed configuration models.

Everything a deployment may change lives here as a pydantic model, so a typo
in a TOML key is an error naming the key instead of a silently ignored value.
Secrets are not fields: the SMTP password is read from the environment by
:func:`config.loader.smtp_password` only when a message is actually sent.
"""

from __future__ import annotations

import re
import unicodedata
from datetime import timedelta
from enum import StrEnum
from pathlib import Path
from urllib.parse import urlparse, urlsplit

from pydantic import BaseModel, ConfigDict, Field, field_validator

#: the longest analyst name the audit trail stores (``alert_events.actor``)
MAX_ANALYST_CHARS = 200


def analyst_name(value: str) -> str:
    """An analyst name fit for the audit trail, or ``ValueError`` saying why not.

    The name signs every decision and every reveal of a NIK, so it must be a
    name someone can read: not blank, no control, format or line-separator
    characters (which could hide or fake a name in the trail), at most
    :data:`MAX_ANALYST_CHARS` characters. Surrounding spaces are dropped.
    """
    name = value.strip()
    if not name:
        raise ValueError("the analyst name is blank")
    bad = next((ch for ch in name if unicodedata.category(ch) in ("Cc", "Cf", "Cs", "Zl", "Zp")), None)
    if bad is not None:
        raise ValueError(f"the analyst name holds a control character (U+{ord(bad):04X})")
    if len(name) > MAX_ANALYST_CHARS:
        raise ValueError(f"the analyst name is longer than {MAX_ANALYST_CHARS} characters")
    return name


class _Section(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)


#: ``(scheme, host, port)``: what the host allow-list matches, so a configured host
#: does not open its other ports (Redis, PostgreSQL) to seller-written URLs
Origin = tuple[str, str, int]
DEFAULT_PORTS = {"http": 80, "https": 443}


def url_origin(url: str) -> Origin | None:
    """The origin of an http(s) URL with its default port filled in; None for any other URL."""
    try:
        parts = urlsplit(url.strip())
        port = parts.port
    except ValueError:
        return None
    scheme = parts.scheme.lower()
    if scheme not in DEFAULT_PORTS or not parts.hostname:
        return None
    return (scheme, parts.hostname.lower(), port or DEFAULT_PORTS[scheme])


def image_host_origins(entry: str) -> set[Origin]:
    """What one ``image_hosts`` entry allows.

    ``https://cdn.example:8443`` is that origin exactly; a bare ``cdn.example``
    is https on 443 and http on 80 (photo CDNs serve both); ``cdn.example:8443``
    is both schemes on that port. Raises ValueError for anything else.
    """
    if "://" in entry:
        origin = url_origin(entry)
        if origin is None:
            raise ValueError(f"expected host, host:port or an http(s) origin, got {entry!r}")
        return {origin}
    try:
        parts = urlsplit("//" + entry.strip())
        port = parts.port
    except ValueError:
        raise ValueError(f"expected host, host:port or an http(s) origin, got {entry!r}") from None
    if not parts.hostname or parts.path or parts.query:
        raise ValueError(f"expected host, host:port or an http(s) origin, got {entry!r}")
    return {(scheme, parts.hostname.lower(), port or default) for scheme, default in DEFAULT_PORTS.items()}


def _http_url(value: str) -> str:
    parsed = urlparse(value)
    if parsed.scheme not in ("http", "https") or not parsed.hostname:
        raise ValueError(f"expected an http(s) URL, got {value!r}")
    return value.rstrip("/")


class StorageConfig(_Section):
    url: str = "sqlite:///ktpwatch-data/ktpwatch.db"
    #: where a scan keeps listings it could not store; the next scan stores them first
    spool_dir: Path = Path("ktpwatch-data/spool")

    @field_validator("url")
    @classmethod
    def _known_scheme(cls, value: str) -> str:
        if "://" not in value:
            raise ValueError(f"expected an SQLAlchemy URL such as sqlite:///file.db, got {value!r}")
        return value


class EvidenceConfig(_Section):
    dir: Path = Path("ktpwatch-data/evidence")
    screenshot_pool: int = Field(default=2, ge=1, le=16)
    viewport_width: int = Field(default=1280, ge=320, le=4096)
    viewport_height: int = Field(default=1600, ge=320, le=8192)
    capture_timeout_seconds: float = Field(default=30, gt=0)
    max_attempts: int = Field(default=3, ge=1)


class BrowserConfig(_Section):
    executable: str = ""
    args: list[str] = Field(default_factory=list)


class CrawlConfig(_Section):
    user_agent: str = Field(min_length=1)
    max_pages: int = Field(default=5, ge=1, le=1000)
    concurrent_requests: int = Field(default=16, ge=1)
    concurrent_requests_per_domain: int = Field(default=2, ge=1)
    download_delay: float = Field(default=1.0, ge=0)
    autothrottle: bool = True
    autothrottle_target_concurrency: float = Field(default=1.0, gt=0)
    retry_times: int = Field(default=3, ge=0)
    download_timeout: float = Field(default=30, gt=0)
    download_maxsize: int = Field(default=16 * 1024 * 1024, gt=0)
    download_warnsize: int = Field(default=4 * 1024 * 1024, gt=0)


class MatchingConfig(_Section):
    blank_threshold: float = Field(default=60.0, ge=0, le=100)
    related_threshold: float = Field(default=55.0, ge=0, le=100)
    candidate_threshold: float = Field(default=25.0, ge=0, le=100)


class QueriesConfig(_Section):
    lexicon: list[str] = Field(min_length=1)

    @field_validator("lexicon")
    @classmethod
    def _non_blank(cls, value: list[str]) -> list[str]:
        if any(not q.strip() for q in value):
            raise ValueError("expected non-empty query strings")
        return value


class ScheduleConfig(_Section):
    scan_every_hours: float = Field(default=72, gt=0)
    scan_cron: str = ""
    followup_every_hours: float = Field(default=24, gt=0)
    evidence_retry_every_hours: float = Field(default=6, gt=0)
    misfire_grace_seconds: int = Field(default=86400, ge=1)
    coalesce: bool = True
    timezone: str = "Asia/Jakarta"
    health_min_fraction: float = Field(default=0.3, ge=0, le=1)
    health_window: int = Field(default=5, ge=1)

    @field_validator("scan_cron")
    @classmethod
    def _five_fields(cls, value: str) -> str:
        if value.strip() and len(value.split()) != 5:
            raise ValueError(f"expected a five-field cron expression, got {value!r}")
        return value


class SmtpConfig(_Section):
    host: str = "localhost"
    port: int = Field(default=25, ge=1, le=65535)
    starttls: bool = False
    ssl: bool = False
    username: str = ""
    timeout_seconds: float = Field(default=30, gt=0)
    #: log in without TLS to a host that is not loopback (the password crosses the network readable)
    allow_plain_auth: bool = False


class SenderConfig(_Section):
    name: str
    organisation: str
    email: str
    phone: str

    @field_validator("email")
    @classmethod
    def _email(cls, value: str) -> str:
        if "@" not in value or value.startswith("@") or value.endswith("@"):
            raise ValueError(f"expected an email address, got {value!r}")
        return value


class NoticesConfig(_Section):
    templates_dir: str = ""
    deadline_hours: float = Field(default=24, gt=0)
    max_listings_per_notice: int = Field(default=50, ge=1)
    attach_screenshots: bool = False
    complaint_channel_email: str = ""
    escalate_to_complaint_channel: bool = False
    legal_basis: list[str] = Field(default_factory=list)


class FollowupConfig(_Section):
    """Re-checks after a notice's deadline: how long one fetch may take, how an undecided one is retried."""

    #: Whole-fetch limit (connect, redirects, headers, body): a server trickling bytes cannot hold a run.
    fetch_total_seconds: float = Field(default=60, gt=0)
    #: Wait before re-checking a listing whose re-check was blocked or unreadable; doubles per attempt.
    retry_first_seconds: float = Field(default=1800, gt=0)
    retry_max_seconds: float = Field(default=86400, gt=0)


class WebhookConfig(_Section):
    url: str = ""
    timeout_seconds: float = Field(default=10, gt=0)

    @field_validator("url")
    @classmethod
    def _url(cls, value: str) -> str:
        return _http_url(value) if value else value


class NotifyConfig(_Section):
    """Where the per-scan digest goes (Apprise URLs: secrets, printed only redacted)."""

    urls: list[str] = Field(default_factory=list)
    #: a new alert is in the digest when its score (0–100, as [matching]) is at least this
    score_threshold: float = Field(default=60.0, ge=0, le=100)
    title: str = "ktpwatch scan digest"

    @field_validator("urls", mode="before")
    @classmethod
    def _split(cls, value: object) -> object:
        """``KTPWATCH_NOTIFY_URLS`` holds several URLs separated by white space or commas."""
        if isinstance(value, str):
            return [u for u in re.split(r"[\s,]+", value) if u]
        return value


class DistributedConfig(_Section):
    enabled: bool = False
    redis_url: str = "redis://127.0.0.1:6379/0"
    #: seconds a distributed scan waits with no live worker before it fails
    worker_timeout: float = Field(default=300.0, gt=0)


class ImagesConfig(_Section):
    enabled: bool = True
    max_bytes: int = Field(default=8 * 1024 * 1024, gt=0)
    max_pixels: int = Field(default=40_000_000, gt=0)
    phash_max_distance: int = Field(default=6, ge=0, le=64)
    workers: int = Field(default=2, ge=1, le=32)
    #: the whole fetch of one photo (redirects and body included), not one read:
    #: a server trickling a byte every few seconds cannot hold a scan
    fetch_deadline_seconds: float = Field(default=30, gt=0)


class RiskWeights(_Section):
    """Points each reason adds to an actor's 0–100 risk score at its fullest (the sum is capped at 100).

    ``alerts.actors.risk`` says when each reason is at its fullest; 0 switches a reason off.
    """

    blank_listings: float = Field(default=25, ge=0, le=100)
    related_listings: float = Field(default=8, ge=0, le=100)
    traced_chips: float = Field(default=20, ge=0, le=100)
    relisted_after_takedown: float = Field(default=25, ge=0, le=100)
    several_marketplaces: float = Field(default=10, ge=0, le=100)
    volume: float = Field(default=7, ge=0, le=100)
    price: float = Field(default=5, ge=0, le=100)
    evasion: float = Field(default=10, ge=0, le=100)
    time_active: float = Field(default=10, ge=0, le=100)


class ActorsConfig(_Section):
    #: a photo shown by more sellers than this is a stock picture and links no one
    #: (near-identical means within ``images.phash_max_distance``)
    common_photo_sellers: int = Field(default=3, ge=1)
    risk_weights: RiskWeights = Field(default_factory=RiskWeights)


class LedgerColumnsConfig(_Section):
    """Which header of an issuer's ledger export holds each field (``[ledger.columns]``).

    A real export keeps its own headers ("No. Seri Chip", "Kode Wilayah Tujuan"
    …): name them here instead of editing the file. A row gives either
    ``chip_uid`` or both ``uid_start`` and ``uid_end`` (a contiguous range).
    """

    chip_uid: str = "chip_uid"
    uid_start: str = "uid_start"
    uid_end: str = "uid_end"
    serial: str = "serial"
    batch: str = "batch"
    contract: str = "contract"
    consignee: str = "consignee"
    dispatch_date: str = "dispatch_date"
    status: str = "status"
    status_date: str = "status_date"

    @field_validator("*")
    @classmethod
    def _header(cls, value: str) -> str:
        if not value.strip():
            raise ValueError("expected a column header, got a blank")
        return value.strip()


class LedgerConfig(_Section):
    """The blank-stock ledger: how its files are read and how far a chip UID read by OCR may reach."""

    columns: LedgerColumnsConfig = Field(default_factory=LedgerColumnsConfig)
    #: Date formats tried in order for text dates (spreadsheet dates need none).
    date_formats: list[str] = Field(default_factory=lambda: ["%Y-%m-%d", "%d/%m/%Y", "%d-%m-%Y"],
                                    min_length=1)
    #: Most OCR confusions (0/O/D, 1/I/L, 8/B, 5/S) a chip UID may carry and still be matched.
    ocr_max_substitutions: int = Field(default=2, ge=0, le=4)
    #: Confidence of a fuzzy match: this to the power of its substitutions.
    ocr_confidence_per_substitution: float = Field(default=0.8, gt=0, lt=1)
    #: Where a leak notice goes: the inspectorate supervising the consignee offices.
    inspectorate_email: str = ""
    #: Per-office recipients (region code such as "32.01" → address), before ``inspectorate_email``.
    inspectorates: dict[str, str] = Field(default_factory=dict)


class Transport(StrEnum):
    """How a spider reaches a marketplace: its JSON API directly, or through a real browser page."""

    API = "api"
    BROWSER = "browser"


class MarketplaceConfig(_Section):
    enabled: bool = True
    transport: Transport = Transport.API
    api_base_url: str
    web_base_url: str
    image_hosts: list[str] = Field(default_factory=list)
    #: where the shop's photos live when its answers name only an image id (Shopee's CDN)
    image_base_url: str = ""
    takedown_email: str = ""
    page_size: int = Field(default=40, ge=1, le=200)
    city: str = ""
    #: This platform's takedown deadline; unset: ``notices.deadline_hours``.
    notice_deadline_seconds: float | None = Field(default=None, gt=0)

    @field_validator("api_base_url", "web_base_url")
    @classmethod
    def _urls(cls, value: str) -> str:
        return _http_url(value)

    @field_validator("image_hosts")
    @classmethod
    def _image_hosts(cls, value: list[str]) -> list[str]:
        for entry in value:
            image_host_origins(entry)
        return value

    @field_validator("image_base_url")
    @classmethod
    def _image_base(cls, value: str) -> str:
        return _http_url(value) + "/" if value else value

    def allowed_origins(self) -> set[Origin]:
        """Every (scheme, host, port) this marketplace may be fetched from (search, detail, images)."""
        origins = {url_origin(self.api_base_url), url_origin(self.web_base_url)}
        if self.image_base_url:
            origins.add(url_origin(self.image_base_url))
        found = {o for o in origins if o is not None}
        for entry in self.image_hosts:
            found |= image_host_origins(entry)
        return found

    def allowed_hosts(self) -> set[str]:
        """The host names of :meth:`allowed_origins` (for checks that do not know ports yet)."""
        return {host for _, host, _ in self.allowed_origins()}


KNOWN_MARKETPLACES = ("tokopedia", "shopee", "lazada", "blibli", "olx", "facebook")


class Settings(_Section):
    """The whole configuration of one ktpwatch deployment."""

    storage: StorageConfig = Field(default_factory=StorageConfig)
    evidence: EvidenceConfig = Field(default_factory=EvidenceConfig)
    browser: BrowserConfig = Field(default_factory=BrowserConfig)
    crawl: CrawlConfig
    matching: MatchingConfig = Field(default_factory=MatchingConfig)
    queries: QueriesConfig
    schedule: ScheduleConfig = Field(default_factory=ScheduleConfig)
    smtp: SmtpConfig = Field(default_factory=SmtpConfig)
    sender: SenderConfig
    notices: NoticesConfig = Field(default_factory=NoticesConfig)
    followup: FollowupConfig = Field(default_factory=FollowupConfig)
    webhook: WebhookConfig = Field(default_factory=WebhookConfig)
    notify: NotifyConfig = Field(default_factory=NotifyConfig)
    distributed: DistributedConfig = Field(default_factory=DistributedConfig)
    images: ImagesConfig = Field(default_factory=ImagesConfig)
    actors: ActorsConfig = Field(default_factory=ActorsConfig)
    ledger: LedgerConfig = Field(default_factory=LedgerConfig)
    marketplaces: dict[str, MarketplaceConfig]
    analyst: str = ""

    @field_validator("analyst")
    @classmethod
    def _analyst(cls, value: str) -> str:
        return analyst_name(value) if value else value

    @field_validator("marketplaces")
    @classmethod
    def _known(cls, value: dict[str, MarketplaceConfig]) -> dict[str, MarketplaceConfig]:
        unknown = sorted(set(value) - set(KNOWN_MARKETPLACES))
        if unknown:
            raise ValueError(
                f"unknown marketplace {unknown[0]!r}; expected one of {', '.join(KNOWN_MARKETPLACES)}"
            )
        return value

    def enabled_marketplaces(self) -> list[str]:
        return [name for name, mp in self.marketplaces.items() if mp.enabled]

    def marketplace(self, name: str) -> MarketplaceConfig:
        try:
            return self.marketplaces[name]
        except KeyError:
            raise KeyError(
                f"unknown marketplace {name!r}; configured: {', '.join(self.marketplaces)}"
            ) from None

    def notice_deadline(self, marketplace: str) -> timedelta:
        """How long ``marketplace`` has to act on a notice: its own deadline, else the notices default."""
        mp = self.marketplaces.get(marketplace)
        if mp is not None and mp.notice_deadline_seconds is not None:
            return timedelta(seconds=mp.notice_deadline_seconds)
        return timedelta(hours=self.notices.deadline_hours)

    def allowed_hosts(self) -> set[str]:
        hosts: set[str] = set()
        for mp in self.marketplaces.values():
            hosts |= mp.allowed_hosts()
        return hosts

    def allowed_origins(self) -> set[Origin]:
        origins: set[Origin] = set()
        for mp in self.marketplaces.values():
            origins |= mp.allowed_origins()
        return origins
