"""Reads for a case file: the sellers, identifiers and evidence files of an actor's listings.

Set-based (one query per table for all of an actor's listings); functions take
a session and never commit.  The actor's alerts, listings and audit events
come from :mod:`storage.actors`.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Sequence

from sqlalchemy import select
from sqlalchemy.orm import Session

from storage.models import Evidence, EvidenceBundle, Identifier, Seller


def sellers_by_id(session: Session, seller_ids: Sequence[int]) -> dict[int, Seller]:
    """The sellers with these ids, by id."""
    rows = session.scalars(select(Seller).where(Seller.id.in_(list(seller_ids))))
    return {s.id: s for s in rows}


def identifiers_by_listing(session: Session, listing_ids: Sequence[int]) -> dict[int, list[tuple[str, str]]]:
    """listing id → its distinct (kind, value) identifiers, sorted."""
    out: dict[int, set[tuple[str, str]]] = defaultdict(set)
    stmt = select(Identifier.listing_id, Identifier.kind, Identifier.value).where(
        Identifier.listing_id.in_(list(listing_ids)))
    for listing_id, kind, value in session.execute(stmt):
        out[listing_id].add((kind, value))
    return {k: sorted(v) for k, v in out.items()}


def evidence_of_alerts(session: Session, alert_ids: Sequence[int]) -> list[tuple[Evidence, EvidenceBundle]]:
    """Every evidence file of these alerts' bundles with its bundle, by alert, request time and id."""
    stmt = (select(Evidence, EvidenceBundle).join(EvidenceBundle, EvidenceBundle.id == Evidence.bundle_id)
            .where(EvidenceBundle.alert_id.in_(list(alert_ids)))
            .order_by(EvidenceBundle.alert_id, EvidenceBundle.requested_at, EvidenceBundle.id, Evidence.id))
    return [(f, b) for f, b in session.execute(stmt)]
