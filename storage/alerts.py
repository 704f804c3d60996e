"""Alerts: their life (state machine, audit trail, relisting links) and the queries analysts run.

One alert per listing that ever got a ``blank`` or ``related`` verdict; later
sightings attach to it. Status moves only along
:data:`storage.models.ALERT_TRANSITIONS`; every move and every analyst action
is an :class:`~storage.models.AlertEvent`. When an alert opens, earlier alerts
that share its seller or a chip UID / NIK / phone number are linked to it; an
earlier alert that had been removed becomes ``relisted``.

Deviation from a literal "one alert per listing, new alert on relisting": the
alerts table keeps one alert per listing (unique ``listing_id``), so when the
*same* listing is seen again after a re-check found it removed, its own alert
moves ``removed → relisted`` (with an audit event) instead of opening a second
alert. A *new* listing by the same seller or with a shared identifier opens a
new alert linked to the old one, as the design says.

Query functions take a session and never commit; callers own the transaction.
"""

from __future__ import annotations

import math
import re
from collections import defaultdict
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from datetime import UTC, date, datetime, timedelta
from typing import Any

from sqlalchemy import and_, func, insert, or_, select, union, update
from sqlalchemy.orm import Session
from sqlalchemy.orm.attributes import set_committed_value

from storage.listings import insert_ignoring_conflicts, latest_assessment, sighting_count
from storage.models import (
    ALERT_TRANSITIONS,
    ActorMember,
    Alert,
    AlertEvent,
    AlertLink,
    AlertStatus,
    Assessment,
    Evidence,
    Identifier,
    Listing,
    Notice,
    NoticeAlert,
    NoticeStatus,
    Recheck,
    Seller,
    Sighting,
    Verdict,
)
from storage.notices import unknown_rechecks_by_marketplace

#: identifier kinds that tie two listings to one person or one batch of blanks
LINKING_KINDS = ("chip_uid", "nik", "phone")

#: audit ``action`` written for a move into each status
TRANSITION_ACTIONS: dict[AlertStatus, str] = {
    AlertStatus.NEW: "reopen",
    AlertStatus.CONFIRMED: "confirm",
    AlertStatus.DISMISSED: "dismiss",
    AlertStatus.NOTIFIED: "notify",
    AlertStatus.REMOVED: "remove",
    AlertStatus.STILL_LIVE: "still_live",
    AlertStatus.ESCALATED: "escalate",
    AlertStatus.RELISTED: "relist",
}

#: statuses an alert can only have reached through ``confirmed``
CONFIRMED_PATH = frozenset(
    {
        AlertStatus.CONFIRMED,
        AlertStatus.NOTIFIED,
        AlertStatus.REMOVED,
        AlertStatus.STILL_LIVE,
        AlertStatus.ESCALATED,
        AlertStatus.RELISTED,
    }
)


def _now(at: datetime | None) -> datetime:
    return (at or datetime.now(UTC)).astimezone(UTC)


# --------------------------------------------------------------------------- state machine


class IllegalTransition(Exception):
    """A status move the state machine does not allow; the message says what is allowed."""

    def __init__(self, alert_id: int | None, current: AlertStatus, to: AlertStatus) -> None:
        allowed = sorted(s.value for s in ALERT_TRANSITIONS[current])
        self.alert_id = alert_id
        self.current = current
        self.to = to
        self.allowed = tuple(allowed)
        if current == to:
            message = f"alert {alert_id} is already {current.value}"
        else:
            message = f"alert {alert_id} cannot move from {current.value} to {to.value}"
        if allowed:
            message += f" (from {current.value} it can go to: {', '.join(allowed)})"
        else:
            message += f" ({current.value} is final)"
        super().__init__(message)


def check_transition(alert: Alert, to: AlertStatus | str) -> AlertStatus:
    """The target status, or :class:`IllegalTransition` — without changing anything."""
    target = AlertStatus(to)
    current = AlertStatus(alert.status)
    if target not in ALERT_TRANSITIONS[current]:
        raise IllegalTransition(alert.id, current, target)
    return target


