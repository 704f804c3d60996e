"""Gather an actor's case file from storage: one read, plain data out (:mod:`alerts.case.model`).

Stranger-written text is cleaned and masked here, once, for the reader the
file is made for (:func:`shown`): NIKs are masked unless ``reveal``, which the
caller audits before calling.  Evidence files are re-hashed against the
store, so the file says which ones still match what was captured.
"""

from __future__ import annotations

from collections.abc import Sequence
from datetime import UTC, datetime
from pathlib import Path

from sqlalchemy.orm import Session

from alerts.case.model import (
    CaseFile,
    CaseListing,
    CustodyEvent,
    EvidenceEntry,
    Link,
    RiskEntry,
    Screenshot,
    Shop,
)
from alerts.evidence.store import EvidenceStore, verify_file
from alerts.notices.render import one_line
from alerts.redaction import redact_text
from storage.actors import actor_events, actor_listings, resolve_actor_id
from storage.case import evidence_of_alerts, identifiers_by_listing, sellers_by_id
from storage.models import ActorRow, Alert, AlertEvent, Evidence, EvidenceBundle, Listing, Seller

#: a cap on one stranger-written field: a 1 MB title must not become a 1 MB report
MAX_TEXT = 500
SCREENSHOT_DIR = "screenshots"


class UnknownActor(LookupError):
    """No actor has this id (nor was one merged into another under it)."""


def shown(value: object, *, reveal: bool, limit: int = MAX_TEXT) -> str:
    """Stranger-written text made fit to print: one line, no control characters, NIKs masked unless ``reveal``.

    Masked before it is cut, so a cut never leaves half a NIK unmasked.
    """
    text = redact_text("" if value is None else str(value), reveal=reveal)
    return redact_text(one_line(text, limit=limit, mask=False), reveal=reveal)


def screenshot_name(alert_id: int, bundle_id: int) -> str:
    """Where a listing's screenshot goes in the case folder (relative, so the HTML needs no network)."""
    return f"{SCREENSHOT_DIR}/alert-{alert_id}-bundle-{bundle_id}.png"


def _evidence_entry(store: EvidenceStore, f: Evidence, alert_id: int) -> EvidenceEntry:
    path = _stored_at(store, f)
    return EvidenceEntry(alert_id=alert_id, bundle_id=f.bundle_id, kind=f.kind, name=f.name, size=f.size,
                         sha256=f.sha256, captured_at=f.captured_at, tool_version=f.tool_version,
                         problem=verify_file(path, f.sha256, f.size), path=str(path))


def _stored_at(store: EvidenceStore, f: Evidence) -> Path:
    """Where the file was stored at capture (its name in the content-addressed store if not recorded)."""
    return Path(f.path) if f.path else store.path_for(f.sha256)


def _screenshots(store: EvidenceStore, files: Sequence[tuple[Evidence, EvidenceBundle]],
                 alert_id: int) -> tuple[Screenshot, ...]:
    return tuple(Screenshot(bundle_id=b.id, sha256=f.sha256, captured_at=f.captured_at, purpose=b.purpose,
                            file_name=screenshot_name(alert_id, b.id), stored_at=str(_stored_at(store, f)))
                 for f, b in files if f.kind == "screenshot" and b.alert_id == alert_id)


def _listing(alert: Alert, listing: Listing, idents: list[tuple[str, str]],
             screenshots: tuple[Screenshot, ...], shop_key: str | None, reveal: bool) -> CaseListing:
    return CaseListing(
        alert_id=alert.id, marketplace=alert.marketplace, external_id=shown(listing.external_id, reveal=True),
        title=shown(listing.title, reveal=reveal), url=shown(listing.url, reveal=reveal, limit=2000),
        price=listing.price, first_seen=min(listing.first_seen_at, alert.opened_at),
        last_seen=max(listing.last_seen_at, alert.last_seen_at), status=alert.status, verdict=alert.verdict,
        shop_key=shop_key, notified_at=alert.notified_at, removed_at=alert.removed_at,
        identifiers=tuple((k, shown(v, reveal=reveal)) for k, v in idents), screenshots=screenshots)


