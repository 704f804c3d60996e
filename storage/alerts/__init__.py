"""Alerts in storage: one per listing that ever got a ``blank`` or ``related`` verdict.

* :mod:`~storage.alerts.lifecycle` — the state machine, conditional moves, assignment, audit events;
* :mod:`~storage.alerts.links` — why two alerts belong together;
* :mod:`~storage.alerts.opening` — opening alerts and attaching sightings (the table's one write path);
* :mod:`~storage.alerts.queries` — ``alerts list`` and ``alerts show``;
* :mod:`~storage.alerts.report` — per-marketplace outcomes, percentiles, weekly series.

Presentation (NIK masking) is not here: every output masks through
``alerts.redaction``. Functions take a session and never commit; callers own
the transaction.
"""

from storage.alerts.lifecycle import (
    CONFIRMED_PATH,
    TRANSITION_ACTIONS,
    AlertChanged,
    IllegalTransition,
    UnknownAlert,
    add_event,
    check_transition,
    load_alerts,
    now_utc,
    record_reveals,
    transition,
    transition_unless_changed,
)
from storage.alerts.links import (
    LINKING_KINDS,
    link_alerts,
    same_identifier_detail,
    same_seller_detail,
)
from storage.alerts.opening import (
    AlertCandidate,
    AlertDecision,
    AlertOutcome,
    alert_outcome,
    attach_to_alert,
    open_alerts_batch,
    open_or_attach_alert,
    open_or_attach_alerts,
)
from storage.alerts.queries import (
    SORT_COLUMNS,
    AlertDetail,
    AlertFilters,
    AlertRow,
    LinkedAlert,
    alerts_query,
    get_alert_detail,
    identifier_candidates,
    linked_alerts,
    list_alerts,
)
from storage.alerts.report import (
    ActivityReport,
    MarketplaceReport,
    WeekCount,
    activity_report,
    percentile,
)

__all__ = [
    "CONFIRMED_PATH",
    "LINKING_KINDS",
    "SORT_COLUMNS",
    "TRANSITION_ACTIONS",
    "ActivityReport",
    "AlertCandidate",
    "AlertChanged",
    "AlertDecision",
    "AlertDetail",
    "AlertFilters",
    "AlertOutcome",
    "AlertRow",
    "IllegalTransition",
    "LinkedAlert",
    "MarketplaceReport",
    "UnknownAlert",
    "WeekCount",
    "activity_report",
    "add_event",
    "alert_outcome",
    "alerts_query",
    "attach_to_alert",
    "check_transition",
    "get_alert_detail",
    "identifier_candidates",
    "link_alerts",
    "linked_alerts",
    "list_alerts",
    "load_alerts",
    "now_utc",
    "open_alerts_batch",
    "open_or_attach_alert",
    "open_or_attach_alerts",
    "percentile",
    "record_reveals",
    "same_identifier_detail",
    "same_seller_detail",
    "transition",
    "transition_unless_changed",
]