def add_event(
    session: Session,
    alert: Alert,
    *,
    actor: str,
    action: str,
    note: str = "",
    at: datetime | None = None,
    from_status: str | None = None,
    to_status: str | None = None,
) -> AlertEvent:
    """Write one audit event (notes, assignments, reveals, and the moves below)."""
    event = AlertEvent(
        alert=alert,
        at=_now(at),
        actor=actor,
        action=action,
        note=note,
        from_status=from_status,
        to_status=to_status,
    )
    session.add(event)
    return event


def record_reveals(session: Session, alert_ids: Iterable[int], *, actor: str, note: str) -> int:
    """One ``reveal`` audit event per alert whose NIKs were shown unmasked; how many.

    A bulk insert, because ``alerts list --reveal --limit 0`` may show thousands.
    """
    at = _now(None)
    rows = [{"alert_id": alert_id, "at": at, "actor": actor, "action": "reveal", "note": note}
            for alert_id in dict.fromkeys(alert_ids)]
    if rows:
        session.execute(insert(AlertEvent), rows)
    return len(rows)


class AlertChanged(Exception):
    """Someone else moved the alert between our read and our write (a lost race, not a bad request).

    The message names what the alert is now and who made it so:
    ``alert 7 changed since you loaded it (now confirmed by ana)``.
    """

    def __init__(self, alert_id: int, loaded: str, now: str | None, by: str | None) -> None:
        self.alert_id = alert_id
        self.loaded = loaded
        self.now = now
        self.by = by
        what = "deleted" if now is None else f"now {now}" + (f" by {by}" if by else "")
        super().__init__(f"alert {alert_id} changed since you loaded it ({what})")


def _changed(session: Session, alert_id: int, loaded: str) -> AlertChanged:
    """The :class:`AlertChanged` for a conditional update that matched no row: read who won."""
    now = session.scalar(select(Alert.status).where(Alert.id == alert_id))
    by = session.scalar(
        select(AlertEvent.actor)
        .where(AlertEvent.alert_id == alert_id, AlertEvent.to_status.is_not(None))
        .order_by(AlertEvent.id.desc())
        .limit(1)
    )
    return AlertChanged(alert_id, loaded, now, by)


def transition(
    session: Session,
    alert: Alert,
    to: AlertStatus | str,
    *,
    actor: str,
    note: str = "",
    at: datetime | None = None,
) -> AlertEvent:
    """Move ``alert`` to ``to`` if the state machine allows it, and audit the move.

    The write is conditional (``UPDATE … WHERE status = <the status we read>``),
    so two analysts or a sender and an analyst acting on one alert at once
    cannot both win: the loser gets :class:`AlertChanged` and, because the
    caller owns the transaction, writes nothing — the audit trail shows only
    what happened. On PostgreSQL (read committed) the losing UPDATE waits for
    the winner's commit and then matches no row; on SQLite writers are
    serialised and the second UPDATE sees the committed status.
    """
    target = check_transition(alert, to)
    when = _now(at)
    previous = alert.status
    values: dict[str, Any] = {"status": target.value, "updated_at": when}
    if target is AlertStatus.NOTIFIED:
        values["notified_at"] = when
    elif target is AlertStatus.REMOVED:
        values["removed_at"] = when
    session.flush()
    moved = session.execute(
        update(Alert)
        .where(Alert.id == alert.id, Alert.status == previous)
        .values(**values)
        .execution_options(synchronize_session=False)
    )
    if getattr(moved, "rowcount", 0) != 1:
        raise _changed(session, alert.id, previous)
    for key, value in values.items():
        set_committed_value(alert, key, value)
    return add_event(
        session,
        alert,
        actor=actor,
        action=TRANSITION_ACTIONS[target],
        note=note,
        at=when,
        from_status=previous,
        to_status=target.value,
    )


