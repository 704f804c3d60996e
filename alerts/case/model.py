"""What a case file says, as plain frozen data: gathered from storage once, rendered many ways.

Every text in here that a stranger wrote (titles, seller names, URLs, notes,
identifier values) is already cleaned and masked for the reader it is meant
for (:func:`alerts.case.gather.shown`): the templates print it as it is, and
our own values (hashes, ids, dates) are never passed through the NIK mask,
which could mistake 16 digits of a SHA-256 for a NIK.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime


@dataclass(frozen=True)
class RiskEntry:
    """One reason of the risk score with its configured weight and the points it added."""

    name: str
    weight: float
    points: float
    detail: str


@dataclass(frozen=True)
class Shop:
    """A seller account on one marketplace (``key`` is ``marketplace:seller id``)."""

    key: str
    marketplace: str
    name: str
    url: str


@dataclass(frozen=True)
class Screenshot:
    """A screenshot in the evidence store, and the file name it gets in the case folder."""

    bundle_id: int
    sha256: str
    captured_at: datetime
    purpose: str
    file_name: str
    #: where the evidence store holds it (read, hash-checked, and copied to ``file_name``)
    stored_at: str


@dataclass(frozen=True)
class CaseListing:
    """One of the actor's listings as the case file shows it."""

    alert_id: int
    marketplace: str
    external_id: str
    title: str
    url: str
    price: int | None
    first_seen: datetime
    last_seen: datetime
    status: str
    verdict: str
    shop_key: str | None
    notified_at: datetime | None
    removed_at: datetime | None
    identifiers: tuple[tuple[str, str], ...]
    screenshots: tuple[Screenshot, ...]


@dataclass(frozen=True)
class Link:
    """Why two of the actor's listings are taken to be one seller."""

    a: int
    b: int
    reason: str
    strength: str
    detail: str


@dataclass(frozen=True)
class EvidenceEntry:
    """One evidence file of the actor's listings, with its hash and whether it still matches."""

    alert_id: int
    bundle_id: int | None
    kind: str
    name: str
    size: int
    sha256: str
    captured_at: datetime
    tool_version: str
    #: None when the file hashes to ``sha256``, else what is wrong (missing, altered)
    problem: str | None
    path: str


@dataclass(frozen=True)
class CustodyEvent:
    """One step of the chain of custody: who did what to which alert, and when."""

    at: datetime
    alert_id: int
    by: str
    action: str
    note: str


@dataclass(frozen=True)
class CaseFile:
    """Everything the case file of one actor holds."""

    actor_id: str
    display_name: str
    status: str
    risk_score: int
    risk: tuple[RiskEntry, ...]
    marketplaces: tuple[str, ...]
    first_seen: datetime
    last_seen: datetime
    shops: tuple[Shop, ...]
    listings: tuple[CaseListing, ...]
    links: tuple[Link, ...]
    evidence: tuple[EvidenceEntry, ...]
    custody: tuple[CustodyEvent, ...]
    generated_at: datetime
    generated_by: str
    revealed: bool

    @property
    def missing_screenshots(self) -> tuple[int, ...]:
        """Alert ids of listings with no screenshot captured."""
        return tuple(li.alert_id for li in self.listings if not li.screenshots)

    @property
    def damaged_evidence(self) -> tuple[EvidenceEntry, ...]:
        """Evidence files that are missing or no longer hash to their recorded SHA-256."""
        return tuple(e for e in self.evidence if e.problem is not None)
