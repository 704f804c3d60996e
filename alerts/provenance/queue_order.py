"""Which alerts carry a chip traced to the stock ledger: the review queue opens with them.

Apart from :mod:`alerts.provenance.leak_report` because ``alerts list`` asks
this on every run, and before a ledger is imported (the usual case) the answer
is one index probe: the tracing machinery (ledger plans, OCR confusions, the
region table) is imported only when there is a ledger to trace against.
"""

from __future__ import annotations

from sqlalchemy.orm import Session

from config.settings import LedgerConfig
from storage.leak_sightings import chips_of_alerts
from storage.ledger import ledger_is_empty


def traced_alert_ids(session: Session, config: LedgerConfig) -> frozenset[int]:
    """Alerts with a chip traced to one ledger entry: they open at the top of the queue.

    Empty (one index probe) before a ledger is imported.
    """
    if ledger_is_empty(session):
        return frozenset()
    from alerts.provenance.trace import trace_chip

    traced: dict[str, bool] = {}
    found: set[int] = set()
    for alert_id, uid in chips_of_alerts(session):
        if uid not in traced:
            traced[uid] = trace_chip(session, uid, config).traced
        if traced[uid]:
            found.add(alert_id)
    return frozenset(found)