def transition_unless_changed(
    session: Session,
    alert: Alert,
    to: AlertStatus | str,
    *,
    actor: str,
    note: str = "",
    at: datetime | None = None,
) -> AlertEvent | None:
    """For automatic moves (a scan marking an alert relisted): None when an analyst moved it meanwhile.

    The analyst's decision stands and the scan goes on; :func:`transition`
    would fail the whole batch over one alert.
    """
    try:
        return transition(session, alert, to, actor=actor, note=note, at=at)
    except AlertChanged:
        session.expire(alert)
        return None


@dataclass(frozen=True)
class Move:
    """One alert moved by :func:`move_alerts`: ``alert 12: new -> confirmed``."""

    alert_id: int
    before: str
    after: str


class UnknownAlert(LookupError):
    """An alert id that is not in the database."""

    def __init__(self, alert_id: int) -> None:
        self.alert_id = alert_id
        super().__init__(f"no alert {alert_id}")


def load_alerts(session: Session, ids: Iterable[int]) -> list[Alert]:
    """The alerts ``ids`` in the order given (duplicates once); :class:`UnknownAlert` for a missing one."""
    alerts: list[Alert] = []
    for alert_id in dict.fromkeys(ids):
        alert = session.get(Alert, alert_id)
        if alert is None:
            raise UnknownAlert(alert_id)
        alerts.append(alert)
    return alerts


def move_alerts(
    session: Session, alerts: Sequence[Alert], to: AlertStatus, *, actor: str, note: str = ""
) -> list[Move]:
    """Move every alert to ``to``, all or nothing (the analyst's batch confirm/dismiss/reopen).

    Every alert is checked against the state machine before any moves
    (:class:`IllegalTransition` names the first that cannot); then each
    moves conditionally (:class:`AlertChanged` when another analyst got there
    first). Either error leaves the caller's transaction to roll back, so a
    batch never half-happens.
    """
    for alert in alerts:
        check_transition(alert, to)
    moves: list[Move] = []
    for alert in alerts:
        before = alert.status
        transition(session, alert, to, actor=actor, note=note)
        moves.append(Move(alert.id, before, to.value))
    return moves


def assign_alert(session: Session, alert: Alert, assignee: str, *, actor: str) -> str:
    """Set the assignee (``""`` unassigns) only if nobody reassigned it since we read it; returns who had it.

    Conditional like :func:`transition`: two leads assigning one alert at once
    cannot silently overwrite each other (the loser gets :class:`AlertChanged`).
    """
    before = alert.assignee
    session.flush()
    changed = session.execute(
        update(Alert)
        .where(Alert.id == alert.id, Alert.assignee == before)
        .values(assignee=assignee, updated_at=_now(None))
        .execution_options(synchronize_session=False)
    )
    if getattr(changed, "rowcount", 0) != 1:
        now = session.scalar(select(Alert.assignee).where(Alert.id == alert.id))
        raise AlertChanged(alert.id, alert.status, f"assigned to {now or 'nobody'}", None)
    set_committed_value(alert, "assignee", assignee)
    add_event(session, alert, actor=actor, action="assign", note=f"{before or '-'} -> {assignee or '-'}")
    return before


# --------------------------------------------------------------------------- links


