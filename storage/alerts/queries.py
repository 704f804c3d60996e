"""The questions analysts ask of alerts: ``alerts list`` filters and ``alerts show`` detail."""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import datetime
from typing import Any

from sqlalchemy import case, func, or_, select, union
from sqlalchemy.orm import Session

from storage.chip_traces import traced_listings
from storage.listings import latest_assessment
from storage.models import (
    ActorMember,
    Alert,
    AlertEvent,
    AlertLink,
    AssessmentRecord,
    Evidence,
    Identifier,
    Listing,
    Notice,
    NoticeAlert,
    Recheck,
    Seller,
    Sighting,
    Verdict,
)

#: sort keys of ``alerts list``: columns of the alerts table only, so no sort needs a join
#: (sorting 100,000 alerts by listing price took ~275 ms; the budget is 300 ms)
SORT_COLUMNS: dict[str, Any] = {
    "id": Alert.id,
    "score": Alert.score,
    "opened": Alert.opened_at,
    "last_seen": Alert.last_seen_at,
    "sightings": Alert.sighting_count,
    "status": Alert.status,
    "marketplace": Alert.marketplace,
}


@dataclass(frozen=True)
class AlertFilters:
    status: tuple[str, ...] = ()
    marketplace: tuple[str, ...] = ()
    verdict: tuple[str, ...] = ()
    min_score: float | None = None
    #: alerts seen (opened or sighted again) at or after this time
    since: datetime | None = None
    #: seller external id (exact) or part of the shop name (case-insensitive)
    seller: str | None = None
    #: an identifier value (chip UID, NIK, phone …) as written or normalised
    identifier: str | None = None
    #: alerts linked to this alert id, for any reason, in either direction
    linked_to: int | None = None
    #: alerts of this actor (``actors``), as the last rebuild grouped them
    actor: str | None = None
    assignee: str | None = None
    sort: str = "id"
    descending: bool = True
    #: 0 means no limit
    limit: int = 50
    #: alerts whose chip is traced to the ledger (the stored trace) open at the top of the
    #: queue whatever the sort, in the sort's order among themselves
    traced_first: bool = True


@dataclass(frozen=True)
class AlertRow:
    """One line of ``alerts list``; the JSON/CSV field names are these attribute names."""

    id: int
    status: str
    verdict: str
    score: float
    marketplace: str
    external_id: str
    url: str
    title: str
    seller: str
    seller_id: str
    price: int | None
    first_seen: datetime
    last_seen: datetime
    opened: datetime
    sightings: int
    assignee: str


def identifier_candidates(value: str) -> set[str]:
    """The forms an identifier is stored in: as typed, compact upper-case hex, E.164 phone."""
    raw = value.strip()
    compact = re.sub(r"[\s:.\-]", "", raw)
    if compact.lower().startswith("0x"):
        compact = compact[2:]
    found = {raw, compact, compact.upper()}
    digits = re.sub(r"\D", "", raw)
    if digits and len(digits) == len(compact.lstrip("+")):
        if digits.startswith("0"):
            found.add("+62" + digits[1:])
        elif digits.startswith("62"):
            found.add("+" + digits)
        found.add(digits)
    return {f for f in found if f}


def alerts_query(filters: AlertFilters) -> Any:
    """The ``select()`` behind :func:`list_alerts` (the benchmark explains it)."""
    stmt = (
        select(
            Alert.id,
            Alert.status,
            Alert.verdict,
            Alert.score,
            Alert.marketplace,
            Listing.external_id,
            Listing.url,
            Listing.title,
            func.coalesce(Seller.name, "").label("seller"),
            func.coalesce(Seller.external_id, "").label("seller_id"),
            Listing.price,
            Listing.first_seen_at,
            Alert.last_seen_at,
            Alert.opened_at,
            Alert.sighting_count,
            Alert.assignee,
        )
        .join(Listing, Listing.id == Alert.listing_id)
        .outerjoin(Seller, Seller.id == Listing.seller_id)
    )
    return _ordered(_filtered(stmt, filters), filters)


def _filtered(stmt: Any, filters: AlertFilters) -> Any:
    """``stmt`` narrowed by every filter given."""
    if filters.status:
        stmt = stmt.where(Alert.status.in_(filters.status))
    if filters.marketplace:
        stmt = stmt.where(Alert.marketplace.in_(filters.marketplace))
    if filters.verdict:
        stmt = stmt.where(Alert.verdict.in_(filters.verdict))
    if filters.min_score is not None:
        stmt = stmt.where(Alert.score >= filters.min_score)
    if filters.since is not None:
        stmt = stmt.where(Alert.last_seen_at >= filters.since)
    if filters.assignee is not None:
        stmt = stmt.where(Alert.assignee == filters.assignee)
    if filters.seller:
        needle = filters.seller.strip()
        sellers = select(Seller.id).where(
            or_(Seller.external_id == needle, Seller.name.ilike(f"%{_escape_like(needle)}%", escape="\\"))
        )
        stmt = stmt.where(Listing.seller_id.in_(sellers))
    if filters.identifier:
        listings = select(Identifier.listing_id).where(
            Identifier.value.in_(sorted(identifier_candidates(filters.identifier)))
        )
        stmt = stmt.where(Alert.listing_id.in_(listings))
    if filters.linked_to is not None:
        linked = union(
            select(AlertLink.linked_alert_id).where(AlertLink.alert_id == filters.linked_to),
            select(AlertLink.alert_id).where(AlertLink.linked_alert_id == filters.linked_to),
        )
        stmt = stmt.where(Alert.id.in_(linked))
    if filters.actor is not None:
        stmt = stmt.where(Alert.id.in_(select(ActorMember.alert_id).where(ActorMember.actor_id == filters.actor)))
    return stmt


