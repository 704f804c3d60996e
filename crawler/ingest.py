"""The one join of crawling, matching and storing: a batch of scored listings becomes rows, alerts and evidence.

"Score → record sighting → record assessment → open alert → queue evidence":
:func:`ingest_batch` writes every listing of a batch set-based
(:func:`storage.batch_ingest.record_sightings_batch`), stores the verdicts and
opens or attaches alerts through the one verdict write
(:func:`storage.verdicts.record_verdicts`), writes the evidence of each new
alert (the WARC of the exchanges that produced it at once; the screenshot is
taken after the crawl so capture never slows the crawl) and queues the photos
of hits and candidates for OCR. A single listing is a batch of one. The
pipeline (:mod:`crawler.pipelines`) only buffers and counts; the writer
(:mod:`crawler.writer`) calls this in its process; a scan stores what earlier
scans spooled through it too (:func:`store_spooled`).
"""

from __future__ import annotations

import logging
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from pathlib import Path

from sqlalchemy.orm import Session, sessionmaker

from alerts.evidence import EvidenceStore, record_capture_request
from alerts.provenance.stored_trace import store_traces
from config import Settings
from config.settings import LedgerConfig
from crawler.candidates import clears_candidate_bar
from crawler.spool import iter_spool
from matchers import Assessment, Verdict, score_listing
from spiders.items import ListingItem
from storage.batch_ingest import record_sightings_batch
from storage.images import queue_listing_images
from storage.listings import AssessmentData, ListingData, SellerData
from storage.verdicts import ScoredSighting, record_verdicts

log = logging.getLogger(__name__)

HIT_VERDICTS = (Verdict.BLANK, Verdict.RELATED)

#: a listing and the matcher's verdict on it
Scored = tuple[ListingItem, Assessment]


def item_scorer(settings: Settings) -> Callable[[ListingItem], Assessment]:
    """Score a listing with the configured thresholds (the crawl and the spool share it)."""
    blank = settings.matching.blank_threshold
    related = settings.matching.related_threshold

    def score(item: ListingItem) -> Assessment:
        return score_listing(
            item.title,
            item.description,
            price=item.price,
            blank_threshold=blank,
            related_threshold=related,
        )

    return score


def listing_data(item: ListingItem) -> ListingData:
    """The storage view of a spider's item."""
    seller = None
    if item.seller_id or item.seller_name:
        seller = SellerData(
            marketplace=item.marketplace,
            external_id=item.seller_id or f"name:{item.seller_name}",
            name=item.seller_name,
            url=item.seller_url,
            city=item.seller_city,
        )
    return ListingData(
        marketplace=item.marketplace,
        external_id=item.external_id,
        url=item.url,
        title=item.title,
        description=item.description,
        price=item.price,
        seller=seller,
        image_urls=tuple(item.image_urls),
        sold_count=item.sold_count,
        listed_at=item.listed_at,
        query=item.query,
        raw=item.raw,
        content_hash=item.content_hash(),
    )


@dataclass(frozen=True)
class StoredOutcome:
    new_alert: bool
    hit: bool


def ingest_batch(
    session: Session,
    batch: Sequence[Scored],
    *,
    scan_id: int | None,
    evidence_root: Path | None,
    images_threshold: float | None = None,
    ledger: LedgerConfig | None = None,
) -> list[StoredOutcome]:
    """Write a batch of scored listings of scan ``scan_id`` (None: a one-off); one outcome per listing.

    A listing this scan already recorded adds nothing. Evidence is written for
    a new alert, and for an alert whose listing changed; photos are queued for
    every listing with an alert and every one clearing ``images_threshold``;
    chip UIDs are traced against the stock ledger (``ledger``: how far OCR
    readings reach) and the trace stored on them.
    """
    recorded = record_sightings_batch(session, [listing_data(item) for item, _ in batch], scan_id=scan_id)
    outcomes = [StoredOutcome(new_alert=False, hit=result.verdict in HIT_VERDICTS) for _, result in batch]
    fresh = [i for i, rec in enumerate(recorded) if rec.sighting_id is not None or rec.new_listing]
    decisions = record_verdicts(session, [
        ScoredSighting(recorded[i], batch[i][0].marketplace, AssessmentData.from_result(batch[i][1]))
        for i in fresh
    ])
    with_chips = {recorded[i].listing_id for i in fresh
                  if any(found.kind == "chip_uid" for found in batch[i][1].identifiers)}
    store_traces(session, ledger or LedgerConfig(), with_chips)
    for i, decision in zip(fresh, decisions, strict=True):
        item, result = batch[i]
        listing_id = recorded[i].listing_id
        if decision is not None:
            outcomes[i] = StoredOutcome(new_alert=decision.opened, hit=outcomes[i].hit)
            if evidence_root is not None and (decision.opened or recorded[i].changed):
                queue_evidence(session, item, listing_id, decision.alert_id, evidence_root)
        if images_threshold is not None and item.image_urls and (
            decision is not None or clears_candidate_bar(result, images_threshold)
        ):
            queue_listing_images(session, listing_id, item.image_urls)
    return outcomes


def queue_evidence(
    session: Session, item: ListingItem, listing_id: int, alert_id: int, root: Path
) -> None:
    """Write the WARC and listing JSON now; the screenshot is taken after the crawl."""
    try:
        record_capture_request(
            session,
            listing_id=listing_id,
            alert_id=alert_id,
            url=item.url,
            marketplace=item.marketplace,
            external_id=item.external_id,
            exchanges=item.exchanges,
            listing_json=item.to_dict(),
            store=EvidenceStore(root),
            purpose="first_hit",
        )
    except OSError as exc:  # disk full, unreadable folder: keep the listing, retry later
        log.error("evidence for %s %s not written: %s", item.marketplace, item.external_id, exc)


@dataclass(frozen=True)
class RespoolReport:
    """What :func:`store_spooled` did: listings stored, and the files it had to leave."""

    stored: int = 0
    problems: tuple[str, ...] = ()


def store_spooled(
    sessions: sessionmaker[Session], settings: Settings, *, scan_id: int, capture_evidence: bool
) -> RespoolReport:
    """Store the listings earlier scans spooled, as sightings of scan ``scan_id``; delete each file after.

    Runs before the crawl so the crawl's own sightings of the same listings
    are the duplicates (one sighting per scan), not the other way round.
    """
    score = item_scorer(settings)
    stored, problems = 0, []
    threshold = settings.matching.candidate_threshold if settings.images.enabled else None
    for entry in iter_spool(settings.storage.spool_dir):
        if isinstance(entry, tuple):
            path, error = entry
            problems.append(f"spool file {path} cannot be read: {error}")
            continue
        batch = [(item, score(item)) for item in entry.items]
        try:
            with sessions.begin() as session:
                ingest_batch(session, batch, scan_id=scan_id,
                             evidence_root=settings.evidence.dir if capture_evidence else None,
                             images_threshold=threshold, ledger=settings.ledger)
        except Exception as exc:
            log.exception("spooled listings in %s still cannot be stored", entry.path)
            problems.append(f"spooled listings in {entry.path} still not stored: "
                            f"{type(exc).__name__}: {exc}")
            continue
        entry.path.unlink()
        stored += len(batch)
        log.warning("stored %d listing(s) spooled by an earlier scan (%s)", len(batch), entry.path.name)
    return RespoolReport(stored=stored, problems=tuple(problems))
