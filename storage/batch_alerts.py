"""Open the alerts of a batch's new hits in a few set-based statements.

:func:`storage.alerts.open_or_attach_alert` opens one alert with the ORM and
then looks for related alerts (same seller, shared chip UID / NIK / phone):
about fifteen statements per alert. A first scan of a shop that sells blanks
opens hundreds at once, so the pipeline gives the new hits of a batch to
:func:`open_alerts_batch`, which writes the same rows — the alert, its
"opened" audit event, its links — with the same rules:

* each new alert links to every *earlier* alert (a lower id: existing ones
  and those opened before it in the batch) that shares its seller or a
  linking identifier, one link per reason;
* an earlier alert in ``removed`` becomes ``relisted`` (through
  :func:`storage.alerts.transition`, with its audit event) and gets a single
  ``relisted`` link carrying every reason.

Listings that already have an alert keep going through
``open_or_attach_alert``; so does a listing whose alert another worker opened
between our read and our insert.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import datetime

from sqlalchemy import Table, func, select, tuple_
from sqlalchemy.orm import Session

from storage.alerts import (
    LINKING_KINDS,
    link_alerts,
    same_identifier_detail,
    same_seller_detail,
    transition_unless_changed,
)
from storage.listings import insert_ignoring_conflicts
from storage.models import (
    Alert,
    AlertEvent,
    AlertLink,
    AlertStatus,
    Identifier,
    Listing,
    Seller,
    Sighting,
)

ALERTS: Table = Alert.__table__  # type: ignore[assignment]
EVENTS: Table = AlertEvent.__table__  # type: ignore[assignment]
LINKS: Table = AlertLink.__table__  # type: ignore[assignment]


@dataclass(frozen=True)
class NewHit:
    """A blank/related verdict on a listing that has no alert yet."""

    listing_id: int
    marketplace: str
    seller_id: int | None
    verdict: str
    score: float
    matcher_version: str
    seen_at: datetime
    new_listing: bool


def _seller_details(session: Session, seller_ids: set[int]) -> dict[int, str]:
    return {
        s.id: same_seller_detail(s.marketplace, s.external_id, s.name)
        for s in session.execute(select(Seller.id, Seller.marketplace, Seller.external_id, Seller.name)
                                 .where(Seller.id.in_(seller_ids)))
    }


def _sighting_counts(session: Session, hits: Sequence[NewHit]) -> dict[int, int]:
    old = [h.listing_id for h in hits if not h.new_listing]
    counts = {h.listing_id: 1 for h in hits if h.new_listing}
    if old:
        counts.update((row[0], int(row[1])) for row in session.execute(
            select(Sighting.listing_id, func.count()).where(Sighting.listing_id.in_(old))
            .group_by(Sighting.listing_id)
        ))
    return counts


def open_alerts_batch(session: Session, hits: Sequence[NewHit], *, actor: str = "ktpwatch") -> dict[int, int]:
    """Open an alert for each hit, in order; listing id → alert id for those opened here.

    A hit missing from the answer already had an alert (another worker):
    the caller attaches it the ordinary way.
    """
    if not hits:
        return {}
    seller_ids = {h.seller_id for h in hits if h.seller_id is not None}
    seller_details = _seller_details(session, seller_ids) if seller_ids else {}
    # every linking identifier the listing ever showed (as _related_alerts reads them)
    own_sets: dict[int, set[tuple[str, str]]] = {h.listing_id: set() for h in hits}
    for listing_id, kind, value in session.execute(
        select(Identifier.listing_id, Identifier.kind, Identifier.value)
        .where(Identifier.listing_id.in_(list(own_sets)), Identifier.kind.in_(LINKING_KINDS))
    ):
        own_sets[listing_id].add((kind, value))
    own_keys = {listing_id: sorted(keys) for listing_id, keys in own_sets.items()}
    wanted_keys = {k for keys in own_keys.values() for k in keys}

    # what earlier alerts are there, by seller and by identifier (status known for relisting)
    status: dict[int, str] = {}
    by_seller: dict[int, list[int]] = defaultdict(list)
    if seller_ids:
        for earlier, earlier_status, seller_id in session.execute(
            select(Alert.id, Alert.status, Listing.seller_id).join(Listing, Listing.id == Alert.listing_id)
            .where(Listing.seller_id.in_(seller_ids))
        ):
            status[earlier] = earlier_status
            if seller_id is not None:
                by_seller[seller_id].append(earlier)
    by_identifier: dict[tuple[str, str], list[tuple[int, int]]] = defaultdict(list)
    if wanted_keys:
        for earlier, earlier_status, listing_id, kind, value in session.execute(
            select(Alert.id, Alert.status, Alert.listing_id, Identifier.kind, Identifier.value)
            .join(Identifier, Identifier.listing_id == Alert.listing_id)
            .where(tuple_(Identifier.kind, Identifier.value).in_(list(wanted_keys)))
            .distinct()
        ):
            status[earlier] = earlier_status
            by_identifier[(kind, value)].append((earlier, listing_id))

    counts = _sighting_counts(session, hits)
    # one multi-row INSERT … ON CONFLICT DO NOTHING RETURNING for the batch (it was one statement
    # per hit, a third of the writer's time): rows come back only for alerts opened here, and ids
    # are assigned in the hits' order, so "earlier" stays "lower id"
    opened: dict[int, int] = {
        listing_id: alert_id
        for listing_id, alert_id in session.execute(
            insert_ignoring_conflicts(session, ALERTS, ("listing_id",))
            .returning(ALERTS.c.listing_id, ALERTS.c.id),
            [{"listing_id": hit.listing_id, "marketplace": hit.marketplace, "status": AlertStatus.NEW.value,
              "verdict": hit.verdict, "score": hit.score, "opened_at": hit.seen_at, "updated_at": hit.seen_at,
              "last_seen_at": hit.seen_at, "sighting_count": counts.get(hit.listing_id, 1), "assignee": ""}
             for hit in hits],
        )
    }
    events: list[dict[str, object]] = []
    links: list[dict[str, object]] = []
    for hit in hits:
        when = hit.seen_at
        alert_id = opened.get(hit.listing_id)
        if alert_id is None:
            continue
        events.append({"alert_id": alert_id, "at": when, "actor": actor, "action": "opened",
                       "from_status": None, "to_status": AlertStatus.NEW.value,
                       "note": f"{hit.verdict} score {hit.score:.1f} ({hit.matcher_version})"})
        related: dict[int, list[tuple[str, str]]] = defaultdict(list)
        if hit.seller_id is not None:
            for other in by_seller[hit.seller_id]:
                related[other].append(("same_seller", seller_details[hit.seller_id]))
        for kind, value in own_keys[hit.listing_id]:
            for other, other_listing in dict.fromkeys(by_identifier[(kind, value)]):
                if other_listing != hit.listing_id:
                    related[other].append(("same_identifier", same_identifier_detail(kind, value)))
        for other in sorted(related):
            if other == alert_id:
                continue
            matches = related[other]
            if status.get(other) == AlertStatus.REMOVED.value:
                _relist(session, other, alert_id, matches, actor=actor, at=when)
                status[other] = AlertStatus.RELISTED.value
                continue
            by_reason: dict[str, list[str]] = defaultdict(list)
            for reason, detail in matches:
                by_reason[reason].append(detail)
            links += [{"alert_id": alert_id, "linked_alert_id": other, "reason": reason,
                       "detail": "; ".join(details), "created_at": when}
                      for reason, details in by_reason.items()]
        # later hits of the batch link to this one
        status[alert_id] = AlertStatus.NEW.value
        if hit.seller_id is not None:
            by_seller[hit.seller_id].append(alert_id)
        for key in own_keys[hit.listing_id]:
            by_identifier[key].append((alert_id, hit.listing_id))
    if events:
        session.execute(EVENTS.insert(), events)
    if links:
        session.execute(
            insert_ignoring_conflicts(session, LINKS, ("alert_id", "linked_alert_id", "reason")),
            links,
        )
    return opened


def _relist(
    session: Session, other_id: int, alert_id: int, matches: list[tuple[str, str]], *, actor: str, at: datetime
) -> None:
    """An earlier, removed alert comes back as this new one: the rare case, through the ORM."""
    other = session.get_one(Alert, other_id)
    new = session.get_one(Alert, alert_id)
    detail = "; ".join(d for _, d in matches)
    if transition_unless_changed(session, other, AlertStatus.RELISTED, actor=actor, at=at,
                                 note=f"relisted as alert {alert_id}: {detail}") is None:
        return  # an analyst reopened it meanwhile: their decision stands
    link_alerts(session, new, other, reason="relisted", detail=detail, fresh=True)
