"""Actors in storage: read what links sellers, write actors, members, risk and analyst corrections.

The graph and the score are pure (:mod:`alerts.actors`) and
:mod:`alerts.actors.rebuild` joins them to this module (storage never imports
alerts).  Analyst corrections are stored on alert ids and fed to every
rebuild; the previous membership is what keeps actor ids stable.  Reads and
writes are set-based: one query per table, bulk inserts and updates.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import datetime
from typing import Any

from sqlalchemy import delete, func, insert, select, update
from sqlalchemy.orm import Session

from storage.models import (
    ActorCorrection,
    ActorMember,
    ActorRow,
    ActorStatus,
    Alert,
    AlertEvent,
    AlertLink,
    AssessmentRecord,
    CaptureStatus,
    Identifier,
    Image,
    Listing,
    ListingImage,
    Seller,
    utcnow,
)

MERGE = "merge"
SPLIT = "split"
#: the alert link reason of a photo match (alerts.images.linking)
SAME_PHOTO = "same_photo"


def _identifiers(session: Session) -> dict[int, list[tuple[str, str]]]:
    """listing id → sorted distinct (kind, value) of every listing that has an alert."""
    out: dict[int, set[tuple[str, str]]] = defaultdict(set)
    stmt = (select(Identifier.listing_id, Identifier.kind, Identifier.value)
            .join(Alert, Alert.listing_id == Identifier.listing_id))
    for listing_id, kind, value in session.execute(stmt):
        out[listing_id].add((kind, value))
    return {k: sorted(v) for k, v in out.items()}


def _phashes(session: Session) -> dict[int, list[str]]:
    """listing id → sorted distinct pHashes of its processed photos."""
    out: dict[int, set[str]] = defaultdict(set)
    stmt = (select(ListingImage.listing_id, Image.phash)
            .join(Image, Image.id == ListingImage.image_id)
            .join(Alert, Alert.listing_id == ListingImage.listing_id)
            .where(Image.status == CaptureStatus.OK.value, Image.phash.is_not(None)))
    for listing_id, phash in session.execute(stmt):
        if phash:
            out[listing_id].add(phash)
    return {k: sorted(v) for k, v in out.items()}


@dataclass(frozen=True)
class AlertFacts:
    """What storage knows of one alert that links sellers and scores risk (plain data)."""

    alert_id: int
    marketplace: str
    verdict: str
    first_seen: datetime
    last_seen: datetime
    removed_at: datetime | None
    price: int | None
    seller_id: str | None
    seller_name: str | None
    identifiers: tuple[tuple[str, str], ...]
    photo_phashes: tuple[str, ...]
    #: the listing's title and description as last stored
    texts: tuple[str, ...] = ()
    #: the latest assessment's reasons as stored (``{"rule", "field", "matched", "weight", …}``)
    reasons: tuple[dict[str, Any], ...] = ()


def _latest_reasons(session: Session) -> dict[int, list[dict[str, Any]]]:
    """listing id → the reasons of its latest assessment, for every listing that has an alert."""
    latest = (select(func.max(AssessmentRecord.id).label("id"))
              .join(Alert, Alert.listing_id == AssessmentRecord.listing_id)
              .group_by(AssessmentRecord.listing_id).subquery())
    stmt = select(AssessmentRecord.listing_id, AssessmentRecord.reasons).join(latest, latest.c.id == AssessmentRecord.id)
    return {listing_id: list(reasons or []) for listing_id, reasons in session.execute(stmt)}


def alert_facts(session: Session) -> list[AlertFacts]:
    """Every alert with its listing, seller, identifiers, photo pHashes and reasons: five queries in all."""
    identifiers, phashes, reasons = _identifiers(session), _phashes(session), _latest_reasons(session)
    stmt = (select(Alert.id, Alert.listing_id, Alert.marketplace, Alert.verdict, Alert.opened_at,
                   Alert.last_seen_at, Alert.removed_at, Listing.first_seen_at, Listing.price,
                   Seller.external_id, Seller.name, Listing.title, Listing.description)
            .join(Listing, Listing.id == Alert.listing_id)
            .outerjoin(Seller, Seller.id == Listing.seller_id)
            .order_by(Alert.id))
    out: list[AlertFacts] = []
    for (alert_id, listing_id, market, verdict, opened, last, removed, first, price,
         seller_ext, seller_name, title, description) in session.execute(stmt):
        first_seen = min(first, opened) if first else opened
        out.append(AlertFacts(
            alert_id=alert_id, marketplace=market, verdict=verdict, first_seen=first_seen,
            last_seen=max(last, first_seen), removed_at=removed, price=price,
            seller_id=seller_ext or None, seller_name=seller_name or None,
            identifiers=tuple(identifiers.get(listing_id, ())),
            photo_phashes=tuple(phashes.get(listing_id, ())),
            texts=(title or "", description or ""), reasons=tuple(reasons.get(listing_id, ()))))
    return out


def photo_link_pairs(session: Session) -> list[tuple[int, int]]:
    """(alert, earlier alert) of every stored ``same_photo`` link (confirmed by the close photo comparison)."""
    stmt = select(AlertLink.alert_id, AlertLink.linked_alert_id).where(AlertLink.reason == SAME_PHOTO)
    return [(a, b) for a, b in session.execute(stmt)]


def stored_corrections(session: Session) -> list[ActorCorrection]:
    """The analysts' merges and splits, oldest first (the builder lets the latest word stand)."""
    return list(session.scalars(select(ActorCorrection).order_by(ActorCorrection.id)))


