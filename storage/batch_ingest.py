"""The one write path of sellers, listings, sightings and assessments: a batch in a handful of statements.

A scan writes thousands of listings, nearly all benign, so every write is
set-based: :func:`record_sightings_batch` upserts the batch's sellers and
listings and records one sighting per listing per scan with one
``executemany`` per table, and :func:`record_assessments_batch` stores the
verdicts. A single listing is a batch of one (the ORM twin these replaced
cost ~2 ms and ten statements a listing, four times what the crawl spends on
it, and had to be kept identical by tests).

Rules: rows are created with insert-or-ignore and read back, so the loser of
a race between workers reads the winner's row; an older view (a slow worker)
is kept as a sighting without replacing the listing's latest view; a listing
seen again is ``live`` again, whatever a re-check said. A listing or sighting
another worker inserted between our read and our insert is absorbed by ``ON
CONFLICT DO NOTHING``: the listing is reported as new to both workers (at worst
its photos are queued twice, a no-op; the alert is still opened once, unique
per listing), the sighting as already recorded.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, replace
from datetime import UTC, datetime
from typing import Any

from sqlalchemy import Table, bindparam, select, tuple_, update
from sqlalchemy.orm import Session

from storage.listings import (
    AssessmentData,
    ListingData,
    SellerData,
    SightingOutcome,
    identifier_rows,
    insert_ignoring_conflicts,
    upsert_identifiers,
)
from storage.models import Alert, AssessmentRecord, Listing, Seller, Sighting

LISTINGS: Table = Listing.__table__  # type: ignore[assignment]
SELLERS: Table = Seller.__table__  # type: ignore[assignment]
SIGHTINGS: Table = Sighting.__table__  # type: ignore[assignment]
ASSESSMENTS: Table = AssessmentRecord.__table__  # type: ignore[assignment]

#: the columns a newer sighting refreshes on the listing row
_VIEW_COLUMNS = ("url", "title", "description", "price", "seller_id", "image_urls",
                 "sold_count", "listed_at", "content_hash")


@dataclass(frozen=True)
class BatchSighting:
    """What :func:`record_sightings_batch` did with one listing of the batch."""

    listing_id: int
    #: None when this scan had already recorded this listing
    sighting_id: int | None
    new_listing: bool
    #: the content differs from the listing's previous latest view
    changed: bool
    seen_at: datetime
    seller_id: int | None = None
    #: the listing's latest view after this write (``seen_at`` unless a newer view was already known)
    last_seen_at: datetime | None = None


def _seller_ids(session: Session, batch: Sequence[ListingData], seen: datetime) -> dict[tuple[str, str], int]:
    # one row per seller; within the batch, in order, the last non-empty value of a field wins
    sellers: dict[tuple[str, str], SellerData] = {}
    for d in batch:
        if d.seller is None:
            continue
        key = (d.seller.marketplace, d.seller.external_id)
        known = sellers.get(key)
        sellers[key] = d.seller if known is None else replace(
            known, **{a: getattr(d.seller, a) for a in ("name", "url", "city") if getattr(d.seller, a)}
        )
    if not sellers:
        return {}
    session.execute(
        insert_ignoring_conflicts(session, SELLERS, ("marketplace", "external_id")),
        [{"marketplace": s.marketplace, "external_id": s.external_id, "name": s.name, "url": s.url,
          "city": s.city, "first_seen_at": seen} for s in sellers.values()],
    )
    ids: dict[tuple[str, str], int] = {}
    c = SELLERS.c
    for row in session.execute(
        select(c.id, c.marketplace, c.external_id, c.name, c.url, c.city)
        .where(tuple_(c.marketplace, c.external_id).in_(list(sellers)))
    ):
        key = (row.marketplace, row.external_id)
        ids[key] = row.id
        data = sellers[key]
        # non-empty fields refresh the row; an empty one never blanks it
        changes = {a: getattr(data, a) for a in ("name", "url", "city")
                   if getattr(data, a) and getattr(row, a) != getattr(data, a)}
        if changes:
            session.execute(update(SELLERS).where(c.id == row.id).values(**changes))
    return ids


def record_sightings_batch(
    session: Session,
    batch: Sequence[ListingData],
    *,
    scan_id: int | None,
    seen_at: datetime | None = None,
) -> list[BatchSighting]:
    """Upsert sellers and listings and record that scan ``scan_id`` saw each listing (in order).

    One sighting per listing per scan: a listing this scan already recorded,
    or twice in one batch, reports ``sighting_id=None`` for the repeat.
    ``scan_id=None`` (a manual one-off) always records a new sighting.
    """
    if not batch:
        return []
    seen = (seen_at or datetime.now(UTC)).astimezone(UTC)
    seller_ids = _seller_ids(session, batch, seen)
    views = _views(batch, seller_ids)
    keys = list(views)
    before = _known_listings(session, keys)
    ids = _insert_listings(session, views, before, seen)
    already = set() if scan_id is None else set(session.scalars(
        select(SIGHTINGS.c.listing_id).where(SIGHTINGS.c.scan_id == scan_id,
                                             SIGHTINGS.c.listing_id.in_([ids[k] for k in keys]))
    ))
    to_record = [k for k in keys if ids[k] not in already]
    sighting_ids = _insert_sightings(session, views, ids, to_record, scan_id=scan_id, seen=seen)
    # a newer view replaces the listing's latest view; an older one stays history
    newer = [k for k in to_record if k in before and seen >= _aware(before[k].last_seen_at)]
    _refresh_listings(session, views, before, newer, seen)
    out: list[BatchSighting] = []
    done: set[tuple[str, str]] = set()
    for d in batch:
        key = (d.marketplace, d.external_id)
        lid, view = ids[key], views[key]
        last_seen = max(seen, _aware(before[key].last_seen_at)) if key in before else seen
        if key in done or lid not in sighting_ids:
            out.append(BatchSighting(lid, None, False, False, seen, view["seller_id"], last_seen))
            continue
        done.add(key)
        new = key not in before
        changed = not new and before[key].content_hash != view["content_hash"]
        out.append(BatchSighting(lid, sighting_ids[lid], new, changed, seen, view["seller_id"], last_seen))
    return out


def _views(batch: Sequence[ListingData], seller_ids: dict[tuple[str, str], int]) -> dict[tuple[str, str], dict[str, Any]]:
    """(marketplace, external id) → the listing row's view columns, first entry of each listing, in order."""
    views: dict[tuple[str, str], dict[str, Any]] = {}
    for d in batch:
        key = (d.marketplace, d.external_id)
        if key in views:
            continue
        views[key] = {
            "url": d.url, "title": d.title, "description": d.description, "price": d.price,
            "seller_id": seller_ids.get((d.seller.marketplace, d.seller.external_id)) if d.seller else None,
            "image_urls": list(d.image_urls), "sold_count": d.sold_count, "listed_at": d.listed_at,
            "content_hash": d.effective_hash(),
            # not view columns: what the sighting keeps
            "_query": d.query, "_raw": d.raw,
        }
    return views


