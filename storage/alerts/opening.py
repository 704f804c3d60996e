"""Opening alerts and attaching later sightings to them: the one write path of the alerts table.

One alert per listing that ever got a ``blank`` or ``related`` verdict; later
sightings attach to it (the score follows the latest assessment, the verdict
keeps the latest non-benign one). Every opening goes through
:func:`open_alerts_batch`, set-based, because a first scan of a marketplace that
sells blanks opens hundreds at once; a single listing is a batch of one
(:func:`open_or_attach_alert`). An opening writes the alert, its ``opened``
audit event and its links, by these rules:

* each new alert links to every *earlier* alert (a lower id: existing ones
  and those opened before it in the batch) that shares its seller or a
  linking identifier, one link per reason;
* an earlier alert in ``removed`` becomes ``relisted`` (through
  :func:`~storage.alerts.lifecycle.transition_unless_changed`, with its audit
  event) and gets a single ``relisted`` link carrying every reason.

Times: ``opened_at``, ``updated_at``, the ``opened`` event and the links carry
the moment the alert is opened (``at``, the caller's clock, else now), while
``last_seen_at`` carries when the listing was last seen. They differ when a
verdict comes after the sighting — photo text read after the crawl, a spooled
batch stored by the next scan — and the audit trail must say when ktpwatch
decided, not when the marketplace showed the listing (that is the sighting's time,
kept on the sighting and in ``last_seen_at``). The two write paths this module
replaces disagreed here (one wrote now, the other the sighting time).

Deviation from a literal "one alert per listing, new alert on relisting": the
alerts table keeps one alert per listing (unique ``listing_id``), so when the
*same* listing is seen again after a re-check found it removed, its own alert
moves ``removed → relisted`` (with an audit event) instead of opening a second
alert. A *new* listing by the same seller or with a shared identifier opens a
new alert linked to the old one, as the design says.

Concurrency: a listing whose alert another worker opened between our read and
our insert is absorbed by ``ON CONFLICT DO NOTHING`` and attached instead.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Sequence
from dataclasses import dataclass, field
from datetime import datetime

from sqlalchemy import Table, func, select, tuple_
from sqlalchemy.orm import Session

from storage.alerts.lifecycle import now_utc, transition_unless_changed
from storage.alerts.links import (
    LINKING_KINDS,
    link_alerts,
    same_identifier_detail,
    same_seller_detail,
)
from storage.listings import insert_ignoring_conflicts, sighting_count
from storage.models import (
    Alert,
    AlertEvent,
    AlertLink,
    AlertStatus,
    AssessmentRecord,
    Identifier,
    Listing,
    Seller,
    Sighting,
    Verdict,
)

ALERTS: Table = Alert.__table__  # type: ignore[assignment]
EVENTS: Table = AlertEvent.__table__  # type: ignore[assignment]
LINKS: Table = AlertLink.__table__  # type: ignore[assignment]


@dataclass(frozen=True)
class AlertCandidate:
    """A recorded verdict on a listing: what the alerts table needs to open or attach its alert."""

    listing_id: int
    marketplace: str
    seller_id: int | None
    verdict: str
    score: float
    matcher_version: str
    #: when the listing was last seen (the alert's ``last_seen_at``)
    seen_at: datetime
    #: first sighting of the listing: its sighting count is 1 without asking
    new_listing: bool = False

    @property
    def hit(self) -> bool:
        return self.verdict != Verdict.BENIGN.value


@dataclass(frozen=True)
class AlertDecision:
    """What happened to one candidate's alert."""

    alert_id: int
    opened: bool


@dataclass
class AlertOutcome:
    alert: Alert
    opened: bool
    links: list[AlertLink]


def open_or_attach_alerts(
    session: Session, candidates: Sequence[AlertCandidate], *, actor: str = "ktpwatch", at: datetime | None = None
) -> list[AlertDecision | None]:
    """Open an alert for each first blank/related verdict and attach every other candidate to its alert.

    In order, one answer per candidate: None for a benign verdict on a
    listing without an alert. A listing that already has an alert keeps it
    whatever the new verdict (the seller may have cleaned the text).
    """
    when = now_utc(at)
    existing = _alert_ids(session, [c.listing_id for c in candidates])
    first_hits: dict[int, AlertCandidate] = {}
    for candidate in candidates:
        if candidate.hit and candidate.listing_id not in existing:
            first_hits.setdefault(candidate.listing_id, candidate)
    opened = open_alerts_batch(session, list(first_hits.values()), actor=actor, at=when)
    decisions: list[AlertDecision | None] = []
    for candidate in candidates:
        alert_id = existing.get(candidate.listing_id)
        if alert_id is None and not candidate.hit:
            decisions.append(None)
            continue
        if alert_id is None and first_hits.get(candidate.listing_id) is candidate and candidate.listing_id in opened:
            decisions.append(AlertDecision(opened[candidate.listing_id], opened=True))
            continue
        if alert_id is None:  # opened by another worker, or earlier in this call
            alert_id = session.scalars(select(Alert.id).where(Alert.listing_id == candidate.listing_id)).one()
        attach_to_alert(session, alert_id, candidate, actor=actor, at=when)
        decisions.append(AlertDecision(alert_id, opened=False))
    return decisions