def link_alerts(
    session: Session, alert: Alert, other: Alert, *, reason: str, detail: str = "", fresh: bool = False
) -> AlertLink | None:
    """Link two alerts for ``reason``; None when they already are (either direction) or are one.

    ``fresh``: ``alert`` was opened in this transaction, so no other
    transaction can link it yet and no check is needed (a scan opens
    thousands of alerts; each saved check is a round trip).
    """
    if alert.id == other.id:
        return None
    if fresh:
        link = AlertLink(alert_id=alert.id, linked_alert_id=other.id, reason=reason, detail=detail,
                         created_at=datetime.now(UTC))
        session.add(link)
        return link
    existing = session.scalar(
        select(AlertLink.id).where(
            AlertLink.reason == reason,
            or_(
                and_(AlertLink.alert_id == alert.id, AlertLink.linked_alert_id == other.id),
                and_(AlertLink.alert_id == other.id, AlertLink.linked_alert_id == alert.id),
            ),
        )
    )
    if existing is not None:
        return None
    new_id = session.execute(
        insert_ignoring_conflicts(session, AlertLink, ("alert_id", "linked_alert_id", "reason"))
        .values(
            alert_id=alert.id,
            linked_alert_id=other.id,
            reason=reason,
            detail=detail,
            created_at=datetime.now(UTC),
        )
        .returning(AlertLink.id)
    ).scalar()
    return session.get(AlertLink, new_id) if new_id is not None else None


def same_seller_detail(marketplace: str, external_id: str, name: str) -> str:
    """The detail of a ``same_seller`` link: ``seller tokopedia:123 (Toko X)``."""
    return f"seller {marketplace}:{external_id}" + (f" ({name})" if name else "")


def same_identifier_detail(kind: str, value: str) -> str:
    """The detail of a ``same_identifier`` link: ``nik 3174010101900003``.

    Stored as found (the identifiers table holds the NIK in full anyway, for
    linking); every output masks it through ``alerts.redaction``.
    """
    return f"{kind} {value}"


def _related_alerts(session: Session, listing: Listing, alert_id: int) -> dict[int, list[tuple[str, str]]]:
    """Other alerts sharing this listing's seller or a linking identifier: id → [(reason, detail)]."""
    found: dict[int, list[tuple[str, str]]] = defaultdict(list)
    if listing.seller_id is not None:
        seller = session.get_one(Seller, listing.seller_id)
        detail = same_seller_detail(seller.marketplace, seller.external_id, seller.name)
        rows = session.execute(
            select(Alert.id)
            .join(Listing, Listing.id == Alert.listing_id)
            .where(Listing.seller_id == listing.seller_id, Alert.id != alert_id)
        )
        for (other_id,) in rows:
            found[other_id].append(("same_seller", detail))
    own = session.execute(
        select(Identifier.kind, Identifier.value)
        .where(Identifier.listing_id == listing.id, Identifier.kind.in_(LINKING_KINDS))
        .distinct()
    ).all()
    if own:
        pairs = or_(*(and_(Identifier.kind == k, Identifier.value == v) for k, v in own))
        shared = session.execute(
            select(Alert.id, Identifier.kind, Identifier.value)
            .join(Identifier, Identifier.listing_id == Alert.listing_id)
            .where(pairs, Alert.id != alert_id, Alert.listing_id != listing.id)
            .distinct()
        )
        for other_id, kind, value in shared:
            found[other_id].append(("same_identifier", same_identifier_detail(kind, value)))
    return found


def link_related(
    session: Session, alert: Alert, *, actor: str, at: datetime | None = None, fresh: bool = False
) -> list[AlertLink]:
    """Link ``alert`` to earlier alerts by seller and identifier; removed ones become relisted.

    ``fresh``: ``alert`` was opened in this transaction (see :func:`link_alerts`).
    """
    links: list[AlertLink] = []
    related = _related_alerts(session, alert.listing, alert.id)
    others = {a.id: a for a in session.scalars(select(Alert).where(Alert.id.in_(list(related))))} if related else {}
    for other_id in sorted(related):
        other = others[other_id]
        matches = related[other_id]
        detail = "; ".join(d for _, d in matches)
        if other.status == AlertStatus.REMOVED.value and transition_unless_changed(
            session, other, AlertStatus.RELISTED, actor=actor, at=at,
            note=f"relisted as alert {alert.id}: {detail}",
        ):
            link = link_alerts(session, alert, other, reason="relisted", detail=detail, fresh=fresh)
            if link is not None:
                links.append(link)
            continue
        by_reason: dict[str, list[str]] = defaultdict(list)
        for reason, detail in matches:
            by_reason[reason].append(detail)
        for reason, details in by_reason.items():
            link = link_alerts(session, alert, other, reason=reason, detail="; ".join(details), fresh=fresh)
            if link is not None:
                links.append(link)
    return links


