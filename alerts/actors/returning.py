"""Actors back after a takedown, for the per-scan notification digest (:mod:`alerts.notify`).

A takedown removes a listing, not the seller: the one who comes back under a
new shop name is the one analysts most need to hear about. The scan rebuilds
the actors before its digest is sent, so a new listing joined to an actor by
its bank account, phone or photo is already a member when this is asked.
"""

from __future__ import annotations

from sqlalchemy.orm import Session

from alerts.notify import ReturningActor
from storage.actors import returned_after_takedown
from storage.models import Scan


def returning_after_takedown(session: Session, scan_id: int) -> list[ReturningActor]:
    """The actors scan ``scan_id`` saw back after a takedown, each once with its first new alert.

    The label names the actor's id, display name and risk (seller text: the
    digest escapes and masks it).
    """
    scan = session.get(Scan, scan_id)
    if scan is None:
        return []
    return [ReturningActor(label=f"{r.display_name} (actor {r.actor_id}, risk {r.risk_score})",
                           marketplace=r.marketplace, alert_id=r.alert_id)
            for r in returned_after_takedown(session, scan.started_at)]
