"""Rebuild every actor from storage: facts in, the pure builder and risk score, rows out.

Run after every scan (``crawler.scan.after_crawl``) and by ``ktpwatch actors
rebuild``.  The stored analyst corrections and the previous membership go in,
so ids and corrections hold across rescans.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

import networkx as nx
from sqlalchemy.orm import Session

from alerts.actors.evasion import evasive_from_stored
from alerts.actors.graph import build_actors
from alerts.actors.model import Actor, ActorGraph, Constraint, ListingRecord, Merge, Split
from alerts.actors.risk import ChipLookup, ChipStatus, RiskListing, RiskScore, no_ledger, risk_score
from alerts.provenance.trace import trace_chip
from config.settings import LedgerConfig, RiskWeights, Settings
from storage.actors import (
    MERGE,
    SPLIT,
    AlertFacts,
    alert_facts,
    photo_link_pairs,
    previous_membership,
    stored_corrections,
    write_actors,
)
from storage.ledger import ledger_is_empty


@dataclass(frozen=True)
class RebuildSummary:
    """What one rebuild did: counts, and what became of previous ids."""

    actors: int
    alerts: int
    retired: tuple[str, ...] = ()
    merged_into: dict[str, str] = field(default_factory=dict)
    split_from: dict[str, str] = field(default_factory=dict)
    #: analyst corrections a later one contradicts, or splits that merges hold together
    overridden: int = 0


def listing_record(f: AlertFacts) -> ListingRecord:
    return ListingRecord(alert_id=f.alert_id, marketplace=f.marketplace, seller_id=f.seller_id,
                         seller_name=f.seller_name, first_seen=f.first_seen, last_seen=f.last_seen,
                         identifiers=f.identifiers, photo_phashes=f.photo_phashes)


def risk_listing(f: AlertFacts) -> RiskListing:
    """The risk view of an alert; a takedown's removal time feeds ``relisted_after_takedown``,
    the stored text and reasons feed ``evasion``."""
    return RiskListing(alert_id=f.alert_id, verdict=f.verdict, marketplace=f.marketplace,
                       first_seen=f.first_seen, last_seen=f.last_seen, price=f.price, removed_at=f.removed_at,
                       evasive=evasive_from_stored(f.texts, f.reasons),
                       chip_uids=tuple(v for k, v in f.identifiers if k == "chip_uid"))


def constraints(session: Session) -> list[Constraint]:
    """The stored corrections as the builder's constraints, oldest first."""
    out: list[Constraint] = []
    for row in stored_corrections(session):
        if row.kind == MERGE:
            out.append(Merge(int(row.side_a[0]), int(row.side_b[0]), row.note))
        elif row.kind == SPLIT:
            out.append(Split(frozenset(map(int, row.side_a)), frozenset(map(int, row.side_b)), row.note))
        else:
            raise ValueError(f"actor correction {row.id} has unknown kind {row.kind!r}")
    return out


def photo_groups(session: Session) -> dict[int, int]:
    """alert → its group of stored photo links (the smallest alert id of the group)."""
    links = nx.Graph(photo_link_pairs(session))
    return {alert: min(group) for group in nx.connected_components(links) for alert in group}


def actor_row(actor: Actor, score: RiskScore) -> dict[str, Any]:
    """The ``actors`` columns of one built actor and its score."""
    return {
        "id": actor.actor_id, "display_name": actor.display_name[:500],
        "marketplaces": list(actor.marketplaces), "anchor": actor.anchor,
        "first_seen_at": actor.first_seen, "last_seen_at": actor.last_seen,
        "risk_score": score.score,
        "risk_reasons": [{"name": r.name, "weight": r.weight, "fullness": round(r.fullness, 4),
                          "points": round(r.points, 2), "detail": r.detail} for r in score.reasons],
        "links": [{"a": e.a, "b": e.b, "reason": e.reason, "strength": e.strength.name.lower(),
                   "detail": e.detail} for e in actor.edges],
    }


def ledger_lookup(session: Session, ledger: LedgerConfig | None) -> ChipLookup:
    """The risk score's chip lookup: the stock ledger when one is imported, else nothing is known."""
    if ledger is None or ledger_is_empty(session):
        return no_ledger
    known: dict[str, ChipStatus] = {}

    def lookup(chip_uid: str) -> ChipStatus:
        if chip_uid not in known:
            traced = trace_chip(session, chip_uid, ledger).traced
            known[chip_uid] = ChipStatus.TRACED if traced else ChipStatus.UNTRACED
        return known[chip_uid]
    return lookup


@dataclass(frozen=True)
class PhotoReach:
    """How far a photo links: ``[images] phash_max_distance`` and ``[actors] common_photo_sellers``."""

    max_distance: int = 6
    common_photo_sellers: int = 3

    @classmethod
    def of(cls, settings: Settings) -> PhotoReach:
        return cls(settings.images.phash_max_distance, settings.actors.common_photo_sellers)


def rebuild_from_settings(session: Session, settings: Settings) -> RebuildSummary:
    """:func:`rebuild_actors` with everything the configuration says (weights, ledger, photos)."""
    return rebuild_actors(session, settings.actors.risk_weights, settings.ledger, photos=PhotoReach.of(settings))


def rebuild_actors(session: Session, weights: RiskWeights, ledger: LedgerConfig | None = None,
                   *, photos: PhotoReach = PhotoReach()) -> RebuildSummary:
    """Rebuild every actor from storage with the stored corrections and the previous ids.

    ``ledger`` (``[ledger]``) lets traced chips count in the risk; without it no chip is traced.
    """
    facts = alert_facts(session)
    chips = ledger_lookup(session, ledger)
    risk = {f.alert_id: risk_listing(f) for f in facts}
    build = _build(session, facts, photos)
    rows = [actor_row(a, risk_score([risk[i] for i in a.alert_ids], weights, chip_status=chips)) for a in build.actors]
    members = [(i, a.actor_id) for a in build.actors for i in a.alert_ids]
    retired = write_actors(session, rows, members, dict(build.merged_into))
    return RebuildSummary(actors=len(build.actors), alerts=len(facts), retired=retired,
                          merged_into=dict(build.merged_into), split_from=dict(build.split_from),
                          overridden=len(build.overridden))


def current_graph(session: Session, photos: PhotoReach = PhotoReach()) -> ActorGraph:
    """The actor graph storage holds now, rebuilt in memory with the stored ids (for export)."""
    return _build(session, alert_facts(session), photos)


def _build(session: Session, facts: list[AlertFacts], photos: PhotoReach) -> ActorGraph:
    return build_actors([listing_record(f) for f in facts], constraints=constraints(session),
                        previous=previous_membership(session), photo_groups=photo_groups(session),
                        max_distance=photos.max_distance, common_photo_sellers=photos.common_photo_sellers)


def identifiers_by_alert(session: Session) -> dict[int, tuple[tuple[str, str], ...]]:
    """Each alert's (kind, value) pairs, for the export's identifier nodes."""
    return {f.alert_id: f.identifiers for f in alert_facts(session)}