def open_or_attach_alert(
    session: Session,
    listing: Listing,
    assessment: AssessmentRecord,
    *,
    actor: str = "ktpwatch",
    at: datetime | None = None,
) -> AlertOutcome | None:
    """:func:`open_or_attach_alerts` for one stored assessment (a batch of one); None for benign without alert."""
    candidate = AlertCandidate(
        listing_id=listing.id, marketplace=listing.marketplace, seller_id=listing.seller_id,
        verdict=assessment.verdict, score=assessment.score, matcher_version=assessment.matcher_version,
        seen_at=listing.last_seen_at,
    )
    [decision] = open_or_attach_alerts(session, [candidate], actor=actor, at=at)
    return alert_outcome(session, decision)


def alert_outcome(session: Session, decision: AlertDecision | None) -> AlertOutcome | None:
    """The ORM view of a decision: the alert, and the links it was opened with."""
    if decision is None:
        return None
    session.flush()
    alert = session.get_one(Alert, decision.alert_id, populate_existing=True)
    links = list(session.scalars(select(AlertLink).where(AlertLink.alert_id == alert.id)
                                 .order_by(AlertLink.id))) if decision.opened else []
    return AlertOutcome(alert=alert, opened=decision.opened, links=links)


def attach_to_alert(
    session: Session, alert_id: int, candidate: AlertCandidate, *, actor: str, at: datetime
) -> None:
    """A later verdict on a listing with an alert: score, verdict, sightings; a removed listing seen again is relisted."""
    alert = session.get_one(Alert, alert_id)
    # read from the table, not the identity map: the sighting write is set-based
    last_seen = session.scalars(select(Listing.last_seen_at).where(Listing.id == candidate.listing_id)).one()
    alert.score = candidate.score
    if candidate.hit:
        alert.verdict = candidate.verdict
    alert.last_seen_at = max(alert.last_seen_at, last_seen)
    alert.sighting_count = sighting_count(session, candidate.listing_id)
    alert.updated_at = at
    if alert.status == AlertStatus.REMOVED.value and last_seen > (alert.removed_at or at):
        transition_unless_changed(
            session, alert, AlertStatus.RELISTED, actor=actor, at=at,
            note="the listing was seen again by a scan after it had been removed",
        )
    session.flush()


def _alert_ids(session: Session, listing_ids: Sequence[int]) -> dict[int, int]:
    """listing id → alert id, for the listings that have one."""
    if not listing_ids:
        return {}
    rows = session.execute(select(Alert.listing_id, Alert.id).where(Alert.listing_id.in_(set(listing_ids))))
    return {listing_id: alert_id for listing_id, alert_id in rows}


@dataclass
class _Earlier:
    """The alerts a batch of new ones may link to, by seller and by identifier (status known for relisting)."""

    seller_details: dict[int, str]
    #: listing id → its linking identifiers, sorted
    own_keys: dict[int, list[tuple[str, str]]]
    status: dict[int, str] = field(default_factory=dict)
    by_seller: dict[int, list[int]] = field(default_factory=lambda: defaultdict(list))
    by_identifier: dict[tuple[str, str], list[tuple[int, int]]] = field(default_factory=lambda: defaultdict(list))

    def add(self, alert_id: int, hit: AlertCandidate) -> None:
        """Later hits of the batch link to this one."""
        self.status[alert_id] = AlertStatus.NEW.value
        if hit.seller_id is not None:
            self.by_seller[hit.seller_id].append(alert_id)
        for key in self.own_keys[hit.listing_id]:
            self.by_identifier[key].append((alert_id, hit.listing_id))

    def related(self, hit: AlertCandidate) -> dict[int, list[tuple[str, str]]]:
        """Earlier alerts sharing the hit's seller or an identifier: id → [(reason, detail)]."""
        found: dict[int, list[tuple[str, str]]] = defaultdict(list)
        if hit.seller_id is not None:
            for other in self.by_seller[hit.seller_id]:
                found[other].append(("same_seller", self.seller_details[hit.seller_id]))
        for kind, value in self.own_keys[hit.listing_id]:
            for other, other_listing in dict.fromkeys(self.by_identifier[(kind, value)]):
                if other_listing != hit.listing_id:
                    found[other].append(("same_identifier", same_identifier_detail(kind, value)))
        return found