# --------------------------------------------------------------------------- opening


@dataclass
class AlertOutcome:
    alert: Alert
    opened: bool
    links: list[AlertLink]


def open_or_attach_alert(
    session: Session,
    listing: Listing,
    assessment: Assessment,
    *,
    actor: str = "ktpwatch",
    at: datetime | None = None,
) -> AlertOutcome | None:
    """Open an alert for a first blank/related verdict, or attach this sighting to the open one.

    Returns None for a benign verdict on a listing without an alert. A listing
    that already has an alert keeps it whatever the new verdict (the seller
    may have cleaned the text): the sighting attaches, the score follows the
    latest assessment, the verdict keeps the latest non-benign one.
    """
    when = _now(at)
    alert = session.scalar(select(Alert).where(Alert.listing_id == listing.id))
    hit = assessment.verdict != Verdict.BENIGN.value
    if alert is None:
        if not hit:
            return None
        new_id = session.execute(
            insert_ignoring_conflicts(session, Alert, ("listing_id",))
            .values(
                listing_id=listing.id,
                marketplace=listing.marketplace,
                status=AlertStatus.NEW.value,
                verdict=assessment.verdict,
                score=assessment.score,
                opened_at=when,
                updated_at=when,
                last_seen_at=listing.last_seen_at,
                sighting_count=sighting_count(session, listing.id),
                assignee="",
            )
            .returning(Alert.id)
        ).scalar()
        if new_id is not None:
            alert = session.get_one(Alert, new_id)
            add_event(
                session, alert, actor=actor, action="opened", at=when,
                to_status=AlertStatus.NEW.value,
                note=f"{assessment.verdict} score {assessment.score:.1f} ({assessment.matcher_version})",
            )
            session.flush()
            links = link_related(session, alert, actor=actor, at=when, fresh=True)
            session.flush()
            return AlertOutcome(alert=alert, opened=True, links=links)
        # Another worker opened it between our select and insert: attach to theirs.
        alert = session.scalars(select(Alert).where(Alert.listing_id == listing.id)).one()

    alert.score = assessment.score
    if hit:
        alert.verdict = assessment.verdict
    alert.last_seen_at = max(alert.last_seen_at, listing.last_seen_at)
    alert.sighting_count = sighting_count(session, listing.id)
    alert.updated_at = when
    if alert.status == AlertStatus.REMOVED.value and listing.last_seen_at > (alert.removed_at or when):
        transition_unless_changed(
            session, alert, AlertStatus.RELISTED, actor=actor, at=when,
            note="the listing was seen again by a scan after it had been removed",
        )
    session.flush()
    return AlertOutcome(alert=alert, opened=False, links=[])