def _known_listings(session: Session, keys: list[tuple[str, str]]) -> dict[tuple[str, str], Any]:
    lc = LISTINGS.c
    return {
        (r.marketplace, r.external_id): r
        for r in session.execute(
            select(lc.id, lc.marketplace, lc.external_id, lc.content_hash, lc.last_seen_at)
            .where(tuple_(lc.marketplace, lc.external_id).in_(keys))
        )
    }


def _insert_listings(
    session: Session, views: dict[tuple[str, str], dict[str, Any]], before: dict[tuple[str, str], Any],
    seen: datetime,
) -> dict[tuple[str, str], int]:
    """Insert the listings not known yet; (marketplace, external id) → listing id for every key."""
    lc = LISTINGS.c
    ids = {key: row.id for key, row in before.items()}
    fresh = [k for k in views if k not in before]
    if not fresh:
        return ids
    session.execute(
        insert_ignoring_conflicts(session, LISTINGS, ("marketplace", "external_id")),
        [{"marketplace": k[0], "external_id": k[1], "first_seen_at": seen, "last_seen_at": seen,
          "state": "live", **{c: views[k][c] for c in _VIEW_COLUMNS}} for k in fresh],
    )
    ids.update(
        ((r.marketplace, r.external_id), r.id)
        for r in session.execute(
            select(lc.id, lc.marketplace, lc.external_id).where(tuple_(lc.marketplace, lc.external_id).in_(fresh))
        )
    )
    return ids


