"""Actors in storage: read what links sellers, run the pure builder, write actors, members and risk.

The graph and the score are pure (:mod:`alerts.actors`); this module only
turns rows into :class:`ListingRecord` / :class:`RiskListing` inputs and the
build back into rows.  Analyst corrections are stored on alert ids and fed to
every rebuild, and the previous membership is what keeps actor ids stable.
Reads and writes are set-based: one query per table, bulk inserts and updates.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Sequence
from dataclasses import dataclass, field
from datetime import datetime
from typing import Any

from sqlalchemy import delete, insert, select, update
from sqlalchemy.orm import Session

from alerts.actors import (
    Actor,
    ActorGraph,
    Constraint,
    ListingRecord,
    Merge,
    RiskListing,
    RiskScore,
    Split,
    build_actors,
    risk_score,
)
from config.settings import RiskWeights
from storage.models import (
    ActorCorrection,
    ActorMember,
    ActorRow,
    ActorStatus,
    Alert,
    AlertEvent,
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


@dataclass(frozen=True)
class RebuildSummary:
    """What one rebuild did: counts, and what became of previous ids."""

    actors: int
    alerts: int
    retired: tuple[str, ...] = ()
    merged_into: dict[str, str] = field(default_factory=dict)
    split_from: dict[str, str] = field(default_factory=dict)
    overridden: int = 0


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


def listing_inputs(session: Session) -> tuple[list[ListingRecord], dict[int, RiskListing]]:
    """Every alert as the graph sees it and as the risk score sees it."""
    identifiers, phashes = _identifiers(session), _phashes(session)
    stmt = (select(Alert.id, Alert.listing_id, Alert.marketplace, Alert.verdict, Alert.opened_at,
                   Alert.last_seen_at, Alert.removed_at, Listing.first_seen_at, Listing.price,
                   Seller.external_id, Seller.name)
            .join(Listing, Listing.id == Alert.listing_id)
            .outerjoin(Seller, Seller.id == Listing.seller_id)
            .order_by(Alert.id))
    records: list[ListingRecord] = []
    risk: dict[int, RiskListing] = {}
    for (alert_id, listing_id, market, verdict, opened, last, removed, first, price,
         seller_ext, seller_name) in session.execute(stmt):
        first_seen = min(first, opened) if first else opened
        last_seen = max(last, first_seen)
        ids = identifiers.get(listing_id, [])
        records.append(ListingRecord(
            alert_id=alert_id, marketplace=market, seller_id=seller_ext or None,
            seller_name=seller_name or None, first_seen=first_seen, last_seen=last_seen,
            identifiers=tuple(ids), photo_phashes=tuple(phashes.get(listing_id, ()))))
        risk[alert_id] = RiskListing(
            alert_id=alert_id, verdict=verdict, marketplace=market, first_seen=first_seen,
            last_seen=last_seen, price=price, removed_at=removed,
            chip_uids=tuple(v for k, v in ids if k == "chip_uid"))
    return records, risk


def corrections(session: Session) -> list[Constraint]:
    """The analysts' merges and splits, oldest first (the builder lets the latest word stand)."""
    out: list[Constraint] = []
    for row in session.scalars(select(ActorCorrection).order_by(ActorCorrection.id)):
        if row.kind == MERGE:
            out.append(Merge(int(row.side_a[0]), int(row.side_b[0]), row.note))
        elif row.kind == SPLIT:
            out.append(Split(frozenset(map(int, row.side_a)), frozenset(map(int, row.side_b)), row.note))
        else:
            raise ValueError(f"actor correction {row.id} has unknown kind {row.kind!r}")
    return out


def previous_membership(session: Session) -> dict[str, set[int]]:
    """The last build's ``{actor id: alert ids}``, which keeps ids stable."""
    out: dict[str, set[int]] = defaultdict(set)
    for alert_id, actor_id in session.execute(select(ActorMember.alert_id, ActorMember.actor_id)):
        out[actor_id].add(alert_id)
    return dict(out)


def _row(actor: Actor, score: RiskScore, now: datetime) -> dict[str, Any]:
    return {
        "id": actor.actor_id, "display_name": actor.display_name[:500],
        "marketplaces": list(actor.marketplaces), "anchor": actor.anchor,
        "first_seen_at": actor.first_seen, "last_seen_at": actor.last_seen,
        "risk_score": score.score,
        "risk_reasons": [{"name": r.name, "weight": r.weight, "fullness": round(r.fullness, 4),
                          "points": round(r.points, 2), "detail": r.detail} for r in score.reasons],
        "links": [{"a": e.a, "b": e.b, "reason": e.reason, "strength": e.strength.name.lower(),
                   "detail": e.detail} for e in actor.edges],
        "status": ActorStatus.ACTIVE.value, "merged_into": None, "updated_at": now,
    }


def write_build(session: Session, build: ActorGraph, risk: dict[int, RiskListing], weights: RiskWeights
                ) -> tuple[str, ...]:
    """Replace membership with ``build``'s, upsert its actors, retire the active ids it no longer has.

    Returns the ids retired now (an alert deleted with its membership row is
    not in the previous build the graph sees, so storage tells, not the graph).
    """
    now = utcnow()
    rows = [_row(a, risk_score([risk[i] for i in a.alert_ids], weights), now) for a in build.actors]
    existing = set(session.scalars(select(ActorRow.id)))
    active = set(session.scalars(select(ActorRow.id).where(ActorRow.status == ActorStatus.ACTIVE.value)))
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
    for old, new in build.merged_into.items():
        session.execute(update(ActorRow).where(ActorRow.id == old).values(merged_into=new))
    members = [{"alert_id": i, "actor_id": a.actor_id} for a in build.actors for i in a.alert_ids]
    if members:
        session.execute(insert(ActorMember), members)
    return tuple(sorted(gone))


def rebuild_actors(session: Session, weights: RiskWeights) -> RebuildSummary:
    """Rebuild every actor from storage with the stored corrections and the previous ids."""
    records, risk = listing_inputs(session)
    build = build_actors(records, constraints=corrections(session), previous=previous_membership(session))
    retired = write_build(session, build, risk, weights)
    session.flush()
    return RebuildSummary(
        actors=len(build.actors), alerts=len(records), retired=retired,
        merged_into=dict(build.merged_into), split_from=dict(build.split_from),
        overridden=len(build.overridden))


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