# --------------------------------------------------------------------------- list


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
    try:
        column = SORT_COLUMNS[filters.sort]
    except KeyError:
        raise ValueError(
            f"unknown sort {filters.sort!r}; choose one of {', '.join(SORT_COLUMNS)}"
        ) from None
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
    assessment: Assessment | None
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
    seller = session.get(Seller, listing.seller_id) if listing.seller_id is not None else None
    assessment = session.scalars(
        select(Assessment)
        .where(Assessment.listing_id == listing.id, Assessment.verdict != Verdict.BENIGN.value)
        .order_by(Assessment.created_at.desc(), Assessment.id.desc())
        .limit(1)
    ).first() or latest_assessment(session, listing.id)
    identifiers = list(
        session.scalars(
            select(Identifier).where(Identifier.listing_id == listing.id)
            .order_by(Identifier.kind, Identifier.value, Identifier.source)
        )
    )
    sightings = list(
        session.scalars(
            select(Sighting).where(Sighting.listing_id == listing.id)
            .order_by(Sighting.seen_at.desc(), Sighting.id.desc()).limit(sightings_limit)
        )
    )
    sightings.reverse()
    evidence = list(
        session.scalars(
            select(Evidence)
            .where(or_(Evidence.alert_id == alert.id, Evidence.listing_id == listing.id))
            .order_by(Evidence.captured_at, Evidence.id)
        )
    )
    notices = list(
        session.scalars(
            select(Notice).join(NoticeAlert, NoticeAlert.notice_id == Notice.id)
            .where(NoticeAlert.alert_id == alert.id).order_by(Notice.created_at, Notice.id)
        )
    )
    rechecks = list(
        session.scalars(
            select(Recheck).where(Recheck.alert_id == alert.id).order_by(Recheck.checked_at, Recheck.id)
        )
    )
    events = list(
        session.scalars(
            select(AlertEvent).where(AlertEvent.alert_id == alert.id).order_by(AlertEvent.at, AlertEvent.id)
        )
    )
    return AlertDetail(
        alert=alert,
        listing=listing,
        seller=seller,
        assessment=assessment,
        identifiers=identifiers,
        links=linked_alerts(session, alert.id),
        sightings=sightings,
        evidence=evidence,
        notices=notices,
        rechecks=rechecks,
        events=events,
    )


# --------------------------------------------------------------------------- report


def percentile(values: Sequence[float], q: float) -> float | None:
    """The ``q``-th percentile (0–100) with linear interpolation; None for no values."""
    if not values:
        return None
    ordered = sorted(values)
    rank = (len(ordered) - 1) * q / 100.0
    low = math.floor(rank)
    high = math.ceil(rank)
    return ordered[low] + (ordered[high] - ordered[low]) * (rank - low)


@dataclass(frozen=True)
class MarketplaceReport:
    marketplace: str
    opened: int
    confirmed: int
    dismissed: int
    #: confirmed / (confirmed + dismissed): the precision analysts observe
    precision: float | None
    notices_sent: int
    removed: int
    relistings: int
    #: follow-up re-checks that met a block, captcha or unreadable page (retried, never read as live)
    unknown_rechecks: int
    first_seen_to_notice_median_hours: float | None
    first_seen_to_notice_p90_hours: float | None
    notice_to_removal_median_hours: float | None
    notice_to_removal_p90_hours: float | None


@dataclass(frozen=True)
class WeekCount:
    #: the Monday that starts the ISO week
    week: date
    opened: int


@dataclass(frozen=True)
class ActivityReport:
    since: datetime | None
    generated_at: datetime
    marketplaces: list[MarketplaceReport]
    total: MarketplaceReport
    weeks: list[WeekCount]


@dataclass
class _Tally:
    opened: int = 0
    confirmed: int = 0
    dismissed: int = 0
    notices_sent: int = 0
    removed: int = 0
    relistings: int = 0
    unknown_rechecks: int = 0
    to_notice: list[float] = field(default_factory=list)
    to_removal: list[float] = field(default_factory=list)

    def add(self, other: _Tally) -> None:
        for name in ("opened", "confirmed", "dismissed", "notices_sent", "removed", "relistings",
                     "unknown_rechecks"):
            setattr(self, name, getattr(self, name) + getattr(other, name))
        self.to_notice += other.to_notice
        self.to_removal += other.to_removal

    def report(self, marketplace: str) -> MarketplaceReport:
        decided = self.confirmed + self.dismissed
        return MarketplaceReport(
            marketplace=marketplace,
            opened=self.opened,
            confirmed=self.confirmed,
            dismissed=self.dismissed,
            precision=round(self.confirmed / decided, 3) if decided else None,
            notices_sent=self.notices_sent,
            removed=self.removed,
            relistings=self.relistings,
            unknown_rechecks=self.unknown_rechecks,
            first_seen_to_notice_median_hours=_hours(percentile(self.to_notice, 50)),
            first_seen_to_notice_p90_hours=_hours(percentile(self.to_notice, 90)),
            notice_to_removal_median_hours=_hours(percentile(self.to_removal, 50)),
            notice_to_removal_p90_hours=_hours(percentile(self.to_removal, 90)),
        )