def previous_membership(session: Session) -> dict[str, set[int]]:
    """The last build's ``{actor id: alert ids}``, which keeps ids stable."""
    out: dict[str, set[int]] = defaultdict(set)
    for alert_id, actor_id in session.execute(select(ActorMember.alert_id, ActorMember.actor_id)):
        out[actor_id].add(alert_id)
    return dict(out)


def write_actors(session: Session, rows: Sequence[dict[str, Any]], members: Sequence[tuple[int, str]],
                 merged_into: dict[str, str]) -> tuple[str, ...]:
    """Replace membership, upsert ``rows`` (``actors`` columns), retire the active ids not among them.

    Returns the ids retired now (an alert deleted with its membership row is
    not in the previous build the graph sees, so storage tells, not the graph).
    """
    now = utcnow()
    existing = set(session.scalars(select(ActorRow.id)))
    active = set(session.scalars(select(ActorRow.id).where(ActorRow.status == ActorStatus.ACTIVE.value)))
    rows = [{**r, "status": ActorStatus.ACTIVE.value, "merged_into": None, "updated_at": now} for r in rows]
    session.execute(delete(ActorMember))
    fresh = [r for r in rows if r["id"] not in existing]
    if fresh:
        session.execute(insert(ActorRow), fresh)
    kept = [r for r in rows if r["id"] in existing]
    if kept:  # ORM bulk UPDATE by primary key: one executemany
        session.execute(update(ActorRow), kept)
    gone = active - {r["id"] for r in rows}
    if gone:
        session.execute(update(ActorRow).where(ActorRow.id.in_(gone))
                        .values(status=ActorStatus.RETIRED.value, updated_at=now))
    for old, new in merged_into.items():
        session.execute(update(ActorRow).where(ActorRow.id == old).values(merged_into=new))
    if members:
        session.execute(insert(ActorMember), [{"alert_id": a, "actor_id": i} for a, i in members])
    session.flush()
    return tuple(sorted(gone))


def _audit(session: Session, alert_ids: Sequence[int], analyst: str, action: str, note: str) -> None:
    session.add_all([AlertEvent(alert_id=i, actor=analyst, action=action, note=note) for i in alert_ids])


def record_merge(session: Session, alert_a: int, alert_b: int, *, analyst: str, note: str = "") -> ActorCorrection:
    """Store "these alerts are one seller" and audit it on both alerts; the next rebuild applies it."""
    row = ActorCorrection(analyst=analyst, kind=MERGE, side_a=[alert_a], side_b=[alert_b], note=note)
    session.add(row)
    _audit(session, [alert_a, alert_b], analyst, "actor_merge", note or f"merged with alert {alert_b}")
    session.flush()
    return row


def record_split(session: Session, side_a: Sequence[int], side_b: Sequence[int], *, analyst: str,
                 note: str = "") -> ActorCorrection:
    """Store "``side_a`` is not the seller of ``side_b``" and audit it on every alert named."""
    if not side_a or not side_b or set(side_a) & set(side_b):
        raise ValueError("a split needs two non-empty, disjoint sets of alerts")
    row = ActorCorrection(analyst=analyst, kind=SPLIT, side_a=sorted(side_a), side_b=sorted(side_b), note=note)
    session.add(row)
    _audit(session, sorted({*side_a, *side_b}), analyst, "actor_split", note or f"split {sorted(side_a)}")
    session.flush()
    return row


