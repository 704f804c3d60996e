"""Actors: the sellers behind alerts, joined by shared identifiers, seller ids and photos, with a risk score.

Pure: records in, actors and scores out.  Storage, the CLI and case files build on it.
"""

from alerts.actors.evasion import evasive
from alerts.actors.graph import build_actors
from alerts.actors.model import (
    Actor,
    ActorGraph,
    Constraint,
    Edge,
    ListingRecord,
    Merge,
    Split,
    Strength,
)
from alerts.actors.risk import (
    ChipLookup,
    ChipStatus,
    RiskListing,
    RiskReason,
    RiskScore,
    no_ledger,
    risk_score,
)

__all__ = [
    "Actor",
    "ActorGraph",
    "ChipLookup",
    "ChipStatus",
    "Constraint",
    "Edge",
    "ListingRecord",
    "Merge",
    "RiskListing",
    "RiskReason",
    "RiskScore",
    "Split",
    "Strength",
    "build_actors",
    "evasive",
    "no_ledger",
    "risk_score",
]