def _hours(seconds: float | None) -> float | None:
    return None if seconds is None else round(seconds / 3600.0, 1)


def _week_start(moment: datetime) -> date:
    day = moment.astimezone(UTC).date()
    return day - timedelta(days=day.weekday())


def activity_report(
    session: Session, *, since: datetime | None = None, now: datetime | None = None, max_weeks: int = 26
) -> ActivityReport:
    """Per-marketplace outcomes of alerts opened since ``since`` (all time when None).

    The weekly series runs from ``since`` to now, or covers the last ``max_weeks`` weeks.
    """
    generated = _now(now)
    tallies: dict[str, _Tally] = defaultdict(_Tally)
    weeks: dict[date, int] = defaultdict(int)
    rows = select(
        Alert.marketplace, Alert.status, Alert.opened_at, Alert.notified_at, Alert.removed_at,
        Listing.first_seen_at,
    ).join(Listing, Listing.id == Alert.listing_id)
    if since is not None:
        rows = rows.where(Alert.opened_at >= since)
    for market, status, opened, notified, removed, first_seen in session.execute(rows):
        tally = tallies[market]
        tally.opened += 1
        weeks[_week_start(opened)] += 1
        if status in CONFIRMED_PATH:
            tally.confirmed += 1
        elif status == AlertStatus.DISMISSED.value:
            tally.dismissed += 1
        if removed is not None:
            tally.removed += 1
        if notified is not None:
            tally.to_notice.append(max(0.0, (notified - first_seen).total_seconds()))
            if removed is not None and removed >= notified:
                tally.to_removal.append((removed - notified).total_seconds())

    sent = select(Notice.marketplace, func.count()).where(Notice.status == NoticeStatus.SENT.value)
    if since is not None:
        sent = sent.where(Notice.sent_at >= since)
    for market, count in session.execute(sent.group_by(Notice.marketplace)):
        tallies[market].notices_sent += int(count)

    relisted = (
        select(Alert.marketplace, func.count(func.distinct(AlertLink.alert_id)))
        .join(AlertLink, AlertLink.alert_id == Alert.id)
        .where(AlertLink.reason.in_(("relisted", "same_seller", "same_identifier", "same_photo")))
    )
    if since is not None:
        relisted = relisted.where(Alert.opened_at >= since)
    for market, count in session.execute(relisted.group_by(Alert.marketplace)):
        tallies[market].relistings += int(count)

    for market, count in unknown_rechecks_by_marketplace(session, since).items():
        tallies[market].unknown_rechecks += count

    total = _Tally()
    for tally in tallies.values():
        total.add(tally)
    return ActivityReport(
        since=since,
        generated_at=generated,
        marketplaces=[tallies[m].report(m) for m in sorted(tallies)],
        total=total.report("all"),
        weeks=_week_series(weeks, since=since, now=generated, max_weeks=max_weeks),
    )


def _week_series(counts: dict[date, int], *, since: datetime | None, now: datetime, max_weeks: int) -> list[WeekCount]:
    """Every week up to now, empty weeks included: from ``since`` when given, else the last ``max_weeks``."""
    last = _week_start(now)
    if since is not None:
        first = _week_start(since)
    else:
        first = max(min(counts, default=last), last - timedelta(weeks=max_weeks - 1))
    series: list[WeekCount] = []
    week = first
    while week <= last:
        series.append(WeekCount(week=week, opened=counts.get(week, 0)))
        week += timedelta(weeks=1)
    return series
