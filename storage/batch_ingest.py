"""Ingest a scan's batch of listings in a handful of set-based statements.

:func:`storage.listings.record_sighting` writes one listing with the ORM: about
ten statements and their object bookkeeping per listing, ~2 ms — four times
what the crawl itself spends on a listing. A scan writes thousands of
listings, nearly all benign, so the pipeline hands a whole batch to
:func:`record_sightings_batch`, which does for every listing of the batch what
``record_sighting`` does for one (same rows, same rules: insert-or-ignore,
then read back; an older view never replaces a newer one; one sighting per
listing per scan) with one ``executemany`` per table. The few listings that
need an alert's bookkeeping take the ORM path afterwards
(:func:`load_outcome` gives them the same :class:`SightingOutcome`).

Concurrency: as in ``record_sighting``, a listing or sighting inserted by
another worker between our read and our insert is absorbed by ``ON CONFLICT DO
NOTHING`` and read back. The only difference is that such a listing is
reported as new to both workers (each saw it absent), which at worst queues
its photos twice (a no-op) — the alert is still opened once (unique per
listing).
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
from storage.models import Alert, Assessment, Listing, Seller, Sighting

LISTINGS: Table = Listing.__table__  # type: ignore[assignment]
SELLERS: Table = Seller.__table__  # type: ignore[assignment]
SIGHTINGS: Table = Sighting.__table__  # type: ignore[assignment]
ASSESSMENTS: Table = Assessment.__table__  # type: ignore[assignment]

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


def _seller_ids(session: Session, batch: Sequence[ListingData], seen: datetime) -> dict[tuple[str, str], int]:
    # as upsert_seller once per listing, in order: the last non-empty value of a field wins
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
        # as upsert_seller: non-empty fields refresh the row
        changes = {a: getattr(data, a) for a in ("name", "url", "city")
                   if getattr(data, a) and getattr(row, a) != getattr(data, a)}
        if changes:
            session.execute(update(SELLERS).where(c.id == row.id).values(**changes))
    return ids


def record_sightings_batch(
    session: Session,
    batch: Sequence[ListingData],
    *,
    scan_id: int,
    seen_at: datetime | None = None,
) -> list[BatchSighting]:
    """``record_sighting`` for every listing of ``batch`` (in order), set-based.

    A listing twice in one batch is recorded once; its second entry reports
    ``sighting_id=None``, as a second ``record_sighting`` in one scan would.
    """
    if not batch:
        return []
    seen = (seen_at or datetime.now(UTC)).astimezone(UTC)
    seller_ids = _seller_ids(session, batch, seen)
    lc = LISTINGS.c
    keys = list(dict.fromkeys((d.marketplace, d.external_id) for d in batch))
    before = {
        (r.marketplace, r.external_id): r
        for r in session.execute(
            select(lc.id, lc.marketplace, lc.external_id, lc.content_hash, lc.last_seen_at)
            .where(tuple_(lc.marketplace, lc.external_id).in_(keys))
        )
    }
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
        }
    fresh = [k for k in keys if k not in before]
    if fresh:
        session.execute(
            insert_ignoring_conflicts(session, LISTINGS, ("marketplace", "external_id")),
            [{"marketplace": k[0], "external_id": k[1], "first_seen_at": seen, "last_seen_at": seen,
              "state": "live", **views[k]} for k in fresh],
        )
    ids = {key: row.id for key, row in before.items()}
    if fresh:
        ids.update(
            ((r.marketplace, r.external_id), r.id)
            for r in session.execute(
                select(lc.id, lc.marketplace, lc.external_id)
                .where(tuple_(lc.marketplace, lc.external_id).in_(fresh))
            )
        )

    # one sighting per listing per scan: what this scan already holds adds nothing
    sc = SIGHTINGS.c
    listing_ids = [ids[k] for k in keys]
    already = set(session.scalars(
        select(sc.listing_id).where(sc.scan_id == scan_id, sc.listing_id.in_(listing_ids))
    ))
    raw_of: dict[tuple[str, str], dict[str, Any]] = {}
    query_of: dict[tuple[str, str], str] = {}
    for d in batch:
        raw_of.setdefault((d.marketplace, d.external_id), d.raw)
        query_of.setdefault((d.marketplace, d.external_id), d.query)
    to_record = [k for k in keys if ids[k] not in already]
    if to_record:
        session.execute(
            insert_ignoring_conflicts(session, SIGHTINGS, ("listing_id", "scan_id")),
            [{"listing_id": ids[k], "scan_id": scan_id, "seen_at": seen, "query": query_of[k],
              "title": views[k]["title"], "description": views[k]["description"],
              "price": views[k]["price"], "content_hash": views[k]["content_hash"], "raw": raw_of[k]}
             for k in to_record],
        )
    sighting_ids = {
        r.listing_id: r.id
        for r in session.execute(select(sc.listing_id, sc.id).where(
            sc.scan_id == scan_id, sc.listing_id.in_([ids[k] for k in to_record])))
    } if to_record else {}

    # a newer view replaces the listing's latest view; an older one stays history
    refresh = [
        {"b_id": before[k].id, "b_seen": seen, **{f"b_{c}": views[k][c] for c in _VIEW_COLUMNS}}
        for k in to_record
        if k in before and seen >= _aware(before[k].last_seen_at)
    ]
    if refresh:
        session.execute(
            update(LISTINGS).where(lc.id == bindparam("b_id")).values(
                last_seen_at=bindparam("b_seen"), state="live",
                **{c: bindparam(f"b_{c}") for c in _VIEW_COLUMNS},
            ),
            refresh,
        )

    out: list[BatchSighting] = []
    done: set[tuple[str, str]] = set()
    for d in batch:
        key = (d.marketplace, d.external_id)
        lid = ids[key]
        seller_id = views[key]["seller_id"]
        if key in done or lid in already:
            out.append(BatchSighting(lid, None, False, False, seen, seller_id))
            continue
        done.add(key)
        new = key not in before
        changed = not new and before[key].content_hash != views[key]["content_hash"]
        out.append(BatchSighting(lid, sighting_ids.get(lid), new, changed, seen, seller_id))
    return out


def _aware(value: datetime) -> datetime:
    return value if value.tzinfo else value.replace(tzinfo=UTC)


def listings_with_alerts(session: Session, listing_ids: Sequence[int]) -> set[int]:
    """Which of these listings already have an alert (their sightings attach to it)."""
    if not listing_ids:
        return set()
    return set(session.scalars(select(Alert.listing_id).where(Alert.listing_id.in_(list(listing_ids)))))


def listings_with_alert_keys(session: Session, *, marketplace: str | None = None) -> set[tuple[str, str]]:
    """(marketplace, external id) of every listing with an alert (of one marketplace, if given)."""
    stmt = select(Listing.marketplace, Listing.external_id).join(Alert, Alert.listing_id == Listing.id)
    if marketplace:
        stmt = stmt.where(Listing.marketplace == marketplace)
    return {(row.marketplace, row.external_id) for row in session.execute(stmt)}


def record_assessments_batch(
    session: Session, rows: Sequence[tuple[BatchSighting, AssessmentData]]
) -> None:
    """``record_assessment`` for listings that need no alert bookkeeping, set-based."""
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
    """The ORM view of a batch-recorded listing, for the alert bookkeeping path."""
    listing = session.get_one(Listing, recorded.listing_id)
    sighting = session.get(Sighting, recorded.sighting_id) if recorded.sighting_id else None
    return SightingOutcome(listing=listing, sighting=sighting, new_listing=recorded.new_listing,
                           changed=recorded.changed)
