"""Query functions for evidence bundles and files. They take a session and never commit."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import datetime

from sqlalchemy import or_, select
from sqlalchemy.orm import Session

from storage.models import Alert, CaptureStatus, Evidence, EvidenceBundle, Listing


def create_bundle(
    session: Session, *, listing_id: int, alert_id: int | None, purpose: str
) -> EvidenceBundle:
    bundle = EvidenceBundle(
        listing_id=listing_id,
        alert_id=alert_id,
        purpose=purpose,
        status=CaptureStatus.PENDING.value,
    )
    session.add(bundle)
    session.flush()
    return bundle


def add_file(
    session: Session,
    bundle: EvidenceBundle,
    *,
    kind: str,
    name: str,
    path: str,
    sha256: str,
    size: int,
    captured_at: datetime,
    url: str = "",
    http_status: int | None = None,
    tool_version: str = "",
) -> Evidence:
    row = Evidence(
        bundle_id=bundle.id,
        listing_id=bundle.listing_id,
        alert_id=bundle.alert_id,
        kind=kind,
        name=name,
        path=path,
        sha256=sha256,
        size=size,
        captured_at=captured_at,
        url=url,
        http_status=http_status,
        tool_version=tool_version,
    )
    session.add(row)
    session.flush()
    return row


def get_bundle(session: Session, bundle_id: int) -> EvidenceBundle | None:
    return session.get(EvidenceBundle, bundle_id)


def bundle_files(session: Session, bundle_id: int) -> list[Evidence]:
    stmt = select(Evidence).where(Evidence.bundle_id == bundle_id).order_by(Evidence.id)
    return list(session.scalars(stmt))


def bundle_listing(session: Session, bundle: EvidenceBundle) -> Listing | None:
    return session.get(Listing, bundle.listing_id)


def capturable_bundle_ids(
    session: Session,
    *,
    max_attempts: int,
    bundle_ids: Sequence[int] | None = None,
    ignore_attempts: bool = False,
) -> list[int]:
    """Bundles still waiting for their screenshot, or failed with attempts left (any failed ones
    with ``ignore_attempts``)."""
    failed = EvidenceBundle.status == CaptureStatus.FAILED.value
    stmt = select(EvidenceBundle.id).where(
        or_(
            EvidenceBundle.status == CaptureStatus.PENDING.value,
            failed if ignore_attempts else failed & (EvidenceBundle.attempts < max_attempts),
        )
    )
    if bundle_ids is not None:
        stmt = stmt.where(EvidenceBundle.id.in_(list(bundle_ids)))
    return list(session.scalars(stmt.order_by(EvidenceBundle.requested_at, EvidenceBundle.id)))


def bundles_for_alerts(
    session: Session, alert_ids: Sequence[int] | None = None
) -> list[EvidenceBundle]:
    """Every bundle of these alerts (all bundles when None), oldest first."""
    stmt = select(EvidenceBundle)
    if alert_ids is not None:
        stmt = stmt.where(EvidenceBundle.alert_id.in_(list(alert_ids)))
    return list(session.scalars(stmt.order_by(EvidenceBundle.requested_at, EvidenceBundle.id)))


def missing_alert_ids(session: Session, alert_ids: Sequence[int]) -> list[int]:
    """The ids among ``alert_ids`` that name no alert."""
    found = set(session.scalars(select(Alert.id).where(Alert.id.in_(list(alert_ids)))))
    return sorted(set(alert_ids) - found)