def _custody(events: Sequence[AlertEvent], files: Sequence[tuple[Evidence, EvidenceBundle]], *,
             reveal: bool) -> tuple[CustodyEvent, ...]:
    """The audit events of the alerts and each evidence capture, oldest first."""
    out = [CustodyEvent(at=e.at, alert_id=e.alert_id, by=shown(e.actor, reveal=reveal), action=e.action,
                        note=shown(e.note, reveal=reveal)) for e in events]
    bundles: dict[int, tuple[EvidenceBundle, list[Evidence]]] = {}
    for f, b in files:
        bundles.setdefault(b.id, (b, []))[1].append(f)
    for bundle, parts in bundles.values():
        tools = sorted({f.tool_version for f in parts if f.tool_version})
        out.append(CustodyEvent(
            at=bundle.captured_at or min(f.captured_at for f in parts), alert_id=bundle.alert_id or 0,
            by=shown(", ".join(tools) or "ktpwatch", reveal=True), action="evidence_captured",
            note=f"bundle {bundle.id} ({bundle.purpose}): {len(parts)} file(s)"))
    return tuple(sorted(out, key=lambda c: (c.at, c.alert_id, c.action)))


def _shop_key(seller: Seller | None) -> str | None:
    """``marketplace:seller id``, as the actor links name a seller."""
    return f"{seller.marketplace}:{seller.external_id}" if seller is not None else None


def _risk(row: ActorRow) -> tuple[RiskEntry, ...]:
    return tuple(RiskEntry(name=str(r["name"]), weight=float(r["weight"]), points=float(r["points"]),
                           detail=str(r.get("detail", ""))) for r in row.risk_reasons)


def _links(row: ActorRow, reveal: bool) -> tuple[Link, ...]:
    return tuple(Link(a=int(x["a"]), b=int(x["b"]), reason=str(x["reason"]), strength=str(x["strength"]),
                      detail=shown(x.get("detail", ""), reveal=reveal)) for x in row.links)


def gather_case(session: Session, store: EvidenceStore, actor_id: str, *, reveal: bool,
                generated_by: str, now: datetime | None = None) -> CaseFile:
    """The case file of ``actor_id`` (an old, merged id is followed); :class:`UnknownActor` if none."""
    resolved = resolve_actor_id(session, actor_id)
    row = session.get(ActorRow, resolved) if resolved else None
    if row is None:
        raise UnknownActor(f"no actor {actor_id}")
    pairs = actor_listings(session, row.id)
    alert_ids = [a.id for a, _ in pairs]
    sellers = sellers_by_id(session, [li.seller_id for _, li in pairs if li.seller_id is not None])
    idents = identifiers_by_listing(session, [li.id for _, li in pairs])
    files = evidence_of_alerts(session, alert_ids)
    shops = {_shop_key(s): Shop(key=str(_shop_key(s)), marketplace=s.marketplace,
                                name=shown(s.name, reveal=reveal), url=shown(s.url, reveal=reveal, limit=2000))
             for s in sellers.values()}
    listings = tuple(_listing(a, li, idents.get(li.id, []), _screenshots(store, files, a.id),
                              _shop_key(sellers.get(li.seller_id) if li.seller_id else None), reveal)
                     for a, li in pairs)
    return CaseFile(
        actor_id=row.id, display_name=shown(row.display_name, reveal=reveal), status=row.status,
        risk_score=row.risk_score, risk=_risk(row), marketplaces=tuple(row.marketplaces),
        first_seen=row.first_seen_at, last_seen=row.last_seen_at,
        shops=tuple(sorted(shops.values(), key=lambda s: s.key)),
        listings=listings, links=_links(row, reveal),
        evidence=tuple(_evidence_entry(store, f, b.alert_id or 0) for f, b in files),
        custody=_custody(actor_events(session, alert_ids), files, reveal=reveal),
        generated_at=now or datetime.now(UTC), generated_by=shown(generated_by, reveal=True), revealed=reveal)
