"""Alerts in storage: one per listing that ever got a ``blank`` or ``related`` verdict.

* :mod:`~storage.alerts.lifecycle` — the state machine, conditional moves, assignment, audit events;
* :mod:`~storage.alerts.links` — why two alerts belong together;
* :mod:`~storage.alerts.opening` — opening alerts and attaching sightings (the table's one write path);
* :mod:`~storage.alerts.queries` — ``alerts list`` and ``alerts show``;
* :mod:`~storage.alerts.report` — per-marketplace outcomes, percentiles, weekly series.

Presentation (NIK masking) is not here: every output masks through
``alerts.redaction``. Functions take a session and never commit; callers own
the transaction.

The names below are imported from their submodule on first use (PEP 562
``__getattr__``), not all at once: ``alerts list`` needs the queries and the
lifecycle only, and the package loading every submodule (opening, links,
report and what they import) made each command start slower.
"""

from __future__ import annotations

import importlib
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
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

#: name -> the submodule that defines it
_HOMES: dict[str, str] = {
    "ActivityReport": "report",
    "AlertCandidate": "opening",
    "AlertChanged": "lifecycle",
    "AlertDecision": "opening",
    "AlertDetail": "queries",
    "AlertFilters": "queries",
    "AlertOutcome": "opening",
    "AlertRow": "queries",
    "CONFIRMED_PATH": "lifecycle",
    "IllegalTransition": "lifecycle",
    "LINKING_KINDS": "links",
    "LinkedAlert": "queries",
    "MarketplaceReport": "report",
    "SORT_COLUMNS": "queries",
    "TRANSITION_ACTIONS": "lifecycle",
    "UnknownAlert": "lifecycle",
    "WeekCount": "report",
    "activity_report": "report",
    "add_event": "lifecycle",
    "alert_outcome": "opening",
    "alerts_query": "queries",
    "attach_to_alert": "opening",
    "check_transition": "lifecycle",
    "get_alert_detail": "queries",
    "identifier_candidates": "queries",
    "link_alerts": "links",
    "linked_alerts": "queries",
    "list_alerts": "queries",
    "load_alerts": "lifecycle",
    "now_utc": "lifecycle",
    "open_alerts_batch": "opening",
    "open_or_attach_alert": "opening",
    "open_or_attach_alerts": "opening",
    "percentile": "report",
    "record_reveals": "lifecycle",
    "same_identifier_detail": "links",
    "same_seller_detail": "links",
    "transition": "lifecycle",
    "transition_unless_changed": "lifecycle",
}


def __getattr__(name: str) -> Any:
    """Import ``name``'s submodule on first use and keep the name here (module ``__getattr__``)."""
    home = _HOMES.get(name)
    if home is None:
        raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
    value = getattr(importlib.import_module(f"{__name__}.{home}"), name)
    globals()[name] = value
    return value


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