def _earlier_alerts(session: Session, hits: Sequence[AlertCandidate]) -> _Earlier:
    seller_ids = {h.seller_id for h in hits if h.seller_id is not None}
    seller_details = {
        s.id: same_seller_detail(s.marketplace, s.external_id, s.name)
        for s in session.execute(select(Seller.id, Seller.marketplace, Seller.external_id, Seller.name)
                                 .where(Seller.id.in_(seller_ids)))
    } if seller_ids else {}
    # every linking identifier the listing ever showed
    own: dict[int, set[tuple[str, str]]] = {h.listing_id: set() for h in hits}
    for listing_id, kind, value in session.execute(
        select(Identifier.listing_id, Identifier.kind, Identifier.value)
        .where(Identifier.listing_id.in_(list(own)), Identifier.kind.in_(LINKING_KINDS))
    ):
        own[listing_id].add((kind, value))
    earlier = _Earlier(seller_details, {listing_id: sorted(keys) for listing_id, keys in own.items()})
    if seller_ids:
        for alert_id, status, seller_id in session.execute(
            select(Alert.id, Alert.status, Listing.seller_id).join(Listing, Listing.id == Alert.listing_id)
            .where(Listing.seller_id.in_(seller_ids))
        ):
            earlier.status[alert_id] = status
            if seller_id is not None:
                earlier.by_seller[seller_id].append(alert_id)
    wanted = {k for keys in earlier.own_keys.values() for k in keys}
    if wanted:
        for alert_id, status, listing_id, kind, value in session.execute(
            select(Alert.id, Alert.status, Alert.listing_id, Identifier.kind, Identifier.value)
            .join(Identifier, Identifier.listing_id == Alert.listing_id)
            .where(tuple_(Identifier.kind, Identifier.value).in_(list(wanted)))
            .distinct()
        ):
            earlier.status[alert_id] = status
            earlier.by_identifier[(kind, value)].append((alert_id, listing_id))
    return earlier


def _sighting_counts(session: Session, hits: Sequence[AlertCandidate]) -> dict[int, int]:
    old = [h.listing_id for h in hits if not h.new_listing]
    counts = {h.listing_id: 1 for h in hits if h.new_listing}
    if old:
        counts.update((row[0], int(row[1])) for row in session.execute(
            select(Sighting.listing_id, func.count()).where(Sighting.listing_id.in_(old))
            .group_by(Sighting.listing_id)
        ))
    return counts


def _insert_alerts(session: Session, hits: Sequence[AlertCandidate], at: datetime) -> dict[int, int]:
    """One multi-row ``INSERT … ON CONFLICT DO NOTHING RETURNING``: listing id → alert id of those opened here.

    Ids are assigned in the hits' order, so "earlier" stays "lower id".
    """
    counts = _sighting_counts(session, hits)
    rows = session.execute(
        insert_ignoring_conflicts(session, ALERTS, ("listing_id",)).returning(ALERTS.c.listing_id, ALERTS.c.id),
        [{"listing_id": hit.listing_id, "marketplace": hit.marketplace, "status": AlertStatus.NEW.value,
          "verdict": hit.verdict, "score": hit.score, "opened_at": at, "updated_at": at,
          "last_seen_at": hit.seen_at, "sighting_count": counts.get(hit.listing_id, 1), "assignee": ""}
         for hit in hits],
    )
    return {listing_id: alert_id for listing_id, alert_id in rows}


def open_alerts_batch(
    session: Session, hits: Sequence[AlertCandidate], *, actor: str = "ktpwatch", at: datetime | None = None
) -> dict[int, int]:
    """Open an alert for each hit, in order; listing id → alert id for those opened here.

    A hit missing from the answer already had an alert (another worker):
    :func:`open_or_attach_alerts` attaches it.
    """
    if not hits:
        return {}
    when = now_utc(at)
    earlier = _earlier_alerts(session, hits)
    opened = _insert_alerts(session, hits, when)
    events: list[dict[str, object]] = []
    links: list[dict[str, object]] = []
    for hit in hits:
        alert_id = opened.get(hit.listing_id)
        if alert_id is None:
            continue
        events.append({"alert_id": alert_id, "at": when, "actor": actor, "action": "opened",
                       "from_status": None, "to_status": AlertStatus.NEW.value,
                       "note": f"{hit.verdict} score {hit.score:.1f} ({hit.matcher_version})"})
        links += _link_rows(session, alert_id, earlier.related(hit), earlier.status, actor=actor, at=when)
        earlier.add(alert_id, hit)
    if events:
        session.execute(EVENTS.insert(), events)
    if links:
        session.execute(insert_ignoring_conflicts(session, LINKS, ("alert_id", "linked_alert_id", "reason")), links)
    return opened


def _link_rows(
    session: Session, alert_id: int, related: dict[int, list[tuple[str, str]]], status: dict[int, str],
    *, actor: str, at: datetime,
) -> list[dict[str, object]]:
    """The link rows of a new alert; earlier removed alerts are relisted on the way."""
    rows: list[dict[str, object]] = []
    for other in sorted(related):
        if other == alert_id:
            continue
        matches = related[other]
        if status.get(other) == AlertStatus.REMOVED.value:
            _relist(session, other, alert_id, matches, actor=actor, at=at)
            status[other] = AlertStatus.RELISTED.value
            continue
        by_reason: dict[str, list[str]] = defaultdict(list)
        for reason, detail in matches:
            by_reason[reason].append(detail)
        rows += [{"alert_id": alert_id, "linked_alert_id": other, "reason": reason,
                  "detail": "; ".join(details), "created_at": at}
                 for reason, details in by_reason.items()]
    return rows


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
    link_alerts(session, new, other, reason="relisted", detail=detail, fresh=True, at=at)