def _insert_sightings(
    session: Session, views: dict[tuple[str, str], dict[str, Any]],
    ids: dict[tuple[str, str], int], to_record: list[tuple[str, str]], *, scan_id: int | None, seen: datetime,
) -> dict[int, int]:
    """Insert one sighting per listing in ``to_record``; listing id → sighting id of those written here."""
    if not to_record:
        return {}
    sc = SIGHTINGS.c
    rows = session.execute(
        insert_ignoring_conflicts(session, SIGHTINGS, ("listing_id", "scan_id")).returning(sc.listing_id, sc.id),
        [{"listing_id": ids[k], "scan_id": scan_id, "seen_at": seen, "query": views[k]["_query"],
          "title": views[k]["title"], "description": views[k]["description"], "price": views[k]["price"],
          "content_hash": views[k]["content_hash"], "raw": views[k]["_raw"]}
         for k in to_record],
    )
    return {listing_id: sighting_id for listing_id, sighting_id in rows}


def _refresh_listings(
    session: Session, views: dict[tuple[str, str], dict[str, Any]], before: dict[tuple[str, str], Any],
    keys: list[tuple[str, str]], seen: datetime,
) -> None:
    """Replace the latest view of these known listings; seen again, they are live again."""
    if not keys:
        return
    session.execute(
        update(LISTINGS).where(LISTINGS.c.id == bindparam("b_id")).values(
            last_seen_at=bindparam("b_seen"), state="live",
            **{c: bindparam(f"b_{c}") for c in _VIEW_COLUMNS},
        ),
        [{"b_id": before[k].id, "b_seen": seen, **{f"b_{c}": views[k][c] for c in _VIEW_COLUMNS}} for k in keys],
    )


def _aware(value: datetime) -> datetime:
    return value if value.tzinfo else value.replace(tzinfo=UTC)


def listings_with_alert_keys(session: Session, *, marketplace: str | None = None) -> set[tuple[str, str]]:
    """(marketplace, external id) of every listing with an alert (of one marketplace, if given)."""
    stmt = select(Listing.marketplace, Listing.external_id).join(Alert, Alert.listing_id == Listing.id)
    if marketplace:
        stmt = stmt.where(Listing.marketplace == marketplace)
    return {(row.marketplace, row.external_id) for row in session.execute(stmt)}


def record_assessments_batch(
    session: Session, rows: Sequence[tuple[BatchSighting, AssessmentData]]
) -> None:
    """Store each verdict on its sighting (created at the sighting's time) and upsert the identifiers it found."""
    if not rows:
        return
    session.execute(ASSESSMENTS.insert(), [
        {"listing_id": s.listing_id, "sighting_id": s.sighting_id, "created_at": s.seen_at,
         "score": float(a.score), "verdict": str(a.verdict), "reasons": list(a.reasons),
         "matcher_version": a.matcher_version}
        for s, a in rows
    ])
    identifiers = [row for s, a in rows for row in identifier_rows(s.listing_id, a.identifiers, s.seen_at)]
    if identifiers:
        upsert_identifiers(session, identifiers)


def load_outcome(session: Session, recorded: BatchSighting) -> SightingOutcome:
    """The ORM view of a batch-recorded listing (for callers that want the objects)."""
    # populate_existing: the set-based writes bypass the identity map
    listing = session.get_one(Listing, recorded.listing_id, populate_existing=True)
    sighting = session.get(Sighting, recorded.sighting_id, populate_existing=True) if recorded.sighting_id else None
    return SightingOutcome(listing=listing, sighting=sighting, new_listing=recorded.new_listing,
                           changed=recorded.changed)