def members_of(session: Session, actor_id: str) -> list[int]:
    """The alert ids of an actor, ascending."""
    return list(session.scalars(select(ActorMember.alert_id).where(ActorMember.actor_id == actor_id)
                                .order_by(ActorMember.alert_id)))


def resolve_actor_id(session: Session, actor_id: str) -> str | None:
    """The id that holds ``actor_id`` now: itself, or the actor it was merged into (followed)."""
    seen: set[str] = set()
    current: str | None = actor_id
    while current is not None and current not in seen:
        seen.add(current)
        row = session.get(ActorRow, current)
        if row is None:
            return None
        if row.merged_into is None or row.status == ActorStatus.ACTIVE.value:
            return row.id
        current = row.merged_into
    return current


def list_actors(session: Session, *, sort: str = "risk", marketplace: str | None = None,
                status: str | None = ActorStatus.ACTIVE.value, limit: int = 0) -> list[ActorRow]:
    """Actors, highest risk (``risk``) or latest seen (``last-seen``) first; a marketplace filter
    keeps actors with a listing there."""
    order = (ActorRow.risk_score.desc(), ActorRow.last_seen_at.desc()) if sort == "risk" \
        else (ActorRow.last_seen_at.desc(), ActorRow.risk_score.desc())
    stmt = select(ActorRow).order_by(*order, ActorRow.id)
    if status:
        stmt = stmt.where(ActorRow.status == status)
    rows = list(session.scalars(stmt))
    if marketplace:  # JSON list column: filtered here, the same on SQLite and PostgreSQL
        rows = [r for r in rows if marketplace in (r.marketplaces or [])]
    return rows[:limit] if limit > 0 else rows


def actor_listings(session: Session, actor_id: str) -> list[tuple[Alert, Listing]]:
    """The alerts of an actor with their listings, oldest alert first."""
    stmt = (select(Alert, Listing).join(ActorMember, ActorMember.alert_id == Alert.id)
            .join(Listing, Listing.id == Alert.listing_id)
            .where(ActorMember.actor_id == actor_id).order_by(Alert.id))
    return [(a, li) for a, li in session.execute(stmt)]


@dataclass(frozen=True)
class ReturnedAlert:
    """A new alert of an actor an earlier takedown (notice or removal) did not stop."""

    actor_id: str
    display_name: str
    risk_score: int
    alert_id: int
    marketplace: str
    taken_down_at: datetime


def returned_after_takedown(session: Session, since: datetime) -> list[ReturnedAlert]:
    """Per active actor, its first alert opened at or after ``since`` after one of its earlier alerts
    was notified or removed; actors without such an alert are left out.

    Alerts opened since ``since`` (a scan's start) are that scan's, so each
    return is reported by the scan that saw it, once.
    """
    new = session.execute(
        select(ActorRow.id, ActorRow.display_name, ActorRow.risk_score, Alert.id, Alert.marketplace, Alert.opened_at)
        .join(ActorMember, ActorMember.actor_id == ActorRow.id).join(Alert, Alert.id == ActorMember.alert_id)
        .where(Alert.opened_at >= since, ActorRow.status == ActorStatus.ACTIVE.value)
        .order_by(Alert.opened_at, Alert.id)).all()
    if not new:
        return []
    taken_down = dict(session.execute(
        select(ActorMember.actor_id, func.min(func.coalesce(Alert.notified_at, Alert.removed_at)))
        .join(Alert, Alert.id == ActorMember.alert_id)
        .where(ActorMember.actor_id.in_({row[0] for row in new}), Alert.opened_at < since)
        .group_by(ActorMember.actor_id)).all())
    out: dict[str, ReturnedAlert] = {}
    for actor_id, name, risk, alert_id, marketplace, opened in new:
        when = taken_down.get(actor_id)
        if when is not None and when <= opened and actor_id not in out:
            out[actor_id] = ReturnedAlert(actor_id, name, risk, alert_id, marketplace, when)
    return list(out.values())


def actor_events(session: Session, alert_ids: Sequence[int]) -> list[AlertEvent]:
    """The audit events of an actor's alerts, oldest first: its timeline and takedown history."""
    if not alert_ids:
        return []
    return list(session.scalars(select(AlertEvent).where(AlertEvent.alert_id.in_(alert_ids))
                                .order_by(AlertEvent.at, AlertEvent.id)))