def _ordered(stmt: Any, filters: AlertFilters) -> Any:
    """``stmt`` sorted (ties broken by id, the same way) and limited."""
    try:
        column = SORT_COLUMNS[filters.sort]
    except KeyError:
        raise ValueError(
            f"unknown sort {filters.sort!r}; choose one of {', '.join(SORT_COLUMNS)}"
        ) from None
    if filters.traced_first:
        stmt = stmt.order_by(case((Alert.listing_id.in_(traced_listings()), 0), else_=1))
    if filters.descending:
        stmt = stmt.order_by(column.desc(), Alert.id.desc())
    else:
        stmt = stmt.order_by(column.asc(), Alert.id.asc())
    if filters.limit:
        stmt = stmt.limit(filters.limit)
    return stmt


def _escape_like(text: str) -> str:
    return text.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_")


def list_alerts(session: Session, filters: AlertFilters) -> list[AlertRow]:
    """Alerts matching ``filters``, sorted and limited, as flat rows."""
    return [AlertRow(*row) for row in session.execute(alerts_query(filters))]


# --------------------------------------------------------------------------- show


@dataclass(frozen=True)
class LinkedAlert:
    alert_id: int
    status: str
    marketplace: str
    title: str
    reason: str
    detail: str
    #: "earlier" when the other alert existed first, else "later"
    relation: str


@dataclass
class AlertDetail:
    alert: Alert
    listing: Listing
    seller: Seller | None
    #: the assessment that explains the alert: the latest non-benign one, else the latest
    assessment: AssessmentRecord | None
    identifiers: list[Identifier]
    links: list[LinkedAlert]
    sightings: list[Sighting]
    evidence: list[Evidence]
    notices: list[Notice]
    rechecks: list[Recheck]
    events: list[AlertEvent]


def linked_alerts(session: Session, alert_id: int) -> list[LinkedAlert]:
    """Alerts linked to ``alert_id`` in either direction, oldest link first."""
    pairs: list[tuple[datetime, LinkedAlert]] = []
    for mine, theirs, relation in (
        (AlertLink.alert_id, AlertLink.linked_alert_id, "earlier"),
        (AlertLink.linked_alert_id, AlertLink.alert_id, "later"),
    ):
        rows = session.execute(
            select(Alert.id, Alert.status, Alert.marketplace, Listing.title, AlertLink.reason,
                   AlertLink.detail, AlertLink.created_at)
            .join(AlertLink, theirs == Alert.id)
            .join(Listing, Listing.id == Alert.listing_id)
            .where(mine == alert_id)
        )
        for oid, status, market, title, reason, detail, created in rows:
            pairs.append((created, LinkedAlert(oid, status, market, title, reason, detail, relation)))
    pairs.sort(key=lambda pair: (pair[0], pair[1].alert_id))
    return [linked for _, linked in pairs]


def get_alert_detail(session: Session, alert_id: int, *, sightings_limit: int = 200) -> AlertDetail | None:
    """Everything about one alert for ``alerts show``; None when there is no such alert."""
    alert = session.get(Alert, alert_id)
    if alert is None:
        return None
    listing = alert.listing
    return AlertDetail(
        alert=alert,
        listing=listing,
        seller=session.get(Seller, listing.seller_id) if listing.seller_id is not None else None,
        assessment=_explaining_assessment(session, listing.id),
        identifiers=list(session.scalars(
            select(Identifier).where(Identifier.listing_id == listing.id)
            .order_by(Identifier.kind, Identifier.value, Identifier.source)
        )),
        links=linked_alerts(session, alert.id),
        sightings=_latest_sightings(session, listing.id, sightings_limit),
        evidence=list(session.scalars(
            select(Evidence)
            .where(or_(Evidence.alert_id == alert.id, Evidence.listing_id == listing.id))
            .order_by(Evidence.captured_at, Evidence.id)
        )),
        notices=list(session.scalars(
            select(Notice).join(NoticeAlert, NoticeAlert.notice_id == Notice.id)
            .where(NoticeAlert.alert_id == alert.id).order_by(Notice.created_at, Notice.id)
        )),
        rechecks=list(session.scalars(
            select(Recheck).where(Recheck.alert_id == alert.id).order_by(Recheck.checked_at, Recheck.id)
        )),
        events=list(session.scalars(
            select(AlertEvent).where(AlertEvent.alert_id == alert.id).order_by(AlertEvent.at, AlertEvent.id)
        )),
    )


def _explaining_assessment(session: Session, listing_id: int) -> AssessmentRecord | None:
    """The assessment that explains an alert: the latest non-benign one, else the latest."""
    return session.scalars(
        select(AssessmentRecord)
        .where(AssessmentRecord.listing_id == listing_id, AssessmentRecord.verdict != Verdict.BENIGN.value)
        .order_by(AssessmentRecord.created_at.desc(), AssessmentRecord.id.desc())
        .limit(1)
    ).first() or latest_assessment(session, listing_id)


def _latest_sightings(session: Session, listing_id: int, limit: int) -> list[Sighting]:
    """The ``limit`` latest sightings, oldest first."""
    sightings = list(session.scalars(
        select(Sighting).where(Sighting.listing_id == listing_id)
        .order_by(Sighting.seen_at.desc(), Sighting.id.desc()).limit(limit)
    ))
    sightings.reverse()
    return sightings
