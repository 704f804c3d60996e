"""How ``ktpwatch alerts show`` presents one alert: a Rich view for people, a JSON document for scripts.

Both take the :class:`storage.alerts.AlertDetail` and a ``mask`` (NIKs masked
unless the analyst asked for ``--reveal``, which the command audits) and pass
every listing-derived string through it and through :func:`safe_text`, so a
seller's text can neither reveal a NIK nor drive the terminal. The matched
words of the matcher's reasons are highlighted where they appear.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from dataclasses import asdict
from datetime import UTC, datetime
from typing import Any

from rich.console import Group
from rich.table import Table
from rich.text import Text

from crawler.cli.output import inert, safe_text
from storage.alerts import AlertDetail

Mask = Callable[[str], str]
HIGHLIGHT = "bold black on yellow"
TITLE_WIDTH = 60


def short(text: str, width: int = TITLE_WIDTH) -> str:
    """``text`` cut to ``width`` characters with an ellipsis."""
    return text if len(text) <= width else text[: width - 1] + "…"


def when(moment: datetime | None) -> str:
    return moment.astimezone(UTC).strftime("%Y-%m-%d %H:%M UTC") if moment else ""


def _iso(moment: datetime | None) -> str | None:
    return moment.isoformat() if moment else None


def _highlighted(text: str, words: Iterable[str], *, keep_newlines: bool = False) -> Text:
    shown = inert(text, keep_newlines=keep_newlines)
    needles = [w for w in (safe_text(word) for word in words) if len(w) >= 2]
    if needles:
        shown.highlight_words(needles, style=HIGHLIGHT, case_sensitive=False)
    return shown


def _section(title: str, columns: Iterable[str], rows: Iterable[Iterable[Any]]) -> Table | Text:
    """A titled table of listing-derived cells, or one dim line when there is nothing to show."""
    table = Table(title=title, title_justify="left", expand=False)
    for column in columns:
        table.add_column(column)
    for row in rows:
        table.add_row(*(cell if isinstance(cell, Text) else inert(cell) for cell in row))
    if not table.row_count:
        return Text(f"{title}: none", style="dim")
    return table


def _reasons(detail: AlertDetail) -> list[dict[str, Any]]:
    return [r for r in (detail.assessment.reasons if detail.assessment else []) if isinstance(r, dict)]


def _matched_words(detail: AlertDetail, mask: Mask) -> dict[str, list[str]]:
    """The words each reason matched, by the listing field they were found in."""
    words: dict[str, list[str]] = {}
    for reason in _reasons(detail):
        if reason.get("matched"):
            words.setdefault(str(reason.get("field", "")), []).append(mask(str(reason["matched"])))
    return words


def _header(detail: AlertDetail) -> Text:
    alert = detail.alert
    header = Text(f"Alert {alert.id}  ", style="bold")
    header.append(f"{alert.status}", style="bold cyan")
    header.append(f"  {alert.verdict}  score {alert.score:.1f}")
    if detail.assessment:
        header.append(f"  ({safe_text(detail.assessment.matcher_version)})", style="dim")
    return header


def _facts(detail: AlertDetail, mask: Mask, title_words: list[str]) -> Table:
    """The listing, seller and alert at a glance (label, value); empty values are left out."""
    alert, listing, seller = detail.alert, detail.listing, detail.seller
    seller_text = ""
    if seller:
        seller_text = f"{seller.name} ({seller.marketplace}:{seller.external_id})"
        seller_text += f", {seller.city}" if seller.city else ""
    facts = Table.grid(padding=(0, 2))
    facts.add_column(style="bold")
    facts.add_column()
    for label, value in (
        ("marketplace", listing.marketplace),
        ("listing id", listing.external_id),
        ("url", listing.url),
        ("title", None),
        ("price", f"Rp {listing.price:,}".replace(",", ".") if listing.price is not None else ""),
        ("seller", seller_text),
        ("seller url", seller.url if seller else ""),
        ("listing state", listing.state),
        ("first seen", when(listing.first_seen_at)),
        ("last seen", when(alert.last_seen_at)),
        ("sightings", str(alert.sighting_count)),
        ("opened", when(alert.opened_at)),
        ("assignee", alert.assignee or "-"),
        ("notified", when(alert.notified_at)),
        ("deadline", when(alert.deadline_at)),
        ("removed", when(alert.removed_at)),
    ):
        if label == "title":
            facts.add_row("title", _highlighted(mask(listing.title), title_words))
        elif value:
            facts.add_row(label, inert(mask(value)))
    return facts


def _history(detail: AlertDetail, mask: Mask) -> list[Table | Text]:
    """Links, sightings, evidence, notices, re-checks and the audit trail, one section each."""
    alert = detail.alert
    return [
        _section("Linked alerts", ("alert", "status", "reason", "detail", "relation", "marketplace", "title"),
                 ((str(lk.alert_id), lk.status, lk.reason, mask(lk.detail), lk.relation, lk.marketplace,
                   short(mask(lk.title))) for lk in detail.links)),
        _section(f"Sightings ({alert.sighting_count})", ("seen", "scan", "query", "price", "title", "hash"),
                 ((when(s.seen_at), str(s.scan_id or "-"), s.query, "" if s.price is None else str(s.price),
                   short(mask(s.title), 40), s.content_hash[:12]) for s in detail.sightings)),
        _section("Evidence", ("kind", "name", "sha256", "size", "captured", "path"),
                 ((e.kind, e.name, e.sha256, str(e.size), when(e.captured_at), e.path) for e in detail.evidence)),
        _section("Notices", ("notice", "kind", "status", "recipient", "sent", "deadline"),
                 ((n.notice_uid, n.kind, n.status, n.recipient, when(n.sent_at), when(n.deadline_at))
                  for n in detail.notices)),
        _section("Re-checks", ("checked", "outcome", "http", "detail"),
                 ((when(r.checked_at), r.outcome, "" if r.http_status is None else str(r.http_status),
                   mask(r.detail)) for r in detail.rechecks)),
        _section("Audit trail", ("at", "actor", "action", "status", "note"),
                 ((when(e.at), e.actor, e.action, f"{e.from_status or ''} -> {e.to_status}" if e.to_status else "",
                   mask(e.note)) for e in detail.events)),
    ]


def detail_view(detail: AlertDetail, mask: Mask) -> Group:
    """Everything about one alert for a terminal: facts, description, reasons, identifiers, history."""
    words = _matched_words(detail, mask)
    parts: list[Any] = [_header(detail), _facts(detail, mask, words.get("title", []))]
    if detail.listing.description:
        parts.append(Text("description", style="bold"))
        parts.append(_highlighted(mask(detail.listing.description), words.get("description", []),
                                  keep_newlines=True))
    parts.append(_section(
        "Why (matcher reasons)", ("rule", "field", "matched", "weight", "detail"),
        ((r.get("rule", ""), r.get("field", ""), Text(safe_text(mask(str(r.get("matched", "")))), style=HIGHLIGHT),
          r.get("weight", ""), mask(str(r.get("detail", "")))) for r in _reasons(detail)),
    ))
    parts.append(_section("Identifiers", ("kind", "value", "source"),
                          ((i.kind, mask(i.value), i.source) for i in detail.identifiers)))
    parts.extend(_history(detail, mask))
    return Group(*parts)


def _json_listing(detail: AlertDetail, text: Callable[[Any], Any]) -> dict[str, Any]:
    listing, seller = detail.listing, detail.seller
    return {
        "listing": {
            "marketplace": listing.marketplace, "external_id": text(listing.external_id),
            "url": text(listing.url), "title": text(listing.title),
            "description": text(listing.description), "price": listing.price,
            "state": listing.state, "first_seen": _iso(listing.first_seen_at),
        },
        "seller": None if seller is None else {
            "marketplace": seller.marketplace, "external_id": text(seller.external_id),
            "name": text(seller.name), "url": text(seller.url), "city": text(seller.city),
        },
        "matcher_version": detail.assessment.matcher_version if detail.assessment else None,
        "reasons": [{k: text(v) for k, v in r.items()} for r in _reasons(detail)],
        "identifiers": [
            {"kind": i.kind, "value": text(i.value), "source": i.source} for i in detail.identifiers
        ],
    }


def _json_history(detail: AlertDetail, text: Callable[[Any], Any]) -> dict[str, Any]:
    return {
        "links": [{**asdict(lk), "title": text(lk.title), "detail": text(lk.detail)} for lk in detail.links],
        "sightings": [
            {"seen": _iso(s.seen_at), "scan_id": s.scan_id, "query": text(s.query), "title": text(s.title),
             "price": s.price, "content_hash": s.content_hash} for s in detail.sightings
        ],
        "evidence": [
            {"kind": e.kind, "name": e.name, "path": e.path, "sha256": e.sha256, "size": e.size,
             "captured": _iso(e.captured_at), "url": text(e.url)} for e in detail.evidence
        ],
        "notices": [
            {"notice_uid": n.notice_uid, "kind": n.kind, "status": n.status, "recipient": n.recipient,
             "sent": _iso(n.sent_at), "deadline": _iso(n.deadline_at)} for n in detail.notices
        ],
        "rechecks": [
            {"checked": _iso(r.checked_at), "outcome": r.outcome, "http_status": r.http_status,
             "detail": text(r.detail)} for r in detail.rechecks
        ],
        "events": [
            {"at": _iso(e.at), "actor": text(e.actor), "action": e.action, "from": e.from_status,
             "to": e.to_status, "note": text(e.note)} for e in detail.events
        ],
    }


def detail_json(detail: AlertDetail, mask: Mask) -> dict[str, Any]:
    """Everything about one alert as one JSON object (the same keys as ever: scripts read them)."""
    alert = detail.alert

    def text(value: Any) -> Any:
        return safe_text(mask(value), keep_newlines=True) if isinstance(value, str) else value

    return {
        "id": alert.id,
        "status": alert.status,
        "verdict": alert.verdict,
        "score": alert.score,
        "assignee": alert.assignee,
        "opened": _iso(alert.opened_at),
        "last_seen": _iso(alert.last_seen_at),
        "notified": _iso(alert.notified_at),
        "deadline": _iso(alert.deadline_at),
        "removed": _iso(alert.removed_at),
        "sightings_count": alert.sighting_count,
        **_json_listing(detail, text),
        **_json_history(detail, text),
    }
